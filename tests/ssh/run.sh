#!/usr/bin/env bash
# dossier over a real SSH link, end to end.
#
# Starts a throwaway sshd on 127.0.0.1 (free port, host and user keys in a temp
# dir), connects with `ssh -tt` inside a private tmux server, runs the release
# dossier on the seeds, types a filter, opens a document, opens the help and
# quits, asserting on what tmux shows; again with TERM=xterm-256color, screen,
# linux and with NO_COLOR=1; then kills the ssh client mid-session and checks that
# dossier gets its hang-up, exits, and leaves no process behind.
#
# Touches nothing outside its temp dir, except creating /run/sshd (sshd's
# privilege-separation dir) when missing. A trap stops sshd and the tmux server
# and removes the temp dir whatever happens. Needs root (sshd and the root login
# it tests); outside CI it skips when not root or when OpenSSH is missing and
# cannot be installed. Exits non-zero on any failed assertion, printing the screen.
#
#   tests/ssh/run.sh            (DOSSIER_BIN overrides the binary)
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$PWD
bin="${DOSSIER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/dossier}"
in_ci=${CI:-}

skip() {
    if [[ -n "$in_ci" ]]; then
        echo "ssh e2e: $* (required in CI)" >&2
        exit 1
    fi
    echo "ssh e2e: skipped: $*"
    exit 0
}

[[ -x "$bin" ]] || { echo "no dossier binary at $bin: run cargo build --release first" >&2; exit 1; }
bin="$(realpath "$bin")" # the remote shell starts elsewhere
[[ "$(id -u)" -eq 0 ]] || skip "needs root to run sshd"
command -v tmux >/dev/null || skip "tmux missing"

if [[ ! -x /usr/sbin/sshd ]] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
    echo "OpenSSH missing: installing openssh-server and openssh-client from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update </dev/null >/dev/null || true
    # The package's own start-up of the system sshd may fail without an init
    # system; the binaries are what we need.
    apt-get install -y --no-install-recommends openssh-server openssh-client </dev/null >/dev/null || true
    [[ -x /usr/sbin/sshd ]] && command -v ssh >/dev/null || skip "could not install OpenSSH"
fi

tmp="$(mktemp -d)"
sock="dossier-ssh-$$"
failures=0
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    if [[ -f "$tmp/sshd.pid" ]]; then
        kill "$(cat "$tmp/sshd.pid")" 2>/dev/null || true
    fi
    if [[ -n "${sshd_pid:-}" ]]; then
        kill "$sshd_pid" 2>/dev/null || true
        wait "$sshd_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# sshd refuses to start without its privilege-separation directory.
[[ -d /run/sshd ]] || mkdir -p -m 0755 /run/sshd

ssh-keygen -q -t ed25519 -N '' -C dossier-host -f "$tmp/host_key"
ssh-keygen -q -t ed25519 -N '' -C dossier-user -f "$tmp/user_key"
cp "$tmp/user_key.pub" "$tmp/authorized_keys"
chmod 600 "$tmp/authorized_keys"

# A free port: nothing answers a connection to it.
port=""
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
[[ -n "$port" ]] || { echo "no free port found" >&2; exit 1; }

cat >"$tmp/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $tmp/host_key
AuthorizedKeysFile $tmp/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PidFile $tmp/sshd.pid
PrintMotd no
PrintLastLog no
Banner none
AcceptEnv NO_COLOR
EOF

/usr/sbin/sshd -t -f "$tmp/sshd_config"
/usr/sbin/sshd -D -e -f "$tmp/sshd_config" 2>"$tmp/sshd.log" &
sshd_pid=$!
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { cat "$tmp/sshd.log"; echo "sshd did not start" >&2; exit 1; }
echo "sshd on 127.0.0.1:$port"

ssh_cmd=(ssh -tt -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR -o ConnectTimeout=20
    -i "$tmp/user_key" -p "$port" root@127.0.0.1)

screen_of() { tmux -L "$sock" capture-pane -p -t "$1"; }

# wait_for SESSION TEXT [SECONDS]: until the pane shows TEXT; on timeout prints
# the screen and records a failure.
wait_for() {
    local session=$1 needle=$2 limit=${3:-30} i
    for ((i = 0; i < limit * 10; i++)); do
        if screen_of "$session" | grep -qF -- "$needle"; then
            return 0
        fi
        sleep 0.1
    done
    echo "FAIL [$session]: never saw \"$needle\"; the screen was:"
    screen_of "$session" | sed 's/^/    | /'
    failures=$((failures + 1))
    return 1
}

# A session: dossier over ssh in a tmux pane with the given TERM and remote env.
start_session() {
    local session=$1 term=$2 remote_env=$3 workdir=$4
    local remote="cd $(printf %q "$workdir") && $remote_env exec $(printf %q "$bin")"
    tmux -L "$sock" new-session -d -s "$session" -x 80 -y 24 \
        "TERM=$term $(printf '%q ' "${ssh_cmd[@]}") $(printf %q "$remote"); echo ssh-exited-\$?; sleep 600"
}

