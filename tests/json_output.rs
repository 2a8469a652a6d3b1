//! Every command's `--json` output, read into typed structs that refuse unknown fields: the
//! README's "JSON output" section is this file in prose, and a field added, renamed or
//! retyped without updating both fails here.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::util::{Lab, certenroll_in, json_of};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Caps {
    url: String,
    capabilities: Vec<String>,
    method: String,
    cipher: String,
    digest: String,
    renewal: bool,
    renewal_message: String,
    missing: Option<String>,
}

/// A certificate, wherever one is shown.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cert {
    subject: String,
    issuer: String,
    serial: String,
    not_before: String,
    not_after: String,
    is_ca: bool,
    key_usage: Vec<String>,
    extended_key_usage: Vec<String>,
    sha256: String,
    sha1: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaCert {
    role: String,
    subject: String,
    issuer: String,
    serial: String,
    not_before: String,
    not_after: String,
    is_ca: bool,
    key_usage: Vec<String>,
    extended_key_usage: Vec<String>,
    sha256: String,
    sha1: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaCerts {
    url: String,
    certificates: Vec<CaCert>,
    recipient_sha256: String,
    recipient_reason: String,
    pinned: bool,
    written: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Files {
    key: String,
    cert: String,
    chain: Option<String>,
    p12: Option<String>,
}

/// `enroll`, `renew` and `poll` when a request was sent or polled.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Outcome {
    status: String,
    protocol: String,
    url: String,
    transaction_id: String,
    method: Option<String>,
    cipher: Option<String>,
    digest: Option<String>,
    certificate: Option<Cert>,
    files: Files,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotDue {
    status: String,
    subject: String,
    not_after: String,
    due_from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Idle {
    status: String,
    pending: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    time: String,
    profile: Option<String>,
    protocol: String,
    operation: String,
    server: String,
    transaction_id: Option<String>,
    status: String,
    detail: String,
    fail_info: Option<u8>,
    http_status: Option<u16>,
    exit_code: u8,
    serial: Option<String>,
    subject: Option<String>,
    not_after: Option<String>,
    sha256: Option<String>,
    cert_path: Option<String>,
    duration_ms: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryLine {
    #[serde(rename = "type")]
    kind: String,
    data: Entry,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListedFiles {
    key: Option<String>,
    cert: String,
    chain: Option<String>,
    p12: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListedCertificate {
    serial: String,
    subject: String,
    sans: Vec<String>,
    not_before: String,
    not_after: String,
    sha256: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Renewal {
    due: bool,
    due_from: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LastResult {
    time: String,
    operation: String,
    status: String,
    detail: String,
    exit_code: u8,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Managed {
    status: String,
    profile: Option<String>,
    protocol: String,
    url: String,
    ca_sha256: Option<String>,
    files: ListedFiles,
    certificate: ListedCertificate,
    days_left: i64,
    renewal: Renewal,
    last_result: Option<LastResult>,
    #[serde(default)]
    revocation: Option<LastResult>,
    next_step: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PendingRequest {
    transaction_id: String,
    status: String,
    #[serde(default)]
    profile: Option<String>,
    protocol: String,
    url: String,
    subject: String,
    files: ListedFiles,
    attempts: u32,
    created: String,
    last_attempt: String,
    next_attempt: Option<String>,
    #[serde(default)]
    last_error: Option<String>,
    next_step: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Status {
    state_dir: String,
    certificates: Vec<Managed>,
    pending: Vec<PendingRequest>,
    last_result: Option<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GotCert {
    status: String,
    certificate: Cert,
    written: Option<String>,
    pem: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ocsp {
    status: String,
    #[serde(default)]
    time: Option<u64>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    revocation_time_rfc3339: Option<String>,
    subject: String,
    serial: String,
    source: String,
    url: String,
    signer: String,
    this_update: String,
    #[serde(default)]
    next_update: Option<String>,
    nonce_echoed: bool,
    #[serde(default)]
    fallback: Option<String>,
    #[serde(default)]
    staple: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GotCrl {
    status: String,
    issuer: String,
    this_update: String,
    next_update: Option<String>,
    revoked: u64,
    written: Option<String>,
    pem: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    name: String,
    status: String,
    detail: String,
    fix: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doctor {
    url: String,
    steps: Vec<Step>,
    exit_code: u8,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bundle {
    status: String,
    p12: String,
    certificates: u32,
    subject: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FailInfo {
    code: u8,
    name: String,
    meaning: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Failure {
    status: String,
    exit_code: u8,
    error: String,
    fail_info: Option<FailInfo>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigPath {
    path: String,
    exists: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigCheck {
    path: String,
    ok: bool,
    profiles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigExport {
    file: String,
    profiles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigImport {
    path: String,
    profiles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigInit {
    path: String,
    profile: String,
    settings: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigShow {
    profile: std::collections::BTreeMap<String, serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RenewResult {
    profile: String,
    exit_code: u8,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RenewSummary {
    status: String,
    results: Vec<RenewResult>,
}

/// One JSON object per line of stdout (a `--json` run prints exactly that).
fn lines<T: DeserializeOwned>(cmd: &mut assert_cmd::Command, code: i32) -> Vec<T> {
    let output = cmd.assert().code(code).get_output().stdout.clone();
    String::from_utf8(output)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("line does not match its type ({e}): {line}"))
        })
        .collect()
}

fn enroll_args(url: &str, dir: &Path, cn: &str) -> Vec<String> {
    let file = |name: &str| dir.join(format!("{cn}.{name}")).display().to_string();
    [
        "enroll".into(),
        "--json".into(),
        "--no-challenge".into(),
        "--url".into(),
        url.to_string(),
        "--cn".into(),
        cn.to_string(),
        "--out-key".into(),
        file("key"),
        "--out-cert".into(),
        file("pem"),
        "--out-chain".into(),
        file("chain"),
    ]
    .to_vec()
}

#[test]
fn the_request_commands_print_their_documented_shapes() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = || certenroll_in(state.path());

    let caps: Caps = json_of(run().args(["getcacaps", "--json", "--url", &lab.url]), 0);
    assert_eq!(
        (caps.url.as_str(), caps.method.as_str()),
        (lab.url.as_str(), "post")
    );
    assert!(caps.renewal && caps.capabilities.iter().any(|c| c == "AES"));
    assert_eq!(
        (caps.renewal_message.as_str(), caps.missing),
        ("RenewalReq", None)
    );
    assert_eq!(
        (caps.cipher.as_str(), caps.digest.as_str()),
        ("aes128", "sha256")
    );

    let cacerts: CaCerts = json_of(
        run()
            .args(["getcacert", "--json", "--url", &lab.url, "--out"])
            .arg(dir.path().join("ca.pem")),
        0,
    );
    assert_eq!(cacerts.url, lab.url);
    assert_eq!(cacerts.certificates[0].role, "CA");
    assert!(cacerts.certificates[0].is_ca && !cacerts.pinned);
    assert_eq!(cacerts.recipient_sha256, lab.ca_sha256);
    assert!(!cacerts.recipient_reason.is_empty() && cacerts.written.len() == 1);
    let ca = &cacerts.certificates[0];
    assert_eq!(ca.subject, ca.issuer);
    assert!(!ca.serial.is_empty() && !ca.sha1.is_empty() && ca.sha256 == lab.ca_sha256);
    assert!(ca.not_before < ca.not_after && ca.key_usage.contains(&"keyCertSign".into()));
    assert!(ca.extended_key_usage.is_empty());

    let issued: Outcome = json_of(run().args(enroll_args(&lab.url, dir.path(), "one")), 0);
    assert_eq!(
        (issued.status.as_str(), issued.protocol.as_str()),
        ("issued", "scep")
    );
    assert_eq!(issued.url, lab.url);
    assert_eq!(issued.transaction_id.len(), 64);
    assert_eq!(
        (issued.method.as_deref(), issued.cipher.as_deref()),
        (Some("post"), Some("aes128"))
    );
    assert_eq!(issued.digest.as_deref(), Some("sha256"));
    let cert = issued.certificate.as_ref().unwrap();
    assert_eq!(cert.subject, "CN=one");
    assert!(!cert.is_ca && cert.extended_key_usage.is_empty());
    assert_eq!(cert.issuer, ca.subject);
    assert!(cert.not_before < cert.not_after && cert.sha1.len() == 59);
    assert_eq!(cert.key_usage, ["digitalSignature", "keyEncipherment"]);
    assert!(issued.files.chain.is_some() && issued.files.p12.is_none());
    let (key, pem) = (issued.files.key.clone(), issued.files.cert.clone());
    assert!(key.ends_with("one.key") && pem.ends_with("one.pem"));

    let not_due: NotDue = json_of(
        run().args([
            "renew",
            "--json",
            "--no-challenge",
            "--url",
            &lab.url,
            "--key",
            &key,
            "--cert",
            &pem,
        ]),
        0,
    );
    assert_eq!(
        (not_due.status.as_str(), not_due.subject.as_str()),
        ("not-due", "CN=one")
    );
    assert!(not_due.due_from < not_due.not_after);
    let renewed: Outcome = json_of(
        run().args([
            "renew",
            "--json",
            "--force",
            "--no-challenge",
            "--url",
            &lab.url,
            "--key",
            &key,
            "--cert",
            &pem,
        ]),
        0,
    );
    assert_eq!(renewed.status, "issued");
    assert_ne!(renewed.certificate.unwrap().serial, cert.serial);

    let idle: Idle = json_of(run().args(["poll", "--json"]), 0);
    assert_eq!((idle.status.as_str(), idle.pending), ("idle", 0));

    let got: GotCert = json_of(
        run().args([
            "getcert",
            "--json",
            "--url",
            &lab.url,
            "--serial",
            &cert.serial,
        ]),
        0,
    );
    assert_eq!(got.status, "ok");
    assert_eq!(got.certificate.sha256, cert.sha256);
    assert!(got.pem.unwrap().starts_with("-----BEGIN CERTIFICATE-----") && got.written.is_none());
    let crl: GotCrl = json_of(
        run()
            .args(["getcrl", "--json", "--url", &lab.url, "--out"])
            .arg(dir.path().join("ca.crl")),
        0,
    );
    assert_eq!(crl.status, "ok");
    assert_eq!(crl.issuer, ca.subject);
    assert!(crl.written.is_some() && crl.pem.is_none() && !crl.this_update.is_empty());
    assert_eq!(crl.revoked, 0);
    let _ = crl.next_update;
    let ocsp: Ocsp = json_of(
        run()
            .args(["ocsp", "--json", "--cert", &pem, "--chain"])
            .arg(dir.path().join("ca.pem")),
        0,
    );
    assert_eq!(
        (
            ocsp.status.as_str(),
            ocsp.source.as_str(),
            ocsp.nonce_echoed
        ),
        ("good", "ocsp", true)
    );
    // The renewed certificate is the one in the file now.
    assert!(ocsp.subject == "CN=one" && !ocsp.serial.is_empty());
    assert!(ocsp.url.ends_with("/ocsp") && ocsp.signer.starts_with("the CA"));
    assert!(!ocsp.this_update.is_empty() && ocsp.next_update.is_some());
    assert!(ocsp.time.is_none() && ocsp.reason.is_none() && ocsp.revocation_time_rfc3339.is_none());
    assert!(ocsp.fallback.is_none() && ocsp.staple.is_none());

    let pass = dir.path().join("pass");
    std::fs::write(&pass, "p\n").unwrap();
    let bundle: Bundle = json_of(
        run()
            .args([
                "pkcs12",
                "--json",
                "--key",
                &key,
                "--cert",
                &pem,
                "--out-p12",
            ])
            .arg(dir.path().join("one.p12"))
            .arg("--p12-passphrase-file")
            .arg(&pass),
        0,
    );
    assert_eq!(
        (bundle.status.as_str(), bundle.certificates),
        ("written", 1)
    );
    assert!(bundle.p12.ends_with("one.p12") && bundle.subject == "CN=one");

    let doctor: Doctor = json_of(
        run().args([
            "doctor", "--json", "--url", &lab.url, "--key", &key, "--cert", &pem,
        ]),
        0,
    );
    assert_eq!(
        (doctor.url.as_str(), doctor.exit_code),
        (lab.url.as_str(), 0)
    );
    // All fine but the challenge (none was named, which most CAs want) and the pin (none).
    for step in &doctor.steps {
        match step.name.as_str() {
            "challenge" | "fingerprint" => {
                assert!(step.status == "warn" && step.fix.is_some(), "{step:?}")
            }
            _ => assert!(step.status == "ok" && step.fix.is_none(), "{step:?}"),
        }
    }
    assert!(
        doctor
            .steps
            .iter()
            .any(|s| s.name == "validity" && s.detail.starts_with("valid until"))
    );

    let failed: Failure = json_of(
        run().args(["getcacaps", "--json", "--url", "http://127.0.0.1:1/scep"]),
        5,
    );
    assert_eq!((failed.status.as_str(), failed.exit_code), ("error", 5));
    assert!(failed.error.contains("connection refused") && failed.fail_info.is_none());

    let history: Vec<HistoryLine> = lines(run().args(["history", "--json"]), 0);
    assert!(history.iter().all(|line| line.kind == "entry"));
    let ops: Vec<&str> = history.iter().map(|l| l.data.operation.as_str()).collect();
    assert_eq!(ops, ["enroll", "renew", "getcert", "getcrl", "ocsp"]);
    let first = &history[0].data;
    assert_eq!(
        (first.protocol.as_str(), first.status.as_str()),
        ("scep", "success")
    );
    assert_eq!(first.server, lab.url);
    assert_eq!(
        first.transaction_id.as_deref(),
        Some(issued.transaction_id.as_str())
    );
    assert_eq!(first.serial.as_deref(), Some(cert.serial.as_str()));
    assert_eq!(first.subject.as_deref(), Some("CN=one"));
    assert_eq!(first.sha256.as_deref(), Some(cert.sha256.as_str()));
    assert!(first.not_after.is_some() && first.cert_path.is_some() && first.profile.is_none());
    assert!(!first.time.is_empty() && first.detail == "Issued" && first.exit_code == 0);
    // Queries of capabilities and CA certificates are not enrollment results: not recorded.
    let last = &history[3].data;
    assert_eq!((last.status.as_str(), last.exit_code), ("success", 0));
    assert!(last.fail_info.is_none() && last.http_status.is_none());
    assert!(history.iter().all(|l| l.data.duration_ms < 60_000));
}

#[test]
fn pending_status_and_rejections_print_their_documented_shapes() {
    let lab = Lab::start(&["--pending", "1", "--fail", "2", "--fault-limit", "1"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = || certenroll_in(state.path());

    // The first request is rejected with failInfo 2 (badRequest).
    let rejected: Failure = json_of(run().args(enroll_args(&lab.url, dir.path(), "no")), 4);
    assert_eq!((rejected.status.as_str(), rejected.exit_code), ("error", 4));
    let info = rejected.fail_info.unwrap();
    assert_eq!((info.code, info.name.as_str()), (2, "badRequest"));
    assert!(!info.meaning.is_empty() && !rejected.error.is_empty());

    let mut args = enroll_args(&lab.url, dir.path(), "later");
    args.push("--no-wait".into());
    let pending: Outcome = json_of(run().args(args), 3);
    assert_eq!(pending.status, "pending");
    assert!(pending.certificate.is_none());

    let status: Status = json_of(run().args(["status", "--json"]), 0);
    assert_eq!(status.state_dir, state.path().display().to_string());
    assert!(status.certificates.is_empty());
    let request = &status.pending[0];
    assert_eq!(request.transaction_id, pending.transaction_id);
    assert_eq!(
        (request.subject.as_str(), request.attempts),
        ("CN=later", 1)
    );
    assert_eq!(request.url, lab.url);
    assert_eq!(
        (request.status.as_str(), request.protocol.as_str()),
        ("waiting", "scep")
    );
    assert!(request.files.cert.ends_with("later.pem") && request.files.key.is_some());
    assert!(!request.created.is_empty() && !request.next_step.is_empty());
    assert!(!request.last_attempt.is_empty() && request.next_attempt.is_none());
    assert!(request.last_error.is_none() && request.profile.is_none());
    let last = status.last_result.unwrap();
    assert_eq!(last.status, "waiting");

    let polled: Vec<Outcome> = lines(run().args(["poll", "--json"]), 0);
    assert_eq!(polled.len(), 1);
    assert_eq!(polled[0].status, "issued");

    let status: Status = json_of(run().args(["list", "--json"]), 0);
    assert!(status.pending.is_empty());
    let installed = &status.certificates[0];
    assert_eq!(installed.status, "success");
    assert!(installed.files.cert.ends_with("later.pem"));
    assert!(
        installed
            .files
            .key
            .as_deref()
            .unwrap()
            .ends_with("later.key")
    );
    assert_eq!(installed.certificate.subject, "CN=later");
    assert_eq!(installed.certificate.serial.len() % 2, 0);
    assert!(!installed.certificate.not_before.is_empty() && installed.days_left > 300);
    assert!(!installed.renewal.due && installed.renewal.why.starts_with("not due until"));
    assert_eq!(installed.url, lab.url);
    assert_eq!(installed.ca_sha256.as_ref().map(String::len), Some(95));
    assert!(
        installed
            .files
            .chain
            .as_deref()
            .unwrap()
            .ends_with("later.chain")
    );
    assert!(installed.files.p12.is_none() && installed.certificate.sans.is_empty());
    assert_eq!(installed.certificate.sha256.len(), 95);
    assert!(
        installed.certificate.not_after.ends_with('Z') && installed.renewal.due_from.ends_with('Z')
    );
    assert_eq!(
        (installed.profile.as_deref(), installed.protocol.as_str()),
        (None, "scep")
    );
    assert!(installed.next_step.starts_with("nothing until"));
    // Nothing asked about its revocation yet.
    assert!(installed.revocation.is_none());
    let last = installed.last_result.as_ref().unwrap();
    assert_eq!(
        (last.operation.as_str(), last.status.as_str()),
        ("poll", "success")
    );
    assert_eq!((last.detail.as_str(), last.exit_code), ("Issued", 0));
    assert!(!last.time.is_empty());

    let history: Vec<HistoryLine> = lines(run().args(["history", "--json"]), 0);
    assert_eq!(history[0].data.fail_info, Some(2));
    assert_eq!(history[0].data.status, "error");
}

#[test]
fn the_configuration_commands_print_their_documented_shapes() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let run = || {
        let mut cmd = certenroll_in(state.path());
        cmd.arg("--config").arg(&config);
        cmd
    };

    let path: ConfigPath = json_of(run().args(["config", "path", "--json"]), 0);
    assert_eq!(
        (path.path, path.exists),
        (config.display().to_string(), false)
    );

    let key = dir.path().join("dev.key").display().to_string();
    let cert = dir.path().join("dev.pem").display().to_string();
    let init: ConfigInit = json_of(
        run().args([
            "--profile",
            "dev",
            "config",
            "init",
            "--json",
            "--no-input",
            "--url",
            &lab.url,
            "--fingerprint",
            &lab.ca_sha256,
            "--cn",
            "dev",
            "--key",
            &key,
            "--cert",
            &cert,
        ]),
        0,
    );
    assert_eq!(
        (init.profile.as_str(), init.path),
        ("dev", config.display().to_string())
    );
    assert_eq!(init.settings["url"], lab.url.as_str());

    let check: ConfigCheck = json_of(run().args(["config", "check", "--json"]), 0);
    assert!(check.ok && check.profiles == ["dev"] && check.path == config.display().to_string());
    let show: ConfigShow = json_of(run().args(["config", "show", "--json"]), 0);
    assert_eq!(show.profile["dev"]["cn"], "dev");

    let exported = dir.path().join("export.toml");
    let export: ConfigExport =
        json_of(run().args(["config", "export", "--json"]).arg(&exported), 0);
    assert_eq!(
        (export.file, export.profiles),
        (exported.display().to_string(), vec!["dev".to_string()])
    );
    let import: ConfigImport =
        json_of(run().args(["config", "import", "--json"]).arg(&exported), 0);
    assert_eq!(import.profiles, ["dev"]);
    assert_eq!(import.path, config.display().to_string());

    let summary: Vec<serde_json::Value> = lines(run().args(["renew", "--all", "--json"]), 0);
    let summary: RenewSummary = serde_json::from_value(summary.last().unwrap().clone()).unwrap();
    assert_eq!(summary.status, "summary");
    assert_eq!(summary.results[0].profile, "dev");
    assert_eq!(summary.results[0].exit_code, 0);
}

#[test]
fn est_results_have_the_same_shape_without_the_scep_algorithms() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    let lab = Lab::start(&["--tls", "--ca-out", ca.to_str().unwrap()]);
    let state = tempfile::tempdir().unwrap();
    let issued: Outcome = json_of(
        certenroll_in(state.path())
            .arg("--ca-file")
            .arg(&ca)
            .args(enroll_args(&lab.est_url, dir.path(), "est")),
        0,
    );
    assert_eq!(
        (issued.status.as_str(), issued.protocol.as_str()),
        ("issued", "est")
    );
    assert_eq!(issued.url, lab.est_url);
    assert!(issued.method.is_none() && issued.cipher.is_none() && issued.digest.is_none());
    assert_eq!(issued.certificate.unwrap().subject, "CN=est");
    let history: Vec<HistoryLine> =
        lines(certenroll_in(state.path()).args(["history", "--json"]), 0);
    assert_eq!(history[0].data.protocol, "est");
}

#[test]
fn a_usage_error_prints_the_error_object_too() {
    let failure: Failure = json_of(
        crate::util::certenroll().args(["enroll", "--json", "--url", "http://127.0.0.1:9/scep"]),
        2,
    );
    assert_eq!((failure.status.as_str(), failure.exit_code), ("error", 2));
    assert!(failure.error.contains("--out-cert"), "{}", failure.error);
    assert!(failure.fail_info.is_none());
    // Help is not an error: no object.
    let help = crate::util::certenroll()
        .args(["--json", "enroll", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!help.starts_with(b"{"));
}
