//! A saved page's bytes as text: UTF-8 when they are UTF-8, else the charset the page
//! declares in a `<meta>` (found by parsing the page's beginning, as browsers prescan it).
//! A UTF-8 byte order mark was already taken off by the reading pipeline, and UTF-16 refused.

use super::dom;
use encoding_rs::{Encoding, UTF_8};
use scraper::Selector;
use std::borrow::Cow;
use std::sync::LazyLock;

/// How far into the page a charset declaration is looked for (browsers look at 1 KiB; saved
/// pages sometimes put a comment or a long `<head>` first).
const DECLARATION_BYTES: usize = 64 << 10;

/// The page's text and what decoding it needed saying, if anything.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub note: Option<String>,
}

pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            note: None,
        };
    }
    match declared_encoding(bytes) {
        // A page that says UTF-16 in a <meta> it could be read in is not UTF-16 (WHATWG).
        Some(encoding) if encoding != UTF_8 && encoding.is_ascii_compatible() => {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            let note = if had_errors {
                format!(
                    "read as {}, as the page declares; some bytes were not valid in it",
                    encoding.name()
                )
            } else {
                format!("read as {}, as the page declares", encoding.name())
            };
            Decoded {
                text: Cow::Owned(text.into_owned()),
                note: Some(note),
            }
        }
        declared => {
            let mut replaced = 0;
            let mut text = String::with_capacity(bytes.len() + 16);
            for piece in bytes.utf8_chunks() {
                text.push_str(piece.valid());
                if !piece.invalid().is_empty() {
                    text.push(char::REPLACEMENT_CHARACTER);
                    replaced += 1;
                }
            }
            let why = match declared {
                Some(encoding) => format!("the page declares {}", encoding.name()),
                None => "the page declares no charset".to_string(),
            };
            let plural = if replaced == 1 { "" } else { "s" };
            Decoded {
                text: Cow::Owned(text),
                note: Some(format!(
                    "{} invalid UTF-8 sequence{plural} replaced with U+FFFD ({why})",
                    crate::text::thousands(replaced)
                )),
            }
        }
    }
}

static META_CHARSET: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("meta[charset], meta[http-equiv][content]").expect("valid"));

/// The encoding the page's first `<meta charset>` or `<meta http-equiv="Content-Type">`
/// names, if it names one encoding_rs knows.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut end = bytes.len().min(DECLARATION_BYTES);
    // Not in the middle of a UTF-8 sequence (any other byte is fine: the head is ASCII).
    while end < bytes.len() && end > 0 && (bytes[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    let head = String::from_utf8_lossy(&bytes[..end]);
    let dom = dom::parse_document(&head);
    for meta in dom.html.select(&META_CHARSET) {
        let element = meta.value();
        let label = match element.attr("charset") {
            Some(label) => Some(label),
            None if element
                .attr("http-equiv")
                .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-type")) =>
            {
                element.attr("content").and_then(charset_in_content)
            }
            None => None,
        };
        if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            return Some(encoding);
        }
    }
    None
}

/// `text/html; charset=windows-1252` -> `windows-1252`.
fn charset_in_content(content: &str) -> Option<&str> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_and_declared_charsets_are_used() {
        let page = "<meta charset=utf-8><p>Zoë</p>";
        let decoded = decode(page.as_bytes());
        assert!(matches!(decoded.text, Cow::Borrowed(_)));
        assert_eq!(decoded.note, None);

        let latin = b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'></head><p>Zo\xEB \x80</p>";
        let decoded = decode(latin);
        assert!(decoded.text.contains("Zoë €"), "{}", decoded.text);
        assert_eq!(
            decoded.note.as_deref(),
            Some("read as windows-1252, as the page declares")
        );

        let sjis = b"<meta charset=\"shift_jis\"><p>\x93\xfa\x96\x7b</p>";
        assert!(decode(sjis).text.contains("日本"));
    }

    #[test]
    fn undeclared_or_false_utf8_is_repaired_and_counted() {
        let decoded = decode(b"<p>caf\xE9 \xFF</p>");
        assert_eq!(decoded.text, "<p>caf\u{FFFD} \u{FFFD}</p>");
        assert_eq!(
            decoded.note.as_deref(),
            Some("2 invalid UTF-8 sequences replaced with U+FFFD (the page declares no charset)")
        );
        // UTF-16 named in an ASCII page is read as UTF-8, as browsers do.
        let decoded = decode(b"<meta charset=utf-16><p>caf\xE9</p>");
        assert!(decoded.text.contains("caf\u{FFFD}"));
    }

    #[test]
    fn charset_in_content_attribute() {
        assert_eq!(
            charset_in_content("text/html; charset=windows-1251"),
            Some("windows-1251")
        );
        assert_eq!(
            charset_in_content("text/html;charset=\"koi8-r\""),
            Some("koi8-r")
        );
        assert_eq!(charset_in_content("text/html"), None);
        assert_eq!(charset_in_content("text/html; charset="), None);
    }
}
