//! The reader against serde_json, on generated JSON, mutations of it, every cut of a small
//! document and arbitrary bytes: the same documents accepted, the same values read, the same
//! error (message, line and column) whatever the buffer size and however the input arrives.

use super::*;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// A value as the reader gives it: a number is its i64 when it is an integer that fits.
#[derive(Debug)]
enum Json {
    Null,
    Bool(bool),
    Number(Option<i64>),
    String(String),
    Array(Vec<Json>),
    /// As serde_json keeps members: sorted, the last of a repeated name wins.
    Object(BTreeMap<String, Json>),
}

enum Open {
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>, String),
}

/// One value, read with an explicit stack like the format readers do.
fn read_value<R: Read>(reader: &mut Reader<R>) -> Result<Json> {
    let mut stack: Vec<Open> = Vec::new();
    loop {
        let mut value = None;
        match stack.last_mut() {
            Some(open) if !reader.has_next()? => {
                value = Some(match open {
                    Open::Array(items) => {
                        reader.end_array()?;
                        Json::Array(std::mem::take(items))
                    }
                    Open::Object(members, _) => {
                        reader.end_object()?;
                        Json::Object(std::mem::take(members))
                    }
                });
                stack.pop();
            }
            Some(Open::Object(_, name)) => *name = reader.next_name()?.to_string(),
            _ => {}
        }
        let value = match value {
            Some(value) => value,
            None => match reader.peek()? {
                ValueType::Object => {
                    reader.begin_object()?;
                    stack.push(Open::Object(BTreeMap::new(), String::new()));
                    continue;
                }
                ValueType::Array => {
                    reader.begin_array()?;
                    stack.push(Open::Array(Vec::new()));
                    continue;
                }
                ValueType::String => Json::String(reader.next_str()?.to_string()),
                ValueType::Number => Json::Number(reader.next_integer()?),
                ValueType::Boolean => Json::Bool(reader.next_bool()?),
                ValueType::Null => {
                    reader.next_null()?;
                    Json::Null
                }
            },
        };
        match stack.last_mut() {
            None => return Ok(value),
            Some(Open::Array(items)) => items.push(value),
            Some(Open::Object(members, name)) => {
                members.insert(std::mem::take(name), value);
            }
        }
    }
}

/// A whole document of one value, as serde_json::from_slice takes it; the error's message.
fn read_document<R: Read>(mut reader: Reader<R>) -> std::result::Result<Json, String> {
    let value = read_value(&mut reader).map_err(|err| err.to_string())?;
    match reader.has_next() {
        Ok(false) => Ok(value),
        Ok(true) => Err("a second value follows".to_string()),
        Err(err) => Err(err.to_string()),
    }
}

/// Input that arrives a few bytes at a time, as from a pipe.
struct Trickle<'a> {
    bytes: &'a [u8],
    state: u64,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.state = self.state.wrapping_mul(6364136223846793005).wrapping_add(1);
        let want = 1 + (self.state >> 60) as usize;
        let len = want.min(buf.len()).min(self.bytes.len());
        buf[..len].copy_from_slice(&self.bytes[..len]);
        self.bytes = &self.bytes[len..];
        Ok(len)
    }
}

/// The document read whole from one 64 KiB buffer, and read again through the smallest buffer
/// from input that trickles in: the two must agree to the letter, errors included.
fn read_both_ways(bytes: &[u8]) -> std::result::Result<Json, String> {
    let whole = read_document(Reader::new(bytes));
    let trickled = read_document(Reader::with_buffer(
        Trickle {
            bytes,
            state: bytes.len() as u64,
        },
        0,
    ));
    assert_eq!(
        format!("{whole:?}"),
        format!("{trickled:?}"),
        "buffer size changed the result on {:?}",
        String::from_utf8_lossy(bytes)
    );
    whole
}

/// Whether the reader's value is serde_json's. Numbers: serde_json reads `-0` as -0.0, the
/// reader as the integer 0.
fn same(ours: &Json, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Number(ours), Value::Number(theirs)) => match theirs.as_i64() {
            Some(theirs) => *ours == Some(theirs),
            None if theirs.as_f64() == Some(0.0) => matches!(ours, None | Some(0)),
            None => ours.is_none(),
        },
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Json::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(name, a)| b.get(name).is_some_and(|b| same(a, b)))
        }
        _ => false,
    }
}

