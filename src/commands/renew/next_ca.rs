//! After a renewal: the successor the CA announces before a rollover (SCEP GetNextCACert,
//! EST's NewWithNew) is kept at the end of the chain file, so that the next renewal trusts
//! the new CA once the server switches to it, as the pinned CA vouched for it.

use certenroll::pki::Certificate;
use certenroll::rollover;

use crate::cli::{RenewArgs, ServerArgs};
use crate::output::Output;

/// Ask the CA for its successor, and keep it in the chain file. Nothing here fails the
/// renewal: what goes wrong is a warning.
pub fn ask_and_keep(
    global: &crate::cli::GlobalArgs,
    args: &RenewArgs,
    server: &ServerArgs,
    out: &Output,
) {
    if args.chain.is_none() {
        return;
    }
    let pin = args.pin.fingerprint.as_deref();
    let next = if server.protocol() == crate::cli::ProtocolChoice::Est {
        crate::est_connect::getcacert(global, server, pin, out)
            .map(|set| rollover::from_est(&set))
            .map_err(|e| e.to_string())
    } else {
        (|| -> anyhow::Result<_> {
            let http = crate::runtime::transport(global)?;
            let client = crate::runtime::client(&http, server)?;
            let ident = server.ca_ident.as_deref();
            let current = certenroll::scep::enroller::fetch_ca(&client, ident, pin)?;
            Ok(certenroll::scep::query::next_ca(&client, ident, &current)?)
        })()
        .map_err(|e| e.to_string())
    };
    match next {
        Ok(Some(next)) => {
            if keep(args, &next.cert, out) {
                out.human(&format!(
                    "The CA announces its successor {}: kept in the chain file, to be trusted when the CA switches to it.",
                    next.describe()
                ));
            }
        }
        Ok(None) => {}
        Err(e) => out.warn(&format!("the CA's successor was not asked for: {e}")),
    }
}

/// Keep `cert` at the end of the chain file; whether it was added.
pub fn keep(args: &RenewArgs, cert: &Certificate, out: &Output) -> bool {
    let Some(chain) = &args.chain else {
        return false;
    };
    rollover::keep_in_chain_file(chain, cert)
        .inspect_err(|e| out.warn(&format!("the chain file was not completed: {e}")))
        .unwrap_or(false)
}
