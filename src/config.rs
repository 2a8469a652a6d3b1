//! The configuration file: named profiles in TOML, each holding what a printer's SCEP settings
//! page holds (server, files, key, subject, challenge source, polling).
//!
//! ```toml
//! [profile.printer]
//! url = "http://ca.example.com/scep"
//! fingerprint = "15B90663...71D1"
//! cn = "printer-42.example.net"
//! san = ["dns:printer-42.example.net", "ip:192.0.2.42"]
//! key = "/etc/ssl/private/printer.key"
//! cert = "/etc/ssl/certs/printer.pem"
//! challenge_file = "/etc/certenroll/printer.challenge"
//! jitter = "1..600"
//! ```
//!
//! Every value is checked when the file is read: an unknown key or a bad value is an error
//! that names the file, the line and the key. Secrets are never stored here: the challenge
//! comes from a file or an environment variable the profile names.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::choices::{Format, KeyType, MethodChoice, ProtocolChoice, RenewalChoice};
use crate::pki::digest::Digest;
use crate::pki::envelope::Cipher;
use crate::schedule::Jitter;
use crate::{Error, Result};

/// Where root's configuration lives.
pub const SYSTEM_CONFIG: &str = "/etc/certenroll/config.toml";

/// A value kept as written (for `config show` and export) and checked by parsing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked<T> {
    /// The text in the file.
    pub text: String,
    /// What it means.
    pub value: T,
}

impl<'de, T> Deserialize<'de> for Checked<T>
where
    T: FromStr,
    T::Err: Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let value = text.parse().map_err(serde::de::Error::custom)?;
        Ok(Checked { text, value })
    }
}

impl<T> Checked<T>
where
    T: FromStr,
    T::Err: Display,
{
    /// Check `text` the way reading it from the file would.
    pub fn new(text: &str) -> Result<Self> {
        let value = text
            .parse()
            .map_err(|e: T::Err| Error::Invalid(e.to_string()))?;
        Ok(Checked {
            text: text.to_string(),
            value,
        })
    }
}

impl<T> Serialize for Checked<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// A comma-separated key usage list, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyUsageList;

impl FromStr for KeyUsageList {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("none") {
            return Ok(KeyUsageList);
        }
        crate::pki::csr::parse_key_usage(s)
            .map(|_| KeyUsageList)
            .map_err(|e| e.to_string())
    }
}

/// A comma-separated extended key usage list, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct EkuList;

impl FromStr for EkuList {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        crate::pki::csr::parse_eku(s)
            .map(|_| EkuList)
            .map_err(|e| e.to_string())
    }
}

/// A SHA-256 fingerprint, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint;

impl FromStr for Fingerprint {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        crate::pki::cert::parse_fingerprint(s)
            .map(|_| Fingerprint)
            .map_err(|e| e.to_string())
    }
}

/// An RSA key size, checked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KeyBits(pub usize);

impl<'de> Deserialize<'de> for KeyBits {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let bits = usize::deserialize(deserializer)?;
        if crate::pki::key::RSA_BITS.contains(&bits) {
            Ok(KeyBits(bits))
        } else {
            Err(serde::de::Error::custom(
                "key_bits must be 2048, 3072 or 4096",
            ))
        }
    }
}

