#!/usr/bin/env bash
#
# Code search: Codara's index against git grep, in the same run, on the same checkouts of real source code.
#
#   bench/search.sh [runs] [git-runs]   (defaults 100 and 5; needs git, python3 and universal-ctags; builds what it needs)
#
# 1. Builds a corpus (bench/search-corpus.py): the JDK's sources (src.zip of the largest installed JDK), /usr/include
#    and Python's standard library, each committed into a generated git repository with its working tree, text files
#    of at most 1 MiB only (git's binary test; the indexer's default size limit), so both sides search the same bytes.
#    It must come to at least 200 MB.
# 2. Runs io.codara.search.internal.SearchBenchmark (bundles/search/src/test/java) through Maven's test classpath:
#    the real CodeIndexer and CodeIndex, driven without OSGi as the unit tests' SearchFixture does, index the
#    repositories with symbol extraction (JavaParser + ctags); then each query of bench/search-queries.tsv runs
#    through IndexedCodeSearch.search (first page of 20 with line matches, as GET /search/code/lines asks), warm, up to
#    [runs] times (at most ~15 s per query), interleaved with [git-runs] runs of `git grep -n -I` (-F for literals,
#    -P for regular expressions) over the same working trees. It is no part of the normal test run.
# 3. Prints the report and writes it to bench/results/search-<date>.md: indexing MB/s (wall and CPU), index size as
#    a share of the source, p50/p99 latency per query beside git grep's median, and the ratio
#    (git grep / Codara p50; above 1 Codara is faster). The targets are issue 5's: literal p50 < 50 ms and >= 10x
#    git grep; index < 1.5x the source.
#
# Environment: MVN_FLAGS (extra Maven flags, e.g. "-o -Dmaven.repo.local=..."), SEARCH_BENCH_WITHOUT_SYMBOLS=1 (also
# index once without symbols), TMPDIR (where the corpus and the indexes go: about 1 GB).
# The load average is printed at both ends: on a shared machine the figures are only as steady as the load.
set -euo pipefail
runs=${1:-100}
git_runs=${2:-5}
. "$(dirname "$0")/lib.sh"
bench=$(cd "$(dirname "$0")" && pwd)
command -v git >/dev/null && command -v python3 >/dev/null || { echo "needs git and python3" >&2; exit 1; }
command -v ctags >/dev/null || echo "warning: no ctags on PATH: only Java's symbols are extracted" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/codara-search-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
say() { echo "[$(date +%T)] $*" >&2; }
# No user or system git configuration (grep.* settings) changes what git grep does; HOME stays for Maven's ~/.m2.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C
mkdir -p "$bench/results"
started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average at start: $load_start on $(nproc) cores"

say "building the corpus"
python3 "$bench/search-corpus.py" "$work/corpus" > "$work/corpus.tsv"
total=$(awk -F'\t' '{s += $3} END {print s}' "$work/corpus.tsv")
corpus_table=$(awk -F'\t' '{printf "| %s | %s | %d | %.1f |\n", $1, $4, $2, $3 / 1048576; f += $2; s += $3}
  END {printf "| all | | %d | %.1f |\n", f, s / 1048576}' "$work/corpus.tsv")
[ "$total" -ge $(( 200 * 1024 * 1024 )) ] || {
  echo "The corpus is only $(( total / 1048576 )) MB (at least 200 MB wanted): install a JDK with lib/src.zip" >&2; exit 1; }

say "indexing and querying (Maven; the first build takes a while)"
report="$work/report.md"
# -am builds the modules the search bundle needs, so no install is needed first; -Dtest runs only the benchmark.
(cd "$bench_top" && ./mvnw -B -q ${MVN_FLAGS:-} -pl bundles/search -am test -Dtest=SearchBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx2g \
  -Dcodara.bench.corpus="$work/corpus" -Dcodara.bench.queries="$bench/search-queries.tsv" \
  -Dcodara.bench.out="$report" -Dcodara.bench.work="$work" -Dcodara.bench.runs="$runs" \
  -Dcodara.bench.gitRuns="$git_runs" -Dcodara.bench.withoutSymbols="${SEARCH_BENCH_WITHOUT_SYMBOLS:+true}" \
  2>&1 | { grep -v -e '^SLF4J' -e 'Sharing is only supported' || true; } >&2)
[ -s "$report" ] || { echo "the benchmark wrote no report" >&2; exit 1; }

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
results="$bench/results/search-$(date +%F).md"
{
  echo "# Code search benchmark, $(date '+%F %H:%M')"
  echo
  echo "\`bench/search.sh $runs $git_runs\` at $(git -C "$bench_top" rev-parse --short HEAD) on $(nproc) cores" \
    "($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(( $(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) / 1048576 )) GB;" \
    "$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1), $(git --version), $(ctags --version 2>/dev/null | head -1 | cut -d, -f1)." \
    "Load average $load_start at start, $load_end at end; $(( ($(date +%s) - started) / 60 )) min in all."
  echo
  echo "## Corpus"
  echo
  echo "| repository | from | files | MB |"
  echo "|---|---|---:|---:|"
  echo "$corpus_table"
  echo
  cat "$report"
} > "$results"
cat "$results"
echo
echo "written to ${results#"$bench_top"/}"
