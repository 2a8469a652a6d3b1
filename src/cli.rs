//! The command line, as clap sees it. No I/O here: the man page and completions are generated
//! from these definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use certenroll::choices::{Format, KeyType, MethodChoice, ProtocolChoice, RenewalChoice};

/// The exit-code, failInfo and environment tables shown after every command's long help.
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0  done: issued and installed, or the query answered
  1  anything not below (a bug, an unexpected state)
  2  usage or configuration error
  3  pending: the CA accepted the request but has not issued yet
  4  rejected by the CA: SCEP FAILURE (failInfo shown), EST HTTP 401 (realm shown);
     ocsp: the certificate is revoked, or unknown to the responder
  5  communication failure: DNS, connect, TLS, timeout, HTTP 5xx or unexpected HTTP
  6  local failure: key/cert files, permissions
  7  reply not trustworthy: bad signature, nonce or transaction mismatch,
     certificate not for our key, CA fingerprint mismatch, an OCSP response or CRL
     that does not verify (or an OCSP responder that answers no status)
  130, 143, 129  interrupted by Ctrl-C (SIGINT), SIGTERM or SIGHUP: a file write under way
     is finished first, no partial file is left; a pending request stays saved

SCEP failInfo codes:
  0  badAlg           unrecognized or unsupported algorithm
  1  badMessageCheck  integrity check (signature of the CMS message) failed
  2  badRequest       transaction not permitted or not supported
  3  badTime          signingTime was not close enough to the CA's clock
  4  badCertId        no certificate could be identified matching the criteria

Environment:
  CERTENROLL_URL        default for --url
  CERTENROLL_CHALLENGE  the challenge password (safer than --challenge)
  CERTENROLL_STATE_DIR  default for --state-dir
  CERTENROLL_PROFILE    default for --profile
  CERTENROLL_CONFIG     default for --config
  CERTENROLL_CA_FILE    default for --ca-file (HTTPS trust anchors)
  CERTENROLL_DEADLINE   default for --deadline
  CERTENROLL_PKCS11_MODULE  default for --pkcs11-module (keys named by pkcs11: URIs)
  CERTENROLL_PKCS11_PIN     the token's user PIN, when no --pin-file names it
  NO_COLOR              no colors (unless --color always)
  HTTP_PROXY, HTTPS_PROXY, NO_PROXY  proxy settings

