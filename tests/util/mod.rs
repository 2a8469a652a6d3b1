//! Test helpers: a scepserver per test, the binary, openssl checks, a tampering proxy.

#![allow(dead_code)]

pub mod proxy;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHALLENGE: &str = "s3cret-challenge";

/// A free port on 127.0.0.1 (bound, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// micromdm's scepserver with a fresh CA, killed on drop.
pub struct ScepServer {
    child: Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

impl ScepServer {
    pub fn start() -> Self {
        let mut dir = tempfile::tempdir().unwrap();
        let depot = dir.path().join("depot");
        let status = Command::new("scepserver")
            .args(["ca", "-init", "-depot"])
            .arg(&depot)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("scepserver is not installed: apt-get install -y scep (see .ci/run)");
        assert!(status.success(), "scepserver ca -init failed");
        for _ in 0..5 {
            let port = free_port();
            let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
            let child = Command::new("scepserver")
                .arg("-depot")
                .arg(&depot)
                .args([
                    "-port",
                    &port.to_string(),
                    "-challenge",
                    CHALLENGE,
                    "-allowrenew",
                    "0",
                ])
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .unwrap();
            let mut server = ScepServer { child, port, dir };
            if server.wait_ready() {
                return server;
            }
            let _ = server.child.kill();
            let _ = server.child.wait();
            dir = server.take_dir();
        }
        panic!("scepserver did not start");
    }

    fn take_dir(&mut self) -> tempfile::TempDir {
        std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap())
    }

    fn wait_ready(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/scep", self.port)
    }

    pub fn ca_pem(&self) -> PathBuf {
        self.dir.path().join("depot").join("ca.pem")
    }
}

impl Drop for ScepServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A state directory for tests that do not look at state, so that no test writes to the
/// machine's real one.
fn scratch_state_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

/// The certenroll binary, with a clean environment for the variables it reads.
pub fn certenroll() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("certenroll").unwrap();
    cmd.env("CERTENROLL_STATE_DIR", scratch_state_dir())
        .env_remove("CERTENROLL_URL")
        .env_remove("CERTENROLL_CHALLENGE")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy");
    cmd
}

/// A challenge file in `dir`.
pub fn challenge_file(dir: &Path, value: &str) -> PathBuf {
    let path = dir.join("challenge");
    std::fs::write(&path, format!("{value}\n")).unwrap();
    path
}

/// Run openssl and return stdout; panics with stderr on failure.
pub fn openssl(args: &[&str]) -> String {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The public key of a certificate file, as OpenSSL prints it.
pub fn public_key_of_cert(cert: &Path) -> String {
    openssl(&["x509", "-in", cert.to_str().unwrap(), "-noout", "-pubkey"])
}

/// The public key of a key file, as OpenSSL prints it.
pub fn public_key_of_key(key: &Path) -> String {
    openssl(&["pkey", "-in", key.to_str().unwrap(), "-pubout"])
}

/// Whether the certificate file is for the key file (checked by OpenSSL, not by us).
pub fn key_matches_cert(key: &Path, cert: &Path) -> bool {
    public_key_of_key(key) == public_key_of_cert(cert)
}

/// The certificate file is for the key file and the CA in `ca` issued it (OpenSSL's reading).
pub fn issued_by(cert: &Path, key: &Path, ca: &Path) {
    assert!(
        key_matches_cert(key, cert),
        "{} is not for {}",
        cert.display(),
        key.display()
    );
    verifies(cert, ca);
}

/// The CA in `ca` issued the certificate file (PEM), by OpenSSL's reading.
pub fn verifies(cert: &Path, ca: &Path) {
    let verified = openssl(&[
        "verify",
        "-CAfile",
        ca.to_str().unwrap(),
        cert.to_str().unwrap(),
    ]);
    assert!(verified.contains(": OK"), "{verified}");
}

/// The serial number of the certificate file, in lower-case hex (OpenSSL's reading).
pub fn serial_of(cert: &Path) -> String {
    let out = openssl(&["x509", "-noout", "-serial", "-in", cert.to_str().unwrap()]);
    out.trim().trim_start_matches("serial=").to_lowercase()
}

/// File mode bits.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Names of the files in a directory, sorted.
/// The lock files certenroll keeps beside key files (`.KEY.lock`, empty but for a PID) are
/// left out: they guard the key and are not data.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !(name.starts_with('.') && name.ends_with(".lock")))
        .collect();
    names.sort();
    names
}

