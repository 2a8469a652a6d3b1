//! What `renew` asks of the certificate's revocation service: whether it was revoked (then
//! it is renewed at once, as a new enrollment: a revoked certificate authenticates nothing),
//! and the OCSP staple a profile keeps (`ocsp_file`), fetched again when due and for every
//! new certificate, with the deploy hook run after it so that the server loads it.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use certenroll::error::exit;
use certenroll::pki::{Certificate, cert};
use certenroll::revocation;
use certenroll::store::history::{Entry, Status};
use certenroll::store::registry::REVOCATION_OPERATION;

use crate::cli::{GlobalArgs, RenewArgs};
use crate::output::Output;
use crate::runtime::{HookKind, record};

/// For a certificate not due by its age: whether it was revoked (recorded in the history,
/// and said), and the exit code of refreshing its staple (1: the deploy hook failed).
pub fn when_not_due(
    global: &GlobalArgs,
    args: &RenewArgs,
    http: &certenroll::transport::Transport,
    (current, cert_path): (&Certificate, &Path),
    (state_dir, started): (&Path, Instant),
    out: &Output,
) -> Result<(bool, u8)> {
    let found = revocation::at_renewal(
        http,
        current,
        args.chain.as_deref(),
        args.ocsp_file.as_deref(),
        !args.no_revocation_check,
    );
    for note in &found.notes {
        out.warn(note);
    }
    let entry = |status, detail: String, code| {
        let mut entry = Entry::new(REVOCATION_OPERATION, "", status, detail, code);
        entry.profile = global.profile.clone();
        entry.protocol = REVOCATION_OPERATION.into();
        entry.cert_path = Some(crate::runtime::absolute_display(cert_path));
        entry
    };
    if let Some(answer) = &found.answer {
        // Into the certificate's record, not the history: a daily timer would fill it.
        let noted = certenroll::store::registry::Registry::new(state_dir).note(&entry(
            Status::Success,
            answer.clone(),
            exit::OK,
        ));
        if let Err(e) = noted {
            out.warn(&format!(
                "the registry of managed certificates was not updated: {e}"
            ));
        }
    }
    if let Some(why) = found.revoked {
        record(
            state_dir,
            entry(Status::Error, why.clone(), exit::REJECTED),
            started,
            out,
        );
        out.warn(&format!(
            "renewing now: {why}; the new key is requested as a new enrollment (a revoked certificate authenticates nothing)"
        ));
        return Ok((true, exit::OK));
    }
    match (found.staple, &args.ocsp_file) {
        (Some((checked, why)), Some(path)) => {
            Ok((false, install(global, args, (path, &checked, &why), out)?))
        }
        _ => Ok((false, exit::OK)),
    }
}

/// A new certificate's own staple, when the renewal keeps one (`--ocsp-file`).
pub fn new_certificate(
    global: &GlobalArgs,
    args: &RenewArgs,
    http: &certenroll::transport::Transport,
    out: &Output,
) -> Result<u8> {
    let (Some(path), Some(cert_path)) = (&args.ocsp_file, &args.cert) else {
        return Ok(exit::OK);
    };
    let new = cert::read_certificates(cert_path, "reading the new certificate")?;
    let found = revocation::at_renewal(http, &new[0], args.chain.as_deref(), Some(path), false);
    for note in &found.notes {
        out.warn(note);
    }
    match found.staple {
        Some((checked, _)) => install(
            global,
            args,
            (path, &checked, "for the new certificate"),
            out,
        ),
        None => Ok(exit::OK),
    }
}

/// Write a new OCSP staple, and run the deploy hook so that the server loads it: 0, or 1
/// when the hook failed (the staple stays).
fn install(
    global: &GlobalArgs,
    args: &RenewArgs,
    (path, checked, why): (&Path, &revocation::Checked, &str),
    out: &Output,
) -> Result<u8> {
    revocation::write_staple(path, checked)?;
    out.human(&format!(
        "Wrote a new OCSP staple to {} ({why}).",
        path.display()
    ));
    let Some(hook) = crate::runtime::hook(HookKind::Deploy, args.deploy_hook.as_ref(), global)
    else {
        return Ok(exit::OK);
    };
    let mut env = vec![("CERTENROLL_OCSP_FILE", path.as_os_str().to_owned())];
    env.extend(
        args.cert
            .iter()
            .map(|c| ("CERTENROLL_CERT", c.as_os_str().to_owned())),
    );
    env.extend(
        args.key
            .iter()
            .map(|k| ("CERTENROLL_KEY", k.as_os_str().to_owned())),
    );
    env.extend(
        global
            .profile
            .iter()
            .map(|p| ("CERTENROLL_PROFILE", std::ffi::OsString::from(p))),
    );
    match hook.run(&env, &certenroll::secret::hidden_variables()) {
        Ok(()) => Ok(exit::OK),
        Err(failed) => {
            out.warn(&format!(
                "the deploy hook, after the new OCSP staple: {failed}; the staple stays"
            ));
            Ok(1)
        }
    }
}
