//! Keys on PKCS#11 tokens (HSMs, smart cards, a TPM through its PKCS#11 module), named by RFC
//! 7512 URIs wherever a key file is accepted. The `cryptoki` crate loads the module.
//!
//! This file owns which module is loaded, which token a URI names, and logging in: the module
//! comes from the URI's `module-path`, else `--pkcs11-module` (profile `pkcs11_module`,
//! `CERTENROLL_PKCS11_MODULE`); the PIN from the URI's `pin-source`, else `--pin-file` (profile
//! `pin_file`), else `CERTENROLL_PKCS11_PIN`, else a hidden prompt on a terminal. A PIN is
//! never taken from argv and never logged; a wrong one is tried once (tokens lock after a few).
//! [`key`] owns the key objects: finding, generating, signing, decrypting, swapping.

pub mod key;
pub mod tls;
pub mod uri;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::RvError;
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;

pub use key::TokenKey;
pub use uri::{Uri, is_uri};

use crate::secret::Secret;
use crate::{Error, Result};

/// The variable holding the token's PIN, when no file is named.
pub const PIN_VARIABLE: &str = "CERTENROLL_PKCS11_PIN";

/// Asks a person for a PIN, hidden: `None` when nobody can be asked.
pub type AskPin = Box<dyn Fn(&str) -> Option<Secret> + Send + Sync>;

/// Where the module and the PIN come from when the URI does not say (set once per run from
/// flags, profile and environment).
#[derive(Default)]
pub struct Settings {
    /// `--pkcs11-module` (profile `pkcs11_module`, `CERTENROLL_PKCS11_MODULE`).
    pub module: Option<PathBuf>,
    /// `--pin-file` (profile `pin_file`).
    pub pin_file: Option<PathBuf>,
    /// Asks a person for the PIN (hidden), when one can be asked.
    pub ask: Option<AskPin>,
}

static SETTINGS: Mutex<Option<Settings>> = Mutex::new(None);

/// Set where the module and the PIN come from for this run.
pub fn configure(settings: Settings) {
    *SETTINGS.lock().unwrap_or_else(|e| e.into_inner()) = Some(settings);
}

fn with_settings<T>(f: impl FnOnce(&Settings) -> T) -> T {
    let guard = SETTINGS.lock().unwrap_or_else(|e| e.into_inner());
    match guard.as_ref() {
        Some(settings) => f(settings),
        None => f(&Settings::default()),
    }
}

/// A token's failure: exit 6 (local), with the PKCS#11 return value's name.
fn failed(what: &str, err: cryptoki::error::Error) -> Error {
    Error::Token(format!("{what}: {}", describe(&err)))
}

/// A short reading of a PKCS#11 error: `CKR_PIN_INCORRECT`, not the standard's paragraph.
pub(crate) fn describe(err: &cryptoki::error::Error) -> String {
    match err {
        cryptoki::error::Error::Pkcs11(rv, function) => {
            format!("{function:?} answered {}", rv_name(*rv))
        }
        cryptoki::error::Error::LibraryLoading(e) => format!("the module cannot be loaded ({e})"),
        other => crate::sanitize::escape_untrusted(&other.to_string()),
    }
}

