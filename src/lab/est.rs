//! The lab's EST side (RFC 7030) under `/.well-known/est[/label]/`: cacerts, simpleenroll,
//! simplereenroll, serverkeygen and csrattrs, with HTTP Basic and client-certificate
//! authentication and the lab's fault injection (202 with Retry-After, HTTP errors, delays,
//! bodies that do not decode, certificates for another key). Served over TLS (`--tls`).

use crate::pki::Certificate;
use base64::Engine;
use der::{Decode, Encode};
use x509_cert::request::CertReq;

use super::http::{Request, Response};
use super::options::{EstEncoding, Fault, Quirk};
use super::scep::{Answer, Responder};
use crate::est::{WELL_KNOWN, encode_body, media, multipart};
use crate::pki::cert::name_to_string;
use crate::pki::key::PrivateKey;
use crate::pki::signed::degenerate;

/// The realm of the lab's Basic challenge.
pub const REALM: &str = "certenroll lab";

impl Responder {
    /// Answer a request under the well-known EST path.
    pub(super) fn handle_est(&self, request: &Request) -> Response {
        let rest = request.path[WELL_KNOWN.len().min(request.path.len())..].trim_matches('/');
        let parts: Vec<&str> = rest.split('/').collect();
        let (label, operation) = match parts.as_slice() {
            [operation] => (None, *operation),
            [label, operation] => (Some(*label), *operation),
            _ => return Response::text(404, "no such EST operation"),
        };
        let client = request
            .peer_certificates
            .first()
            .and_then(|der| Certificate::from_der(der).ok());
        tracing::info!(
            label = label.unwrap_or("-"),
            operation,
            client_cert = %client
                .as_ref()
                .map_or_else(|| "none".into(), |c| name_to_string(c.tbs_certificate().subject())),
            authorization = request
                .header("authorization")
                .and_then(|value| value.split_whitespace().next())
                .unwrap_or("none"),
            "EST"
        );
        match (request.method.as_str(), operation) {
            ("GET", "cacerts") if label.is_some() && self.options.has(Quirk::GlobalsignCacerts) => {
                Response::text(500, "Internal Server Error")
            }
            ("GET", "cacerts") => match degenerate(
                &self
                    .options
                    .est
                    .mitm_cacerts
                    .iter()
                    .chain(self.ca.est_certificates())
                    .collect::<Vec<_>>(),
            ) {
                Ok(der) => self.body(media::CERTS_ONLY, &der, "PKCS7"),
                Err(e) => Response::text(500, &e.to_string()),
            },
            ("GET", "csrattrs") => self.csrattrs(),
            ("POST", "simpleenroll" | "simplereenroll" | "serverkeygen") => {
                if let Err(refusal) = self.authorize(request, client.as_ref(), operation) {
                    return refusal;
                }
                self.enroll(request, client.as_ref(), operation)
            }
            (_, "cacerts" | "csrattrs" | "simpleenroll" | "simplereenroll" | "serverkeygen") => {
                Response::text(405, "method not allowed")
            }
            _ => Response::text(404, "no such EST operation"),
        }
    }

    /// A body in the configured encoding.
    fn body(&self, content_type: &str, der: &[u8], pem_label: &str) -> Response {
        match self.options.est.encoding {
            EstEncoding::Wrapped => Response::new(200, content_type, encode_body(der))
                .with_header("Content-Transfer-Encoding", "base64"),
            EstEncoding::Oneline => Response::new(
                200,
                content_type,
                base64::engine::general_purpose::STANDARD
                    .encode(der)
                    .into_bytes(),
            ),
            EstEncoding::Pem => Response::new(
                200,
                content_type,
                der::pem::encode_string(pem_label, der::pem::LineEnding::LF, der)
                    .unwrap_or_default()
                    .into_bytes(),
            ),
            EstEncoding::Der => Response::new(200, content_type, der.to_vec()),
        }
    }

    /// A 401 for `why`, challenging with the login the lab accepts (none when it accepts
    /// client certificates only).
    fn unauthorized(&self, why: &str) -> Response {
        tracing::info!("401: {why}");
        let est = &self.options.est;
        let challenge = match (&est.digest, &est.basic) {
            (Some(login), _) => login.challenge(REALM),
            (None, Some(_)) => format!("Basic realm=\"{REALM}\""),
            (None, None) => return Response::text(401, why),
        };
        Response::text(401, why).with_header("WWW-Authenticate", challenge)
    }

