//! A pull reader of JSON text that answers as serde_json's `Deserializer::from_str` does (with
//! `arbitrary_precision`): the same values, the same errors at the same line and column, the
//! same recursion limit. Its callers ask for one token at a time ([`Reader::value`], then
//! [`Reader::next_item`] or [`Reader::next_key`] inside a container), so one reader serves
//! the tree builders ([`super::Tree`]) and the one-pass clean check (`validate::clean`).
//!
//! Why not serde_json's `Deserializer`: each visitor instantiates its whole parser again, and
//! serde's error formatting comes with it; with two visitors that was a fifth of the JS
//! package's Wasm. This file is the parser instead, written after serde_json 1.0's `de.rs` and
//! `read.rs` (the same order of checks, so errors point where serde_json's do).
//! `tests/json_reader.rs` and the `json` fuzz target hold it to serde_json on generated texts
//! and arbitrary bytes.
//!
//! One difference is deliberate: serde_json reads an object whose only key is its private
//! `"$serde_json::private::Number"` as a number; here it is the object it is written as.

use std::borrow::Cow;

use crate::text::Text;

/// Why a text is not JSON: serde_json's reasons that a `&str` can reach, in its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    InvalidNumber,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
}

impl Reason {
    /// serde_json's wording (its `ErrorCode` texts) and the same reason in Korean.
    pub fn text(self) -> Text {
        match self {
            Reason::EofWhileParsingList => {
                Text::new("EOF while parsing a list", "배열이 끝나기 전에 본문이 끝났습니다")
            }
            Reason::EofWhileParsingObject => {
                Text::new("EOF while parsing an object", "객체가 끝나기 전에 본문이 끝났습니다")
            }
            Reason::EofWhileParsingString => {
                Text::new("EOF while parsing a string", "문자열이 끝나기 전에 본문이 끝났습니다")
            }
            Reason::EofWhileParsingValue => {
                Text::new("EOF while parsing a value", "값이 나오기 전에 본문이 끝났습니다")
            }
            Reason::ExpectedColon => Text::new("expected `:`", "`:`가 와야 합니다"),
            Reason::ExpectedListCommaOrEnd => Text::new("expected `,` or `]`", "`,` 또는 `]`가 와야 합니다"),
            Reason::ExpectedObjectCommaOrEnd => Text::new("expected `,` or `}`", "`,` 또는 `}`가 와야 합니다"),
            Reason::ExpectedSomeIdent => Text::new("expected ident", "true, false, null 중 하나여야 합니다"),
            Reason::ExpectedSomeValue => Text::new("expected value", "JSON 값이 와야 합니다"),
            Reason::InvalidEscape => Text::new("invalid escape", "잘못된 이스케이프입니다"),
            Reason::InvalidNumber => Text::new("invalid number", "잘못된 숫자입니다"),
            Reason::ControlCharacterWhileParsingString => Text::new(
                "control character (\\u0000-\\u001F) found while parsing a string",
                "문자열 안에 제어 문자(\\u0000-\\u001F)가 있습니다",
            ),
            Reason::KeyMustBeAString => Text::new("key must be a string", "키는 큰따옴표로 감싼 문자열이어야 합니다"),
            Reason::LoneLeadingSurrogateInHexEscape => {
                Text::new("lone leading surrogate in hex escape", "짝이 없는 상위 서로게이트 이스케이프입니다")
            }
            Reason::TrailingComma => Text::new("trailing comma", "마지막 항목 뒤에 쉼표가 있습니다"),
            Reason::TrailingCharacters => Text::new("trailing characters", "JSON 값 뒤에 다른 문자가 있습니다"),
            Reason::UnexpectedEndOfHexEscape => {
                Text::new("unexpected end of hex escape", "16진수 이스케이프가 중간에 끝났습니다")
            }
            Reason::RecursionLimitExceeded => {
                Text::new("recursion limit exceeded", "중첩이 너무 깊습니다(최대 128단계)")
            }
        }
    }
}

/// A reason at a 1-based line and a column as serde_json counts it (bytes since the line's
/// start, so the column of the first byte of a line is 1 only when the error is reported past it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error {
    pub reason: Reason,
    pub line: usize,
    pub column: usize,
}

/// One value's start, as [`Reader::value`] reads it. A string or a number borrows the text
/// when it can (no escape; a number written as serde_json keeps it).
#[derive(Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Null,
    Bool(bool),
    /// The number's text as serde_json keeps it: `E` written `e`, an exponent's sign always
    /// written (`1e3` is `1e+3`).
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    /// `[` read: ask [`Reader::next_item`] before each item.
    Array,
    /// `{` read: ask [`Reader::next_key`] before each member.
    Object,
}