fn rv_name(rv: RvError) -> String {
    // The variant names are the CKR_ names in CamelCase: PinIncorrect → CKR_PIN_INCORRECT.
    let camel = format!("{rv:?}");
    let mut name = String::from("CKR");
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

/// The modules this run loaded: a module is initialised once per process.
static MODULES: Mutex<Vec<(PathBuf, Pkcs11)>> = Mutex::new(Vec::new());

/// The module a URI uses.
fn module_path(uri: &Uri) -> Result<PathBuf> {
    uri.module_path
        .clone()
        .or_else(|| with_settings(|s| s.module.clone()))
        .ok_or_else(|| {
            Error::Invalid(
                "a PKCS#11 key needs its module: give --pkcs11-module PATH (profile key pkcs11_module, or CERTENROLL_PKCS11_MODULE), e.g. /usr/lib/softhsm/libsofthsm2.so or /usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so".into(),
            )
        })
}

/// Load and initialise the module at `path` (once per process).
fn module(path: &Path) -> Result<Pkcs11> {
    let mut modules = MODULES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, loaded)) = modules.iter().find(|(p, _)| p == path) {
        return Ok(loaded.clone());
    }
    if !path.is_file() {
        return Err(Error::Token(format!(
            "the PKCS#11 module {} does not exist: install the token's module (softhsm2, opensc, libtpm2-pkcs11-1) or correct --pkcs11-module",
            path.display()
        )));
    }
    let loaded = Pkcs11::new(path)
        .map_err(|e| failed(&format!("loading the PKCS#11 module {}", path.display()), e))?;
    match loaded.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        Ok(()) | Err(cryptoki::error::Error::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
        Err(e) => {
            return Err(failed(
                &format!("initialising the PKCS#11 module {}", path.display()),
                e,
            ));
        }
    }
    modules.push((path.to_path_buf(), loaded.clone()));
    Ok(loaded)
}

/// A logged-in session on one token, shared by every key of this run on that token.
pub(crate) struct Token {
    /// The session (PKCS#11 sessions are not to be used by two threads at once).
    pub(crate) session: Mutex<Session>,
    /// The token's label, for messages.
    pub(crate) label: String,
}

/// The tokens this run logged in to: by module and slot, and by the URI attributes that
/// chose it (so that the next key on it does not list the module's slots again).
static TOKENS: Mutex<Vec<Opened>> = Mutex::new(Vec::new());

struct Opened {
    module: PathBuf,
    slot: u64,
    /// The token-choosing part of the URIs that named it (`Uri::token_part`).
    chosen_by: Vec<String>,
    token: Arc<Token>,
}

/// The slot holding the token a URI names; exactly one must match.
fn find_slot(pkcs11: &Pkcs11, uri: &Uri, module: &Path) -> Result<(Slot, String)> {
    let info = pkcs11
        .get_library_info()
        .map_err(|e| failed("reading the module's information", e))?;
    let library_matches = uri
        .library_manufacturer
        .as_deref()
        .is_none_or(|m| m == info.manufacturer_id().trim())
        && uri
            .library_description
            .as_deref()
            .is_none_or(|d| d == info.library_description().trim());
    let slots = pkcs11
        .get_slots_with_token()
        .map_err(|e| failed("listing the module's tokens", e))?;
    let mut found = Vec::new();
    let mut labels = Vec::new();
    for slot in slots {
        let Ok(token) = pkcs11.get_token_info(slot) else {
            continue;
        };
        let label = token.label().trim().to_string();
        labels.push(format!("'{}'", crate::sanitize::escape_untrusted(&label)));
        let slot_info = pkcs11.get_slot_info(slot).ok();
        let matches = library_matches
            && uri.token.as_deref().is_none_or(|t| t == label)
            && uri
                .manufacturer
                .as_deref()
                .is_none_or(|m| m == token.manufacturer_id().trim())
            && uri
                .serial
                .as_deref()
                .is_none_or(|s| s == token.serial_number().trim())
            && uri
                .model
                .as_deref()
                .is_none_or(|m| m == token.model().trim())
            && uri.slot_id.is_none_or(|id| id == slot.id())
            && uri.slot_description.as_deref().is_none_or(|d| {
                slot_info
                    .as_ref()
                    .is_some_and(|i| d == i.slot_description().trim())
            })
            && uri.slot_manufacturer.as_deref().is_none_or(|m| {
                slot_info
                    .as_ref()
                    .is_some_and(|i| m == i.manufacturer_id().trim())
            });
        if matches {
            found.push((slot, label));
        }
    }
    let present = if labels.is_empty() {
        "it has no token (initialise one: softhsm2-util --init-token, tpm2_ptool addtoken)"
            .to_string()
    } else {
        format!("its tokens: {}", labels.join(", "))
    };
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::Token(format!(
            "no token of the module {} matches {}; {present}",
            module.display(),
            crate::sanitize::escape_untrusted(&uri.to_string()),
        ))),
        _ => Err(Error::Token(format!(
            "{} tokens of the module {} match {}; name one with token=LABEL ({present})",
            found.len(),
            module.display(),
            crate::sanitize::escape_untrusted(&uri.to_string()),
        ))),
    }
}

