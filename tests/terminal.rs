//! A person at a terminal, driven through tmux: the challenge prompt hides what is typed, the
//! key-generation spinner and the polling countdown show, and Ctrl-C at any point exits 130
//! leaving no partial file (a key is in place with mode 0600, or not there at all).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::util::{Lab, listing, mode};

/// A tmux server of its own (its own socket), killed on drop.
struct Terminal {
    socket: String,
}

impl Terminal {
    fn start() -> Self {
        let socket = format!(
            "certenroll-test-{}-{}",
            std::process::id(),
            crate::util::free_port()
        );
        let term = Terminal { socket };
        term.tmux(&["new-session", "-d", "-s", "t", "-x", "200", "-y", "50"]);
        term
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux (installed by scripts/install-deps.sh)");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Type a line and press Enter.
    fn type_line(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
        self.tmux(&["send-keys", "-t", "t", "Enter"]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t", "-S", "-100"])
    }

    /// Wait until the screen shows `text`; the screen then.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "the terminal never showed {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// The shell line that runs certenroll with `args` and then prints its exit code.
fn command_line(state: &Path, args: &[String]) -> String {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    format!(
        // Quoted apart so that the echoed command line does not read as its output.
        "CERTENROLL_STATE_DIR='{}' '{}' {}; echo EXIT\"\"=$?",
        state.display(),
        env!("CARGO_BIN_EXE_certenroll"),
        quoted.join(" ")
    )
}

fn enroll_args(url: &str, dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["enroll", "--url", url, "--cn", "at-a-terminal"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push("--out-key".into());
    args.push(dir.join("key.pem").display().to_string());
    args.push("--out-cert".into());
    args.push(dir.join("cert.pem").display().to_string());
    args
}

/// No temporary file anywhere in `dir`, and a key, if there is one, readable by its owner only.
fn assert_nothing_partial(dir: &Path) {
    for name in listing(dir) {
        assert!(!name.ends_with(".tmp"), "a temporary file was left: {name}");
        assert_eq!(name, "key.pem", "unexpected file {name}");
        assert_eq!(mode(&dir.join(&name)), 0o600);
    }
}

#[test]
fn the_prompt_hides_the_challenge_and_ctrl_c_during_key_generation_leaves_nothing_partial() {
    // The CA takes its time, so Ctrl-C lands in key generation or in the request, never
    // after the enrollment finished.
    let lab = Lab::start(&["--challenge", "typed-at-the-prompt", "--delay", "30"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let term = Terminal::start();
    term.type_line(&command_line(
        state.path(),
        &enroll_args(&lab.url, dir.path(), &["--key-bits", "4096"]),
    ));
    term.wait_for("Challenge password");
    term.type_line("typed-at-the-prompt");
    let screen = term.wait_for("generating an RSA-4096 key");
    assert!(
        !screen.contains("typed-at-the-prompt"),
        "the challenge was echoed:\n{screen}"
    );
    term.tmux(&["send-keys", "-t", "t", "C-c"]);
    let screen = term.wait_for("EXIT=");
    assert!(screen.contains("EXIT=130"), "{screen}");
    assert!(screen.contains("certenroll: interrupted"), "{screen}");
    assert_nothing_partial(dir.path());
}

#[test]
fn ctrl_c_during_the_polling_countdown_keeps_the_key_and_the_pending_request() {
    let lab = Lab::start(&["--pending", "5"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let term = Terminal::start();
    term.type_line(&command_line(
        state.path(),
        &enroll_args(
            &lab.url,
            dir.path(),
            &["--no-challenge", "--poll-interval", "600"],
        ),
    ));
    term.wait_for("next try in");
    term.tmux(&["send-keys", "-t", "t", "C-c"]);
    let screen = term.wait_for("EXIT=");
    assert!(screen.contains("EXIT=130"), "{screen}");
    assert_nothing_partial(dir.path());
    assert_eq!(listing(dir.path()), ["key.pem"]);
    // The request is saved: `poll` can finish it later.
    assert_eq!(listing(&state.path().join("pending")).len(), 1);
}

#[test]
fn ctrl_c_while_waiting_for_the_ca_keeps_the_key_written_before_the_request() {
    let lab = Lab::start(&["--delay", "30"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let term = Terminal::start();
    term.type_line(&command_line(
        state.path(),
        &enroll_args(&lab.url, dir.path(), &["--no-challenge"]),
    ));
    term.wait_for("waiting for the CA");
    term.tmux(&["send-keys", "-t", "t", "C-c"]);
    let screen = term.wait_for("EXIT=");
    assert!(screen.contains("EXIT=130"), "{screen}");
    // The spinner's line was cleared: "interrupted" starts its line, alone on it.
    assert!(
        screen
            .lines()
            .any(|l| l.trim_end() == "certenroll: interrupted"),
        "{screen}"
    );
    assert!(!screen.contains("waiting for the CA"), "{screen}");
    assert_nothing_partial(dir.path());
    // The key was written (0600) before the request that depends on it was sent.
    assert_eq!(listing(dir.path()), ["key.pem"]);
    let key = std::fs::read(dir.path().join("key.pem")).unwrap();
    // The same command again (the CA answering now): the interrupted run's key is used, not
    // refused as "already exists".
    let answering = Lab::start(&[]);
    term.type_line(&format!(
        "clear; {}",
        command_line(
            state.path(),
            &enroll_args(&answering.url, dir.path(), &["--no-challenge"]),
        )
    ));
    // (The cleared screen still shows "EXIT=130" for a moment: wait for this run's line.)
    term.wait_for("EXIT=0");
    assert_eq!(std::fs::read(dir.path().join("key.pem")).unwrap(), key);
    assert!(crate::util::key_matches_cert(
        &dir.path().join("key.pem"),
        &dir.path().join("cert.pem")
    ));
}

#[test]
fn an_unknown_est_ca_is_shown_and_trusted_only_when_the_person_says_yes() {
    let lab = Lab::start(&["--tls", "--basic", "dev:typed-password"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let term = Terminal::start();
    // No: nothing trusted, exit 7.
    term.type_line(&command_line(
        state.path(),
        &["getcacert".into(), "--url".into(), lab.est_url.clone()],
    ));
    let screen = term.wait_for("Trust this CA for this server?");
    assert!(
        screen.contains(&lab.ca_sha256),
        "the fingerprint is not shown:\n{screen}"
    );
    term.type_line("n");
    let screen = term.wait_for("EXIT=");
    assert!(screen.contains("EXIT=7"), "{screen}");
    assert!(!state.path().join("est-trust").exists());
    // Yes: remembered; then the password prompt hides what is typed.
    term.tmux(&["send-keys", "-t", "t", "clear", "Enter"]);
    let mut args = enroll_args(&lab.est_url, dir.path(), &["--username", "dev"]);
    args.push("--key-type".into());
    args.push("p256".into());
    term.type_line(&command_line(state.path(), &args));
    term.wait_for("Trust this CA for this server?");
    term.type_line("y");
    term.wait_for("EST password for dev");
    term.type_line("typed-password");
    let screen = term.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(
        !screen.contains("typed-password"),
        "the password was echoed:\n{screen}"
    );
    assert_eq!(listing(&state.path().join("est-trust")).len(), 1);
    assert_eq!(listing(dir.path()), ["cert.pem", "key.pem"]);
}

#[test]
fn doctor_wraps_at_the_terminal_width_and_uses_ascii_marks_without_utf8() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let term = Terminal::start();
    term.tmux(&["resize-window", "-t", "t", "-x", "60"]);
    // No challenge source and no pin: warnings with long fixes to wrap.
    let line = command_line(
        state.path(),
        &["doctor".into(), "--url".into(), lab.url.clone()],
    );
    term.type_line(&format!("clear; LC_ALL=C {line}"));
    let screen = term.wait_for("EXIT=");
    let report: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.starts_with("certenroll doctor:"))
        .take_while(|l| !l.starts_with("EXIT="))
        .collect();
    assert!(report.len() > 5, "{screen}");
    for line in &report[1..] {
        assert!(line.is_ascii(), "not ASCII under LC_ALL=C: {line:?}");
        assert!(
            line.trim_end().len() <= 60,
            "longer than the terminal: {line:?}"
        );
    }
    assert!(report.iter().any(|l| l.starts_with("+ ")), "{screen}");
    assert!(
        report.iter().any(|l| l.starts_with("                ")),
        "a detail or fix goes on, indented: {screen}"
    );
}

#[test]
fn config_init_asks_again_for_a_url_that_fails_reads_yes_whole_and_ctrl_c_is_130() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let conf = tempfile::tempdir().unwrap();
    let config = conf.path().join("config.toml");
    let term = Terminal::start();
    let line = command_line(
        state.path(),
        &[
            "--config".into(),
            config.display().to_string(),
            "config".into(),
            "init".into(),
        ],
    );
    term.type_line(&line);
    term.wait_for("SCEP or EST URL");
    term.type_line(&format!(
        "http://127.0.0.1:{}/scep",
        crate::util::free_port()
    ));
    term.wait_for("try another URL");
    term.type_line(&lab.url);
    term.wait_for("as its administrator gave it?");
    // "yes" typed out: read whole, nothing left for the next question.
    term.type_line("yes");
    let screen = term.wait_for("Common name (CN)");
    let cn_line = screen
        .lines()
        .find(|l| l.starts_with("Common name (CN)"))
        .unwrap();
    assert!(
        cn_line.trim_end().ends_with(':'),
        "a leftover reached the next answer: {cn_line:?}"
    );
    // Ctrl-C at a prompt: interrupted, 130, nothing written.
    term.tmux(&["send-keys", "-t", "t", "C-c"]);
    let screen = term.wait_for("EXIT=");
    assert!(screen.contains("certenroll: interrupted"), "{screen}");
    assert!(screen.contains("EXIT=130"), "{screen}");
    assert!(!config.exists());
}
