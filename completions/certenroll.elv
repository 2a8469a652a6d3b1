
use builtin;
use str;

set edit:completion:arg-completer[certenroll] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'certenroll'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'certenroll'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand getcacaps 'Show what a SCEP server supports (GetCACaps)'
            cand getcacert 'Fetch and show the CA (and RA) certificates (GetCACert)'
            cand enroll 'Generate a key, request a certificate and install it'
            cand renew 'Renew a certificate when it is due: new key, request signed with the current certificate, swap only once the new one is verified'
            cand poll 'Ask the CA again about pending requests (CertPoll), and install what was issued'
            cand getcert 'Fetch an issued certificate by serial number (GetCert)'
            cand getcrl 'Fetch the CA''s certificate revocation list (GetCRL)'
            cand history 'Show the last 20 results (newest last), as a device''s status page does'
            cand status 'Show installed certificates, pending requests and when the next attempt is due'
            cand pkcs12 'Bundle a key, its certificate and the CA chain into a PKCS#12 file'
            cand doctor 'Check, step by step, why a device can or cannot enroll, and say how to fix it'
            cand config 'Show, check, export and import the configuration file''s profiles'
            cand lab 'The embedded test responder (a throwaway SCEP CA with fault injection)'
            cand generate 'Write the man pages and shell completions (for packagers and the project''s CI)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certenroll;getcacaps'= {
            cand --url 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll'
            cand --ca-ident 'CA identifier sent with GetCACert, for servers that host several CAs'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;getcacert'= {
            cand --url 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll'
            cand --ca-ident 'CA identifier sent with GetCACert, for servers that host several CAs'
            cand --out 'Write the certificates here'
            cand --fingerprint 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)'
            cand --format 'Encoding of written files'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;enroll'= {
            cand --url 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll'
            cand --ca-ident 'CA identifier sent with GetCACert, for servers that host several CAs'
            cand --cn 'Common name (CN) of the subject'
            cand --org 'Organization (O); may be repeated'
            cand --o 'Organization (O); may be repeated'
            cand --ou 'Organizational unit (OU); may be repeated'
            cand --locality 'Locality (L)'
            cand --l 'Locality (L)'
            cand --state 'State or province (ST)'
            cand --st 'State or province (ST)'
            cand --country 'Country (C), a two-letter code'
            cand --c 'Country (C), a two-letter code'
            cand --email 'E-mail address in the subject (emailAddress)'
            cand --subject 'The whole subject as one RFC 4514 string, e.g. "CN=printer-7,O=Example,C=DE"'
            cand --san 'Subject alternative names: dns:NAME, ip:ADDRESS, email:ADDRESS, uri:URI'
            cand --key-usage 'Key usage to request, comma-separated, or "none"'
            cand --eku 'Extended key usage to request, comma-separated names or OIDs'
            cand --key 'Use this existing private key (PEM or DER, PKCS#8 or PKCS#1) instead of generating one'
            cand --key-type 'Type of key to generate'
            cand --key-bits 'Size of the RSA key to generate'
            cand --out-key 'Where to write the generated key (mode 0600, written before the request is sent)'
            cand --out-cert 'Where to write the issued certificate'
            cand --out-chain 'Where to write the CA chain (the issuing CA and its issuers)'
            cand --format 'Encoding of written files'
            cand --out-p12 'Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices and web UIs that import only PKCS#12'
            cand --p12-passphrase-file 'Read the PKCS#12 passphrase from this file (first line)'
            cand --p12-passphrase-env 'Read the PKCS#12 passphrase from this environment variable'
            cand --challenge-file 'Read the challenge password from this file (first line)'
            cand --challenge 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE'
            cand --challenge-env 'Read the challenge password from this environment variable'
            cand --fingerprint 'Expected SHA-256 fingerprint of the CA certificate; exit 7 on mismatch'
            cand --ca-cert 'Use the CA (and RA) certificates from this file instead of asking the server'
            cand --cipher 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)'
            cand --digest 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)'
            cand --method 'How to send the request'
            cand --poll-interval 'Seconds between polls of a pending request'
            cand --poll-count 'Polls in this run before giving up for now (the request stays saved; exit 3)'
            cand --jitter 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --no-challenge 'Send no challenge password and do not ask for one'
            cand --force 'Replace an existing key file (only once the new certificate is verified)'
            cand --no-wait 'On PENDING, save the request and exit 3 at once (finish later with `certenroll poll`)'
            cand --retry-on-error 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;renew'= {
            cand --url 'The SCEP URL'
            cand --ca-ident 'CA identifier sent with GetCACert'
            cand --key 'The current key (it signs the renewal request; replaced by the new key unless --reuse-key)'
            cand --cert 'The current certificate (replaced by the new one)'
            cand --chain 'Where to write the CA chain'
            cand --format 'Encoding of written files'
            cand --out-p12 'Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices and web UIs that import only PKCS#12'
            cand --p12-passphrase-file 'Read the PKCS#12 passphrase from this file (first line)'
            cand --p12-passphrase-env 'Read the PKCS#12 passphrase from this environment variable'
            cand --fingerprint 'Expected SHA-256 fingerprint of the CA certificate; exit 7 on mismatch'
            cand --ca-cert 'Use the CA (and RA) certificates from this file instead of asking the server'
            cand --challenge-file 'Read the challenge password from this file (first line)'
            cand --challenge 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE'
            cand --challenge-env 'Read the challenge password from this environment variable'
            cand --cipher 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)'
            cand --digest 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)'
            cand --method 'How to send the request'
            cand --renew-at 'Due once this share of the certificate''s lifetime has passed'
            cand --renew-before 'Also due once expiry is this close (e.g. 30d, 12h)'
            cand --renewal 'Which message to send'
            cand --post-hook 'Run this shell command after a new certificate is installed. It gets CERTENROLL_CERT, CERTENROLL_KEY, CERTENROLL_CHAIN, CERTENROLL_SERIAL, CERTENROLL_NOT_AFTER, CERTENROLL_SUBJECT and CERTENROLL_PROFILE; if it fails the new certificate stays, and the exit code is 1'
            cand --poll-interval 'Seconds between polls of a pending request'
            cand --poll-count 'Polls in this run before giving up for now (the request stays saved; exit 3)'
            cand --jitter 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --no-challenge 'Send no challenge password and do not ask for one'
            cand --force 'Renew now, due or not'
            cand --reuse-key 'Keep the current key; request a new certificate for it'
            cand --delete-old 'Do not keep the replaced key and certificate as *.prev'
            cand --no-wait 'On PENDING, save the request and exit 3 at once'
            cand --all 'Renew every profile of the configuration file that is due, one after the other; prints a summary and exits with the worst exit code'
            cand --retry-on-error 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;poll'= {
            cand --transaction 'Poll only this pending request (as `certenroll status` shows it); default: all'
            cand --poll-interval 'Seconds between polls of a pending request'
            cand --poll-count 'Polls in this run before giving up for now (the request stays saved; exit 3)'
            cand --jitter 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --retry-on-error 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;getcert'= {
            cand --url 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll'
            cand --ca-ident 'CA identifier sent with GetCACert, for servers that host several CAs'
            cand --fingerprint 'Expected SHA-256 fingerprint of the CA certificate; exit 7 on mismatch'
            cand --out 'Write the result here (default: PEM on stdout)'
            cand --format 'Encoding of the written file'
            cand --serial 'Serial number of the certificate, in hex (as certenroll prints serials)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;getcrl'= {
            cand --url 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll'
            cand --ca-ident 'CA identifier sent with GetCACert, for servers that host several CAs'
            cand --fingerprint 'Expected SHA-256 fingerprint of the CA certificate; exit 7 on mismatch'
            cand --out 'Write the result here (default: PEM on stdout)'
            cand --format 'Encoding of the written file'
            cand --serial 'Serial number (hex) of a certificate whose CRL is wanted (default: the CA''s own)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;history'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;status'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;pkcs12'= {
            cand --key 'The private key (PEM or DER, PKCS#8 or PKCS#1)'
            cand --cert 'The certificate of the key'
            cand --chain 'The CA chain to include (PEM, DER or PKCS#7)'
            cand --out-p12 'Where to write the bundle (mode 0600)'
            cand --p12-passphrase-file 'Read the PKCS#12 passphrase from this file (first line)'
            cand --p12-passphrase-env 'Read the PKCS#12 passphrase from this environment variable'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --force 'Replace an existing bundle'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;doctor'= {
            cand --url 'The SCEP URL (or from --profile)'
            cand --ca-ident 'CA identifier sent with GetCACert'
            cand --fingerprint 'Expected SHA-256 fingerprint of the CA certificate'
            cand --key 'The installed key, to check it against the certificate'
            cand --cert 'The installed certificate, to check its validity and renewal'
            cand --challenge-file 'The challenge file enrollment will read'
            cand --challenge-env 'The environment variable enrollment will read the challenge from'
            cand --renew-at 'Renewal share of the lifetime, as for renew'
            cand --renew-before 'Renewal margin before expiry, as for renew'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;config'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")'
            cand path 'Print the path of the configuration file in use, and whether it exists'
            cand show 'Print the profiles (or the one --profile names) as TOML, or JSON with --json'
            cand check 'Read the configuration file and report the first error (file, line, key), if any'
            cand export 'Write the profiles (or the one --profile names) to FILE, for another device'
            cand import 'Add the profiles of FILE to the configuration, replacing profiles of the same name'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certenroll;config;init'= {
            cand --url 'The SCEP URL'
            cand --fingerprint 'The CA''s SHA-256 fingerprint, as its administrator gave it (checked against the server)'
            cand --cn 'Common name (default: this machine''s host name)'
            cand --san 'Subject alternative names, comma-separated (default: dns:CN)'
            cand --key-bits 'RSA key size'
            cand --key 'The key file (default: beside the configuration, NAME.key)'
            cand --cert 'The certificate file (default: NAME.pem)'
            cand --chain 'The chain file (default: NAME-chain.pem)'
            cand --challenge-file 'A file holding the challenge password'
            cand --challenge-env 'An environment variable holding the challenge password'
            cand --renew-at 'Renewal: share of the lifetime (default 66%)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --no-input 'Ask nothing: take every answer from the flags (missing ones are an error or a default)'
            cand --force 'Replace a profile of the same name'
            cand --trust-ca 'Trust and pin the CA the server shows, without a fingerprint to compare (only when the network path is trusted)'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;config;path'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;config;show'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;config;check'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;config;export'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;config;import'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;config;help'= {
            cand init 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")'
            cand path 'Print the path of the configuration file in use, and whether it exists'
            cand show 'Print the profiles (or the one --profile names) as TOML, or JSON with --json'
            cand check 'Read the configuration file and report the first error (file, line, key), if any'
            cand export 'Write the profiles (or the one --profile names) to FILE, for another device'
            cand import 'Add the profiles of FILE to the configuration, replacing profiles of the same name'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certenroll;config;help;init'= {
        }
        &'certenroll;config;help;path'= {
        }
        &'certenroll;config;help;show'= {
        }
        &'certenroll;config;help;check'= {
        }
        &'certenroll;config;help;export'= {
        }
        &'certenroll;config;help;import'= {
        }
        &'certenroll;config;help;help'= {
        }
        &'certenroll;lab'= {
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Run a SCEP responder with a throwaway CA until interrupted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certenroll;lab;serve'= {
            cand --bind 'Address to listen on'
            cand --port 'Port to listen on (0: any free port)'
            cand --pending 'Answer PENDING to the first N requests of each transaction, then issue'
            cand --fail 'Answer FAILURE with this failInfo (0 badAlg .. 4 badCertId)'
            cand --http-status 'Answer PKIOperation with this HTTP status'
            cand --delay 'Wait this many seconds before answering PKIOperation'
            cand --challenge 'Require this challenge password in PKCSReq'
            cand --fault 'Send a hostile reply: wrong-signer, wrong-nonce, wrong-transaction, other-key or truncated'
            cand --fault-limit 'Inject --fail, --http-status, --delay and --fault only into the first N PKIOperation requests'
            cand --caps 'Capabilities to advertise, comma-separated (default: Renewal, SHA-1, SHA-256, SHA-512, AES, DES3, SCEPStandard, POSTPKIOperation)'
            cand --validity-days 'Validity of issued certificates, in days'
            cand --ca-out 'Also write the lab CA certificate (PEM) to this file'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --ra 'Hand out separate RA certificates (one signs replies, one receives requests), as NDES does'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;lab;help'= {
            cand serve 'Run a SCEP responder with a throwaway CA until interrupted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certenroll;lab;help;serve'= {
        }
        &'certenroll;lab;help;help'= {
        }
        &'certenroll;generate'= {
            cand --out-dir 'Directory that receives man/ and completions/'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --profile 'Use this profile of the configuration file; flags given here override it'
            cand --config 'The configuration file'
            cand --state-dir 'Where pending requests and the history are kept'
            cand --lock-wait 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds'
            cand --timeout 'Limit for one HTTP exchange, in seconds'
            cand --json 'Print the result as one JSON object on stdout'
            cand -v 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand --verbose 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certenroll;help'= {
            cand getcacaps 'Show what a SCEP server supports (GetCACaps)'
            cand getcacert 'Fetch and show the CA (and RA) certificates (GetCACert)'
            cand enroll 'Generate a key, request a certificate and install it'
            cand renew 'Renew a certificate when it is due: new key, request signed with the current certificate, swap only once the new one is verified'
            cand poll 'Ask the CA again about pending requests (CertPoll), and install what was issued'
            cand getcert 'Fetch an issued certificate by serial number (GetCert)'
            cand getcrl 'Fetch the CA''s certificate revocation list (GetCRL)'
            cand history 'Show the last 20 results (newest last), as a device''s status page does'
            cand status 'Show installed certificates, pending requests and when the next attempt is due'
            cand pkcs12 'Bundle a key, its certificate and the CA chain into a PKCS#12 file'
            cand doctor 'Check, step by step, why a device can or cannot enroll, and say how to fix it'
            cand config 'Show, check, export and import the configuration file''s profiles'
            cand lab 'The embedded test responder (a throwaway SCEP CA with fault injection)'
            cand generate 'Write the man pages and shell completions (for packagers and the project''s CI)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certenroll;help;getcacaps'= {
        }
        &'certenroll;help;getcacert'= {
        }
        &'certenroll;help;enroll'= {
        }
        &'certenroll;help;renew'= {
        }
        &'certenroll;help;poll'= {
        }
        &'certenroll;help;getcert'= {
        }
        &'certenroll;help;getcrl'= {
        }
        &'certenroll;help;history'= {
        }
        &'certenroll;help;status'= {
        }
        &'certenroll;help;pkcs12'= {
        }
        &'certenroll;help;doctor'= {
        }
        &'certenroll;help;config'= {
            cand init 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")'
            cand path 'Print the path of the configuration file in use, and whether it exists'
            cand show 'Print the profiles (or the one --profile names) as TOML, or JSON with --json'
            cand check 'Read the configuration file and report the first error (file, line, key), if any'
            cand export 'Write the profiles (or the one --profile names) to FILE, for another device'
            cand import 'Add the profiles of FILE to the configuration, replacing profiles of the same name'
        }
        &'certenroll;help;config;init'= {
        }
        &'certenroll;help;config;path'= {
        }
        &'certenroll;help;config;show'= {
        }
        &'certenroll;help;config;check'= {
        }
        &'certenroll;help;config;export'= {
        }
        &'certenroll;help;config;import'= {
        }
        &'certenroll;help;lab'= {
            cand serve 'Run a SCEP responder with a throwaway CA until interrupted'
        }
        &'certenroll;help;lab;serve'= {
        }
        &'certenroll;help;generate'= {
        }
        &'certenroll;help;help'= {
        }
    ]
    $completions[$command]
}