/// The PIN for `label`, from the first source that names one.
fn pin(uri: &Uri, label: &str) -> Result<Secret> {
    if let Some(path) = uri
        .pin_source
        .clone()
        .or_else(|| with_settings(|s| s.pin_file.clone()))
    {
        return crate::secret::read_first_line(&path, "PIN");
    }
    crate::secret::hide_variable(PIN_VARIABLE);
    if let Ok(value) = std::env::var(PIN_VARIABLE)
        && !value.is_empty()
    {
        return Ok(Secret::new(value));
    }
    let prompt = format!(
        "PIN for token '{}'",
        crate::sanitize::escape_untrusted(label)
    );
    with_settings(|s| s.ask.as_ref().and_then(|ask| ask(&prompt))).ok_or_else(|| {
        Error::Invalid(format!(
            "the token '{}' needs its PIN: give --pin-file FILE (profile key pin_file) or set {PIN_VARIABLE}",
            crate::sanitize::escape_untrusted(label)
        ))
    })
}

/// The logged-in session on the token `uri` names (opened and logged in once per run).
pub(crate) fn token(uri: &Uri) -> Result<Arc<Token>> {
    let module_path = module_path(uri)?;
    let chooser = uri.token_part();
    let known = TOKENS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|o| o.module == module_path && o.chosen_by.contains(&chooser))
        .map(|o| o.token.clone());
    if let Some(token) = known {
        return Ok(token);
    }
    let pkcs11 = module(&module_path)?;
    let (slot, label) = find_slot(&pkcs11, uri, &module_path)?;
    let mut tokens = TOKENS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(opened) = tokens
        .iter_mut()
        .find(|o| o.module == module_path && o.slot == slot.id())
    {
        opened.chosen_by.push(chooser);
        return Ok(opened.token.clone());
    }
    let session = pkcs11
        .open_rw_session(slot)
        .map_err(|e| failed(&format!("opening a session on the token '{label}'"), e))?;
    let secret = pin(uri, &label)?;
    let auth = cryptoki::types::AuthPin::from(secret.expose().to_string());
    match session.login(UserType::User, Some(&auth)) {
        Ok(()) | Err(cryptoki::error::Error::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
        Err(cryptoki::error::Error::Pkcs11(RvError::PinIncorrect, _)) => {
            return Err(Error::Token(format!(
                "the PIN for the token '{label}' is wrong (CKR_PIN_INCORRECT); nothing was changed. Correct the PIN file or {PIN_VARIABLE} before trying again: the token locks after a few wrong PINs"
            )));
        }
        Err(cryptoki::error::Error::Pkcs11(RvError::PinLocked, _)) => {
            return Err(Error::Token(format!(
                "the token '{label}' has locked its user PIN (CKR_PIN_LOCKED): unlock it with the security officer's PIN (softhsm2-util, pkcs11-tool --init-pin --login --login-type so)"
            )));
        }
        Err(e) => return Err(failed(&format!("logging in to the token '{label}'"), e)),
    }
    let token = Arc::new(Token {
        session: Mutex::new(session),
        label,
    });
    tokens.push(Opened {
        module: module_path,
        slot: slot.id(),
        chosen_by: vec![chooser],
        token: token.clone(),
    });
    Ok(token)
}

/// The URI `text` made usable from any later run, as a path is made absolute: the module
/// (and the PIN file, when one was named) this run used are written into it, so that `poll`
/// from a timer opens the same token without the flags of the run that saved the request.
pub fn absolute(text: &str) -> Result<String> {
    let mut uri = Uri::parse(text)?;
    if uri.module_path.is_none() {
        uri.module_path = with_settings(|s| s.module.clone());
    }
    if uri.pin_source.is_none()
        && let Some(file) = with_settings(|s| s.pin_file.clone())
    {
        uri.pin_source =
            Some(std::path::absolute(&file).map_err(|e| Error::local("resolving path", &file, e))?);
    }
    Ok(uri.to_string())
}
