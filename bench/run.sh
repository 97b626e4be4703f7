#!/usr/bin/env bash
# The courtreport benchmark: builds the release binary, generates fictional cases and
# prints throughput, latency and memory figures against the project's targets.
#
#   bench/run.sh              # from a fresh clone; ~10 min for the release build, ~2 min to run
#   CASES=300 bench/run.sh    # fewer/more PDF cases for the throughput runs (default 200)
#
# Needs: cargo, GNU time (/usr/bin/time, package `time`), pdfinfo (package poppler-utils).
# Optional: hyperfine (for the cold-start timing; a plain loop otherwise) and typst-cli,
# for the comparison with one `typst compile` process per case:
#     cargo install typst-cli --locked      # a long build; the comparison is skipped without it
#
# Work files go to a temporary folder on /dev/shm when it exists (RAM), so the figures
# measure courtreport rather than the disk (each output is written atomically with an
# fsync, which on a slow disk would dominate the Markdown figure). Set BENCH_DIR to
# measure another file system.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

CASES=${CASES:-200}
CORES=$(nproc 2>/dev/null || echo 2)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1798761600}

echo "== building the release binary (cargo build --release --locked)"
cargo build --release --locked --quiet
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/courtreport
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 2; }

for tool in /usr/bin/time pdfinfo; do
    command -v "$tool" >/dev/null || { echo "missing $tool (see the header of $0)" >&2; exit 2; }
done

