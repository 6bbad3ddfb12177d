//! Control characters out of text that leaves thread-tui as data (CSV, Markdown, the
//! clipboard) rather than as screen cells: the text stays the original, but nothing in it can
//! start an escape sequence, move the cursor or end a bracketed paste.

use std::borrow::Cow;

/// C0 controls other than tab and line feed, DEL and the C1 controls (U+0080..U+009F, which
/// some terminals read as ESC plus a letter). Tab and line feed are text layout.
pub fn is_unsafe_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// `text` with every unsafe control character (see [`is_unsafe_control`]) replaced by
/// `replacement` ("" removes them). Borrowed when there is none, which is the usual case.
pub fn replace_controls<'a>(text: &'a str, replacement: &str) -> Cow<'a, str> {
    let Some(first) = first_unsafe(text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if is_unsafe_control(c) {
            out.push_str(replacement);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Bytes that start an unsafe control: C0 but tab and line feed, DEL, and 0xC2, the first
/// byte of the C1 controls (U+0080..U+009F are C2 80..C2 9F) and of other characters.
static SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table
};

/// Byte offset of the first unsafe control: one table look-up per byte, since CSV and
/// Markdown dumps scan every body.
fn first_unsafe(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if SUSPECT[usize::from(b)]
            && (b != 0xc2 || bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn controls_are_replaced_and_layout_kept() {
        assert_eq!(
            replace_controls("a\x1b]52;c;eA==\x07b\u{9b}31m\r\n\tc\u{7f}", "\u{fffd}"),
            "a\u{fffd}]52;c;eA==\u{fffd}b\u{fffd}31m\u{fffd}\n\tc\u{fffd}"
        );
        assert_eq!(replace_controls("x\x1b[201~y", ""), "x[201~y");
        assert!(matches!(
            replace_controls("plain ¢ £ é 日本 \u{a0}", ""),
            Cow::Borrowed(_)
        ));
    }

    proptest! {
        #[test]
        fn nothing_unsafe_is_left(s in any::<String>()) {
            let out = replace_controls(&s, "");
            prop_assert!(!out.chars().any(is_unsafe_control));
            let kept: String = s.chars().filter(|&c| !is_unsafe_control(c)).collect();
            prop_assert_eq!(out.as_ref(), kept.as_str());
        }
    }
}
