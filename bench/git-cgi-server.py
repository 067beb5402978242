#!/usr/bin/env python3
"""A small threaded CGI server for C git's `git http-backend`, the baseline of bench/git-http.sh.

    git-cgi-server.py PORT PROJECT_ROOT

Every request runs one `git http-backend` with the CGI environment it documents (GIT_PROJECT_ROOT,
GIT_HTTP_EXPORT_ALL, REMOTE_USER so that pushes are allowed, every request header as HTTP_*, including
Git-Protocol for protocol v2 and Content-Encoding for gzipped requests). Chunked request bodies (git sends large
pushes that way) are decoded and streamed to the backend, which then reads to end of input. The response is
streamed back as it is produced, delimited by closing the connection (HTTP/1.0), so nothing is buffered whole.
"""
import http.server
import os
import subprocess
import sys
import threading

PORT = int(sys.argv[1])
ROOT = sys.argv[2]
CHUNK = 1 << 16


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.run_backend()

    def do_POST(self):
        self.run_backend()

    def run_backend(self):
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ["PATH"],
            "GIT_PROJECT_ROOT": ROOT,
            "GIT_HTTP_EXPORT_ALL": "1",
            "REMOTE_USER": "bench",
            "REMOTE_ADDR": self.client_address[0],
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.0",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
        }
        for name, value in self.headers.items():
            env["HTTP_" + name.upper().replace("-", "_")] = value
        if "HTTP_GIT_PROTOCOL" in env:
            env["GIT_PROTOCOL"] = env["HTTP_GIT_PROTOCOL"]
        chunked = self.headers.get("Transfer-Encoding", "").lower() == "chunked"
        length = int(self.headers.get("Content-Length") or 0)
        if not chunked and self.command == "POST":
            env["CONTENT_LENGTH"] = str(length)
        backend = subprocess.Popen(["git", "http-backend"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   bufsize=0)
        feeder = threading.Thread(target=self.feed, args=(backend.stdin, chunked, length), daemon=True)
        feeder.start()
        out = backend.stdout
        head = b""
        while b"\r\n\r\n" not in head and b"\n\n" not in head:
            piece = out.read(CHUNK)
            if not piece:
                break
            head += piece
        sep = b"\r\n\r\n" if b"\r\n\r\n" in head else b"\n\n"
        header_block, _, rest = head.partition(sep)
        status = "200 OK"
        headers = []
        for raw in header_block.decode("latin-1").splitlines():
            name, _, value = raw.partition(":")
            if name.lower() == "status":
                status = value.strip()
            elif name:
                headers.append((name, value.strip()))
        self.wfile.write(("HTTP/1.0 %s\r\n" % status).encode("latin-1"))
        for name, value in headers:
            self.wfile.write(("%s: %s\r\n" % (name, value)).encode("latin-1"))
        self.wfile.write(b"Connection: close\r\n\r\n")
        self.wfile.write(rest)
        fd = out.fileno()
        while True:
            piece = os.read(fd, CHUNK)
            if not piece:
                break
            self.wfile.write(piece)
        self.wfile.flush()
        feeder.join()
        backend.wait()

    def feed(self, stdin, chunked, length):
        try:
            if chunked:
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        self.rfile.readline()
                        break
                    stdin.write(self.rfile.read(size))
                    self.rfile.readline()
            else:
                while length > 0:
                    piece = self.rfile.read(min(CHUNK, length))
                    if not piece:
                        break
                    stdin.write(piece)
                    length -= len(piece)
        except BrokenPipeError:
            pass
        finally:
            try:
                stdin.close()
            except BrokenPipeError:
                pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


Server(("127.0.0.1", PORT), Handler).serve_forever()