/// One profile. Every field is optional; command-line flags override it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The SCEP URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The protocol: "scep" or "est" (default: est for a /.well-known/est URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<ProtocolChoice>,
    /// EST: the CA label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// HTTPS trust anchors (PEM).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    /// HTTPS: trust the system's CAs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_roots: Option<bool>,
    /// EST: HTTP Basic user name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// EST: file holding the HTTP password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_file: Option<PathBuf>,
    /// EST: environment variable holding the HTTP password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    /// EST: TLS client certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_cert: Option<PathBuf>,
    /// EST: key of the TLS client certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_key: Option<PathBuf>,
    /// CA identifier for GetCACert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_ident: Option<String>,
    /// Pinned SHA-256 fingerprint of the CA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<Checked<Fingerprint>>,
    /// CA (and RA) certificates from a file instead of GetCACert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<PathBuf>,
    /// Limit for one HTTP exchange, seconds (1..=3600, as `--timeout`).
    #[serde(
        default,
        deserialize_with = "timeout",
        skip_serializing_if = "Option::is_none"
    )]
    pub timeout: Option<u64>,
    /// The PKCS#11 module for keys named by pkcs11: URIs (as `--pkcs11-module`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pkcs11_module: Option<PathBuf>,
    /// Also put the certificate on the token beside its key (as `--cert-to-token`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert_to_token: Option<bool>,
    /// A file holding the token's PIN (as `--pin-file`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin_file: Option<PathBuf>,
    /// The key file: used when it exists, generated there when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<PathBuf>,
    /// The certificate file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert: Option<PathBuf>,
    /// The chain file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<PathBuf>,
    /// File encoding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// A PKCS#12 bundle written beside the key and certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p12: Option<PathBuf>,
    /// File holding the PKCS#12 passphrase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p12_passphrase_file: Option<PathBuf>,
    /// Environment variable holding the PKCS#12 passphrase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p12_passphrase_env: Option<String>,
    /// Key algorithm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_type: Option<KeyType>,
    /// RSA key size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_bits: Option<KeyBits>,
    /// Signature digest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<Checked<Digest>>,
    /// Content encryption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cipher: Option<Checked<Cipher>>,
    /// GET, POST or auto.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<MethodChoice>,
    /// Refuse to fall back to weak algorithms when the server lists no capabilities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_caps: Option<bool>,
    /// The whole subject, RFC 4514 (instead of the fields below).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Common name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cn: Option<String>,
    /// Organizations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organization: Vec<String>,
    /// Organizational units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ou: Vec<String>,
    /// Locality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// State or province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// E-mail address in the subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Subject alternative names (dns:, ip:, email:, uri:).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub san: Vec<Checked<crate::pki::csr::San>>,
    /// Key usage list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_usage: Option<Checked<KeyUsageList>>,
    /// Extended key usage list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eku: Option<Checked<EkuList>>,
    /// File holding the challenge password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_file: Option<PathBuf>,
    /// Environment variable holding the challenge password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_env: Option<String>,
    /// Seconds between polls (0..=86400, as `--poll-interval`).
    #[serde(
        default,
        deserialize_with = "poll_interval",
        skip_serializing_if = "Option::is_none"
    )]
    pub poll_interval: Option<u64>,
    /// Polls per run (0..=10000, as `--poll-count`).
    #[serde(
        default,
        deserialize_with = "poll_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub poll_count: Option<u32>,
    /// Retry after communication errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_on_error: Option<bool>,
    /// Random start delay, MIN..MAX seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jitter: Option<Checked<Jitter>>,
    /// Renewal due once this share of the lifetime has passed ("66%").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renew_at: Option<Checked<crate::schedule::Percent>>,
    /// Renewal also due this close to expiry ("30d").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renew_before: Option<Checked<crate::schedule::Span>>,
    /// Which message a renewal sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal: Option<RenewalChoice>,
    /// Keep the key on renewal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reuse_key: Option<bool>,
    /// Keep the replaced key and certificate as *.prev (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keep_old: Option<bool>,
    /// Shell command run before a renewal attempt that will send something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pre_hook: Option<String>,
    /// Shell command run after a new certificate is installed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deploy_hook: Option<String>,
    /// Shell command run after every renewal attempt. In a profile without `deploy_hook` it
    /// keeps its old meaning, the deploy hook (with a warning to rename it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_hook: Option<String>,
    /// Where to keep a verified OCSP response (DER) for stapling; `renew` refreshes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocsp_file: Option<PathBuf>,
    /// Whether `renew` asks if the certificate was revoked (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_revocation: Option<bool>,
}

impl Profile {
    /// The pre, deploy and post hook commands, and whether `post_hook` was read in its old
    /// meaning (the deploy hook: this profile names no `deploy_hook`).
    pub fn hooks(&self) -> (Option<String>, Option<String>, Option<String>, bool) {
        match (&self.deploy_hook, &self.post_hook) {
            (None, Some(old)) => (self.pre_hook.clone(), Some(old.clone()), None, true),
            (deploy, post) => (self.pre_hook.clone(), deploy.clone(), post.clone(), false),
        }
    }
}

/// A number checked against the range its flag takes.
fn ranged<'de, D, T>(
    deserializer: D,
    range: std::ops::RangeInclusive<T>,
    key: &str,
) -> std::result::Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + PartialOrd + Display,
{
    let value = T::deserialize(deserializer)?;
    if range.contains(&value) {
        Ok(Some(value))
    } else {
        Err(serde::de::Error::custom(format!(
            "{key} must be {}..={}",
            range.start(),
            range.end()
        )))
    }
}

