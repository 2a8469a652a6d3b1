//! Keys on a PKCS#11 token (SoftHSM2, Debian `softhsm2`, each test with its own token
//! directory): generated there and never read out, used by the lab and micromdm's scepserver
//! over SCEP and by the lab over EST (as the request's key and as the TLS client key), renewed
//! by swapping labels, and every failure leaving the token as it was. OpenSC's `pkcs11-tool`
//! is the independent reading of the token.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::util::{CHALLENGE, Lab, ScepServer, certenroll_in, challenge_file, history, listing};

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const TPM_MODULE: &str = "/usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so";
const PIN: &str = "4321";

/// A token labelled `dev` in its own directory, with the user PIN in a file: SoftHSM2, or a
/// software TPM through its PKCS#11 module.
struct Token {
    dir: tempfile::TempDir,
    module: &'static str,
    /// What the module reads from the environment (its configuration).
    env: Vec<(&'static str, String)>,
    /// The TPM's processes (swtpm, a private bus, its access broker), killed on drop.
    daemons: Vec<Child>,
}

impl Drop for Token {
    fn drop(&mut self) {
        for child in self.daemons.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Token {
    /// A SoftHSM2 token.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("tokens")).unwrap();
        let conf = dir.path().join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
                dir.path().join("tokens").display()
            ),
        )
        .unwrap();
        let token = Token::in_dir(
            dir,
            MODULE,
            vec![("SOFTHSM2_CONF", conf.display().to_string())],
        );
        let out = token
            .with_env(Command::new("softhsm2-util"))
            .args(["--init-token", "--free", "--label", "dev", "--pin", PIN])
            .args(["--so-pin", "87654321"])
            .output()
            .expect("softhsm2-util is not installed: apt-get install -y softhsm2 (see .ci/run)");
        assert!(out.status.success(), "{out:?}");
        token
    }

    /// A TPM 2.0 (Debian `swtpm`) with a token made by `tpm2_ptool`, reached through its
    /// access broker (`tpm2-abrmd`, on a private bus): without the broker, the tools that
    /// make the token leave the TPM's few object slots full.
    fn tpm() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["state", "store"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        let mut daemons = Vec::new();
        let port = Token::swtpm(dir.path(), &mut daemons);
        let socket = dir.path().join("bus");
        daemons.push(crate::util::private_bus(&socket));
        let bus = format!("unix:path={}", socket.display());
        daemons.push(
            Command::new("tpm2-abrmd")
                .args(["--session", "--allow-root", "--flush-all"])
                .arg(format!("--tcti=swtpm:host=127.0.0.1,port={port}"))
                .env("DBUS_SESSION_BUS_ADDRESS", &bus)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("tpm2-abrmd is not installed: apt-get install -y tpm2-abrmd (see .ci/run)"),
        );
        let tcti = "tabrmd:bus_type=session".to_string();
        let store = dir.path().join("store").display().to_string();
        let mut token = Token::in_dir(
            dir,
            TPM_MODULE,
            vec![
                ("DBUS_SESSION_BUS_ADDRESS", bus),
                ("TPM2TOOLS_TCTI", tcti.clone()),
                ("TPM2_PKCS11_TCTI", tcti),
                ("TPM2_PKCS11_STORE", store.clone()),
            ],
        );
        token.daemons = daemons;
        // The broker is up once the TPM answers through it.
        crate::util::wait_for(
            || {
                token
                    .with_env(Command::new("tpm2_getrandom"))
                    .arg("8")
                    .output()
                    .ok()
                    .filter(|o| o.status.success())
            },
            "the TPM's access broker",
        );
        for args in [
            vec!["init", "--path", &store],
            vec![
                "addtoken",
                "--pid=1",
                "--label=dev",
                "--sopin=87654321",
                "--userpin",
                PIN,
                "--path",
                &store,
            ],
        ] {
            let out = token
                .with_env(Command::new("tpm2_ptool"))
                .args(&args)
                .output()
                .expect("tpm2_ptool is not installed: apt-get install -y libtpm2-pkcs11-tools");
            assert!(out.status.success(), "tpm2_ptool {args:?}: {out:?}");
        }
        token
    }

