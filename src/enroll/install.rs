//! Installing an issued certificate, and finishing what a run killed half-way left behind.
//!
//! The rules (DESIGN, "Rules that keep users' data safe"), each enforced here and nowhere else:
//! - an installed key is never overwritten or deleted unless a verified replacement is in
//!   place: a new key waits beside it as `KEY.new` and is renamed over it only after the new
//!   certificate is written;
//! - a staged or generated key is deleted only when it is provably no installed certificate's
//!   key ([`discard_key`]);
//! - every step is safe to repeat: before the first file is replaced, what the install owes
//!   (the key swap, forgetting the pending request, the PKCS#12 bundle, the deploy hook) is
//!   written to `<state>/owed/`, and [`recover`] finishes it on the next run that touches the
//!   same certificate, wherever the last run was killed.
//!
//! A file that is replaced is read for its `.prev` copy without following a symbolic link, so
//! a link planted in a directory others can write is never copied out.

use std::path::{Path, PathBuf};

use crate::pki::Certificate;
use serde::{Deserialize, Serialize};

use crate::choices::Format;
use crate::pki::cert;
use crate::pki::digest::Digest;
use crate::pki::key::{PrivateKey, public_key_id};
use crate::secret::Secret;
use crate::store::absolute;
use crate::store::pending::{P12Saved, PendingStore};
use crate::store::{self, CERT_MODE, KEY_MODE};
use crate::{Error, Result};
use spki::SubjectPublicKeyInfoOwned;

/// A PKCS#12 bundle to write once the certificate is installed, its passphrase in hand.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// Where the bundle goes.
    pub path: PathBuf,
    /// Its passphrase.
    pub passphrase: Secret,
    /// Where the passphrase came from, so that a later run can read it again (never the
    /// passphrase itself).
    pub source: P12Saved,
}

pub use super::hooks::Hook;

/// Where an issued certificate goes.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The certificate file.
    pub cert: PathBuf,
    /// The chain file, if any.
    pub chain: Option<PathBuf>,
    /// The encoding of the certificate and chain files.
    pub format: Format,
    /// The key file the certificate belongs with.
    pub key: PathBuf,
    /// A staged key (`KEY.new`) to move over `key` once the certificate is written.
    pub staged_key: Option<PathBuf>,
    /// Also put the certificate on the token beside its key (`key` is a token's).
    pub cert_to_token: bool,
    /// Keep the replaced certificate (and key, when it is replaced) as `*.prev`.
    pub keep_old: bool,
    /// A PKCS#12 bundle of key, certificate and chain to write after the swap.
    pub p12: Option<Bundle>,
    /// The deploy hook.
    pub hook: Option<Hook>,
}

/// What an install (or the recovery of one) did beyond replacing the files.
#[derive(Debug, Default)]
pub struct Settled {
    /// Things a person should know ("finished an interrupted renewal: …").
    pub notes: Vec<String>,
    /// A hook that failed or could not be started, with why.
    pub hook_failed: Option<String>,
    /// Whether a hook ran.
    pub hook_ran: bool,
}

/// What an install still owes, kept from before the first file is replaced until the last
/// step is done. Named after the certificate path: one install per certificate at a time.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Owed {
    /// The certificate file (absolute).
    cert: PathBuf,
    /// SHA-256 fingerprint of the certificate being installed.
    sha256: String,
    /// The key file (absolute).
    key: PathBuf,
    /// The staged key to move over `key` (absolute).
    #[serde(default)]
    staged_key: Option<PathBuf>,
    /// The chain file (absolute).
    #[serde(default)]
    chain: Option<PathBuf>,
    /// Keep `.prev` copies.
    #[serde(default)]
    keep_old: bool,
    /// The PKCS#12 bundle still to write, and where its passphrase comes from.
    #[serde(default)]
    p12: Option<P12Saved>,
    /// Whether the deploy hook still has to run.
    #[serde(default)]
    hook: bool,
    /// The profile the certificate belongs to.
    #[serde(default)]
    profile: Option<String>,
    /// The pending request to forget.
    #[serde(default)]
    pending: Option<String>,
    /// The certificate still to put on the token beside its key.
    #[serde(default)]
    cert_to_token: bool,
}

/// `<state>/owed/<hash of the certificate path>.json`.
fn owed_path(state_dir: &Path, cert: &Path) -> Result<PathBuf> {
    let cert = absolute(cert)?;
    let hash = Digest::Sha256.hash(cert.as_os_str().as_encoded_bytes());
    Ok(state_dir
        .join("owed")
        .join(format!("{}.json", crate::pki::hex(&hash[..16]))))
}

