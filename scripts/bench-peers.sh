#!/usr/bin/env bash
# dossier against fzf --filter and rg -i on the same generated corpus and queries.
#
#   scripts/bench-peers.sh [DOCS]      (default 10000 documents, ~130 MB)
#
# Builds the corpus with the in-repo generator (deterministic), then for each
# query: dossier's per-keystroke latency (from `dossier bench --json`, the query
# typed one character at a time), and the wall time of one `fzf --filter` and one
# `rg -i` run over the same paragraphs (one per line). Prints the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

docs="${1:-10000}"
work="${BENCH_DIR:-/tmp/dossier-peers}"
corpus="$work/corpus-$docs"
paragraphs="$work/paragraphs-$docs.txt"
queries=("iran" "soleimani" "kerry iran" "bagdad" "proxy war" "embassy baghdad")

as_root() { if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo -n "$@"; fi; }
for tool in fzf rg; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        package="$tool"; [[ "$tool" == rg ]] && package=ripgrep
        echo "installing $package from Debian's packages"
        as_root apt-get update -qq </dev/null && as_root apt-get install -y -qq --no-install-recommends "$package" </dev/null
    fi
done
command -v python3 >/dev/null || { echo "python3 is needed to read the JSON report" >&2; exit 1; }

cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
mkdir -p "$work"
if [[ ! -d "$corpus" ]]; then
    ./target/release/examples/gen_corpus --docs "$docs" --out "$corpus" --paragraphs-file "$paragraphs"
fi

printf '%s\n' "${queries[@]}" > "$work/queries.txt"
./target/release/dossier bench "$corpus" --queries "$work/queries.txt" --json > "$work/dossier.json"

now_ms() { date +%s%N | awk '{printf "%.1f", $1/1e6}'; }
printf '\n%-18s %10s %10s %10s %10s %9s %9s\n' query "dossier p50" "p99" "fzf" "rg -i" "fzf/p50" "rg/p50"
for q in "${queries[@]}"; do
    p50=$(python3 -c "import json,sys; r=json.load(open('$work/dossier.json')); print([x for x in r['queries'] if x['query']==sys.argv[1]][0]['p50_ms'])" "$q")
    p99=$(python3 -c "import json,sys; r=json.load(open('$work/dossier.json')); print([x for x in r['queries'] if x['query']==sys.argv[1]][0]['p99_ms'])" "$q")
    t0=$(now_ms); fzf --filter "$q" < "$paragraphs" > /dev/null || true; t1=$(now_ms)
    rg -i --no-filename -c "$q" "$paragraphs" > /dev/null || true; t2=$(now_ms)
    fzf_ms=$(awk "BEGIN{print $t1-$t0}"); rg_ms=$(awk "BEGIN{print $t2-$t1}")
    printf '%-18s %8.2fms %8.2fms %8.0fms %8.1fms %8.0fx %8.1fx\n' "$q" "$p50" "$p99" "$fzf_ms" "$rg_ms" \
        "$(awk "BEGIN{print $fzf_ms/($p50>0?$p50:0.001)}")" "$(awk "BEGIN{print $rg_ms/($p50>0?$p50:0.001)}")"
done
python3 - "$work/dossier.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"\ndossier: {r['documents']} docs, {r['paragraphs']} paragraphs, {r['bytes']/1e6:.1f} MB; "
      f"indexed in {r['index_ms']/1000:.2f} s ({r['mb_per_s']:.1f} MB/s), peak {r['peak_rss_bytes']/1e6:.0f} MB; "
      f"all keystrokes p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms")
PY