/// How deep arrays and objects may nest (serde_json's limit).
const DEPTH_LIMIT: u8 = 128;

/// A reader over one JSON text; see the module's documentation.
pub struct Reader<'a> {
    text: &'a str,
    index: usize,
    remaining_depth: u8,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader { text, index: 0, remaining_depth: DEPTH_LIMIT }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.index).copied()
    }

    /// The next byte, 0 at the end (serde_json's `peek_or_null`).
    fn peek_or_null(&self) -> u8 {
        self.peek().unwrap_or(0)
    }

    fn next_byte(&mut self) -> Option<u8> {
        let byte = self.peek();
        if byte.is_some() {
            self.index += 1;
        }
        byte
    }

    /// An error at the byte just read (serde_json's `error`).
    #[cold]
    #[inline(never)]
    fn error(&self, reason: Reason) -> Error {
        self.error_at(self.index, reason)
    }

    /// An error at the byte about to be read (serde_json's `peek_error`).
    #[cold]
    #[inline(never)]
    fn peek_error(&self, reason: Reason) -> Error {
        self.error_at((self.index + 1).min(self.text.len()), reason)
    }

    fn error_at(&self, index: usize, reason: Reason) -> Error {
        let before = &self.bytes()[..index];
        let start_of_line = before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
        let line = 1 + before[..start_of_line].iter().filter(|&&b| b == b'\n').count();
        Error { reason, line, column: index - start_of_line }
    }

    /// The next byte that is not whitespace, not consumed.
    fn skip_whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.index += 1;
        }
        self.peek()
    }

    /// The start of the next value; a string, a number or a literal is read whole.
    pub fn value(&mut self) -> Result<Token<'a>, Error> {
        let Some(peek) = self.skip_whitespace() else {
            return Err(self.peek_error(Reason::EofWhileParsingValue));
        };
        match peek {
            b'n' => self.literal(b"null", Token::Null),
            b't' => self.literal(b"true", Token::Bool(true)),
            b'f' => self.literal(b"false", Token::Bool(false)),
            b'-' | b'0'..=b'9' => self.number().map(Token::Number),
            b'"' => {
                self.index += 1;
                self.string().map(Token::String)
            }
            b'[' | b'{' => {
                self.remaining_depth -= 1;
                if self.remaining_depth == 0 {
                    return Err(self.peek_error(Reason::RecursionLimitExceeded));
                }
                self.index += 1;
                Ok(if peek == b'[' { Token::Array } else { Token::Object })
            }
            _ => Err(self.peek_error(Reason::ExpectedSomeValue)),
        }
    }

    /// After `[` or an item: whether another item follows (then read it with [`Reader::value`]);
    /// `false` once `]` is read. `first`: no item read yet.
    pub fn next_item(&mut self, first: bool) -> Result<bool, Error> {
        match self.skip_whitespace() {
            None => Err(self.peek_error(Reason::EofWhileParsingList)),
            Some(b']') => {
                self.close();
                Ok(false)
            }
            Some(_) if first => Ok(true),
            Some(b',') => {
                self.index += 1;
                match self.skip_whitespace() {
                    Some(b']') => Err(self.peek_error(Reason::TrailingComma)),
                    Some(_) => Ok(true),
                    None => Err(self.peek_error(Reason::EofWhileParsingValue)),
                }
            }
            Some(_) => Err(self.peek_error(Reason::ExpectedListCommaOrEnd)),
        }
    }

    /// After `{` or a member's value: the next key, its `:` read (then read its value with
    /// [`Reader::value`]); `None` once `}` is read. `first`: no member read yet.
    pub fn next_key(&mut self, first: bool) -> Result<Option<Cow<'a, str>>, Error> {
        match self.skip_whitespace() {
            None => return Err(self.peek_error(Reason::EofWhileParsingObject)),
            Some(b'}') => {
                self.close();
                return Ok(None);
            }
            Some(b'"') if first => {}
            Some(_) if first => return Err(self.peek_error(Reason::KeyMustBeAString)),
            Some(b',') => {
                self.index += 1;
                match self.skip_whitespace() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.peek_error(Reason::TrailingComma)),
                    Some(_) => return Err(self.peek_error(Reason::KeyMustBeAString)),
                    None => return Err(self.peek_error(Reason::EofWhileParsingValue)),
                }
            }
            Some(_) => return Err(self.peek_error(Reason::ExpectedObjectCommaOrEnd)),
        }
        self.index += 1;
        let key = self.string()?;
        match self.skip_whitespace() {
            Some(b':') => {
                self.index += 1;
                Ok(Some(key))
            }
            Some(_) => Err(self.peek_error(Reason::ExpectedColon)),
            None => Err(self.peek_error(Reason::EofWhileParsingObject)),
        }
    }

    /// Reads the `]` or `}` that [`Reader::next_item`] or [`Reader::next_key`] found.
    fn close(&mut self) {
        self.remaining_depth += 1;
        self.index += 1;
    }

    /// After the one value: only whitespace may follow.
    pub fn end(&mut self) -> Result<(), Error> {
        match self.skip_whitespace() {
            Some(_) => Err(self.peek_error(Reason::TrailingCharacters)),
            None => Ok(()),
        }
    }

    /// `null`, `true` or `false`, its first byte not read yet.
    fn literal(&mut self, word: &[u8], token: Token<'a>) -> Result<Token<'a>, Error> {
        self.index += 1;
        for &expected in &word[1..] {
            match self.next_byte() {
                None => return Err(self.error(Reason::EofWhileParsingValue)),
                Some(byte) if byte != expected => return Err(self.error(Reason::ExpectedSomeIdent)),
                Some(_) => {}
            }
        }
        Ok(token)
    }

    /// A number, its first byte (`-` or a digit) not read yet (serde_json's `scan_integer` and
    /// what follows it).
    fn number(&mut self) -> Result<Cow<'a, str>, Error> {
        let start = self.index;
        if self.peek() == Some(b'-') {
            self.index += 1;
        }
        match self.next_byte() {
            None => return Err(self.error(Reason::EofWhileParsingValue)),
            Some(b'0') => {
                if self.peek_or_null().is_ascii_digit() {
                    return Err(self.peek_error(Reason::InvalidNumber));
                }
            }
            Some(b'1'..=b'9') => self.skip_digits(),
            Some(_) => return Err(self.error(Reason::InvalidNumber)),
        }
        if self.peek_or_null() == b'.' {
            self.index += 1;
            if !self.peek_or_null().is_ascii_digit() {
                let reason = if self.peek().is_some() { Reason::InvalidNumber } else { Reason::EofWhileParsingValue };
                return Err(self.peek_error(reason));
            }
            self.skip_digits();
        }
        let mut exponent_at = None;
        if let b'e' | b'E' = self.peek_or_null() {
            exponent_at = Some(self.index);
            self.index += 1;
            if let b'+' | b'-' = self.peek_or_null() {
                self.index += 1;
            }
            match self.next_byte() {
                None => return Err(self.error(Reason::EofWhileParsingValue)),
                Some(b'0'..=b'9') => self.skip_digits(),
                Some(_) => return Err(self.error(Reason::InvalidNumber)),
            }
        }
        let text = &self.text[start..self.index];
        Ok(match exponent_at {
            Some(at) if !matches!(self.bytes()[at..at + 2], [b'e', b'+' | b'-']) => {
                Cow::Owned(normalized_exponent(text, at - start))
            }
            _ => Cow::Borrowed(text),
        })
    }

    fn skip_digits(&mut self) {
        while self.peek_or_null().is_ascii_digit() {
            self.index += 1;
        }
    }

    /// A string's contents, its opening `"` read (serde_json's `parse_str` for a `&str`).
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        let bytes = self.bytes();
        let mut start = self.index;
        let mut owned: Option<String> = None;
        loop {
            while let Some(&byte) = bytes.get(self.index) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.index += 1;
            }
            let Some(&byte) = bytes.get(self.index) else {
                return Err(self.error(Reason::EofWhileParsingString));
            };
            let run = &self.text[start..self.index];
            self.index += 1;
            match byte {
                b'"' => {
                    return Ok(match owned {
                        None => Cow::Borrowed(run),
                        Some(mut s) => {
                            s.push_str(run);
                            Cow::Owned(s)
                        }
                    })
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(run);
                    let c = self.escape()?;
                    s.push(c);
                    start = self.index;
                }
                _ => return Err(self.error(Reason::ControlCharacterWhileParsingString)),
            }
        }
    }

    /// The character an escape stands for, its `\` read (serde_json's `parse_escape` and
    /// `parse_unicode_escape`, surrogates required to pair).
    fn escape(&mut self) -> Result<char, Error> {
        let Some(byte) = self.next_byte() else {
            return Err(self.error(Reason::EofWhileParsingString));
        };
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\x08',
            b'f' => '\x0c',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error(Reason::InvalidEscape)),
        })
    }

    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&first) {
            return Err(self.error(Reason::LoneLeadingSurrogateInHexEscape));
        }
        if !(0xD800..=0xDBFF).contains(&first) {
            // Outside the surrogates, every code unit is a character.
            return Ok(char::from_u32(u32::from(first)).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        for expected in [b'\\', b'u'] {
            match self.next_byte() {
                None => return Err(self.error(Reason::EofWhileParsingString)),
                Some(byte) if byte != expected => return Err(self.error(Reason::UnexpectedEndOfHexEscape)),
                Some(_) => {}
            }
        }
        let second = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return Err(self.error(Reason::LoneLeadingSurrogateInHexEscape));
        }
        let code = 0x1_0000 + ((u32::from(first) - 0xD800) << 10 | (u32::from(second) - 0xDC00));
        Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// Four hex digits (serde_json's `decode_hex_escape`).
    fn hex4(&mut self) -> Result<u16, Error> {
        let Some(digits) = self.bytes().get(self.index..self.index + 4) else {
            self.index = self.text.len();
            return Err(self.error(Reason::EofWhileParsingString));
        };
        self.index += 4;
        let mut value = 0u16;
        for &digit in digits {
            match (digit as char).to_digit(16) {
                Some(d) => value = value << 4 | d as u16,
                None => return Err(self.error(Reason::InvalidEscape)),
            }
        }
        Ok(value)
    }
}

