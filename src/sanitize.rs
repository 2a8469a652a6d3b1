//! Escaping of server-supplied text before it reaches a terminal or a log.
//!
//! CA subject names, failInfoText and HTTP error bodies come from the network. A hostile server
//! could embed terminal escape sequences in them; everything that is not printable is shown as
//! a `\u{..}` escape instead, and long texts are cut.

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
        if ch.is_control() {
            out.extend(ch.escape_default());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Escape a body of bytes that may or may not be UTF-8, trimmed of surrounding white space.
pub fn escape_body(body: &[u8]) -> String {
    escape_untrusted(String::from_utf8_lossy(body).trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_untrusted("ok\x1b[31mred"), "ok\\u{1b}[31mred");
        assert_eq!(escape_untrusted("line\nbreak"), "line\\nbreak");
    }

    #[test]
    fn long_text_is_cut() {
        let long = "a".repeat(MAX_SHOWN + 10);
        let shown = escape_untrusted(&long);
        assert_eq!(shown.chars().count(), MAX_SHOWN + 1);
        assert!(shown.ends_with('…'));
    }
}