impl Owed {
    fn save(&self, state_dir: &Path) -> Result<()> {
        let path = owed_path(state_dir, &self.cert)?;
        if let Some(dir) = path.parent() {
            store::create_private_dir(dir)?;
        }
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Crypto(format!("encoding the install journal failed: {e}")))?;
        store::write_atomic(&path, &json, KEY_MODE, "writing the install journal")
    }

    fn load(state_dir: &Path, cert: &Path) -> Result<Option<Owed>> {
        let path = owed_path(state_dir, cert)?;
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
                Error::local(
                    "reading the install journal",
                    &path,
                    std::io::Error::other(format!("not a valid journal: {e}")),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::local("reading the install journal", &path, e)),
        }
    }

    fn done(&self, state_dir: &Path) -> Result<()> {
        store::remove_file(
            &owed_path(state_dir, &self.cert)?,
            "removing the install journal",
        )
    }
}

/// An install a killed run left unfinished, as its journal names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfinished {
    /// The key file.
    pub key: PathBuf,
    /// The certificate file.
    pub cert: PathBuf,
    /// The profile it belongs to (whose deploy hook is owed).
    pub profile: Option<String>,
}

/// The installs of this state directory that a killed run left unfinished: `poll` finishes
/// them (with [`recover`]) even when no request is pending any more.
pub fn unfinished(state_dir: &Path) -> Vec<Unfinished> {
    let Ok(entries) = std::fs::read_dir(state_dir.join("owed")) else {
        return Vec::new();
    };
    let mut found: Vec<Unfinished> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .filter_map(|bytes| serde_json::from_slice::<Owed>(&bytes).ok())
        .map(|owed| Unfinished {
            key: owed.key,
            cert: owed.cert,
            profile: owed.profile,
        })
        .collect();
    found.sort_by(|a, b| a.cert.cmp(&b.cert));
    found
}

/// `path` with `suffix` appended to its file name (`key.pem` → `key.pem.new`): where a
/// staged key waits (`.new`) and a replaced file is kept (`.prev`).
/// A key on a token gets the suffix on its object label (`pkcs11:…;object=web.new`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    if let Some(uri) = token_uri(path).and_then(|t| crate::pkcs11::Uri::parse(t).ok())
        && let Some(label) = &uri.object
    {
        return PathBuf::from(uri.with_object(&format!("{label}{suffix}")));
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// A key in the file encoding asked for.
pub fn encode_key(key: &PrivateKey, format: Format) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    Ok(match format {
        Format::Pem | Format::P7 => zeroize::Zeroizing::new(key.to_pem()?.as_bytes().to_vec()),
        Format::Der => key.to_der()?,
    })
}

/// Certificates for a file: PEM blocks, or DER (a lone certificate as it is, several as a
/// PKCS#7 certificates-only bundle).
pub fn encode_certs(certs: &[&Certificate], format: Format) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Pem => cert::to_pem(certs)?.into_bytes(),
        Format::Der if certs.len() == 1 => cert::to_der(certs[0])?,
        Format::Der | Format::P7 => crate::pki::signed::degenerate(certs)?,
    })
}

/// Read a private key file, or open the key a PKCS#11 URI names on its token; unreadable or
/// not a key is a local failure (exit 6).
pub fn read_key(path: &Path) -> Result<PrivateKey> {
    if let Some(uri) = token_uri(path) {
        return crate::pkcs11::TokenKey::open(uri).map(PrivateKey::on_token);
    }
    let bytes = std::fs::read(path).map_err(|e| Error::local("reading key", path, e))?;
    PrivateKey::from_bytes(&bytes)
        .map_err(|e| Error::local("reading key", path, std::io::Error::other(e.to_string())))
}

/// The PKCS#11 URI a key "path" is, when it names a key on a token rather than a file.
///
/// A key is named by a path everywhere (flags, profiles, pending requests, journals), and a
/// path that is a `pkcs11:` URI names a key on a token. The functions of this file are the
/// only ones that tell the two apart: reading, generating, staging, swapping and removing.
pub fn token_uri(path: &Path) -> Option<&str> {
    path.to_str().filter(|_| crate::pkcs11::is_uri(path))
}

/// Whether there is a key at `path`: a file, or a key object on the token a URI names.
pub fn key_exists(path: &Path) -> Result<bool> {
    match token_uri(path) {
        Some(uri) => crate::pkcs11::key::exists(uri),
        None => Ok(path.exists()),
    }
}

/// A new key of `kind` for `target`: made here (and written by the caller), or generated on
/// the token a URI names, where it stays.
pub fn new_key(kind: crate::pki::key::KeyKind, target: &Path) -> Result<PrivateKey> {
    match token_uri(target) {
        Some(uri) => crate::pkcs11::TokenKey::generate(uri, kind).map(PrivateKey::on_token),
        None => PrivateKey::generate(kind),
    }
}

