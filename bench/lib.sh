# What the benchmarks share; sourced by bench/*.sh.
#   distribution_archive   the built distribution (exits with a hint when there is none)
#   free_port              an unused local TCP port
#   median                 the median of the numbers on standard input (an integer when they are integers)
bench_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64; fi

distribution_archive() {
  local archive
  archive=$(ls "$bench_top"/karaf-assembly/target/codara-distribution-*.tar.gz 2>/dev/null | head -1)
  [ -n "$archive" ] || { echo "No distribution: run ./mvnw install -DskipTests first" >&2; exit 1; }
  echo "$archive"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
median() { sort -n | awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; print (m == int(m) ? int(m) : m)}'; }

# Unpacks the built distribution into a fresh temporary folder and starts it with rate limits lifted, waiting until it
# is ready; sets work, home, port, api and pid, and stops it and removes the folder on exit.
#   $1  the admin password to start with (CODARA_ADMIN_PASSWORD)
start_distribution() {
  local archive
  archive=$(distribution_archive)
  work=$(mktemp -d "${TMPDIR:-/tmp}/codara-bench.XXXXXX")
  trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
  tar xzf "$archive" -C "$work"; home=$(ls -d "$work"/*/ | head -1)
  printf 'authenticated.limit = 100000000\nanonymous.limit = 100000000\n' > "$home/etc/io.codara.auth.ratelimit.cfg"
  port=$(free_port)
  export CODARA_HTTP_PORT=$port CODARA_SSH_PORT=$(free_port) CODARA_ROOT="$work/root"
  export CODARA_ADMIN_PASSWORD=$1
  "$home/bin/codara" > "$work/console.log" 2>&1 & pid=$!
  api="http://127.0.0.1:$port/api/v3"
  for _ in $(seq 1 1200); do curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$port/health/ready" && return; sleep 0.1; done
  echo "Codara did not become ready; its console: $work/console.log" >&2; exit 1
}
