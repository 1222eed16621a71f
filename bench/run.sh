#!/usr/bin/env bash
# Builds the bench module (and what it depends on) and runs the benchmark harness.
#
#   bench/run.sh [--scale S] [--only W1,W3,...] [--smoke] [--out FILE] [--work DIR]
#                [--load-seconds S] [--load-mix L,R,I]
#
# --smoke runs a tiny scale in well under a minute and exits non-zero when any engine's result
# differs from SQLite's (or the harness itself fails); the full run (scale 1) writes
# docs/benchmarks.md. BENCH_HEAP sets the heap of the harness and of W8's and W12's child JVMs
# (default 6g).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "Building the bench module..." >&2
mvn -B -q -pl bench -am package -DskipTests

# A run takes minutes; a concurrent build of the other modules must not pull the jars out from
# under it (or from under W8's and W12's child JVMs), so it runs on a private copy of its class path.
mkdir -p bench/runs
lib="$(mktemp -d "$root/bench/runs/classpath.XXXXXX")"
trap 'rm -rf "$lib"' EXIT
IFS=: read -r -a jars < bench/target/classpath.txt || true  # the file has no final newline
cp bench/target/asyncdb-bench-*.jar "${jars[@]}" "$lib/"
# W12's child JVMs load the driver from the shaded jar alone, as an application would.
mkdir "$lib/driver"
cp jdbc-driver/target/asyncdb-jdbc-driver-*-all.jar "$lib/driver/"
driver_jar="$(ls "$lib"/driver/*.jar)"

status=0
java -Xmx"${BENCH_HEAP:-6g}" -Duser.timezone=UTC -Dbench.driverJar="$driver_jar" -cp "$lib/*" \
  dev.asyncdb.bench.BenchMain "$@" || status=$?
exit "$status"
