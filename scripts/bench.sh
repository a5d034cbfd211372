#!/usr/bin/env bash
# Build benchmark: generates synthetic sites (examples/gen_corpus.rs) of 1,000 and 10,000 resolutions
# in a memory-backed folder and builds each several times with `portal build` (run inside the site
# folder, no flag, so the output is DIR/public on the same tmpfs), then times the bundled portal.
#
#   scripts/bench.sh                      # sizes 1000 10000, 5 runs each
#   SIZES="1000" RUNS=3 scripts/bench.sh  # quicker
#
# Environment:
#   SIZES        corpus sizes (default "1000 10000")
#   RUNS         timed builds per size (default 5); one untimed warm-up build precedes them
#   REPORTS      reports per synthetic site (default 1): `gen_corpus --reports K`, for tracking over time
#   ONE_THREAD   1 (default) also times RAYON_NUM_THREADS=1 builds (3 runs) to show scaling; 0 skips
#   BENCH_DIR    work folder, must be tmpfs for comparable figures (default /dev/shm/portal-bench)
#   INSTRUCTIONS 1 also counts the instructions of one single-threaded build of the smallest size
#                under valgrind (package `valgrind`): unlike wall time, this does not move with
#                other load on a shared machine, so it is the figure to compare two commits by
#   CARGO_TARGET_DIR  honoured
#
# Reports, per size: median wall time, median CPU time (user+sys), median peak RSS, output bytes,
# file count and search index bytes (files under a `search/` folder of the output other than the
# search page itself). Results go to stdout and to $BENCH_DIR/results.md.
# Needs GNU time (/usr/bin/time, package `time`); uses hyperfine for the bundled site when installed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/dev/shm/portal-bench}
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
REPORTS=${REPORTS:-1}
ONE_THREAD=${ONE_THREAD:-1}
INSTRUCTIONS=${INSTRUCTIONS:-0}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/portal
GEN=$TARGET/release/examples/gen_corpus
GNU_TIME=/usr/bin/time

[ -x "$GNU_TIME" ] || { echo "bench: install GNU time (apt-get install -y time)" >&2; exit 2; }
fstype=$(df --output=fstype "$(dirname "$WORK")" 2>/dev/null | tail -1 || true)
[ "$fstype" = tmpfs ] || echo "bench: warning: $WORK is on '$fstype', not tmpfs; figures include disk I/O" >&2

(cd "$ROOT" && cargo build --release --quiet --bin portal --example gen_corpus)
mkdir -p "$WORK"
RESULTS=$WORK/results.md
: >"$RESULTS"
say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# time_builds SITE_DIR RUNS [ENV...]: after RUNS timed builds prints "median_wall min_wall cpu rss_kb"
# (medians except min_wall, the best run, which is the least disturbed by other load on the machine).
time_builds() {
    local site=$1 runs=$2; shift 2
    local walls=() cpus=() rsss=() i
    (cd "$site" && rm -rf public && env "$@" "$BIN" build >/dev/null 2>&1)   # warm-up
    for ((i = 0; i < runs; i++)); do
        rm -rf "$site/public"
        (cd "$site" && env "$@" "$GNU_TIME" -f '%e %U %S %M' -o "$WORK/time.txt" "$BIN" build >/dev/null 2>"$WORK/build.err") ||
            { cat "$WORK/build.err" >&2; exit 1; }
        read -r e u s m <"$WORK/time.txt"
        walls+=("$e"); cpus+=("$(echo "$u + $s" | bc)"); rsss+=("$m")
    done
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${walls[@]}" | sort -g | head -1) $(printf '%s\n' "${cpus[@]}" | median) $(printf '%s\n' "${rsss[@]}" | median) [wall runs: ${walls[*]}]"
}

say "## Run of $(date -u +%Y-%m-%dT%H:%MZ)"
say ""
if commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
    git -C "$ROOT" diff --quiet HEAD -- src themes || commit="$commit (with uncommitted changes in src/ or themes/)"