/// Write a key made by [`new_key`] (0600); a key generated on a token is there already.
pub fn write_new_key(
    target: &Path,
    key: &PrivateKey,
    format: Format,
    action: &'static str,
) -> Result<()> {
    if token_uri(target).is_some() {
        return Ok(());
    }
    store::write_atomic(target, &encode_key(key, format)?, KEY_MODE, action)
}

/// Move the staged key over the installed one: a rename for files, a relabelling on a
/// token (whose replaced key is removed, or kept as `LABEL.prev` with `keep_old`).
fn replace_key(staged: &Path, key: &Path, keep_old: bool, action: &'static str) -> Result<()> {
    match (token_uri(staged), token_uri(key)) {
        (Some(staged), Some(key)) => crate::pkcs11::key::replace(staged, key, keep_old),
        _ => store::replace(staged, key, action),
    }
}

/// Remove the key at `path` (a file, or the objects of a token key with that public key).
fn remove_key(path: &Path, action: &'static str) -> Result<()> {
    match token_uri(path) {
        Some(uri) => {
            if let Some(spki) = read_spki(path) {
                crate::pkcs11::key::destroy(uri, &spki)?;
            }
            Ok(())
        }
        None => store::remove_file(path, action),
    }
}

/// The first certificate in a file, if the file exists and holds one.
fn installed_cert(path: &Path) -> Option<Certificate> {
    let bytes = std::fs::read(path).ok()?;
    cert::parse_certificates(&bytes).ok()?.into_iter().next()
}

/// The transaction ID a request for the key of `cert` carries (both protocols name a request
/// by the SHA-256 of its public key), so that a saved request can be recognised as installed
/// even when its key file has moved.
pub fn transaction_of(cert: &Certificate) -> Result<String> {
    public_key_id(cert.tbs_certificate().subject_public_key_info())
}

/// Whether the certificate installed at `cert_path` is for the request `transaction_id`.
pub fn is_installed(cert_path: &Path, transaction_id: &str) -> bool {
    installed_cert(cert_path)
        .and_then(|c| transaction_of(&c).ok())
        .is_some_and(|id| id.eq_ignore_ascii_case(transaction_id))
}

/// What a key file is to the certificate installed beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyFile {
    /// The installed certificate's key.
    Installed,
    /// A key, but not the installed certificate's (or no certificate is installed).
    Other,
    /// Not readable as a key: nothing is deleted or replaced on a guess.
    Unreadable,
}

fn key_file_status(key_file: &Path, cert_path: &Path) -> KeyFile {
    match read_spki(key_file) {
        Some(spki) => spki_status(&spki, cert_path),
        None => KeyFile::Unreadable,
    }
}

/// The public key of the key in `key_file`, if it holds one.
fn read_spki(key_file: &Path) -> Option<SubjectPublicKeyInfoOwned> {
    read_key(key_file).and_then(|k| k.public_key_info()).ok()
}

/// Whether `spki` is the key of the certificate installed at `cert_path`.
fn spki_status(spki: &SubjectPublicKeyInfoOwned, cert_path: &Path) -> KeyFile {
    if installed_cert(cert_path).is_some_and(|c| cert::has_public_key(&c, spki)) {
        KeyFile::Installed
    } else {
        KeyFile::Other
    }
}

/// Whether the key in `key_file` may be the key of the certificate installed at `cert_path`
/// (an unreadable key may be: nothing is deleted on a guess).
fn holds_installed_key(key_file: &Path, cert_path: &Path) -> bool {
    key_file_status(key_file, cert_path) != KeyFile::Other
}

/// Remove a key that was made for a request the CA refused (or that a person gave up on),
/// unless it is provably needed: it is the key of the certificate installed at `cert_path`,
/// or it cannot be read. Returns whether it was removed.
pub fn discard_key(key_file: &Path, cert_path: &Path) -> bool {
    if holds_installed_key(key_file, cert_path) {
        tracing::info!(path = %key_file.display(), "kept: it is the installed certificate's key");
        return false;
    }
    let removed = remove_key(key_file, "removing the unused key").is_ok();
    if removed {
        tracing::info!(path = %key_file.display(), "removed the unused key");
    }
    removed
}

