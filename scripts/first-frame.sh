#!/usr/bin/env bash
# Time from starting the explorer to what a person sees: its first frame (the
# empty panes and the progress line), and the frame that lists the documents.
# The explorer runs in a pseudo-terminal of 80x24 whose output is read as it
# arrives; each time is the median of RUNS starts (default 20). It quits with
# `q` after each run.
#
#   scripts/first-frame.sh [PATH...]      (default: the bundled seeds)
#
# Needs python3. DOSSIER_BIN picks the binary (default: the release build under
# $CARGO_TARGET_DIR or target/); RUNS the number of starts.
set -euo pipefail

cd "$(dirname "$0")/.."
bin="${DOSSIER_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/dossier}"
if [[ ! -x "$bin" ]]; then
    echo "no dossier binary at $bin: run cargo build --release first" >&2
    exit 1
fi
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }

python3 - "$bin" "${RUNS:-20}" "$@" <<'PY'
import fcntl, os, pty, re, select, statistics, struct, sys, termios, time

binary, runs, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
# The list pane's title once documents are listed: " 5 documents ", " 10,000 documents ".
listed = re.compile(rb"[0-9][0-9,]* documents")

def one_start():
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(binary, [binary, *paths])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.perf_counter()
    seen, first_frame, documents = b"", None, None
    while documents is None and time.perf_counter() - started < 120:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        now = time.perf_counter() - started
        # The first frame draws the help hint of the status line.
        if first_frame is None and b"q quit" in seen:
            first_frame = now
        if listed.search(seen):
            documents = now
    os.write(fd, b"q")
    deadline = time.time() + 10
    while time.time() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        try:
            if select.select([fd], [], [], 0.1)[0]:
                os.read(fd, 65536)
        except OSError:
            pass
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return first_frame, documents

results = [one_start() for _ in range(runs)]
def median_ms(values):
    values = [v for v in values if v is not None]
    return f"{statistics.median(values) * 1000:.1f} ms" if values else "never"
print(f"corpus: {' '.join(paths) or 'bundled seeds'}; {runs} starts at 80x24")
print(f"first frame (panes and progress)   median {median_ms([r[0] for r in results])}")
print(f"documents listed                    median {median_ms([r[1] for r in results])}")
PY
