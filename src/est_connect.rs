//! The EST connection the flags ask for (RFC 7030): trust (--ca-file, --system-roots, a CA
//! remembered from an earlier bootstrap, or the built-in roots), a TLS client certificate, an
//! HTTP login; set up by the library (`est::trust`), which asks a person through the
//! terminal only to confirm an unknown CA or type a password. A CA bootstrapped under a
//! profile becomes that profile's `ca_file`.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use certenroll::est::Endpoint;
use certenroll::est::enroller::EstEnroller;
use certenroll::est::trust::{self, Connection, Login, Setup};
use certenroll::pki::cacerts::CaCerts;

use crate::cli::{EstAuthArgs, GlobalArgs, ServerArgs};
use crate::output::Output;

/// The login the flags name.
fn login(auth: &EstAuthArgs) -> Login {
    Login {
        username: auth.username.clone(),
        password_file: auth.password_file.clone(),
        password_env: auth.password_env.clone(),
    }
}

/// With a profile in use, a bootstrapped CA becomes its `ca_file` (when it names none).
fn save_to_profile(
    global: &GlobalArgs,
    name: &str,
    anchor: &Path,
    out: &Output,
) -> certenroll::Result<()> {
    let config_path = certenroll::config::config_path(global.config.as_deref())?;
    if certenroll::config::remember_ca_file(&config_path, name, anchor)? {
        out.warn(&format!(
            "profile '{name}' in {} now trusts it (ca_file)",
            config_path.display()
        ));
    }
    Ok(())
}

/// Set up the connection the flags ask for (trust, bootstrap when allowed, client
/// certificate, Basic login), say what the set-up did, and hand it to `then` (which makes an
/// [`EstEnroller`] of it with [`enroller`], or uses it as it is).
#[allow(clippy::too_many_arguments)]
pub fn connect<T>(
    global: &GlobalArgs,
    server: &ServerArgs,
    auth: &EstAuthArgs,
    client_override: Option<(&Path, &Path)>,
    pin: Option<&str>,
    state_dir: &Path,
    out: &Output,
    then: impl FnOnce(Connection, &Setup<'_>) -> certenroll::Result<T>,
) -> certenroll::Result<T> {
    let client = match (client_override, &auth.client_cert, &auth.client_key) {
        (_, Some(cert), Some(key)) => Some((cert.as_path(), key.as_path())),
        (Some(pair), _, _) => Some(pair),
        _ => None,
    };
    let login = login(auth);
    let setup = Setup {
        endpoint: Endpoint::new(&server.url, server.via.label.as_deref())?,
        timeout: Duration::from_secs(global.timeout),
        ca_file: global.ca_file.as_deref(),
        system_roots: global.system_roots,
        pin,
        client,
        login: &login,
        state_dir,
    };
    let connection = trust::connect(&setup, &crate::prompt::Terminal(out))?;
    for note in &connection.notes {
        out.warn(note);
    }
    if let (Some(path), Some(name)) = (&connection.bootstrapped, &global.profile) {
        save_to_profile(global, name, path, out)?;
    }
    then(connection, &setup)
}

/// `then` for [`connect`]: the server as an enroller, its CA label from the flags, its CA
/// certificates from `ca_certs` (--ca-cert) when given instead of /cacerts.
pub fn enroller<'a>(
    server: &'a ServerArgs,
    ca_certs: Option<&'a Path>,
) -> impl FnOnce(Connection, &Setup<'_>) -> certenroll::Result<EstEnroller> + 'a {
    move |connection, setup| {
        EstEnroller::new(connection, setup, server.via.label.as_deref(), ca_certs)
    }
}

/// `getcacert` over EST: the certificates of /cacerts.
pub fn getcacert(
    global: &GlobalArgs,
    server: &ServerArgs,
    pin: Option<&str>,
    out: &Output,
) -> Result<CaCerts> {
    let state_dir = crate::runtime::state_dir(global)?;
    Ok(connect(
        global,
        server,
        &EstAuthArgs::default(),
        None,
        pin,
        &state_dir,
        out,
        |connection, setup| connection.cacerts(setup.pin),
    )?)
}
