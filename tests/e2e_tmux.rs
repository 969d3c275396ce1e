//! End to end: the real binary in a real terminal (tmux), driven by keys, read
//! back with capture-pane.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux server of our own; `None` (test skipped) only outside CI when tmux is missing.
    fn start(name: &str, width: u16, height: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
            eprintln!("tmux not installed: skipping");
            return None;
        }
        let socket = format!("dossier-e2e-{name}-{}", std::process::id());
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
            ])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(command)
            .env("TERM", "xterm-256color")
            .status()
            .expect("run tmux");
        assert!(status.success());
        Some(Tmux { socket })
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits until the screen shows `needle` (generous: CI machines are slow).
    fn wait_for(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "never saw {needle:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn dossier() -> &'static str {
    env!("CARGO_BIN_EXE_dossier")
}

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
