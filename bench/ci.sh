#!/usr/bin/env bash
#
# CI: how soon a push shows its first log line, and how fast the job queue hands out jobs.
#
#   bench/ci.sh [pushes] [jobs]      (defaults 9 and 50; build first: ./mvnw install -DskipTests)
#
# Starts one fresh distribution (embedded PostgreSQL, the built-in shell runner with its default 2 slots), creates a
# repository and pushes to it with the real git:
# 1. Latency: [pushes] times, a commit whose workflow has one job printing a marker; the time from `git push`
#    returning until the marker is readable in the job's log over the REST API (polled every 20 ms, so the figure
#    includes up to 20 ms of polling), median and spread. Issue 6's target: under 2 s.
# 2. Throughput: one push whose workflow has a matrix of [jobs] jobs with a no-op step (`true`); jobs per second
#    from the run's creation to its completion, each job with its real checkout (git fetch of the commit into a
#    fresh workspace) and clean-up.
set -euo pipefail
pushes=${1:-9}
jobs=${2:-50}
. "$(dirname "$0")/lib.sh"
start_distribution 'bench-password-1'
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

token=$(curl -fs -u "admin:$CODARA_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["repo:write"]}' "$api/user/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth=(-H "Authorization: token $token")
curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"ci-bench"}' "$api/user/repos" > /dev/null
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
clone="$work/clone"
git init -q -b main "$clone"
git -C "$clone" config user.name bench; git -C "$clone" config user.email bench@example.com
git -C "$clone" remote add origin "http://admin:$token@127.0.0.1:$port/admin/ci-bench.git"
mkdir -p "$clone/.codara/workflows"

now_ms() { date +%s%3N; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# The id of the first job of the run at commit $1, once there is one.
job_of() {
  local run
  while :; do
    run=$(curl -fs "${auth[@]}" "$api/repos/admin/ci-bench/actions/runs?head_sha=$1" | json 'd["workflow_runs"][0]["id"] if d["workflow_runs"] else ""')
    [ -n "$run" ] && break; sleep 0.02
  done
  while :; do
    job=$(curl -fs "${auth[@]}" "$api/repos/admin/ci-bench/actions/runs/$run/jobs" | json 'd["jobs"][0]["id"] if d["jobs"] else ""')
    [ -n "$job" ] && { echo "$run $job"; return; }; sleep 0.02
  done
}

latencies=()
for i in $(seq 1 "$pushes"); do
  cat > "$clone/.codara/workflows/first-line.yml" <<YAML
name: First line
on: push
jobs:
  hello:
    runs-on: shell
    steps:
      - run: echo "marker-$i"
YAML
  echo "$i" > "$clone/count.txt"
  git -C "$clone" add -A; git -C "$clone" commit -q -m "push $i"
  sha=$(git -C "$clone" rev-parse HEAD)
  git -C "$clone" push -q origin main
  start=$(now_ms)
  read -r run job < <(job_of "$sha")
  until curl -fs "${auth[@]}" "$api/repos/admin/ci-bench/actions/jobs/$job/logs" | grep -q "marker-$i"; do sleep 0.02; done
  latencies+=($(( $(now_ms) - start )))
  # Let the run finish before the next push, so each push finds the runner idle.
  until [ "$(curl -fs "${auth[@]}" "$api/repos/admin/ci-bench/actions/runs/$run" | json 'd["status"]')" = completed ]; do sleep 0.05; done
done
sorted=$(printf '%s\n' "${latencies[@]}" | sort -n | tr '\n' ' ')
latency_median=$(printf '%s\n' "${latencies[@]}" | median)

rm "$clone/.codara/workflows/first-line.yml"
values=$(seq 1 "$jobs" | paste -sd, -)
cat > "$clone/.codara/workflows/matrix.yml" <<YAML
name: Matrix
on: push
jobs:
  noop:
    runs-on: shell
    strategy:
      fail-fast: false
      matrix:
        n: [$values]
    steps:
      - run: "true"
YAML
git -C "$clone" add -A; git -C "$clone" commit -q -m "matrix of $jobs"
sha=$(git -C "$clone" rev-parse HEAD)
git -C "$clone" push -q origin main
read -r run _ < <(job_of "$sha")
until [ "$(curl -fs "${auth[@]}" "$api/repos/admin/ci-bench/actions/runs/$run" | json 'd["status"]')" = completed ]; do sleep 0.1; done
read -r conclusion seconds done_jobs < <(curl -fs "${auth[@]}" "$api/repos/admin/ci-bench/actions/runs/$run/jobs?per_page=100" \
  | python3 -c '
import json, sys
from datetime import datetime
jobs = json.load(sys.stdin)["jobs"]
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
first = min(t(j["created_at"] if j.get("created_at") else j["started_at"]) for j in jobs)
last = max(t(j["completed_at"]) for j in jobs)
ok = all(j["conclusion"] == "success" for j in jobs)
print("success" if ok else "failure", round(last - first, 2), len(jobs))')
run_conclusion=$(curl -fs "${auth[@]}" "$api/repos/admin/ci-bench/actions/runs/$run" | json 'd["conclusion"]')

echo "load average at start: $load_start, at end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "push to first log line, $pushes pushes: median ${latency_median} ms (sorted: ${sorted}ms; target < 2000 ms)"
echo "queue throughput: $done_jobs no-op jobs (${conclusion}, run ${run_conclusion}) in ${seconds} s from the first job's creation to the last one's completion: $(awk -v n="$done_jobs" -v s="$seconds" 'BEGIN{printf "%.1f", n/s}') jobs/s with 2 shell runner slots"
