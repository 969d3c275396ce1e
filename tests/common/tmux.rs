//! Shared harness for the end-to-end tests: a private tmux server running the real
//! binary, driven by send-keys and read back with capture-pane.
#![allow(dead_code)]

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails (CI machines are slow and shared).
pub const PATIENCE: Duration = Duration::from_secs(60);

pub struct Tmux {
    pub socket: String,
}

/// True when `tool` runs; outside CI a missing tool skips the test (with a message),
/// in CI it fails it.
pub fn have(tool: &str, version_arg: &str) -> bool {
    if Command::new(tool).arg(version_arg).output().is_ok() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "{tool} is required in CI");
    eprintln!("{tool} not installed: skipping");
    false
}

impl Tmux {
    /// A tmux server of our own; `None` (test skipped) only outside CI when tmux is missing.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Option<Tmux> {
        if !have("tmux", "-V") {
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
        let t = Tmux { socket };
        // Keep the pane after its command exits, so its status can be read.
        t.tmux(&["set-option", "-t", "t", "remain-on-exit", "on"]);
        Some(t)
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// A pane format variable, e.g. `alternate_on`, `cursor_flag`, `pane_pid`.
    pub fn format(&self, variable: &str) -> String {
        self.tmux(&[
            "display-message",
            "-p",
            "-t",
            "t",
            &format!("#{{{variable}}}"),
        ])
        .trim()
        .to_owned()
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.tmux(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |screen| screen.contains(needle))
    }

    /// Waits until `done(screen)`; fails with the last screen after [`PATIENCE`].
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "never saw {what:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// The first child of the pane's shell: the program it runs.
    pub fn child_pid(&self) -> u32 {
        let shell = self.format("pane_pid");
        let started = Instant::now();
        loop {
            let out = Command::new("pgrep")
                .args(["-P", &shell])
                .output()
                .expect("pgrep");
            if let Some(pid) = String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .and_then(|l| l.trim().parse().ok())
            {
                return pid;
            }
            assert!(started.elapsed() < PATIENCE, "no child of pane {shell}");
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

/// True while process `pid` exists (and is not a zombie).
pub fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().next());
            state != Some("Z")
        }
        Err(_) => false,
    }
}

/// Waits until process `pid` is gone; fails after [`PATIENCE`].
pub fn wait_gone(pid: u32, what: &str) {
    let started = Instant::now();
    while alive(pid) {
        assert!(
            started.elapsed() < PATIENCE,
            "{what}: process {pid} still running"
        );
        sleep(Duration::from_millis(50));
    }
}

pub fn dossier() -> &'static str {
    env!("CARGO_BIN_EXE_dossier")
}

/// `s` quoted for sh.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}
