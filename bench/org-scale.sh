#!/usr/bin/env bash
# Organization scale (issue 11): `scan --org` and the organization sweep over an organization of 500 accounts x 4
# regions simulated on the local stub (cli/src/test/.../OrganizationStub: STS, Organizations, Neptune and KMS answered
# per signing access key), at several parallelisms, without and with a fixed delay per call that models AWS round
# trips. Wall time, CPU time and peak RSS (GNU time) of each run in a fresh JVM, AWS calls per account counted by the
# stub. Prints a markdown report; the section "Organization scale" of bench/results.md is this output. Timings are
# reported, never asserted: this is not part of `./mvnw verify` (OrganizationScanIT asserts the call counts).
#
#   bench/org-scale.sh                                           # 500 accounts, parallelism 8,16,32, delays 0,100 ms
#   bench/org-scale.sh --accounts 50 --parallelism 16 --delays 50 --sweep-parallelism 16
#
# Options go to dev.neptuneguard.cli.OrganizationBench (see its Javadoc). BENCH_SKIP_BUILD=1 reuses what is in
# target/. About 15 minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
    ./mvnw -B -q -o -pl functions,iac,cli -am package -DskipTests
fi
run=$root/cli/target/org-bench
rm -rf "$run" && mkdir -p "$run"
# test-compile in the same invocation lets the reactor name the functions and iac modules by their classes folders.
./mvnw -B -q -o -pl functions,iac,cli test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath.txt >/dev/null
# Copies, so that a rebuild while the benchmark runs cannot change what it measures.
cp cli/target/neptune-guard-cli.jar "$run/"
cp -r cli/target/test-classes "$run/test-classes"
cp -r cli/target/classes "$run/classes"
cp -r functions/target/classes "$run/functions-classes"
# The reactor names functions by its jar or classes folder: use the copy instead.
classpath=$(sed -e "s#$root/functions/target/classes#$run/functions-classes#" cli/target/test-classpath.txt)
classpath="$run/test-classes:$run/classes:$classpath"

exec java -cp "$classpath" dev.neptuneguard.cli.OrganizationBench --cli-jar "$run/neptune-guard-cli.jar" \
    --classpath "$classpath" --work "$run" --out "$run/org-scale.md" "$@"