    /// Start swtpm with its state in `dir`, on a free port pair (the swtpm TCTI finds the
    /// control channel on the next port, which another process may hold: then another
    /// pair); its port.
    fn swtpm(dir: &Path, daemons: &mut Vec<Child>) -> u16 {
        for _ in 0..10 {
            let port = crate::util::free_port();
            let ctrl = port + 1;
            if std::net::TcpListener::bind(("127.0.0.1", ctrl)).is_err() {
                continue;
            }
            let log = std::fs::File::create(dir.join("swtpm.log")).unwrap();
            let mut child = Command::new("swtpm")
                .args(["socket", "--tpm2", "--tpmstate"])
                .arg(format!("dir={}", dir.join("state").display()))
                .args([
                    "--server",
                    &format!("type=tcp,port={port},bindaddr=127.0.0.1"),
                ])
                .args([
                    "--ctrl",
                    &format!("type=tcp,port={ctrl},bindaddr=127.0.0.1"),
                ])
                .args(["--flags", "not-need-init,startup-clear"])
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("swtpm is not installed: apt-get install -y swtpm (see .ci/run)");
            // Listening, or gone (a port taken in between): then another pair.
            let up = crate::util::wait_for(
                || match child.try_wait() {
                    Ok(Some(_)) => Some(false),
                    _ => std::net::TcpStream::connect(("127.0.0.1", port))
                        .ok()
                        .map(|_| true),
                },
                "swtpm",
            );
            if up {
                daemons.push(child);
                return port;
            }
        }
        panic!(
            "swtpm did not start: {}",
            std::fs::read_to_string(dir.join("swtpm.log")).unwrap_or_default()
        );
    }

    fn in_dir(
        dir: tempfile::TempDir,
        module: &'static str,
        env: Vec<(&'static str, String)>,
    ) -> Self {
        std::fs::write(dir.path().join("pin"), format!("{PIN}\n")).unwrap();
        Token {
            dir,
            module,
            env,
            daemons: Vec::new(),
        }
    }

    fn with_env(&self, mut command: Command) -> Command {
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// certenroll with its state in this directory and the module's environment.
    fn bare(&self) -> assert_cmd::Command {
        let mut cmd = certenroll_in(&self.path("state"));
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)))
            .env_remove("CERTENROLL_PKCS11_PIN")
            .env_remove("CERTENROLL_PKCS11_MODULE");
        cmd
    }

    /// certenroll with the module and the PIN file named.
    fn certenroll(&self) -> assert_cmd::Command {
        let mut cmd = self.bare();
        cmd.args(["--pkcs11-module", self.module, "--pin-file"])
            .arg(self.path("pin"));
        cmd
    }

    /// `enroll -q` from `url`, without a challenge, of a new key generated on the token as
    /// `label`, the certificate (CN `cn`) in `cert`.
    fn enroll_new(&self, url: &str, cn: &str, label: &str, cert: &Path) -> assert_cmd::Command {
        let mut cmd = self.certenroll();
        cmd.args(["enroll", "-q", "--url", url, "--cn", cn, "--no-challenge"])
            .args(["--out-key", &uri(label), "--out-cert"])
            .arg(cert);
        cmd
    }

    /// `renew -q` from `url`, without a challenge, of the key `label` on the token and its
    /// certificate `cert`.
    fn renew_pair(&self, url: &str, label: &str, cert: &Path) -> assert_cmd::Command {
        let mut cmd = self.certenroll();
        cmd.args(["renew", "-q", "--url", url, "--no-challenge"])
            .args(["--key", &uri(label), "--cert"])
            .arg(cert);
        cmd
    }

    /// OpenSC's pkcs11-tool on this token, logged in.
    fn tool(&self, args: &[&str]) -> std::process::Output {
        self.with_env(Command::new("pkcs11-tool"))
            .args([
                "--module",
                self.module,
                "--token-label",
                "dev",
                "--login",
                "--pin",
                PIN,
            ])
            .args(args)
            .output()
            .expect("pkcs11-tool is not installed: apt-get install -y opensc (see .ci/run)")
    }

    /// The token's objects as pkcs11-tool lists them: "Private Key Object label=web".
    fn objects(&self) -> Vec<String> {
        let out = self.tool(&["--list-objects"]);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let mut found = Vec::new();
        let mut class = String::new();
        for line in text.lines() {
            if line.contains("Object;") {
                class = line
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
            } else if let Some(label) = line.trim().strip_prefix("label:") {
                found.push(format!("{class} label={}", label.trim()));
            }
        }
        found.sort();
        found
    }

    /// The object of `kind` (pubkey, cert) labelled `label`, as pkcs11-tool reads it out:
    /// a DER file.
    fn read_object(&self, kind: &str, label: &str) -> PathBuf {
        let der = self.path(&format!("{label}.{kind}.der"));
        let out = self.tool(&[
            "--read-object",
            "--type",
            kind,
            "--label",
            label,
            "-o",
            der.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{out:?}");
        der
    }

    /// The public key labelled `label`, in PEM as OpenSSL writes it.
    fn public_key(&self, label: &str) -> String {
        let der = self.read_object("pubkey", label);
        crate::util::openssl(&[
            "pkey",
            "-pubin",
            "-inform",
            "DER",
            "-in",
            der.to_str().unwrap(),
            "-pubout",
        ])
    }

    /// pkcs11-tool reads the private keys as sensitive and never extractable.
    fn assert_never_extractable(&self) {
        let listed = String::from_utf8_lossy(&self.tool(&["--list-objects"]).stdout).to_string();
        assert!(
            listed.contains("Access:     sensitive, always sensitive, never extractable, local"),
            "{listed}"
        );
    }

    /// What the token answers to getting the private key `label` out
    /// (`tests/data/pkcs11_export.py`): "private exponent: ..." and "wrap: ...".
    fn export(&self, label: &str) -> String {
        let out = self
            .with_env(Command::new("/usr/bin/python3"))
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/pkcs11_export.py"
            ))
            .args([self.module, "dev", PIN, label])
            .output()
            .expect("python3 runs");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains("private exponent: readable"), "{text}");
        text
    }

    /// A key pair made by pkcs11-tool, not by certenroll.
    fn keypair(&self, label: &str, kind: &str) {
        let out = self.tool(&["--keypairgen", "--key-type", kind, "--label", label]);
        assert!(out.status.success(), "{out:?}");
    }
}

