//! The protocols side by side: the [`Enroller`] that finishes a saved request, SCEP or EST
//! as the request was sent. The one place above both protocols that picks between them.

use std::path::Path;
use std::time::Duration;

use crate::Result;
use crate::enroll::Enroller;
use crate::enroll::saved::Request;
use crate::est::enroller::EstEnroller;
use crate::est::trust::Ask;
use crate::scep::enroller::ScepEnroller;
use crate::transport::Transport;

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