Files:
  /etc/certenroll/config.toml (root), ~/.config/certenroll/config.toml   profiles
  /var/lib/certenroll (root), ~/.local/share/certenroll   state directory:
    history.json     the last 20 results
    pending/*.json   requests the CA has not decided yet (no secrets)
    managed/*.json   the certificates certenroll manages (certenroll list)
    owed/*.json      what an install still owes (swap, bundle, hook) until it is done
    made/*.id        a first enrollment's new key, until it has its certificate
    locks/*.lock     one run per profile; holds the running PID
  (refused when another user owns it or others can write it)
  KEY.new, KEY.prev, CERT.prev   a renewal's staged key, and the replaced pair
    (on a token: the key objects labelled NAME.new and NAME.prev)
  .KEY.lock        beside each key: one run at a time on that key, whatever the profile"
    };
}

const EXIT_CODES: &str = exit_codes!();

const MAIN_HELP: &str = concat!(
    "\
Examples:
  # What the server supports, and its CA (pin the fingerprint getcacert shows):
  certenroll getcacaps --url http://ca.example.com/scep
  certenroll getcacert --url http://ca.example.com/scep

  # Enroll: a new key, the challenge from a file, the CA pinned:
  certenroll enroll --url http://ca.example.com/scep --fingerprint SHA256 \\
      --cn printer-42.example.net --challenge-file /etc/certenroll/challenge \\
      --out-key printer.key --out-cert printer.pem

  # Keep the settings in a profile, renew from a timer, ask what is wrong:
  certenroll config init
  certenroll --profile printer renew
  certenroll --profile printer doctor

",
    exit_codes!()
);

const CONFIG_HELP: &str = concat!(
    r#"The configuration file (TOML) holds named profiles; every key is optional and command-line
flags override it. `certenroll --profile NAME enroll` then needs no other flag.

  [profile.printer]
  url = "http://ca.example.com/scep"        # SCEP URL
  fingerprint = "15B9...71D1"               # pinned CA SHA-256 fingerprint
  ca_ident = "..."                          # GetCACert CA identifier
  ca_cert = "/etc/certenroll/ca.pem"        # CA/RA certificates from a file
  protocol = "scep"                         # or "est" (the default for /.well-known/est URLs)
  label = "phones"                          # EST CA label
  ca_file = "/etc/certenroll/tls-ca.pem"    # HTTPS trust anchors (or system_roots = true)
  username = "printer-42"                   # EST HTTP Basic user...
  password_file = "/etc/certenroll/printer-42.pass"   # ...its password (or password_env)
  client_cert = "/etc/certenroll/idevid.pem"   # EST TLS client certificate
  client_key = "/etc/certenroll/idevid.key"
  timeout = 60                              # seconds per phase of an HTTP exchange
  key = "/etc/ssl/private/printer.key"      # used if it exists, generated there if not
                                            # (or "pkcs11:token=T;object=NAME": on a token)
  pkcs11_module = "/usr/lib/softhsm/libsofthsm2.so"   # the token's PKCS#11 module
  pin_file = "/etc/certenroll/token.pin"    # the token's user PIN (first line)
  cert_to_token = true                      # also put the certificate on the token
  cert = "/etc/ssl/certs/printer.pem"
  chain = "/etc/ssl/certs/printer-chain.pem"
  format = "pem"                            # or "der"
  p12 = "/etc/ssl/private/printer.p12"      # also a PKCS#12 bundle (mode 0600)
  p12_passphrase_file = "/etc/certenroll/printer.p12pass"   # or p12_passphrase_env
  key_type = "rsa"                          # or "p256", "p384" (EST)
  key_bits = 2048                           # 2048, 3072 or 4096
  digest = "sha256"                         # sha1, sha256, sha512
  cipher = "aes128"                         # aes128, aes192, aes256, des3, des
  method = "auto"                           # auto, get, post
  require_caps = true                       # refuse weak fallbacks when GetCACaps is missing
  cn = "printer-42.example.net"             # or subject = "CN=...,O=..."
  organization = ["Example"]
  ou = ["Printers"]
  locality = "Berlin"
  state = "Berlin"
  country = "DE"
  email = "ops@example.net"
  san = ["dns:printer-42.example.net", "ip:192.0.2.42"]
  key_usage = "digitalSignature,keyEncipherment"
  eku = "serverAuth,clientAuth"
  challenge_file = "/etc/certenroll/printer.challenge"   # or challenge_env = "VAR"
  poll_interval = 30
  poll_count = 10
  retry_on_error = true
  jitter = "1..600"
  renew_at = "66%"                          # renew once this share of the lifetime passed
  renew_before = "30d"                      # ...or this close to expiry
  renewal = "auto"                          # auto, renewalreq, pkcsreq
  reuse_key = false
  keep_old = true                           # keep KEY.prev and CERT.prev
  deploy_hook = "systemctl reload nginx"    # run after a new certificate is installed
  pre_hook = "..."                          # before a renewal request is sent
  post_hook = "..."                         # after every renewal request (with deploy_hook
                                            # beside it; alone, the old name of deploy_hook)
  ocsp_file = "/etc/ssl/certs/printer.ocsp" # a verified OCSP response to staple, kept fresh
  check_revocation = true                   # renew a revoked certificate at once

Secrets never go into the file: the challenge comes from challenge_file or challenge_env,
the PKCS#12 passphrase from p12_passphrase_file or p12_passphrase_env, the EST password from
password_file or password_env.

"#,
    exit_codes!()
);

const RENEW_HELP: &str = concat!(
    "\
Due: once --renew-at of the lifetime has passed (default 66%), or within --renew-before of
expiry, or when the pinned --fingerprint is not the CA of the --chain file (the CA changed),
when the certificate's OCSP responder or CRL says it was revoked (asked on every run when
the certificate names one and --chain gives its CA; --no-revocation-check: not asked), or
with --force. Not due: exit 0, nothing sent to the CA. With a profile and no certificate
installed yet, renew enrolls. The current key and
certificate stay in place until the new certificate is verified; the new key waits beside
the current one as KEY.new. A run killed between installing the certificate and the key is
finished by the next run.

Examples:
  # From a daily timer: renew when due, reload the web server afterwards:
  certenroll --profile web renew --jitter 1..600 --deploy-hook 'systemctl reload nginx'

  # Every profile of the configuration file:
  certenroll renew --all

",
    exit_codes!()
);

const OCSP_HELP: &str = concat!(
    "\
Asks the OCSP responder the certificate names (Authority Information Access) or --responder,
with a nonce, and verifies the answer: signed by the CA or by a responder certificate the CA
issued for OCSP signing, about this certificate, current (thisUpdate and nextUpdate within
--max-skew), the nonce echoed when the responder returns one. When the certificate names no
responder, or the responder cannot be reached, the CRL of its distribution point is fetched
and verified instead (--crl: only the CRL); a certificate that names neither is checked with
the CRL of its SCEP server (GetCRL at --url, or the profile's url).

With --out (or a profile's ocsp_file) a response that verifies and says good is written
there (DER, atomically) for a TLS server to staple: nginx ssl_stapling_file, HAProxy's
CERT.ocsp. `certenroll renew` keeps a profile's ocsp_file fresh: it asks again once half of
the response's validity has passed, and runs the deploy hook after writing a new one.

Examples:
  # Is it still good? (exit 0 good, 4 revoked or unknown)
  certenroll ocsp --cert /etc/ssl/certs/web.pem --chain /etc/ssl/certs/web-chain.pem

  # A staple file for nginx (ssl_stapling on; ssl_stapling_file /etc/ssl/web.ocsp;):
  certenroll ocsp --cert web.pem --chain web-chain.pem --out /etc/ssl/web.ocsp

",
    exit_codes!()
);

const POLL_HELP: &str = concat!(
    "\
Examples:
  # From cron or a systemd timer: spread the fleet over 10 minutes, one poll per run:
  certenroll poll --jitter 1..600 --poll-count 1 --retry-on-error

  # At a terminal: watch one request until the CA decides:
  certenroll poll --transaction 3F2A... --poll-interval 10 --poll-count 60

",
    exit_codes!()
);

const LIST_HELP: &str = concat!(
    "\
States:
  success     installed; days left and when renewal is due
  error       the last attempt failed (the reason is shown); the certificate stays
  missing     the certificate file is gone; replaced: it is not the one certenroll installed
  waiting     a pending request; the next attempt is scheduled (`certenroll poll`)
  processing  a run is working on it now (its lock is held)
  cancelled   a pending request left alone until `certenroll pending resume`

",
    exit_codes!()
);

const PENDING_HELP: &str = concat!(
    "\
Examples:
  certenroll list                          # the requests and their transaction IDs
  certenroll pending show 3F2A             # a unique prefix is enough
  certenroll pending merge 3F2A --cert issued-by-hand.pem
  certenroll pending delete 3F2A           # forget it, and the key made for it

",
    exit_codes!()
);

const PKCS12_HELP: &str = concat!(
    "\
Examples:
  # For a printer's web UI (asks for the passphrase on a terminal):
  certenroll pkcs12 --key printer.key --cert printer.pem --chain chain.pem --out-p12 printer.p12

  # Unattended, the passphrase from a file:
  certenroll pkcs12 --key dev.key --cert dev.pem --out-p12 dev.p12 \\
      --p12-passphrase-file /etc/certenroll/p12.pass

  # Check it with OpenSSL:
  openssl pkcs12 -info -in printer.p12 -noout

",
    exit_codes!()
);

const SERVERKEYGEN_HELP: &str = concat!(
    "\
The request carries the subject and extensions; its key is a throwaway the server ignores.
The key the server generates comes back over TLS (PKCS#8 or PKCS#1) and is written to
--out-key with mode 0600, then the certificate.

Examples:
  certenroll serverkeygen --url https://est.example.com/.well-known/est --ca-file est-ca.pem \\
      --username dev7 --password-file /etc/certenroll/dev7.pass \\
      --cn dev7.example.net --out-key dev7.key --out-cert dev7.pem

",
    exit_codes!()
);

const ENROLL_HELP: &str = concat!(
    "\
Examples:
  # New RSA-2048 key, CA pinned, challenge from a file:
  certenroll enroll --url http://ca.example.com/scep --fingerprint SHA256 \\
      --cn printer-42.example.net --san dns:printer-42.example.net,ip:192.0.2.42 \\
      --challenge-file /etc/ssl/scep/challenge \\
      --out-key printer.key --out-cert printer.pem --out-chain chain.pem

  # Enroll an existing key, DER output, JSON result for a script:
  CERTENROLL_CHALLENGE=... certenroll enroll --json --url http://ca/scep --cn dev-7 \\
      --key dev-7.key --out-cert dev-7.der --format der

",
    exit_codes!()
);

/// SCEP and EST certificate enrollment for devices, printers and servers.
///
/// certenroll fetches a CA's certificates and capabilities, generates a key, sends a
/// certificate request (with a challenge password for SCEP, an HTTP login or a client
/// certificate for EST), verifies the CA's reply and installs key, certificate and chain
/// safely.
#[derive(Debug, Parser)]
#[command(
    name = "certenroll",
    version,
    after_long_help = MAIN_HELP,
    propagate_version = true,
    args_override_self = true
)]
pub struct Cli {
    /// Options for every command.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,

    /// What the person typed (the rest came from a profile or the defaults).
    #[arg(skip)]
    pub typed: Typed,
}

/// The ids of the settings the person typed on the command line.
#[derive(Debug, Clone, Default)]
pub struct Typed(std::collections::BTreeSet<String>);

impl Typed {
    /// What was typed, from the parsed command line.
    pub fn of(matches: &clap::ArgMatches) -> Self {
        let mut typed = std::collections::BTreeSet::new();
        let mut level = Some(matches);
        while let Some(m) = level {
            for id in m.ids() {
                if m.value_source(id.as_str()) == Some(clap::parser::ValueSource::CommandLine) {
                    typed.insert(id.as_str().to_string());
                }
            }
            level = m.subcommand().map(|(_, sub)| sub);
        }
        Typed(typed)
    }

    /// Whether any of `ids` was typed.
    pub fn any(&self, ids: &[&str]) -> bool {
        ids.iter().any(|id| self.0.contains(*id))
    }

    /// Set `field` to the profile's `value` unless the person typed `id`.
    pub fn fill<T>(&self, id: &str, field: &mut T, value: Option<T>) {
        if let Some(value) = value.filter(|_| !self.any(&[id])) {
            *field = value;
        }
    }
}

/// Options that every command takes.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Print the result as one JSON object on stdout.
    ///
    /// Errors are printed as a JSON object too, with "status": "error", the exit code and
    /// the message. Diagnostics still go to stderr.
    #[arg(long, global = true)]
    pub json: bool,

    /// Show more of what happens, on stderr (-v steps, -vv protocol detail).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Print nothing but errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    pub color: ColorChoice,

    /// Use this profile of the configuration file; flags given here override it.
    #[arg(long, global = true, env = "CERTENROLL_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// The configuration file.
    ///
    /// Default: /etc/certenroll/config.toml for root, else ~/.config/certenroll/config.toml.
    #[arg(long, global = true, env = "CERTENROLL_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where pending requests and the history are kept.
    ///
    /// Default: /var/lib/certenroll for root, else ~/.local/share/certenroll.
    #[arg(long, global = true, env = "CERTENROLL_STATE_DIR", value_name = "DIR")]
    pub state_dir: Option<PathBuf>,

    /// How long to wait for another run on the same profile to finish before giving up
    /// (exit 6), in seconds.
    #[arg(long, global = true, value_name = "SECS", default_value_t = 30)]
    pub lock_wait: u64,

    /// Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or
    /// PKCS#7), instead of the built-in Mozilla roots.
    #[arg(
        long,
        global = true,
        env = "CERTENROLL_CA_FILE",
        value_name = "FILE",
        conflicts_with = "system_roots"
    )]
    pub ca_file: Option<PathBuf>,

    /// Trust HTTPS servers whose certificate chains to the operating system's trusted CAs
    /// (/etc/ssl/certs), instead of the built-in Mozilla roots.
    #[arg(long, global = true)]
    pub system_roots: bool,

    /// Limit for each phase of an HTTP exchange (sending the request, waiting for the reply,
    /// receiving it), in seconds; connecting is limited to 15 s, or less when this is lower.
    #[arg(long, global = true, value_name = "SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key,
    /// --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so.
    #[arg(
        long,
        global = true,
        env = "CERTENROLL_PKCS11_MODULE",
        value_name = "PATH"
    )]
    pub pkcs11_module: Option<PathBuf>,

    /// A file whose first line is the PKCS#11 token's PIN (else CERTENROLL_PKCS11_PIN, else
    /// a hidden prompt on a terminal; never on the command line).
    #[arg(long, global = true, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,

    /// Stop a run that is still going after this many seconds (exit 5), so that a hung
    /// server never holds the lock for good. Default: an hour plus the run's own waits (the
    /// longest --jitter and the polls); 0: no deadline.
    #[arg(long, global = true, env = "CERTENROLL_DEADLINE", value_name = "SECS")]
    pub deadline: Option<u64>,
}

/// When to use colors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set to a non-empty value.
    #[default]
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what a SCEP server supports (GetCACaps).
    #[command(after_long_help = EXIT_CODES, args_override_self = true)]
    Getcacaps(GetcacapsArgs),
    /// Fetch and show the CA (and RA) certificates (SCEP GetCACert, EST /cacerts).
    #[command(after_long_help = EXIT_CODES, args_override_self = true)]
    Getcacert(GetcacertArgs),
    /// Generate a key, request a certificate and install it.
    #[command(after_long_help = ENROLL_HELP, args_override_self = true)]
    Enroll(Box<EnrollArgs>),
    /// EST: the CSR attributes the server asks for (/csrattrs), decoded.
    #[command(after_long_help = EXIT_CODES, args_override_self = true)]
    Csrattrs(CsrattrsArgs),
    /// EST: have the server generate the key (/serverkeygen) and install key and certificate.
    #[command(after_long_help = SERVERKEYGEN_HELP, args_override_self = true)]
    Serverkeygen(Box<EnrollArgs>),
    /// Renew a certificate when it is due: new key, request signed with the current
    /// certificate, swap only once the new one is verified.
    #[command(after_long_help = RENEW_HELP, args_override_self = true)]
    Renew(Box<RenewArgs>),
    /// Ask the CA again about pending requests (SCEP CertPoll, EST: the request again), and
    /// install what was issued.
    #[command(after_long_help = POLL_HELP, args_override_self = true)]
    Poll(PollArgs),
    /// Fetch an issued certificate by serial number (GetCert).
    #[command(after_long_help = EXIT_CODES, args_override_self = true)]
    Getcert(GetcertArgs),
    /// Fetch the CA's certificate revocation list (GetCRL).
    #[command(after_long_help = EXIT_CODES, args_override_self = true)]
    Getcrl(GetcrlArgs),
    /// Check whether a certificate is revoked (OCSP, or the CRL), and keep a verified OCSP
    /// response for stapling.
    #[command(after_long_help = OCSP_HELP, args_override_self = true)]
    Ocsp(OcspArgs),
    /// Show the last 20 results (newest last), as a device's status page does.
    #[command(after_long_help = EXIT_CODES)]
    History,
    /// The certificates certenroll manages and the pending requests, each with its state
    /// and next step.
    #[command(visible_alias = "status", after_long_help = LIST_HELP)]
    List,
    /// Act on a request the CA has not decided yet: show, cancel, resume, delete, or finish
    /// it with a certificate issued by hand.
    #[command(subcommand, after_long_help = PENDING_HELP)]
    Pending(PendingCommand),
    /// Bundle a key, its certificate and the CA chain into a PKCS#12 file.
    #[command(after_long_help = PKCS12_HELP, args_override_self = true)]
    Pkcs12(Pkcs12Args),
    /// Check, step by step, why a device can or cannot enroll, and say how to fix it.
    #[command(after_long_help = EXIT_CODES, args_override_self = true)]
    Doctor(DoctorArgs),
    /// Show, check, export and import the configuration file's profiles.
    #[command(subcommand, after_long_help = CONFIG_HELP)]
    Config(ConfigCommand),
    /// The embedded test responder (a throwaway CA for SCEP, and EST over TLS, with fault
    /// injection).
    #[command(subcommand)]
    Lab(LabCommand),
    /// Write the man pages and shell completions (for packagers and the project's CI).
    #[command(hide = true)]
    Generate(GenerateArgs),
}

/// Where the server is.
#[derive(Debug, Clone, Args)]
pub struct ServerArgs {
    /// The server's URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll;
    /// EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with
    /// --protocol est)
    #[arg(long, env = "CERTENROLL_URL", value_name = "URL")]
    pub url: String,

    /// CA identifier sent with GetCACert, for servers that host several CAs.
    #[arg(long, value_name = "NAME")]
    pub ca_ident: Option<String>,

    /// The protocol and the EST label.
    #[command(flatten)]
    pub via: ProtocolArgs,
}

impl ServerArgs {
    /// The protocol asked for, or the URL's.
    pub fn protocol(&self) -> ProtocolChoice {
        self.via.of(&self.url)
    }
}

/// Which protocol, and for EST which CA label: shared by the verbs that talk to a server.
#[derive(Debug, Clone, Default, Args)]
pub struct ProtocolArgs {
    /// The protocol (default: est when the URL holds /.well-known/est, else scep).
    #[arg(long = "protocol", value_enum, value_name = "PROTOCOL")]
    pub choice: Option<ProtocolChoice>,

    /// EST: the CA label (https://HOST/.well-known/est/LABEL/...).
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,
}

impl ProtocolArgs {
    /// The protocol asked for, or the one `url` implies.
    pub fn of(&self, url: &str) -> ProtocolChoice {
        self.choice.unwrap_or(if certenroll::est::is_est_url(url) {
            ProtocolChoice::Est
        } else {
            ProtocolChoice::Scep
        })
    }
}

/// How an EST client authenticates: HTTP Basic, a TLS client certificate, or both.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "EST authentication")]
pub struct EstAuthArgs {
    /// EST: the HTTP Basic user name.
    #[arg(long, value_name = "USER")]
    pub username: Option<String>,

    /// EST: read the HTTP password from this file (first line); without it and
    /// --password-env, a terminal asks.
    #[arg(
        long,
        value_name = "FILE",
        requires = "username",
        conflicts_with = "password_env"
    )]
    pub password_file: Option<PathBuf>,

    /// EST: read the HTTP password from this environment variable.
    #[arg(long, value_name = "VAR", requires = "username")]
    pub password_env: Option<String>,

    /// EST: authenticate the TLS connection with this certificate (PEM; its chain may follow).
    #[arg(long, value_name = "FILE", requires = "client_key")]
    pub client_cert: Option<PathBuf>,

    /// EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token).
    #[arg(long, value_name = "FILE", requires = "client_cert")]
    pub client_key: Option<PathBuf>,
}

impl EstAuthArgs {
    /// EST credentials for a SCEP run would be dropped without a word: refuse them, saying how
    /// to ask for EST.
    pub fn only_for_est(&self, protocol: ProtocolChoice) -> Result<(), certenroll::Error> {
        let given = [
            (self.username.is_some(), "--username"),
            (self.password_file.is_some(), "--password-file"),
            (self.password_env.is_some(), "--password-env"),
            (self.client_cert.is_some(), "--client-cert"),
            (self.client_key.is_some(), "--client-key"),
        ];
        match given.iter().find(|(set, _)| *set) {
            Some((_, flag)) if protocol == ProtocolChoice::Scep => {
                Err(certenroll::Error::Invalid(format!(
                    "{flag} is an EST option, but this runs SCEP (the URL has no /.well-known/est): add --protocol est, or give https://HOST/.well-known/est"
                )))
            }
            _ => Ok(()),
        }
    }
}

/// Arguments of `csrattrs`.
#[derive(Debug, Args)]
pub struct CsrattrsArgs {
    /// The server.
    #[command(flatten)]
    pub server: ServerArgs,

    /// Authentication.
    #[command(flatten)]
    pub auth: EstAuthArgs,
}

/// Arguments of `getcacaps`.
#[derive(Debug, Args)]
pub struct GetcacapsArgs {
    /// The server.
    #[command(flatten)]
    pub server: ServerArgs,
}

/// The CA's fingerprint, pinned: one flag for every command that talks to a CA.
#[derive(Debug, Clone, Default, Args)]
pub struct PinArgs {
    /// Expected SHA-256 fingerprint of the CA certificate (or of a CA above it).
    ///
    /// Hex, colons optional. On mismatch nothing is written and the exit code is 7. Over EST
    /// it also lets certenroll trust an unknown server on first contact (RFC 7030 4.1.1).
    #[arg(long, value_name = "SHA256")]
    pub fingerprint: Option<String>,
}

/// Arguments of `getcacert`.
#[derive(Debug, Args)]
pub struct GetcacertArgs {
    /// The server.
    #[command(flatten)]
    pub server: ServerArgs,

    /// Write the certificates here.
    ///
    /// A directory gets ca.pem (the issuing CA), chain.pem (the CA and its issuers) and
    /// ra-1.pem, ra-2.pem... for RA certificates. Any other path gets all certificates in one
    /// file.
    #[arg(long, value_name = "DIR|FILE")]
    pub out: Option<PathBuf>,

    /// The CA's pinned fingerprint.
    #[command(flatten)]
    pub pin: PinArgs,

    /// Encoding of written files.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Also show the successor the CA announces before a rollover (SCEP: GetNextCACert, when
    /// the server lists it, verified as signed by the current CA; EST: NewWithNew of
    /// /cacerts). With --out DIR it is written to DIR/next-ca.pem.
    #[arg(long)]
    pub next: bool,
}

/// Arguments of `enroll`.
#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("name").required(true).args(["cn", "subject", "csr"])))]
#[command(group(clap::ArgGroup::new("key_source").required(true).multiple(true).args(["out_key", "key", "csr"])))]
pub struct EnrollArgs {
    /// The server.
    #[command(flatten)]
    pub server: ServerArgs,

    /// Common name (CN) of the subject.
    #[arg(long, value_name = "NAME")]
    pub cn: Option<String>,

    /// Organization (O); may be repeated.
    #[arg(long = "org", visible_alias = "o", value_name = "ORG")]
    pub organization: Vec<String>,

    /// Organizational unit (OU); may be repeated.
    #[arg(long, value_name = "UNIT")]
    pub ou: Vec<String>,

    /// Locality (L).
    #[arg(long = "locality", visible_alias = "l", value_name = "CITY")]
    pub locality: Option<String>,

    /// State or province (ST).
    #[arg(long = "state", visible_alias = "st", value_name = "STATE")]
    pub state: Option<String>,

    /// Country (C), a two-letter code.
    #[arg(long = "country", visible_alias = "c", value_name = "CC")]
    pub country: Option<String>,

    /// E-mail address in the subject (emailAddress).
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,

    /// The whole subject as one RFC 4514 string, e.g. "CN=printer-7,O=Example,C=DE".
    #[arg(long, value_name = "DN", conflicts_with_all = ["cn", "organization", "ou", "locality", "state", "country", "email"])]
    pub subject: Option<String>,

    /// Subject alternative names: dns:NAME, ip:ADDRESS, email:ADDRESS, uri:URI.
    ///
    /// Repeat the flag or separate with commas.
    #[arg(long, value_name = "TYPE:VALUE", value_delimiter = ',')]
    pub san: Vec<String>,

    /// Key usage to request, comma-separated, or "none".
    ///
    /// Names: digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment,
    /// keyAgreement.
    #[arg(
        long,
        value_name = "LIST",
        default_value = "digitalSignature,keyEncipherment"
    )]
    pub key_usage: String,

    /// Extended key usage to request, comma-separated names or OIDs.
    ///
    /// Names: serverAuth, clientAuth, codeSigning, emailProtection, timeStamping,
    /// OCSPSigning, ipsecIKE (alias ipsec), ipsecEndSystem, ipsecTunnel, ipsecUser,
    /// smartcardLogon.
    #[arg(long, value_name = "LIST")]
    pub eku: Option<String>,

    /// A request made elsewhere (PKCS#10, PEM or DER), sent as it is: the certificate is for
    /// its key, which certenroll never sees (an RA or proxy enrolling its devices' requests).
    /// Its signature is checked first. Over SCEP, --key is the key that signs the SCEP
    /// messages and receives the reply (an RA's); over EST the request needs no other key.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["out_key", "key_type", "cn", "subject", "organization", "ou", "locality", "state", "country", "email", "san", "eku", "challenge_file", "challenge", "challenge_env"])]
    pub csr: Option<PathBuf>,

    /// Use this existing private key (PEM or DER, PKCS#8 or PKCS#1, or a pkcs11: URI naming
    /// a key on a token) instead of generating one.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["out_key", "key_bits"])]
    pub key: Option<PathBuf>,

    /// Type of key to generate: rsa (the default, and what SCEP needs), p256 or p384 (EST;
    /// without this flag an EST server's CSR attributes may ask for one).
    #[arg(long, value_enum, value_name = "TYPE")]
    pub key_type: Option<KeyType>,

    /// Size of the RSA key to generate.
    #[arg(long, value_name = "BITS", default_value_t = 2048,
          value_parser = parse_key_bits)]
    pub key_bits: usize,

    /// Where to write the generated key (mode 0600, written before the request is sent), or
    /// a pkcs11: URI (RFC 7512) naming the token and label to generate it on.
    #[arg(long, value_name = "FILE")]
    pub out_key: Option<PathBuf>,

    /// The profile's `key` is a key on a token: used when the token has it, generated there
    /// when not (a file is told apart when the profile is read; a token needs its PIN).
    #[arg(skip)]
    pub out_key_may_exist: bool,

    /// Where to write the issued certificate.
    #[arg(long, value_name = "FILE")]
    pub out_cert: PathBuf,

    /// Where to write the CA chain (the issuing CA and its issuers).
    #[arg(long, value_name = "FILE")]
    pub out_chain: Option<PathBuf>,

    /// Encoding of written files.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Where the challenge password comes from.
    #[command(flatten)]
    pub challenge: ChallengeArgs,

    /// The CA's pinned fingerprint.
    #[command(flatten)]
    pub pin: PinArgs,

    /// Use the CA (and RA) certificates from this file instead of asking the server.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Algorithms and method.
    #[command(flatten)]
    pub algorithms: AlgorithmArgs,

    /// Replace an existing key file (only once the new certificate is verified).
    #[arg(long)]
    pub force: bool,

    /// Also put the certificate on the token beside its key (a pkcs11: key), with the key's
    /// label and CKA_ID, replacing the certificate the key had there.
    #[arg(long)]
    pub cert_to_token: bool,

    /// On PENDING, save the request and exit 3 at once (finish later with `certenroll poll`).
    #[arg(long)]
    pub no_wait: bool,

    /// Delete a pending request for the same key or certificate file first (and the key made
    /// for it); without this flag such a request is refused.
    #[arg(long)]
    pub replace_pending: bool,

    /// Polling and timing.
    #[command(flatten)]
    pub policy: PolicyArgs,

    /// Also write a PKCS#12 bundle.
    #[command(flatten)]
    pub p12: P12Args,

    /// EST authentication.
    #[command(flatten)]
    pub auth: EstAuthArgs,
}

/// A PKCS#12 bundle written beside the PEM or DER files, and where its passphrase comes from.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "PKCS#12 output")]
pub struct P12Args {
    /// Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices
    /// and web UIs that import only PKCS#12.
    ///
    /// The key is encrypted with AES-256-CBC (PBKDF2-SHA256), the file carries an
    /// HMAC-SHA256, as OpenSSL 3 writes it. The passphrase comes from --p12-passphrase-file,
    /// --p12-passphrase-env, or a prompt on a terminal.
    #[arg(long, value_name = "FILE")]
    pub out_p12: Option<PathBuf>,

    /// Where the passphrase comes from.
    #[command(flatten)]
    pub passphrase: P12PassphraseArgs,
}

/// Where a PKCS#12 passphrase comes from: a file, an environment variable, or a prompt.
#[derive(Debug, Clone, Args)]
pub struct P12PassphraseArgs {
    /// Read the PKCS#12 passphrase from this file (first line).
    #[arg(long, value_name = "FILE", conflicts_with = "p12_passphrase_env")]
    pub p12_passphrase_file: Option<PathBuf>,

    /// Read the PKCS#12 passphrase from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub p12_passphrase_env: Option<String>,
}

/// Bundle an existing pair into PKCS#12.
#[derive(Debug, Args)]
pub struct Pkcs12Args {
    /// The private key (PEM or DER, PKCS#8 or PKCS#1).
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,

    /// The certificate of the key.
    #[arg(long, value_name = "FILE")]
    pub cert: PathBuf,

    /// The CA chain to include (PEM, DER or PKCS#7).
    #[arg(long, value_name = "FILE")]
    pub chain: Option<PathBuf>,

    /// Where to write the bundle (mode 0600).
    #[arg(long, value_name = "FILE")]
    pub out_p12: PathBuf,

    /// Replace an existing bundle.
    #[arg(long)]
    pub force: bool,

    /// Where the passphrase comes from.
    #[command(flatten)]
    pub passphrase: P12PassphraseArgs,
}

/// Where the challenge password comes from: a file, an environment variable, the flag (with
/// a warning), CERTENROLL_CHALLENGE, or a hidden prompt on a terminal.
#[derive(Debug, Clone, Args)]
pub struct ChallengeArgs {
    /// Read the challenge password from this file (first line).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["challenge", "no_challenge", "challenge_env"])]
    pub challenge_file: Option<PathBuf>,

    /// The challenge password itself. Visible to other users in the process list: prefer
    /// --challenge-file or CERTENROLL_CHALLENGE.
    #[arg(long, value_name = "SECRET", conflicts_with = "no_challenge")]
    pub challenge: Option<String>,

    /// Read the challenge password from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with_all = ["challenge_file", "challenge"])]
    pub challenge_env: Option<String>,

    /// Send no challenge password and do not ask for one.
    #[arg(long)]
    pub no_challenge: bool,
}

/// Which algorithms and HTTP method to use (default: the best the server offers).
#[derive(Debug, Clone, Args)]
pub struct AlgorithmArgs {
    /// Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers).
    #[arg(long, value_name = "CIPHER")]
    pub cipher: Option<String>,

    /// Signature digest: sha256, sha512 or sha1 (default: best the server offers).
    #[arg(long, value_name = "DIGEST")]
    pub digest: Option<String>,

    /// How to send the request.
    #[arg(long, value_enum, default_value_t)]
    pub method: MethodChoice,

    /// Refuse to enroll when the server lists no capabilities, or only DES or SHA-1 (a man
    /// in the middle can strip GetCACaps), instead of falling back with a warning.
    #[arg(long)]
    pub require_caps: bool,
}

/// When to send and how to poll.
#[derive(Debug, Clone, Args)]
pub struct PolicyArgs {
    /// Seconds between polls of a pending request.
    #[arg(long, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(0..=86_400))]
    pub poll_interval: u64,

    /// Polls in this run before giving up for now (the request stays saved; exit 3).
    #[arg(long, value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub poll_count: u32,

    /// Retry after a communication error (no connection, timeout, HTTP error) instead of
    /// stopping; a rejection by the CA is never retried.
    #[arg(long)]
    pub retry_on_error: bool,

    /// Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on
    /// the same timer does not reach the CA in the same second. 0 disables.
    #[arg(long, value_name = "MIN..MAX", default_value = "0")]
    pub jitter: certenroll::schedule::Jitter,
}

/// A failInfo by code (0-4) or name (badAlg, ...), any case.
/// `--quirk`: the lab's quirks by name, each with its description in `--help`.
fn quirk_parser() -> impl clap::builder::TypedValueParser<Value = certenroll::lab::Quirk> {
    use certenroll::lab::Quirk;
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(
        Quirk::ALL.map(|quirk| PossibleValue::new(quirk.name()).help(quirk.describe())),
    )
    .try_map(|name| name.parse::<Quirk>())
}

fn parse_fail_info(text: &str) -> Result<u8, String> {
    certenroll::error::FailInfo::ALL
        .into_iter()
        .find(|f| text == f.code().to_string() || text.eq_ignore_ascii_case(f.name()))
        .map(|f| f.code())
        .ok_or_else(|| {
            "use a failInfo code 0-4 or its name: badAlg, badMessageCheck, badRequest, badTime, badCertId".into()
        })
}

/// Arguments of `renew`.
#[derive(Debug, Clone, Args)]
pub struct RenewArgs {
    /// The SCEP URL.
    #[arg(
        long,
        env = "CERTENROLL_URL",
        value_name = "URL",
        required_unless_present = "all"
    )]
    pub url: Option<String>,

    /// CA identifier sent with GetCACert.
    #[arg(long, value_name = "NAME")]
    pub ca_ident: Option<String>,

    /// The protocol and the EST label.
    #[command(flatten)]
    pub via: ProtocolArgs,

    /// The current key (it signs the renewal request; replaced by the new key unless
    /// --reuse-key). A pkcs11: URI names a key on a token: the new key is made there too.
    #[arg(long, value_name = "FILE", required_unless_present = "all")]
    pub key: Option<PathBuf>,

    /// The current certificate (replaced by the new one).
    #[arg(long, value_name = "FILE", required_unless_present = "all")]
    pub cert: Option<PathBuf>,

    /// Where to write the CA chain.
    #[arg(long, value_name = "FILE")]
    pub chain: Option<PathBuf>,

    /// Encoding of written files.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// The CA's pinned fingerprint.
    #[command(flatten)]
    pub pin: PinArgs,

    /// Use the CA (and RA) certificates from this file instead of asking the server.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Where the challenge password comes from (many CAs want it on renewal too).
    #[command(flatten)]
    pub challenge: ChallengeArgs,

    /// Algorithms and method.
    #[command(flatten)]
    pub algorithms: AlgorithmArgs,

    /// Renew now, due or not.
    #[arg(long)]
    pub force: bool,

    /// Due once this share of the certificate's lifetime has passed.
    #[arg(long, value_name = "PERCENT", default_value = "66%")]
    pub renew_at: certenroll::schedule::Percent,

    /// Also due once expiry is this close (e.g. 30d, 12h).
    #[arg(long, value_name = "SPAN")]
    pub renew_before: Option<certenroll::schedule::Span>,

    /// Which message to send.
    #[arg(long, value_enum, default_value_t)]
    pub renewal: RenewalChoice,

    /// Keep the current key; request a new certificate for it.
    #[arg(long)]
    pub reuse_key: bool,

    /// Do not keep the replaced key and certificate as *.prev.
    #[arg(long)]
    pub delete_old: bool,

    /// Also put the new certificate on the token beside its key (a pkcs11: key).
    #[arg(long)]
    pub cert_to_token: bool,

    /// Run this shell command before a renewal attempt that will send something (not when
    /// nothing is due); then the executables of HOOKS/pre/. It gets CERTENROLL_PROFILE,
    /// CERTENROLL_CERT and CERTENROLL_KEY. If one fails, nothing is sent (exit 1).
    #[arg(long, value_name = "COMMAND")]
    pub pre_hook: Option<String>,

    /// Run this shell command after a new certificate is installed; then the executables of
    /// HOOKS/deploy/. It gets CERTENROLL_CERT, CERTENROLL_KEY, CERTENROLL_CHAIN,
    /// CERTENROLL_SERIAL, CERTENROLL_NOT_AFTER, CERTENROLL_SUBJECT and CERTENROLL_PROFILE; if
    /// one fails the new certificate stays, and the exit code is 1.
    #[arg(long, value_name = "COMMAND")]
    pub deploy_hook: Option<String>,

    /// Run this shell command after every renewal attempt, whatever came of it; then the
    /// executables of HOOKS/post/. It gets CERTENROLL_RESULT (issued, pending, rejected or
    /// failed), CERTENROLL_EXIT_CODE, CERTENROLL_PROFILE, CERTENROLL_CERT and CERTENROLL_KEY.
    /// (It used to mean what --deploy-hook means.)
    #[arg(long, value_name = "COMMAND")]
    pub post_hook: Option<String>,

    /// Keep a verified OCSP response (DER) for the certificate here, for a TLS server to
    /// staple: fetched again once half of its validity has passed and for every new
    /// certificate, then the deploy hook runs (with CERTENROLL_OCSP_FILE) so that the server
    /// reloads it.
    #[arg(long, value_name = "FILE")]
    pub ocsp_file: Option<PathBuf>,

    /// Do not ask whether the certificate was revoked. By default a certificate that names
    /// an OCSP responder or a CRL is checked on every run, and a revoked one is renewed at
    /// once.
    #[arg(long)]
    pub no_revocation_check: bool,

    /// What applying the profile found worth saying (a deprecated key).
    #[arg(skip)]
    pub notes: Vec<String>,

    /// On PENDING, save the request and exit 3 at once.
    #[arg(long)]
    pub no_wait: bool,

    /// Renew every profile of the configuration file that is due, one after the other;
    /// prints a summary and exits with the worst exit code.
    #[arg(long)]
    pub all: bool,

    /// Say whether the certificate is due and why; send nothing, change nothing (exit 0).
    #[arg(long, conflicts_with = "check")]
    pub dry_run: bool,

    /// For scripts: send nothing; exit 0 when due, 1 when not, 2 and above on error.
    #[arg(long)]
    pub check: bool,

    /// Polling and timing.
    #[command(flatten)]
    pub policy: PolicyArgs,

    /// Also write a PKCS#12 bundle.
    #[command(flatten)]
    pub p12: P12Args,

    /// EST authentication (the current certificate is the TLS client certificate unless
    /// --client-cert names another).
    #[command(flatten)]
    pub auth: EstAuthArgs,
}

/// `pending` subcommands. ID: the transaction ID as `certenroll list` shows it; a unique
/// prefix is enough.
#[derive(Debug, Subcommand)]
pub enum PendingCommand {
    /// Everything about one request: subject, key, server, age, attempts, next attempt, last
    /// reason.
    Show {
        /// The transaction ID (or a unique prefix).
        id: String,
    },
    /// Stop polling it; the request and its key stay, for `pending resume`.
    Cancel {
        /// The transaction ID (or a unique prefix).
        id: String,
    },
    /// Poll it again (after `pending cancel`).
    Resume {
        /// The transaction ID (or a unique prefix).
        id: String,
    },
    /// Forget it: its state goes, and the key made for it unless a certificate was ever
    /// installed for that key (never the key of an installed certificate).
    Delete {
        /// The transaction ID (or a unique prefix).
        id: String,
    },
    /// Finish it with a certificate the CA's administrator issued by hand: installed as an
    /// issued reply would be (files, chain, bundle, hook, history) if it holds the request's
    /// key and chains to the CA; anything else is refused (exit 7) and nothing changes.
    Merge {
        /// The transaction ID (or a unique prefix).
        id: String,
        /// The certificate (PEM or DER; the first certificate of the file).
        #[arg(long, value_name = "FILE")]
        cert: PathBuf,
    },
}

/// Arguments of `poll`.
#[derive(Debug, Args)]
pub struct PollArgs {
    /// Poll only this pending request (as `certenroll status` shows it); default: all.
    #[arg(long, value_name = "ID")]
    pub transaction: Option<String>,

    /// Polling and timing.
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// Arguments of `getcert` and `getcrl` that say where the CA is.
#[derive(Debug, Args)]
pub struct CaQueryArgs {
    /// The server.
    #[command(flatten)]
    pub server: ServerArgs,

    /// The CA's pinned fingerprint.
    #[command(flatten)]
    pub pin: PinArgs,

    /// Write the result here (default: PEM on stdout).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Encoding of the written file.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `getcert`.
#[derive(Debug, Args)]
pub struct GetcertArgs {
    /// The CA and the output.
    #[command(flatten)]
    pub query: CaQueryArgs,

    /// Serial number of the certificate, in hex (as certenroll prints serials).
    #[arg(long, value_name = "HEX")]
    pub serial: String,
}

/// Arguments of `getcrl`.
#[derive(Debug, Args)]
pub struct GetcrlArgs {
    /// The CA and the output.
    #[command(flatten)]
    pub query: CaQueryArgs,

    /// Serial number (hex) of a certificate whose CRL is wanted (default: the CA's own).
    #[arg(long, value_name = "HEX")]
    pub serial: Option<String>,
}

/// Arguments of `doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The SCEP URL (or from --profile).
    #[arg(long, env = "CERTENROLL_URL", value_name = "URL")]
    pub url: Option<String>,

    /// CA identifier sent with GetCACert.
    #[arg(long, value_name = "NAME")]
    pub ca_ident: Option<String>,

    /// The protocol and the EST label.
    #[command(flatten)]
    pub via: ProtocolArgs,

    /// The CA's pinned fingerprint.
    #[command(flatten)]
    pub pin: PinArgs,

    /// The installed key, to check it against the certificate (a pkcs11: URI: the token,
    /// its PIN and the key object are checked too).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,

    /// The installed certificate, to check its validity and renewal.
    #[arg(long, value_name = "FILE")]
    pub cert: Option<PathBuf>,

    /// The CA chain file, to check whether the certificate was revoked (OCSP or CRL).
    #[arg(long, value_name = "FILE")]
    pub chain: Option<PathBuf>,

    /// The OCSP staple file renew keeps, to check that it is fresh.
    #[arg(long, value_name = "FILE")]
    pub ocsp_file: Option<PathBuf>,

    /// The challenge file enrollment will read.
    #[arg(long, value_name = "FILE", conflicts_with = "challenge_env")]
    pub challenge_file: Option<PathBuf>,

    /// The environment variable enrollment will read the challenge from.
    #[arg(long, value_name = "VAR")]
    pub challenge_env: Option<String>,

    /// EST: the login and client certificate enrollment will use (their files are checked).
    #[command(flatten)]
    pub auth: EstAuthArgs,

    /// Renewal share of the lifetime, as for renew.
    #[arg(long, value_name = "PERCENT", default_value = "66%")]
    pub renew_at: certenroll::schedule::Percent,

    /// Renewal margin before expiry, as for renew.
    #[arg(long, value_name = "SPAN")]
    pub renew_before: Option<certenroll::schedule::Span>,
}

/// `config` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set up a profile step by step: URL, a test of the server, the CA fingerprint to
    /// confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with
    /// --no-input nothing is asked. The profile is --profile NAME (default "default").
    Init(Box<InitArgs>),
    /// Print the path of the configuration file in use, and whether it exists.
    Path,
    /// Print the profiles (or the one --profile names) as TOML, or JSON with --json.
    Show,
    /// Read the configuration file and report the first error (file, line, key), if any.
    Check,
    /// Write the profiles (or the one --profile names) to FILE, for another device.
    Export {
        /// Where to write them.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Add the profiles of FILE to the configuration, replacing profiles of the same name.
    Import {
        /// A file written by `config export` (or by hand).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// Arguments of `config init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Ask nothing: take every answer from the flags (missing ones are an error or a default).
    #[arg(long)]
    pub no_input: bool,

    /// Replace a profile of the same name.
    #[arg(long)]
    pub force: bool,

    /// The SCEP or EST URL (an EST URL holds /.well-known/est).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The CA's SHA-256 fingerprint, as its administrator gave it (checked against the server).
    #[arg(long, value_name = "SHA256", conflicts_with = "trust_ca")]
    pub fingerprint: Option<String>,

    /// Trust and pin the CA the server shows, without a fingerprint to compare (only when the
    /// network path is trusted).
    #[arg(long)]
    pub trust_ca: bool,

    /// Common name (default: this machine's host name).
    #[arg(long, value_name = "NAME")]
    pub cn: Option<String>,

    /// Subject alternative names, comma-separated (default: dns:CN).
    #[arg(long, value_name = "LIST")]
    pub san: Option<String>,

    /// RSA key size.
    #[arg(long, value_name = "BITS", value_parser = parse_key_bits)]
    pub key_bits: Option<usize>,

    /// The key file (default: beside the configuration, NAME.key), or a pkcs11: URI naming a
    /// key on a token (then --pkcs11-module names its module, --pin-file its PIN).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,

    /// The certificate file (default: NAME.pem).
    #[arg(long, value_name = "FILE")]
    pub cert: Option<PathBuf>,

    /// The chain file (default: NAME-chain.pem).
    #[arg(long, value_name = "FILE")]
    pub chain: Option<PathBuf>,

    /// A file holding the challenge password.
    #[arg(long, value_name = "FILE", conflicts_with = "challenge_env")]
    pub challenge_file: Option<PathBuf>,

    /// An environment variable holding the challenge password.
    #[arg(long, value_name = "VAR")]
    pub challenge_env: Option<String>,

    /// EST: the HTTP Basic user name (none: a client certificate or no login).
    #[arg(long, value_name = "USER")]
    pub username: Option<String>,

    /// EST: a file holding the HTTP password.
    #[arg(long, value_name = "FILE", conflicts_with = "password_env")]
    pub password_file: Option<PathBuf>,

    /// EST: an environment variable holding the HTTP password.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,

    /// EST: the key type (rsa, p256, p384).
    #[arg(long, value_enum, value_name = "TYPE")]
    pub key_type: Option<KeyType>,

    /// Renewal: share of the lifetime (default 66%).
    #[arg(long, value_name = "PERCENT")]
    pub renew_at: Option<certenroll::schedule::Percent>,
}

/// `lab` subcommands.
#[derive(Debug, Subcommand)]
pub enum LabCommand {
    /// Run a SCEP (and, with --tls, EST) responder with a throwaway CA until interrupted.
    ///
    /// The first line on stdout names the URL (and with --json is a JSON object with url and
    /// ca_sha256). Each decoded request is logged on stderr.
    Serve(LabServeArgs),
}

/// Arguments of `lab serve`.
#[derive(Debug, Args)]
pub struct LabServeArgs {
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,

    /// Port to listen on (0: any free port).
    #[arg(long, value_name = "PORT", default_value_t = 8080)]
    pub port: u16,

    /// Answer PENDING to the first N requests of each transaction, then issue.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub pending: u32,

    /// Answer FAILURE with this failInfo: a code or its name (0 badAlg, 1 badMessageCheck,
    /// 2 badRequest, 3 badTime, 4 badCertId).
    #[arg(long, value_name = "FAILINFO", value_parser = parse_fail_info)]
    pub fail: Option<u8>,

    /// Answer PKIOperation with this HTTP status.
    #[arg(long, value_name = "CODE", value_parser = clap::value_parser!(u16).range(100..=599))]
    pub http_status: Option<u16>,

    /// Wait this many seconds before answering PKIOperation.
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    pub delay: u64,

    /// Require this challenge password in PKCSReq.
    #[arg(long, value_name = "SECRET")]
    pub challenge: Option<String>,

    /// A renewal must carry the challenge too (RenewalReq, or PKCSReq signed with a
    /// certificate of this CA for the same subject, as sscep and `renew --renewal pkcsreq`
    /// send it); by default a renewal needs none, as micromdm's and step-ca's servers behave.
    #[arg(long, requires = "challenge")]
    pub renewal_challenge: bool,

    /// Hand out separate RA certificates (one signs replies, one receives requests), as NDES
    /// does.
    #[arg(long)]
    pub ra: bool,

    /// Send a hostile reply: wrong-signer, wrong-nonce, wrong-transaction, other-key,
    /// wrong-recipient (encrypted to another key) or truncated.
    #[arg(long, value_name = "KIND")]
    pub fault: Option<certenroll::lab::Fault>,

    /// Inject --fail, --http-status, --delay and --fault only into the first N PKIOperation
    /// requests.
    #[arg(long, value_name = "N")]
    pub fault_limit: Option<u32>,

    /// Forget a transaction once its certificate is issued: a later CertPoll for it gets
    /// FAILURE badCertId, as from a CA that cleared its queue.
    #[arg(long)]
    pub forget_issued: bool,

    /// Capabilities to advertise, comma-separated (default: Renewal, SHA-1, SHA-256, SHA-512,
    /// AES, DES3, SCEPStandard, POSTPKIOperation).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub caps: Option<Vec<String>>,

    /// Validity of issued certificates, in days.
    #[arg(long, value_name = "DAYS", default_value_t = 365,
          value_parser = clap::value_parser!(u64).range(1..=36_500))]
    pub validity_days: u64,

    /// Also write the lab CA certificate (PEM) to this file.
    #[arg(long, value_name = "FILE")]
    pub ca_out: Option<PathBuf>,

    /// Act as a man in the middle on first contact: EST /cacerts answers the certificates in
    /// FILE (a genuine server's CA) followed by the lab's own CA, while TLS and enrollment use
    /// the lab's CA. A client that pins the genuine CA must refuse this server.
    #[arg(long, value_name = "FILE")]
    pub mitm_cacerts: Option<PathBuf>,

    /// Serve HTTPS: a server certificate for 127.0.0.1, ::1 and localhost, issued by the lab
    /// CA (trust it with --ca-file and the file from --ca-out). Client certificates issued
    /// by the lab CA are accepted.
    #[arg(long)]
    pub tls: bool,

    /// Break the server certificate: wrong-name (issued for wrong-host.example), expired,
    /// not-yet-valid, untrusted (issued by an unknown CA), or ca-cert (a certificate with
    /// cA=TRUE presented as the server's own). Implies --tls.
    #[arg(long, value_name = "KIND")]
    pub tls_fault: Option<certenroll::lab::tls::TlsFault>,

    /// EST: accept HTTP Basic with this user and password for enrollment (a client
    /// certificate from the lab CA is accepted as well).
    #[arg(long, value_name = "USER:PASSWORD")]
    pub basic: Option<String>,

    /// EST: accept HTTP Digest (RFC 7616, qop=auth) with this user and password for
    /// enrollment instead of Basic: the 401 challenges with Digest, as libest's estserver -h
    /// does.
    #[arg(long, value_name = "USER:PASSWORD", conflicts_with = "basic")]
    pub digest: Option<String>,

    /// EST: the hash the Digest challenge names: sha-256 or md5 (libest's).
    #[arg(
        long,
        value_name = "ALG",
        default_value = "sha-256",
        requires = "digest"
    )]
    pub digest_algorithm: certenroll::lab::digest::DigestAlgorithm,

    /// EST: enrollment needs a client certificate issued by the lab CA (and, with --basic,
    /// the Basic login as well).
    #[arg(long)]
    pub require_client_cert: bool,

    /// EST: the Retry-After of a 202 (with --pending): seconds, or "date" for an HTTP-date
    /// one second ahead.
    #[arg(long, value_name = "VALUE")]
    pub retry_after: Option<String>,

    /// EST: how bodies are written: wrapped (base64 in 64 columns with
    /// Content-Transfer-Encoding, the default: RFC 7030's examples, and what libest's estclient
    /// needs), oneline (no line breaks, no CTE header, RFC 8951: what strongSwan 5.9.8 reads),
    /// pem, or der.
    #[arg(long, value_name = "KIND", default_value = "wrapped")]
    pub est_encoding: certenroll::lab::options::EstEncoding,

    /// EST: serverkeygen sends the key as PKCS#1 instead of PKCS#8.
    #[arg(long)]
    pub pkcs1_keys: bool,

    /// EST: csrattrs asks for an EC key on this curve (p256 or p384) instead of RSA-3072.
    #[arg(long, value_name = "CURVE", value_parser = ["p256", "p384"])]
    pub csrattrs_curve: Option<String>,

    /// Behave as a real server does (repeatable), to try a client against it.
    #[arg(long, value_name = "NAME", value_parser = quirk_parser())]
    pub quirk: Vec<certenroll::lab::Quirk>,

    /// Revoke the certificate with this serial number (hex, as certenroll prints it) from the
    /// start, for REASON (keyCompromise, superseded...; default unspecified). Repeatable.
    /// While the lab runs: POST /lab/revoke?serial=HEX&reason=NAME.
    #[arg(long, value_name = "SERIAL[:REASON]", value_parser = certenroll::lab::ocsp::parse_revocation)]
    pub revoke: Vec<(Vec<u8>, x509_cert::ext::pkix::crl::CrlReason)>,

    /// Announce a successor CA (a new root key, valid from tomorrow), as a CA does before a
    /// rollover: SCEP GetCACaps lists GetNextCACert and GetNextCACert answers it, signed by
    /// the current CA; EST /cacerts carries OldWithNew, NewWithOld and NewWithNew.
    #[arg(long)]
    pub next_ca: bool,

    /// With --next-ca: write the successor's certificate (followed by the current CA's) and
    /// key (PEM, the key mode 0600) into DIR as next-ca.pem and next-ca.key, for a lab that
    /// runs after the rollover (--ca-cert DIR/next-ca.pem --ca-key DIR/next-ca.key).
    #[arg(long, value_name = "DIR", requires = "next_ca")]
    pub next_ca_out: Option<PathBuf>,

    /// Run with this CA certificate (PEM) instead of a new one; with --ca-key. Certificates
    /// after the first are earlier ones of the same CA (before a rollover): what they
    /// issued is renewed as this CA's.
    #[arg(long, value_name = "FILE", requires = "ca_key")]
    pub ca_cert: Option<PathBuf>,

    /// The key of --ca-cert (PEM or DER, unencrypted).
    #[arg(long, value_name = "FILE", requires = "ca_cert")]
    pub ca_key: Option<PathBuf>,

    /// Issued certificates name neither the lab's OCSP responder nor its CRL (as many SCEP
    /// CAs' do not): a client must ask GetCRL.
    #[arg(long)]
    pub no_revocation_urls: bool,

    /// OCSP: sign responses with a responder certificate the CA issued for it (carried in
    /// the response) instead of with the CA's key.
    #[arg(long)]
    pub ocsp_delegated: bool,

    /// OCSP: answer badly: wrong-key (signed by an unknown key), stale (nextUpdate passed),
    /// future (thisUpdate tomorrow), wrong-cert-id (about another serial), wrong-nonce,
    /// try-later, unauthorized, no-ocsp-signing (a responder certificate without
    /// id-kp-OCSPSigning).
    #[arg(long, value_name = "KIND")]
    pub ocsp_fault: Option<certenroll::lab::ocsp::OcspFault>,
}

pub(crate) fn parse_key_bits(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(bits @ (2048 | 3072 | 4096)) => Ok(bits),
        _ => Err("use 2048, 3072 or 4096".to_string()),
    }
}

/// Arguments of `ocsp`.
#[derive(Debug, Clone, Args)]
pub struct OcspArgs {
    /// The certificate to check (PEM or DER; default: the profile's cert).
    #[arg(long, value_name = "FILE")]
    pub cert: Option<PathBuf>,

    /// Its CA certificate, or a chain holding it (default: the profile's chain).
    #[arg(long, value_name = "FILE")]
    pub chain: Option<PathBuf>,

    /// Ask this OCSP responder instead of the one the certificate names.
    #[arg(long, value_name = "URL")]
    pub responder: Option<String>,

    /// Write the verified response here (DER) when it says good, for stapling (default:
    /// the profile's ocsp_file).
    #[arg(long, value_name = "FILE", conflicts_with = "crl")]
    pub out: Option<PathBuf>,

    /// Ask the CRL of the certificate's distribution point only, not OCSP.
    #[arg(long)]
    pub crl: bool,

    /// The clock difference allowed with the responder, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub max_skew: u64,

    /// The SCEP server to ask for the CRL (GetCRL) when the certificate names neither an
    /// OCSP responder nor a CRL distribution point (default: the profile's url).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// CA identifier sent with GetCACert and GetCRL, for servers that host several CAs.
    #[arg(long, value_name = "NAME")]
    pub ca_ident: Option<String>,
}

/// Arguments of the hidden `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Directory that receives man/ and completions/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out_dir: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn enroll_parses_and_requires_a_key_destination() {
        let cli = Cli::try_parse_from([
            "certenroll",
            "enroll",
            "--url",
            "http://ca/scep",
            "--cn",
            "p1",
            "--out-key",
            "k",
            "--out-cert",
            "c",
            "--san",
            "dns:a,ip:192.0.2.1",
            "--san",
            "email:x@y",
            "--o",
            "Ex",
        ])
        .unwrap();
        let Command::Enroll(args) = cli.command else {
            panic!("not enroll")
        };
        assert_eq!(args.san, ["dns:a", "ip:192.0.2.1", "email:x@y"]);
        assert_eq!(args.organization, ["Ex"]);
        assert_eq!(args.key_bits, 2048);
        assert!(
            Cli::try_parse_from([
                "certenroll",
                "enroll",
                "--url",
                "u",
                "--cn",
                "p",
                "--out-cert",
                "c"
            ])
            .is_err()
        );
        assert!(
            Cli::try_parse_from([
                "certenroll",
                "enroll",
                "--url",
                "u",
                "--cn",
                "p",
                "--out-cert",
                "c",
                "--key",
                "k",
                "--key-bits",
                "4096"
            ])
            .is_err()
        );
        assert!(
            Cli::try_parse_from([
                "certenroll",
                "enroll",
                "--url",
                "u",
                "--cn",
                "p",
                "--out-cert",
                "c",
                "--out-key",
                "k",
                "--key-bits",
                "1024"
            ])
            .is_err()
        );
    }
}
