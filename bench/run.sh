#!/usr/bin/env bash
# Benchmark suite of issue 8 (G1-G6): builds the Lambda jars, the launcher and the CLI, then runs
# dev.neptuneguard.artifacts.PerformanceBench from the functions module's test classes and writes bench/results.md.
# Timings are reported, never asserted: this is not part of `./mvnw verify`.
#
#   bench/run.sh                                   # everything: 20 runs, JDK 17 and (if present) Temurin 25
#   bench/run.sh --runs 5 --goals G1 --functions ClusterEncryptionHandler --configs default,C1
#
# Any option is passed to PerformanceBench (see its Javadoc). BENCH_SKIP_BUILD=1 reuses the jars in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
    ./mvnw -B -q -o -pl functions,cli -am package -DskipTests
fi
cp_file=functions/target/bench-classpath.txt
./mvnw -B -q -o -pl functions dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/$cp_file" >/dev/null

jdk17=${BENCH_JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
jdks=$jdk17
[[ -x "$jdk25/bin/java" ]] && jdks="$jdks,$jdk25"

cd functions
exec "$jdk17/bin/java" -cp "target/test-classes:target/classes:$(cat "$root/$cp_file")" \
    -Dartifacts.directory=target -Dartifacts.prefix=functions-0.1.0-SNAPSHOT -Devents.directory="$root/events" \
    dev.neptuneguard.artifacts.PerformanceBench --jdks "$jdks" --work target/bench \
    --cli-jar "$root/cli/target/neptune-guard-cli.jar" --out "$root/bench/results.md" "$@"
