#!/usr/bin/env bash
# Bytes a program sends to its terminal per keystroke while a 10-character filter
# is typed at 80x24: dossier on the seeds, and fzf (default layout, no preview) on
# the same paragraphs, one per line. Each program runs under `script -f` inside a
# private tmux server; the typescript's growth after each key is what went over
# the wire (over SSH the same bytes travel, encrypted).
#
#   scripts/bytes-per-key.sh [FILTER]        (default filter: "kerry iran")
#
# Needs tmux and script (util-linux); fzf is installed from Debian's packages when
# missing and we are root, else its row is skipped. DOSSIER_BIN picks the binary
# (default: the release build under $CARGO_TARGET_DIR or target/).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
filter="${1:-kerry iran}"
bin="${DOSSIER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/dossier}"
if [[ ! -x "$bin" ]]; then
    echo "no dossier binary at $bin: run cargo build --release first" >&2
    exit 1
fi
bin="$(realpath "$bin")"
for tool in tmux script; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
if ! command -v fzf >/dev/null && [[ "$(id -u)" -eq 0 ]]; then
    echo "fzf missing: installing it from Debian's packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fzf </dev/null >/dev/null \
        || { apt-get update </dev/null >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fzf </dev/null >/dev/null; } \
        || true
fi

tmp="$(mktemp -d)"
sock="bytes-per-key-$$"
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# The seeds' paragraphs, one per line, for fzf.
for f in "$root"/seeds/*.txt; do
    awk 'BEGIN { RS = ""; ORS = "\n" } { gsub(/\n/, " "); print }' "$f"
done >"$tmp/paragraphs.txt"

size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# Waits until the typescript has stopped growing for 0.6 s (at most 10 s).
settle() {
    local file=$1 last=-1 now stable=0 i
    for ((i = 0; i < 200; i++)); do
        now=$(size "$file")
        if [[ "$now" == "$last" ]]; then
            stable=$((stable + 1))
            ((stable >= 12)) && return 0
        else
            stable=0
        fi
        last=$now
        sleep 0.05
    done
}

# measure NAME COMMAND PREFIX_KEY: prints one line of per-key byte counts.
measure() {
    local name=$1 command=$2 prefix=$3
    local ts="$tmp/$name.typescript"
    tmux -L "$sock" -f /dev/null new-session -d -s "$name" -x 80 -y 24 \
        "TERM=xterm-256color script -q -f -c $(printf %q "$command") $(printf %q "$ts"); sleep 600"
    sleep 0.5
    settle "$ts"
    sleep 1.5 # past any start-up work (indexing, first result batch)
    settle "$ts"
    if [[ -n "$prefix" ]]; then
        tmux -L "$sock" send-keys -t "$name" "$prefix"
        settle "$ts"
    fi
    local start total=0 counts=() before after i c
    start=$(size "$ts")
    for ((i = 0; i < ${#filter}; i++)); do
        c="${filter:i:1}"
        before=$(size "$ts")
        tmux -L "$sock" send-keys -t "$name" -l "$c"
        settle "$ts"
        after=$(size "$ts")
        counts+=($((after - before)))
        total=$((total + after - before))
    done
    # Idle output: what the program sends with no key at all, over 3 s.
    before=$(size "$ts")
    sleep 3
    after=$(size "$ts")
    local idle=$((after - before))
    printf '%-8s per key: %s\n' "$name" "${counts[*]}"
    printf '%-8s total %d bytes for %d keys, mean %d bytes/key, idle %d bytes in 3 s\n' \
        "$name" "$total" "${#filter}" $((total / ${#filter})) "$idle"
    # `script` outlives a killed tmux pane (and keeps its own pty open), so end
    # the measured program and its `script` by pid before closing the pane.
    local pane script_pid program_pid
    pane=$(tmux -L "$sock" display-message -p -t "$name" '#{pane_pid}')
    script_pid=$(pgrep -P "$pane" -x script || true)
    if [[ -n "$script_pid" ]]; then
        for program_pid in $(pgrep -P "$script_pid" || true); do
            kill -TERM "$program_pid" 2>/dev/null || true
        done
        sleep 0.5
        kill -TERM "$script_pid" 2>/dev/null || true
    fi
    tmux -L "$sock" kill-session -t "$name" 2>/dev/null || true
}

echo "filter: \"$filter\" at 80x24 (bytes written to the terminal after each key)"
measure dossier "$(printf %q "$bin")" "/"
if command -v fzf >/dev/null; then
    measure fzf "fzf < $(printf %q "$tmp/paragraphs.txt")" ""
else
    echo "fzf not installed: skipped"
fi
