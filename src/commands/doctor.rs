//! `certenroll doctor`: the library's checklist (`certenroll::doctor`) for the server and
//! files the flags (or the profile) name, each step ✓ (fine), ! (works, but worth knowing) or
//! ✗ (broken, with the fix). The exit code is the worst ✗'s; warnings do not change it.

use std::time::Duration;

use anyhow::Result;
use certenroll::doctor::{Checkup, Mark, examine};
use certenroll::schedule::RenewPolicy;

use crate::cli::{DoctorArgs, GlobalArgs, ProtocolChoice};
use crate::output::{Output, Tone};

pub fn run(global: &GlobalArgs, args: &DoctorArgs, out: &Output) -> Result<u8> {
    let url = args.url.clone().ok_or_else(|| {
        certenroll::Error::Invalid("doctor needs --url URL or --profile NAME".into())
    })?;
    let state_dir = crate::runtime::state_dir(global)?;
    let report = examine(&Checkup {
        url: &url,
        est: args.via.of(&url) == ProtocolChoice::Est,
        label: args.via.label.as_deref(),
        ca_ident: args.ca_ident.as_deref(),
        pin: args.pin.fingerprint.as_deref(),
        ca_file: global.ca_file.as_deref(),
        system_roots: global.system_roots,
        timeout: Duration::from_secs(global.timeout),
        pair: args.key.as_deref().zip(args.cert.as_deref()),
        chain: args.chain.as_deref(),
        ocsp_file: args.ocsp_file.as_deref(),
        challenge_file: args.challenge_file.as_deref(),
        challenge_env: args.challenge_env.as_deref(),
        login: args.auth.username.as_deref().map(|user| {
            (
                user,
                args.auth.password_file.as_deref(),
                args.auth.password_env.as_deref(),
            )
        }),
        client: args
            .auth
            .client_cert
            .as_deref()
            .zip(args.auth.client_key.as_deref()),
        renewal: RenewPolicy {
            at: args.renew_at,
            before: args.renew_before.map(|s| s.0),
        },
        state_dir: &state_dir,
        profile: global.profile.as_deref(),
    });
    let code = report.worst();
    let url = certenroll::transport::shown_url(&url);
    out.json(&serde_json::json!({ "url": url, "steps": report.steps, "exit_code": code }));
    let mut text = format!("certenroll doctor: {url}\n");
    // ✓ ! ✗ where the terminal shows UTF-8, else ASCII; lines wrapped at a terminal's width.
    let (ok, bad) = if out.utf8() {
        ("✓", "✗")
    } else {
        ("+", "x")
    };
    let wrapped = |text: &str, indent: usize| match out.width() {
        Some(width) => crate::output::wrap(text, width, indent),
        None => text.to_string(),
    };
    for step in &report.steps {
        let mark = match step.status {
            Mark::Ok => out.tint(Tone::Good, ok),
            Mark::Warn => out.tint(Tone::Warn, "!"),
            Mark::Fail => out.tint(Tone::Bad, bad),
        };
        text.push_str(&format!(
            "{mark} {:<13} {}\n",
            step.name,
            wrapped(&step.detail, 16)
        ));
        if let Some(fix) = step.fix.as_ref().filter(|_| step.status != Mark::Ok) {
            text.push_str(&format!("  {:<13} fix: {}\n", "", wrapped(fix, 21)));
        }
    }
    out.human(text.trim_end());
    Ok(code)
}