/// Where a new key for `key_path` is written before anything is sent: in place when there is
/// no key yet, else beside it as `KEY.new`. A `KEY.new` left by an earlier run is replaced
/// only when it is no installed certificate's key and no pending request waits for it
/// (run [`recover`] first: it moves a `KEY.new` whose certificate is installed into place).
pub fn staging_path(state_dir: &Path, key_path: &Path, cert_path: &Path) -> Result<PathBuf> {
    if !key_exists(key_path)? {
        return Ok(key_path.to_path_buf());
    }
    let staged = with_suffix(key_path, ".new");
    if key_exists(&staged)? {
        let why = match key_file_status(&staged, cert_path) {
            KeyFile::Other => None,
            KeyFile::Installed => Some(format!(
                "it is the key of the certificate {}, not {}; move it into place by hand or remove it",
                cert_path.display(),
                key_path.display()
            )),
            KeyFile::Unreadable => Some(
                "it is not a key certenroll can read, and certenroll replaces no file it cannot check: move it away".into(),
            ),
        };
        if let Some(why) = why {
            return Err(Error::local(
                "staging the new key",
                &staged,
                std::io::Error::other(why),
            ));
        }
        if let Some(id) = pending_for(state_dir, &staged)? {
            return Err(Error::Invalid(format!(
                "{} is the key of pending request {id}: finish it with `certenroll poll` first",
                staged.display(),
            )));
        }
        // A file is written over; a token generates no key under a label that is taken.
        if token_uri(&staged).is_some() {
            remove_key(&staged, "removing a staged key no request waits for")?;
        }
    }
    Ok(staged)
}

/// The pending request (in this state directory) whose key is `key_file`, if any.
fn pending_for(state_dir: &Path, key_file: &Path) -> Result<Option<String>> {
    let key_file = absolute(key_file)?;
    let (pending, _) = PendingStore::new(state_dir).list();
    Ok(pending
        .into_iter()
        .find(|p| p.key == key_file)
        .map(|p| p.transaction_id))
}

/// The transaction ID of a request for the key in `key_file`, if it holds a key.
fn transaction_of_key(key_file: &Path) -> Option<String> {
    public_key_id(&read_spki(key_file)?).ok()
}

/// `<state>/made/<hash of the key path>`: the transaction ID of a key certenroll generated
/// for a first enrollment, until a certificate is installed for it, the CA refuses it, or a
/// pending request takes it over. A run killed in between leaves it, and the next identical
/// run uses that key instead of refusing to overwrite it.
fn fresh_key_path(state_dir: &Path, key_path: &Path) -> Result<PathBuf> {
    let key_path = absolute(key_path)?;
    let hash = Digest::Sha256.hash(key_path.as_os_str().as_encoded_bytes());
    Ok(state_dir
        .join("made")
        .join(format!("{}.id", crate::pki::hex(&hash[..16]))))
}

/// Note that `key` is about to be written to `key_path` for a first enrollment (before it is).
pub fn note_fresh_key(state_dir: &Path, key_path: &Path, key: &PrivateKey) -> Result<()> {
    let path = fresh_key_path(state_dir, key_path)?;
    if let Some(dir) = path.parent() {
        store::create_private_dir(dir)?;
    }
    let id = public_key_id(&key.public_key_info()?)?;
    store::write_atomic(&path, id.as_bytes(), KEY_MODE, "noting the new key")
}

/// What a note says before a key is generated on a token: the label was free when it was
/// written, so a key found under it is the one that run generated.
const GENERATING: &str = "generating on the token";

/// Note, before a key is generated on a token for a first enrollment, that it is about to be
/// (its public key, and so its transaction, is known only once the token has made it).
pub fn note_token_generation(state_dir: &Path, key_path: &Path) -> Result<()> {
    let path = fresh_key_path(state_dir, key_path)?;
    if let Some(dir) = path.parent() {
        store::create_private_dir(dir)?;
    }
    store::write_atomic(&path, GENERATING.as_bytes(), KEY_MODE, "noting the new key")
}

/// What the key at `key_path` is to the certificate at `cert_path`, if it is the key noted by
/// [`note_fresh_key`] or [`note_token_generation`] (the key read once).
fn noted_key_status(state_dir: &Path, key_path: &Path, cert_path: &Path) -> Option<KeyFile> {
    let noted = std::fs::read_to_string(fresh_key_path(state_dir, key_path).ok()?).ok()?;
    let spki = read_spki(key_path)?;
    let generated = token_uri(key_path).is_some() && noted.trim() == GENERATING;
    (generated || public_key_id(&spki).ok()? == noted.trim()).then(|| spki_status(&spki, cert_path))
}

/// Whether the key at `key_path` is one a run killed during a first enrollment left: the one
/// noted by [`note_fresh_key`], with no certificate installed at `cert_path` for it and no
/// pending request waiting for it.
pub fn fresh_key_left(state_dir: &Path, key_path: &Path, cert_path: &Path) -> bool {
    noted_key_status(state_dir, key_path, cert_path) == Some(KeyFile::Other)
        && pending_for(state_dir, key_path).is_ok_and(|id| id.is_none())
}

/// Whether the key noted by [`note_fresh_key`] is at `key_path` and the certificate at
/// `cert_path` is for it: a first enrollment killed after its certificate was installed, before
/// it was done (the note goes last).
pub fn fresh_key_installed(state_dir: &Path, key_path: &Path, cert_path: &Path) -> bool {
    noted_key_status(state_dir, key_path, cert_path) == Some(KeyFile::Installed)
}

