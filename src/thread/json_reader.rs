//! A pull reader of JSON text, for thread-tui's own JSON (`json.rs`). struson reads a byte
//! at a time through a 1 KiB buffer, which made opening a JSON dump four times slower than the
//! text it came from; this reader finds a string's end with memchr, checks a whole run at once
//! for controls and UTF-8, and lends a string straight from its buffer when it lies there whole.
//! Nesting is an explicit stack (depth is limited only by memory), and the 1-based line and
//! column (in characters) of an error are worked out only when one happens.

use memchr::memchr2;
use std::fmt;
use std::io::{self, Read};

/// Input copied in at a time: large enough that refills cost nothing, small enough for L2.
const BUF_BYTES: usize = 64 << 10;
/// The longest token read whole from the buffer: a surrogate pair escape, `\uD83D\uDE00`.
const LOOKAHEAD: usize = 12;
/// A string buffer grown past this by one long string is given back for the next one.
const SCRATCH_KEPT: usize = 1 << 20;
/// Bytes of a number kept to read it as an integer: an i64 has at most 20 characters.
const INTEGER_BYTES: usize = 24;

/// Where the text of a string goes as it is read: a long string is handed on a run at a
/// time, never held whole.
pub trait TextSink {
    fn push_str(&mut self, text: &str);
}

impl TextSink for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }
}

/// The type of a JSON value, named as struson names it (messages keep their wording).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// What comes next, seen without consuming it (its first byte is at `at`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    ObjectStart,
    ObjectEnd,
    ArrayStart,
    ArrayEnd,
    Name,
    String,
    Number,
    True,
    False,
    Null,
}

