# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_certenroll_global_optspecs
    string join \n json v/verbose q/quiet timeout= h/help V/version
end

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

complete -c certenroll -n "__fish_certenroll_needs_command" -l timeout -d 'Limit for one HTTP exchange, in seconds' -r
complete -c certenroll -n "__fish_certenroll_needs_command" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_needs_command" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_needs_command" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_needs_command" -s V -l version -d 'Print version'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "getcacaps" -d 'Show what a SCEP server supports (GetCACaps)'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "getcacert" -d 'Fetch and show the CA (and RA) certificates (GetCACert)'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "enroll" -d 'Generate a key, request a certificate and install it'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "generate" -d 'Write the man pages and shell completions (for packagers and the project\'s CI)'
complete -c certenroll -n "__fish_certenroll_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l url -d 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l timeout -d 'Limit for one HTTP exchange, in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacaps" -s V -l version -d 'Print version'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l url -d 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l out -d 'Write the certificates here' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l format -d 'Encoding of written files' -r -f -a "pem\t'Base64 with -----BEGIN----- lines'
der\t'Binary DER (a chain of several certificates becomes a PKCS#7 bundle)'"
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l timeout -d 'Limit for one HTTP exchange, in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand getcacert" -s V -l version -d 'Print version'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l url -d 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l ca-ident -d 'CA identifier sent with GetCACert, for servers that host several CAs' -r
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
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l key -d 'Use this existing private key (PEM or DER, PKCS#8 or PKCS#1) instead of generating one' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l key-type -d 'Type of key to generate' -r -f -a "rsa\t'RSA (what SCEP requires)'"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l key-bits -d 'Size of the RSA key to generate' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l out-key -d 'Where to write the generated key (mode 0600, written before the request is sent)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l out-cert -d 'Where to write the issued certificate' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l out-chain -d 'Where to write the CA chain (the issuing CA and its issuers)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l format -d 'Encoding of written files' -r -f -a "pem\t'Base64 with -----BEGIN----- lines'
der\t'Binary DER (a chain of several certificates becomes a PKCS#7 bundle)'"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l challenge-file -d 'Read the challenge password from this file (first line)' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l challenge -d 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l fingerprint -d 'Expected SHA-256 fingerprint of the CA certificate; exit 7 on mismatch' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l ca-cert -d 'Use the CA (and RA) certificates from this file instead of asking the server' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l cipher -d 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l digest -d 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l method -d 'How to send the request' -r -f -a "auto\t'POST when the server advertises POSTPKIOperation or SCEPStandard, else GET'
get\t'Always HTTP GET'
post\t'Always HTTP POST'"
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l timeout -d 'Limit for one HTTP exchange, in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l no-challenge -d 'Send no challenge password and do not ask for one'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l force -d 'Replace an existing key file (only once the new certificate is verified)'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand enroll" -s V -l version -d 'Print version'
complete -c certenroll -n "__fish_certenroll_using_subcommand generate" -l out-dir -d 'Directory that receives man/ and completions/' -r -F
complete -c certenroll -n "__fish_certenroll_using_subcommand generate" -l timeout -d 'Limit for one HTTP exchange, in seconds' -r
complete -c certenroll -n "__fish_certenroll_using_subcommand generate" -l json -d 'Print the result as one JSON object on stdout'
complete -c certenroll -n "__fish_certenroll_using_subcommand generate" -s v -l verbose -d 'Show more of what happens, on stderr (-v steps, -vv protocol detail)'
complete -c certenroll -n "__fish_certenroll_using_subcommand generate" -s q -l quiet -d 'Print nothing but errors'
complete -c certenroll -n "__fish_certenroll_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certenroll -n "__fish_certenroll_using_subcommand generate" -s V -l version -d 'Print version'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll generate help" -f -a "getcacaps" -d 'Show what a SCEP server supports (GetCACaps)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll generate help" -f -a "getcacert" -d 'Fetch and show the CA (and RA) certificates (GetCACert)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll generate help" -f -a "enroll" -d 'Generate a key, request a certificate and install it'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll generate help" -f -a "generate" -d 'Write the man pages and shell completions (for packagers and the project\'s CI)'
complete -c certenroll -n "__fish_certenroll_using_subcommand help; and not __fish_seen_subcommand_from getcacaps getcacert enroll generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
