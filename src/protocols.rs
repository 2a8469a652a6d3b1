//! The protocols side by side: the [`Enroller`] that finishes a saved request, SCEP or EST
//! as the request was sent, and a first look at a server by its URL. The one place above
//! both protocols that picks between them.

use std::path::Path;
use std::time::Duration;

use crate::Result;
use crate::enroll::Enroller;
use crate::enroll::saved::Request;
use crate::est::enroller::EstEnroller;
use crate::est::trust::Ask;
use crate::pki::cacerts::CaCerts;
use crate::scep::client::Client;
use crate::scep::enroller::ScepEnroller;
use crate::tls::Trust;
use crate::transport::{Options, Transport};

/// The server of a saved request, reached again: SCEP over `http` (no network until the
/// poll), EST over a connection set up as when the request was sent (a person is asked
/// through `ask` only for a password that has no file or variable).
pub fn saved_enroller<'a>(
    request: &Request,
    http: &'a Transport,
    timeout: Duration,
    state_dir: &Path,
    ask: &dyn Ask,
) -> Result<Box<dyn Enroller + 'a>> {
    let ca = request.ca.clone();
    Ok(match request.pending.est() {
        Some(_) => Box::new(EstEnroller::from_saved(
            &request.pending,
            ca,
            timeout,
            state_dir,
            ask,
        )?),
        None => Box::new(ScepEnroller::from_saved(http, &request.pending, ca)?),
    })
}

/// Reach the server at `url` (EST for a /.well-known/est URL, else SCEP) and fetch its CA
/// certificates, trusting HTTPS by `trust` (an EST server's CA is fetched before it is
/// trusted, to be shown); with what was reached, in words.
pub fn reach(url: &str, timeout: Duration, trust: &Trust) -> Result<(CaCerts, String)> {
    if crate::est::is_est_url(url) {
        let endpoint = crate::est::Endpoint::new(url, None)?;
        let (ca_file, system_roots) = match trust {
            Trust::File(path, _) => (Some(path.as_path()), false),
            Trust::System => (None, true),
            _ => (None, false),
        };
        let ca = CaCerts::from_certs(crate::est::trust::cacerts_for_setup(
            &endpoint,
            timeout,
            ca_file,
            system_roots,
        )?)?;
        let reached = format!(
            "Reached {} (EST): {} CA certificate(s)",
            endpoint.base(),
            ca.all().len()
        );
        return Ok((ca, reached));
    }
    let http = Transport::new(Options {
        timeout,
        trust: trust.clone(),
        ..Options::default()
    })?;
    let client = Client::new(&http, url)?;
    let caps = client.get_ca_caps(None)?;
    let ca = client.get_ca_cert(None)?;
    Ok((
        ca,
        format!("Reached {url}: capabilities {}", caps.names.join(", ")),
    ))
}
