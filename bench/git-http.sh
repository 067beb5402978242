#!/usr/bin/env bash
#
# Git over smart HTTP: Codara (JGit) against C git's own `git http-backend`, in the same run, on the same repository.
#
#   bench/git-http.sh [runs] [commits] [files]   (defaults 5, 20000, 5000; build first: ./mvnw install -DskipTests)
#
# Generates a repository with `git fast-import` (bench/git-http-repo.py: a first commit of [files] files, then
# [commits]-1 commits editing one to three files each), and serves it by
#   Codara   a fresh distribution: a repository created through the REST API, the history pushed into it, and
#            Codara's background maintenance (JGit GC after a push) left to repack it with a bitmap index;
#   C git    `git http-backend` behind bench/git-cgi-server.py (a small threaded CGI server), on a bare copy
#            repacked with `git repack -adb` (one pack and a bitmap index).
# Then measures, each server in turn within every run (after one warm-up clone of each), and prints medians and
# the ratio Codara / C git (below 1.0 means Codara is faster):
#   clone        end-to-end `git clone --bare` (transfer and the client's index-pack; no checkout)
#   server side  the server alone: one protocol-v0 want-all request (every ref, side-band-64k, ofs-delta,
#                no-progress) posted by curl, timed until the whole pack is read and discarded
#   8 parallel   8 simultaneous clones, wall time of the batch, as clones per minute (higher is better)
#   push         10 new commits (a new branch on top of the history) pushed by `git push`
#   fetch        `git fetch` of such a branch (10 new commits) into a clone that has the history
#   peak RSS     of the Codara JVM, and of the CGI server with every git process it forks, sampled every
#                100 ms over all the measurements above
# The targets are issue 8's: clone <= 1.0x, server side <= 0.8x, push <= 1.2x, 8 parallel >= C git's throughput.
# The load average is printed at both ends: on a shared machine the figures are only as steady as the load.
set -euo pipefail
runs=${1:-5}
commits=${2:-20000}
files=${3:-5000}
. "$(dirname "$0")/lib.sh"
bench=$(cd "$(dirname "$0")" && pwd)
archive=$(distribution_archive)

