//! A private key object on a PKCS#11 token: found by its URI, generated there (sensitive, not
//! extractable), used to sign (RSA PKCS#1 v1.5 with the DigestInfo made here, ECDSA with the
//! hash made here) and to decrypt a SCEP reply's key-transport block (CKM_RSA_PKCS),
//! swapped for a renewal's new key by relabelling, with its certificate stored beside it on
//! request: the key never leaves the token. Each change to the token's objects is a kill point
//! of the crash tests (`crate::store::crash_point`).

use std::sync::Arc;

use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;
use der::{Decode, Encode};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use zeroize::Zeroizing;

use super::{Token, Uri, failed};
use crate::pki::digest::Digest;
use crate::pki::key::KeyKind;
use crate::{Error, Result};

/// The DER of the named curves' OIDs, as CKA_EC_PARAMS holds them.
const P256_PARAMS: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P384_PARAMS: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22];

/// A private key on a token, with its public half read once.
pub struct TokenKey {
    token: Arc<Token>,
    handle: ObjectHandle,
    public: SubjectPublicKeyInfoOwned,
    kind: KeyKind,
    /// CKA_EXTRACTABLE: the token would give the key out (wrapped).
    extractable: bool,
}

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenKey({})", self.describe_where())
    }
}

/// The private key objects `uri` names (by label and id; none named matches every key).
fn find_private(session: &Session, uri: &Uri) -> Result<Vec<ObjectHandle>> {
    let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
    if let Some(label) = &uri.object {
        template.push(Attribute::Label(label.as_bytes().to_vec()));
    }
    if let Some(id) = &uri.id {
        template.push(Attribute::Id(id.clone()));
    }
    session
        .find_objects(&template)
        .map_err(|e| failed("looking for the key on the token", e))
}

/// Every object (any class) labelled `label`.
fn labelled(session: &Session, label: &str) -> Result<Vec<ObjectHandle>> {
    session
        .find_objects(&[Attribute::Label(label.as_bytes().to_vec())])
        .map_err(|e| failed("looking for objects on the token", e))
}

fn attribute(session: &Session, handle: ObjectHandle, kind: AttributeType) -> Option<Attribute> {
    session
        .get_attributes(handle, &[kind])
        .ok()
        .and_then(|mut found| found.pop())
}

fn spki_failed(e: impl std::fmt::Display) -> Error {
    Error::Token(format!("reading the key's public half failed: {e}"))
}

/// The public key of the private key `handle`: RSA's modulus and exponent are attributes of
/// the private key; an EC key's point is on its public key object (`public` when known, else
/// the one with the same CKA_ID).
fn public_key(
    session: &Session,
    handle: ObjectHandle,
    public: Option<ObjectHandle>,
) -> Result<(SubjectPublicKeyInfoOwned, KeyKind)> {
    let key_type = match attribute(session, handle, AttributeType::KeyType) {
        Some(Attribute::KeyType(kind)) => kind,
        _ => return Err(Error::Token("the key object has no CKA_KEY_TYPE".into())),
    };
    if key_type == KeyType::RSA {
        let (Some(Attribute::Modulus(n)), Some(Attribute::PublicExponent(e))) = (
            attribute(session, handle, AttributeType::Modulus),
            attribute(session, handle, AttributeType::PublicExponent),
        ) else {
            return Err(Error::Token(
                "the RSA key object does not show its modulus and exponent".into(),
            ));
        };
        let n = strip_zeros(&n);
        let public = rsa::pkcs1::RsaPublicKey {
            modulus: der::asn1::UintRef::new(n).map_err(spki_failed)?,
            public_exponent: der::asn1::UintRef::new(strip_zeros(&e)).map_err(spki_failed)?,
        }
        .to_der()
        .map_err(spki_failed)?;
        let bits = n.len() * 8 - n.first().map_or(0, |b| b.leading_zeros() as usize);
        let spki = SubjectPublicKeyInfoOwned {
            algorithm: AlgorithmIdentifierOwned {
                oid: const_oid::db::rfc5912::RSA_ENCRYPTION,
                parameters: Some(der::asn1::Null.into()),
            },
            subject_public_key: der::asn1::BitString::from_bytes(&public).map_err(spki_failed)?,
        };
        return Ok((spki, KeyKind::Rsa(bits)));
    }
    if key_type != KeyType::EC {
        return Err(Error::Token(format!(
            "the key object is of type {key_type}: certenroll uses RSA and EC (P-256, P-384) keys"
        )));
    }
    let public = match public {
        Some(public) => public,
        None => {
            let id = id_of(session, handle).unwrap_or_default();
            let publics = session
                .find_objects(&[Attribute::Class(ObjectClass::PUBLIC_KEY), Attribute::Id(id)])
                .map_err(|e| failed("looking for the key's public half", e))?;
            *publics.first().ok_or_else(|| {
                Error::Token(
                    "the EC key has no public key object with the same CKA_ID on the token: certenroll needs it to build the request".into(),
                )
            })?
        }
    };
    let (Some(Attribute::EcParams(params)), Some(Attribute::EcPoint(point))) = (
        attribute(session, public, AttributeType::EcParams),
        attribute(session, public, AttributeType::EcPoint),
    ) else {
        return Err(Error::Token(
            "the EC public key object does not show its curve and point".into(),
        ));
    };
    let (kind, point_len) = match params.as_slice() {
        P256_PARAMS => (KeyKind::P256, 65),
        P384_PARAMS => (KeyKind::P384, 97),
        _ => {
            return Err(Error::Token(
                "the EC key is on a curve certenroll does not use (P-256 and P-384 only)".into(),
            ));
        }
    };
    // CKA_EC_POINT is a DER OCTET STRING; some modules give the bare point.
    let point = if point.len() == point_len && point[0] == 4 {
        point
    } else {
        der::asn1::OctetString::from_der(&point)
            .map_err(spki_failed)?
            .as_bytes()
            .to_vec()
    };
    let spki = SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned {
            oid: const_oid::db::rfc5912::ID_EC_PUBLIC_KEY,
            parameters: Some(der::Any::from_der(&params).map_err(spki_failed)?),
        },
        subject_public_key: der::asn1::BitString::from_bytes(&point).map_err(spki_failed)?,
    };
    Ok((spki, kind))
}

