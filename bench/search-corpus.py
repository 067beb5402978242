#!/usr/bin/env python3
"""Builds the code-search benchmark's corpus: real source code found on this machine, committed into a few git
repositories (one per source) under the given directory, each with its working tree checked out (git grep searches it).

    bench/search-corpus.py <directory> [max file bytes]

Sources, each used when present: the JDK's own sources (lib/src.zip of the installed JDKs, the largest one), the C
headers under /usr/include, and the Python standard library of python3. Only regular text files are copied: no
symlinks, no file with a NUL byte in its first 8000 bytes (git's and Codara's binary test), no file larger than
[max file bytes] (default 1 MiB, the indexer's default limit), so that Codara and git grep search the same bytes.
Prints one line per repository: name, files, bytes.
"""
import glob
import os
import subprocess
import sys
import sysconfig
import zipfile

BINARY_PROBE = 8000


def text(data):
    return b"\0" not in data[:BINARY_PROBE]


def jdk_sources():
    zips = [z for z in glob.glob("/usr/lib/jvm/*/lib/src.zip") + glob.glob("/usr/lib/jvm/*/src.zip") if os.path.isfile(z)]
    if os.environ.get("JAVA_HOME"):
        z = os.path.join(os.environ["JAVA_HOME"], "lib", "src.zip")
        if os.path.isfile(z):
            zips.append(z)
    if not zips:
        return None
    return max(set(os.path.realpath(z) for z in zips), key=os.path.getsize)


def copy_zip(archive, target, limit):
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            if info.is_dir() or info.file_size > limit or info.file_size == 0:
                continue
            data = z.read(info)
            if not text(data):
                continue
            write(target, info.filename, data)


def copy_tree(source, target, limit, keep=lambda path: True):
    for directory, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not os.path.islink(os.path.join(directory, d)))
        for name in sorted(files):
            path = os.path.join(directory, name)
            if os.path.islink(path) or not os.path.isfile(path) or not keep(path):
                continue
            size = os.path.getsize(path)
            if size == 0 or size > limit:
                continue
            with open(path, "rb") as f:
                data = f.read()
            if text(data):
                write(target, os.path.relpath(path, source), data)


def write(target, relative, data):
    path = os.path.join(target, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def commit(target):
    env = dict(os.environ, GIT_AUTHOR_DATE="2025-01-01T00:00:00Z", GIT_COMMITTER_DATE="2025-01-01T00:00:00Z")
    git = ["git", "-C", target, "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "core.autocrlf=false"]
    subprocess.run(["git", "init", "-q", "-b", "main", target], check=True)
    # No .gitignore or attributes of the sources may drop files: everything copied is committed.
    subprocess.run(git + ["add", "-A", "-f", "."], check=True, env=env)
    subprocess.run(git + ["commit", "-q", "-m", "corpus"], check=True, env=env)
    files = subprocess.run(["git", "-C", target, "ls-files", "-z"], check=True, capture_output=True).stdout.split(b"\0")
    size = sum(os.path.getsize(os.path.join(target, f.decode("utf-8", "surrogateescape"))) for f in files if f)
    return len([f for f in files if f]), size


def main():
    root = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 20
    os.makedirs(root, exist_ok=True)
    sources = []
    jdk = jdk_sources()
    if jdk:
        sources.append(("jdk", lambda t: copy_zip(jdk, t, limit), jdk))
    if os.path.isdir("/usr/include"):
        sources.append(("include", lambda t: copy_tree("/usr/include", t, limit), "/usr/include"))
    stdlib = sysconfig.get_paths()["stdlib"]
    if os.path.isdir(stdlib):
        sources.append(("python", lambda t: copy_tree(stdlib, t, limit, lambda p: "/site-packages/" not in p
                                                      and "/dist-packages/" not in p), stdlib))
    for name, fill, origin in sources:
        target = os.path.join(root, name)
        fill(target)
        files, size = commit(target)
        print(f"{name}\t{files}\t{size}\t{origin}")


if __name__ == "__main__":
    main()
