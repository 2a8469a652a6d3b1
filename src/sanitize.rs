//! Escaping of server-supplied text before it reaches a terminal or a log.
//!
//! CA subject names, failInfoText and HTTP error bodies come from the network. A hostile server
//! could embed terminal escape sequences in them, or bidirectional and invisible format
//! characters (U+202E turns "gpj.exe" around); every control character (C0 and C1) and every
//! such format character is shown as a `\u{..}` escape instead, and long texts are cut.

/// The most characters of server text that is shown.
pub const MAX_SHOWN: usize = 300;

/// Escape control characters and cut the text at [`MAX_SHOWN`] characters.
pub fn escape_untrusted(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_SHOWN));
    for (count, ch) in text.chars().enumerate() {
        if count == MAX_SHOWN {
            out.push('…');
            break;
        }
        if ch.is_control() || is_format(ch) {
            out.extend(ch.escape_default());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Invisible characters that change how text around them is shown: bidirectional controls
/// (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), zero-width and joiner characters
/// (U+200B-U+200D, U+2060-U+2064), the byte-order mark, soft hyphen and other Unicode format
/// characters a terminal would act on or hide.
fn is_format(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Escape a body of bytes that may or may not be UTF-8, trimmed of surrounding white space.
pub fn escape_body(body: &[u8]) -> String {
    escape_untrusted(String::from_utf8_lossy(body).trim())
}

/// The start of a server's body (512 bytes at most), escaped: what an error shows of it.
pub fn body_excerpt(body: &[u8]) -> String {
    escape_body(&body[..body.len().min(512)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_untrusted("ok\x1b[31mred"), "ok\\u{1b}[31mred");
        assert_eq!(escape_untrusted("line\nbreak"), "line\\nbreak");
        // C1: a single-byte CSI.
        assert_eq!(escape_untrusted("a\u{9b}2Jb"), "a\\u{9b}2Jb");
    }

    #[test]
    fn bidirectional_and_invisible_characters_are_escaped_and_letters_kept() {
        assert_eq!(
            escape_untrusted("CN=exe.\u{202e}gpj"),
            "CN=exe.\\u{202e}gpj"
        );
        assert_eq!(
            escape_untrusted("a\u{200b}b\u{2066}c\u{feff}"),
            "a\\u{200b}b\\u{2066}c\\u{feff}"
        );
        assert_eq!(escape_untrusted("Müller, 東京"), "Müller, 東京");
    }

    #[test]
    fn long_text_is_cut() {
        let long = "a".repeat(MAX_SHOWN + 10);
        let shown = escape_untrusted(&long);
        assert_eq!(shown.chars().count(), MAX_SHOWN + 1);
        assert!(shown.ends_with('…'));
    }
}