/// The token's ECDSA signature (r‖s) as the DER ECDSA-Sig-Value that X.509, CMS and TLS use.
fn ecdsa_der(kind: KeyKind, raw: &[u8]) -> Result<Vec<u8>> {
    let malformed = |e: signature::Error| {
        Error::Token(format!("the token's ECDSA signature is malformed: {e}"))
    };
    Ok(if kind == KeyKind::P384 {
        p384::ecdsa::Signature::from_slice(raw)
            .map_err(malformed)?
            .to_der()
            .as_bytes()
            .to_vec()
    } else {
        p256::ecdsa::Signature::from_slice(raw)
            .map_err(malformed)?
            .to_der()
            .as_bytes()
            .to_vec()
    })
}

fn id_of(session: &Session, handle: ObjectHandle) -> Option<Vec<u8>> {
    match attribute(session, handle, AttributeType::Id) {
        Some(Attribute::Id(id)) if !id.is_empty() => Some(id),
        _ => None,
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    &bytes[start..]
}

fn session(token: &Token) -> std::sync::MutexGuard<'_, Session> {
    token.session.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether the key `text` names is on its token (the token is opened and logged in to look).
pub fn exists(text: &str) -> Result<bool> {
    let uri = Uri::parse(text)?;
    let token = super::token(&uri)?;
    Ok(!find_private(&session(&token), &uri)?.is_empty())
}

impl TokenKey {
    /// The key `text` names: exactly one private key object must match.
    pub fn open(text: &str) -> Result<TokenKey> {
        let uri = Uri::parse(text)?;
        let token = super::token(&uri)?;
        let session = session(&token);
        let found = find_private(&session, &uri)?;
        let handle = match found.as_slice() {
            [one] => *one,
            [] => {
                return Err(Error::Token(format!(
                    "the token '{}' holds no private key {}: list its keys with `pkcs11-tool --module MODULE --login --list-objects --type privkey`, or give --out-key with this URI to generate one there",
                    token.label,
                    uri.object_name()
                )));
            }
            many => {
                return Err(Error::Token(format!(
                    "{} private keys on the token '{}' match {}: add id=… to the URI to name one",
                    many.len(),
                    token.label,
                    uri.object_name()
                )));
            }
        };
        let (public, kind) = public_key(&session, handle, None)?;
        let extractable = !matches!(
            attribute(&session, handle, AttributeType::Extractable),
            Some(Attribute::Extractable(false))
        );
        drop(session);
        Ok(TokenKey {
            token,
            handle,
            public,
            kind,
            extractable,
        })
    }

    /// Generate a key of `kind` on the token as the object `text` names (which must name a
    /// label that no key has yet): private, sensitive, not extractable; its CKA_ID is the
    /// SHA-1 of the public key (RFC 5280's key identifier, which tools match certificates by).
    pub fn generate(text: &str, kind: KeyKind) -> Result<TokenKey> {
        let uri = Uri::parse(text)?;
        let Some(label) = uri.object.clone() else {
            return Err(Error::Invalid(format!(
                "{}: name the new key with object=LABEL",
                crate::sanitize::escape_untrusted(text)
            )));
        };
        if uri.id.is_some() {
            return Err(Error::Invalid(format!(
                "{}: a new key's id is made from its public key; leave id= out",
                crate::sanitize::escape_untrusted(text)
            )));
        }
        let token = super::token(&uri)?;
        let session = session(&token);
        if !labelled(&session, &label)?.is_empty() {
            return Err(Error::Invalid(format!(
                "the token '{}' already holds an object labelled '{label}': enroll with it as --key {text}, or name the new key differently",
                token.label
            )));
        }
        // Both halves share a CKA_ID from the start (an EC key's public half is found by it);
        // it becomes the SHA-1 of the public key below, where the token allows.
        let first_id = session
            .generate_random_vec(16)
            .map_err(|e| failed("drawing a random id on the token", e))?;
        let common = |private: bool| {
            vec![
                Attribute::Token(true),
                Attribute::Label(label.as_bytes().to_vec()),
                Attribute::Id(first_id.clone()),
                Attribute::Private(private),
            ]
        };
        let mut public_template = common(false);
        let mut private_template = common(true);
        private_template.extend([
            Attribute::Sensitive(true),
            Attribute::Extractable(false),
            Attribute::Sign(true),
        ]);
        public_template.push(Attribute::Verify(true));
        let mechanism = match kind {
            KeyKind::Rsa(bits) => {
                public_template.extend([
                    Attribute::ModulusBits((bits as u64).into()),
                    Attribute::PublicExponent(vec![1, 0, 1]),
                    Attribute::Encrypt(true),
                ]);
                private_template.push(Attribute::Decrypt(true));
                Mechanism::RsaPkcsKeyPairGen
            }
            KeyKind::P256 | KeyKind::P384 => {
                let params = if kind == KeyKind::P256 {
                    P256_PARAMS
                } else {
                    P384_PARAMS
                };
                public_template.push(Attribute::EcParams(params.to_vec()));
                Mechanism::EccKeyPairGen
            }
        };
        crate::store::crash_point();
        let (public_handle, handle) = session
            .generate_key_pair(&mechanism, &public_template, &private_template)
            .map_err(|e| {
                failed(
                    &format!("generating the key on the token '{}'", token.label),
                    e,
                )
            })?;
        // The key identifier, set on both halves; a token that keeps CKA_ID read-only keeps
        // the random one.
        let made = (|| {
            let (public, kind) = public_key(&session, handle, Some(public_handle))?;
            let id = Digest::Sha1.hash(public.subject_public_key.raw_bytes());
            for object in [handle, public_handle] {
                let _ = session.update_attributes(object, &[Attribute::Id(id.to_vec())]);
            }
            Ok((public, kind))
        })();
        let (public, kind) = match made {
            Ok(made) => made,
            Err(err) => {
                // Nothing half-made stays on the token.
                let _ = session.destroy_object(handle);
                let _ = session.destroy_object(public_handle);
                return Err(err);
            }
        };
        drop(session);
        Ok(TokenKey {
            token,
            handle,
            public,
            kind,
            extractable: false,
        })
    }

    /// The key's public half.
    pub fn public_key_info(&self) -> &SubjectPublicKeyInfoOwned {
        &self.public
    }

    /// The key's kind.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// Where the key is, for people: "on token 'T', not extractable" (its label changes when
    /// a renewal's key is swapped in; the URI beside it says which it is).
    pub fn describe_where(&self) -> String {
        format!(
            "on token '{}', {}",
            self.token.label,
            if self.extractable {
                "extractable"
            } else {
                "not extractable"
            }
        )
    }

    /// Sign `data` over `digest`: RSA PKCS#1 v1.5 (the DigestInfo made here, signed with
    /// CKM_RSA_PKCS, which every module has) or ECDSA (CKM_ECDSA over the hash made here; the
    /// token's r‖s made DER).
    pub fn sign(&self, digest: Digest, data: &[u8]) -> Result<Vec<u8>> {
        let hashed = digest.hash(data);
        let session = session(&self.token);
        let signing = |input: &[u8], mechanism: Mechanism| {
            session.sign(&mechanism, self.handle, input).map_err(|e| {
                failed(
                    &format!("signing with the key on the token '{}'", self.token.label),
                    e,
                )
            })
        };
        match self.kind {
            KeyKind::Rsa(_) => {
                let mut info = crate::pki::key::digest_info_prefix(digest);
                info.extend_from_slice(&hashed);
                signing(&info, Mechanism::RsaPkcs)
            }
            KeyKind::P256 | KeyKind::P384 => {
                ecdsa_der(self.kind, &signing(&hashed, Mechanism::Ecdsa)?)
            }
        }
    }

    /// An RSASSA-PSS signature over `data` (TLS 1.3 takes no PKCS#1 v1.5 signature from an
    /// RSA client key): the hash made here, CKM_RSA_PKCS_PSS with MGF1 over the same hash and
    /// a salt as long as it (RFC 8446 4.2.3).
    pub fn sign_pss(&self, digest: Digest, data: &[u8]) -> Result<Vec<u8>> {
        use cryptoki::mechanism::MechanismType;
        use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
        let (hash_alg, mgf) = match digest {
            Digest::Sha256 => (MechanismType::SHA256, PkcsMgfType::MGF1_SHA256),
            Digest::Sha384 => (MechanismType::SHA384, PkcsMgfType::MGF1_SHA384),
            Digest::Sha512 => (MechanismType::SHA512, PkcsMgfType::MGF1_SHA512),
            Digest::Sha1 => (MechanismType::SHA1, PkcsMgfType::MGF1_SHA1),
        };
        let hashed = digest.hash(data);
        let params = PkcsPssParams {
            hash_alg,
            mgf,
            s_len: (hashed.len() as u64).into(),
        };
        session(&self.token)
            .sign(&Mechanism::RsaPkcsPss(params), self.handle, &hashed)
            .map_err(|e| {
                failed(
                    &format!("signing with the key on the token '{}'", self.token.label),
                    e,
                )
            })
    }

    /// Decrypt an RSA PKCS#1 v1.5 key-transport block on the token (CKM_RSA_PKCS).
    pub fn decrypt(&self, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let session = session(&self.token);
        match session.decrypt(&Mechanism::RsaPkcs, self.handle, ciphertext) {
            Ok(plain) => Ok(Zeroizing::new(plain)),
            Err(cryptoki::error::Error::Pkcs11(
                cryptoki::error::RvError::EncryptedDataInvalid
                | cryptoki::error::RvError::EncryptedDataLenRange,
                _,
            )) => Err(Error::Untrusted(
                "the reply's encrypted key does not decrypt with our private key".into(),
            )),
            Err(e) => Err(failed(
                &format!(
                    "decrypting with the key on the token '{}'",
                    self.token.label
                ),
                e,
            )),
        }
    }
}

/// Remove the key objects labelled as `text` names whose public key is `public` (a key this
/// run generated and the CA refused): nothing else is removed. Returns whether any was.
pub fn destroy(text: &str, public: &SubjectPublicKeyInfoOwned) -> Result<bool> {
    let uri = Uri::parse(text)?;
    let token = super::token(&uri)?;
    let session = session(&token);
    let Some(label) = &uri.object else {
        return Ok(false);
    };
    let mut removed = false;
    for handle in find_private(&session, &uri)? {
        if public_key(&session, handle, None).is_ok_and(|(spki, _)| spki == *public) {
            let id = id_of(&session, handle);
            for object in labelled(&session, label)? {
                if object == handle || (id.is_some() && id_of(&session, object) == id) {
                    crate::store::crash_point();
                    session
                        .destroy_object(object)
                        .map_err(|e| failed("removing the unused key from the token", e))?;
                    removed = true;
                }
            }
        }
    }
    Ok(removed)
}

/// Put the staged key (`staged`, a renewal's `LABEL.new`) in place of `target`'s: the objects
/// labelled as `target` are removed (or, with `keep_old`, relabelled `LABEL.prev`), then the
/// staged ones relabelled. Safe to repeat: once the staged label is gone, it is done.
pub fn replace(staged: &str, target: &str, keep_old: bool) -> Result<()> {
    let staged = Uri::parse(staged)?;
    let target = Uri::parse(target)?;
    let (Some(new_label), Some(label)) = (&staged.object, &target.object) else {
        return Err(Error::Invalid(
            "swapping keys on a token needs both named by object=LABEL".into(),
        ));
    };
    let token = super::token(&target)?;
    let session = session(&token);
    let new_objects = labelled(&session, new_label)?;
    if new_objects.is_empty() {
        return Ok(());
    }
    let relabel = |objects: &[ObjectHandle], to: &str| -> Result<()> {
        for &object in objects {
            crate::store::crash_point();
            session
                .update_attributes(object, &[Attribute::Label(to.as_bytes().to_vec())])
                .map_err(|e| failed("relabelling the key on the token", e))?;
        }
        Ok(())
    };
    // A swap killed half-way may have relabelled some of the new objects already: whatever
    // shares a CKA_ID with a staged object is the new key, never removed.
    let new_ids: Vec<Vec<u8>> = new_objects
        .iter()
        .filter_map(|&o| id_of(&session, o))
        .collect();
    let not_new = |objects: Vec<ObjectHandle>| -> Vec<ObjectHandle> {
        objects
            .into_iter()
            .filter(|&o| id_of(&session, o).is_none_or(|id| !new_ids.contains(&id)))
            .collect()
    };
    let old = not_new(labelled(&session, label)?);
    if !old.is_empty() {
        if keep_old {
            let prev = format!("{label}.prev");
            let old_ids: Vec<Vec<u8>> = old.iter().filter_map(|&o| id_of(&session, o)).collect();
            for object in not_new(labelled(&session, &prev)?) {
                if id_of(&session, object).is_none_or(|id| !old_ids.contains(&id)) {
                    crate::store::crash_point();
                    session
                        .destroy_object(object)
                        .map_err(|e| failed("removing the key before the previous one", e))?;
                }
            }
            relabel(&old, &prev)?;
        } else {
            for object in old {
                crate::store::crash_point();
                session
                    .destroy_object(object)
                    .map_err(|e| failed("removing the replaced key from the token", e))?;
            }
        }
    }
    relabel(&new_objects, label)
}

/// Put the certificate `cert` on the token beside the key `text` names, labelled and
/// identified as the key is (so that tools pair them), replacing the certificate objects
/// the key had. Safe to repeat.
pub fn store_certificate(text: &str, cert: &crate::pki::Certificate) -> Result<()> {
    let uri = Uri::parse(text)?;
    let token = super::token(&uri)?;
    let session = session(&token);
    let found = find_private(&session, &uri)?;
    let [key] = found.as_slice() else {
        return Err(Error::Token(format!(
            "the certificate was not stored on the token '{}': no single key {} there",
            token.label,
            uri.object_name()
        )));
    };
    let id = id_of(&session, *key).unwrap_or_default();
    let label = match attribute(&session, *key, AttributeType::Label) {
        Some(Attribute::Label(label)) => label,
        _ => uri.object.clone().unwrap_or_default().into_bytes(),
    };
    let tbs = cert.tbs_certificate();
    let encode = |e: der::Error| Error::Crypto(format!("encoding the certificate failed: {e}"));
    let value = cert.to_der().map_err(encode)?;
    // The key's certificate objects: those with its id, and those with its label.
    let mut old = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::Label(label.clone()),
        ])
        .map_err(|e| failed("looking for the key's certificate on the token", e))?;
    if !id.is_empty() {
        old.extend(
            session
                .find_objects(&[
                    Attribute::Class(ObjectClass::CERTIFICATE),
                    Attribute::Id(id.clone()),
                ])
                .map_err(|e| failed("looking for the key's certificate on the token", e))?,
        );
    }
    // Already there (a repeated step): nothing to do.
    let same = |o: &ObjectHandle| matches!(attribute(&session, *o, AttributeType::Value), Some(Attribute::Value(v)) if v == value);
    if old.iter().any(same) && old.len() == 1 {
        return Ok(());
    }
    crate::store::crash_point();
    session
        .create_object(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(cryptoki::object::CertificateType::X_509),
            Attribute::Token(true),
            Attribute::Private(false),
            Attribute::Label(label),
            Attribute::Id(id),
            Attribute::Subject(tbs.subject().to_der().map_err(encode)?),
            Attribute::Issuer(tbs.issuer().to_der().map_err(encode)?),
            Attribute::SerialNumber(tbs.serial_number().to_der().map_err(encode)?),
            Attribute::Value(value),
        ])
        .map_err(|e| {
            failed(
                &format!("storing the certificate on the token '{}'", token.label),
                e,
            )
        })?;
    // The new one is in place before the old ones go.
    let mut unique: Vec<ObjectHandle> = Vec::new();
    for object in old {
        if !unique.contains(&object) {
            unique.push(object);
        }
    }
    for object in unique {
        crate::store::crash_point();
        session
            .destroy_object(object)
            .map_err(|e| failed("removing the key's previous certificate from the token", e))?;
    }
    Ok(())
}
