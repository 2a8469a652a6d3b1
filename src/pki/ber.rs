//! BER tolerance: turn the BER that real SCEP servers send into DER that the `der` and `cms`
//! crates accept.
//!
//! Servers built on Go's pkcs7 package, OpenSSL and Windows NDES send indefinite lengths and
//! constructed (segmented) OCTET STRINGs. [`to_der`] parses any BER into a small tree and
//! encodes it back with definite, minimal lengths, joining the segments of constructed universal
//! string types. An IMPLICIT context tag over a constructed OCTET STRING (CMS
//! `encryptedContent [0]`) cannot be told from an EXPLICIT one without the schema, so callers
//! that know the schema flatten it with [`Node::flatten_implicit`].

use crate::{Error, Result};

/// Deepest nesting accepted; real CMS messages stay far below it.
const MAX_DEPTH: usize = 64;

/// One BER/DER element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The identifier octets, as they appeared (one or more bytes).
    pub tag: Vec<u8>,
    /// The contents.
    pub content: Content,
}

/// The contents of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Primitive contents octets.
    Primitive(Vec<u8>),
    /// Child elements of a constructed element.
    Constructed(Vec<Node>),
}

fn malformed(what: &str) -> Error {
    Error::Untrusted(format!("malformed message: {what}"))
}

/// Universal tag numbers of string types that BER allows in constructed form.
const STRING_TAGS: [u8; 13] = [3, 4, 12, 18, 19, 20, 21, 22, 25, 26, 27, 28, 30];

impl Node {
    /// Parse exactly one element covering all of `input`.
    pub fn parse(input: &[u8]) -> Result<Node> {
        let (node, rest) = parse_one(input, 0)?;
        if !rest.is_empty() {
            return Err(malformed("trailing bytes after the message"));
        }
        Ok(node)
    }

    /// Whether this is a constructed element.
    pub fn is_constructed(&self) -> bool {
        self.tag[0] & 0x20 != 0
    }

    /// The children of a constructed element (empty for a primitive one).
    pub fn children(&self) -> &[Node] {
        match &self.content {
            Content::Constructed(children) => children,
            Content::Primitive(_) => &[],
        }
    }

    /// Mutable children of a constructed element.
    pub fn children_mut(&mut self) -> Option<&mut Vec<Node>> {
        match &mut self.content {
            Content::Constructed(children) => Some(children),
            Content::Primitive(_) => None,
        }
    }

    /// Turn a constructed element whose children are OCTET STRING segments into a primitive
    /// one with the same tag class and number: what an IMPLICIT tag over a BER-segmented
    /// OCTET STRING means.
    pub fn flatten_implicit(&mut self) -> Result<()> {
        if let Content::Constructed(children) = &self.content {
            let mut joined = Vec::new();
            for child in children {
                match &child.content {
                    Content::Primitive(bytes) if child.tag == [0x04] => {
                        joined.extend_from_slice(bytes)
                    }
                    _ => return Err(malformed("a segmented string holds a non-string element")),
                }
            }
            self.tag[0] &= !0x20;
            self.content = Content::Primitive(joined);
        }
        Ok(())
    }

    /// Encode as DER (definite, minimal lengths).
    pub fn to_der(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_into(&mut out);
        out
    }

    fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.tag);
        match &self.content {
            Content::Primitive(bytes) => {
                push_length(out, bytes.len());
                out.extend_from_slice(bytes);
            }
            Content::Constructed(children) => {
                let mut inner = Vec::new();
                for child in children {
                    child.encode_into(&mut inner);
                }
                push_length(out, inner.len());
                out.extend_from_slice(&inner);
            }
        }
    }
}

fn push_length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// The identifier and length octets of one element.
struct Header<'a> {
    tag: &'a [u8],
    constructed: bool,
    /// None: indefinite (the contents end with two zero bytes).
    len: Option<usize>,
    /// What follows the length octets.
    rest: &'a [u8],
}