fn uri(label: &str) -> String {
    format!("pkcs11:token=dev;object={label}")
}

fn cert_key(cert: &Path) -> String {
    crate::util::public_key_of_cert(cert)
}

#[test]
fn a_key_generated_on_the_token_enrolls_and_never_leaves_it() {
    let token = Token::new();
    let lab = Lab::start(&["--challenge", "s"]);
    let cert = token.path("cert.pem");
    token
        .certenroll()
        .args(["enroll", "--url", &lab.url, "--cn", "web.example"])
        .arg("--challenge-file")
        .arg(challenge_file(token.dir.path(), "s"))
        .args(["--out-key", &uri("web"), "--out-cert"])
        .arg(&cert)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "key       pkcs11:token=dev;object=web (RSA 2048 on token 'dev', not extractable)",
        ));
    // The certificate is for the token's key, and no key file was written anywhere.
    assert_eq!(cert_key(&cert), token.public_key("web"));
    assert_eq!(
        listing(token.dir.path()),
        [
            "cert.pem",
            "challenge",
            "pin",
            "softhsm2.conf",
            "state",
            "tokens",
            "web.pubkey.der"
        ]
    );
    // The token says the key is sensitive and was never extractable.
    token.assert_never_extractable();
    // Asked for it with the PIN (Debian's python3-pykcs11), the token gives neither the
    // private exponent nor a wrapped copy; a key made extractable on purpose it does wrap.
    assert!(token.export("web").contains("wrap: CKR_KEY_UNEXTRACTABLE"));
    let out = token.tool(&[
        "--keypairgen",
        "--key-type",
        "rsa:2048",
        "--label",
        "control",
        "--extractable",
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        token.export("control").contains("wrap: 1"),
        "the control key was not wrapped"
    );
    // Nothing certenroll does writes it out either: a PKCS#12 bundle of it is refused.
    let p12 = token.path("web.p12");
    token
        .certenroll()
        .args(["pkcs12", "--key", &uri("web"), "--cert"])
        .arg(&cert)
        .arg("--out-p12")
        .arg(&p12)
        .args(["--p12-passphrase-env", "P"])
        .env("P", "x")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "needs the private key's bytes, and the key is on token 'dev', not extractable: a token key never leaves its token",
        ));
    assert!(!p12.exists());
    let last = history(&token.path("state")).pop().unwrap();
    assert_eq!(
        (last["status"].as_str(), last["operation"].as_str()),
        (Some("success"), Some("enroll")),
        "{last}"
    );
    // The label is taken now: a second --out-key says how to use it instead.
    token
        .certenroll()
        .args(["enroll", "--url", &lab.url, "--cn", "web.example"])
        .args(["--no-challenge", "--out-key", &uri("web"), "--out-cert"])
        .arg(token.path("other.pem"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "already exists; enroll with it using --key pkcs11:token=dev;object=web",
        ));
}

