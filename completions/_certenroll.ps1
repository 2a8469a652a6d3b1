
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'certenroll' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'certenroll'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'certenroll' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('getcacaps', 'getcacaps', [CompletionResultType]::ParameterValue, 'Show what a SCEP server supports (GetCACaps)')
            [CompletionResult]::new('getcacert', 'getcacert', [CompletionResultType]::ParameterValue, 'Fetch and show the CA (and RA) certificates (SCEP GetCACert, EST /cacerts)')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Generate a key, request a certificate and install it')
            [CompletionResult]::new('csrattrs', 'csrattrs', [CompletionResultType]::ParameterValue, 'EST: the CSR attributes the server asks for (/csrattrs), decoded')
            [CompletionResult]::new('serverkeygen', 'serverkeygen', [CompletionResultType]::ParameterValue, 'EST: have the server generate the key (/serverkeygen) and install key and certificate')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew a certificate when it is due: new key, request signed with the current certificate, swap only once the new one is verified')
            [CompletionResult]::new('poll', 'poll', [CompletionResultType]::ParameterValue, 'Ask the CA again about pending requests (SCEP CertPoll, EST: the request again), and install what was issued')
            [CompletionResult]::new('getcert', 'getcert', [CompletionResultType]::ParameterValue, 'Fetch an issued certificate by serial number (GetCert)')
            [CompletionResult]::new('getcrl', 'getcrl', [CompletionResultType]::ParameterValue, 'Fetch the CA''s certificate revocation list (GetCRL)')
            [CompletionResult]::new('ocsp', 'ocsp', [CompletionResultType]::ParameterValue, 'Check whether a certificate is revoked (OCSP, or the CRL), and keep a verified OCSP response for stapling')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the last 20 results (newest last), as a device''s status page does')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The certificates certenroll manages and the pending requests, each with its state and next step')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The certificates certenroll manages and the pending requests, each with its state and next step')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'Act on a request the CA has not decided yet: show, cancel, resume, delete, or finish it with a certificate issued by hand')
            [CompletionResult]::new('pkcs12', 'pkcs12', [CompletionResultType]::ParameterValue, 'Bundle a key, its certificate and the CA chain into a PKCS#12 file')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check, step by step, why a device can or cannot enroll, and say how to fix it')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, check, export and import the configuration file''s profiles')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'The embedded test responder (a throwaway CA for SCEP, and EST over TLS, with fault injection)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;getcacaps' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The server''s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;getcacert' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The server''s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the certificates here')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of written files')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--next', '--next', [CompletionResultType]::ParameterName, 'Also show the successor the CA announces before a rollover (SCEP: GetNextCACert, when the server lists it, verified as signed by the current CA; EST: NewWithNew of /cacerts). With --out DIR it is written to DIR/next-ca.pem')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;enroll' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The server''s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'Common name (CN) of the subject')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization (O); may be repeated')
            [CompletionResult]::new('--o', '--o', [CompletionResultType]::ParameterName, 'Organization (O); may be repeated')
            [CompletionResult]::new('--ou', '--ou', [CompletionResultType]::ParameterName, 'Organizational unit (OU); may be repeated')
            [CompletionResult]::new('--locality', '--locality', [CompletionResultType]::ParameterName, 'Locality (L)')
            [CompletionResult]::new('--l', '--l', [CompletionResultType]::ParameterName, 'Locality (L)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'State or province (ST)')
            [CompletionResult]::new('--st', '--st', [CompletionResultType]::ParameterName, 'State or province (ST)')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Country (C), a two-letter code')
            [CompletionResult]::new('--c', '--c', [CompletionResultType]::ParameterName, 'Country (C), a two-letter code')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'E-mail address in the subject (emailAddress)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'The whole subject as one RFC 4514 string, e.g. "CN=printer-7,O=Example,C=DE"')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'Subject alternative names: dns:NAME, ip:ADDRESS, email:ADDRESS, uri:URI')
            [CompletionResult]::new('--key-usage', '--key-usage', [CompletionResultType]::ParameterName, 'Key usage to request, comma-separated, or "none"')
            [CompletionResult]::new('--eku', '--eku', [CompletionResultType]::ParameterName, 'Extended key usage to request, comma-separated names or OIDs')
            [CompletionResult]::new('--csr', '--csr', [CompletionResultType]::ParameterName, 'A request made elsewhere (PKCS#10, PEM or DER), sent as it is: the certificate is for its key, which certenroll never sees (an RA or proxy enrolling its devices'' requests). Its signature is checked first. Over SCEP, --key is the key that signs the SCEP messages and receives the reply (an RA''s); over EST the request needs no other key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Use this existing private key (PEM or DER, PKCS#8 or PKCS#1, or a pkcs11: URI naming a key on a token) instead of generating one')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Type of key to generate: rsa (the default, and what SCEP needs), p256 or p384 (EST; without this flag an EST server''s CSR attributes may ask for one)')
            [CompletionResult]::new('--out-key', '--out-key', [CompletionResultType]::ParameterName, 'Where to write the generated key (mode 0600, written before the request is sent), or a pkcs11: URI (RFC 7512) naming the token and label to generate it on')
            [CompletionResult]::new('--out-cert', '--out-cert', [CompletionResultType]::ParameterName, 'Where to write the issued certificate')
            [CompletionResult]::new('--out-chain', '--out-chain', [CompletionResultType]::ParameterName, 'Where to write the CA chain (the issuing CA and its issuers)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of written files')
            [CompletionResult]::new('--challenge-file', '--challenge-file', [CompletionResultType]::ParameterName, 'Read the challenge password from this file (first line)')
            [CompletionResult]::new('--challenge', '--challenge', [CompletionResultType]::ParameterName, 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE')
            [CompletionResult]::new('--challenge-env', '--challenge-env', [CompletionResultType]::ParameterName, 'Read the challenge password from this environment variable')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Use the CA (and RA) certificates from this file instead of asking the server')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How to send the request')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Seconds between polls of a pending request')
            [CompletionResult]::new('--poll-count', '--poll-count', [CompletionResultType]::ParameterName, 'Polls in this run before giving up for now (the request stays saved; exit 3)')
            [CompletionResult]::new('--jitter', '--jitter', [CompletionResultType]::ParameterName, 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables')
            [CompletionResult]::new('--out-p12', '--out-p12', [CompletionResultType]::ParameterName, 'Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices and web UIs that import only PKCS#12')
            [CompletionResult]::new('--p12-passphrase-file', '--p12-passphrase-file', [CompletionResultType]::ParameterName, 'Read the PKCS#12 passphrase from this file (first line)')
            [CompletionResult]::new('--p12-passphrase-env', '--p12-passphrase-env', [CompletionResultType]::ParameterName, 'Read the PKCS#12 passphrase from this environment variable')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'EST: the HTTP Basic user name')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this environment variable')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)')
            [CompletionResult]::new('--cipher', '--cipher', [CompletionResultType]::ParameterName, 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)')
            [CompletionResult]::new('--key-bits', '--key-bits', [CompletionResultType]::ParameterName, 'Size of the RSA key to generate')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--no-challenge', '--no-challenge', [CompletionResultType]::ParameterName, 'Send no challenge password and do not ask for one')
            [CompletionResult]::new('--require-caps', '--require-caps', [CompletionResultType]::ParameterName, 'Refuse to enroll when the server lists no capabilities, or only DES or SHA-1 (a man in the middle can strip GetCACaps), instead of falling back with a warning')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key file (only once the new certificate is verified)')
            [CompletionResult]::new('--cert-to-token', '--cert-to-token', [CompletionResultType]::ParameterName, 'Also put the certificate on the token beside its key (a pkcs11: key), with the key''s label and CKA_ID, replacing the certificate the key had there')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'On PENDING, save the request and exit 3 at once (finish later with `certenroll poll`)')
            [CompletionResult]::new('--replace-pending', '--replace-pending', [CompletionResultType]::ParameterName, 'Delete a pending request for the same key or certificate file first (and the key made for it); without this flag such a request is refused')
            [CompletionResult]::new('--retry-on-error', '--retry-on-error', [CompletionResultType]::ParameterName, 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;csrattrs' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The server''s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'EST: the HTTP Basic user name')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this environment variable')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;serverkeygen' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The server''s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'Common name (CN) of the subject')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization (O); may be repeated')
            [CompletionResult]::new('--o', '--o', [CompletionResultType]::ParameterName, 'Organization (O); may be repeated')
            [CompletionResult]::new('--ou', '--ou', [CompletionResultType]::ParameterName, 'Organizational unit (OU); may be repeated')
            [CompletionResult]::new('--locality', '--locality', [CompletionResultType]::ParameterName, 'Locality (L)')
            [CompletionResult]::new('--l', '--l', [CompletionResultType]::ParameterName, 'Locality (L)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'State or province (ST)')
            [CompletionResult]::new('--st', '--st', [CompletionResultType]::ParameterName, 'State or province (ST)')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Country (C), a two-letter code')
            [CompletionResult]::new('--c', '--c', [CompletionResultType]::ParameterName, 'Country (C), a two-letter code')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'E-mail address in the subject (emailAddress)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'The whole subject as one RFC 4514 string, e.g. "CN=printer-7,O=Example,C=DE"')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'Subject alternative names: dns:NAME, ip:ADDRESS, email:ADDRESS, uri:URI')
            [CompletionResult]::new('--key-usage', '--key-usage', [CompletionResultType]::ParameterName, 'Key usage to request, comma-separated, or "none"')
            [CompletionResult]::new('--eku', '--eku', [CompletionResultType]::ParameterName, 'Extended key usage to request, comma-separated names or OIDs')
            [CompletionResult]::new('--csr', '--csr', [CompletionResultType]::ParameterName, 'A request made elsewhere (PKCS#10, PEM or DER), sent as it is: the certificate is for its key, which certenroll never sees (an RA or proxy enrolling its devices'' requests). Its signature is checked first. Over SCEP, --key is the key that signs the SCEP messages and receives the reply (an RA''s); over EST the request needs no other key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Use this existing private key (PEM or DER, PKCS#8 or PKCS#1, or a pkcs11: URI naming a key on a token) instead of generating one')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Type of key to generate: rsa (the default, and what SCEP needs), p256 or p384 (EST; without this flag an EST server''s CSR attributes may ask for one)')
            [CompletionResult]::new('--out-key', '--out-key', [CompletionResultType]::ParameterName, 'Where to write the generated key (mode 0600, written before the request is sent), or a pkcs11: URI (RFC 7512) naming the token and label to generate it on')
            [CompletionResult]::new('--out-cert', '--out-cert', [CompletionResultType]::ParameterName, 'Where to write the issued certificate')
            [CompletionResult]::new('--out-chain', '--out-chain', [CompletionResultType]::ParameterName, 'Where to write the CA chain (the issuing CA and its issuers)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of written files')
            [CompletionResult]::new('--challenge-file', '--challenge-file', [CompletionResultType]::ParameterName, 'Read the challenge password from this file (first line)')
            [CompletionResult]::new('--challenge', '--challenge', [CompletionResultType]::ParameterName, 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE')
            [CompletionResult]::new('--challenge-env', '--challenge-env', [CompletionResultType]::ParameterName, 'Read the challenge password from this environment variable')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Use the CA (and RA) certificates from this file instead of asking the server')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How to send the request')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Seconds between polls of a pending request')
            [CompletionResult]::new('--poll-count', '--poll-count', [CompletionResultType]::ParameterName, 'Polls in this run before giving up for now (the request stays saved; exit 3)')
            [CompletionResult]::new('--jitter', '--jitter', [CompletionResultType]::ParameterName, 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables')
            [CompletionResult]::new('--out-p12', '--out-p12', [CompletionResultType]::ParameterName, 'Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices and web UIs that import only PKCS#12')
            [CompletionResult]::new('--p12-passphrase-file', '--p12-passphrase-file', [CompletionResultType]::ParameterName, 'Read the PKCS#12 passphrase from this file (first line)')
            [CompletionResult]::new('--p12-passphrase-env', '--p12-passphrase-env', [CompletionResultType]::ParameterName, 'Read the PKCS#12 passphrase from this environment variable')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'EST: the HTTP Basic user name')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this environment variable')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)')
            [CompletionResult]::new('--cipher', '--cipher', [CompletionResultType]::ParameterName, 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)')
            [CompletionResult]::new('--key-bits', '--key-bits', [CompletionResultType]::ParameterName, 'Size of the RSA key to generate')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--no-challenge', '--no-challenge', [CompletionResultType]::ParameterName, 'Send no challenge password and do not ask for one')
            [CompletionResult]::new('--require-caps', '--require-caps', [CompletionResultType]::ParameterName, 'Refuse to enroll when the server lists no capabilities, or only DES or SHA-1 (a man in the middle can strip GetCACaps), instead of falling back with a warning')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key file (only once the new certificate is verified)')
            [CompletionResult]::new('--cert-to-token', '--cert-to-token', [CompletionResultType]::ParameterName, 'Also put the certificate on the token beside its key (a pkcs11: key), with the key''s label and CKA_ID, replacing the certificate the key had there')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'On PENDING, save the request and exit 3 at once (finish later with `certenroll poll`)')
            [CompletionResult]::new('--replace-pending', '--replace-pending', [CompletionResultType]::ParameterName, 'Delete a pending request for the same key or certificate file first (and the key made for it); without this flag such a request is refused')
            [CompletionResult]::new('--retry-on-error', '--retry-on-error', [CompletionResultType]::ParameterName, 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;renew' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The SCEP URL')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The current key (it signs the renewal request; replaced by the new key unless --reuse-key). A pkcs11: URI names a key on a token: the new key is made there too')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The current certificate (replaced by the new one)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Where to write the CA chain')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of written files')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Use the CA (and RA) certificates from this file instead of asking the server')
            [CompletionResult]::new('--challenge-file', '--challenge-file', [CompletionResultType]::ParameterName, 'Read the challenge password from this file (first line)')
            [CompletionResult]::new('--challenge', '--challenge', [CompletionResultType]::ParameterName, 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE')
            [CompletionResult]::new('--challenge-env', '--challenge-env', [CompletionResultType]::ParameterName, 'Read the challenge password from this environment variable')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How to send the request')
            [CompletionResult]::new('--renew-at', '--renew-at', [CompletionResultType]::ParameterName, 'Due once this share of the certificate''s lifetime has passed')
            [CompletionResult]::new('--renew-before', '--renew-before', [CompletionResultType]::ParameterName, 'Also due once expiry is this close (e.g. 30d, 12h)')
            [CompletionResult]::new('--renewal', '--renewal', [CompletionResultType]::ParameterName, 'Which message to send')
            [CompletionResult]::new('--pre-hook', '--pre-hook', [CompletionResultType]::ParameterName, 'Run this shell command before a renewal attempt that will send something (not when nothing is due); then the executables of HOOKS/pre/. It gets CERTENROLL_PROFILE, CERTENROLL_CERT and CERTENROLL_KEY. If one fails, nothing is sent (exit 1)')
            [CompletionResult]::new('--deploy-hook', '--deploy-hook', [CompletionResultType]::ParameterName, 'Run this shell command after a new certificate is installed; then the executables of HOOKS/deploy/. It gets CERTENROLL_CERT, CERTENROLL_KEY, CERTENROLL_CHAIN, CERTENROLL_SERIAL, CERTENROLL_NOT_AFTER, CERTENROLL_SUBJECT and CERTENROLL_PROFILE; if one fails the new certificate stays, and the exit code is 1')
            [CompletionResult]::new('--post-hook', '--post-hook', [CompletionResultType]::ParameterName, 'Run this shell command after every renewal attempt, whatever came of it; then the executables of HOOKS/post/. It gets CERTENROLL_RESULT (issued, pending, rejected or failed), CERTENROLL_EXIT_CODE, CERTENROLL_PROFILE, CERTENROLL_CERT and CERTENROLL_KEY. (It used to mean what --deploy-hook means.)')
            [CompletionResult]::new('--ocsp-file', '--ocsp-file', [CompletionResultType]::ParameterName, 'Keep a verified OCSP response (DER) for the certificate here, for a TLS server to staple: fetched again once half of its validity has passed and for every new certificate, then the deploy hook runs (with CERTENROLL_OCSP_FILE) so that the server reloads it')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Seconds between polls of a pending request')
            [CompletionResult]::new('--poll-count', '--poll-count', [CompletionResultType]::ParameterName, 'Polls in this run before giving up for now (the request stays saved; exit 3)')
            [CompletionResult]::new('--jitter', '--jitter', [CompletionResultType]::ParameterName, 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables')
            [CompletionResult]::new('--out-p12', '--out-p12', [CompletionResultType]::ParameterName, 'Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices and web UIs that import only PKCS#12')
            [CompletionResult]::new('--p12-passphrase-file', '--p12-passphrase-file', [CompletionResultType]::ParameterName, 'Read the PKCS#12 passphrase from this file (first line)')
            [CompletionResult]::new('--p12-passphrase-env', '--p12-passphrase-env', [CompletionResultType]::ParameterName, 'Read the PKCS#12 passphrase from this environment variable')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'EST: the HTTP Basic user name')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this environment variable')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)')
            [CompletionResult]::new('--cipher', '--cipher', [CompletionResultType]::ParameterName, 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--no-challenge', '--no-challenge', [CompletionResultType]::ParameterName, 'Send no challenge password and do not ask for one')
            [CompletionResult]::new('--require-caps', '--require-caps', [CompletionResultType]::ParameterName, 'Refuse to enroll when the server lists no capabilities, or only DES or SHA-1 (a man in the middle can strip GetCACaps), instead of falling back with a warning')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Renew now, due or not')
            [CompletionResult]::new('--reuse-key', '--reuse-key', [CompletionResultType]::ParameterName, 'Keep the current key; request a new certificate for it')
            [CompletionResult]::new('--delete-old', '--delete-old', [CompletionResultType]::ParameterName, 'Do not keep the replaced key and certificate as *.prev')
            [CompletionResult]::new('--cert-to-token', '--cert-to-token', [CompletionResultType]::ParameterName, 'Also put the new certificate on the token beside its key (a pkcs11: key)')
            [CompletionResult]::new('--no-revocation-check', '--no-revocation-check', [CompletionResultType]::ParameterName, 'Do not ask whether the certificate was revoked. By default a certificate that names an OCSP responder or a CRL is checked on every run, and a revoked one is renewed at once')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'On PENDING, save the request and exit 3 at once')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Renew every profile of the configuration file that is due, one after the other; prints a summary and exits with the worst exit code')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say whether the certificate is due and why; send nothing, change nothing (exit 0)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'For scripts: send nothing; exit 0 when due, 1 when not, 2 and above on error')
            [CompletionResult]::new('--retry-on-error', '--retry-on-error', [CompletionResultType]::ParameterName, 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;poll' {
            [CompletionResult]::new('--transaction', '--transaction', [CompletionResultType]::ParameterName, 'Poll only this pending request (as `certenroll status` shows it); default: all')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Seconds between polls of a pending request')
            [CompletionResult]::new('--poll-count', '--poll-count', [CompletionResultType]::ParameterName, 'Polls in this run before giving up for now (the request stays saved; exit 3)')
            [CompletionResult]::new('--jitter', '--jitter', [CompletionResultType]::ParameterName, 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--retry-on-error', '--retry-on-error', [CompletionResultType]::ParameterName, 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;getcert' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The server''s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the result here (default: PEM on stdout)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of the written file')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Serial number of the certificate, in hex (as certenroll prints serials)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;getcrl' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The server''s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the result here (default: PEM on stdout)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of the written file')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Serial number (hex) of a certificate whose CRL is wanted (default: the CA''s own)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;ocsp' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate to check (PEM or DER; default: the profile''s cert)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Its CA certificate, or a chain holding it (default: the profile''s chain)')
            [CompletionResult]::new('--responder', '--responder', [CompletionResultType]::ParameterName, 'Ask this OCSP responder instead of the one the certificate names')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the verified response here (DER) when it says good, for stapling (default: the profile''s ocsp_file)')
            [CompletionResult]::new('--max-skew', '--max-skew', [CompletionResultType]::ParameterName, 'The clock difference allowed with the responder, in seconds')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The SCEP server to ask for the CRL (GetCRL) when the certificate names neither an OCSP responder nor a CRL distribution point (default: the profile''s url)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert and GetCRL, for servers that host several CAs')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'Ask the CRL of the certificate''s distribution point only, not OCSP')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;history' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;status' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;pending' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Everything about one request: subject, key, server, age, attempts, next attempt, last reason')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop polling it; the request and its key stay, for `pending resume`')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Poll it again (after `pending cancel`)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Forget it: its state goes, and the key made for it unless a certificate was ever installed for that key (never the key of an installed certificate)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Finish it with a certificate the CA''s administrator issued by hand: installed as an issued reply would be (files, chain, bundle, hook, history) if it holds the request''s key and chains to the CA; anything else is refused (exit 7) and nothing changes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;pending;show' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;pending;cancel' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;pending;resume' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;pending;delete' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;pending;merge' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate (PEM or DER; the first certificate of the file)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;pending;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Everything about one request: subject, key, server, age, attempts, next attempt, last reason')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop polling it; the request and its key stay, for `pending resume`')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Poll it again (after `pending cancel`)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Forget it: its state goes, and the key made for it unless a certificate was ever installed for that key (never the key of an installed certificate)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Finish it with a certificate the CA''s administrator issued by hand: installed as an issued reply would be (files, chain, bundle, hook, history) if it holds the request''s key and chains to the CA; anything else is refused (exit 7) and nothing changes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;pending;help;show' {
            break
        }
        'certenroll;pending;help;cancel' {
            break
        }
        'certenroll;pending;help;resume' {
            break
        }
        'certenroll;pending;help;delete' {
            break
        }
        'certenroll;pending;help;merge' {
            break
        }
        'certenroll;pending;help;help' {
            break
        }
        'certenroll;pkcs12' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key (PEM or DER, PKCS#8 or PKCS#1)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate of the key')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The CA chain to include (PEM, DER or PKCS#7)')
            [CompletionResult]::new('--out-p12', '--out-p12', [CompletionResultType]::ParameterName, 'Where to write the bundle (mode 0600)')
            [CompletionResult]::new('--p12-passphrase-file', '--p12-passphrase-file', [CompletionResultType]::ParameterName, 'Read the PKCS#12 passphrase from this file (first line)')
            [CompletionResult]::new('--p12-passphrase-env', '--p12-passphrase-env', [CompletionResultType]::ParameterName, 'Read the PKCS#12 passphrase from this environment variable')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing bundle')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;doctor' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The SCEP URL (or from --profile)')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'The protocol (default: est when the URL holds /.well-known/est, else scep)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The installed key, to check it against the certificate (a pkcs11: URI: the token, its PIN and the key object are checked too)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The installed certificate, to check its validity and renewal')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The CA chain file, to check whether the certificate was revoked (OCSP or CRL)')
            [CompletionResult]::new('--ocsp-file', '--ocsp-file', [CompletionResultType]::ParameterName, 'The OCSP staple file renew keeps, to check that it is fresh')
            [CompletionResult]::new('--challenge-file', '--challenge-file', [CompletionResultType]::ParameterName, 'The challenge file enrollment will read')
            [CompletionResult]::new('--challenge-env', '--challenge-env', [CompletionResultType]::ParameterName, 'The environment variable enrollment will read the challenge from')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'EST: the HTTP Basic user name')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'EST: read the HTTP password from this environment variable')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)')
            [CompletionResult]::new('--renew-at', '--renew-at', [CompletionResultType]::ParameterName, 'Renewal share of the lifetime, as for renew')
            [CompletionResult]::new('--renew-before', '--renew-before', [CompletionResultType]::ParameterName, 'Renewal margin before expiry, as for renew')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;config' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file in use, and whether it exists')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the profiles (or the one --profile names) as TOML, or JSON with --json')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read the configuration file and report the first error (file, line, key), if any')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the profiles (or the one --profile names) to FILE, for another device')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add the profiles of FILE to the configuration, replacing profiles of the same name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;config;init' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The SCEP or EST URL (an EST URL holds /.well-known/est)')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'The CA''s SHA-256 fingerprint, as its administrator gave it (checked against the server)')
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'Common name (default: this machine''s host name)')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'Subject alternative names, comma-separated (default: dns:CN)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The key file (default: beside the configuration, NAME.key), or a pkcs11: URI naming a key on a token (then --pkcs11-module names its module, --pin-file its PIN)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate file (default: NAME.pem)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The chain file (default: NAME-chain.pem)')
            [CompletionResult]::new('--challenge-file', '--challenge-file', [CompletionResultType]::ParameterName, 'A file holding the challenge password')
            [CompletionResult]::new('--challenge-env', '--challenge-env', [CompletionResultType]::ParameterName, 'An environment variable holding the challenge password')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'EST: the HTTP Basic user name (none: a client certificate or no login)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'EST: a file holding the HTTP password')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'EST: an environment variable holding the HTTP password')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'EST: the key type (rsa, p256, p384)')
            [CompletionResult]::new('--renew-at', '--renew-at', [CompletionResultType]::ParameterName, 'Renewal: share of the lifetime (default 66%)')
            [CompletionResult]::new('--key-bits', '--key-bits', [CompletionResultType]::ParameterName, 'RSA key size')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Ask nothing: take every answer from the flags (missing ones are an error or a default)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a profile of the same name')
            [CompletionResult]::new('--trust-ca', '--trust-ca', [CompletionResultType]::ParameterName, 'Trust and pin the CA the server shows, without a fingerprint to compare (only when the network path is trusted)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;config;path' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;config;show' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;config;check' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;config;export' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;config;import' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;config;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file in use, and whether it exists')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the profiles (or the one --profile names) as TOML, or JSON with --json')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read the configuration file and report the first error (file, line, key), if any')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the profiles (or the one --profile names) to FILE, for another device')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add the profiles of FILE to the configuration, replacing profiles of the same name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;config;help;init' {
            break
        }
        'certenroll;config;help;path' {
            break
        }
        'certenroll;config;help;show' {
            break
        }
        'certenroll;config;help;check' {
            break
        }
        'certenroll;config;help;export' {
            break
        }
        'certenroll;config;help;import' {
            break
        }
        'certenroll;config;help;help' {
            break
        }
        'certenroll;lab' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a SCEP (and, with --tls, EST) responder with a throwaway CA until interrupted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;lab;serve' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (0: any free port)')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Answer PENDING to the first N requests of each transaction, then issue')
            [CompletionResult]::new('--http-status', '--http-status', [CompletionResultType]::ParameterName, 'Answer PKIOperation with this HTTP status')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Wait this many seconds before answering PKIOperation')
            [CompletionResult]::new('--challenge', '--challenge', [CompletionResultType]::ParameterName, 'Require this challenge password in PKCSReq')
            [CompletionResult]::new('--fault-limit', '--fault-limit', [CompletionResultType]::ParameterName, 'Inject --fail, --http-status, --delay and --fault only into the first N PKIOperation requests')
            [CompletionResult]::new('--caps', '--caps', [CompletionResultType]::ParameterName, 'Capabilities to advertise, comma-separated (default: Renewal, SHA-1, SHA-256, SHA-512, AES, DES3, SCEPStandard, POSTPKIOperation)')
            [CompletionResult]::new('--validity-days', '--validity-days', [CompletionResultType]::ParameterName, 'Validity of issued certificates, in days')
            [CompletionResult]::new('--ca-out', '--ca-out', [CompletionResultType]::ParameterName, 'Also write the lab CA certificate (PEM) to this file')
            [CompletionResult]::new('--mitm-cacerts', '--mitm-cacerts', [CompletionResultType]::ParameterName, 'Act as a man in the middle on first contact: EST /cacerts answers the certificates in FILE (a genuine server''s CA) followed by the lab''s own CA, while TLS and enrollment use the lab''s CA. A client that pins the genuine CA must refuse this server')
            [CompletionResult]::new('--basic', '--basic', [CompletionResultType]::ParameterName, 'EST: accept HTTP Basic with this user and password for enrollment (a client certificate from the lab CA is accepted as well)')
            [CompletionResult]::new('--retry-after', '--retry-after', [CompletionResultType]::ParameterName, 'EST: the Retry-After of a 202 (with --pending): seconds, or "date" for an HTTP-date one second ahead')
            [CompletionResult]::new('--csrattrs-curve', '--csrattrs-curve', [CompletionResultType]::ParameterName, 'EST: csrattrs asks for an EC key on this curve (p256 or p384) instead of RSA-3072')
            [CompletionResult]::new('--quirk', '--quirk', [CompletionResultType]::ParameterName, 'Behave as a real server does (repeatable), to try a client against it')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'Revoke the certificate with this serial number (hex, as certenroll prints it) from the start, for REASON (keyCompromise, superseded...; default unspecified). Repeatable. While the lab runs: POST /lab/revoke?serial=HEX&reason=NAME')
            [CompletionResult]::new('--next-ca-out', '--next-ca-out', [CompletionResultType]::ParameterName, 'With --next-ca: write the successor''s certificate (followed by the current CA''s) and key (PEM, the key mode 0600) into DIR as next-ca.pem and next-ca.key, for a lab that runs after the rollover (--ca-cert DIR/next-ca.pem --ca-key DIR/next-ca.key)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Run with this CA certificate (PEM) instead of a new one; with --ca-key. Certificates after the first are earlier ones of the same CA (before a rollover): what they issued is renewed as this CA''s')
            [CompletionResult]::new('--ca-key', '--ca-key', [CompletionResultType]::ParameterName, 'The key of --ca-cert (PEM or DER, unencrypted)')
            [CompletionResult]::new('--ocsp-fault', '--ocsp-fault', [CompletionResultType]::ParameterName, 'OCSP: answer badly: wrong-key (signed by an unknown key), stale (nextUpdate passed), future (thisUpdate tomorrow), wrong-cert-id (about another serial), wrong-nonce, try-later, unauthorized, no-ocsp-signing (a responder certificate without id-kp-OCSPSigning)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'EST: accept HTTP Digest (RFC 7616, qop=auth) with this user and password for enrollment instead of Basic: the 401 challenges with Digest, as libest''s estserver -h does')
            [CompletionResult]::new('--digest-algorithm', '--digest-algorithm', [CompletionResultType]::ParameterName, 'EST: the hash the Digest challenge names: sha-256 or md5 (libest''s)')
            [CompletionResult]::new('--est-encoding', '--est-encoding', [CompletionResultType]::ParameterName, 'EST: how bodies are written: wrapped (base64 in 64 columns with Content-Transfer-Encoding, the default: RFC 7030''s examples, and what libest''s estclient needs), oneline (no line breaks, no CTE header, RFC 8951: what strongSwan 5.9.8 reads), pem, or der')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Send a hostile reply: wrong-signer, wrong-nonce, wrong-transaction, other-key, wrong-recipient (encrypted to another key) or truncated')
            [CompletionResult]::new('--tls-fault', '--tls-fault', [CompletionResultType]::ParameterName, 'Break the server certificate: wrong-name (issued for wrong-host.example), expired, not-yet-valid, untrusted (issued by an unknown CA), or ca-cert (a certificate with cA=TRUE presented as the server''s own). Implies --tls')
            [CompletionResult]::new('--fail', '--fail', [CompletionResultType]::ParameterName, 'Answer FAILURE with this failInfo: a code or its name (0 badAlg, 1 badMessageCheck, 2 badRequest, 3 badTime, 4 badCertId)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the configuration file; flags given here override it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The configuration file')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Where pending requests and the history are kept')
            [CompletionResult]::new('--lock-wait', '--lock-wait', [CompletionResultType]::ParameterName, 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file whose first line is the PKCS#11 token''s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run''s own waits (the longest --jitter and the polls); 0: no deadline')
            [CompletionResult]::new('--renewal-challenge', '--renewal-challenge', [CompletionResultType]::ParameterName, 'A renewal must carry the challenge too (RenewalReq, or PKCSReq signed with a certificate of this CA for the same subject, as sscep and `renew --renewal pkcsreq` send it); by default a renewal needs none, as micromdm''s and step-ca''s servers behave')
            [CompletionResult]::new('--ra', '--ra', [CompletionResultType]::ParameterName, 'Hand out separate RA certificates (one signs replies, one receives requests), as NDES does')
            [CompletionResult]::new('--forget-issued', '--forget-issued', [CompletionResultType]::ParameterName, 'Forget a transaction once its certificate is issued: a later CertPoll for it gets FAILURE badCertId, as from a CA that cleared its queue')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve HTTPS: a server certificate for 127.0.0.1, ::1 and localhost, issued by the lab CA (trust it with --ca-file and the file from --ca-out). Client certificates issued by the lab CA are accepted')
            [CompletionResult]::new('--require-client-cert', '--require-client-cert', [CompletionResultType]::ParameterName, 'EST: enrollment needs a client certificate issued by the lab CA (and, with --basic, the Basic login as well)')
            [CompletionResult]::new('--pkcs1-keys', '--pkcs1-keys', [CompletionResultType]::ParameterName, 'EST: serverkeygen sends the key as PKCS#1 instead of PKCS#8')
            [CompletionResult]::new('--next-ca', '--next-ca', [CompletionResultType]::ParameterName, 'Announce a successor CA (a new root key, valid from tomorrow), as a CA does before a rollover: SCEP GetCACaps lists GetNextCACert and GetNextCACert answers it, signed by the current CA; EST /cacerts carries OldWithNew, NewWithOld and NewWithNew')
            [CompletionResult]::new('--no-revocation-urls', '--no-revocation-urls', [CompletionResultType]::ParameterName, 'Issued certificates name neither the lab''s OCSP responder nor its CRL (as many SCEP CAs'' do not): a client must ask GetCRL')
            [CompletionResult]::new('--ocsp-delegated', '--ocsp-delegated', [CompletionResultType]::ParameterName, 'OCSP: sign responses with a responder certificate the CA issued for it (carried in the response) instead of with the CA''s key')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust HTTPS servers whose certificate chains to the operating system''s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certenroll;lab;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a SCEP (and, with --tls, EST) responder with a throwaway CA until interrupted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;lab;help;serve' {
            break
        }
        'certenroll;lab;help;help' {
            break
        }
        'certenroll;help' {
            [CompletionResult]::new('getcacaps', 'getcacaps', [CompletionResultType]::ParameterValue, 'Show what a SCEP server supports (GetCACaps)')
            [CompletionResult]::new('getcacert', 'getcacert', [CompletionResultType]::ParameterValue, 'Fetch and show the CA (and RA) certificates (SCEP GetCACert, EST /cacerts)')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Generate a key, request a certificate and install it')
            [CompletionResult]::new('csrattrs', 'csrattrs', [CompletionResultType]::ParameterValue, 'EST: the CSR attributes the server asks for (/csrattrs), decoded')
            [CompletionResult]::new('serverkeygen', 'serverkeygen', [CompletionResultType]::ParameterValue, 'EST: have the server generate the key (/serverkeygen) and install key and certificate')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew a certificate when it is due: new key, request signed with the current certificate, swap only once the new one is verified')
            [CompletionResult]::new('poll', 'poll', [CompletionResultType]::ParameterValue, 'Ask the CA again about pending requests (SCEP CertPoll, EST: the request again), and install what was issued')
            [CompletionResult]::new('getcert', 'getcert', [CompletionResultType]::ParameterValue, 'Fetch an issued certificate by serial number (GetCert)')
            [CompletionResult]::new('getcrl', 'getcrl', [CompletionResultType]::ParameterValue, 'Fetch the CA''s certificate revocation list (GetCRL)')
            [CompletionResult]::new('ocsp', 'ocsp', [CompletionResultType]::ParameterValue, 'Check whether a certificate is revoked (OCSP, or the CRL), and keep a verified OCSP response for stapling')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the last 20 results (newest last), as a device''s status page does')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The certificates certenroll manages and the pending requests, each with its state and next step')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'Act on a request the CA has not decided yet: show, cancel, resume, delete, or finish it with a certificate issued by hand')
            [CompletionResult]::new('pkcs12', 'pkcs12', [CompletionResultType]::ParameterValue, 'Bundle a key, its certificate and the CA chain into a PKCS#12 file')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check, step by step, why a device can or cannot enroll, and say how to fix it')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, check, export and import the configuration file''s profiles')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'The embedded test responder (a throwaway CA for SCEP, and EST over TLS, with fault injection)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;help;getcacaps' {
            break
        }
        'certenroll;help;getcacert' {
            break
        }
        'certenroll;help;enroll' {
            break
        }
        'certenroll;help;csrattrs' {
            break
        }
        'certenroll;help;serverkeygen' {
            break
        }
        'certenroll;help;renew' {
            break
        }
        'certenroll;help;poll' {
            break
        }
        'certenroll;help;getcert' {
            break
        }
        'certenroll;help;getcrl' {
            break
        }
        'certenroll;help;ocsp' {
            break
        }
        'certenroll;help;history' {
            break
        }
        'certenroll;help;list' {
            break
        }
        'certenroll;help;pending' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Everything about one request: subject, key, server, age, attempts, next attempt, last reason')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop polling it; the request and its key stay, for `pending resume`')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Poll it again (after `pending cancel`)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Forget it: its state goes, and the key made for it unless a certificate was ever installed for that key (never the key of an installed certificate)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Finish it with a certificate the CA''s administrator issued by hand: installed as an issued reply would be (files, chain, bundle, hook, history) if it holds the request''s key and chains to the CA; anything else is refused (exit 7) and nothing changes')
            break
        }
        'certenroll;help;pending;show' {
            break
        }
        'certenroll;help;pending;cancel' {
            break
        }
        'certenroll;help;pending;resume' {
            break
        }
        'certenroll;help;pending;delete' {
            break
        }
        'certenroll;help;pending;merge' {
            break
        }
        'certenroll;help;pkcs12' {
            break
        }
        'certenroll;help;doctor' {
            break
        }
        'certenroll;help;config' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file in use, and whether it exists')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the profiles (or the one --profile names) as TOML, or JSON with --json')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read the configuration file and report the first error (file, line, key), if any')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the profiles (or the one --profile names) to FILE, for another device')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add the profiles of FILE to the configuration, replacing profiles of the same name')
            break
        }
        'certenroll;help;config;init' {
            break
        }
        'certenroll;help;config;path' {
            break
        }
        'certenroll;help;config;show' {
            break
        }
        'certenroll;help;config;check' {
            break
        }
        'certenroll;help;config;export' {
            break
        }
        'certenroll;help;config;import' {
            break
        }
        'certenroll;help;lab' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a SCEP (and, with --tls, EST) responder with a throwaway CA until interrupted')
            break
        }
        'certenroll;help;lab;serve' {
            break
        }
        'certenroll;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
