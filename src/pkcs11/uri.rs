//! PKCS#11 URIs (RFC 7512): `pkcs11:token=T;object=NAME?pin-source=file:/etc/pin`.
//!
//! Hand-written: the crates that parse these URIs are either unmaintained or bring a URL stack
//! for what is a few lines of splitting and percent-decoding. What certenroll reads:
//! - path attributes (`;`-separated, RFC 7512 2.3): `token`, `manufacturer`, `serial`, `model`
//!   (which token), `slot-id`, `slot-description`, `slot-manufacturer` (which slot),
//!   `object`, `id`, `type` (which key; `type` may only be `private`), and the library
//!   attributes, which must match the module's;
//! - query attributes (`&`-separated, 2.4): `module-path` (the module to load), `pin-source`
//!   (a file, as a path or a `file:` URI). `pin-value` is refused: a PIN in a URI ends up in
//!   shell history, `ps` output and the configuration; use `--pin-file`.
//!
//! An attribute this module does not know is refused rather than ignored (the RFC lets a
//! consumer refuse what it cannot honour, 2.3): a URI that names more than certenroll checks
//! could otherwise select a key the person did not mean.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// A parsed PKCS#11 URI: which token, which key object, and where the module and PIN are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uri {
    /// The token's label (`token=`).
    pub token: Option<String>,
    /// The token's manufacturer.
    pub manufacturer: Option<String>,
    /// The token's serial number.
    pub serial: Option<String>,
    /// The token's model.
    pub model: Option<String>,
    /// The slot's number.
    pub slot_id: Option<u64>,
    /// The slot's description.
    pub slot_description: Option<String>,
    /// The slot's manufacturer.
    pub slot_manufacturer: Option<String>,
    /// The library's manufacturer.
    pub library_manufacturer: Option<String>,
    /// The library's description.
    pub library_description: Option<String>,
    /// The key object's label (`object=`).
    pub object: Option<String>,
    /// The key object's CKA_ID (`id=`, percent-encoded bytes).
    pub id: Option<Vec<u8>>,
    /// The module to load (`module-path=`).
    pub module_path: Option<PathBuf>,
    /// A file holding the PIN (`pin-source=`).
    pub pin_source: Option<PathBuf>,
}

/// Whether a key "path" is a PKCS#11 URI rather than a file (the scheme is case-insensitive).
pub fn is_uri(path: &Path) -> bool {
    path.as_os_str()
        .as_encoded_bytes()
        .get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"pkcs11:"))
}

fn invalid(uri: &str, why: impl std::fmt::Display) -> Error {
    Error::Invalid(format!(
        "{}: not a usable PKCS#11 URI: {why} (write it as pkcs11:token=LABEL;object=NAME, RFC 7512)",
        crate::sanitize::escape_untrusted(uri)
    ))
}

/// Percent-decode `text` (RFC 3986 2.1).
fn decode(uri: &str, text: &str) -> Result<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| invalid(uri, "a '%' is not followed by two hex digits"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}

fn decode_text(uri: &str, name: &str, text: &str) -> Result<String> {
    String::from_utf8(decode(uri, text)?)
        .map_err(|_| invalid(uri, format!("the value of {name} is not UTF-8")))
}