#[test]
fn a_key_another_tool_made_enrolls_with_micromdm_scepserver() {
    let token = Token::new();
    token.keypair("made", "rsa:2048");
    let server = ScepServer::start();
    let cert = token.path("cert.pem");
    token
        .certenroll()
        .args(["enroll", "-q", "--url", &server.url(), "--cn", "device-1"])
        .arg("--challenge-file")
        .arg(challenge_file(token.dir.path(), CHALLENGE))
        .args(["--key", &uri("made"), "--out-cert"])
        .arg(&cert)
        .assert()
        .success();
    assert_eq!(cert_key(&cert), token.public_key("made"));
    crate::util::verifies(&cert, &server.ca_pem());
}

#[test]
fn est_with_basic_and_the_token_key_as_tls_client_key() {
    let token = Token::new();
    let ca = token.path("lab-ca.pem");
    let lab = Lab::start(&[
        "--tls",
        "--ca-out",
        ca.to_str().unwrap(),
        "--basic",
        "dev:s3cret",
        "--require-client-cert",
    ]);
    // The device's identity: a token key with a certificate from the same CA (over SCEP).
    let identity = token.path("id.pem");
    token
        .enroll_new(&lab.url, "id", "id", &identity)
        .arg("--ca-file")
        .arg(&ca)
        .assert()
        .success();
    std::fs::write(token.path("password"), "s3cret\n").unwrap();
    let cert = token.path("phone.pem");
    token
        .certenroll()
        .arg("--ca-file")
        .arg(&ca)
        .args(["enroll", "-q", "--url", &lab.est_url, "--cn", "phone"])
        .args(["--username", "dev", "--password-file"])
        .arg(token.path("password"))
        .arg("--client-cert")
        .arg(&identity)
        .args(["--client-key", &uri("id")])
        .args([
            "--key-type",
            "p256",
            "--out-key",
            &uri("phone"),
            "--out-cert",
        ])
        .arg(&cert)
        .assert()
        .success();
    assert_eq!(cert_key(&cert), token.public_key("phone"));
    let text = crate::util::openssl(&["x509", "-in", cert.to_str().unwrap(), "-noout", "-text"]);
    assert!(text.contains("prime256v1"), "{text}");
    // doctor reads the TLS client key from the token and checks it against its certificate.
    token
        .certenroll()
        .arg("--ca-file")
        .arg(&ca)
        .args([
            "doctor",
            "--url",
            &lab.est_url,
            "--client-key",
            &uri("id"),
            "--client-cert",
        ])
        .arg(&identity)
        .assert()
        .stdout(predicates::str::contains(format!(
            "✓ client-cert   {} is the certificate of pkcs11:token=dev;object=id",
            identity.display()
        )));
}