/// Forget the note of [`note_fresh_key`]: the key got its certificate, was refused, or a
/// pending request holds it now.
pub fn forget_fresh_key(state_dir: &Path, key_path: &Path) -> Result<()> {
    store::remove_file(
        &fresh_key_path(state_dir, key_path)?,
        "forgetting the note of a new key",
    )
}

/// Refuse, before anything is sent, to replace a file that is a symbolic link or not a
/// regular file: installing replaces files by renaming over them, and their `.prev` copy is
/// never read through a link.
pub fn check_replaceable(paths: &[&Path]) -> Result<()> {
    for path in paths {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if !meta.file_type().is_file() => {
                return Err(Error::local(
                    "checking",
                    *path,
                    std::io::Error::other(
                        "it is a symbolic link or not a regular file; certenroll replaces files, not links: point the configuration at the real file",
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Copy `path` to `path.prev` (with `mode`), if it exists. A symbolic link is refused, and the
/// file read is the one checked, so nothing another user planted is copied out.
fn keep_previous(path: &Path, mode: u32) -> Result<()> {
    use std::io::Read;
    use std::os::unix::fs::MetadataExt;
    let before = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::local("reading the previous file", path, e)),
    };
    let refuse = |why: &str| {
        Error::local(
            "keeping the previous file",
            path,
            std::io::Error::other(why.to_string()),
        )
    };
    if !before.file_type().is_file() {
        return Err(refuse(
            "it is a symbolic link or not a regular file; certenroll replaces files, not links: point the configuration at the real file",
        ));
    }
    let mut file = std::fs::File::open(path)
        .map_err(|e| Error::local("reading the previous file", path, e))?;
    let opened = file
        .metadata()
        .map_err(|e| Error::local("reading the previous file", path, e))?;
    if (opened.dev(), opened.ino()) != (before.dev(), before.ino()) {
        return Err(refuse("it was replaced while certenroll read it"));
    }
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::local("reading the previous file", path, e))?;
    store::write_atomic(
        &with_suffix(path, ".prev"),
        &bytes,
        mode,
        "keeping the previous file",
    )
}

/// Install a verified certificate: journal what is owed, keep `.prev` copies, write the chain
/// and then the certificate, move the staged key into place, forget the pending request
/// (`pending`), write the PKCS#12 bundle, run the hook, and close the journal. A run killed
/// anywhere in between is finished by [`recover`].
pub fn install(
    state_dir: &Path,
    dest: &Destination,
    issued: &Certificate,
    chain: &[&Certificate],
    pending: Option<&str>,
) -> Result<Settled> {
    let owed = Owed {
        cert: absolute(&dest.cert)?,
        sha256: cert::fingerprint(issued, Digest::Sha256),
        key: absolute(&dest.key)?,
        staged_key: dest.staged_key.as_deref().map(absolute).transpose()?,
        chain: dest.chain.as_deref().map(absolute).transpose()?,
        keep_old: dest.keep_old,
        p12: dest
            .p12
            .as_ref()
            .map(|b| -> Result<P12Saved> {
                Ok(P12Saved {
                    path: absolute(&b.path)?,
                    ..b.source.clone()
                })
            })
            .transpose()?,
        hook: dest.hook.is_some(),
        profile: dest.hook.as_ref().and_then(|h| h.profile.clone()),
        pending: pending.map(str::to_string),
        cert_to_token: dest.cert_to_token,
    };
    // Nothing owed after the certificate itself (no key to swap, no request to forget, no
    // bundle, no hook): no journal, and two synced writes fewer.
    let owes = owed.staged_key.is_some()
        || owed.pending.is_some()
        || owed.p12.is_some()
        || owed.hook
        || owed.cert_to_token;
    if owes {
        owed.save(state_dir)?;
    }
    if dest.keep_old {
        keep_previous(&dest.cert, CERT_MODE)?;
        // A token keeps its previous key itself, as LABEL.prev ([`replace_key`]).
        if dest.staged_key.is_some() && token_uri(&dest.key).is_none() {
            keep_previous(&dest.key, KEY_MODE)?;
        }
    }
    // The chain before the certificate: once the certificate is in place (what recovery
    // looks at), its chain is too.
    if let Some(path) = &dest.chain {
        store::write_atomic(
            path,
            &encode_certs(chain, dest.format)?,
            CERT_MODE,
            "writing chain",
        )?;
    }
    store::write_atomic(
        &dest.cert,
        &encode_certs(&[issued], dest.format)?,
        CERT_MODE,
        "writing certificate",
    )?;
    settle(
        state_dir,
        owed,
        issued,
        chain,
        dest.p12.as_ref().map(|b| b.passphrase.clone()),
        dest.hook.as_ref(),
    )
}

/// The steps after the certificate is in place, each recorded as done before the next.
fn settle(
    state_dir: &Path,
    mut owed: Owed,
    issued: &Certificate,
    chain: &[&Certificate],
    passphrase: Option<Secret>,
    hook: Option<&Hook>,
) -> Result<Settled> {
    let mut settled = Settled::default();
    // The variables that hold secrets (the challenge's, passwords', the bundle's passphrase)
    // are kept from the hook.
    if let Some(var) = owed
        .p12
        .as_ref()
        .and_then(|p12| p12.passphrase_env.as_deref())
    {
        crate::secret::hide_variable(var);
    }
    let hidden = crate::secret::hidden_variables();
    if let Some(staged) = owed.staged_key.clone() {
        // Only the key of the certificate now in place ever replaces the installed key.
        let for_issued = read_spki(&staged).is_some_and(|spki| cert::has_public_key(issued, &spki));
        if for_issued {
            replace_key(&staged, &owed.key, owed.keep_old, "installing key")?;
        }
        owed.staged_key = None;
    }
    if owed.cert_to_token {
        if let Some(uri) = token_uri(&owed.key) {
            crate::pkcs11::key::store_certificate(uri, issued)?;
        }
        owed.cert_to_token = false;
        owed.save(state_dir)?;
    }
    if let Some(id) = owed.pending.take() {
        PendingStore::new(state_dir).remove(&id)?;
        owed.save(state_dir)?;
    }
    if let Some(bundle) = owed.p12.clone() {
        let passphrase = match passphrase {
            Some(p) => Ok(p),
            None => saved_passphrase(&bundle),
        };
        match passphrase {
            Ok(passphrase) => {
                let key = read_key(&owed.key)?;
                let der = crate::pki::pkcs12::build(
                    &key,
                    issued,
                    chain,
                    passphrase.expose(),
                    cert::common_name(issued).as_deref(),
                )?;
                if owed.keep_old {
                    keep_previous(&bundle.path, KEY_MODE)?;
                }
                store::write_atomic(&bundle.path, &der, KEY_MODE, "writing the PKCS#12 bundle")?;
            }
            Err(err) => settled.notes.push(format!(
                "the PKCS#12 bundle {} was not written ({err}); write it with `certenroll pkcs12`",
                bundle.path.display()
            )),
        }
        owed.p12 = None;
        owed.save(state_dir)?;
    }
    if owed.hook {
        match hook {
            Some(hook) => {
                settled.hook_ran = true;
                settled.hook_failed = run_hook(hook, &owed, issued, &hidden).err();
            }
            None => settled.notes.push(
                "a deploy hook was owed, but the configuration names none now: not run".into(),
            ),
        }
    }
    owed.done(state_dir)?;
    Ok(settled)
}

/// The passphrase of a bundle from where it came from (a file or a variable); a prompt is
/// not possible in a later, unattended run.
fn saved_passphrase(bundle: &P12Saved) -> Result<Secret> {
    crate::secret::from_file_or_env(
        bundle.passphrase_file.as_deref(),
        bundle.passphrase_env.as_deref(),
        "PKCS#12 passphrase",
        "--p12-passphrase-env",
    )?
    .ok_or_else(|| {
        Error::Invalid("its passphrase was typed at a prompt, and this run cannot ask".into())
    })
}

/// Run the deploy hook with the new certificate's facts in its environment, and without the
/// variables that hold secrets (`hidden`: [`crate::secret::hidden_variables`]). Its failure is reported; the
/// certificate stays installed.
fn run_hook(
    hook: &Hook,
    owed: &Owed,
    issued: &Certificate,
    hidden: &[String],
) -> std::result::Result<(), String> {
    let summary = cert::summary(issued);
    let env = [
        ("CERTENROLL_CERT", owed.cert.clone().into_os_string()),
        ("CERTENROLL_KEY", owed.key.clone().into_os_string()),
        (
            "CERTENROLL_CHAIN",
            owed.chain.clone().unwrap_or_default().into_os_string(),
        ),
        ("CERTENROLL_SERIAL", summary.serial.into()),
        ("CERTENROLL_NOT_AFTER", summary.not_after.into()),
        ("CERTENROLL_SUBJECT", summary.subject.into()),
    ];
    hook.run(&env, hidden)
        .map_err(|failed| format!("the deploy hook: {failed}; the new certificate is installed"))
}

/// Finish whatever a killed run left undone for the pair `key_path`/`cert_path`, before
/// anything else touches them (the caller holds their lock): temporary files are removed; an
/// install whose certificate is in place is finished (key swap, pending request forgotten,
/// PKCS#12, deploy hook from `hook`); one whose certificate never got written is dropped; a
/// `KEY.new` that is the installed certificate's key is moved into place, and one that is no
/// certificate's key and that no pending request (of this state directory) waits for is
/// removed.
pub fn recover(
    state_dir: &Path,
    key_path: &Path,
    cert_path: &Path,
    hook: Option<&Hook>,
) -> Result<Settled> {
    let mut settled = Settled::default();
    let staged = with_suffix(key_path, ".new");
    for file in [key_path, cert_path, staged.as_path()] {
        store::remove_leftover_temps(file);
        store::remove_leftover_temps(&with_suffix(file, ".prev"));
    }
    crate::store::history::History::new(state_dir).tidy()?;
    // State files only the holder of this key's lock writes: the install journal of this
    // certificate, and the pending requests of this key and of the staged one.
    store::remove_leftover_temps(&owed_path(state_dir, cert_path)?);
    store::remove_leftover_temps(&fresh_key_path(state_dir, key_path)?);
    store::remove_leftover_temps(
        &crate::store::registry::Registry::new(state_dir).file(cert_path)?,
    );
    let pending = PendingStore::new(state_dir);
    for id in [key_path, staged.as_path()]
        .into_iter()
        .filter_map(transaction_of_key)
    {
        if let Ok(file) = pending.file(&id) {
            store::remove_leftover_temps(&file);
        }
    }
    if let Some(owed) = Owed::load(state_dir, cert_path)? {
        let extras = owed
            .chain
            .iter()
            .chain(owed.p12.iter().map(|p12| &p12.path));
        for file in extras {
            store::remove_leftover_temps(file);
            store::remove_leftover_temps(&with_suffix(file, ".prev"));
        }
        match installed_cert(&owed.cert) {
            Some(issued) if cert::fingerprint(&issued, Digest::Sha256) == owed.sha256 => {
                let chain = match &owed.chain {
                    Some(path) => std::fs::read(path)
                        .ok()
                        .and_then(|b| cert::parse_certificates(&b).ok())
                        .unwrap_or_default(),
                    None => Vec::new(),
                };
                let chain: Vec<&Certificate> = chain.iter().collect();
                settled = settle(state_dir, owed.clone(), &issued, &chain, None, hook)?;
                settled.notes.insert(
                    0,
                    format!(
                        "finished the installation of {} that an interrupted run left",
                        owed.cert.display()
                    ),
                );
            }
            // Killed before the certificate was replaced: nothing was swapped.
            _ => owed.done(state_dir)?,
        }
    }
    let staged_status = key_exists(&staged)
        .unwrap_or(false)
        .then(|| key_file_status(&staged, cert_path));
    if staged_status == Some(KeyFile::Installed) {
        // A journal would have said whether to keep the replaced key: without one, it goes
        // as a renamed file does.
        replace_key(&staged, key_path, false, "finishing an interrupted renewal")?;
        settled.notes.push(format!(
            "finished an interrupted renewal: moved {} to {}",
            staged.display(),
            key_path.display()
        ));
    } else if staged_status == Some(KeyFile::Other) && pending_for(state_dir, &staged)?.is_none() {
        // A key staged by a run killed before its request was answered or saved: no
        // certificate has it and no request waits for it.
        remove_key(&staged, "removing a staged key no request waits for")?;
        tracing::info!(path = %staged.display(), "removed a staged key a killed run left");
    }
    Ok(settled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert::NameAttr;

    fn pair(dir: &Path) -> (PrivateKey, Certificate) {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let name = cert::build_name(&[(NameAttr::CommonName, "t".into())]).unwrap();
        let c = cert::self_signed(&key, &name, Digest::Sha256).unwrap();
        let _ = dir;
        (key, c)
    }

    fn write_key(path: &Path, key: &PrivateKey) {
        store::write_atomic(path, &encode_key(key, Format::Pem).unwrap(), KEY_MODE, "t").unwrap();
    }

    #[test]
    fn a_staged_key_of_the_installed_certificate_is_moved_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (key_path, cert_path) = (dir.path().join("k.pem"), dir.path().join("c.pem"));
        let (old, _) = pair(dir.path());
        let (new, new_cert) = pair(dir.path());
        write_key(&key_path, &old);
        write_key(&with_suffix(&key_path, ".new"), &new);
        std::fs::write(&cert_path, cert::to_pem(&[&new_cert]).unwrap()).unwrap();
        // Staging refuses to touch it; recovery moves it into place.
        assert!(staging_path(dir.path(), &key_path, &cert_path).is_err());
        assert!(!discard_key(&with_suffix(&key_path, ".new"), &cert_path));
        let settled = recover(dir.path(), &key_path, &cert_path, None).unwrap();
        assert_eq!(settled.notes.len(), 1, "{:?}", settled.notes);
        let installed = read_key(&key_path).unwrap();
        assert!(cert::has_public_key(
            &new_cert,
            &installed.public_key_info().unwrap()
        ));
        assert!(!with_suffix(&key_path, ".new").exists());
        assert!(is_installed(
            &cert_path,
            &transaction_of(&new_cert).unwrap().to_lowercase()
        ));
    }

    #[test]
    fn an_install_killed_after_the_certificate_is_finished_with_its_owed_steps() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let (key_path, cert_path) = (dir.path().join("k.pem"), dir.path().join("c.pem"));
        let (old, old_cert) = pair(dir.path());
        let (new, new_cert) = pair(dir.path());
        write_key(&key_path, &old);
        std::fs::write(&cert_path, cert::to_pem(&[&old_cert]).unwrap()).unwrap();
        let staged = with_suffix(&key_path, ".new");
        write_key(&staged, &new);
        // The journal as install writes it, then the certificate, then a kill.
        let owed = Owed {
            cert: absolute(&cert_path).unwrap(),
            sha256: cert::fingerprint(&new_cert, Digest::Sha256),
            key: absolute(&key_path).unwrap(),
            staged_key: Some(absolute(&staged).unwrap()),
            chain: None,
            keep_old: true,
            p12: None,
            hook: true,
            profile: None,
            pending: None,
            cert_to_token: false,
        };
        owed.save(&state).unwrap();
        std::fs::write(&cert_path, cert::to_pem(&[&new_cert]).unwrap()).unwrap();
        std::fs::write(dir.path().join("k.pem.0123456789ab.tmp"), "secret").unwrap();
        let marker = dir.path().join("hook-ran");
        let hook = Hook::command(format!("touch {}", marker.display()), None);
        let settled = recover(&state, &key_path, &cert_path, Some(&hook)).unwrap();
        assert!(settled.hook_ran && settled.hook_failed.is_none());
        assert!(marker.exists());
        assert!(!staged.exists());
        assert!(!dir.path().join("k.pem.0123456789ab.tmp").exists());
        assert!(Owed::load(&state, &cert_path).unwrap().is_none());
        // A second recovery has nothing left to do.
        std::fs::remove_file(&marker).unwrap();
        let again = recover(&state, &key_path, &cert_path, Some(&hook)).unwrap();
        assert!(again.notes.is_empty() && !again.hook_ran);
    }

    #[test]
    fn a_journal_whose_certificate_was_never_written_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (key_path, cert_path) = (dir.path().join("k.pem"), dir.path().join("c.pem"));
        let (old, old_cert) = pair(dir.path());
        let (new, new_cert) = pair(dir.path());
        write_key(&key_path, &old);
        std::fs::write(&cert_path, cert::to_pem(&[&old_cert]).unwrap()).unwrap();
        write_key(&with_suffix(&key_path, ".new"), &new);
        Owed {
            cert: absolute(&cert_path).unwrap(),
            sha256: cert::fingerprint(&new_cert, Digest::Sha256),
            key: absolute(&key_path).unwrap(),
            staged_key: None,
            chain: None,
            keep_old: false,
            p12: None,
            hook: true,
            profile: None,
            pending: None,
            cert_to_token: false,
        }
        .save(dir.path())
        .unwrap();
        // A staged key a pending request waits for is neither replaced nor removed.
        let staged = with_suffix(&key_path, ".new");
        let store = PendingStore::new(dir.path());
        let mut request = crate::store::pending::tests::sample("AAA", 1);
        request.key = absolute(&staged).unwrap();
        store.save(&request).unwrap();
        assert!(staging_path(dir.path(), &key_path, &cert_path).is_err());
        let settled = recover(dir.path(), &key_path, &cert_path, None).unwrap();
        assert!(settled.notes.is_empty() && !settled.hook_ran);
        assert!(staged.exists());
        assert!(Owed::load(dir.path(), &cert_path).unwrap().is_none());
        // Without the request, the stale staged key may be replaced, and recovery removes it;
        // the installed pair is untouched.
        store.remove("AAA").unwrap();
        assert_eq!(
            staging_path(dir.path(), &key_path, &cert_path).unwrap(),
            staged
        );
        recover(dir.path(), &key_path, &cert_path, None).unwrap();
        assert!(!staged.exists());
        assert!(holds_installed_key(&key_path, &cert_path));
        assert!(!discard_key(&key_path, &cert_path));
    }

    #[test]
    fn keep_previous_refuses_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("secret");
        std::fs::write(&target, "root:x:0").unwrap();
        let link = dir.path().join("c.pem");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = keep_previous(&link, CERT_MODE).unwrap_err();
        assert_eq!(err.exit_code(), 6);
        assert!(!with_suffix(&link, ".prev").exists());
    }
}