/// Reads `bytes` both ways and with serde_json: the same acceptance, the same value.
fn check(bytes: &[u8]) {
    let ours = read_both_ways(bytes);
    let theirs = serde_json::from_slice::<Value>(bytes);
    let shown = String::from_utf8_lossy(bytes);
    match (&ours, &theirs) {
        (Ok(ours), Ok(theirs)) => assert!(
            same(ours, theirs),
            "{shown:?}: read {ours:?}, serde_json {theirs:?}"
        ),
        (Err(_), Err(_)) => {}
        // serde_json refuses numbers past f64 (`1e400`), which JSON allows and the reader
        // takes: a document holding one is not compared.
        (Ok(_), Err(err)) if err.to_string().starts_with("number out of range") => {}
        _ => panic!("{shown:?}: read {ours:?}, serde_json {theirs:?}"),
    }
}

/// A small deterministic generator (xorshift64*), so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Writes random JSON, now and then broken in one of the ways a hostile or damaged file is.
struct Writer<'a> {
    rng: &'a mut Rng,
    out: Vec<u8>,
    /// One broken piece in this many; 0 for none.
    broken: usize,
}

impl Writer<'_> {
    fn broken(&mut self) -> bool {
        self.broken > 0 && self.rng.one_in(self.broken)
    }

    fn space(&mut self) {
        const SPACES: &[&[u8]] = &[b"", b"", b" ", b"\n", b"\r\n", b"\r", b"\t", b"  \n\t "];
        let space = *self.rng.pick(SPACES);
        self.out.extend_from_slice(space);
    }

    fn value(&mut self, depth: usize) {
        self.space();
        let kinds = if depth == 0 { 4 } else { 6 };
        match self.rng.below(kinds) {
            0 => self.literal(),
            1 => self.number(),
            2 | 3 => self.string(),
            4 => {
                self.out.push(b'[');
                let len = self.rng.below(5);
                for i in 0..len {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.value(depth - 1);
                }
                self.space();
                self.out.push(b']');
            }
            _ => {
                self.out.push(b'{');
                let len = self.rng.below(5);
                for i in 0..len {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.space();
                    // Few names, so that some repeat.
                    if self.rng.one_in(2) {
                        let name = *self.rng.pick(&["a", "b", "title", "é"]);
                        self.out.extend_from_slice(format!("\"{name}\"").as_bytes());
                    } else {
                        self.string();
                    }
                    self.space();
                    self.out.push(b':');
                    self.value(depth - 1);
                }
                self.space();
                self.out.push(b'}');
            }
        }
        self.space();
    }

    fn literal(&mut self) {
        let good: &[&str] = &["true", "false", "null"];
        let bad: &[&str] = &["tru", "nul", "True", "nulll", "truex", "fals e", "NaN"];
        let word = if self.broken() {
            self.rng.pick(bad)
        } else {
            self.rng.pick(good)
        };
        self.out.extend_from_slice(word.as_bytes());
    }

    fn number(&mut self) {
        if self.broken() {
            let bad = *self.rng.pick(&[
                "01", "-01", "1.", ".5", "+1", "-", "1e", "1E+", "0x1F", "1.e3", "--1", "1e+-2",
                "Infinity", "-.5", "0.", "1_000", "٣",
            ]);
            self.out.extend_from_slice(bad.as_bytes());
            return;
        }
        if self.rng.one_in(4) {
            let edge = *self.rng.pick(&[
                "0",
                "-0",
                "9223372036854775807",
                "-9223372036854775808",
                "9223372036854775808",
                "-9223372036854775809",
                "18446744073709551615",
                "123456789012345678901234",
                "-12345678901234567890123",
                "1e308",
                "-0.0",
                "0e0",
                "1E-7",
                "5e-324",
            ]);
            self.out.extend_from_slice(edge.as_bytes());
            return;
        }
        let mut text = String::new();
        if self.rng.one_in(3) {
            text.push('-');
        }
        if self.rng.one_in(4) {
            text.push('0');
        } else {
            text.push(char::from(b'1' + self.rng.below(9) as u8));
            for _ in 0..self.rng.below(22) {
                text.push(char::from(b'0' + self.rng.below(10) as u8));
            }
        }
        if self.rng.one_in(4) {
            text.push('.');
            for _ in 0..=self.rng.below(6) {
                text.push(char::from(b'0' + self.rng.below(10) as u8));
            }
        }
        if self.rng.one_in(5) {
            text.push(*self.rng.pick(&['e', 'E']));
            if let Some(sign) = self.rng.pick(&[None, Some('+'), Some('-')]) {
                text.push(*sign);
            }
            for _ in 0..=self.rng.below(3) {
                text.push(char::from(b'0' + self.rng.below(10) as u8));
            }
        }
        self.out.extend_from_slice(text.as_bytes());
    }

    fn string(&mut self) {
        self.out.push(b'"');
        let pieces = if self.rng.one_in(50) {
            // Long enough to cross the 64 KiB buffer's end.
            3000
        } else {
            self.rng.below(8)
        };
        for _ in 0..pieces {
            self.string_piece();
        }
        self.out.push(b'"');
    }

    fn string_piece(&mut self) {
        if self.broken() {
            let bad: &[&[u8]] = &[
                // A control character, raw.
                b"\x00",
                b"\x1f",
                b"\n",
                b"\t",
                // Surrogate escapes without their other half, or in the wrong order.
                b"\\uD800",
                b"\\udbff x",
                b"\\uD800\\u0041",
                b"\\uDC00",
                b"\\uDE00\\uD83D",
                b"\\uD83D\\uD83D",
                b"\\uD83D\\",
                // Unknown or short escapes.
                b"\\x41",
                b"\\U0041",
                b"\\u12G4",
                b"\\u12\"",
                b"\\'",
                b"\\\xc3\xa9",
                // Invalid UTF-8: stray and overlong bytes, a surrogate, a cut character.
                b"\xff",
                b"\x80",
                b"\xc0\x80",
                b"\xed\xa0\x80",
                b"\xf4\x90\x80\x80",
                b"\xe6\x97",
                b"\xf0\x9f\x98",
            ];
            let piece = *self.rng.pick(bad);
            self.out.extend_from_slice(piece);
            return;
        }
        match self.rng.below(6) {
            0 => {
                let text = *self
                    .rng
                    .pick(&["plain", " ", "a b c", "/", "'", "\x7f", "~"]);
                self.out.extend_from_slice(text.as_bytes());
            }
            1 => {
                let text = *self
                    .rng
                    .pick(&["é", "日本", "👍", "\u{ffff}", "\u{10ffff}", "\u{85}"]);
                self.out.extend_from_slice(text.as_bytes());
            }
            2 => {
                let escape = *self
                    .rng
                    .pick(&["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"]);
                self.out.extend_from_slice(escape.as_bytes());
            }
            3 => {
                // Any character outside the surrogates, its hex in either case.
                let code = loop {
                    let code = self.rng.below(0x10000) as u32;
                    if !(0xD800..=0xDFFF).contains(&code) {
                        break code;
                    }
                };
                self.hex_escape(code);
            }
            4 => {
                let high = 0xD800 + self.rng.below(0x400) as u32;
                let low = 0xDC00 + self.rng.below(0x400) as u32;
                self.hex_escape(high);
                self.hex_escape(low);
            }
            _ => {
                let run = "abcdefghij".repeat(1 + self.rng.below(4));
                self.out.extend_from_slice(run.as_bytes());
            }
        }
    }

    fn hex_escape(&mut self, code: u32) {
        let hex = if self.rng.one_in(2) {
            format!("\\u{code:04x}")
        } else {
            format!("\\u{code:04X}")
        };
        self.out.extend_from_slice(hex.as_bytes());
    }
}