#[test]
fn renewal_makes_the_new_key_on_the_token_and_swaps_labels_only_when_issued() {
    let token = Token::new();
    let lab = Lab::start(&[]);
    let cert = token.path("cert.pem");
    token
        .enroll_new(&lab.url, "web", "web", &cert)
        .assert()
        .success();
    let first = token.public_key("web");
    // A renewal the CA refuses: the token keeps exactly what it had.
    let refusing = Lab::start(&["--fail", "badRequest"]);
    let before = token.objects();
    token
        .renew_pair(&refusing.url, "web", &cert)
        .arg("--force")
        .assert()
        .code(4);
    assert_eq!(token.objects(), before);
    assert_eq!(token.public_key("web"), first);
    // Issued: the new key takes the label, the old one is kept as web.prev.
    token
        .renew_pair(&lab.url, "web", &cert)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(cert_key(&cert), token.public_key("web"));
    assert_ne!(token.public_key("web"), first);
    assert_eq!(token.public_key("web.prev"), first);
    assert_eq!(
        token.objects(),
        [
            "Private Key Object label=web",
            "Private Key Object label=web.prev",
            "Public Key Object label=web",
            "Public Key Object label=web.prev"
        ]
    );
    // --delete-old: the replaced key goes.
    token
        .renew_pair(&lab.url, "web", &cert)
        .args(["--force", "--delete-old"])
        .assert()
        .success();
    assert_eq!(cert_key(&cert), token.public_key("web"));
    // The key this renewal replaced is gone; the one kept by the renewal before stays.
    assert_eq!(
        token.objects(),
        [
            "Private Key Object label=web",
            "Private Key Object label=web.prev",
            "Public Key Object label=web",
            "Public Key Object label=web.prev"
        ]
    );
    assert_eq!(token.public_key("web.prev"), first);
}

#[test]
fn a_wrong_pin_or_a_refusal_changes_nothing_on_the_token() {
    let token = Token::new();
    token.keypair("made", "rsa:2048");
    let lab = Lab::start(&["--challenge", "right"]);
    let before = token.objects();
    let cert = token.path("cert.pem");
    std::fs::write(token.path("wrong-pin"), "1111\n").unwrap();
    let mut cmd = token.certenroll();
    cmd.args(["--pin-file"])
        .arg(token.path("wrong-pin"))
        .args(["enroll", "--url", &lab.url, "--cn", "x", "--no-challenge"])
        .args(["--out-key", &uri("new"), "--out-cert"])
        .arg(&cert);
    cmd.assert().code(6).stderr(predicates::str::contains(
        "the PIN for the token 'dev' is wrong (CKR_PIN_INCORRECT); nothing was changed",
    ));
    assert_eq!(token.objects(), before);
    assert!(!cert.exists());
    // No PIN from anywhere and no terminal to ask on: said, exit 2.
    let mut cmd = token.bare();
    cmd.env("CERTENROLL_PKCS11_MODULE", MODULE)
        .args(["enroll", "--url", &lab.url, "--cn", "x", "--no-challenge"])
        .args(["--key", &uri("made"), "--out-cert"])
        .arg(&cert)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "the token 'dev' needs its PIN: give --pin-file FILE (profile key pin_file) or set CERTENROLL_PKCS11_PIN",
        ));
    // The CA refuses the request: the key made for it goes, nothing else.
    token
        .certenroll()
        .args(["enroll", "--url", &lab.url, "--cn", "x"])
        .arg("--challenge-file")
        .arg(challenge_file(token.dir.path(), "wrong"))
        .args(["--out-key", &uri("new"), "--out-cert"])
        .arg(&cert)
        .assert()
        .code(4);
    assert_eq!(token.objects(), before);
    assert!(!cert.exists());
    // The PIN in the environment works like the file.
    let mut cmd = token.bare();
    cmd.env("CERTENROLL_PKCS11_PIN", PIN)
        .env("CERTENROLL_PKCS11_MODULE", MODULE)
        .args(["enroll", "-q", "--url", &lab.url, "--cn", "x"])
        .arg("--challenge-file")
        .arg(challenge_file(token.dir.path(), "right"))
        .args(["--key", &uri("made"), "--out-cert"])
        .arg(&cert)
        .assert()
        .success();
    assert_eq!(cert_key(&cert), token.public_key("made"));
}