impl Token {
    fn value_type(self) -> Option<ValueType> {
        match self {
            Token::ObjectStart => Some(ValueType::Object),
            Token::ArrayStart => Some(ValueType::Array),
            Token::String => Some(ValueType::String),
            Token::Number => Some(ValueType::Number),
            Token::True | Token::False => Some(ValueType::Boolean),
            Token::Null => Some(ValueType::Null),
            Token::ObjectEnd | Token::ArrayEnd | Token::Name => None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Token::ObjectEnd => "the end of the object",
            Token::ArrayEnd => "the end of the array",
            Token::Name => "a member name",
            _ => "",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

const ENDS_EARLY: &str = "the file ends in the middle of the JSON";
const INVALID_UTF8: &str = "invalid UTF-8";

/// Why the JSON could not be read, and where.
#[derive(Debug)]
pub struct Error {
    /// 1-based.
    pub line: u64,
    /// 1-based, in characters.
    pub column: u64,
    what: What,
}

#[derive(Debug)]
enum What {
    Syntax(&'static str),
    Expected { expected: ValueType, found: Token },
    Io(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: ", self.line, self.column)?;
        match &self.what {
            What::Syntax(what) => write!(f, "syntax error ({what})"),
            What::Expected { expected, found } => match found.value_type() {
                Some(found) => write!(f, "expected {expected}, found {found}"),
                None => write!(f, "expected {expected}, found {}", found.describe()),
            },
            What::Io(what) => f.write_str(what),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Reads JSON values from `input` one call at a time, in the manner of struson's
/// `JsonReader`: `begin_object`, `has_next`, `next_name`, a value, ..., `end_object`. Several
/// top-level values may follow one another (JSON Lines).
pub struct Reader<R> {
    input: R,
    buf: Box<[u8]>,
    /// The next unread byte; `buf[at..end]` is unread.
    at: usize,
    end: usize,
    eof: bool,
    /// 0-based line of `at`.
    line: u64,
    /// Where in `buf` the characters of the current line are not yet counted...
    line_mark: usize,
    /// ...and how many there were before it.
    line_chars: u64,
    stack: Vec<Container>,
    /// The innermost container (or the top level) holds no value yet.
    empty: bool,
    /// In an object, a member name (or its end) comes next rather than a value.
    expect_name: bool,
    /// A member name was read, its colon not yet.
    after_name: bool,
    peeked: Option<Token>,
    /// Strings with escapes, or cut by the end of the buffer, are put together here.
    scratch: String,
}

impl<R: Read> Reader<R> {
    pub fn new(input: R) -> Self {
        Self::with_buffer(input, BUF_BYTES)
    }

    /// With a buffer of `size` bytes (tests use tiny ones to cut every token somewhere).
    fn with_buffer(input: R, size: usize) -> Self {
        Reader {
            input,
            buf: vec![0; size.max(2 * LOOKAHEAD)].into_boxed_slice(),
            at: 0,
            end: 0,
            eof: false,
            line: 0,
            line_mark: 0,
            line_chars: 0,
            stack: Vec::new(),
            empty: true,
            expect_name: false,
            after_name: false,
            peeked: None,
            scratch: String::new(),
        }
    }

    // ------------------------------------------------------------------ values

    /// The type of the next value.
    pub fn peek(&mut self) -> Result<ValueType> {
        match self.peek_token()? {
            Some(token) => match token.value_type() {
                Some(value_type) => Ok(value_type),
                None => Err(self.error(What::Syntax("expected a value"))),
            },
            None => Err(self.error(What::Syntax(ENDS_EARLY))),
        }
    }

    /// Whether the current array or object has another element (at the top level: whether
    /// another value follows).
    pub fn has_next(&mut self) -> Result<bool> {
        Ok(self
            .peek_token()?
            .is_some_and(|token| !matches!(token, Token::ArrayEnd | Token::ObjectEnd)))
    }

    pub fn begin_object(&mut self) -> Result<()> {
        self.expect(ValueType::Object)?;
        self.open(Container::Object);
        Ok(())
    }

    pub fn begin_array(&mut self) -> Result<()> {
        self.expect(ValueType::Array)?;
        self.open(Container::Array);
        Ok(())
    }

    pub fn end_object(&mut self) -> Result<()> {
        self.close(Token::ObjectEnd)
    }

    pub fn end_array(&mut self) -> Result<()> {
        self.close(Token::ArrayEnd)
    }

    /// The next member's name (its value comes next).
    pub fn next_name(&mut self) -> Result<&str> {
        if self.peek_token()? != Some(Token::Name) {
            return Err(self.error(What::Syntax("expected a member name")));
        }
        self.consume_peeked(1);
        self.expect_name = false;
        self.after_name = true;
        self.string()
    }

    pub fn next_str(&mut self) -> Result<&str> {
        self.expect(ValueType::String)?;
        self.consume_peeked(1);
        self.value_done();
        self.string()
    }

    /// The next value, a string, handed to `out` a run at a time.
    pub fn next_str_into(&mut self, out: &mut impl TextSink) -> Result<()> {
        self.expect(ValueType::String)?;
        self.consume_peeked(1);
        self.value_done();
        self.string_into(out)
    }

    pub fn next_bool(&mut self) -> Result<bool> {
        let token = self.expect(ValueType::Boolean)?;
        let value = token == Token::True;
        self.consume_peeked(if value { 4 } else { 5 });
        self.value_done();
        Ok(value)
    }

    pub fn next_null(&mut self) -> Result<()> {
        self.expect(ValueType::Null)?;
        self.consume_peeked(4);
        self.value_done();
        Ok(())
    }

    /// A number, and its value when it is an integer an i64 holds.
    pub fn next_integer(&mut self) -> Result<Option<i64>> {
        self.expect(ValueType::Number)?;
        self.consume_peeked(0);
        self.value_done();
        self.number()
    }

    /// Reads past the next value, however deep, without recursion.
    pub fn skip_value(&mut self) -> Result<()> {
        let base = self.stack.len();
        loop {
            match self.peek()? {
                ValueType::Object => self.begin_object()?,
                ValueType::Array => self.begin_array()?,
                ValueType::String => {
                    self.next_str()?;
                }
                ValueType::Number => {
                    self.next_integer()?;
                }
                ValueType::Boolean => {
                    self.next_bool()?;
                }
                ValueType::Null => self.next_null()?,
            }
            // Close what is finished; stop at the next value still to skip.
            while self.stack.len() > base {
                if self.has_next()? {
                    if self.expect_name {
                        self.next_name()?;
                    }
                    break;
                }
                match self.stack.last() {
                    Some(Container::Object) => self.end_object()?,
                    _ => self.end_array()?,
                }
            }
            if self.stack.len() == base {
                return Ok(());
            }
        }
    }

    // ------------------------------------------------------------------ structure

    /// What comes next: the separators before it (comma, colon) are checked and read, and
    /// a literal is checked whole. None at the end of the input, between top-level values.
    fn peek_token(&mut self) -> Result<Option<Token>> {
        if self.peeked.is_some() {
            return Ok(self.peeked);
        }
        if self.after_name {
            match self.skip_whitespace()? {
                Some(b':') => {
                    self.at += 1;
                    self.after_name = false;
                }
                Some(_) => return Err(self.error(What::Syntax("missing colon"))),
                None => return Err(self.error(What::Syntax(ENDS_EARLY))),
            }
        }
        let Some(mut byte) = self.skip_whitespace()? else {
            if self.stack.is_empty() {
                return Ok(None);
            }
            return Err(self.error(What::Syntax(ENDS_EARLY)));
        };
        let in_array = self.stack.last() == Some(&Container::Array);
        let may_have_comma = !self.empty && (in_array || self.expect_name);
        let mut comma = false;
        if byte == b',' {
            if !may_have_comma {
                return Err(self.error(What::Syntax("unexpected comma")));
            }
            self.at += 1;
            comma = true;
            byte = match self.skip_whitespace()? {
                Some(byte) => byte,
                None => return Err(self.error(What::Syntax(ENDS_EARLY))),
            };
        }
        let token = if self.expect_name {
            match byte {
                b'}' => Token::ObjectEnd,
                b'"' => Token::Name,
                _ => return Err(self.error(What::Syntax("expected a member name or '}'"))),
            }
        } else {
            match byte {
                b'{' => Token::ObjectStart,
                b'[' => Token::ArrayStart,
                b']' if in_array => Token::ArrayEnd,
                b']' | b'}' => return Err(self.error(What::Syntax("unexpected closing bracket"))),
                b'"' => Token::String,
                b'-' | b'0'..=b'9' => Token::Number,
                b't' => self.literal(b"true", Token::True)?,
                b'f' => self.literal(b"false", Token::False)?,
                b'n' => self.literal(b"null", Token::Null)?,
                b',' => return Err(self.error(What::Syntax("unexpected comma"))),
                b':' => return Err(self.error(What::Syntax("unexpected colon"))),
                _ => return Err(self.error(What::Syntax("unexpected character"))),
            }
        };
        let ends = matches!(token, Token::ObjectEnd | Token::ArrayEnd);
        if ends && comma {
            return Err(self.error(What::Syntax("trailing comma")));
        }
        if !ends && may_have_comma && !comma {
            return Err(self.error(What::Syntax("missing comma")));
        }
        self.peeked = Some(token);
        Ok(self.peeked)
    }

    /// The next token, which must be a value of this type.
    fn expect(&mut self, expected: ValueType) -> Result<Token> {
        match self.peek_token()? {
            Some(token) if token.value_type() == Some(expected) => Ok(token),
            Some(found) => Err(self.error(What::Expected { expected, found })),
            None => Err(self.error(What::Syntax(ENDS_EARLY))),
        }
    }

    fn consume_peeked(&mut self, len: usize) {
        self.peeked = None;
        self.at += len;
    }

    fn open(&mut self, container: Container) {
        self.consume_peeked(1);
        self.stack.push(container);
        self.empty = true;
        self.expect_name = container == Container::Object;
    }

    fn close(&mut self, end: Token) -> Result<()> {
        if self.peek_token()? != Some(end) {
            return Err(self.error(What::Syntax("expected the end of the container")));
        }
        self.consume_peeked(1);
        self.stack.pop();
        self.value_done();
        Ok(())
    }

    /// A value was read: its container is no longer empty, and in an object a name is next.
    fn value_done(&mut self) {
        self.empty = false;
        self.expect_name = self.stack.last() == Some(&Container::Object);
    }

    /// Checks the literal `word` at `at` and that something that may end a value follows it.
    fn literal(&mut self, word: &[u8], token: Token) -> Result<Token> {
        self.fill_to(word.len() + 1)?;
        let unread = &self.buf[self.at..self.end];
        if !unread.starts_with(word) {
            // Fewer bytes than the word are left only at the end of the input.
            if word.starts_with(unread) {
                return Err(self.error_at(self.end, What::Syntax(ENDS_EARLY)));
            }
            return Err(self.error(What::Syntax("invalid literal")));
        }
        match unread.get(word.len()) {
            Some(&next) if !ends_value(next) => {
                Err(self.error_at(self.at + word.len(), What::Syntax("unexpected character")))
            }
            _ => Ok(token),
        }
    }

    // ------------------------------------------------------------------ strings and numbers

    /// The rest of a string whose opening quote was read: lent from the buffer when it lies
    /// there whole without escapes, else put together in `scratch`.
    fn string(&mut self) -> Result<&str> {
        let unread = &self.buf[self.at..self.end];
        if let Some(len) = memchr2(b'"', b'\\', unread).filter(|&len| unread[len] == b'"') {
            let start = self.at;
            self.at += len + 1;
            return string_run(&self.buf[start..start + len])
                .map_err(|(bad, what)| self.error_at(start + bad, What::Syntax(what)));
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        if scratch.capacity() > SCRATCH_KEPT {
            scratch.shrink_to(SCRATCH_KEPT);
        }
        let result = self.string_into(&mut scratch);
        self.scratch = scratch;
        result?;
        Ok(&self.scratch)
    }

    /// Appends the rest of the string to `out`, run by run, refilling as it goes.
    fn string_into(&mut self, out: &mut impl TextSink) -> Result<()> {
        loop {
            let unread = &self.buf[self.at..self.end];
            let found = memchr2(b'"', b'\\', unread);
            // Without a quote or backslash, a character cut by the buffer's end waits for
            // the rest of its bytes.
            let len = found.unwrap_or(unread.len() - incomplete_tail(unread));
            match string_run(&unread[..len]) {
                Ok(text) => out.push_str(text),
                Err((bad, what)) => return Err(self.error_at(self.at + bad, What::Syntax(what))),
            }
            self.at += len;
            match found {
                Some(_) if self.buf[self.at] == b'"' => {
                    self.at += 1;
                    return Ok(());
                }
                Some(_) => self.escape(out)?,
                None => {
                    if !self.refill()? {
                        return Err(self.error_at(self.end, What::Syntax(ENDS_EARLY)));
                    }
                }
            }
        }
    }

    /// Reads the escape sequence at `at` (its backslash) and appends its character.
    fn escape(&mut self, out: &mut impl TextSink) -> Result<()> {
        self.fill_to(LOOKAHEAD)?;
        let unread = &self.buf[self.at..self.end];
        let Some(&kind) = unread.get(1) else {
            return Err(self.error_at(self.end, What::Syntax(ENDS_EARLY)));
        };
        let (c, len) = match kind {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => match unicode_escape(unread) {
                Ok(decoded) => decoded,
                // Only the end of the input leaves fewer than LOOKAHEAD bytes.
                Err(None) => return Err(self.error_at(self.end, What::Syntax(ENDS_EARLY))),
                Err(Some(what)) => return Err(self.error(What::Syntax(what))),
            },
            _ => return Err(self.error(What::Syntax("unknown escape sequence"))),
        };
        out.push_str(c.encode_utf8(&mut [0; 4]));
        self.at += len;
        Ok(())
    }

    /// Reads a number at `at` (checked against JSON's grammar); its value when it is an
    /// integer an i64 holds.
    fn number(&mut self) -> Result<Option<i64>> {
        #[derive(Clone, Copy, PartialEq)]
        enum Part {
            Start,
            Minus,
            Zero,
            Integer,
            Point,
            Fraction,
            E,
            ExponentSign,
            Exponent,
        }
        let mut part = Part::Start;
        let mut kept = [0u8; INTEGER_BYTES];
        let mut len = 0;
        loop {
            let byte = self.next_byte()?;
            let next = match (part, byte) {
                (Part::Start, Some(b'-')) => Part::Minus,
                (Part::Start | Part::Minus, Some(b'0')) => Part::Zero,
                (Part::Start | Part::Minus | Part::Integer, Some(b'0'..=b'9')) => Part::Integer,
                (Part::Zero | Part::Integer, Some(b'.')) => Part::Point,
                (Part::Point | Part::Fraction, Some(b'0'..=b'9')) => Part::Fraction,
                (Part::Zero | Part::Integer | Part::Fraction, Some(b'e' | b'E')) => Part::E,
                (Part::E, Some(b'+' | b'-')) => Part::ExponentSign,
                (Part::E | Part::ExponentSign | Part::Exponent, Some(b'0'..=b'9')) => {
                    Part::Exponent
                }
                (Part::Zero | Part::Integer | Part::Fraction | Part::Exponent, _) => break,
                (_, None) => return Err(self.error(What::Syntax(ENDS_EARLY))),
                _ => return Err(self.error(What::Syntax("malformed number"))),
            };
            if let (Some(byte), Some(slot)) = (byte, kept.get_mut(len)) {
                *slot = byte;
            }
            len += 1;
            self.at += 1;
            part = next;
        }
        if let Some(byte) = self.next_byte()?
            && !ends_value(byte)
        {
            return Err(self.error(What::Syntax("unexpected character after a number")));
        }
        let integer = matches!(part, Part::Zero | Part::Integer) && len <= kept.len();
        Ok(kept
            .get(..len)
            .filter(|_| integer)
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| digits.parse().ok()))
    }

    // ------------------------------------------------------------------ the buffer

    /// Skips whitespace, counting lines; the next byte, None at the end of the input.
    fn skip_whitespace(&mut self) -> Result<Option<u8>> {
        let mut after_cr = false;
        loop {
            while let Some(&byte) = self.buf[..self.end].get(self.at) {
                match byte {
                    b' ' | b'\t' => {}
                    b'\n' | b'\r' => {
                        // CR LF is one line break.
                        if !(after_cr && byte == b'\n') {
                            self.line += 1;
                        }
                        self.line_mark = self.at + 1;
                        self.line_chars = 0;
                    }
                    _ => return Ok(Some(byte)),
                }
                after_cr = byte == b'\r';
                self.at += 1;
            }
            if !self.refill()? {
                return Ok(None);
            }
        }
    }

    /// The byte at `at`, refilling if needed; None at the end of the input.
    fn next_byte(&mut self) -> Result<Option<u8>> {
        if self.at == self.end && !self.refill()? {
            return Ok(None);
        }
        Ok(self.buf[..self.end].get(self.at).copied())
    }

    /// Refills until `len` bytes are unread, or the input ends.
    fn fill_to(&mut self, len: usize) -> Result<()> {
        while self.end - self.at < len && self.refill()? {}
        Ok(())
    }

    /// Moves the unread bytes to the front and reads more behind them; false at the end of
    /// the input.
    #[cold]
    fn refill(&mut self) -> Result<bool> {
        if self.eof {
            return Ok(false);
        }
        // What was read is forgotten: the characters of the line in it are counted first.
        self.line_chars += count_chars(self.buf.get(self.line_mark..self.at).unwrap_or(&[]));
        self.line_mark = 0;
        self.buf.copy_within(self.at..self.end, 0);
        self.end -= self.at;
        self.at = 0;
        if self.end == self.buf.len() {
            return Ok(true);
        }
        loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(read) => {
                    self.end += read;
                    return Ok(true);
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(self.error(What::Io(err.to_string()))),
            }
        }
    }

    // ------------------------------------------------------------------ errors

    fn error(&self, what: What) -> Error {
        self.error_at(self.at, what)
    }

    /// An error at `buf[at]`, with its line and column.
    fn error_at(&self, at: usize, what: What) -> Error {
        let counted = count_chars(self.buf.get(self.line_mark..at).unwrap_or(&[]));
        Error {
            line: self.line + 1,
            column: self.line_chars + counted + 1,
            what,
        }
    }
}

/// A `\uXXXX` escape at the start of `bytes` (two of them for a surrogate pair): its
/// character and length. The error is None when `bytes` end before the escape does.
fn unicode_escape(bytes: &[u8]) -> std::result::Result<(char, usize), Option<&'static str>> {
    const MALFORMED: &str = "malformed escape sequence";
    const UNPAIRED: &str = "unpaired surrogate escape";
    let hex4 = |at: usize| -> std::result::Result<u32, Option<&'static str>> {
        let digits = bytes.get(at..at + 4).ok_or(None)?;
        digits
            .iter()
            .try_fold(0, |value, &digit| {
                Some(value * 16 + char::from(digit).to_digit(16)?)
            })
            .ok_or(Some(MALFORMED))
    };
    let high = hex4(2)?;
    let code = match high {
        0xD800..=0xDBFF => {
            match bytes.get(6..8) {
                Some(b"\\u") => {}
                Some(_) => return Err(Some(UNPAIRED)),
                None => return Err(None),
            }
            let low = hex4(8)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(Some(UNPAIRED));
            }
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return char::from_u32(code).map(|c| (c, 12)).ok_or(Some(MALFORMED));
        }
        0xDC00..=0xDFFF => return Err(Some(UNPAIRED)),
        code => code,
    };
    char::from_u32(code).map(|c| (c, 6)).ok_or(Some(MALFORMED))
}

/// Whether `byte` may follow a number or a literal. ':' and '/' are let through, as struson
/// does, for the clearer error that follows them.
fn ends_value(byte: u8) -> bool {
    matches!(
        byte,
        b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | b':' | b'/'
    )
}

/// A run of a string's bytes (between escapes) as text; else where in it and why not: the first
/// control character or invalid UTF-8, whichever comes first, so that the error does not
/// depend on where the buffer cut the string.
fn string_run(run: &[u8]) -> std::result::Result<&str, (usize, &'static str)> {
    const CONTROL: &str = "control character in a string";
    let control = || run.iter().position(|&b| b < 0x20);
    match simdutf8::basic::from_utf8(run) {
        Ok(text) if !has_control(run) => Ok(text),
        Ok(_) => Err((control().unwrap_or(0), CONTROL)),
        Err(_) => {
            let bad = valid_up_to(run);
            match control() {
                Some(at) if at < bad => Err((at, CONTROL)),
                _ => Err((bad, INVALID_UTF8)),
            }
        }
    }
}

/// Whether `bytes` hold a C0 control (which a JSON string must escape). Written as a fold
/// so that it compiles to a vector loop.
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| found | (b < 0x20))
}

fn valid_up_to(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes).map_or_else(|err| err.valid_up_to(), str::len)
}

/// Characters in `bytes`: the bytes that are not UTF-8 continuation bytes. Summed in u8 by
/// blocks of 255 so that it compiles to a vector loop: a file of one long line counts all
/// its bytes here.
fn count_chars(bytes: &[u8]) -> u64 {
    bytes
        .chunks(255)
        .map(|block| {
            let starts = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from((b as i8) >= -0x40)));
            u64::from(starts)
        })
        .sum()
}

/// How many bytes at the end of `bytes` begin a UTF-8 sequence that is not complete yet.
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let byte = bytes[bytes.len() - back];
        if byte & 0xC0 == 0x80 {
            continue;
        }
        let needed = match byte {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if needed > back { back } else { 0 };
    }
    0
}

#[cfg(test)]
mod tests;