/// Run a command that prints JSON, check its exit code, and parse its stdout.
pub fn json_of<T: serde::de::DeserializeOwned>(cmd: &mut assert_cmd::Command, code: i32) -> T {
    let output = cmd.assert().code(code).get_output().stdout.clone();
    serde_json::from_slice(&output)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&output)))
}

/// `certenroll lab serve` as a subprocess on a free port, killed on drop. Its log (stderr)
/// goes to a file the test can read.
pub struct Lab {
    child: Child,
    pub url: String,
    /// With --tls: https://127.0.0.1:PORT/.well-known/est
    pub est_url: String,
    pub ca_sha256: String,
    log: tempfile::NamedTempFile,
}

impl Lab {
    pub fn start(args: &[&str]) -> Self {
        Self::spawn(
            Command::new(assert_cmd::cargo::cargo_bin("certenroll")),
            args,
        )
    }

    /// The lab started from a shell that allows core dumps of any size (`ulimit -c unlimited`).
    pub fn start_with_core_dumps() -> Self {
        let mut shell = Command::new("/bin/sh");
        shell.args(["-c", "ulimit -c unlimited && exec \"$0\" \"$@\""]);
        shell.arg(assert_cmd::cargo::cargo_bin("certenroll"));
        Self::spawn(shell, &[])
    }

    fn spawn(mut command: Command, args: &[&str]) -> Self {
        use std::io::BufRead;
        let log = tempfile::NamedTempFile::new().unwrap();
        let mut child = command
            .args(["lab", "serve", "--port", "0", "--json"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(log.reopen().unwrap())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let info: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("lab did not start ({e}): {line:?}"));
        Lab {
            child,
            url: info["url"].as_str().unwrap().to_string(),
            est_url: info["est_url"].as_str().unwrap_or_default().to_string(),
            ca_sha256: info["ca_sha256"].as_str().unwrap().to_string(),
            log,
        }
    }

    /// The lab process's ID.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the lab logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap()
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The certenroll binary with its state in `state` (history, pending requests).
pub fn certenroll_in(state: &Path) -> assert_cmd::Command {
    let mut cmd = certenroll();
    cmd.env("CERTENROLL_STATE_DIR", state);
    cmd
}

/// The history of a state directory, via `certenroll history --json`.
pub fn history(state: &Path) -> Vec<serde_json::Value> {
    let out = certenroll_in(state)
        .args(["history", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["type"], "entry");
            v["data"].clone()
        })
        .collect()
}

/// One step of `doctor --json`.
#[derive(Debug, serde::Deserialize)]
pub struct Step {
    pub name: String,
    pub status: String,
    pub detail: String,
    pub fix: Option<String>,
}

/// `doctor --json`.
#[derive(Debug, serde::Deserialize)]
pub struct Doctor {
    pub steps: Vec<Step>,
    pub exit_code: u8,
}

/// Poll `check` every 50 ms until it gives a value (waiting on a daemon is the point where
/// this is used); panic after 30 s.
pub fn wait_for<T>(mut check: impl FnMut() -> Option<T>, what: &str) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A private D-Bus session bus listening on `socket`, for daemons a test runs (certmonger,
/// the TPM's access broker); kill it when done. It has no service directories: nothing is
/// started on demand, so the only daemons on it are the test's.
pub fn private_bus(socket: &Path) -> Child {
    let config = socket.with_extension("conf");
    std::fs::write(
        &config,
        format!(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"
 \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">
<busconfig><type>session</type><listen>unix:path={}</listen>
<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>
<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy>
</busconfig>
",
            socket.display()
        ),
    )
    .unwrap();
    let bus = Command::new("dbus-daemon")
        .args(["--nofork", "--config-file"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon (Debian dbus) is installed");
    wait_for(|| socket.exists().then_some(()), "the D-Bus socket");
    bus
}