BASE=${BENCH_DIR:-$( [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}" )}
W=$(mktemp -d "$BASE/courtreport-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT

now() { date +%s.%N; }
# calc EXPR: floating-point arithmetic with awk.
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }
# rss_mib CMD...: peak resident memory of a command in MiB (GNU time).
rss_mib() {
    /usr/bin/time -v "$@" 2>"$W/time.txt" >/dev/null || true
    awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$W/time.txt"
}
verdict() { if awk "BEGIN { exit !($1) }"; then echo "meets"; else echo "MISSES"; fi; }
pages_in() {
    local total=0 p
    for f in "$1"/*.pdf; do
        p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
        total=$((total + ${p:-0}))
    done
    echo "$total"
}

echo "== machine: $CORES core(s), $(uname -sr); work folder $W"
echo "== generating 1000 fictional cases (courtreport sample --count 1000 --seed 1)"
"$BIN" sample --count 1000 --seed 1 --out "$W/c1000" -q
mkdir -p "$W/c100" "$W/cpdf"
ALL=("$W"/c1000/*.toml)
cp "${ALL[@]:0:100}" "$W/c100/"
cp "${ALL[@]:0:$CASES}" "$W/cpdf/"
ONE="$W/c1000/case-0001.toml"

echo
echo "== Markdown: load + check + render + write, 1000 cases, all cores (best of 3)"
best=0
for run in 1 2 3; do
    rm -rf "$W/out-md"
    t0=$(now)
    "$BIN" batch "$W/c1000" --to md --out "$W/out-md" -q
    t1=$(now)
    rate=$(calc "1000 / ($t1 - $t0)" 0)
    [ "$rate" -gt "$best" ] && best=$rate
done
echo "Markdown: $best cases/s on $CORES cores (whole process, including start-up)"
echo "  target >= 5000 cases/s on 2 cores: $(verdict "$best >= 5000")"

echo
echo "== PDF: $CASES cases in one batch (load + check + Markdown + Typst + PDF/UA-1 + write)"
declare -A PDF_RATE PDF_SECS
for jobs in 1 "$CORES"; do
    rm -rf "$W/out-pdf"
    t0=$(now)
    "$BIN" batch "$W/cpdf" --to pdf --out "$W/out-pdf" --jobs "$jobs" -q
    t1=$(now)
    secs=$(calc "$t1 - $t0" 2)
    PDF_SECS[$jobs]=$secs
    PDF_RATE[$jobs]=$(calc "$CASES / $secs" 1)
done
PAGES=$(pages_in "$W/out-pdf")
for jobs in 1 "$CORES"; do
    echo "PDF, --jobs $jobs: ${PDF_RATE[$jobs]} cases/s, $(calc "$PAGES / ${PDF_SECS[$jobs]}" 0) pages/s (${PDF_SECS[$jobs]} s, $PAGES pages, $(calc "$PAGES / $CASES" 1) pages per case)"
done
MS_PAGE=$(calc "1000 * ${PDF_SECS[1]} / $PAGES" 2)
echo "Per page on one core: $MS_PAGE ms (everything, not layout alone: an upper bound on layout)"
echo "  target layout <= 5 ms per page per core: $(verdict "$MS_PAGE <= 5")"
echo "  speed-up on $CORES cores: $(calc "${PDF_SECS[1]} / ${PDF_SECS[$CORES]}" 2)x"

echo
echo "== Cold: one process, one case, one PDF"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 2 --runs 15 --export-json "$W/cold.json" \
        "$BIN batch $ONE --to pdf --out $W/out-cold --force -q" >/dev/null
    COLD_MS=$(awk -F: '/"median"/ { gsub(/[ ,]/, "", $2); printf "%.1f", $2 * 1000; exit }' "$W/cold.json")
else
    "$BIN" batch "$ONE" --to pdf --out "$W/out-cold" --force -q
    t0=$(now)
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        "$BIN" batch "$ONE" --to pdf --out "$W/out-cold" --force -q
    done
    t1=$(now)
    COLD_MS=$(calc "100 * ($t1 - $t0)" 1)
fi
echo "Cold single PDF: $COLD_MS ms ($(pages_in "$W/out-cold") pages; median, whole process)"

echo
echo "== Peak memory (max RSS, /usr/bin/time -v), PDF batches on all cores"
RSS_1=$(rss_mib "$BIN" batch "$ONE" --to pdf --out "$W/mem1" -q)
RSS_100=$(rss_mib "$BIN" batch "$W/c100" --to pdf --out "$W/mem100" -q)
rm -rf "$W/mem100"
RSS_1000=$(rss_mib "$BIN" batch "$W/c1000" --to pdf --out "$W/mem1000" -q)
rm -rf "$W/mem1000"
echo "1 case: $RSS_1 MiB; 100 cases: $RSS_100 MiB; 1000 cases: $RSS_1000 MiB"
echo "  target < 150 MiB for 1000 cases: $(verdict "$RSS_1000 < 150")"
echo "  flat (1000 cases within 25% of 100 cases): $(verdict "$RSS_1000 <= 1.25 * $RSS_100") ($(calc "$RSS_1000 / $RSS_100" 2)x)"

echo
echo "== typst-cli comparison"
if command -v typst >/dev/null; then
    echo "$(typst --version)"
    "$BIN" batch "$W/cpdf" --to typ --out "$W/typ" -q
    TYPST=(typst compile --font-path "$ROOT/fonts" --pdf-standard a-2b,ua-1)
    if ! "${TYPST[@]}" "$W/typ/case-0001.typ" "$W/typst-check.pdf" 2>/dev/null; then
        TYPST=(typst compile --font-path "$ROOT/fonts")
        echo "(this typst does not take --pdf-standard a-2b,ua-1; comparing without the PDF standards)"
    fi
    cd "$W/typ"
    t0=$(now)
    for f in *.typ; do "${TYPST[@]}" "$f"; done
    t1=$(now)
    SEQ=$(calc "$t1 - $t0" 2)
    rm -f ./*.pdf
    t0=$(now)
    printf '%s\0' *.typ | xargs -0 -n1 -P2 "${TYPST[@]}"
    t1=$(now)
    PAR=$(calc "$t1 - $t0" 2)
    cd "$ROOT"
    echo "typst compile, one process per case, sequential: $(calc "$CASES / $SEQ" 1) cases/s ($(calc "1000 * $SEQ / $CASES" 1) ms per case)"
    echo "typst compile, two side by side (xargs -P2):     $(calc "$CASES / $PAR" 1) cases/s"
    R1=$(calc "$SEQ / ${PDF_SECS[$CORES]}" 2)
    R2=$(calc "$PAR / ${PDF_SECS[$CORES]}" 2)
    echo "courtreport batch on $CORES cores vs sequential typst: ${R1}x (target >= 2.5x: $(verdict "$R1 >= 2.5"))"
    echo "courtreport batch on $CORES cores vs two typst side by side: ${R2}x (target >= 1.25x: $(verdict "$R2 >= 1.25"))"
    SINGLE=$(calc "1000 * $SEQ / $CASES" 1)
    echo "cold single PDF $COLD_MS ms vs one typst compile $SINGLE ms (target: no slower): $(verdict "$COLD_MS <= $SINGLE")"
else
    echo "typst (typst-cli) is not on PATH: comparison skipped."
    echo "Install it with: cargo install typst-cli --locked   (a long build), then run this again."
fi