# The walk every variant must pass: filter, open, help, quit.
walk() {
    local session=$1
    wait_for "$session" "5 documents" || return 1
    tmux -L "$sock" send-keys -t "$session" /
    tmux -L "$sock" send-keys -t "$session" -l "kerry iran"
    wait_for "$session" "hits in 2 docs" || return 1
    tmux -L "$sock" send-keys -t "$session" Enter j Enter
    wait_for "$session" "Washington seeks" || return 1
    tmux -L "$sock" send-keys -t "$session" '?'
    wait_for "$session" "dossier help" || return 1
    tmux -L "$sock" send-keys -t "$session" Escape
    wait_for "$session" "? help  q quit" || return 1
    tmux -L "$sock" send-keys -t "$session" q
    wait_for "$session" "ssh-exited-0" || return 1
    if [[ "$(tmux -L "$sock" display-message -p -t "$session" '#{alternate_on}')" != 0 ]]; then
        echo "FAIL [$session]: alternate screen left on"
        failures=$((failures + 1))
        return 1
    fi
}

results=()
variant() {
    local name=$1 term=$2 remote_env=$3
    local before=$failures
    mkdir -p "$tmp/$name"
    start_session "$name" "$term" "$remote_env" "$tmp/$name"
    if walk "$name" && [[ "$remote_env" == *NO_COLOR* ]]; then
        : # colour checked below, on a fresh frame
    fi
    if [[ $failures -eq $before ]]; then
        results+=("PASS $name (TERM=$term${remote_env:+ $remote_env})")
    else
        results+=("FAIL $name (TERM=$term${remote_env:+ $remote_env})")
    fi
    tmux -L "$sock" kill-session -t "$name" 2>/dev/null || true
}

variant xterm-256color xterm-256color ""
variant screen screen ""
variant linux linux ""
variant no-color xterm-256color "NO_COLOR=1"

# NO_COLOR: the first frame carries no colour at all, while the default does.
colours_in_frame() {
    local session=$1 term=$2 remote_env=$3
    mkdir -p "$tmp/$session"
    start_session "$session" "$term" "$remote_env" "$tmp/$session"
    wait_for "$session" "5 documents" >/dev/null || true
    tmux -L "$sock" capture-pane -e -p -t "$session" | grep -cE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m' || true
    tmux -L "$sock" send-keys -t "$session" q
    sleep 0.5
    tmux -L "$sock" kill-session -t "$session" 2>/dev/null || true
}
coloured=$(colours_in_frame colour-on xterm-256color "")
plain=$(colours_in_frame colour-off xterm-256color "NO_COLOR=1")
if [[ "$coloured" -gt 0 && "$plain" -eq 0 ]]; then
    results+=("PASS NO_COLOR frame has no colour ($coloured coloured lines without it)")
else
    results+=("FAIL NO_COLOR: $plain coloured lines with NO_COLOR=1, $coloured without")
    failures=$((failures + 1))
fi

# The link drops mid-session: kill the ssh client; sshd hangs up dossier's terminal.
hangup_dir="$tmp/hangup"
mkdir -p "$hangup_dir"
start_session hangup xterm-256color "" "$hangup_dir"
dossier_pid=""
if wait_for hangup "5 documents"; then
    tmux -L "$sock" send-keys -t hangup /
    tmux -L "$sock" send-keys -t hangup -l "baghdad"
    wait_for hangup "hits in" || true
    # The remote dossier: the process of our binary working in the session's dir.
    for pid in $(pgrep -f -- "$bin" || true); do
        if [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$hangup_dir" ]]; then
            dossier_pid=$pid
        fi
    done
    pane_pid=$(tmux -L "$sock" display-message -p -t hangup '#{pane_pid}')
    ssh_pid=$(pgrep -P "$pane_pid" -x ssh || true)
    if [[ -z "$dossier_pid" || -z "$ssh_pid" ]]; then
        echo "FAIL [hangup]: dossier ($dossier_pid) or ssh ($ssh_pid) not found"
        failures=$((failures + 1))
        results+=("FAIL hang-up")
    else
        kill -KILL "$ssh_pid"
        gone=""
        for _ in $(seq 1 200); do
            if ! kill -0 "$dossier_pid" 2>/dev/null; then
                gone=yes
                break
            fi
            sleep 0.1
        done
        left=()
        for pid in $(pgrep -f -- "$bin" || true); do
            [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$hangup_dir" ]] && left+=("$pid")
        done
        if [[ -n "$gone" && ${#left[@]} -eq 0 ]]; then
            results+=("PASS hang-up: ssh client killed, dossier $dossier_pid exited, nothing left")
        else
            echo "FAIL [hangup]: dossier $dossier_pid still running after the link dropped: ${left[*]}"
            ps -o pid,ppid,stat,cmd -p "$dossier_pid" || true
            failures=$((failures + 1))
            results+=("FAIL hang-up")
        fi
    fi
else
    results+=("FAIL hang-up (never started)")
fi

echo
printf '  %s\n' "${results[@]}"
if [[ $failures -gt 0 ]]; then
    echo "ssh e2e: $failures failure(s); sshd log:"
    sed 's/^/    | /' "$tmp/sshd.log" | tail -20
    exit 1
fi
echo "ssh e2e: all passed"