fn header(input: &[u8], depth: usize) -> Result<Header<'_>> {
    if depth > MAX_DEPTH {
        return Err(malformed("nested too deeply"));
    }
    let first = *input.first().ok_or_else(|| malformed("truncated"))?;
    let mut tag_len = 1;
    if first & 0x1f == 0x1f {
        loop {
            let byte = *input
                .get(tag_len)
                .ok_or_else(|| malformed("truncated tag"))?;
            tag_len += 1;
            if byte & 0x80 == 0 {
                break;
            }
            if tag_len > 5 {
                return Err(malformed("tag number too large"));
            }
        }
    }
    let constructed = first & 0x20 != 0;
    let rest = &input[tag_len..];
    let len_byte = *rest.first().ok_or_else(|| malformed("truncated length"))?;
    let rest = &rest[1..];
    if len_byte == 0x80 {
        if !constructed {
            return Err(malformed("indefinite length on a primitive element"));
        }
        return Ok(Header {
            tag: &input[..tag_len],
            constructed,
            len: None,
            rest,
        });
    }
    let (len, rest) = if len_byte < 0x80 {
        (len_byte as usize, rest)
    } else {
        let count = (len_byte & 0x7f) as usize;
        if count > 4 {
            return Err(malformed("length field too large"));
        }
        let bytes = rest
            .get(..count)
            .ok_or_else(|| malformed("truncated length"))?;
        let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
        (len, &rest[count..])
    };
    if rest.len() < len {
        return Err(malformed("truncated"));
    }
    Ok(Header {
        tag: &input[..tag_len],
        constructed,
        len: Some(len),
        rest,
    })
}

impl<'a> Header<'a> {
    /// Call `each` on every child element of a constructed element (`each` returns what
    /// follows the child); returns what follows this element.
    fn children(&self, mut each: impl FnMut(&'a [u8]) -> Result<&'a [u8]>) -> Result<&'a [u8]> {
        match self.len {
            Some(len) => {
                let mut inner = &self.rest[..len];
                while !inner.is_empty() {
                    inner = each(inner)?;
                }
                Ok(&self.rest[len..])
            }
            None => {
                let mut rest = self.rest;
                loop {
                    if rest.len() >= 2 && rest[0] == 0 && rest[1] == 0 {
                        return Ok(&rest[2..]);
                    }
                    if rest.is_empty() {
                        return Err(malformed("truncated (missing end-of-contents)"));
                    }
                    rest = each(rest)?;
                }
            }
        }
    }

    /// Whether this is a universal string type BER allows in segments, and its number.
    fn segmented_string(&self) -> Option<u8> {
        let number = self.tag[0] & 0x1f;
        (self.constructed
            && self.tag.len() == 1
            && self.tag[0] & 0xc0 == 0
            && STRING_TAGS.contains(&number))
        .then_some(number)
    }
}

fn parse_one(input: &[u8], depth: usize) -> Result<(Node, &[u8])> {
    let h = header(input, depth)?;
    let tag = h.tag.to_vec();
    if let (false, Some(len)) = (h.constructed, h.len) {
        let content = Content::Primitive(h.rest[..len].to_vec());
        return Ok((Node { tag, content }, &h.rest[len..]));
    }
    if let Some(number) = h.segmented_string() {
        let (joined, after) = join_segments(&h, number, depth)?;
        let content = Content::Primitive(joined);
        return Ok((
            Node {
                tag: vec![number],
                content,
            },
            after,
        ));
    }
    let mut children = Vec::new();
    let after = h.children(|child| {
        let (node, next) = parse_one(child, depth + 1)?;
        children.push(node);
        Ok(next)
    })?;
    let content = Content::Constructed(children);
    Ok((Node { tag, content }, after))
}

/// Re-encode BER as DER, streaming: no tree is built, so memory stays a small multiple of
/// the input whatever it holds (a reply of millions of tiny elements included).
pub fn to_der(input: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len());
    let rest = convert(input, 0, &mut out)?;
    if !rest.is_empty() {
        return Err(malformed("trailing bytes after the message"));
    }
    Ok(out)
}