fn generate(rng: &mut Rng, broken: usize) -> Vec<u8> {
    let mut writer = Writer {
        rng,
        out: Vec::new(),
        broken,
    };
    let depth = writer.rng.below(7);
    writer.value(depth);
    writer.out
}

/// A random edit or three: a byte deleted, inserted, replaced, a run repeated, a cut; half the
/// edits next to a bracket, comma, colon or quote, where the grammar is.
fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    const INSERTED: &[u8] = b"\"\\,:[]{}0-+.eE u\n\r\t\x00\x1f\x7f\x80\xc3\xed\xff";
    let edits = if rng.one_in(4) { 2 + rng.below(2) } else { 1 };
    for _ in 0..edits {
        let structure: Vec<usize> = (0..bytes.len())
            .filter(|&i| b"[]{},:\"".contains(&bytes[i]))
            .collect();
        let at = match structure.len() {
            0 if bytes.is_empty() => break,
            0 => rng.below(bytes.len()),
            _ if rng.one_in(2) => rng.below(bytes.len()),
            _ => *rng.pick(&structure),
        };
        match rng.below(5) {
            0 => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, *rng.pick(INSERTED)),
            2 => bytes[at] = *rng.pick(INSERTED),
            3 => {
                let end = (at + 1 + rng.below(8)).min(bytes.len());
                let run = bytes[at..end].to_vec();
                bytes.splice(at..at, run);
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

#[test]
fn generated_json_reads_as_serde_json_reads_it() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut accepted = 0;
    for round in 0..6000 {
        // One broken piece in 40 leaves most documents valid, some broken.
        let broken = if round % 2 == 0 { 0 } else { 40 };
        let bytes = generate(&mut rng, broken);
        if read_both_ways(&bytes).is_ok() {
            accepted += 1;
        }
        check(&bytes);
    }
    // The generator reaches both sides: the comparison is not of errors alone.
    assert!((3000..6000).contains(&accepted), "{accepted} accepted");
}

#[test]
fn mutated_json_reads_as_serde_json_reads_it() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut accepted = 0;
    for _ in 0..6000 {
        let bytes = generate(&mut rng, 0);
        let bytes = mutate(&mut rng, bytes);
        if read_both_ways(&bytes).is_ok() {
            accepted += 1;
        }
        check(&bytes);
    }
    assert!((300..5700).contains(&accepted), "{accepted} accepted");
}