impl Uri {
    /// Parse a PKCS#11 URI.
    pub fn parse(text: &str) -> Result<Uri> {
        if !is_uri(Path::new(text)) {
            return Err(invalid(text, "it does not start with pkcs11:"));
        }
        let rest = &text[7..];
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut uri = Uri::default();
        let mut seen = Vec::new();
        for attr in path.split(';').filter(|a| !a.is_empty()) {
            let (name, value) = attr
                .split_once('=')
                .ok_or_else(|| invalid(text, format!("'{attr}' has no '='")))?;
            if seen.contains(&name) {
                return Err(invalid(text, format!("{name} is given twice")));
            }
            seen.push(name);
            let value_text = || decode_text(text, name, value);
            match name {
                "token" => uri.token = Some(value_text()?),
                "manufacturer" => uri.manufacturer = Some(value_text()?),
                "serial" => uri.serial = Some(value_text()?),
                "model" => uri.model = Some(value_text()?),
                "slot-description" => uri.slot_description = Some(value_text()?),
                "slot-manufacturer" => uri.slot_manufacturer = Some(value_text()?),
                "library-manufacturer" => uri.library_manufacturer = Some(value_text()?),
                "library-description" => uri.library_description = Some(value_text()?),
                "object" => uri.object = Some(value_text()?),
                "id" => uri.id = Some(decode(text, value)?),
                "slot-id" => {
                    uri.slot_id = Some(
                        value_text()?
                            .parse()
                            .map_err(|_| invalid(text, "slot-id must be a decimal number"))?,
                    )
                }
                "type" => {
                    let kind = value_text()?;
                    if kind != "private" {
                        return Err(invalid(
                            text,
                            format!(
                                "type={kind}: certenroll uses private keys (type=private, or leave type out)"
                            ),
                        ));
                    }
                }
                "library-version" => {
                    return Err(invalid(
                        text,
                        "library-version is not checked by certenroll: leave it out",
                    ));
                }
                _ => return Err(invalid(text, format!("unknown attribute '{name}'"))),
            }
        }
        for attr in query.split('&').filter(|a| !a.is_empty()) {
            let (name, value) = attr
                .split_once('=')
                .ok_or_else(|| invalid(text, format!("'{attr}' has no '='")))?;
            match name {
                "module-path" => {
                    uri.module_path = Some(PathBuf::from(decode_text(text, name, value)?));
                }
                "pin-source" => {
                    let source = decode_text(text, name, value)?;
                    let file = source
                        .strip_prefix("file://")
                        .or(source.strip_prefix("file:"));
                    let file = file.unwrap_or(&source);
                    if !file.starts_with('/') {
                        return Err(invalid(
                            text,
                            "pin-source must be an absolute file path (file:/etc/token.pin); for a prompt, leave it out",
                        ));
                    }
                    uri.pin_source = Some(PathBuf::from(file));
                }
                "pin-value" => {
                    return Err(invalid(
                        text,
                        "a PIN in the URI is refused (it would show in shell history, ps and the configuration): put it in a file and give --pin-file FILE, or set CERTENROLL_PKCS11_PIN",
                    ));
                }
                "module-name" => {
                    return Err(invalid(
                        text,
                        "module-name is not supported: give the module's path with --pkcs11-module or module-path=",
                    ));
                }
                _ => return Err(invalid(text, format!("unknown query attribute '{name}'"))),
            }
        }
        Ok(uri)
    }

    /// The key's name for people: its object label, or its id in hex.
    pub fn object_name(&self) -> String {
        match (&self.object, &self.id) {
            (Some(label), _) => label.clone(),
            (None, Some(id)) => format!("id {}", crate::pki::hex(id)),
            (None, None) => "(any key)".into(),
        }
    }

    /// The attributes that choose the token (and its slot and library), as text: two URIs
    /// with the same part name the same token.
    pub fn token_part(&self) -> String {
        Uri {
            object: None,
            id: None,
            module_path: None,
            pin_source: None,
            ..self.clone()
        }
        .to_string()
    }

    /// The same URI naming the object `label` on the same token (the staged key of a renewal),
    /// written back as text.
    pub fn with_object(&self, label: &str) -> String {
        let mut copy = self.clone();
        copy.object = Some(label.to_string());
        copy.id = None;
        copy.to_string()
    }
}

/// Path attribute values may also hold `&` as is (RFC 7512 `pk11-path-res-avail`).
const PATH_EXTRA: &[u8] = b"&";
/// Query attribute values may also hold `/`, `?` and `|` (`pk11-query-res-avail`).
const QUERY_EXTRA: &[u8] = b"/?|";

