#!/usr/bin/env python3
"""Writes a `git fast-import` stream of a synthetic repository on standard output, for bench/git-http.sh.

    git-http-repo.py COMMITS FILES [BRANCH] [SEED] [FROM]

The first commit adds FILES text files spread over a two-level directory tree (about 1 KB each, varied enough
that they do not delta against each other trivially); every later commit edits one to three files, so history
has the shape of real code: many small changes. With FROM (a commit id), the commits continue from it and
touch only the existing files. Deterministic for a given SEED.
"""
import random
import sys

commits = int(sys.argv[1])
files = int(sys.argv[2])
branch = sys.argv[3] if len(sys.argv) > 3 else "main"
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
parent = sys.argv[5] if len(sys.argv) > 5 else None
out = sys.stdout.buffer
words = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau "
         "upsilon phi chi psi omega return value index buffer stream commit branch merge object tree blob").split()
paths = [f"src/m{i % 64:02d}/p{(i // 64) % 16:02d}/file{i:05d}.txt" for i in range(files)]
contents = {}


def line():
    return " ".join(rng.choice(words) for _ in range(rng.randint(4, 12))) + f" {rng.randint(0, 1 << 30)}\n"


def data(payload):
    out.write(b"data %d\n" % len(payload))
    out.write(payload)
    out.write(b"\n")


def content(path):
    if path not in contents:
        contents[path] = [line() for _ in range(rng.randint(10, 30))]
    return "".join(contents[path]).encode()


when = 1_600_000_000
for n in range(commits):
    when += rng.randint(30, 3600)
    out.write(b"commit refs/heads/%s\n" % branch.encode())
    out.write(b"mark :%d\n" % (n + 1))
    ident = b"Bench Author %d <bench%d@example.com> %d +0000\n" % (n % 7, n % 7, when)
    out.write(b"author " + ident)
    out.write(b"committer " + ident)
    data(b"Change %d: %s" % (n, line().encode()))
    if n == 0 and parent:
        out.write(b"from %s\n" % parent.encode())
    if n == 0 and not parent:
        changed = paths
    else:
        changed = rng.sample(paths, rng.randint(1, 3))
        for path in changed:
            lines = contents.setdefault(path, [line() for _ in range(rng.randint(10, 30))])
            at = rng.randrange(len(lines) + 1)
            if lines and rng.random() < 0.3:
                lines[min(at, len(lines) - 1)] = line()
            else:
                lines.insert(at, line())
    for path in changed:
        out.write(b"M 100644 inline %s\n" % path.encode())
        data(content(path))
    out.write(b"\n")
out.write(b"done\n")