#[test]
fn mistakes_in_the_uri_module_or_options_are_said_before_anything_is_sent() {
    let token = Token::new();
    let lab = Lab::start(&[]);
    let enroll = |key_flag: &str, key: &str, extra: &[&str]| {
        let mut cmd = token.certenroll();
        cmd.args(["enroll", "--url", &lab.url, "--cn", "x", "--no-challenge"])
            .args([key_flag, key])
            .args(extra)
            .arg("--out-cert")
            .arg(token.path("cert.pem"));
        cmd
    };
    enroll("--out-key", "pkcs11:token=nope;object=k", &[])
        .assert()
        .code(6)
        .stderr(predicates::str::contains(
            "matches pkcs11:token=nope;object=k; its tokens: 'dev'",
        ));
    enroll("--key", &uri("absent"), &[])
        .assert()
        .code(6)
        .stderr(predicates::str::contains(
            "the token 'dev' holds no private key absent",
        ));
    enroll("--key", "pkcs11:object=k?pin-value=1234", &[])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("a PIN in the URI is refused"));
    enroll(
        "--out-key",
        &uri("b"),
        &["--out-p12", "b.p12", "--p12-passphrase-env", "P"],
    )
    .env("P", "x")
    .assert()
    .code(2)
    .stderr(predicates::str::contains(
        "a PKCS#12 bundle holds the private key",
    ));
    token
        .bare()
        .args(["enroll", "--url", &lab.url, "--cn", "x", "--no-challenge"])
        .args(["--key", &uri("k"), "--out-cert"])
        .arg(token.path("cert.pem"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a PKCS#11 key needs its module: give --pkcs11-module PATH",
        ));
    assert!(token.objects().is_empty());
    assert!(!token.path("cert.pem").exists());
}

#[test]
fn a_pending_request_on_the_token_is_polled_without_the_flags() {
    let token = Token::new();
    let lab = Lab::start(&["--pending", "1"]);
    let cert = token.path("cert.pem");
    token
        .enroll_new(&lab.url, "p", "p", &cert)
        .arg("--no-wait")
        .assert()
        .code(3);
    // A timer's poll names neither the module nor the PIN file: the saved request does.
    token.bare().args(["poll", "-q"]).assert().success();
    assert_eq!(cert_key(&cert), token.public_key("p"));
    // doctor checks the token and the key object.
    token
        .certenroll()
        .args(["doctor", "--url", &lab.url, "--key", &uri("p"), "--cert"])
        .arg(&cert)
        .assert()
        .stdout(predicates::str::contains(
            "✓ token         pkcs11:token=dev;object=p is RSA 2048 on token 'dev', not extractable",
        ));
    // A renewal held by the CA: the next renew asks about it instead of sending another
    // (which would make yet another key on the token), and installs it.
    let renew = |extra: &[&str]| {
        let mut cmd = token.renew_pair(&lab.url, "p", &cert);
        cmd.args(extra);
        cmd
    };
    renew(&["--force", "--no-wait"]).assert().code(3);
    assert!(has_key(&token, "p.new"), "{:?}", token.objects());
    renew(&["--force", "--poll-interval", "0"])
        .assert()
        .success();
    assert_eq!(cert_key(&cert), token.public_key("p"));
    assert_eq!(
        token.objects(),
        [
            "Private Key Object label=p",
            "Private Key Object label=p.prev",
            "Public Key Object label=p",
            "Public Key Object label=p.prev"
        ]
    );
}

#[test]
fn a_tpm_key_is_made_in_the_tpm_enrolled_and_renewed() {
    let token = Token::tpm();
    let lab = Lab::start(&[]);
    let cert = token.path("cert.pem");
    token
        .enroll_new(&lab.url, "linux-box", "device", &cert)
        .assert()
        .success();
    let first = token.public_key("device");
    assert_eq!(cert_key(&cert), first);
    token.assert_never_extractable();
    token
        .renew_pair(&lab.url, "device", &cert)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(cert_key(&cert), token.public_key("device"));
    assert_eq!(token.public_key("device.prev"), first);
}