fn timeout<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<u64>, D::Error> {
    ranged(d, 1..=3600, "timeout")
}

fn poll_interval<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<u64>, D::Error> {
    ranged(d, 0..=86_400, "poll_interval")
}

fn poll_count<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<u32>, D::Error> {
    ranged(d, 0..=10_000, "poll_count")
}

/// The profile whose `[profile.NAME]` section holds line `line` (0-based) of `text`.
fn section_at(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line + 1)
        .filter_map(|l| {
            l.trim()
                .strip_prefix("[profile.")
                .and_then(|rest| rest.strip_suffix(']'))
                .map(|name| name.trim().trim_matches('"').to_string())
        })
        .last()
}

/// "No profile NAME in FILE", with the profiles there are.
fn no_such_profile(name: &str, origin: &Path, known: &[String]) -> Error {
    Error::Invalid(format!(
        "no profile '{}' in {}{}",
        crate::sanitize::escape_untrusted(name),
        origin.display(),
        if known.is_empty() {
            String::new()
        } else {
            format!(" (profiles: {})", known.join(", "))
        }
    ))
}

/// The text of a configuration file that only its owner may change (its directory too); None
/// when there is none.
fn read_private(path: &Path) -> Result<Option<String>> {
    if path.exists() {
        crate::store::check_private(path, "configuration file")?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::store::check_private(dir, "configuration directory")?;
        }
    }
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::local("reading configuration", path, e)),
    }
}

/// A configuration file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Profiles by name.
    #[serde(default)]
    pub profile: BTreeMap<String, Profile>,
}

impl Config {
    /// Parse a configuration; errors name `origin`, the line and the key.
    pub fn parse(text: &str, origin: &Path) -> Result<Self> {
        let config: Config =
            toml::from_str(text).map_err(|e| Error::Invalid(one_line_error(&e, text, origin)))?;
        for name in config.profile.keys() {
            check_profile_name(name)
                .map_err(|e| Error::Invalid(format!("{}: {e}", origin.display())))?;
        }
        Ok(config)
    }

    /// Read a configuration file; a missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<Self> {
        match read_private(path)? {
            Some(text) => Self::parse(&text, path),
            None => Ok(Config::default()),
        }
    }

    /// The configuration file with its profile `name` alone, which another profile's mistake
    /// does not spoil (an error in this one, or outside the profiles, is an error).
    pub fn load_one(path: &Path, name: &str) -> Result<Self> {
        let profiles = Self::load_profiles(path)?;
        let known: Vec<String> = profiles.iter().map(|(n, _)| n.clone()).collect();
        match profiles.into_iter().find(|(n, _)| n == name) {
            Some((name, profile)) => Ok(Config {
                profile: BTreeMap::from([(name, profile?)]),
            }),
            None => Err(no_such_profile(name, path, &known)),
        }
    }

    /// Every profile of the configuration file, each parsed on its own: a profile that does
    /// not parse is an error for it alone (`renew --all` goes on with the others); a file
    /// that is not TOML, or whose error lies outside the profiles, is an error for all.
    pub fn load_profiles(path: &Path) -> Result<Vec<(String, Result<Profile>)>> {
        let Some(text) = read_private(path)? else {
            return Ok(Vec::new());
        };
        let whole = match Self::parse(&text, path) {
            Ok(config) => {
                return Ok(config
                    .profile
                    .into_iter()
                    .map(|(n, p)| (n, Ok(p)))
                    .collect());
            }
            Err(e) => e,
        };
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| Error::Invalid(one_line_error(&e, &text, path)))?;
        let Some(toml::Value::Table(profiles)) = table.get("profile") else {
            return Err(whole);
        };
        // The whole file's error names its line: it goes to the profile whose section holds it.
        let in_section = toml::from_str::<Config>(&text)
            .err()
            .and_then(|e| e.span())
            .map(|span| text[..span.start.min(text.len())].matches('\n').count())
            .and_then(|line| section_at(&text, line));
        let each: Vec<(String, Result<Profile>)> = profiles
            .iter()
            .map(|(name, value)| {
                let origin = PathBuf::from(format!("{} [profile.{name}]", path.display()));
                let parsed = check_profile_name(name)
                    .map_err(|e| Error::Invalid(format!("{}: {e}", origin.display())))
                    .and_then(|()| {
                        value.clone().try_into::<Profile>().map_err(|e| {
                            if in_section.as_deref() == Some(name.as_str()) {
                                Error::Invalid(whole.to_string())
                            } else {
                                Error::Invalid(one_line_error(&e, &text, &origin))
                            }
                        })
                    });
                (name.clone(), parsed)
            })
            .collect();
        if each.iter().all(|(_, p)| p.is_ok()) {
            return Err(whole);
        }
        Ok(each)
    }

    /// The profile `name`, or an error listing the profiles there are.
    pub fn profile(&self, name: &str, origin: &Path) -> Result<&Profile> {
        self.profile.get(name).ok_or_else(|| {
            let known: Vec<String> = self.profile.keys().cloned().collect();
            no_such_profile(name, origin, &known)
        })
    }

    /// The configuration as TOML.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self)
            .map_err(|e| Error::Crypto(format!("encoding the configuration failed: {e}")))
    }

    /// Write the configuration to `path` (its directory created if missing), whole.
    pub fn save(&self, path: &Path) -> Result<()> {
        create_dir_of(path)?;
        crate::store::write_atomic(
            path,
            self.to_toml()?.as_bytes(),
            crate::store::CERT_MODE,
            "writing configuration",
        )
    }
}

