//! `certenroll getcacert`: fetch, check and show (and optionally save) the CA and RA
//! certificates.

use std::path::PathBuf;

use anyhow::Result;
use certenroll::pki::Certificate;
use certenroll::pki::cacerts::CaCerts;
use certenroll::pki::cert::{self, CertSummary};
use serde::Serialize;

use crate::cli::{Format, GetcacertArgs, GlobalArgs};
use crate::output::Output;

#[derive(Serialize)]
struct CertJson {
    role: &'static str,
    #[serde(flatten)]
    summary: CertSummary,
}

#[derive(Serialize)]
struct CaCertJson<'a> {
    url: &'a str,
    certificates: Vec<CertJson>,
    /// SCEP: the certificate requests are encrypted to (EST has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient_sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient_reason: Option<&'static str>,
    pinned: bool,
    written: Vec<PathBuf>,
    /// With --next: the announced successor (null: none announced).
    #[serde(skip_serializing_if = "Option::is_none")]
    next_ca: Option<Option<NextCaJson>>,
}

#[derive(Serialize)]
struct NextCaJson {
    subject: String,
    not_before: String,
    sha256: String,
}

/// The role of each certificate, for people: CA, RA (with what it is for), or issuer above.
fn role(set: &CaCerts, c: &Certificate) -> &'static str {
    if c == set.ca() {
        return "CA";
    }
    if set.ras().contains(&c) {
        let (recipient, _) = set.recipient();
        let signs = set.signers().contains(&c);
        return match (c == recipient, signs) {
            (true, true) => "RA (encryption and signature)",
            (true, false) => "RA (encryption)",
            (false, true) => "RA (signature)",
            (false, false) => "RA (unused)",
        };
    }
    if set.chain().contains(&c) {
        "issuer of the CA"
    } else {
        "other"
    }
}

fn write_out(set: &CaCerts, path: &std::path::Path, format: Format) -> Result<Vec<PathBuf>> {
    let ext = match format {
        Format::Pem => "pem",
        Format::Der => "der",
        Format::P7 => "p7b",
    };
    let mut written = Vec::new();
    // `--out DIR/` names a directory: one that does not exist is said as such.
    if path.as_os_str().to_string_lossy().ends_with('/') && !path.is_dir() {
        return Err(certenroll::Error::Invalid(format!(
            "--out {}: there is no such directory (create it, or give a file name)",
            path.display()
        ))
        .into());
    }
    if path.is_dir() {
        let ca = path.join(format!("ca.{ext}"));
        crate::runtime::write_certs(&ca, &[set.ca()], format)?;
        written.push(ca);
        let chain = path.join(format!("chain.{ext}"));
        crate::runtime::write_certs(&chain, &set.chain(), format)?;
        written.push(chain);
        for (i, ra) in set.ras().into_iter().enumerate() {
            let file = path.join(format!("ra-{}.{ext}", i + 1));
            crate::runtime::write_certs(&file, &[ra], format)?;
            written.push(file);
        }
    } else {
        let all: Vec<&Certificate> = set.all().iter().collect();
        crate::runtime::write_certs(path, &all, format)?;
        written.push(path.to_path_buf());
    }
    Ok(written)
}

pub fn run(global: &GlobalArgs, args: &GetcacertArgs, out: &Output) -> Result<u8> {
    let est = args.server.protocol() == crate::cli::ProtocolChoice::Est;
    let mut next = None;
    let (set, url) = if est {
        let set = crate::est_connect::getcacert(
            global,
            &args.server,
            args.pin.fingerprint.as_deref(),
            out,
        )?;
        let endpoint =
            certenroll::est::Endpoint::new(&args.server.url, args.server.via.label.as_deref())?;
        (set, endpoint.url("cacerts"))
    } else {
        let http = crate::runtime::transport(global)?;
        let client = crate::runtime::client(&http, &args.server)?;
        let set = certenroll::scep::enroller::fetch_ca(
            &client,
            args.server.ca_ident.as_deref(),
            args.pin.fingerprint.as_deref(),
        )?;
        if args.next {
            next =
                certenroll::scep::query::next_ca(&client, args.server.ca_ident.as_deref(), &set)?;
        }
        (set, client.url().to_string())
    };
    if est && args.next {
        next = certenroll::rollover::from_est(&set);
    }
    let mut written = match &args.out {
        Some(path) => write_out(&set, path, args.format)?,
        None => Vec::new(),
    };
    if let (Some(next), Some(dir)) = (&next, args.out.as_ref().filter(|p| p.is_dir())) {
        let file = dir.join(match args.format {
            Format::Pem => "next-ca.pem",
            Format::Der => "next-ca.der",
            Format::P7 => "next-ca.p7b",
        });
        crate::runtime::write_certs(&file, &[&next.cert], args.format)?;
        written.push(file);
    }
    // EST has no RA: its roles are the CA's, and a root rollover's (RFC 7030 4.1.3).
    let roles: Vec<&'static str> = if est {
        certenroll::est::rollover::roles(&set)
            .into_iter()
            .map(|r| r.name())
            .collect()
    } else {
        set.all().iter().map(|c| role(&set, c)).collect()
    };
    let recipient = (!est).then(|| set.recipient());
    let certs: Vec<CertJson> = set
        .all()
        .iter()
        .zip(roles)
        .map(|(c, role)| CertJson {
            role,
            summary: cert::summary(c),
        })
        .collect();
    let mut text = format!("{} certificate(s) from {url}\n", certs.len());
    for expired in set.expired() {
        text.push_str(&format!("warning: {expired}\n"));
    }
    for c in &certs {
        text.push_str(&format!(
            "\n{}\n{}\n",
            c.role,
            crate::runtime::describe_cert(&c.summary)
        ));
    }
    if let Some((recipient, reason)) = recipient {
        text.push_str(&format!(
            "\nRequests will be encrypted to: {} ({reason})",
            cert::name_to_string(recipient.tbs_certificate().subject())
        ));
    }
    if args.pin.fingerprint.is_some() {
        text.push_str("\nFingerprint: matches the pinned value");
    } else {
        text.push_str(&format!(
            "\nTo pin this CA in scripts: --fingerprint {}",
            cert::fingerprint(set.ca(), certenroll::pki::digest::Digest::Sha256).replace(':', "")
        ));
    }
    if args.next {
        match &next {
            Some(next) => text.push_str(&format!(
                "\nNext CA: {}, announced by the current CA; pin it then with --fingerprint {}",
                next.describe(),
                next.sha256().replace(':', "")
            )),
            None => text.push_str("\nNext CA: none announced"),
        }
    }
    for path in &written {
        text.push_str(&format!("\nWrote {}", path.display()));
    }
    out.human(&text);
    out.json(&CaCertJson {
        url: &url,
        certificates: certs,
        recipient_sha256: recipient
            .map(|(c, _)| cert::fingerprint(c, certenroll::pki::digest::Digest::Sha256)),
        recipient_reason: recipient.map(|(_, reason)| reason),
        pinned: args.pin.fingerprint.is_some(),
        written,
        next_ca: args.next.then(|| {
            next.as_ref().map(|n| NextCaJson {
                subject: cert::name_to_string(n.cert.tbs_certificate().subject()),
                not_before: certenroll::clock::rfc3339(n.starts()),
                sha256: n.sha256().to_string(),
            })
        }),
    });
    Ok(certenroll::error::exit::OK)
}
