//! The lab's side of HTTP Digest authentication (RFC 7616, qop=auth): the challenge it sends
//! and the check of a client's answer. The `http-auth` crate answers challenges but has no
//! server side; this is the few lines a test server needs.

use std::sync::OnceLock;

/// The hash a Digest challenge names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    /// MD5 (RFC 2617's, and libest's estserver).
    Md5,
    /// SHA-256 (RFC 7616).
    Sha256,
}

impl DigestAlgorithm {
    /// The name in the `algorithm` parameter.
    pub fn name(self) -> &'static str {
        match self {
            DigestAlgorithm::Md5 => "MD5",
            DigestAlgorithm::Sha256 => "SHA-256",
        }
    }

    fn hash(self, data: &str) -> String {
        match self {
            DigestAlgorithm::Md5 => {
                use md5::Digest;
                crate::pki::hex(&md5::Md5::digest(data.as_bytes()))
            }
            DigestAlgorithm::Sha256 => {
                crate::pki::hex(&crate::pki::digest::Digest::Sha256.hash(data.as_bytes()))
            }
        }
    }
}

impl DigestAlgorithm {
    /// The names `--digest-algorithm` takes.
    pub const NAMES: [&str; 2] = ["sha-256", "md5"];
}

impl std::str::FromStr for DigestAlgorithm {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md5" => Ok(DigestAlgorithm::Md5),
            "sha-256" | "sha256" => Ok(DigestAlgorithm::Sha256),
            _ => Err(format!(
                "unknown Digest algorithm '{s}': use md5 or sha-256"
            )),
        }
    }
}

/// A user and password the lab accepts by Digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestLogin {
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
    /// The hash the challenge names.
    pub algorithm: DigestAlgorithm,
}

/// The nonce of this lab run.
fn nonce() -> &'static str {
    static NONCE: OnceLock<String> = OnceLock::new();
    NONCE.get_or_init(|| {
        crate::pki::random_bytes::<16>()
            .map(|b| crate::pki::hex(&b))
            .unwrap_or_else(|_| "certenroll-lab-nonce".into())
    })
}

impl DigestLogin {
    /// The `WWW-Authenticate` value of a 401.
    pub fn challenge(&self, realm: &str) -> String {
        format!(
            "Digest realm=\"{realm}\", qop=\"auth\", algorithm={}, nonce=\"{}\"",
            self.algorithm.name(),
            nonce()
        )
    }

    /// Whether `authorization` (the header's value) answers the challenge for `method` and
    /// `uri`; else why not.
    pub fn check(
        &self,
        authorization: Option<&str>,
        realm: &str,
        method: &str,
        uri: &str,
    ) -> Result<(), String> {
        let value = authorization.ok_or("no Authorization")?;
        let answer = http_auth::parse_challenges(value)
            .ok()
            .and_then(|all| all.into_iter().next())
            .filter(|c| c.scheme.eq_ignore_ascii_case("Digest"))
            .ok_or("not a Digest answer")?;
        let param = |name: &str| {
            answer
                .params
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.to_unescaped())
        };
        let field = |name: &str| param(name).ok_or(format!("no {name}"));
        if field("username")? != self.user {
            return Err("unknown user".into());
        }
        if field("realm")? != realm || field("nonce")? != nonce() || field("uri")? != uri {
            return Err("realm, nonce or uri do not match the challenge".into());
        }
        if param("algorithm").is_some_and(|a| !a.eq_ignore_ascii_case(self.algorithm.name())) {
            return Err("another algorithm than the challenge's".into());
        }
        if field("qop")? != "auth" {
            return Err("qop is not auth".into());
        }
        let h = |data: String| self.algorithm.hash(&data);
        let ha1 = h(format!("{}:{realm}:{}", self.user, self.password));
        let ha2 = h(format!("{method}:{uri}"));
        let expected = h(format!(
            "{ha1}:{}:{}:{}:auth:{ha2}",
            nonce(),
            field("nc")?,
            field("cnonce")?
        ));
        if field("response")? == expected {
            Ok(())
        } else {
            Err("wrong password".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_auth_answers_are_accepted_and_wrong_ones_refused() {
        for algorithm in [DigestAlgorithm::Md5, DigestAlgorithm::Sha256] {
            let login = DigestLogin {
                user: "dev".into(),
                password: "pw".into(),
                algorithm,
            };
            let answer = |password: &str| {
                http_auth::PasswordClient::try_from(login.challenge("lab").as_str())
                    .unwrap()
                    .respond(&http_auth::PasswordParams {
                        username: "dev",
                        password,
                        uri: "/.well-known/est/simpleenroll",
                        method: "POST",
                        body: Some(b""),
                    })
                    .unwrap()
            };
            let check = |value: &str| {
                login.check(Some(value), "lab", "POST", "/.well-known/est/simpleenroll")
            };
            assert_eq!(check(&answer("pw")), Ok(()), "{algorithm:?}");
            assert_eq!(check(&answer("nope")), Err("wrong password".into()));
            assert!(check("Basic ZGV2OnB3").is_err());
        }
    }
}