    /// Basic credentials or a client certificate from the lab CA (rustls checked the chain),
    /// both with --basic and --require-client-cert; a re-enrollment needs the certificate.
    fn authorize(
        &self,
        request: &Request,
        client: Option<&Certificate>,
        operation: &str,
    ) -> Result<(), Response> {
        let est = &self.options.est;
        if operation == "simplereenroll" && client.is_none() {
            return Err(self.unauthorized(
                "simplereenroll needs the current certificate as TLS client certificate",
            ));
        }
        let basic_ok = est.basic.as_ref().is_some_and(|(user, password)| {
            let expected = format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            );
            request.header("authorization") == Some(expected.as_str())
        });
        if est.client_cert_required && client.is_none() {
            return Err(self.unauthorized("a client certificate is required"));
        }
        if let Some(login) = &est.digest {
            let checked = login.check(
                request.header("authorization"),
                REALM,
                &request.method,
                &request.path,
            );
            return match checked {
                Ok(()) => Ok(()),
                Err(_) if client.is_some() && !est.client_cert_required => Ok(()),
                Err(why) => Err(self.unauthorized(&format!("Digest: {why}"))),
            };
        }
        let both = est.client_cert_required && est.basic.is_some();
        if est.basic.is_some() && !basic_ok && (client.is_none() || both) {
            return Err(
                self.unauthorized(if request.header("authorization").is_some() {
                    "wrong user name or password"
                } else {
                    "authentication required"
                }),
            );
        }
        Ok(())
    }

    fn csrattrs(&self) -> Response {
        use const_oid::db::rfc5912;
        // An RSA-3072 key with SHA-256, or an EC key on the asked curve (RFC 7030 4.5.2).
        let curve = self.options.est.csrattrs_curve.as_deref();
        let attrs = (|| -> der::Result<Vec<u8>> {
            let (algorithm, key_oid, value) = match curve {
                Some("p384") => (
                    rfc5912::ECDSA_WITH_SHA_384,
                    rfc5912::ID_EC_PUBLIC_KEY,
                    der::asn1::Any::encode_from(&rfc5912::SECP_384_R_1)?,
                ),
                Some(_) => (
                    rfc5912::ECDSA_WITH_SHA_256,
                    rfc5912::ID_EC_PUBLIC_KEY,
                    der::asn1::Any::encode_from(&rfc5912::SECP_256_R_1)?,
                ),
                None => (
                    rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
                    rfc5912::RSA_ENCRYPTION,
                    der::asn1::Any::encode_from(&3072u32)?,
                ),
            };
            let key = x509_cert::attr::Attribute {
                oid: key_oid,
                values: der::asn1::SetOfVec::try_from(vec![value])?,
            };
            let mut attrs = vec![
                der::asn1::Any::encode_from(&algorithm)?,
                der::asn1::Any::encode_from(&key)?,
            ];
            if self.options.has(Quirk::LampsCsrattrs) {
                attrs.extend(lamps_template()?);
            }
            attrs.to_der()
        })();
        match attrs {
            Ok(der) => {
                let mut response = self.body(media::CSRATTRS, &der, "CSRATTRS");
                if self.options.has(Quirk::LibestCsrattrs) {
                    response.body.push(0);
                }
                response
            }
            Err(e) => Response::text(500, &e.to_string()),
        }
    }

    fn enroll(&self, request: &Request, client: Option<&Certificate>, operation: &str) -> Response {
        let faulted = match self.inject(false) {
            Ok(faulted) => faulted,
            Err(response) => return response,
        };
        let csr = match crate::est::decode_body(&request.body, "request")
            .map_err(|e| e.to_string())
            .and_then(|der| CertReq::from_der(&der).map_err(|e| e.to_string()))
        {
            Ok(csr) => csr,
            Err(e) => return Response::text(400, &format!("not a base64 PKCS#10 request: {e}")),
        };
        if self.options.has(Quirk::LibestPop) {
            // libest compares the challengePassword with the TLS session's tls-unique.
            tracing::info!("libest-pop: the challengePassword is not this session's tls-unique");
            return Response::text(401, "Proof of Possession Mismatch.\n");
        }
        if !crate::pki::csr::signature_ok(&csr) {
            return Response::text(400, "the request's signature does not verify");
        }
        tracing::info!(
            operation,
            subject = %name_to_string(&csr.info.subject),
            challenge = crate::pki::csr::challenge_password(&csr).is_some(),
            content_type = request.header("content-type").unwrap_or("-"),
            cte = request.header("content-transfer-encoding").unwrap_or("-"),
            "certificate request"
        );
        if operation == "simplereenroll"
            && let Some(current) = client
            && current.tbs_certificate().subject() != &csr.info.subject
        {
            return Response::text(
                400,
                "the re-enrollment request's subject differs from the current certificate's",
            );
        }
        // serverkeygen: the lab makes the key, and the request's key is only its signature.
        let server_key = if operation == "serverkeygen" {
            match PrivateKey::generate_rsa(2048) {
                Ok(key) => Some(key),
                Err(e) => return Response::text(500, &e.to_string()),
            }
        } else {
            None
        };
        let mut to_issue = csr.clone();
        if let Some(key) = &server_key {
            match key.public_key_info() {
                Ok(spki) => to_issue.info.public_key = spki,
                Err(e) => return Response::text(500, &e.to_string()),
            }
        }
        // A retried request is the same request: it is known by its operation and public key
        // until its certificate is handed out.
        let id = format!(
            "{operation}-{}",
            crate::pki::hex(
                &crate::pki::digest::Digest::Sha256
                    .hash(&csr.info.public_key.to_der().unwrap_or_default()),
            )
        );
        let other_key = faulted && self.options.fault == Some(Fault::OtherKey);
        let issued = match self.issue_for(&to_issue, other_key) {
            Ok(cert) => cert,
            Err(e) => return Response::text(500, &e.to_string()),
        };
        let body = match self.pending_or_issue(&id, Some(issued), true) {
            Answer::Pending => {
                let retry_after = self
                    .options
                    .est
                    .retry_after
                    .clone()
                    .unwrap_or_else(|| "1".into());
                return Response::text(202, "accepted, not issued yet")
                    .with_header("Retry-After", retry_after);
            }
            Answer::Failure(info) => return Response::text(400, info.meaning()),
            Answer::Success(body) => body,
        };
        let body = if faulted && self.options.fault == Some(Fault::Truncated) {
            body[..body.len() / 2].to_vec()
        } else {
            body
        };
        match server_key {
            None => self.body(media::CERTS_ONLY, &body, "PKCS7"),
            Some(key) => {
                let key_der = if self.options.est.pkcs1_keys {
                    key.to_pkcs1_der()
                } else {
                    key.to_der()
                };
                let key_der = match key_der {
                    Ok(der) => der,
                    Err(e) => return Response::text(500, &e.to_string()),
                };
                let (content_type, body) = multipart::build(
                    "certenroll-lab-boundary",
                    &[
                        (media::PKCS8, &encode_body(&key_der)),
                        (media::CERTS_ONLY, &encode_body(&body)),
                    ],
                );
                Response::new(200, &content_type, body)
            }
        }
    }
}