else
    commit=${BENCH_COMMIT:-unknown}   # e.g. a `git archive` snapshot: say which commit it is
fi
say "- commit: $commit"
say "- machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -h | awk '/^Mem:/ {print $2}') RAM, $(uname -r)"
say "- rustc: $(rustc -V)"
say "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
say "- output folder: $WORK (${fstype:-?}); $RUNS timed runs per size after one warm-up, medians"
say ""
say "| resolutions | pages | threads | wall median (s) | wall best (s) | CPU user+sys (s) | peak RSS (MB) | output (MB) | files | search index (bytes) |"
say "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"

for n in $SIZES; do
    site=$WORK/site-$n-r$REPORTS
    rm -rf "$site"
    "$GEN" "$n" "$site" --reports "$REPORTS" 2>/dev/null
    read -r wall best cpu rss runs < <(time_builds "$site" "$RUNS")
    out_bytes=$(du -sb "$site/public" | cut -f1)
    files=$(find "$site/public" -type f | wc -l)
    pages=$(find "$site/public" -type f -name '*.html' | wc -l)
    search_bytes=$(find "$site/public" -path '*/search/*' -type f ! -name 'index.html' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    say "| $n | $pages | $(nproc) (default) | $wall | $best | $cpu | $((rss / 1024)) | $(echo "scale=1; $out_bytes / 1000000" | bc) | $files | $search_bytes |"
    echo "    size $n: $runs" >&2
    if [ "$ONE_THREAD" = 1 ]; then
        read -r wall1 best1 cpu1 rss1 runs1 < <(time_builds "$site" 3 RAYON_NUM_THREADS=1)
        say "| $n | $pages | 1 | $wall1 | $best1 | $cpu1 | $((rss1 / 1024)) | | | |"
        echo "    size $n, 1 thread: $runs1" >&2
    fi
done

if [ "$INSTRUCTIONS" = 1 ]; then
    n=$(printf '%s\n' $SIZES | sort -g | head -1)
    rm -rf "$WORK/site-$n-r$REPORTS/public"
    instr=$(cd "$WORK/site-$n-r$REPORTS" && RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$BIN" build 2>&1 >/dev/null | sed -n 's/.*Collected : *//p')
    say ""
    say "Instructions of one build of $n resolutions, 1 thread (callgrind): $instr"
fi

say ""
say "Bundled portal ($ROOT, output in $WORK/bundled):"
say ""
rm -rf "$WORK/bundled"
"$BIN" build --site "$ROOT" --out "$WORK/bundled" >/dev/null 2>&1
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 5 --runs 50 --export-markdown "$WORK/bundled.md" -N \
        "$BIN build --site $ROOT --out $WORK/bundled" >/dev/null 2>&1
    sed 's#'"$BIN"'#portal#; s#'"$ROOT"'#.#; s#'"$WORK"'#$BENCH_DIR#' "$WORK/bundled.md" | tee -a "$RESULTS"
else
    walls=()
    for ((i = 0; i < 20; i++)); do
        "$GNU_TIME" -f '%e' -o "$WORK/time.txt" "$BIN" build --site "$ROOT" --out "$WORK/bundled" >/dev/null 2>&1
        walls+=("$(cat "$WORK/time.txt")")
    done
    say "median wall $(printf '%s\n' "${walls[@]}" | median) s, best $(printf '%s\n' "${walls[@]}" | sort -g | head -1) s (20 runs)"
fi
"$GNU_TIME" -f '%M' -o "$WORK/time.txt" "$BIN" build --site "$ROOT" --out "$WORK/bundled" >/dev/null 2>&1
say ""
say "Bundled peak RSS: $(($(cat "$WORK/time.txt") / 1024)) MB; output $(du -sb "$WORK/bundled" | cut -f1) bytes"
say ""
say "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "results written to $RESULTS" >&2
