//! Copying to the system clipboard through the terminal: the OSC 52 escape sequence, which
//! works over ssh and inside tmux (with `set-clipboard on`). Building the sequence is pure, so
//! the reader writes what [`copy_sequence`] returns and tests check it byte for byte.

use crate::text::controls::is_unsafe_control;
use crate::text::sanitize::is_bidi_control;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The longest text sent: terminals cap what they accept (xterm's default is about 1 MB of
/// base64, some far less), and a sequence cut by the terminal copies nothing.
pub const MAX_COPY_BYTES: usize = 512 * 1024;

/// What [`copy_sequence`] made of the text.
#[derive(Debug, PartialEq, Eq)]
pub struct Copy {
    /// `ESC ] 52 ; c ; BASE64 BEL`: write it to the terminal as it is.
    pub sequence: String,
    /// Bytes of text carried (after control characters were removed and any cut).
    pub bytes: usize,
    /// The text was longer than [`MAX_COPY_BYTES`] and was cut (at a character boundary).
    pub truncated: bool,
}

/// Whether `c` is left out of a copy: control characters other than tab and line feed (C0,
/// DEL, C1), so that pasting the copy into a shell cannot run escape sequences or leave
/// bracketed paste, and bidi controls, so that what is pasted reads in the order it is.
pub fn is_left_out(c: char) -> bool {
    is_unsafe_control(c) || is_bidi_control(c)
}

/// The OSC 52 sequence that puts `text` on the clipboard, less the characters
/// [`is_left_out`] names. Base64 keeps the text itself out of the sequence, so nothing from
/// the thread can reach the terminal. Ends with BEL, the terminator tmux and every terminal
/// that knows OSC 52 accept.
pub fn copy_sequence(text: &str) -> Copy {
    let clean: String = text.chars().filter(|&c| !is_left_out(c)).collect();
    let end = clean.floor_char_boundary(MAX_COPY_BYTES);
    let carried = &clean[..end];
    let mut sequence = String::with_capacity(carried.len() / 3 * 4 + 16);
    sequence.push_str("\x1b]52;c;");
    STANDARD.encode_string(carried.as_bytes(), &mut sequence);
    sequence.push('\x07');
    Copy {
        sequence,
        bytes: carried.len(),
        truncated: end < clean.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn payload(copy: &Copy) -> Vec<u8> {
        let inner = copy
            .sequence
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .expect("framed as OSC 52");
        STANDARD.decode(inner).expect("base64")
    }

    #[test]
    fn text_is_carried_in_base64() {
        let copy = copy_sequence("Zoë: hello\n\tworld");
        assert_eq!(copy.sequence, "\x1b]52;c;Wm/DqzogaGVsbG8KCXdvcmxk\x07");
        assert_eq!(copy.bytes, "Zoë: hello\n\tworld".len());
        assert!(!copy.truncated);
    }

    #[test]
    fn escape_sequences_in_the_text_are_removed() {
        let hostile = "ok\x1b[201~rm -rf ~\r\x1b]52;c;AAAA\x07\u{9b}2J\u{9d}0;t\u{9c}\x7f end";
        let copy = copy_sequence(hostile);
        assert_eq!(payload(&copy), b"ok[201~rm -rf ~]52;c;AAAA2J0;t end");
    }

    #[test]
    fn bidi_controls_are_removed_and_right_to_left_text_kept() {
        let copy = copy_sequence("\u{202e}gnp.exe\u{202c} \u{2067}שלום\u{2069}\u{200f} \u{61c}x");
        assert_eq!(String::from_utf8(payload(&copy)).unwrap(), "gnp.exe שלום x");
    }

    #[test]
    fn long_text_is_cut_at_a_character_boundary() {
        let text = "é".repeat(MAX_COPY_BYTES);
        let copy = copy_sequence(&text);
        assert!(copy.truncated);
        assert_eq!(copy.bytes, MAX_COPY_BYTES);
        assert!(String::from_utf8(payload(&copy)).is_ok());
    }

    proptest! {
        /// Whatever the text, the sequence is ESC ] 52 ; c ; then base64, then BEL: no other
        /// control character, and the payload is the text less its controls.
        #[test]
        fn only_the_frame_is_control(text in any::<String>()) {
            let copy = copy_sequence(&text);
            let inner = &copy.sequence[7..copy.sequence.len() - 1];
            prop_assert!(copy.sequence.starts_with("\x1b]52;c;") && copy.sequence.ends_with('\x07'));
            prop_assert!(inner.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
            let expected: String = text
                .chars()
                .filter(|&c| !is_left_out(c))
                .collect();
            prop_assert_eq!(payload(&copy), expected.into_bytes());
        }
    }
}