/// Line and column of the end of `bytes` as the reader counts them: a break is LF, CR LF or
/// CR; a column is a character.
fn end_position(bytes: &[u8]) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\r' => (line, column) = (line + 1, 1),
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => {}
            b'\n' => (line, column) = (line + 1, 1),
            0x80..=0xBF => {}
            _ => column += 1,
        }
    }
    (line, column)
}

/// A document in every form the reader knows, on several lines.
const SMALL: &str = "{\"title\": \"Caf\u{e9} \\u00e9 \\uD83D\\uDE00 \\\"q\\\" \u{1F44D}\",\r\n \
    \"n\": [0, -0, 12, -3.5e+2, 1E-3, 9223372036854775807],\n\t\"ok\": true, \"no\": false, \
    \"none\": null,\r \"deep\": [[{\"a\": {}}], []], \"esc\": \"\\b\\f\\n\\r\\t\\/\\\\\"}";

#[test]
fn every_cut_of_a_small_document_ends_in_the_middle_where_it_is_cut() {
    let bytes = SMALL.as_bytes();
    check(bytes);
    assert!(read_both_ways(bytes).is_ok());
    for len in 0..bytes.len() {
        let cut = &bytes[..len];
        check(cut);
        let err = read_both_ways(cut).expect_err("a cut document is incomplete");
        let (line, column) = end_position(cut);
        assert_eq!(
            err,
            format!(
                "line {line}, column {column}: syntax error (the file ends in the middle of \
                 the JSON)"
            ),
            "cut after {len} bytes: {:?}",
            String::from_utf8_lossy(cut)
        );
    }
}

