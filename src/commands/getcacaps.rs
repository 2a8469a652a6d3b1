//! `certenroll getcacaps`: what the server supports and what certenroll would choose.

use anyhow::Result;
use certenroll::pki::digest::Digest;
use certenroll::pki::envelope::Cipher;
use certenroll::scep::client::Method;
use serde::Serialize;

use crate::cli::{GetcacapsArgs, GlobalArgs};
use crate::output::Output;

#[derive(Serialize)]
struct CapsJson<'a> {
    url: &'a str,
    capabilities: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<&'a str>,
    method: Method,
    cipher: Cipher,
    digest: Digest,
    renewal: bool,
    /// How a renewal would be sent: RenewalReq, or PKCSReq signed with the current certificate.
    renewal_message: &'static str,
}

pub fn run(global: &GlobalArgs, args: &GetcacapsArgs, out: &Output) -> Result<u8> {
    let http = crate::runtime::transport(global)?;
    let client = crate::runtime::client(&http, &args.server)?;
    let caps = client.get_ca_caps(args.server.ca_ident.as_deref())?;
    // NDES lists Renewal without implementing RenewalReq: its RA certificates tell it apart.
    let ndes = certenroll::scep::enroller::fetch_ca(&client, args.server.ca_ident.as_deref(), None)
        .is_ok_and(|ca| ca.is_ndes());
    let renewal_req = caps.renewal_req(ndes);
    let method = if caps.post() {
        Method::Post
    } else {
        Method::Get
    };
    let shown: Vec<String> = caps
        .names
        .iter()
        .map(|n| certenroll::sanitize::escape_untrusted(n))
        .collect();
    out.json(&CapsJson {
        url: client.url(),
        capabilities: &shown,
        missing: caps.missing.as_deref(),
        method,
        cipher: caps.best_cipher(),
        digest: caps.best_digest(),
        renewal: caps.renewal(),
        renewal_message: if renewal_req { "RenewalReq" } else { "PKCSReq" },
    });
    let listed = if shown.is_empty() {
        format!(
            "  (none: {})",
            caps.missing.as_deref().unwrap_or("the server listed none")
        )
    } else {
        shown
            .iter()
            .map(|n| format!("  {n}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    out.human(&format!(
        "Capabilities of {}:\n{listed}\nWould use: {} requests, {} encryption, {} signatures{}",
        client.url(),
        if method == Method::Post {
            "POST"
        } else {
            "GET"
        },
        caps.best_cipher().name(),
        caps.best_digest().name(),
        if renewal_req {
            "; renewal as RenewalReq"
        } else if ndes {
            "; renewal as a PKCSReq signed with the current certificate (NDES lists Renewal but has no RenewalReq)"
        } else {
            "; renewal as a PKCSReq signed with the current certificate"
        }
    ));
    Ok(certenroll::error::exit::OK)
}
