//! Crash safety: enroll, poll and renew killed before every change they make to a file (a
//! rename into place or a removal: `CERTENROLL_TEST_CRASH_AT=N` aborts the process there, which
//! leaves what a kill -9 leaves), then run again. At every kill point the installed key and
//! certificate still belong together (or the next run can put them together), no key is lost,
//! and the next run finishes the work: no staged key, temporary file or install journal is
//! left, the pending request is gone, the PKCS#12 bundle holds the installed certificate and
//! the deploy hook ran for it.

use std::path::{Path, PathBuf};

use crate::util::{Lab, certenroll_in, openssl};

/// Every file below `from`, copied to `to` (modes kept).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, as paths relative to it.
fn files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().unwrap().is_dir() {
                found.extend(
                    files(&entry.path())
                        .into_iter()
                        .map(|f| format!("{}/{f}", entry.file_name().to_string_lossy())),
                );
            } else {
                found.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

/// One world: the device's files and certenroll's state directory.
struct World {
    root: tempfile::TempDir,
}

impl World {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("etc")).unwrap();
        std::fs::create_dir(root.path().join("state")).unwrap();
        std::fs::write(root.path().join("passphrase"), "p12-secret\n").unwrap();
        World { root }
    }

    fn copy(&self) -> World {
        let root = tempfile::tempdir().unwrap();
        copy_tree(self.root.path(), root.path());
        World { root }
    }

    fn etc(&self) -> PathBuf {
        self.root.path().join("etc")
    }
    fn state(&self) -> PathBuf {
        self.root.path().join("state")
    }
    fn key(&self) -> PathBuf {
        self.etc().join("key.pem")
    }
    fn cert(&self) -> PathBuf {
        self.etc().join("cert.pem")
    }
    fn p12(&self) -> PathBuf {
        self.etc().join("bundle.p12")
    }
    fn hook_log(&self) -> PathBuf {
        self.root.path().join("hook.log")
    }

    fn run(&self, args: &[&str], crash_at: Option<usize>) -> std::process::Output {
        let mut cmd = certenroll_in(&self.state());
        cmd.current_dir(self.root.path()).args(args);
        if let Some(n) = crash_at {
            cmd.env("CERTENROLL_TEST_CRASH_AT", n.to_string());
        }
        cmd.output().unwrap()
    }

    fn public_key_of_cert(&self, cert: &Path) -> String {
        crate::util::public_key_of_cert(cert)
    }

    fn public_key_of_key(&self, key: &Path) -> String {
        crate::util::public_key_of_key(key)
    }

    fn serial(&self) -> String {
        let line = openssl(&[
            "x509",
            "-in",
            self.cert().to_str().unwrap(),
            "-noout",
            "-serial",
        ]);
        line.trim().trim_start_matches("serial=").to_string()
    }

    /// After a kill: the certificate in place has its key either in place or staged beside it
    /// (what the next run moves into place); without a certificate, the key is still there.
    fn recoverable(&self, context: &str) {
        if !self.cert().exists() {
            return;
        }
        let cert_key = self.public_key_of_cert(&self.cert());
        let staged = self.etc().join("key.pem.new");
        let in_place = self.key().exists() && self.public_key_of_key(&self.key()) == cert_key;
        let beside = staged.exists() && self.public_key_of_key(&staged) == cert_key;
        assert!(
            in_place || beside,
            "{context}: the installed certificate's key is lost; files: {:?}",
            files(&self.etc())
        );
    }

    /// After the next run: everything finished and nothing left behind.
    fn settled(&self, context: &str, with_extras: bool) {
        let etc = files(&self.etc());
        assert!(
            self.cert().exists(),
            "{context}: no certificate; etc: {etc:?}, state: {:?}",
            files(&self.state())
        );
        assert!(
            self.public_key_of_key(&self.key()) == self.public_key_of_cert(&self.cert()),
            "{context}: key and certificate do not match"
        );
        assert_eq!(crate::util::mode(&self.key()), 0o600, "{context}");
        // The chain in place is the installed certificate's.
        let chain = self.etc().join("chain.pem");
        if chain.exists() {
            openssl(&[
                "verify",
                "-CAfile",
                chain.to_str().unwrap(),
                self.cert().to_str().unwrap(),
            ]);
        }
        assert!(
            etc.iter()
                .all(|f| !f.ends_with(".tmp") && f != "key.pem.new"),
            "{context}: left behind in etc: {etc:?}"
        );
        let state = files(&self.state());
        assert!(
            state.iter().all(|f| {
                !["owed/", "pending/", "made/"]
                    .iter()
                    .any(|dir| f.starts_with(dir))
                    && !f.ends_with(".tmp")
            }),
            "{context}: left behind in the state directory: {state:?}"
        );
        if with_extras {
            let bundle = openssl(&[
                "pkcs12",
                "-in",
                self.p12().to_str().unwrap(),
                "-passin",
                &format!("file:{}", self.root.path().join("passphrase").display()),
                "-nokeys",
                "-clcerts",
            ]);
            let in_bundle = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(in_bundle.path(), bundle).unwrap();
            assert_eq!(
                self.public_key_of_cert(in_bundle.path()),
                self.public_key_of_cert(&self.cert()),
                "{context}: the PKCS#12 bundle does not hold the installed certificate"
            );
            let log = std::fs::read_to_string(self.hook_log()).unwrap_or_default();
            assert!(
                log.lines().any(|l| l.eq_ignore_ascii_case(&self.serial())),
                "{context}: the deploy hook never ran for serial {}; log: {log:?}",
                self.serial()
            );
        }
    }
}