#[test]
fn values_read_as_written() {
    let Ok(Json::Object(members)) = read_both_ways(SMALL.as_bytes()) else {
        panic!("SMALL reads");
    };
    let Some(Json::String(title)) = members.get("title") else {
        panic!("{members:?}");
    };
    assert_eq!(title, "Café é 😀 \"q\" 👍");
    let Some(Json::Array(numbers)) = members.get("n") else {
        panic!("{members:?}");
    };
    let numbers: Vec<_> = numbers
        .iter()
        .map(|n| match n {
            Json::Number(n) => *n,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        numbers,
        [Some(0), Some(0), Some(12), None, None, Some(i64::MAX)]
    );
    assert!(matches!(members.get("esc"), Some(Json::String(s)) if s == "\u{8}\u{c}\n\r\t/\\"));
}

#[test]
fn numbers_are_integers_only_when_written_as_integers_that_fit() {
    for (text, value) in [
        ("0", Some(0)),
        ("-0", Some(0)),
        ("-9223372036854775808", Some(i64::MIN)),
        ("9223372036854775808", None),
        ("00", None),
        ("1.0", None),
        ("1e2", None),
        ("0.0", None),
        ("-0.0", None),
        ("123456789012345678901234", None),
        // Past f64: JSON allows it (serde_json does not); not an integer.
        ("1e400", None),
    ] {
        let read = read_both_ways(text.as_bytes());
        match value {
            Some(n) => assert!(
                matches!(read, Ok(Json::Number(Some(m))) if m == n),
                "{text}"
            ),
            None if text == "00" => assert!(read.is_err(), "{text}"),
            None => assert!(matches!(read, Ok(Json::Number(None))), "{text}: {read:?}"),
        }
    }
}

#[test]
fn errors_say_where_in_lines_and_characters() {
    for (text, message) in [
        (
            &b"{\n  \"a\": 1,\n  \"b\": tru\n}"[..],
            "line 3, column 8: syntax error (invalid literal)",
        ),
        (
            "[\"é日👍\", x]".as_bytes(),
            "line 1, column 9: syntax error (unexpected character)",
        ),
        (
            b"[\r\n1,\r\n\r\nx]",
            "line 4, column 1: syntax error (unexpected character)",
        ),
        (
            b"[\r1,\r\rx]",
            "line 4, column 1: syntax error (unexpected character)",
        ),
        (
            b"{\"title\": 3}",
            "line 1, column 11: expected String, found Number",
        ),
        (
            "[\"ok\",\n \"é\u{1}\"]".as_bytes(),
            "line 2, column 4: syntax error (control character in a string)",
        ),
        (
            b"[\"ok\",\n \"ab\xffc\"]",
            "line 2, column 5: syntax error (invalid UTF-8)",
        ),
        (
            b"[\"ok\",\n \"a\\uD800b\"]",
            "line 2, column 4: syntax error (unpaired surrogate escape)",
        ),
        (
            b"{\"a\" 1}",
            "line 1, column 6: syntax error (missing colon)",
        ),
        (b"[1,]", "line 1, column 4: syntax error (trailing comma)"),
        (b"[1 2]", "line 1, column 4: syntax error (missing comma)"),
        (b"[1.]", "line 1, column 4: syntax error (malformed number)"),
        (
            b"{\"a\":1}}",
            "line 1, column 8: syntax error (unexpected closing bracket)",
        ),
    ] {
        let mut reader = Reader::new(text);
        // `{"title": 3}` read as a thread: a title is a string.
        let err = if text.starts_with(b"{\"title\"") {
            reader.begin_object().unwrap();
            reader.next_name().unwrap();
            reader.next_str().map(drop).unwrap_err().to_string()
        } else {
            read_both_ways(text).unwrap_err()
        };
        assert_eq!(err, message, "{:?}", String::from_utf8_lossy(text));
    }
}

#[test]
fn positions_count_across_many_refills() {
    // 20 000 lines of 30 characters (mostly two-byte ones), then an error: the count goes
    // across every refill of the smallest buffer and several of the largest.
    let line = format!("\"{}\",\n", "é".repeat(27));
    let mut text = format!("[{}", line.repeat(20_000));
    text.push_str("  oops]");
    let err = read_both_ways(text.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        "line 20001, column 3: syntax error (unexpected character)"
    );
}

#[test]
fn strings_across_the_end_of_the_buffer_read_whole() {
    // Each string starts a little before the 64 KiB buffer's end, so that one of its
    // characters or escapes is cut there, at each byte of them in turn.
    let value = "aé日\\u00e9\\uD83D\\uDE00👍\\n\\\"z";
    let expected = "aé日é😀👍\n\"z";
    for shift in 0..40 {
        let pad = "x".repeat(BUF_BYTES - 24 + shift);
        let text = format!("[\"{pad}\", \"{value}\", \"{value}\"]");
        let mut reader = Reader::new(text.as_bytes());
        reader.begin_array().unwrap();
        assert_eq!(reader.next_str().unwrap(), pad);
        assert_eq!(reader.next_str().unwrap(), expected, "shift {shift}");
        assert_eq!(reader.next_str().unwrap(), expected, "shift {shift}");
        reader.end_array().unwrap();
        assert!(!reader.has_next().unwrap());
    }
}

#[test]
fn strings_longer_than_the_buffer_read_whole() {
    let long = "é👍\\u00e9".repeat(50_000);
    let text = format!("{{\"long\": \"{long}\", \"after\": 1}}");
    let Ok(Json::Object(members)) = read_both_ways(text.as_bytes()) else {
        panic!("reads");
    };
    assert!(matches!(members.get("long"), Some(Json::String(s)) if *s == "é👍é".repeat(50_000)));
    assert!(matches!(members.get("after"), Some(Json::Number(Some(1)))));
}

#[test]
fn nesting_100_000_deep_is_read_and_skipped_without_recursion() {
    const DEPTH: usize = 100_000;
    let arrays = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let objects = format!("{}null{}", "{\"a\":[".repeat(DEPTH), "]}".repeat(DEPTH));
    for text in [&arrays, &objects] {
        let mut reader = Reader::new(text.as_bytes());
        reader.skip_value().unwrap();
        assert!(!reader.has_next().unwrap());
        // Walked level by level, the way the format readers walk.
        let mut reader = Reader::new(text.as_bytes());
        let mut depth = 0;
        while reader.peek().unwrap() != ValueType::Null {
            if reader.peek().unwrap() == ValueType::Object {
                reader.begin_object().unwrap();
                assert_eq!(reader.next_name().unwrap(), "a");
            }
            reader.begin_array().unwrap();
            depth += 1;
            if !reader.has_next().unwrap() {
                break;
            }
        }
        assert_eq!(depth, DEPTH);
    }
    // Cut short, or closed with the wrong bracket: an error, not a crash.
    // (Skipped: a tree of values this deep would overflow the stack when the test drops it.)
    let cut = &arrays[..DEPTH + DEPTH / 2];
    let err = Reader::new(cut.as_bytes()).skip_value().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "line 1, column {}: syntax error (the file ends in the middle of the JSON)",
            cut.len() + 1
        )
    );
    let wrong = format!("{}}}", &arrays[..arrays.len() - 1]);
    let err = Reader::new(wrong.as_bytes()).skip_value().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "line 1, column {}: syntax error (unexpected closing bracket)",
            2 * DEPTH
        )
    );
}

