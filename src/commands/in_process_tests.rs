//! The enrollment lifecycle run in this process, against the lab responder in a thread: a
//! pending request polled to its certificate, a rejection, an untrusted reply, a swap a killed
//! run left half done. The output goes into buffers (`Output::to_writers`), so each test reads
//! what a person would have seen, with no process started.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use clap::Parser;

use crate::cli::Cli;
use crate::output::Output;

/// A writer whose bytes a test can read.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// What a run returned and printed.
struct Ran {
    code: u8,
    stdout: String,
    stderr: String,
}

/// Run a command line in this process, as `main` would, with its output captured.
fn run(args: &[&str]) -> Ran {
    let cli = Cli::try_parse_from(std::iter::once("certenroll").chain(args.iter().copied()))
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    let (stdout, stderr) = (Buffer::default(), Buffer::default());
    let out = Output::to_writers(
        &cli.global,
        Box::new(stdout.clone()),
        Box::new(stderr.clone()),
    );
    let code = match crate::commands::run(&cli, &out) {
        Ok(code) => code,
        Err(err) => out.report_error(&err),
    };
    Ran {
        code,
        stdout: stdout.text(),
        stderr: stderr.text(),
    }
}

/// The lab responder in a thread of this process, on a free port; its SCEP URL.
fn lab(flags: &[&str]) -> String {
    let mut args = vec!["certenroll", "--json", "lab", "serve", "--port", "0"];
    args.extend_from_slice(flags);
    let cli = Cli::try_parse_from(args).unwrap();
    let stdout = Buffer::default();
    let out = Output::to_writers(
        &cli.global,
        Box::new(stdout.clone()),
        Box::new(Buffer::default()),
    );
    std::thread::spawn(move || crate::commands::run(&cli, &out));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(line) = stdout.text().lines().next() {
            let info: serde_json::Value = serde_json::from_str(line).unwrap();
            return info["url"].as_str().unwrap().to_string();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the lab did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// `enroll` of dir/key.pem and dir/cert.pem at `url`, state in dir/state.
fn enroll(dir: &Path, url: &str, extra: &[&str]) -> Ran {
    let (state, key, cert) = (
        path(dir, "state"),
        path(dir, "key.pem"),
        path(dir, "cert.pem"),
    );
    let mut args = vec![
        "--state-dir",
        &state,
        "enroll",
        "--url",
        url,
        "--cn",
        "in-process",
        "--no-challenge",
        "--out-key",
        &key,
        "--out-cert",
        &cert,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn pair_matches(dir: &Path) -> bool {
    let key = certenroll::enroll::install::read_key(&dir.join("key.pem")).unwrap();
    let bytes = std::fs::read(dir.join("cert.pem")).unwrap();
    let cert = certenroll::pki::cert::parse_certificates(&bytes)
        .unwrap()
        .remove(0);
    certenroll::pki::cert::has_public_key(&cert, &key.public_key_info().unwrap())
}

#[test]
fn a_pending_request_is_polled_to_its_certificate() {
    let url = lab(&["--pending", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let first = enroll(dir.path(), &url, &["--no-wait"]);
    assert_eq!(first.code, 3, "{}", first.stderr);
    assert!(
        first.stdout.contains("Pending: the CA has not issued"),
        "{}",
        first.stdout
    );
    assert!(!dir.path().join("cert.pem").exists());
    let state = path(dir.path(), "state");
    let polled = run(&["--state-dir", &state, "poll", "--poll-interval", "0"]);
    assert_eq!(polled.code, 0, "{}", polled.stderr);
    assert!(
        polled.stdout.contains("Issued certificate"),
        "{}",
        polled.stdout
    );
    assert!(pair_matches(dir.path()));
    let (pending, _) =
        certenroll::store::pending::PendingStore::new(&dir.path().join("state")).list();
    assert!(pending.is_empty());
}

#[test]
fn a_rejection_exits_4_and_removes_the_key_made_for_it() {
    let url = lab(&["--fail", "2"]);
    let dir = tempfile::tempdir().unwrap();
    let ran = enroll(dir.path(), &url, &[]);
    assert_eq!(ran.code, 4);
    assert!(
        ran.stderr.contains("failInfo 2 badRequest"),
        "{}",
        ran.stderr
    );
    assert!(!dir.path().join("key.pem").exists());
    assert!(!dir.path().join("cert.pem").exists());
}

#[test]
fn an_untrusted_reply_exits_7_and_installs_nothing() {
    let url = lab(&["--fault", "wrong-signer"]);
    let dir = tempfile::tempdir().unwrap();
    let ran = enroll(dir.path(), &url, &[]);
    assert_eq!(ran.code, 7, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("reply not trustworthy"),
        "{}",
        ran.stderr
    );
    assert!(!dir.path().join("cert.pem").exists());
}

#[test]
fn a_swap_a_killed_run_left_is_finished_by_the_next_renew() {
    let url = lab(&[]);
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(enroll(dir.path(), &url, &[]).code, 0);
    let old_key = std::fs::read(dir.path().join("key.pem")).unwrap();
    assert_eq!(enroll(dir.path(), &url, &["--force"]).code, 0);
    // What a kill between the certificate and the key leaves.
    std::fs::rename(dir.path().join("key.pem"), dir.path().join("key.pem.new")).unwrap();
    std::fs::write(dir.path().join("key.pem"), old_key).unwrap();
    assert!(!pair_matches(dir.path()));
    let (state, key, cert) = (
        path(dir.path(), "state"),
        path(dir.path(), "key.pem"),
        path(dir.path(), "cert.pem"),
    );
    let ran = run(&[
        "--state-dir",
        &state,
        "renew",
        "--url",
        &url,
        "--key",
        &key,
        "--cert",
        &cert,
    ]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("finished an interrupted renewal"),
        "{}",
        ran.stderr
    );
    assert!(ran.stdout.contains("Not due"), "{}", ran.stdout);
    assert!(pair_matches(dir.path()));
    assert!(!dir.path().join("key.pem.new").exists());
}

/// Whole transcripts of what a person sees, serials, dates, fingerprints and paths matched by
/// `[..]`.
mod transcripts {
    use snapbox::{assert_data_eq, str};

    use super::*;

    #[test]
    fn enroll_then_status() {
        let url = lab(&[]);
        let dir = tempfile::tempdir().unwrap();
        let ran = enroll(dir.path(), &url, &[]);
        assert_eq!(ran.code, 0);
        assert_data_eq!(
            ran.stdout,
            str![[r#"
Issued certificate
  subject   CN=in-process
  issuer    CN=certenroll lab CA,O=certenroll lab
  serial    [..]
  valid     [..] to [..]
  usage     digitalSignature, keyEncipherment
  sha256    [..]
  sha1      [..]
  key       [..]/key.pem (RSA 2048, mode 0600)
  cert      [..]/cert.pem

"#]]
        );
        let state = path(dir.path(), "state");
        let status = run(&["--state-dir", &state, "status"]);
        assert_data_eq!(
            status.stdout,
            str![[r#"
State directory: [..]/state

Certificates:
  [..]/cert.pem [success]
    CN=in-process, serial [..], [..] days left; renewal not due until [..] (valid until [..])
    last: [..] enroll success: Issued
    next: nothing until [..]

Pending requests:
  (none)

Last result: [..] enroll success: Issued

"#]]
        );
    }

    #[test]
    fn pending_then_poll() {
        let url = lab(&["--pending", "1"]);
        let dir = tempfile::tempdir().unwrap();
        let first = enroll(dir.path(), &url, &["--no-wait"]);
        assert_data_eq!(
            first.stdout,
            str![[r#"
Pending: the CA has not issued the certificate yet; the request is saved.
  transaction [..]
  subject     CN=in-process
  key         [..]/key.pem
Run `certenroll poll` later (from cron or a timer: `certenroll poll --jitter 1..600`) to finish it.

"#]]
        );
        let state = path(dir.path(), "state");
        let polled = run(&["--state-dir", &state, "poll", "--poll-interval", "0"]);
        assert_data_eq!(
            polled.stdout,
            str![[r#"
Issued certificate
  subject   CN=in-process
  issuer    CN=certenroll lab CA,O=certenroll lab
  serial    [..]
  valid     [..] to [..]
  usage     digitalSignature, keyEncipherment
  sha256    [..]
  sha1      [..]
  key       [..]/key.pem (RSA 2048)
  cert      [..]/cert.pem

"#]]
        );
    }

    #[test]
    fn doctor_on_the_lab() {
        let url = lab(&[]);
        let dir = tempfile::tempdir().unwrap();
        let state = path(dir.path(), "state");
        let ran = run(&["--state-dir", &state, "doctor", "--url", &url]);
        assert_data_eq!(
            ran.stdout,
            str![[r#"
certenroll doctor: http://127.0.0.1:[..]/scep
✓ dns           127.0.0.1 resolves to 127.0.0.1
✓ connect       TCP to 127.0.0.1:[..] in [..] ms
✓ capabilities  Renewal, SHA-1, SHA-256, SHA-384, SHA-512, AES, DES3, SCEPStandard, POSTPKIOperation
✓ clock         within [..] s of the server's
✓ ca            'CN=certenroll lab CA,O=certenroll lab' valid until [..], sha256 [..]
✓ recipient     requests are encrypted to 'CN=certenroll lab CA,O=certenroll lab': CA (the server has no RA certificate); 0 RA certificate(s)
! fingerprint   the CA is not pinned: requests go to whichever CA answers
                fix: compare with the CA's administrator, then pin it: --fingerprint [..] (or fingerprint in the profile)
! challenge     no challenge source given
                fix: most CAs want a challenge: challenge_file or challenge_env in the profile
✓ pending       no requests waiting for this CA
✓ lock          profile 'default' is free

"#]]
        );
    }
}
