//! The lab responder against certmonger's SCEP support (Debian `certmonger` 0.79): its daemon
//! runs on a private D-Bus session bus with its state in a temporary directory, and `getcert`
//! drives it, as a sysadmin would. certmonger signs its requests with a self-signed
//! certificate that has a 32-octet serial number, and derives the transactionID from the key,
//! so a renewal with the same key reuses it.

use std::path::PathBuf;
use std::process::{Child, Command};

use crate::util::{Lab, issued_by, private_bus, serial_of, wait_for};

/// certmonger's daemon on its own bus, killed (with the bus) on drop.
struct Certmonger {
    dir: tempfile::TempDir,
    bus: Child,
    daemon: Child,
}

impl Certmonger {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let bus = private_bus(&dir.path().join("bus"));
        let mut cm = Certmonger {
            dir,
            bus,
            daemon: Command::new("true").spawn().unwrap(),
        };
        for sub in ["home", "config", "requests", "cas", "local", "tmp"] {
            std::fs::create_dir(cm.dir.path().join(sub)).unwrap();
        }
        let log = std::fs::File::create(cm.dir.path().join("certmonger.log")).unwrap();
        cm.daemon = cm
            .command("/usr/sbin/certmonger")
            .args(["-s", "-n"])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("certmonger (Debian certmonger) is installed");
        // The daemon is up once it answers on the bus.
        wait_for(
            || {
                cm.command("getcert")
                    .args(["list-cas", "-s"])
                    .output()
                    .ok()
                    .filter(|o| o.status.success())
            },
            "certmonger on its bus",
        );
        cm
    }

    /// A command with this daemon's bus and state directories.
    fn command(&self, program: &str) -> Command {
        let at = |sub: &str| self.dir.path().join(sub);
        let mut command = Command::new(program);
        command
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", at("bus").display()),
            )
            .env("HOME", at("home"))
            .env("CERTMONGER_CONFIG_DIR", at("config"))
            .env("CERTMONGER_REQUESTS_DIR", at("requests"))
            .env("CERTMONGER_CAS_DIR", at("cas"))
            .env("CERTMONGER_LOCAL_CA_DIR", at("local"))
            .env("CERTMONGER_TMPDIR", at("tmp"));
        command
    }

    /// Run `getcert` with these arguments (on the session bus); its output.
    fn getcert(&self, args: &[&str]) -> String {
        let output = self
            .command("getcert")
            .args([args[0], "-s"])
            .args(&args[1..])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.status.success(), "getcert {args:?}: {text}");
        text
    }

    /// Wait until request `id` has left the states of work in progress; its listing.
    fn settled(&self, id: &str) -> String {
        wait_for(
            || {
                let listing = self.getcert(&["list", "-i", id]);
                let status = listing
                    .lines()
                    .find_map(|l| l.trim().strip_prefix("status: "))
                    .unwrap_or_default()
                    .to_string();
                [
                    "MONITORING",
                    "CA_UNREACHABLE",
                    "CA_REJECTED",
                    "CA_UNCONFIGURED",
                ]
                .contains(&status.as_str())
                .then_some(listing)
            },
            "certmonger to finish the request",
        )
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `getcert request` from CA `lab` for a new key and certificate in the state directory,
    /// tracked as `id`; with `more` arguments.
    fn request(&self, id: &str, subject: &str, more: &[&str]) -> (PathBuf, PathBuf) {
        let (cert, key) = (self.path("cert.pem"), self.path("key.pem"));
        let mut args = vec!["request", "-c", "lab", "-I", id, "-N", subject];
        args.extend_from_slice(&["-f", cert.to_str().unwrap(), "-k", key.to_str().unwrap()]);
        args.extend_from_slice(more);
        self.getcert(&args);
        (cert, key)
    }
}

impl Drop for Certmonger {
    fn drop(&mut self) {
        for child in [&mut self.daemon, &mut self.bus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn certmonger_enrolls_retries_a_pending_request_and_renews_against_the_lab_with_ras() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    let lab = Lab::start(&[
        "--ra",
        "--pending",
        "1",
        "--challenge",
        "secret",
        "--ca-out",
        ca.to_str().unwrap(),
    ]);
    let cm = Certmonger::start();
    cm.getcert(&["add-scep-ca", "-c", "lab", "-u", &lab.url]);
    let (cert, key) = cm.request("dev", "CN=certmonger-client", &["-L", "secret"]);
    // RFC 8894's PENDING reply carries no content, which certmonger cannot verify ("no
    // content"): it files the request as CA_UNREACHABLE, and a resubmission collects it.
    let listing = cm.settled("dev");
    assert!(
        listing.contains("CA_UNREACHABLE") && listing.contains("no content"),
        "{listing}"
    );
    assert!(lab.log().contains("PENDING"), "{}", lab.log());
    cm.getcert(&["resubmit", "-i", "dev"]);
    let listing = cm.settled("dev");
    assert!(listing.contains("status: MONITORING"), "{listing}");
    issued_by(&cert, &key, &ca);
    let first = serial_of(&cert);

    // Renewal: the same key, a PKCSReq signed with the current certificate, held once too.
    cm.getcert(&["resubmit", "-i", "dev"]);
    assert!(cm.settled("dev").contains("CA_UNREACHABLE"));
    cm.getcert(&["resubmit", "-i", "dev"]);
    assert!(cm.settled("dev").contains("status: MONITORING"));
    assert_ne!(serial_of(&cert), first, "renewal issued a new certificate");
    issued_by(&cert, &key, &ca);
    assert!(lab.log().contains("signed_by=\"this CA\""), "{}", lab.log());
}

#[test]
fn certmonger_enrolls_from_a_lone_ca_named_with_its_signing_ca_option() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    let lab = Lab::start(&["--ca-out", ca.to_str().unwrap()]);
    let cm = Certmonger::start();
    // With no RA, certmonger 0.79 verifies the reply against the CA only when it is named as
    // the signing CA (-N); without, it reports "self-signed certificate".
    cm.getcert(&[
        "add-scep-ca",
        "-c",
        "lab",
        "-u",
        &lab.url,
        "-N",
        ca.to_str().unwrap(),
    ]);
    let (cert, key) = cm.request("lone", "CN=certmonger-lone", &[]);
    let listing = cm.settled("lone");
    assert!(listing.contains("status: MONITORING"), "{listing}");
    issued_by(&cert, &key, &ca);
}
