//! Crashes, signals, hang-ups and resizes, with the real binary in a real terminal
//! (tmux): whatever ends dossier, the terminal is left as it was found and nothing
//! is left running. Also: the first frame never waits for a terminal that does not
//! answer queries.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::Duration;

use common::{PATIENCE, Tmux, alive, dossier, have, sh_quote, wait_gone};

/// Runs `env` + dossier in a shell that reports its exit status and then the
/// terminal's modes, so the test can read both off the screen.
fn shell_command(env: &str, args: &str) -> String {
    format!(
        "{env} {} {args}; echo dossier-exited-$?; stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(echo|icanon|isig)$' | tr '\\n' ' '; echo stty-done; sleep 600",
        sh_quote(dossier())
    )
}

/// The terminal is back in cooked mode on the normal screen with a visible cursor,
/// and no mouse reporting left on.
fn assert_restored(t: &Tmux, screen: &str, what: &str) {
    let modes: Vec<&str> = screen
        .lines()
        .find(|l| l.contains("stty-done"))
        .unwrap_or_else(|| panic!("{what}: no stty output:\n{screen}"))
        .split_whitespace()
        .collect();
    for mode in ["echo", "icanon", "isig"] {
        assert!(
            modes.contains(&mode),
            "{what}: terminal mode {mode} not restored: {modes:?}\n{screen}"
        );
    }
    assert_eq!(
        t.format("alternate_on"),
        "0",
        "{what}: alternate screen left on"
    );
    assert_eq!(t.format("cursor_flag"), "1", "{what}: cursor left hidden");
    assert_eq!(
        t.format("mouse_any_flag"),
        "0",
        "{what}: mouse reporting left on"
    );
    assert!(
        !screen.contains("5 documents"),
        "{what}: the explorer's screen was left behind:\n{screen}"
    );
}

#[test]
fn a_panic_restores_the_terminal_says_so_and_exits_101() {
    let Some(t) = Tmux::start(
        "panic",
        100,
        40,
        // No backtrace: in CI (RUST_BACKTRACE=1) it could scroll the message away.
        &shell_command("DOSSIER_DEBUG_PANIC=1 RUST_BACKTRACE=0", ""),
    ) else {
        return;
    };
    let screen = t.wait_for("stty-done");
    assert!(screen.contains("dossier-exited-101"), "{screen}");
    assert!(
        screen.contains("debug panic requested by DOSSIER_DEBUG_PANIC"),
        "the panic message is shown:\n{screen}"
    );
    assert!(screen.contains("dossier crashed"), "{screen}");
    assert!(screen.contains("Please report"), "{screen}");
    assert_restored(&t, &screen, "panic");
}

#[test]
fn sigint_sigterm_and_sighup_end_cleanly_and_restore_the_terminal() {
    for signal in ["INT", "TERM", "HUP"] {
        let name = format!("sig{}", signal.to_lowercase());
        let Some(t) = Tmux::start(&name, 80, 24, &shell_command("", "")) else {
            return;
        };
        t.wait_for("5 documents");
        // Mid-filter, so the signal lands while there is state on screen.
        t.keys(&["/"]);
        t.literal("iran");
        t.wait_for("hits in");
        let pid = t.child_pid();
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let screen = t.wait_for("stty-done");
        let code = 128
            + match signal {
                "HUP" => 1,
                "INT" => 2,
                _ => 15,
            };
        assert!(
            screen.contains(&format!("dossier-exited-{code}")),
            "SIG{signal}: not a clean exit with {code}:\n{screen}"
        );
        assert_restored(&t, &screen, &format!("SIG{signal}"));
        wait_gone(pid, &format!("SIG{signal}"));
    }
}

#[test]
fn a_closed_terminal_ends_dossier_and_leaves_nothing_running() {
    // dossier is the pane's only process: closing the pane hangs up its terminal,
    // as a dropped SSH link does.
    let Some(t) = Tmux::start("hangup", 80, 24, &sh_quote(dossier())) else {
        return;
    };
    t.wait_for("5 documents");
    let pid: u32 = t.format("pane_pid").parse().expect("pane pid");
    assert!(alive(pid));
    t.keys(&["/"]);
    t.literal("bagh");
    t.wait_for("hits in");
    t.tmux(&["kill-pane", "-t", "t"]);
    wait_gone(pid, "hang-up");
}

/// A corpus big enough that indexing takes a visible moment.
fn synthetic_corpus(docs: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let spec = dossier::synth::SynthSpec {
        docs,
        ..Default::default()
    };
    for doc in dossier::synth::generate(spec) {
        std::fs::write(dir.path().join(&doc.name), &doc.text).unwrap();
    }
    dir
}

