#!/usr/bin/env bash
#
# Boot-to-ready time and idle memory of the Codara distribution with its embedded PostgreSQL.
#
#   bench/boot-and-memory.sh [runs]      (default 3 runs; build first: ./mvnw install -DskipTests)
#
# Each run unpacks a fresh distribution, starts bin/codara, and measures:
#   first boot   from process start until GET /health/ready answers 200 (fresh root: initdb, migrations)
#   restart      the same after a clean stop (existing root)
#   idle memory  30 s after the restart: RSS of the JVM, and the PSS (proportional set size, so shared
#                memory counts once) of the PostgreSQL server and all its processes
# and prints the median of the runs, one line each.
set -euo pipefail
runs=${1:-3}
. "$(dirname "$0")/lib.sh"
archive=$(distribution_archive)

work=$(mktemp -d "${TMPDIR:-/tmp}/codara-bench.XXXXXX")
trap 'pkill -f "karaf.home=$work" 2>/dev/null || true; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }
wait_ready() { # port -> ms until ready
  local start=$1 port=$2
  for _ in $(seq 1 1200); do
    if curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$port/health/ready"; then echo $(( $(now_ms) - start )); return 0; fi
    sleep 0.1
  done
  echo "not ready after 120 s" >&2; return 1
}
kb() { awk -v k="$1" '$1==k":" {print $2}' "$2" 2>/dev/null || echo 0; }

first=(); restart=(); jvm=(); pg=()
for i in $(seq 1 "$runs"); do
  dir="$work/run$i"; mkdir -p "$dir"; tar xzf "$archive" -C "$dir"
  home=$(ls -d "$dir"/*/ | head -1)
  port=$(free_port); ssh=$(free_port); root="$dir/root"
  export CODARA_HTTP_PORT=$port CODARA_SSH_PORT=$ssh CODARA_ROOT=$root
  start=$(now_ms); "$home/bin/codara" > "$dir/console.log" 2>&1 & pid=$!
  first+=("$(wait_ready "$start" "$port")")
  kill -TERM $pid; wait $pid || true
  start=$(now_ms); "$home/bin/codara" > "$dir/console2.log" 2>&1 & pid=$!
  restart+=("$(wait_ready "$start" "$port")")
  sleep 30
  jvm+=("$(kb VmRSS /proc/$pid/status)")
  pm=$(head -1 "$root/postgres/postmaster.pid")
  total=0
  for p in $pm $(pgrep -P "$pm"); do total=$(( total + $(kb Pss /proc/$p/smaps_rollup) )); done
  pg+=("$total")
  kill -TERM $pid; wait $pid || true
  unset CODARA_HTTP_PORT CODARA_SSH_PORT CODARA_ROOT
done

m_first=$(printf '%s\n' "${first[@]}" | median); m_first=${m_first%.*}   # whole units, for shell arithmetic
m_restart=$(printf '%s\n' "${restart[@]}" | median); m_restart=${m_restart%.*}   # whole units, for shell arithmetic
m_jvm=$(printf '%s\n' "${jvm[@]}" | median); m_jvm=${m_jvm%.*}   # whole units, for shell arithmetic
m_pg=$(printf '%s\n' "${pg[@]}" | median); m_pg=${m_pg%.*}   # whole units, for shell arithmetic
echo "first boot to ready (fresh root, embedded PostgreSQL): median $(awk -v v="$m_first" 'BEGIN{printf "%.1f", v/1000}') s over $runs runs (${first[*]} ms); target < 15 s"
echo "restart to ready: median $(awk -v v="$m_restart" 'BEGIN{printf "%.1f", v/1000}') s over $runs runs (${restart[*]} ms)"
echo "idle memory 30 s after ready: median $(( (m_jvm + m_pg) / 1024 )) MB = JVM RSS $(( m_jvm / 1024 )) MB + PostgreSQL PSS $(( m_pg / 1024 )) MB over $runs runs; target < 600 MB"
