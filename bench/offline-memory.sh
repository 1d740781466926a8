#!/usr/bin/env bash
# Offline scan memory (issue 17): peak RSS and wall time of `scan --offline` over generated exports of 10,000,
# 100,000 and 200,000 clusters (bench/offline_export.py), with the launcher's JVM flags and a fixed heap, and where the
# heap goes (OfflineMemoryProbe: live heap after reading, after evaluating). Prints a markdown table; the section
# "Offline scan memory" of bench/results.md is this output. Timings are reported, never asserted.
#
#   bench/offline-memory.sh                                   # the current build, 3 runs per size
#   bench/offline-memory.sh --jar before=/tmp/old-cli.jar --jar after=cli/target/neptune-guard-cli.jar
#   bench/offline-memory.sh --sizes 10000,100000 --heap 512m --runs 1
#
# Exports are written once to $BENCH_DATA (default target/bench-offline, ~775 MB for the three sizes).
# BENCH_SKIP_BUILD=1 reuses the jar and test classes in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=10000,100000,200000
heap=512m
runs=3
jars=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --heap) heap=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --jar) jars+=("$2"); shift 2 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
    ./mvnw -B -q -o -pl functions,cli -am package -DskipTests
    ./mvnw -B -q -o -pl functions,cli -am test-compile
fi
[[ ${#jars[@]} -gt 0 ]] || jars=("current=$root/cli/target/neptune-guard-cli.jar")
data=${BENCH_DATA:-$root/target/bench-offline}
mkdir -p "$data"
# The probe runs from this checkout's test classes on top of its CLI jar (which holds every runtime dependency).
probe_cp="$root/cli/target/test-classes:$root/cli/target/neptune-guard-cli.jar"
flags=(-Xmx"$heap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$1"; }

IFS=, read -ra size_list <<< "$sizes"
for n in "${size_list[@]}"; do
    [[ -f "$data/export-$n/clusters-us-east-1.json" ]] || python3 bench/offline_export.py --clusters "$n" --out "$data/export-$n"
done

echo "| jar | clusters | export MB | exit code | peak RSS MB (median of $runs) | wall s (median) |"
echo "|---|---:|---:|---|---:|---:|"
for n in "${size_list[@]}"; do
    dir="$data/export-$n"
    for spec in "${jars[@]}"; do
        # Jars alternate per size, so that a busier minute of a shared machine does not favour one of them.
        label=${spec%%=*}
        jar=${spec#*=}
        rss=()
        wall=()
        outcome=""
        for ((r = 0; r < runs; r++)); do
            log=$(mktemp)
            set +e
            /usr/bin/time -v java "${flags[@]}" -jar "$jar" scan --offline "$dir" --format json >/dev/null 2>"$log"
            code=$?
            set -e
            rss+=("$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$log")")
            wall+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s}' "$log")")
            if grep -q OutOfMemoryError "$log"; then outcome="$code (OutOfMemoryError)"; else outcome="$code"; fi
            rm -f "$log"
        done
        printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$(thousands "$n")" "$(du -sm "$dir" | cut -f1)" \
            "$outcome" "$(printf '%s\n' "${rss[@]}" | median)" "$(printf '%s\n' "${wall[@]}" | median)"
    done
done
echo
echo "Where the heap goes (this checkout's code, OfflineMemoryProbe with -Xmx4g: live heap after full collections):"
echo
echo "| clusters | after reading the export MB | after evaluating it MB | findings held |"
echo "|---:|---:|---:|---:|"
for n in "${size_list[@]}"; do
    probe=$(java -Xmx4g -XX:+UseSerialGC -cp "$probe_cp" dev.neptuneguard.cli.OfflineMemoryProbe "$data/export-$n" 2>&1 \
        | tail -1)
    printf '| %s | %s | %s | %s |\n' "$(thousands "$n")" "$(sed -n 's/.*after_read_mb=\([0-9]*\).*/\1/p' <<< "$probe")" \
        "$(sed -n 's/.*after_scan_mb=\([0-9]*\).*/\1/p' <<< "$probe")" \
        "$(thousands "$(sed -n 's/.*findings=\([0-9]*\).*/\1/p' <<< "$probe")")"
done
echo
echo "JVM flags: ${flags[*]} (the launcher's, with a fixed heap); $(java -version 2>&1 | head -1); $(nproc) cores;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