const SIZES: [(u16, u16); 6] = [(1, 1), (10, 3), (300, 100), (2, 50), (200, 2), (80, 24)];

#[test]
fn resizing_to_extremes_while_indexing_and_filtering_never_breaks_the_screen() {
    let corpus = synthetic_corpus(2000);
    let args = sh_quote(corpus.path().to_str().unwrap());
    let Some(t) = Tmux::start("resize", 80, 24, &shell_command("", &args)) else {
        return;
    };
    let pid = t.child_pid();
    // While indexing (as far as the machine's speed lets us be early).
    for (w, h) in SIZES {
        t.resize(w, h);
    }
    t.wait_for("2,000 documents");
    // While filtering: type between resizes.
    t.keys(&["/"]);
    for ((w, h), c) in SIZES.into_iter().zip(["i", "r", "a", "q", " ", "b"]) {
        t.literal(c);
        t.resize(w, h);
        std::thread::sleep(Duration::from_millis(100));
        let screen = t.screen();
        assert!(
            !screen.contains("dossier-exited"),
            "dossier ended at {w}x{h}:\n{screen}"
        );
    }
    t.resize(10, 3);
    t.wait_until("a 10x3 frame", |s| s.lines().count() == 3);
    t.resize(80, 24);
    let screen = t.wait_for("matching");
    assert!(screen.contains("iraq b"), "the filter survived:\n{screen}");
    assert!(alive(pid), "dossier died:\n{screen}");
    // Every row is the full width with the borders where they belong.
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows.len(), 24, "{screen}");
    t.resize(300, 100);
    let big = t.wait_until("a 300-column frame", |s| {
        s.lines()
            .any(|l| l.chars().count() > 250 && l.contains('│'))
    });
    assert!(big.contains("matching"), "{big}");
    t.resize(80, 24);
    t.wait_until("an 80-column frame", |s| {
        s.lines().count() == 24 && s.contains("matching")
    });
    // Esc clears the filter, Esc again leaves it; pauses so that no Esc is read
    // together with the next key as an Alt chord.
    t.keys(&["Escape"]);
    t.wait_for("2,000 documents");
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(300));
    t.keys(&["q"]);
    let screen = t.wait_for("stty-done");
    assert!(screen.contains("dossier-exited-0"), "{screen}");
    wait_gone(pid, "after quit");
}

/// Sequences a program sends to ask the terminal something (and then waits for
/// the answer): cursor position, device attributes, colours, keyboard protocol.
const QUERIES: &[&str] = &[
    "\x1b[6n",
    "\x1b[?6n",
    "\x1b[c",
    "\x1b[0c",
    "\x1b[>c",
    "\x1b]10;?",
    "\x1b]11;?",
    "\x1b]4;",
    "\x1b[?u",
    "\x1b[14t",
    "\x1b[18t",
    "\x1bP+q",
    "\x1b[?996n",
];

#[test]
fn the_first_frame_never_waits_for_a_terminal_that_does_not_answer_and_idle_sends_nothing() {
    if !have("script", "--version") {
        return;
    }
    // `script` gives dossier a pty and relays its output to us; nothing ever
    // answers a query (stdin is a pipe we never write to).
    let inner = format!("stty rows 24 cols 80; exec {}", sh_quote(dossier()));
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &inner, "/dev/null"])
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run script");
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let started = std::time::Instant::now();
    while !String::from_utf8_lossy(&seen).contains("5 documents") {
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(chunk) => seen.extend(chunk),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if started.elapsed() < PATIENCE => {}
            Err(err) => {
                let _ = child.kill();
                panic!(
                    "no first frame without answers from the terminal ({err}); dossier wrote:\n{}",
                    String::from_utf8_lossy(&seen)
                );
            }
        }
    }
    let text = String::from_utf8_lossy(&seen).into_owned();
    for query in QUERIES {
        assert!(
            !text.contains(query),
            "dossier asked the terminal {query:?}; over a slow link the answer leaks into input"
        );
    }
    // Once the screen is drawn and nothing happens, nothing is sent: idle wake-ups
    // redraw nothing (over SSH every frame costs bytes, even an unchanged one).
    std::thread::sleep(Duration::from_millis(1500));
    while rx.try_recv().is_ok() {}
    std::thread::sleep(Duration::from_millis(3500));
    let idle: usize = rx.try_iter().map(|chunk| chunk.len()).sum();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(idle, 0, "dossier wrote {idle} bytes while idle");
}