work=$(mktemp -d "${TMPDIR:-/tmp}/codara-bench.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
say() { echo "[$(date +%T)] $*" >&2; }
export GIT_CONFIG_NOSYSTEM=1 HOME="$work/home" GIT_TERMINAL_PROMPT=0 LC_ALL=C
mkdir -p "$HOME"
git config --global user.name Bench; git config --global user.email bench@example.com
git config --global init.defaultBranch main
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# ---- the repository
say "generating $commits commits of $files files"
source_repo="$work/source.git"; git init -q --bare "$source_repo"
python3 "$bench/git-http-repo.py" "$commits" "$files" main 42 | git -C "$source_repo" fast-import --quiet
git -C "$source_repo" repack -adq     # fast-import's packs are loose about deltas; both servers start from this
base=$(git -C "$source_repo" rev-parse main)
echo "repository: $(git -C "$source_repo" rev-list --count main) commits, $(git -C "$source_repo" ls-tree -r main | wc -l) files," \
  "pack $(( $(du -sk "$source_repo/objects/pack" | cut -f1) / 1024 )) MB"

# ---- C git behind a CGI server
cgit_root="$work/cgit"; mkdir -p "$cgit_root"
git clone -q --bare --no-local "$source_repo" "$cgit_root/bench.git"
git -C "$cgit_root/bench.git" config http.receivepack true
git -C "$cgit_root/bench.git" repack -adbq
cgit_port=$(free_port)
python3 "$bench/git-cgi-server.py" "$cgit_port" "$cgit_root" & cgit_pid=$!; pids+=("$cgit_pid")
cgit_url="http://127.0.0.1:$cgit_port/bench.git"

# ---- Codara
say "starting Codara"
tar xzf "$archive" -C "$work"; home=$(ls -d "$work"/codara-*/ | head -1)
printf 'authenticated.limit = 100000000\nanonymous.limit = 100000000\n' > "$home/etc/io.codara.auth.ratelimit.cfg"
printf 'delay.seconds = 1\n' > "$home/etc/io.codara.git.maintenance.cfg"
port=$(free_port)
export CODARA_HTTP_PORT=$port CODARA_SSH_PORT=$(free_port) CODARA_ROOT="$work/root" CODARA_ADMIN_PASSWORD='bench-password-1'
"$home/bin/codara" > "$work/console.log" 2>&1 & codara_pid=$!; pids+=("$codara_pid")
for _ in $(seq 1 1800); do curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 0.1; done
api="http://127.0.0.1:$port/api/v3"
token=$(curl -fs -u "admin:$CODARA_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["repo:write"]}' "$api/user/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
repo_id=$(curl -fs -H "Authorization: token $token" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
  "$api/user/repos" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
codara_url="http://x-access-token:$token@127.0.0.1:$port/admin/bench.git"
say "pushing the history into Codara"
s=$(now_ms); git -C "$source_repo" push -q "$codara_url" main; initial_push=$(( $(now_ms) - s ))
packs="$CODARA_ROOT/mnt/repos/$(printf '%02x' $(( repo_id & 255 )))/$repo_id.git/objects/pack"
say "waiting for Codara's maintenance to write a bitmap index"
for _ in $(seq 1 1800); do ls "$packs"/*.bitmap >/dev/null 2>&1 && break; sleep 0.5; done
ls "$packs"/*.bitmap >/dev/null 2>&1 || { echo "Codara wrote no bitmap index in $packs" >&2; exit 1; }
# From now on pushes schedule their repack a day later: no collection runs while we measure.
printf 'delay.seconds = 86400\n' > "$home/etc/io.codara.git.maintenance.cfg"
sleep 5
echo "Codara: initial push of the history $(awk -v v="$initial_push" 'BEGIN{printf "%.1f", v/1000}') s;" \
  "$(ls "$packs"/*.pack | wc -l) packs after maintenance ($(ls "$packs"/*.bitmap | wc -l) with a bitmap)"

python3 "$bench/rss-peak.py" "codara=$codara_pid" "cgit=$cgit_pid" > "$work/rss" & sampler=$!; pids+=("$sampler")

declare -A url=([codara]=$codara_url [cgit]=$cgit_url)
declare -A clone=() server=() parallel=() push=() fetch=()
servers=(codara cgit)
timed() { local s; s=$(now_ms); "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }; echo $(( $(now_ms) - s )); }

# ---- clones
for srv in "${servers[@]}"; do git clone -q --bare "${url[$srv]}" "$work/warm-$srv"; rm -rf "$work/warm-$srv"; done
say "clone: $runs runs"
for i in $(seq 1 "$runs"); do
  for srv in "${servers[@]}"; do
    clone[$srv]+="$(timed git clone -q --bare "${url[$srv]}" "$work/clone-$srv") "
    git -C "$work/clone-$srv" rev-parse -q --verify "$base" >/dev/null
    rm -rf "$work/clone-$srv"
  done
done

# ---- the server alone: a want-all upload-pack request
pkt() { printf '%04x%s' $(( ${#1} + 4 )) "$1"; }
want_all() { # url -> request body on stdout
  local first=1
  git ls-remote "$1" 'refs/heads/*' 'refs/tags/*' | cut -f1 | sort -u | while read -r sha; do
    if [ $first = 1 ]; then pkt "want $sha multi_ack_detailed side-band-64k thin-pack ofs-delta no-progress agent=bench"$'\n'; first=0
    else pkt "want $sha"$'\n'; fi
  done
  printf '0000'; pkt $'done\n'
}
say "server side: $runs runs"
declare -A bytes=()
for srv in "${servers[@]}"; do want_all "${url[$srv]}" > "$work/want-$srv"; done
for i in $(seq 1 "$runs"); do
  for srv in "${servers[@]}"; do
    read -r t b < <(curl -fs -o /dev/null -w '%{time_total} %{size_download}\n' -H 'Content-Type: application/x-git-upload-pack-request' \
      -H 'Accept: application/x-git-upload-pack-result' --data-binary "@$work/want-$srv" "${url[$srv]}/git-upload-pack")
    [ "${b%.*}" -gt 1048576 ] || { echo "the want-all request to $srv answered only $b bytes" >&2; exit 1; }
    server[$srv]+="$(awk -v t="$t" 'BEGIN{print int(t * 1000)}') "; bytes[$srv]=$b
  done
done

# ---- 8 parallel clones
say "8 parallel clones: $runs runs"
eight() { # url -> wall time of 8 simultaneous clones, in ms
  local s k p clones=()
  s=$(now_ms)
  for k in 1 2 3 4 5 6 7 8; do git clone -q --bare "$1" "$work/p$k" & clones+=($!); done
  for p in "${clones[@]}"; do wait "$p" || { echo "a parallel clone of $1 failed" >&2; exit 1; }; done
  echo $(( $(now_ms) - s )); rm -rf "$work"/p?; }
for i in $(seq 1 "$runs"); do
  for srv in "${servers[@]}"; do parallel[$srv]+="$(eight "${url[$srv]}") "; done
done

# ---- push and fetch of 10 new commits
say "push and fetch: $runs runs"
git clone -q --bare --no-local "$source_repo" "$work/pusher.git"
for srv in "${servers[@]}"; do git clone -q --bare --no-local "$source_repo" "$work/fetcher-$srv.git"; done
for i in $(seq 1 "$runs"); do
  python3 "$bench/git-http-repo.py" 10 "$files" "push-$i" "$((1000 + i))" "$base" | git -C "$work/pusher.git" fast-import --quiet
  for srv in "${servers[@]}"; do
    push[$srv]+="$(timed git -C "$work/pusher.git" push -q "${url[$srv]}" "push-$i") "
  done
  for srv in "${servers[@]}"; do
    fetch[$srv]+="$(timed git -C "$work/fetcher-$srv.git" fetch -q "${url[$srv]}" "refs/heads/push-$i:refs/heads/push-$i") "
    [ "$(git -C "$work/fetcher-$srv.git" rev-parse "push-$i")" = "$(git -C "$work/pusher.git" rev-parse "push-$i")" ]
  done
done

kill -TERM "$sampler"; wait "$sampler" || true
declare -A rss=(); while IFS== read -r k v; do rss[$k]=$v; done < "$work/rss"

# ---- report
med() { printf '%s\n' $1 | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
sec() { awk -v v="$1" 'BEGIN{printf "%.2f s", v/1000}'; }
line() { # label, codara runs, cgit runs, target
  local c g; c=$(med "$2"); g=$(med "$3")
  printf '%-26s Codara %9s  C git %9s  ratio %s  (target %s)\n' "$1" "$(sec "$c")" "$(sec "$g")" "$(ratio "$c" "$g")" "$4"
  printf '%-26s   runs (ms): Codara %s/ C git %s\n' "" "$2" "$3"
}
echo "medians over $runs runs (ratio = Codara / C git; below 1.0 Codara is faster):"
line "clone (end to end)" "${clone[codara]}" "${clone[cgit]}" "<= 1.0"
line "server side (want-all)" "${server[codara]}" "${server[cgit]}" "<= 0.8"
printf '%-26s   pack sent: Codara %s MB, C git %s MB\n' "" "$(( bytes[codara] / 1048576 ))" "$(( bytes[cgit] / 1048576 ))"
pc=$(med "${parallel[codara]}"); pg=$(med "${parallel[cgit]}")
printf '%-26s Codara %5.1f clones/min  C git %5.1f clones/min  throughput ratio %s  (target >= 1.0)\n' "8 parallel clones" \
  "$(awk -v v="$pc" 'BEGIN{print 8*60000/v}')" "$(awk -v v="$pg" 'BEGIN{print 8*60000/v}')" "$(ratio "$pg" "$pc")"
printf '%-26s   batch wall time (ms): Codara %s/ C git %s\n' "" "${parallel[codara]}" "${parallel[cgit]}"
line "push (10 commits)" "${push[codara]}" "${push[cgit]}" "<= 1.2"
line "fetch (10 new commits)" "${fetch[codara]}" "${fetch[cgit]}" "-"
echo "peak RSS while measured: Codara JVM $(( rss[codara] / 1024 )) MB; C git CGI server and its git processes $(( rss[cgit] / 1024 )) MB"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
