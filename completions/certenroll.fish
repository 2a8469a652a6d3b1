# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_certenroll_global_optspecs
    string join \n json v/verbose q/quiet color= profile= config= state-dir= lock-wait= ca-file= system-roots timeout= pkcs11-module= pin-file= deadline= h/help V/version
end

function __fish_certenroll_profiles
    set -l words (commandline -opc)
    set -l config
    for i in (seq 2 (count $words))
        if test "$words[$i]" = --config; and set -q words[(math $i + 1)]
            set config --config $words[(math $i + 1)]
        else if string match -q -- '--config=*' $words[$i]
            set config $words[$i]
        end
    end
    set -l file ($words[1] $config config path 2>/dev/null)
    or return
    test -r "$file"; or return
    string replace -rf '^\s*\[profile\.(.*)\]\s*$' '$1' < $file | string trim -c '"'
end

# --profile is taken before and after the command; the conditions below fail while the
# value after a global option is still missing (`certenroll --profile <Tab>`).
complete -c certenroll -l profile -r -f -a "(__fish_certenroll_profiles)"

function __fish_certenroll_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_certenroll_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_certenroll_using_subcommand
    set -l cmd (__fish_certenroll_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c certenroll -n "__fish_certenroll_needs_command" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_needs_command" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_needs_command" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_needs_command" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_needs_command" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_needs_command" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_needs_command" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_needs_command" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_needs_command" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_needs_command" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_needs_command" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_needs_command" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_needs_command" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_needs_command" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_needs_command" -s V -l version -d 'Print version'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "getcacaps" -d 'Show what a SCEP server supports (GetCACaps)'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "getcacert" -d 'Fetch and show the CA (and RA) certificates (SCEP GetCACert, EST /cacerts)'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "enroll" -d 'Generate a key, request a certificate and install it'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "csrattrs" -d 'EST: the CSR attributes the server asks for (/csrattrs), decoded'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "serverkeygen" -d 'EST: have the server generate the key (/serverkeygen) and install key and certificate'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "renew" -d 'Renew a certificate when it is due: new key, request signed with the current certificate, swap only once the new one is verified'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "poll" -d 'Ask the CA again about pending requests (SCEP CertPoll, EST: the request again), and install what was issued'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "getcert" -d 'Fetch an issued certificate by serial number (GetCert)'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "getcrl" -d 'Fetch the CA\'s certificate revocation list (GetCRL)'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "ocsp" -d 'Check whether a certificate is revoked (OCSP, or the CRL), and keep a verified OCSP response for stapling'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "history" -d 'Show the last 20 results (newest last), as a device\'s status page does'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "list" -d 'The certificates certenroll manages and the pending requests, each with its state and next step'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "status" -d 'The certificates certenroll manages and the pending requests, each with its state and next step'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "pending" -d 'Act on a request the CA has not decided yet: show, cancel, resume, delete, or finish it with a certificate issued by hand'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "pkcs12" -d 'Bundle a key, its certificate and the CA chain into a PKCS#12 file'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "doctor" -d 'Check, step by step, why a device can or cannot enroll, and say how to fix it'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "config" -d 'Show, check, export and import the configuration file\'s profiles'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "lab" -d 'The embedded test responder (a throwaway CA for SCEP, and EST over TLS, with fault injection)'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l url -d 'The server\'s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l url -d 'The server\'s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l out -d 'Write the certificates here' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l format -d 'Encoding of written files' -r -f -a "pem\t'Base64 with -----BEGIN----- lines'
der\t'Binary DER (a chain of several certificates becomes a PKCS#7 bundle)'
p7\t'Certificates as a PKCS#7 certs-only bundle (DER), even a lone one, as some RAs and Windows tools want them (.p7b); a key file certenroll writes stays PEM'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l next -d 'Also show the successor the CA announces before a rollover (SCEP: GetNextCACert, when the server lists it, verified as signed by the current CA; EST: NewWithNew of /cacerts). With --out DIR it is written to DIR/next-ca.pem'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l url -d 'The server\'s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l cn -d 'Common name (CN) of the subject' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l org -l o -d 'Organization (O); may be repeated' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l ou -d 'Organizational unit (OU); may be repeated' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l locality -l l -d 'Locality (L)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l state -l st -d 'State or province (ST)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l country -l c -d 'Country (C), a two-letter code' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l email -d 'E-mail address in the subject (emailAddress)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l subject -d 'The whole subject as one RFC 4514 string, e.g. "CN=printer-7,O=Example,C=DE"' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l san -d 'Subject alternative names: dns:NAME, ip:ADDRESS, email:ADDRESS, uri:URI' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l key-usage -d 'Key usage to request, comma-separated, or "none"' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l eku -d 'Extended key usage to request, comma-separated names or OIDs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l csr -d 'A request made elsewhere (PKCS#10, PEM or DER), sent as it is: the certificate is for its key, which certenroll never sees (an RA or proxy enrolling its devices\' requests). Its signature is checked first. Over SCEP, --key is the key that signs the SCEP messages and receives the reply (an RA\'s); over EST the request needs no other key' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l key -d 'Use this existing private key (PEM or DER, PKCS#8 or PKCS#1, or a pkcs11: URI naming a key on a token) instead of generating one' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l key-type -d 'Type of key to generate: rsa (the default, and what SCEP needs), p256 or p384 (EST; without this flag an EST server\'s CSR attributes may ask for one)' -r -f -a "rsa\t'RSA (what SCEP requires), --key-bits long'
p256\t'ECDSA on NIST P-256 (EST only)'
p384\t'ECDSA on NIST P-384 (EST only)'"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l out-key -d 'Where to write the generated key (mode 0600, written before the request is sent), or a pkcs11: URI (RFC 7512) naming the token and label to generate it on' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l out-cert -d 'Where to write the issued certificate' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l out-chain -d 'Where to write the CA chain (the issuing CA and its issuers)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l format -d 'Encoding of written files' -r -f -a "pem\t'Base64 with -----BEGIN----- lines'
der\t'Binary DER (a chain of several certificates becomes a PKCS#7 bundle)'
p7\t'Certificates as a PKCS#7 certs-only bundle (DER), even a lone one, as some RAs and Windows tools want them (.p7b); a key file certenroll writes stays PEM'"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l challenge-file -d 'Read the challenge password from this file (first line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l challenge -d 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l challenge-env -d 'Read the challenge password from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l ca-cert -d 'Use the CA (and RA) certificates from this file instead of asking the server' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l method -d 'How to send the request' -r -f -a "auto\t'POST when the server advertises POSTPKIOperation or SCEPStandard, else GET'
get\t'Always HTTP GET'
post\t'Always HTTP POST'"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l poll-interval -d 'Seconds between polls of a pending request' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l poll-count -d 'Polls in this run before giving up for now (the request stays saved; exit 3)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l jitter -d 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l out-p12 -d 'Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices and web UIs that import only PKCS#12' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l p12-passphrase-file -d 'Read the PKCS#12 passphrase from this file (first line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l p12-passphrase-env -d 'Read the PKCS#12 passphrase from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l username -d 'EST: the HTTP Basic user name' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l password-file -d 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l password-env -d 'EST: read the HTTP password from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l client-cert -d 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l client-key -d 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l cipher -d 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)' -r -f -a "aes256\t''
aes192\t''
aes128\t''
des3\t''
des\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l digest -d 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)' -r -f -a "sha1\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l key-bits -d 'Size of the RSA key to generate' -r -f -a "2048\t''
3072\t''
4096\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l no-challenge -d 'Send no challenge password and do not ask for one'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l require-caps -d 'Refuse to enroll when the server lists no capabilities, or only DES or SHA-1 (a man in the middle can strip GetCACaps), instead of falling back with a warning'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l force -d 'Replace an existing key file (only once the new certificate is verified)'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l cert-to-token -d 'Also put the certificate on the token beside its key (a pkcs11: key), with the key\'s label and CKA_ID, replacing the certificate the key had there'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l no-wait -d 'On PENDING, save the request and exit 3 at once (finish later with `certenroll poll`)'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l replace-pending -d 'Delete a pending request for the same key or certificate file first (and the key made for it); without this flag such a request is refused'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l retry-on-error -d 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l url -d 'The server\'s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l username -d 'EST: the HTTP Basic user name' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l password-file -d 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l password-env -d 'EST: read the HTTP password from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l client-cert -d 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l client-key -d 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand csrattrs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l url -d 'The server\'s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l cn -d 'Common name (CN) of the subject' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l org -l o -d 'Organization (O); may be repeated' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l ou -d 'Organizational unit (OU); may be repeated' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l locality -l l -d 'Locality (L)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l state -l st -d 'State or province (ST)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l country -l c -d 'Country (C), a two-letter code' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l email -d 'E-mail address in the subject (emailAddress)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l subject -d 'The whole subject as one RFC 4514 string, e.g. "CN=printer-7,O=Example,C=DE"' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l san -d 'Subject alternative names: dns:NAME, ip:ADDRESS, email:ADDRESS, uri:URI' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l key-usage -d 'Key usage to request, comma-separated, or "none"' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l eku -d 'Extended key usage to request, comma-separated names or OIDs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l csr -d 'A request made elsewhere (PKCS#10, PEM or DER), sent as it is: the certificate is for its key, which certenroll never sees (an RA or proxy enrolling its devices\' requests). Its signature is checked first. Over SCEP, --key is the key that signs the SCEP messages and receives the reply (an RA\'s); over EST the request needs no other key' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l key -d 'Use this existing private key (PEM or DER, PKCS#8 or PKCS#1, or a pkcs11: URI naming a key on a token) instead of generating one' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l key-type -d 'Type of key to generate: rsa (the default, and what SCEP needs), p256 or p384 (EST; without this flag an EST server\'s CSR attributes may ask for one)' -r -f -a "rsa\t'RSA (what SCEP requires), --key-bits long'
p256\t'ECDSA on NIST P-256 (EST only)'
p384\t'ECDSA on NIST P-384 (EST only)'"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l out-key -d 'Where to write the generated key (mode 0600, written before the request is sent), or a pkcs11: URI (RFC 7512) naming the token and label to generate it on' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l out-cert -d 'Where to write the issued certificate' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l out-chain -d 'Where to write the CA chain (the issuing CA and its issuers)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l format -d 'Encoding of written files' -r -f -a "pem\t'Base64 with -----BEGIN----- lines'
der\t'Binary DER (a chain of several certificates becomes a PKCS#7 bundle)'
p7\t'Certificates as a PKCS#7 certs-only bundle (DER), even a lone one, as some RAs and Windows tools want them (.p7b); a key file certenroll writes stays PEM'"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l challenge-file -d 'Read the challenge password from this file (first line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l challenge -d 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l challenge-env -d 'Read the challenge password from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l ca-cert -d 'Use the CA (and RA) certificates from this file instead of asking the server' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l method -d 'How to send the request' -r -f -a "auto\t'POST when the server advertises POSTPKIOperation or SCEPStandard, else GET'
get\t'Always HTTP GET'
post\t'Always HTTP POST'"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l poll-interval -d 'Seconds between polls of a pending request' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l poll-count -d 'Polls in this run before giving up for now (the request stays saved; exit 3)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l jitter -d 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l out-p12 -d 'Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices and web UIs that import only PKCS#12' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l p12-passphrase-file -d 'Read the PKCS#12 passphrase from this file (first line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l p12-passphrase-env -d 'Read the PKCS#12 passphrase from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l username -d 'EST: the HTTP Basic user name' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l password-file -d 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l password-env -d 'EST: read the HTTP password from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l client-cert -d 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l client-key -d 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l cipher -d 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)' -r -f -a "aes256\t''
aes192\t''
aes128\t''
des3\t''
des\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l digest -d 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)' -r -f -a "sha1\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l key-bits -d 'Size of the RSA key to generate' -r -f -a "2048\t''
3072\t''
4096\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l no-challenge -d 'Send no challenge password and do not ask for one'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l require-caps -d 'Refuse to enroll when the server lists no capabilities, or only DES or SHA-1 (a man in the middle can strip GetCACaps), instead of falling back with a warning'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l force -d 'Replace an existing key file (only once the new certificate is verified)'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l cert-to-token -d 'Also put the certificate on the token beside its key (a pkcs11: key), with the key\'s label and CKA_ID, replacing the certificate the key had there'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l no-wait -d 'On PENDING, save the request and exit 3 at once (finish later with `certenroll poll`)'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l replace-pending -d 'Delete a pending request for the same key or certificate file first (and the key made for it); without this flag such a request is refused'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l retry-on-error -d 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand serverkeygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l url -d 'The SCEP URL' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l ca-ident -d 'CA identifier sent with GetCACert' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l key -d 'The current key (it signs the renewal request; replaced by the new key unless --reuse-key). A pkcs11: URI names a key on a token: the new key is made there too' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l cert -d 'The current certificate (replaced by the new one)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l chain -d 'Where to write the CA chain' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l format -d 'Encoding of written files' -r -f -a "pem\t'Base64 with -----BEGIN----- lines'
der\t'Binary DER (a chain of several certificates becomes a PKCS#7 bundle)'
p7\t'Certificates as a PKCS#7 certs-only bundle (DER), even a lone one, as some RAs and Windows tools want them (.p7b); a key file certenroll writes stays PEM'"
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l ca-cert -d 'Use the CA (and RA) certificates from this file instead of asking the server' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l challenge-file -d 'Read the challenge password from this file (first line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l challenge -d 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l challenge-env -d 'Read the challenge password from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l method -d 'How to send the request' -r -f -a "auto\t'POST when the server advertises POSTPKIOperation or SCEPStandard, else GET'
get\t'Always HTTP GET'
post\t'Always HTTP POST'"
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l renew-at -d 'Due once this share of the certificate\'s lifetime has passed' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l renew-before -d 'Also due once expiry is this close (e.g. 30d, 12h)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l renewal -d 'Which message to send' -r -f -a "auto\t'RenewalReq when the CA advertises Renewal, else PKCSReq signed with the current certificate (as NDES expects)'
renewalreq\t'Always RenewalReq'
pkcsreq\t'Always PKCSReq signed with the current certificate'"
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l pre-hook -d 'Run this shell command before a renewal attempt that will send something (not when nothing is due); then the executables of HOOKS/pre/. It gets CERTENROLL_PROFILE, CERTENROLL_CERT and CERTENROLL_KEY. If one fails, nothing is sent (exit 1)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l deploy-hook -d 'Run this shell command after a new certificate is installed; then the executables of HOOKS/deploy/. It gets CERTENROLL_CERT, CERTENROLL_KEY, CERTENROLL_CHAIN, CERTENROLL_SERIAL, CERTENROLL_NOT_AFTER, CERTENROLL_SUBJECT and CERTENROLL_PROFILE; if one fails the new certificate stays, and the exit code is 1' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l post-hook -d 'Run this shell command after every renewal attempt, whatever came of it; then the executables of HOOKS/post/. It gets CERTENROLL_RESULT (issued, pending, rejected or failed), CERTENROLL_EXIT_CODE, CERTENROLL_PROFILE, CERTENROLL_CERT and CERTENROLL_KEY. (It used to mean what --deploy-hook means.)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l ocsp-file -d 'Keep a verified OCSP response (DER) for the certificate here, for a TLS server to staple: fetched again once half of its validity has passed and for every new certificate, then the deploy hook runs (with CERTENROLL_OCSP_FILE) so that the server reloads it' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l poll-interval -d 'Seconds between polls of a pending request' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l poll-count -d 'Polls in this run before giving up for now (the request stays saved; exit 3)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l jitter -d 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l out-p12 -d 'Also write key, certificate and chain as one PKCS#12 file (mode 0600), for devices and web UIs that import only PKCS#12' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l p12-passphrase-file -d 'Read the PKCS#12 passphrase from this file (first line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l p12-passphrase-env -d 'Read the PKCS#12 passphrase from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l username -d 'EST: the HTTP Basic user name' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l password-file -d 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l password-env -d 'EST: read the HTTP password from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l client-cert -d 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l client-key -d 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l cipher -d 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)' -r -f -a "aes256\t''
aes192\t''
aes128\t''
des3\t''
des\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l digest -d 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)' -r -f -a "sha1\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l no-challenge -d 'Send no challenge password and do not ask for one'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l require-caps -d 'Refuse to enroll when the server lists no capabilities, or only DES or SHA-1 (a man in the middle can strip GetCACaps), instead of falling back with a warning'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l force -d 'Renew now, due or not'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l reuse-key -d 'Keep the current key; request a new certificate for it'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l delete-old -d 'Do not keep the replaced key and certificate as *.prev'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l cert-to-token -d 'Also put the new certificate on the token beside its key (a pkcs11: key)'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l no-revocation-check -d 'Do not ask whether the certificate was revoked. By default a certificate that names an OCSP responder or a CRL is checked on every run, and a revoked one is renewed at once'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l no-wait -d 'On PENDING, save the request and exit 3 at once'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l all -d 'Renew every profile of the configuration file that is due, one after the other; prints a summary and exits with the worst exit code'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l dry-run -d 'Say whether the certificate is due and why; send nothing, change nothing (exit 0)'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l check -d 'For scripts: send nothing; exit 0 when due, 1 when not, 2 and above on error'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l retry-on-error -d 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand renew" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l transaction -d 'Poll only this pending request (as `certenroll status` shows it); default: all' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l poll-interval -d 'Seconds between polls of a pending request' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l poll-count -d 'Polls in this run before giving up for now (the request stays saved; exit 3)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l jitter -d 'Wait a random time first, MIN..MAX seconds (e.g. 1..600), so that a fleet of devices on the same timer does not reach the CA in the same second. 0 disables' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l retry-on-error -d 'Retry after a communication error (no connection, timeout, HTTP error) instead of stopping; a rejection by the CA is never retried'
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand poll" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l url -d 'The server\'s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l out -d 'Write the result here (default: PEM on stdout)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l format -d 'Encoding of the written file' -r -f -a "pem\t'Base64 with -----BEGIN----- lines'
der\t'Binary DER (a chain of several certificates becomes a PKCS#7 bundle)'
p7\t'Certificates as a PKCS#7 certs-only bundle (DER), even a lone one, as some RAs and Windows tools want them (.p7b); a key file certenroll writes stays PEM'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l serial -d 'Serial number of the certificate, in hex (as certenroll prints serials)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l url -d 'The server\'s URL: SCEP, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll; EST, e.g. https://est.example.com/.well-known/est (or https://est.example.com with --protocol est)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l out -d 'Write the result here (default: PEM on stdout)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l format -d 'Encoding of the written file' -r -f -a "pem\t'Base64 with -----BEGIN----- lines'
der\t'Binary DER (a chain of several certificates becomes a PKCS#7 bundle)'
p7\t'Certificates as a PKCS#7 certs-only bundle (DER), even a lone one, as some RAs and Windows tools want them (.p7b); a key file certenroll writes stays PEM'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l serial -d 'Serial number (hex) of a certificate whose CRL is wanted (default: the CA\'s own)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcrl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l cert -d 'The certificate to check (PEM or DER; default: the profile\'s cert)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l chain -d 'Its CA certificate, or a chain holding it (default: the profile\'s chain)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l responder -d 'Ask this OCSP responder instead of the one the certificate names' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l out -d 'Write the verified response here (DER) when it says good, for stapling (default: the profile\'s ocsp_file)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l max-skew -d 'The clock difference allowed with the responder, in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l url -d 'The SCEP server to ask for the CRL (GetCRL) when the certificate names neither an OCSP responder nor a CRL distribution point (default: the profile\'s url)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l ca-ident -d 'CA identifier sent with GetCACert and GetCRL, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l crl -d 'Ask the CRL of the certificate\'s distribution point only, not OCSP'
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand ocsp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -f -a "show" -d 'Everything about one request: subject, key, server, age, attempts, next attempt, last reason'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -f -a "cancel" -d 'Stop polling it; the request and its key stay, for `pending resume`'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -f -a "resume" -d 'Poll it again (after `pending cancel`)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -f -a "delete" -d 'Forget it: its state goes, and the key made for it unless a certificate was ever installed for that key (never the key of an installed certificate)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -f -a "merge" -d 'Finish it with a certificate the CA\'s administrator issued by hand: installed as an issued reply would be (files, chain, bundle, hook, history) if it holds the request\'s key and chains to the CA; anything else is refused (exit 7) and nothing changes'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and not __fish_seen_subcommand_from show cancel resume delete merge help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l cert -d 'The certificate (PEM or DER; the first certificate of the file)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from help" -f -a "show" -d 'Everything about one request: subject, key, server, age, attempts, next attempt, last reason'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Stop polling it; the request and its key stay, for `pending resume`'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Poll it again (after `pending cancel`)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Forget it: its state goes, and the key made for it unless a certificate was ever installed for that key (never the key of an installed certificate)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from help" -f -a "merge" -d 'Finish it with a certificate the CA\'s administrator issued by hand: installed as an issued reply would be (files, chain, bundle, hook, history) if it holds the request\'s key and chains to the CA; anything else is refused (exit 7) and nothing changes'
complete -c certenroll -n "__fish_certenroll_using_subcommand pending; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l key -d 'The private key (PEM or DER, PKCS#8 or PKCS#1)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l cert -d 'The certificate of the key' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l chain -d 'The CA chain to include (PEM, DER or PKCS#7)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l out-p12 -d 'Where to write the bundle (mode 0600)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l p12-passphrase-file -d 'Read the PKCS#12 passphrase from this file (first line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l p12-passphrase-env -d 'Read the PKCS#12 passphrase from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l force -d 'Replace an existing bundle'
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand pkcs12" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l url -d 'The SCEP URL (or from --profile)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l ca-ident -d 'CA identifier sent with GetCACert' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l protocol -d 'The protocol (default: est when the URL holds /.well-known/est, else scep)' -r -f -a "scep\t'SCEP (RFC 8894)'
est\t'EST (RFC 7030), over HTTPS'"
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l label -d 'EST: the CA label (https://HOST/.well-known/est/LABEL/...)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l key -d 'The installed key, to check it against the certificate (a pkcs11: URI: the token, its PIN and the key object are checked too)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l cert -d 'The installed certificate, to check its validity and renewal' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l chain -d 'The CA chain file, to check whether the certificate was revoked (OCSP or CRL)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l ocsp-file -d 'The OCSP staple file renew keeps, to check that it is fresh' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l challenge-file -d 'The challenge file enrollment will read' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l challenge-env -d 'The environment variable enrollment will read the challenge from' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l username -d 'EST: the HTTP Basic user name' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l password-file -d 'EST: read the HTTP password from this file (first line); without it and --password-env, a terminal asks' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l password-env -d 'EST: read the HTTP password from this environment variable' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l client-cert -d 'EST: authenticate the TLS connection with this certificate (PEM; its chain may follow)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l client-key -d 'EST: the key of --client-cert (a file, or a pkcs11: URI naming a key on a token)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l renew-at -d 'Renewal share of the lifetime, as for renew' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l renew-before -d 'Renewal margin before expiry, as for renew' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -f -a "init" -d 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -f -a "path" -d 'Print the path of the configuration file in use, and whether it exists'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -f -a "show" -d 'Print the profiles (or the one --profile names) as TOML, or JSON with --json'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -f -a "check" -d 'Read the configuration file and report the first error (file, line, key), if any'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -f -a "export" -d 'Write the profiles (or the one --profile names) to FILE, for another device'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -f -a "import" -d 'Add the profiles of FILE to the configuration, replacing profiles of the same name'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and not __fish_seen_subcommand_from init path show check export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l url -d 'The SCEP or EST URL (an EST URL holds /.well-known/est)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l fingerprint -d 'The CA\'s SHA-256 fingerprint, as its administrator gave it (checked against the server)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l cn -d 'Common name (default: this machine\'s host name)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l san -d 'Subject alternative names, comma-separated (default: dns:CN)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l key -d 'The key file (default: beside the configuration, NAME.key), or a pkcs11: URI naming a key on a token (then --pkcs11-module names its module, --pin-file its PIN)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l cert -d 'The certificate file (default: NAME.pem)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l chain -d 'The chain file (default: NAME-chain.pem)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l challenge-file -d 'A file holding the challenge password' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l challenge-env -d 'An environment variable holding the challenge password' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l username -d 'EST: the HTTP Basic user name (none: a client certificate or no login)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l password-file -d 'EST: a file holding the HTTP password' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l password-env -d 'EST: an environment variable holding the HTTP password' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l key-type -d 'EST: the key type (rsa, p256, p384)' -r -f -a "rsa\t'RSA (what SCEP requires), --key-bits long'
p256\t'ECDSA on NIST P-256 (EST only)'
p384\t'ECDSA on NIST P-384 (EST only)'"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l renew-at -d 'Renewal: share of the lifetime (default 66%)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l key-bits -d 'RSA key size' -r -f -a "2048\t''
3072\t''
4096\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l no-input -d 'Ask nothing: take every answer from the flags (missing ones are an error or a default)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Replace a profile of the same name'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l trust-ca -d 'Trust and pin the CA the server shows, without a fingerprint to compare (only when the network path is trusted)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the configuration file in use, and whether it exists'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the profiles (or the one --profile names) as TOML, or JSON with --json'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Read the configuration file and report the first error (file, line, key), if any'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the profiles (or the one --profile names) to FILE, for another device'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add the profiles of FILE to the configuration, replacing profiles of the same name'
complete -c certenroll -n "__fish_certenroll_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -f -a "serve" -d 'Run a SCEP (and, with --tls, EST) responder with a throwaway CA until interrupted'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and not __fish_seen_subcommand_from serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l bind -d 'Address to listen on' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l port -d 'Port to listen on (0: any free port)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l pending -d 'Answer PENDING to the first N requests of each transaction, then issue' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l http-status -d 'Answer PKIOperation with this HTTP status' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l delay -d 'Wait this many seconds before answering PKIOperation' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l challenge -d 'Require this challenge password in PKCSReq' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l fault-limit -d 'Inject --fail, --http-status, --delay and --fault only into the first N PKIOperation requests' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l caps -d 'Capabilities to advertise, comma-separated (default: Renewal, SHA-1, SHA-256, SHA-512, AES, DES3, SCEPStandard, POSTPKIOperation)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l validity-days -d 'Validity of issued certificates, in days' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l ca-out -d 'Also write the lab CA certificate (PEM) to this file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l mitm-cacerts -d 'Act as a man in the middle on first contact: EST /cacerts answers the certificates in FILE (a genuine server\'s CA) followed by the lab\'s own CA, while TLS and enrollment use the lab\'s CA. A client that pins the genuine CA must refuse this server' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l basic -d 'EST: accept HTTP Basic with this user and password for enrollment (a client certificate from the lab CA is accepted as well)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l retry-after -d 'EST: the Retry-After of a 202 (with --pending): seconds, or "date" for an HTTP-date one second ahead' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l csrattrs-curve -d 'EST: csrattrs asks for an EC key on this curve (p256 or p384) instead of RSA-3072' -r -f -a "p256\t''
p384\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l quirk -d 'Behave as a real server does (repeatable), to try a client against it' -r -f -a "long-serials\t'CA, RA and issued certificates with 32-octet serial numbers (some CAs)'
ejbca-ca-mode\t'GetCACaps and GetCACert answer 404 unless message=LabCA (EJBCA in CA mode)'
ndes-2003-caps\t'GetCACaps closes the connection (NDES on Windows Server 2003)'
ndes-2008-caps\t'GetCACaps answers an empty body (NDES on 2008 without KB2483564)'
ndes-2008r2-caps\t'GetCACaps answers without a Content-Type (NDES on 2008 R2)'
ndes-2012-post\t'a POSTed PKIOperation gets an empty 200; Server: Microsoft-IIS/8.0 (NDES on 2012)'
ra-ca-flag\t'RA certificates with cA=TRUE but no keyCertSign (implies --ra)'
expired-ra\t'expired RA certificates; PKIOperation answers HTTP 500, as NDES does (implies --ra)'
openxpki\t'a transactionID that is not hex is refused (OpenXPKI)'
dogtag\t'only DES3, SHA-256 and SHA-512, as listed; others get badAlg (Dogtag)'
ndes\t'NDES\'s RA pair and capabilities; RenewalReq refused, renewal is a PKCSReq (implies --ra)'
libest-pop\t'EST enrollment refused: 401 with libest\'s Proof of Possession Mismatch (its PoP check)'
libest-csrattrs\t'a NUL byte after the /csrattrs base64 (libest\'s example server)'
lamps-csrattrs\t'/csrattrs with an extensionRequest holding values and an OID under 2.999 (LAMPS)'
est-rollover\t'/cacerts during a root rollover: OldWithOld, OldWithNew, NewWithOld, NewWithNew'
globalsign-cacerts\t'/cacerts under a CA label answers HTTP 500 (GlobalSign)'"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l revoke -d 'Revoke the certificate with this serial number (hex, as certenroll prints it) from the start, for REASON (keyCompromise, superseded...; default unspecified). Repeatable. While the lab runs: POST /lab/revoke?serial=HEX&reason=NAME' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l next-ca-out -d 'With --next-ca: write the successor\'s certificate (followed by the current CA\'s) and key (PEM, the key mode 0600) into DIR as next-ca.pem and next-ca.key, for a lab that runs after the rollover (--ca-cert DIR/next-ca.pem --ca-key DIR/next-ca.key)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l ca-cert -d 'Run with this CA certificate (PEM) instead of a new one; with --ca-key. Certificates after the first are earlier ones of the same CA (before a rollover): what they issued is renewed as this CA\'s' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l ca-key -d 'The key of --ca-cert (PEM or DER, unencrypted)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l ocsp-fault -d 'OCSP: answer badly: wrong-key (signed by an unknown key), stale (nextUpdate passed), future (thisUpdate tomorrow), wrong-cert-id (about another serial), wrong-nonce, try-later, unauthorized, no-ocsp-signing (a responder certificate without id-kp-OCSPSigning)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l digest -d 'EST: accept HTTP Digest (RFC 7616, qop=auth) with this user and password for enrollment instead of Basic: the 401 challenges with Digest, as libest\'s estserver -h does' -r -f -a "sha1\t''
sha256\t''
sha384\t''
sha512\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l digest-algorithm -d 'EST: the hash the Digest challenge names: sha-256 or md5 (libest\'s)' -r -f -a "sha-256\t''
md5\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l est-encoding -d 'EST: how bodies are written: wrapped (base64 in 64 columns with Content-Transfer-Encoding, the default: RFC 7030\'s examples, and what libest\'s estclient needs), oneline (no line breaks, no CTE header, RFC 8951: what strongSwan 5.9.8 reads), pem, or der' -r -f -a "wrapped\t''
oneline\t''
pem\t''
der\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l fault -d 'Send a hostile reply: wrong-signer, wrong-nonce, wrong-transaction, other-key, wrong-recipient (encrypted to another key) or truncated' -r -f -a "wrong-signer\t''
wrong-nonce\t''
wrong-transaction\t''
other-key\t''
wrong-recipient\t''
truncated\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l tls-fault -d 'Break the server certificate: wrong-name (issued for wrong-host.example), expired, not-yet-valid, untrusted (issued by an unknown CA), or ca-cert (a certificate with cA=TRUE presented as the server\'s own). Implies --tls' -r -f -a "wrong-name\t''
expired\t''
not-yet-valid\t''
untrusted\t''
ca-cert\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l fail -d 'Answer FAILURE with this failInfo: a code or its name (0 badAlg, 1 badMessageCheck, 2 badRequest, 3 badTime, 4 badCertId)' -r -f -a "badAlg\t''
badMessageCheck\t''
badRequest\t''
badTime\t''
badCertId\t''"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set to a non-empty value'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l profile -d 'Use this profile of the configuration file; flags given here override it' -r -f -a "(__fish_certenroll_profiles)"
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l config -d 'The configuration file' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l state-dir -d 'Where pending requests and the history are kept' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l lock-wait -d 'How long to wait for another run on the same profile to finish before giving up (exit 6), in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l ca-file -d 'Trust HTTPS servers whose certificate chains to a CA in this file (PEM, DER or PKCS#7), instead of the built-in Mozilla roots' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l timeout -d 'Limit for each phase of an HTTP exchange (sending the request, waiting for the reply, receiving it), in seconds; connecting is limited to 15 s, or less when this is lower' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l pkcs11-module -d 'The PKCS#11 module that holds keys named by pkcs11: URIs (--key, --out-key, --client-key), e.g. /usr/lib/softhsm/libsofthsm2.so' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l pin-file -d 'A file whose first line is the PKCS#11 token\'s PIN (else CERTENROLL_PKCS11_PIN, else a hidden prompt on a terminal; never on the command line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l deadline -d 'Stop a run that is still going after this many seconds (exit 5), so that a hung server never holds the lock for good. Default: an hour plus the run\'s own waits (the longest --jitter and the polls); 0: no deadline' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l renewal-challenge -d 'A renewal must carry the challenge too (RenewalReq, or PKCSReq signed with a certificate of this CA for the same subject, as sscep and `renew --renewal pkcsreq` send it); by default a renewal needs none, as micromdm\'s and step-ca\'s servers behave'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l ra -d 'Hand out separate RA certificates (one signs replies, one receives requests), as NDES does'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l forget-issued -d 'Forget a transaction once its certificate is issued: a later CertPoll for it gets FAILURE badCertId, as from a CA that cleared its queue'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l tls -d 'Serve HTTPS: a server certificate for 127.0.0.1, ::1 and localhost, issued by the lab CA (trust it with --ca-file and the file from --ca-out). Client certificates issued by the lab CA are accepted'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l require-client-cert -d 'EST: enrollment needs a client certificate issued by the lab CA (and, with --basic, the Basic login as well)'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l pkcs1-keys -d 'EST: serverkeygen sends the key as PKCS#1 instead of PKCS#8'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l next-ca -d 'Announce a successor CA (a new root key, valid from tomorrow), as a CA does before a rollover: SCEP GetCACaps lists GetNextCACert and GetNextCACert answers it, signed by the current CA; EST /cacerts carries OldWithNew, NewWithOld and NewWithNew'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l no-revocation-urls -d 'Issued certificates name neither the lab\'s OCSP responder nor its CRL (as many SCEP CAs\' do not): a client must ask GetCRL'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l ocsp-delegated -d 'OCSP: sign responses with a responder certificate the CA issued for it (carried in the response) instead of with the CA\'s key'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -l system-roots -d 'Trust HTTPS servers whose certificate chains to the operating system\'s trusted CAs (/etc/ssl/certs), instead of the built-in Mozilla roots'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Run a SCEP (and, with --tls, EST) responder with a throwaway CA until interrupted'
complete -c certenroll -n "__fish_certenroll_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "getcacaps" -d 'Show what a SCEP server supports (GetCACaps)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "getcacert" -d 'Fetch and show the CA (and RA) certificates (SCEP GetCACert, EST /cacerts)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "enroll" -d 'Generate a key, request a certificate and install it'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "csrattrs" -d 'EST: the CSR attributes the server asks for (/csrattrs), decoded'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "serverkeygen" -d 'EST: have the server generate the key (/serverkeygen) and install key and certificate'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "renew" -d 'Renew a certificate when it is due: new key, request signed with the current certificate, swap only once the new one is verified'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "poll" -d 'Ask the CA again about pending requests (SCEP CertPoll, EST: the request again), and install what was issued'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "getcert" -d 'Fetch an issued certificate by serial number (GetCert)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "getcrl" -d 'Fetch the CA\'s certificate revocation list (GetCRL)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "ocsp" -d 'Check whether a certificate is revoked (OCSP, or the CRL), and keep a verified OCSP response for stapling'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "history" -d 'Show the last 20 results (newest last), as a device\'s status page does'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "list" -d 'The certificates certenroll manages and the pending requests, each with its state and next step'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "pending" -d 'Act on a request the CA has not decided yet: show, cancel, resume, delete, or finish it with a certificate issued by hand'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "pkcs12" -d 'Bundle a key, its certificate and the CA chain into a PKCS#12 file'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "doctor" -d 'Check, step by step, why a device can or cannot enroll, and say how to fix it'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "config" -d 'Show, check, export and import the configuration file\'s profiles'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "lab" -d 'The embedded test responder (a throwaway CA for SCEP, and EST over TLS, with fault injection)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll csrattrs serverkeygen renew poll getcert getcrl ocsp history list pending pkcs12 doctor config lab help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from pending" -f -a "show" -d 'Everything about one request: subject, key, server, age, attempts, next attempt, last reason'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from pending" -f -a "cancel" -d 'Stop polling it; the request and its key stay, for `pending resume`'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from pending" -f -a "resume" -d 'Poll it again (after `pending cancel`)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from pending" -f -a "delete" -d 'Forget it: its state goes, and the key made for it unless a certificate was ever installed for that key (never the key of an installed certificate)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from pending" -f -a "merge" -d 'Finish it with a certificate the CA\'s administrator issued by hand: installed as an issued reply would be (files, chain, bundle, hook, history) if it holds the request\'s key and chains to the CA; anything else is refused (exit 7) and nothing changes'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Set up a profile step by step: URL, a test of the server, the CA fingerprint to confirm, subject, SANs, key, challenge, renewal. Every question has a flag; with --no-input nothing is asked. The profile is --profile NAME (default "default")'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the configuration file in use, and whether it exists'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the profiles (or the one --profile names) as TOML, or JSON with --json'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Read the configuration file and report the first error (file, line, key), if any'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "export" -d 'Write the profiles (or the one --profile names) to FILE, for another device'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "import" -d 'Add the profiles of FILE to the configuration, replacing profiles of the same name'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "serve" -d 'Run a SCEP (and, with --tls, EST) responder with a throwaway CA until interrupted'