/// Percent-encode what RFC 7512 does not allow as is in an attribute value (`extra`: what the
/// path or the query allows beside the unreserved characters and `pk11-res-avail`).
fn encode(out: &mut String, bytes: &[u8], extra: &[u8]) {
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~:[]@!$'()*+,=".contains(&b) || extra.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

impl std::fmt::Display for Uri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut path = Vec::new();
        let mut attr = |name: &str, value: Option<&[u8]>| {
            if let Some(value) = value {
                let mut text = format!("{name}=");
                encode(&mut text, value, PATH_EXTRA);
                path.push(text);
            }
        };
        attr("token", self.token.as_deref().map(str::as_bytes));
        attr(
            "manufacturer",
            self.manufacturer.as_deref().map(str::as_bytes),
        );
        attr("serial", self.serial.as_deref().map(str::as_bytes));
        attr("model", self.model.as_deref().map(str::as_bytes));
        let slot_id = self.slot_id.map(|n| n.to_string());
        attr("slot-id", slot_id.as_deref().map(str::as_bytes));
        attr(
            "slot-description",
            self.slot_description.as_deref().map(str::as_bytes),
        );
        attr(
            "slot-manufacturer",
            self.slot_manufacturer.as_deref().map(str::as_bytes),
        );
        attr(
            "library-manufacturer",
            self.library_manufacturer.as_deref().map(str::as_bytes),
        );
        attr(
            "library-description",
            self.library_description.as_deref().map(str::as_bytes),
        );
        attr("object", self.object.as_deref().map(str::as_bytes));
        attr("id", self.id.as_deref());
        write!(f, "pkcs11:{}", path.join(";"))?;
        let mut query = Vec::new();
        if let Some(path) = &self.module_path {
            let mut text = "module-path=".to_string();
            encode(&mut text, path.as_os_str().as_encoded_bytes(), QUERY_EXTRA);
            query.push(text);
        }
        if let Some(path) = &self.pin_source {
            let mut text = "pin-source=file:".to_string();
            encode(&mut text, path.as_os_str().as_encoded_bytes(), QUERY_EXTRA);
            query.push(text);
        }
        if !query.is_empty() {
            write!(f, "?{}", query.join("&"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rfc_7512_examples() {
        let uri = Uri::parse(
            "pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=private;id=%69%95%3E%5C%F4%BD%EC%91",
        )
        .unwrap();
        assert_eq!(uri.token.as_deref(), Some("The Software PKCS#11 Softtoken"));
        assert_eq!(uri.manufacturer.as_deref(), Some("Snake Oil, Inc."));
        assert_eq!(uri.object.as_deref(), Some("my-certificate"));
        assert_eq!(
            uri.id.as_deref(),
            Some(&[0x69, 0x95, 0x3e, 0x5c, 0xf4, 0xbd, 0xec, 0x91][..])
        );
        let uri = Uri::parse(
            "pkcs11:object=my-sign-key;type=private?module-path=/usr/lib/libsofthsm2.so&pin-source=file:/etc/token",
        )
        .unwrap();
        assert_eq!(
            uri.module_path.as_deref(),
            Some(Path::new("/usr/lib/libsofthsm2.so"))
        );
        assert_eq!(uri.pin_source.as_deref(), Some(Path::new("/etc/token")));
        assert_eq!(Uri::parse("PKCS11:slot-id=3").unwrap().slot_id, Some(3));
    }

    #[test]
    fn refuses_what_it_cannot_honour() {
        for (text, says) in [
            ("pkcs11:token=a;token=b", "given twice"),
            (
                "pkcs11:object=k?pin-value=1234",
                "PIN in the URI is refused",
            ),
            ("pkcs11:type=cert", "type=cert"),
            ("pkcs11:colour=red", "unknown attribute 'colour'"),
            ("pkcs11:object=%4", "two hex digits"),
            ("pkcs11:object=k?pin-source=pin.txt", "absolute file path"),
            ("pkcs11:slot-id=x", "decimal"),
            ("key.pem", "does not start with pkcs11:"),
        ] {
            let err = Uri::parse(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn writes_back_what_it_read() {
        let text = "pkcs11:token=My%20Token;object=web%3Bkey;id=%01%02?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/etc/pin";
        let uri = Uri::parse(text).unwrap();
        assert_eq!(uri.to_string(), text);
        assert_eq!(Uri::parse(&uri.to_string()).unwrap(), uri);
        assert_eq!(
            uri.with_object("web.new"),
            "pkcs11:token=My%20Token;object=web.new?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/etc/pin"
        );
        assert_eq!(
            Uri::parse("pkcs11:token=a;object=x;id=%01?module-path=/m&pin-source=file:/p")
                .unwrap()
                .token_part(),
            Uri::parse("pkcs11:token=a;object=y").unwrap().token_part()
        );
        assert_ne!(
            Uri::parse("pkcs11:token=a").unwrap().token_part(),
            Uri::parse("pkcs11:token=b").unwrap().token_part()
        );
        assert!(is_uri(Path::new("Pkcs11:object=x")));
        assert!(!is_uri(Path::new("./pkcs11:object=x")));
    }
}