#[test]
fn several_top_level_values_follow_one_another() {
    let mut reader = Reader::new(&b"{\"a\":1}\n{\"a\":2} [] 3\n"[..]);
    for _ in 0..2 {
        reader.skip_value().unwrap();
        assert!(reader.has_next().unwrap());
    }
    reader.skip_value().unwrap();
    assert_eq!(reader.next_integer().unwrap(), Some(3));
    assert!(!reader.has_next().unwrap());
    let err = read_document(Reader::new(&b"{}, {}"[..])).unwrap_err();
    assert_eq!(err, "line 1, column 3: syntax error (unexpected comma)");
}

/// Input that fails part-way, after an interruption that must be retried.
struct Failing {
    calls: usize,
}

impl Read for Failing {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        match self.calls {
            1 => Err(io::ErrorKind::Interrupted.into()),
            2 => {
                buf[..6].copy_from_slice(b"[\"ab\",");
                Ok(6)
            }
            _ => Err(io::Error::other("the disk went away")),
        }
    }
}

#[test]
fn a_read_error_is_an_error_with_its_position() {
    let mut reader = Reader::new(Failing { calls: 0 });
    reader.begin_array().unwrap();
    assert_eq!(reader.next_str().unwrap(), "ab");
    let err = reader.has_next().unwrap_err();
    assert_eq!(err.to_string(), "line 1, column 7: the disk went away");
}

/// Bytes that JSON is made of, and a few it is not.
fn json_bytes() -> impl Strategy<Value = Vec<u8>> {
    const ALPHABET: &[u8] =
        b"{}[]\":,\\/ \n\r\t0123456789-+.eEtrufalsnbx\x00\x1f\x7f\x80\xc3\xa9\xed\xa0\xf0\x9f\xff";
    prop::collection::vec(prop::sample::select(ALPHABET), 0..64)
}

proptest! {
    #[test]
    fn any_bytes_read_as_serde_json_reads_them(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        check(&bytes);
    }

    #[test]
    fn any_json_like_bytes_read_as_serde_json_reads_them(bytes in json_bytes()) {
        check(&bytes);
    }
}
