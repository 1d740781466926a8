#!/usr/bin/env bash
# Benchmark suite of issue 8 (G1-G6): builds the Lambda jars, the launcher and the CLI, then runs
# dev.neptuneguard.artifacts.PerformanceBench from the functions module's test classes and writes bench/results.md.
# Timings are reported, never asserted: this is not part of `./mvnw verify`.
#
#   bench/run.sh                                   # everything: 20 runs, JDK 17 and (if present) Temurin 25
#   bench/run.sh --runs 5 --goals G1 --functions ClusterEncryptionHandler --configs default,C1
#
# Options go to PerformanceBench (see its Javadoc). BENCH_SKIP_BUILD=1 reuses what is in target/. The jars and test
# classes are copied to target/bench/run first, so a rebuild while the benchmark runs cannot change what it measures.
# Needs about 50 minutes for the full set on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
    ./mvnw -B -q -o -pl functions,cli -am package -DskipTests
fi
run=$root/functions/target/bench/run
rm -rf "$run" && mkdir -p "$run"
./mvnw -B -q -o -pl functions dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$run/classpath.txt" >/dev/null
cp functions/target/functions-*-{guard,sweep,config,delivery,launcher}.jar "$run/"
cp -r functions/target/test-classes functions/target/classes "$run/"

jdk17=${BENCH_JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
jdks=$jdk17
[[ -x "$jdk25/bin/java" ]] && jdks="$jdks,$jdk25"

cd "$run"
exec "$jdk17/bin/java" -cp "test-classes:classes:$(cat classpath.txt)" \
    -Dartifacts.directory="$run" -Dartifacts.prefix=functions-0.1.0-SNAPSHOT -Devents.directory="$root/events" \
    dev.neptuneguard.artifacts.PerformanceBench --jdks "$jdks" --work "$run" \
    --cli-jar "$root/cli/target/neptune-guard-cli.jar" --out "$root/bench/results.md" "$@"