#[test]
fn a_request_made_elsewhere_goes_over_scep_signed_by_the_ras_key_on_the_token() {
    let token = Token::new();
    token.keypair("ra", "rsa:2048");
    let lab = Lab::start(&[]);
    let csr = token.path("phone.csr");
    crate::util::openssl(&[
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=phone",
        "-keyout",
        token.path("phone.key").to_str().unwrap(),
        "-out",
        csr.to_str().unwrap(),
    ]);
    let cert = token.path("phone.pem");
    token
        .certenroll()
        .args([
            "enroll",
            "-q",
            "--url",
            &lab.url,
            "--key",
            &uri("ra"),
            "--csr",
        ])
        .arg(&csr)
        .arg("--out-cert")
        .arg(&cert)
        .assert()
        .success();
    assert_eq!(
        cert_key(&cert),
        crate::util::openssl(&["req", "-in", csr.to_str().unwrap(), "-noout", "-pubkey"])
    );
}

#[test]
fn the_certificate_goes_on_the_token_beside_its_key_when_asked() {
    let token = Token::new();
    let lab = Lab::start(&[]);
    let cert = token.path("cert.pem");
    let run = |verb: &[&str]| {
        let mut cmd = token.certenroll();
        cmd.args(verb)
            .args(["-q", "--url", &lab.url, "--no-challenge", "--cert-to-token"]);
        cmd
    };
    run(&["enroll", "--cn", "web"])
        .args(["--out-key", &uri("web"), "--out-cert"])
        .arg(&cert)
        .assert()
        .success();
    let on_token = |label: &str| {
        let der = token.read_object("cert", label);
        crate::util::openssl(&["x509", "-inform", "DER", "-in", der.to_str().unwrap()])
    };
    let file = |path: &Path| crate::util::openssl(&["x509", "-in", path.to_str().unwrap()]);
    assert_eq!(on_token("web"), file(&cert));
    let first = file(&cert);
    run(&["renew", "--force", "--key", &uri("web")])
        .arg("--cert")
        .arg(&cert)
        .assert()
        .success();
    // The new certificate beside the new key; the replaced pair kept together as web.prev.
    assert_eq!(on_token("web"), file(&cert));
    assert_eq!(on_token("web.prev"), first);
    assert_eq!(
        token.objects(),
        [
            "Certificate Object label=web",
            "Certificate Object label=web.prev",
            "Private Key Object label=web",
            "Private Key Object label=web.prev",
            "Public Key Object label=web",
            "Public Key Object label=web.prev"
        ]
    );
    // A key file has no token to put it on: said before anything is sent.
    run(&["enroll", "--cn", "file"])
        .arg("--out-key")
        .arg(token.path("file.key"))
        .arg("--out-cert")
        .arg(token.path("file.pem"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--cert-to-token puts the certificate beside its key on a token",
        ));
    assert!(!token.path("file.key").exists());
}

/// Run `cmd` killed before its `n`th change to a file or to the token's objects
/// (`CERTENROLL_TEST_CRASH_AT`, what a kill -9 leaves): whether it was killed. A run that
/// ends by itself must have succeeded.
fn killed_at(mut cmd: assert_cmd::Command, n: usize) -> bool {
    let out = cmd
        .env("CERTENROLL_TEST_CRASH_AT", n.to_string())
        .output()
        .unwrap();
    if out.status.code().is_some() {
        assert!(out.status.success(), "uninterrupted: {out:?}");
        return false;
    }
    true
}

/// What is left in the state directory's `dir` (owed, pending, made).
fn left_in_state(token: &Token, dir: &str) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(token.path("state").join(dir))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default()
}

/// The key objects of `label` on the token, as pkcs11-tool lists them.
fn has_key(token: &Token, label: &str) -> bool {
    token
        .objects()
        .contains(&format!("Private Key Object label={label}"))
}