/// Run `args` in a fresh world from `make` killed before its 1st, 2nd, … change to a file until
/// a run completes; after each kill check `recoverable`, run `recovery` and check `settled`.
/// Returns how many kill points there were.
fn every_kill_point(
    make: impl Fn() -> World,
    args: &[&str],
    recovery: &[&[&str]],
    with_extras: bool,
) -> usize {
    for n in 1..100 {
        let world = make();
        let output = world.run(args, Some(n));
        if output.status.code().is_some() {
            assert!(
                output.status.success(),
                "{args:?} without a kill failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            world.settled(&format!("{args:?} uninterrupted"), with_extras);
            return n - 1;
        }
        let context = format!("{args:?} killed before change {n}");
        world.recoverable(&context);
        for next in recovery {
            let output = world.run(next, None);
            assert!(
                output.status.success(),
                "{context}, then {next:?}: exit {:?}: {}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        world.settled(&context, with_extras);
    }
    panic!("{args:?} never completed");
}

fn enroll_args<'a>(url: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "enroll",
        "-q",
        "--url",
        url,
        "--cn",
        "crash-test",
        "--out-key",
        "etc/key.pem",
        "--out-cert",
        "etc/cert.pem",
        "--out-chain",
        "etc/chain.pem",
        "--no-challenge",
    ];
    args.extend_from_slice(extra);
    args
}

/// `renew` of the pair in etc/.
fn renew_args(url: &str) -> Vec<&str> {
    vec![
        "renew",
        "-q",
        "--url",
        url,
        "--key",
        "etc/key.pem",
        "--cert",
        "etc/cert.pem",
    ]
}

/// `poll` at once.
const POLL: &[&str] = &["poll", "-q", "--poll-interval", "0"];

const EXTRAS: &[&str] = &[
    "--out-p12",
    "etc/bundle.p12",
    "--p12-passphrase-file",
    "passphrase",
];

/// A world whose first enrollment `lab` answered PENDING (saved, exit 3).
fn pending_enrollment(lab: &Lab) -> World {
    let world = World::new();
    let out = world.run(&enroll_args(&lab.url, &["--no-wait"]), None);
    assert_eq!(out.status.code(), Some(3));
    world
}

/// A world with an installed pair from `lab` (and a bundle).
fn enrolled(lab: &Lab) -> World {
    let world = World::new();
    let out = world.run(&enroll_args(&lab.url, EXTRAS), None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    world
}

#[test]
fn a_first_enrollment_killed_at_any_point_is_finished_by_the_same_command() {
    let lab = Lab::start(&[]);
    let args = enroll_args(&lab.url, EXTRAS);
    let points = every_kill_point(World::new, &args, &[&args], false);
    assert!(points >= 4, "only {points} kill points");
}

#[test]
fn enroll_force_over_an_installed_pair_loses_no_key_at_any_kill_point() {
    let lab = Lab::start(&[]);
    let base = enrolled(&lab);
    let mut args = enroll_args(&lab.url, EXTRAS);
    args.push("--force");
    let points = every_kill_point(|| base.copy(), &args, &[&args], false);
    assert!(points >= 5, "only {points} kill points");
}

#[test]
fn renew_finishes_its_swap_bundle_and_hook_after_a_kill_at_any_point() {
    let lab = Lab::start(&[]);
    let base = enrolled(&lab);
    let hook = format!(
        "echo \"$CERTENROLL_SERIAL\" >> {}",
        base.hook_log().file_name().unwrap().to_string_lossy()
    );
    let renew = |force: bool| {
        let mut args = vec![
            "renew",
            "-q",
            "--url",
            &lab.url,
            "--key",
            "etc/key.pem",
            "--cert",
            "etc/cert.pem",
            "--deploy-hook",
            &hook,
        ];
        args.extend_from_slice(EXTRAS);
        if force {
            args.push("--force");
        }
        args.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    // The hook log of the base world names the enrolled certificate, as if a hook had run.
    std::fs::write(base.hook_log(), format!("{}\n", base.serial())).unwrap();
    let forced = renew(true);
    let forced: Vec<&str> = forced.iter().map(String::as_str).collect();
    let again = renew(false);
    let again: Vec<&str> = again.iter().map(String::as_str).collect();
    let points = every_kill_point(|| base.copy(), &forced, &[&again], true);
    assert!(points >= 6, "only {points} kill points");
}

#[test]
fn poll_installs_a_pending_enrollment_and_a_pending_renewal_after_a_kill_at_any_point() {
    let lab = Lab::start(&["--pending", "1"]);
    let poll = POLL;
    // Saved requests name absolute paths: each kill point gets a world made from scratch.
    // A first enrollment, pending.
    let points = every_kill_point(|| pending_enrollment(&lab), poll, &[poll], false);
    assert!(points >= 3, "only {points} kill points");

    // A renewal, pending: once installed, neither poll nor renew may fail on it.
    let renew = &renew_args(&lab.url)[..];
    let pending_renewal = || {
        let world = pending_enrollment(&lab);
        assert!(world.run(poll, None).status.success());
        let mut forced = renew.to_vec();
        forced.extend(["--force", "--no-wait"]);
        let out = world.run(&forced, None);
        assert_eq!(
            out.status.code(),
            Some(3),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        world
    };
    let points = every_kill_point(pending_renewal, poll, &[poll, renew], false);
    assert!(points >= 4, "only {points} kill points");
}

/// The pending request file of a world (there is one).
fn pending_file(world: &World) -> PathBuf {
    let dir = world.state().join("pending");
    let files = files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    dir.join(&files[0])
}

/// Reproduction: `enroll --force` killed between installing the certificate and the key left
/// the new certificate beside the old key, its own key in `KEY.new`. The identical rerun,
/// refused by the CA, used to overwrite `KEY.new` and then delete it: the installed
/// certificate's only key was lost.
#[test]
fn a_rerun_after_a_kill_between_certificate_and_key_keeps_the_certificate_s_key() {
    let lab = Lab::start(&[]);
    let world = enrolled(&lab);
    let (old_key, old_cert) = (
        std::fs::read(world.key()).unwrap(),
        std::fs::read(world.cert()).unwrap(),
    );
    let mut forced = enroll_args(&lab.url, &[]);
    forced.push("--force");
    assert!(world.run(&forced, None).status.success());
    // What the kill left: the new certificate, its key staged, the old key in place.
    std::fs::rename(world.key(), world.etc().join("key.pem.new")).unwrap();
    std::fs::write(world.key(), &old_key).unwrap();
    assert_ne!(std::fs::read(world.cert()).unwrap(), old_cert);
    let refusing = Lab::start(&["--fail", "2"]);
    let mut again = enroll_args(&refusing.url, &[]);
    again.push("--force");
    let out = world.run(&again, None);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        world.public_key_of_key(&world.key()),
        world.public_key_of_cert(&world.cert())
    );
    assert!(!world.etc().join("key.pem.new").exists());
}

/// Reproduction: `poll` killed after installing the issued certificate but before forgetting
/// the request. The next poll, refused by a CA that no longer knows the transaction, used to
/// delete the installed private key.
#[test]
fn a_request_already_installed_is_forgotten_without_asking_the_ca() {
    let lab = Lab::start(&["--pending", "1", "--forget-issued"]);
    let poll = POLL;
    let world = pending_enrollment(&lab);
    let saved = pending_file(&world);
    let request = std::fs::read(&saved).unwrap();
    assert!(world.run(poll, None).status.success());
    let key = std::fs::read(world.key()).unwrap();
    // What the kill left: the request still saved, at a CA that no longer knows it.
    std::fs::write(&saved, request).unwrap();
    let out = world.run(&["poll", "--poll-interval", "0"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("already installed"));
    assert_eq!(std::fs::read(world.key()).unwrap(), key);
    assert!(!saved.exists());
    // The CA was not asked again (it would have said badCertId).
    assert_eq!(lab.log().matches("CertPoll").count(), 1);
}

/// Reproduction: `poll` killed after installing a pending renewal but before forgetting it:
/// the request names a staged key that has since moved into place, and every later `renew`
/// and `poll` used to fail with exit 6.
#[test]
fn an_installed_renewal_still_saved_does_not_wedge_renew_or_poll() {
    let lab = Lab::start(&["--pending", "1"]);
    let poll = POLL;
    let world = pending_enrollment(&lab);
    assert!(world.run(poll, None).status.success());
    let renew = &renew_args(&lab.url)[..];
    let mut forced = renew.to_vec();
    forced.extend(["--force", "--no-wait"]);
    assert_eq!(world.run(&forced, None).status.code(), Some(3));
    let saved = pending_file(&world);
    let request = std::fs::read(&saved).unwrap();
    assert!(world.run(poll, None).status.success());
    assert!(!world.etc().join("key.pem.new").exists());
    std::fs::write(&saved, request).unwrap();
    for next in [renew, poll] {
        let out = world.run(next, None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{next:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    world.settled("after the renewal was installed", false);
}