/// Append the DER of the element at the start of `input` to `out`; return what follows it.
fn convert<'a>(input: &'a [u8], depth: usize, out: &mut Vec<u8>) -> Result<&'a [u8]> {
    let h = header(input, depth)?;
    if let (false, Some(len)) = (h.constructed, h.len) {
        out.extend_from_slice(h.tag);
        push_length(out, len);
        out.extend_from_slice(&h.rest[..len]);
        return Ok(&h.rest[len..]);
    }
    if let Some(number) = h.segmented_string() {
        let (joined, after) = join_segments(&h, number, depth)?;
        out.push(number);
        push_length(out, joined.len());
        out.extend_from_slice(&joined);
        return Ok(after);
    }
    let mut inner = Vec::new();
    let after = h.children(|child| convert(child, depth + 1, &mut inner))?;
    out.extend_from_slice(h.tag);
    push_length(out, inner.len());
    out.extend_from_slice(&inner);
    Ok(after)
}

/// The contents of a constructed (segmented) string: its primitive segments joined (a BIT
/// STRING's count of unused bits taken from the last segment).
fn join_segments<'a>(h: &Header<'a>, number: u8, depth: usize) -> Result<(Vec<u8>, &'a [u8])> {
    let mut joined = Vec::new();
    let mut unused_bits = 0u8;
    if number == 3 {
        joined.push(0);
    }
    let after = h.children(|child| {
        let segment = header(child, depth + 1)?;
        let len = match (segment.constructed, segment.len) {
            (false, Some(len)) => len,
            _ => return Err(malformed("a segmented string holds a constructed element")),
        };
        if segment.tag[0] & 0x1f != number {
            return Err(malformed(
                "a segmented string holds an element of another type",
            ));
        }
        let bytes = &segment.rest[..len];
        if number == 3 {
            let (&unused, bits) = bytes
                .split_first()
                .ok_or_else(|| malformed("empty BIT STRING segment"))?;
            unused_bits = unused;
            joined.extend_from_slice(bits);
        } else {
            joined.extend_from_slice(bytes);
        }
        Ok(&segment.rest[len..])
    })?;
    if number == 3 {
        joined[0] = unused_bits;
    }
    Ok((joined, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_passes_through_unchanged() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa];
        assert_eq!(to_der(&der).unwrap(), der);
    }

    #[test]
    fn indefinite_lengths_and_segmented_octets_become_der() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { "ab", "cd" } }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x02, b'c', b'd', 0x00, 0x00,
            0x00, 0x00,
        ];
        assert_eq!(
            to_der(&ber).unwrap(),
            [0x30, 0x06, 0x04, 0x04, b'a', b'b', b'c', b'd']
        );
    }

    #[test]
    fn long_form_lengths_are_made_minimal() {
        let ber = [0x04, 0x82, 0x00, 0x02, 0x01, 0x02];
        assert_eq!(to_der(&ber).unwrap(), [0x04, 0x02, 0x01, 0x02]);
        let big = vec![0u8; 300];
        let mut der = vec![0x04, 0x82, 0x01, 0x2c];
        der.extend_from_slice(&big);
        assert_eq!(to_der(&der).unwrap(), der);
    }

    #[test]
    fn implicit_tag_over_segments_flattens() {
        let ber = [0xa0, 0x80, 0x04, 0x01, 0x01, 0x04, 0x01, 0x02, 0x00, 0x00];
        let mut node = Node::parse(&ber).unwrap();
        node.flatten_implicit().unwrap();
        assert_eq!(node.to_der(), [0x80, 0x02, 0x01, 0x02]);
    }

    #[test]
    fn truncated_and_hostile_inputs_are_errors() {
        assert!(to_der(&[0x30, 0x05, 0x02, 0x01]).is_err());
        assert!(to_der(&[0x30, 0x80, 0x02, 0x01, 0x05]).is_err());
        assert!(to_der(&[0x04, 0x80, 0x00, 0x00]).is_err());
        assert!(to_der(&[0x04, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]).is_err());
        assert!(to_der(&[]).is_err());
        let deep: Vec<u8> = std::iter::repeat_n([0x30u8, 0x80], 100).flatten().collect();
        assert!(to_der(&deep).is_err());
        assert!(to_der(&[0x02, 0x01, 0x05, 0xff]).is_err());
    }
}