/// A renewal on the token killed before each change it makes (to a file or to the token's
/// objects), then run again: the installed certificate's key is never lost (on the token as
/// the label or the staged label), and the next run leaves one pair in place, nothing staged.
#[test]
fn a_renewal_on_the_token_killed_at_any_point_loses_no_key() {
    let lab = Lab::start(&[]);
    let mut points = 0;
    for n in 1..60 {
        let token = Token::new();
        let cert = token.path("cert.pem");
        token
            .enroll_new(&lab.url, "web", "web", &cert)
            .arg("--cert-to-token")
            .assert()
            .success();
        let renew = |force: bool| {
            let mut cmd = token.renew_pair(&lab.url, "web", &cert);
            cmd.arg("--cert-to-token");
            if force {
                cmd.arg("--force");
            }
            cmd
        };
        if !killed_at(renew(true), n) {
            points = n - 1;
            break;
        }
        let installed = cert_key(&cert);
        let context = format!("killed before change {n}");
        // A swap killed half-way may leave a key's private and public objects under the two
        // labels (one relabelled, the other not yet): they share their CKA_ID.
        let objects = token.objects();
        let public_under = |label: &str| {
            objects.contains(&format!("Public Key Object label={label}"))
                && token.public_key(label) == installed
        };
        let kept = (has_key(&token, "web") || has_key(&token, "web.new"))
            && (public_under("web") || public_under("web.new"));
        assert!(
            kept,
            "{context}: the certificate's key is lost: {:?}",
            token.objects()
        );
        renew(false).assert().success();
        assert_eq!(cert_key(&cert), token.public_key("web"), "{context}");
        // certenroll's own reading of the private key labelled web: the certificate's.
        token
            .certenroll()
            .args(["doctor", "--url", &lab.url, "--key", &uri("web"), "--cert"])
            .arg(&cert)
            .assert()
            .stdout(predicates::str::contains("belongs to the certificate"));
        let objects = token.objects();
        assert!(
            objects.iter().all(|o| !o.ends_with("label=web.new")),
            "{context}: left on the token: {objects:?}"
        );
        assert!(
            objects.contains(&"Certificate Object label=web".to_string()),
            "{context}: {objects:?}"
        );
        for dir in ["owed", "pending", "made"] {
            let left = left_in_state(&token, dir);
            assert!(left.is_empty(), "{context}: left in {dir}: {left:?}");
        }
    }
    assert!(points >= 6, "only {points} kill points");
}

/// A first enrollment on the token killed before each change it makes, then run again as it
/// was: the second run finishes it with the key the first made, and nothing stray is left.
#[test]
fn a_first_enrollment_on_the_token_killed_at_any_point_is_finished_by_the_same_command() {
    let lab = Lab::start(&[]);
    let mut points = 0;
    for n in 1..40 {
        let token = Token::new();
        let cert = token.path("cert.pem");
        let enroll = || token.enroll_new(&lab.url, "web", "web", &cert);
        if !killed_at(enroll(), n) {
            points = n - 1;
            break;
        }
        let context = format!("killed before change {n}");
        let out = enroll().output().unwrap();
        assert!(out.status.success(), "{context}, then again: {out:?}");
        assert_eq!(cert_key(&cert), token.public_key("web"), "{context}");
        assert_eq!(
            token.objects(),
            [
                "Private Key Object label=web",
                "Public Key Object label=web"
            ],
            "{context}"
        );
        let made = left_in_state(&token, "made");
        assert!(made.is_empty(), "{context}: notes left: {made:?}");
    }
    assert!(points >= 3, "only {points} kill points");
}

#[test]
fn config_init_takes_a_token_key_and_its_profile_enrolls_and_renews() {
    let token = Token::new();
    let lab = Lab::start(&[]);
    let config = token.path("config.toml");
    token
        .certenroll()
        .arg("--config")
        .arg(&config)
        .args([
            "--profile",
            "box",
            "config",
            "init",
            "--no-input",
            "--trust-ca",
        ])
        .args([
            "--url",
            &lab.url,
            "--cn",
            "box.example",
            "--key",
            &uri("box"),
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains(&format!("pkcs11_module = \"{MODULE}\""))
            && text.contains(&format!("pin_file = \"{}\"", token.path("pin").display())),
        "{text}"
    );
    // The profile alone: the first renew enrolls (the key made on the token), the next renews.
    for args in [&["renew"][..], &["renew", "--force"][..]] {
        token
            .bare()
            .arg("--config")
            .arg(&config)
            .args(["--profile", "box", "-q"])
            .args(args)
            .arg("--no-challenge")
            .assert()
            .success();
    }
    assert!(
        token
            .objects()
            .contains(&"Private Key Object label=box.prev".to_string())
    );
    assert_eq!(cert_key(&token.path("box.pem")), token.public_key("box"));
}
