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
