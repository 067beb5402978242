#!/bin/bash
# Sets up a Docker-API-compatible engine (rootful podman's Docker API service) on a Debian machine without one,
# and builds the images the Docker runner's engine tests use (codara-test/busybox and codara-test/busybox-httpd,
# from Debian's busybox-static: no registry is reachable in CI). Prints the socket's URL for
# CODARA_TEST_DOCKER_HOST; fails when containers cannot run here.
# Usage: .ci/podman-engine.sh [socket path]   (default /tmp/codara-podman.sock)
set -euo pipefail
SOCKET=${1:-/tmp/codara-podman.sock}
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || [ ! -x /bin/busybox ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc busybox-static >/dev/null
fi
# In a container without systemd and with cgroups v1 + an empty v2 hierarchy (hybrid): cgroupfs, events to a file,
# runc (crun refuses hybrid mode), the vfs storage driver (no overlay on overlay), and rlimits no higher than this
# process's own (the defaults are above the hard limit, which a container may not raise).
NOFILE=$(ulimit -Hn); NPROC=$(ulimit -Hu)
[ "$NOFILE" = unlimited ] && NOFILE=1048576
[ "$NPROC" = unlimited ] && NPROC=32768
[ "$NPROC" -gt 32768 ] && NPROC=32768
# A configuration of the machine's own is left alone.
MARK="# written by Codara's .ci/podman-engine.sh"
mkdir -p /etc/containers
if [ ! -f /etc/containers/containers.conf ] || grep -qF "$MARK" /etc/containers/containers.conf; then
cat > /etc/containers/containers.conf <<CONF
$MARK
[containers]
default_ulimits = ["nofile=$NOFILE:$NOFILE", "nproc=$NPROC:$NPROC"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
CONF
fi
[ -f /etc/containers/storage.conf ] || cat > /etc/containers/storage.conf <<CONF
[storage]
driver = "vfs"
runroot = "/run/containers/storage"
graphroot = "/var/lib/containers/storage"
CONF
if ! podman image exists codara-test/busybox:latest || ! podman image exists codara-test/busybox-httpd:latest; then
    ROOTFS=$(mktemp -d)
    mkdir -p "$ROOTFS/bin" "$ROOTFS/tmp" "$ROOTFS/etc" "$ROOTFS/root"
    cp /bin/busybox "$ROOTFS/bin/busybox"
    for applet in $(/bin/busybox --list); do
        [ -e "$ROOTFS/bin/$applet" ] || ln -s busybox "$ROOTFS/bin/$applet"
    done
    echo 'root:x:0:0:root:/root:/bin/sh' > "$ROOTFS/etc/passwd"
    echo 'root:x:0:' > "$ROOTFS/etc/group"
    chmod 1777 "$ROOTFS/tmp"
    tar -C "$ROOTFS" -c . | podman import --change 'ENV PATH=/bin' --change 'CMD ["sh"]' - codara-test/busybox:latest >/dev/null 2>&1
    # a service image: serves $GREETING over HTTP on port 8080
    mkdir -p "$ROOTFS/www"
    tar -C "$ROOTFS" -c . | podman import --change 'ENV PATH=/bin' \
        --change 'CMD ["sh", "-c", "echo \"${GREETING:-hello}\" > /www/index.html && exec httpd -f -p 8080 -h /www"]' \
        - codara-test/busybox-httpd:latest >/dev/null 2>&1
    rm -rf "$ROOTFS"
fi
# A fresh service each run: one left from an earlier run on the same machine was seen to stop starting containers
# ("write child: broken pipe") while it still answered pings.
pkill -f "podman system service --time=0 unix://$SOCKET" 2>/dev/null && sleep 0.5 || true
if ! curl -sf --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1; then
    rm -f "$SOCKET"
    nohup podman system service --time=0 "unix://$SOCKET" >/tmp/codara-podman-service.log 2>&1 &
    for _ in $(seq 1 50); do
        curl -sf --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1 && break
        sleep 0.2
    done
fi
# Fails (so that the caller skips the engine tests) when containers cannot run here after all.
podman run --rm codara-test/busybox:latest true
echo "unix://$SOCKET"