fn create_dir_of(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::local("creating configuration directory", dir, e))?;
    }
    Ok(())
}

/// Keep a file beside the configuration at `config_path` (a secret: mode 0600), and return
/// its path: what `config init` writes instead of putting a password into the file.
pub fn keep_beside(config_path: &Path, file: &str, contents: &[u8], mode: u32) -> Result<PathBuf> {
    let path = config_path.parent().unwrap_or(Path::new(".")).join(file);
    match path.parent() {
        // A secret's directory, when it has to be made, is made private.
        Some(dir) if mode == crate::store::KEY_MODE && !dir.as_os_str().is_empty() => {
            crate::store::create_private_dir(dir)?
        }
        _ => create_dir_of(&path)?,
    }
    crate::store::write_atomic(
        &path,
        contents,
        mode,
        "writing a file beside the configuration",
    )?;
    Ok(path)
}

/// A TOML error as one line: file, line, the offending line itself, and what is wrong; an
/// unknown key gets the closest known one as a suggestion instead of the list of all keys.
fn one_line_error(err: &toml::de::Error, text: &str, origin: &Path) -> String {
    let mut message = err.message().trim().to_string();
    if let Some((unknown, expected)) = message.split_once(", expected one of ") {
        let name = unknown.rsplit('`').nth(1).unwrap_or_default();
        let closest = expected
            .split(", ")
            .map(|k| k.trim_matches('`'))
            .min_by_key(|k| edit_distance(name, k))
            .filter(|k| edit_distance(name, k) <= 3);
        message = match closest {
            Some(k) => format!("{unknown} (did you mean `{k}`?)"),
            None => format!("{unknown} (`certenroll config --help` lists the keys)"),
        };
    }
    match err.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            let shown = text.lines().nth(line - 1).unwrap_or_default().trim();
            // A list-valued key given one value: say how to write it.
            if message.contains("expected a sequence")
                && let Some((key, value)) = shown.split_once('=')
            {
                let (key, value) = (key.trim(), value.trim());
                message = format!("{key} is a list: write {key} = [{value}]");
            }
            format!("{}, line {line}: `{shown}`: {message}", origin.display())
        }
        None => format!("{}: {message}", origin.display()),
    }
}

/// Levenshtein distance, for suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// Profile names become file names (locks) and appear in logs: letters, digits, `-`, `_`, `.`.
pub fn check_profile_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "'{}' is not a usable profile name (letters, digits, '-', '_', '.')",
            crate::sanitize::escape_untrusted(name)
        )))
    }
}

