#!/usr/bin/env python3
"""Samples the resident memory of process trees until SIGTERM, then prints each tree's peak, in KiB.

    rss-peak.py NAME=PID [NAME=PID ...]

A tree is the process and every descendant alive at the sampling instant (C git's CGI server forks an
http-backend, upload-pack and pack-objects per request), summed; sampled every 100 ms. Used by bench/git-http.sh.
"""
import os
import signal
import sys
import time

roots = {name: int(pid) for name, pid in (arg.split("=", 1) for arg in sys.argv[1:])}
peaks = {name: 0 for name in roots}
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)


def snapshot():
    parent, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/statm") as f:
                resident = int(f.read().split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue  # the process ended while being read
        parent[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
        rss[int(entry)] = resident * os.sysconf("SC_PAGE_SIZE") // 1024
    return parent, rss


while running:
    parent, rss = snapshot()
    for name, root in roots.items():
        total = 0
        for pid in rss:
            p = pid
            while p > 1 and p != root:
                p = parent.get(p, 0)
            if p == root:
                total += rss[pid]
        peaks[name] = max(peaks[name], total)
    time.sleep(0.1)
for name, peak in peaks.items():
    print(f"{name}={peak}")