/// `text` with its exponent (at byte `at`) written `e` and signed, as serde_json keeps it.
#[cold]
fn normalized_exponent(text: &str, at: usize) -> String {
    let (mantissa, exponent) = text.split_at(at);
    let digits = &exponent[1..];
    let sign = if digits.starts_with(['+', '-']) { "" } else { "+" };
    [mantissa, "e", sign, digits].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token of `text`, containers as `[` … `]` and `{` key: … `}`, or the error.
    fn tokens(text: &str) -> Result<Vec<String>, Error> {
        fn one(r: &mut Reader, out: &mut Vec<String>) -> Result<(), Error> {
            match r.value()? {
                Token::Array => {
                    out.push("[".into());
                    let mut first = true;
                    while r.next_item(first)? {
                        first = false;
                        one(r, out)?;
                    }
                    out.push("]".into());
                }
                Token::Object => {
                    out.push("{".into());
                    let mut first = true;
                    while let Some(key) = r.next_key(first)? {
                        first = false;
                        out.push(format!("{key}:"));
                        one(r, out)?;
                    }
                    out.push("}".into());
                }
                other => out.push(format!("{other:?}")),
            }
            Ok(())
        }
        let mut r = Reader::new(text);
        let mut out = Vec::new();
        one(&mut r, &mut out)?;
        r.end()?;
        Ok(out)
    }

    #[test]
    fn reads_tokens_borrowing_what_it_can() {
        let r = tokens(r#" {"a\"b": [1, -0.5e3, 2E-1, "x\u00e9\ud83d\ude00", true, null], "c": {}} "#).unwrap();
        assert_eq!(
            r,
            [
                "{",
                "a\"b:",
                "[",
                "Number(\"1\")",
                "Number(\"-0.5e+3\")",
                "Number(\"2e-1\")",
                "String(\"xé😀\")",
                "Bool(true)",
                "Null",
                "]",
                "c:",
                "{",
                "}",
                "}"
            ]
        );
        assert!(matches!(Reader::new("\"plain\"").value(), Ok(Token::String(Cow::Borrowed("plain")))));
        assert!(matches!(Reader::new("12.5e-3").value(), Ok(Token::Number(Cow::Borrowed("12.5e-3")))));
    }

    #[test]
    fn errors_say_why_and_where() {
        let at = |text: &str| tokens(text).unwrap_err();
        let e = at("{\n  \"a\": 1,\n  \"b\": }");
        assert_eq!((e.reason, e.line, e.column), (Reason::ExpectedSomeValue, 3, 8));
        assert_eq!(at("[1,]").reason, Reason::TrailingComma);
        assert_eq!(at("{\"a\":1,}").reason, Reason::TrailingComma);
        assert_eq!(at("01").reason, Reason::InvalidNumber);
        assert_eq!(at("\"\\ud800\"").reason, Reason::UnexpectedEndOfHexEscape);
        assert_eq!(at("\"\\udc00\"").reason, Reason::LoneLeadingSurrogateInHexEscape);
        assert_eq!(at("nul").reason, Reason::EofWhileParsingValue);
        assert_eq!(at("1 2").reason, Reason::TrailingCharacters);
        let deep = "[".repeat(200);
        assert_eq!(at(&deep).reason, Reason::RecursionLimitExceeded);
        assert!(tokens(&("[".repeat(127) + &"]".repeat(127))).is_ok());
    }
}