/// What `--quirk lamps-csrattrs` adds to /csrattrs: an extensionRequest whose extensions carry
/// the values wanted (a SAN, key usages, an extended key usage), and a private OID under
/// 2.999 (legal, though const-oid cannot hold it).
fn lamps_template() -> der::Result<Vec<der::asn1::Any>> {
    use crate::pki::cert::extension;
    use const_oid::db::rfc5280;
    use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages};
    let failed = |_| der::Tag::Sequence.value_error();
    let sans = vec![
        "dns:device.example"
            .parse()
            .map_err(|_| der::Tag::Sequence.value_error())?,
    ];
    let extensions = vec![
        crate::pki::csr::san_extension(&sans, false).map_err(failed)?,
        extension(
            rfc5280::ID_CE_KEY_USAGE,
            true,
            &KeyUsage(KeyUsages::DigitalSignature | KeyUsages::KeyAgreement),
        )
        .map_err(failed)?,
        extension(
            rfc5280::ID_CE_EXT_KEY_USAGE,
            false,
            &ExtendedKeyUsage(vec![rfc5280::ID_KP_CLIENT_AUTH]),
        )
        .map_err(failed)?,
    ];
    let request = x509_cert::attr::Attribute {
        oid: const_oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14"),
        values: der::asn1::SetOfVec::try_from(vec![der::asn1::Any::encode_from(&extensions)?])?,
    };
    Ok(vec![
        der::asn1::Any::encode_from(&request)?,
        // 2.999.1
        der::asn1::Any::from_der(&[0x06, 0x03, 0x88, 0x37, 0x01])?,
    ])
}
