//! End to end: the real binary in a real terminal (tmux), driven by keys, read
//! back with capture-pane.

mod common;

use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use common::{Tmux, dossier};

#[test]
fn filter_open_and_quit_in_a_real_terminal() {
    let command = format!("{}; echo dossier-exited-$?; sleep 60", dossier());
    let Some(t) = Tmux::start("basic", 80, 24, &command) else {
        return;
    };
    t.wait_for("5 documents");
    t.keys(&["/"]);
    t.literal("kerry iran");
    let screen = t.wait_for("hits in 2 docs");
    assert!(screen.contains("Facing a debacle"), "{screen}");
    t.keys(&["Enter", "j", "Enter"]);
    let screen = t.wait_for("Washington seeks");
    assert!(screen.contains("Kerry"), "{screen}");
    t.keys(&["?"]);
    t.wait_for("dossier help");
    t.keys(&["Escape"]);
    t.wait_for("? help  q quit");
    sleep(Duration::from_millis(100));
    let closed = t.screen();
    assert!(!closed.contains("dossier help"), "{closed}");
    t.keys(&["q"]);
    let screen = t.wait_for("dossier-exited-0");
    // The alternate screen is gone: the shell is back.
    assert!(!screen.contains("dossier help"), "{screen}");
}

#[test]
fn sigterm_restores_the_terminal() {
    let command = format!("{}; echo dossier-exited-$?; sleep 60", dossier());
    let Some(t) = Tmux::start("term", 80, 24, &command) else {
        return;
    };
    t.wait_for("5 documents");
    let pid = t.tmux(&["list-panes", "-t", "t", "-F", "#{pane_pid}"]);
    let shell_pid = pid.trim();
    // The shell runs dossier as its child.
    let out = Command::new("pgrep")
        .args(["-P", shell_pid])
        .output()
        .expect("pgrep");
    let child = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(!child.is_empty(), "dossier process not found");
    Command::new("kill")
        .args(["-TERM", &child])
        .status()
        .expect("kill");
    let screen = t.wait_for("dossier-exited-");
    assert!(
        !screen.contains("5 documents"),
        "the explorer's screen was left behind:\n{screen}"
    );
}
