
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
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one HTTP exchange, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('getcacaps', 'getcacaps', [CompletionResultType]::ParameterValue, 'Show what a SCEP server supports (GetCACaps)')
            [CompletionResult]::new('getcacert', 'getcacert', [CompletionResultType]::ParameterValue, 'Fetch and show the CA (and RA) certificates (GetCACert)')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Generate a key, request a certificate and install it')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write the man pages and shell completions (for packagers and the project''s CI)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certenroll;getcacaps' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one HTTP exchange, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certenroll;getcacert' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the certificates here')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate (or of a CA above it)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of written files')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one HTTP exchange, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certenroll;enroll' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The SCEP URL, e.g. http://ca.example.com/scep or .../certsrv/mscep/mscep.dll')
            [CompletionResult]::new('--ca-ident', '--ca-ident', [CompletionResultType]::ParameterName, 'CA identifier sent with GetCACert, for servers that host several CAs')
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
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Use this existing private key (PEM or DER, PKCS#8 or PKCS#1) instead of generating one')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Type of key to generate')
            [CompletionResult]::new('--key-bits', '--key-bits', [CompletionResultType]::ParameterName, 'Size of the RSA key to generate')
            [CompletionResult]::new('--out-key', '--out-key', [CompletionResultType]::ParameterName, 'Where to write the generated key (mode 0600, written before the request is sent)')
            [CompletionResult]::new('--out-cert', '--out-cert', [CompletionResultType]::ParameterName, 'Where to write the issued certificate')
            [CompletionResult]::new('--out-chain', '--out-chain', [CompletionResultType]::ParameterName, 'Where to write the CA chain (the issuing CA and its issuers)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of written files')
            [CompletionResult]::new('--challenge-file', '--challenge-file', [CompletionResultType]::ParameterName, 'Read the challenge password from this file (first line)')
            [CompletionResult]::new('--challenge', '--challenge', [CompletionResultType]::ParameterName, 'The challenge password itself. Visible to other users in the process list: prefer --challenge-file or CERTENROLL_CHALLENGE')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Expected SHA-256 fingerprint of the CA certificate; exit 7 on mismatch')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Use the CA (and RA) certificates from this file instead of asking the server')
            [CompletionResult]::new('--cipher', '--cipher', [CompletionResultType]::ParameterName, 'Content encryption: aes128, aes192, aes256, des3 or des (default: best the server offers)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Signature digest: sha256, sha512 or sha1 (default: best the server offers)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How to send the request')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one HTTP exchange, in seconds')
            [CompletionResult]::new('--no-challenge', '--no-challenge', [CompletionResultType]::ParameterName, 'Send no challenge password and do not ask for one')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key file (only once the new certificate is verified)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certenroll;generate' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Directory that receives man/ and completions/')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one HTTP exchange, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON object on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more of what happens, on stderr (-v steps, -vv protocol detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certenroll;help' {
            [CompletionResult]::new('getcacaps', 'getcacaps', [CompletionResultType]::ParameterValue, 'Show what a SCEP server supports (GetCACaps)')
            [CompletionResult]::new('getcacert', 'getcacert', [CompletionResultType]::ParameterValue, 'Fetch and show the CA (and RA) certificates (GetCACert)')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Generate a key, request a certificate and install it')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write the man pages and shell completions (for packagers and the project''s CI)')
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
        'certenroll;help;generate' {
            break
        }
        'certenroll;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