/// The configuration file in use: `explicit` (--config or CERTENROLL_CONFIG), else
/// Make `anchor` the `ca_file` of profile `name` in the configuration file at `path`, when the
/// profile exists and names none (a CA trusted by an EST bootstrap). Returns whether it did.
pub fn remember_ca_file(path: &Path, name: &str, anchor: &Path) -> Result<bool> {
    let config = Config::load(path)?;
    if config.profile.get(name).is_none_or(|p| p.ca_file.is_some()) {
        return Ok(false);
    }
    let anchor =
        std::path::absolute(anchor).map_err(|e| Error::local("resolving path", anchor, e))?;
    // Edited in place (toml_edit), so that the person's comments, order and layout stay, and
    // written back with the file's own mode.
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::local("reading configuration", path, e))?;
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    let Some(profile) = document
        .get_mut("profile")
        .and_then(|profiles| profiles.get_mut(name))
        .and_then(|profile| profile.as_table_like_mut())
    else {
        return Ok(false);
    };
    profile.insert(
        "ca_file",
        toml_edit::value(anchor.to_string_lossy().into_owned()),
    );
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .map_err(|e| Error::local("reading configuration", path, e))?
            .permissions()
            .mode()
            & 0o777
    };
    crate::store::write_atomic(
        path,
        document.to_string().as_bytes(),
        mode,
        "writing configuration",
    )?;
    Ok(true)
}

/// /etc/certenroll/config.toml for root, else the user's (~/.config/certenroll/config.toml).
pub fn config_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    if crate::store::running_as_root() {
        return Ok(PathBuf::from(SYSTEM_CONFIG));
    }
    directories::ProjectDirs::from("", "", "certenroll")
        .map(|d| d.config_dir().join("config.toml"))
        .ok_or_else(|| {
            Error::Invalid("no home directory for a configuration; pass --config FILE".into())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[profile.printer]
url = "http://ca.example.com/scep"
cn = "printer-42"
san = ["dns:printer-42.example.net", "ip:192.0.2.42"]
key = "/k.pem"
cert = "/c.pem"
digest = "sha256"
cipher = "aes128"
method = "post"
key_bits = 3072
jitter = "1..600"
challenge_env = "PRINTER_CHALLENGE"

[profile.router]
url = "http://ca/scep"
"#;

    #[test]
    fn profiles_parse_and_round_trip() {
        let config = Config::parse(GOOD, Path::new("/etc/certenroll/config.toml")).unwrap();
        let printer = config.profile("printer", Path::new("x")).unwrap();
        assert_eq!(printer.key_bits, Some(KeyBits(3072)));
        assert_eq!(
            printer.jitter.as_ref().unwrap().value,
            Jitter { min: 1, max: 600 }
        );
        assert_eq!(printer.san.len(), 2);
        let again = Config::parse(&config.to_toml().unwrap(), Path::new("x")).unwrap();
        assert_eq!(again, config);
        let err = config
            .profile("fax", Path::new("/c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no profile 'fax' in /c.toml (profiles: printer, router)"),
            "{err}"
        );
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let path = Path::new("/etc/certenroll/config.toml");
        let unknown = "[profile.p]\nurl = \"http://x\"\nchalenge_file = \"/c\"\n";
        let err = Config::parse(unknown, path).unwrap_err().to_string();
        assert!(
            err.starts_with("/etc/certenroll/config.toml, line 3: `chalenge_file"),
            "{err}"
        );
        assert!(err.contains("chalenge_file"), "{err}");
        assert!(err.contains("did you mean `challenge_file`?"), "{err}");
        assert!(!err.contains('\n'), "{err}");
        for (bad, what) in [
            ("cipher = \"rc4\"", "unknown cipher"),
            ("jitter = \"1..9999\"", "at most 600"),
            ("key_bits = 1024", "2048, 3072 or 4096"),
            ("san = [\"printer\"]", "dns:NAME"),
            ("method = \"put\"", "put"),
            ("protocol = \"cmp\"", "cmp"),
            ("fingerprint = \"abc\"", "SHA-256 fingerprint"),
            ("timeout = 0", "timeout must be 1..=3600"),
            ("poll_interval = 86401", "poll_interval must be 0..=86400"),
            ("poll_count = 10001", "poll_count must be 0..=10000"),
        ] {
            let text = format!("[profile.p]\nurl = \"http://x\"\n{bad}\n");
            let err = Config::parse(&text, path).unwrap_err().to_string();
            assert!(err.contains("line 3") && err.contains(what), "{bad}: {err}");
        }
        let err = Config::parse("[profile.\"../x\"]\n", path)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a usable profile name"), "{err}");
        assert!(Config::parse("[profiles.p]\n", path).is_err());
    }
}
