//! `certenroll csrattrs`: what an EST server asks to find in a request (RFC 7030 4.5),
//! decoded.

use anyhow::Result;
use certenroll::error::exit;

use crate::cli::GlobalArgs;
use crate::output::Output;

/// `csrattrs`: what the server asks to find in a request.
pub fn run(global: &GlobalArgs, args: &crate::cli::CsrattrsArgs, out: &Output) -> Result<u8> {
    let state_dir = crate::runtime::state_dir(global)?;
    let connection = crate::est_connect::connect(
        global,
        &args.server,
        &args.auth,
        None,
        None,
        &state_dir,
        out,
        |connection, _| Ok(connection),
    )?;
    let attrs = connection.client().csrattrs()?;
    let lines = attrs.describe();
    out.json(&serde_json::json!({
        "url": connection.endpoint.base(),
        "attributes": lines,
        "requested_extensions": attrs.requested_extensions(),
        "key": attrs.key_request().map(|k| match k {
            certenroll::est::csrattrs::KeyRequest::Rsa(bits) => serde_json::json!({"type": "rsa", "bits": bits}),
            certenroll::est::csrattrs::KeyRequest::Ec(curve) => serde_json::json!({"type": "ec", "curve": curve}),
        }),
        "digest": attrs.digest().map(|d| d.name()),
        "challenge_password": attrs.wants_challenge_password(),
    }));
    if lines.is_empty() {
        out.human("The server asks for no particular CSR attributes.");
    } else {
        out.human(&format!(
            "The server asks for:\n{}",
            lines
                .iter()
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    Ok(exit::OK)
}
