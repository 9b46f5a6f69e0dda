//! The one refusal check of every build, and the translation into `regex-lite`'s syntax.
//!
//! The translation keeps only what means the same in both: `\d`, `\w`, `\b` are ASCII in both;
//! `\s` and `.` are spelled out as JavaScript defines them (Unicode white space; anything but
//! the four line terminators); every other literal is written as its code point. What
//! `regex-lite` has no equivalent for (lookaround, backreferences, `\p{…}`, flags) and what
//! JavaScript itself refuses with the `u` flag (a lone `{`, `]`, an unknown escape) is refused
//! with the reason, so a document never validates with a pattern that means something else.
//! The Wasm builds run the check too, then match the source with JavaScript's `RegExp`: every
//! build refuses the same constructs in the same words; only each engine's own limits differ
//! (regex-lite's size limits natively, `RegExp`'s, such as its capture count, in Wasm).

use crate::text::Text;

/// JavaScript's `\s`: WhiteSpace and LineTerminator (ECMA-262 §22.2.2.9), as class members.
const JS_SPACE: &str =
    r"\x{9}-\x{D}\x{20}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

fn unsupported(construct: &str, ko: &str) -> Text<String> {
    Text::new(
        format!("{construct} is not supported: konaplate accepts only patterns its native engine (regex-lite) and JavaScript read alike"),
        // The construct before the sentence, so no Korean particle has to agree with its last sound.
        format!("지원하지 않는 구문입니다: {ko}. konaplate는 네이티브 엔진(regex-lite)과 JavaScript가 똑같이 읽는 패턴만 받습니다"),
    )
}

fn invalid(what: &str, ko: &str) -> Text<String> {
    Text::new(
        format!("not a valid ECMA-262 pattern with the u flag: {what}"),
        format!("u 플래그의 ECMA-262 패턴으로 올바르지 않습니다: {ko}"),
    )
}

/// One literal character as regex-lite reads it, whatever it is.
fn literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:X}}}", c as u32));
    }
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.at += usize::from(c.is_some());
        c
    }

    fn eat(&mut self, c: char) -> bool {
        let yes = self.peek() == Some(c);
        self.at += usize::from(yes);
        yes
    }

    fn hex(&mut self, n: usize) -> Option<u32> {
        let text: String = self.chars.get(self.at..self.at + n)?.iter().collect();
        let value = u32::from_str_radix(&text, 16).ok().filter(|_| text.chars().all(|c| c.is_ascii_hexdigit()))?;
        self.at += n;
        Some(value)
    }

    fn digits(&mut self) -> Option<u64> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let text: String = self.chars[start..self.at].iter().collect();
        // Counts beyond u32 cannot compile anyway; saturate.
        (!text.is_empty()).then(|| text.parse().unwrap_or(u64::MAX))
    }

    /// `\u` after the backslash and `u`: `{…}` or four hex digits (a surrogate pair joined).
    fn unicode_escape(&mut self) -> Result<char, Text<String>> {
        let bad = || invalid("a malformed \\u escape", "잘못된 \\u 이스케이프");
        let code = if self.eat('{') {
            let start = self.at;
            while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                self.at += 1;
            }
            let text: String = self.chars[start..self.at].iter().collect();
            if text.is_empty() || !self.eat('}') {
                return Err(bad());
            }
            let digits = text.trim_start_matches('0');
            if digits.len() > 6 {
                return Err(bad());
            }
            u32::from_str_radix(if digits.is_empty() { "0" } else { digits }, 16).map_err(|_| bad())?
        } else {
            let high = self.hex(4).ok_or_else(bad)?;
            if (0xD800..0xDC00).contains(&high) && self.chars.get(self.at..self.at + 2) == Some(&['\\', 'u']) {
                let save = self.at;
                self.at += 2;
                match self.hex(4) {
                    Some(low) if (0xDC00..0xE000).contains(&low) => 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00),
                    _ => {
                        self.at = save;
                        high
                    }
                }
            } else {
                high
            }
        };
        if code > 0x10FFFF {
            return Err(invalid("a \\u{…} escape above U+10FFFF", "U+10FFFF보다 큰 \\u{…} 이스케이프"));
        }
        char::from_u32(code)
            .ok_or_else(|| unsupported("a lone surrogate (\\uD800-\\uDFFF)", "짝 없는 서로게이트(\\uD800-\\uDFFF)"))
    }

    /// An escape that stands for one character (after the backslash), in or out of a class;
    /// `None` when the escape is something else (a class, an assertion, a reference).
    fn character_escape(&mut self, c: char, in_class: bool) -> Result<Option<char>, Text<String>> {
        Ok(Some(match c {
            't' => '\t',
            'n' => '\n',
            'v' => '\u{B}',
            'f' => '\u{C}',
            'r' => '\r',
            'b' if in_class => '\u{8}',
            '-' if in_class => '-',
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => '\0',
            'c' => match self.next() {
                Some(l) if l.is_ascii_alphabetic() => char::from(l as u8 % 32),
                _ => return Err(invalid("\\c without a letter", "\\c 뒤에 영문자가 없음")),
            },
            'x' => {
                let code = self
                    .hex(2)
                    .ok_or_else(|| invalid("\\x without two hex digits", "\\x 뒤에 16진수 두 자리가 없음"))?;
                char::from(code as u8)
            }
            'u' => self.unicode_escape()?,
            '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '/' => c,
            _ => return Ok(None),
        }))
    }
}

/// The regex-lite text for an ECMA-262 `pattern`, or why it is refused.
pub fn translate(source: &str) -> Result<String, Text<String>> {
    let mut r = Reader { chars: source.chars().collect(), at: 0 };
    let mut out = String::with_capacity(source.len() * 2);
    // Whether the last thing written can take a quantifier.
    let mut atom = false;
    let mut depth = 0usize;
    let mut names: Vec<String> = Vec::new();
    while let Some(c) = r.next() {
        match c {
            '\\' => {
                let Some(e) = r.next() else {
                    return Err(invalid("a pattern ending in \\", "\\로 끝나는 패턴"));
                };
                atom = true;
                match e {
                    'd' | 'D' | 'w' | 'W' => out.push_str(&format!("\\{e}")),
                    's' => out.push_str(&format!("[{JS_SPACE}]")),
                    'S' => out.push_str(&format!("[^{JS_SPACE}]")),
                    'b' | 'B' => {
                        out.push_str(&format!("\\{e}"));
                        atom = false;
                    }
                    '1'..='9' => return Err(unsupported("a backreference (\\1)", "역참조(\\1)")),
                    'k' => return Err(unsupported("a named backreference (\\k<name>)", "이름 역참조(\\k<name>)")),
                    'p' | 'P' => {
                        return Err(unsupported("a Unicode property class (\\p{…})", "유니코드 속성 클래스(\\p{…})"))
                    }
                    _ => match r.character_escape(e, false)? {
                        Some(ch) => literal(&mut out, ch),
                        None => return Err(invalid(&format!("the escape \\{e}"), &format!("이스케이프 \\{e}"))),
                    },
                }
            }
            '.' => {
                out.push_str(r"[^\x{A}\x{D}\x{2028}\x{2029}]");
                atom = true;
            }
            '^' | '$' => {
                out.push(c);
                atom = false;
            }
            '|' => {
                out.push('|');
                atom = false;
            }
            '(' => {
                if r.eat('?') {
                    match r.next() {
                        Some(':') => {}
                        Some('=') | Some('!') => {
                            return Err(unsupported("a lookahead ((?= or (?!)", "전방 탐색((?= 또는 (?!)"))
                        }
                        Some('<') if matches!(r.peek(), Some('=') | Some('!')) => {
                            return Err(unsupported("a lookbehind ((?<= or (?<!)", "후방 탐색((?<= 또는 (?<!)"))
                        }
                        Some('<') => {
                            let mut name = String::new();
                            loop {
                                match r.next() {
                                    Some('>') => break,
                                    Some(n) if n == '$' || n == '_' || n.is_ascii_alphabetic() => name.push(n),
                                    Some(n) if n.is_ascii_digit() && !name.is_empty() => name.push(n),
                                    _ => return Err(invalid("a malformed group name", "잘못된 그룹 이름")),
                                }
                            }
                            if name.is_empty() || names.contains(&name) {
                                return Err(invalid("a missing or repeated group name", "없거나 반복된 그룹 이름"));
                            }
                            names.push(name);
                        }
                        _ => return Err(unsupported("a group modifier such as (?i)", "(?i) 같은 그룹 수정자")),
                    }
                }
                out.push_str("(?:");
                depth += 1;
                atom = false;
            }
            ')' => {
                if depth == 0 {
                    return Err(invalid("an unmatched )", "짝이 없는 )"));
                }
                depth -= 1;
                out.push(')');
                atom = true;
            }
            '*' | '+' | '?' | '{' => {
                if c == '{' {
                    let min = r.digits();
                    // `None` inside: no upper bound (`{n,}`).
                    let max = if r.eat(',') { Some(r.digits()) } else { min.map(Some) };
                    let (Some(min), Some(max), true) = (min, max, r.eat('}')) else {
                        return Err(invalid(
                            "a { that is not a quantifier {n}, {n,} or {n,m}",
                            "수량자({n}, {n,}, {n,m})가 아닌 {",
                        ));
                    };
                    if max.is_some_and(|max| max < min) {
                        return Err(invalid("a quantifier {n,m} with m < n", "m < n인 수량자 {n,m}"));
                    }
                    if !atom {
                        return Err(invalid("a quantifier with nothing to repeat", "반복할 대상이 없는 수량자"));
                    }
                    match max {
                        Some(max) if max == min => out.push_str(&format!("{{{min}}}")),
                        Some(max) => out.push_str(&format!("{{{min},{max}}}")),
                        None => out.push_str(&format!("{{{min},}}")),
                    }
                } else {
                    if !atom {
                        return Err(invalid("a quantifier with nothing to repeat", "반복할 대상이 없는 수량자"));
                    }
                    out.push(c);
                }
                if r.eat('?') {
                    out.push('?');
                }
                atom = false;
            }
            '}' | ']' => return Err(invalid(&format!("a lone {c}"), &format!("짝이 없는 {c}"))),
            '[' => {
                class(&mut r, &mut out)?;
                atom = true;
            }
            _ => {
                literal(&mut out, c);
                atom = true;
            }
        }
    }
    if depth > 0 {
        return Err(invalid("an unclosed (", "닫히지 않은 ("));
    }
    Ok(out)
}

/// One member of a class: a character, or a class escape written out already.
enum Member {
    Char(char),
    Set(String),
}

/// A character class after its `[`.
fn class(r: &mut Reader, out: &mut String) -> Result<(), Text<String>> {
    let negated = r.eat('^');
    let mut members: Vec<Member> = Vec::new();
    let mut body = String::new();
    loop {
        let Some(c) = r.next() else {
            return Err(invalid("an unclosed [", "닫히지 않은 ["));
        };
        if c == ']' {
            break;
        }
        let member = class_atom(r, c)?;
        // A range `a-b` (a `-` first or last is a literal).
        if r.peek() == Some('-') && r.chars.get(r.at + 1).is_some_and(|&n| n != ']') {
            r.at += 1;
            let end = r.next().unwrap_or(']');
            let end = class_atom(r, end)?;
            match (member, end) {
                (Member::Char(a), Member::Char(b)) if a <= b => {
                    literal(&mut body, a);
                    body.push('-');
                    literal(&mut body, b);
                    continue;
                }
                (Member::Char(_), Member::Char(_)) => {
                    return Err(invalid("a class range out of order", "순서가 뒤바뀐 클래스 범위"))
                }
                _ => return Err(invalid("a class range with a class escape", "클래스 이스케이프가 든 클래스 범위")),
            }
        }
        members.push(member);
    }
    for member in members {
        match member {
            Member::Char(c) => literal(&mut body, c),
            Member::Set(set) => body.push_str(&set),
        }
    }
    match (negated, body.is_empty()) {
        // `[]` matches nothing and `[^]` anything, in JavaScript.
        (false, true) => out.push_str(r"[^\x{0}-\x{10FFFF}]"),
        (true, true) => out.push_str(r"[\x{0}-\x{10FFFF}]"),
        (false, false) => out.push_str(&format!("[{body}]")),
        (true, false) => out.push_str(&format!("[^{body}]")),
    }
    Ok(())
}

fn class_atom(r: &mut Reader, c: char) -> Result<Member, Text<String>> {
    if c != '\\' {
        return Ok(Member::Char(c));
    }
    let Some(e) = r.next() else {
        return Err(invalid("a pattern ending in \\", "\\로 끝나는 패턴"));
    };
    Ok(match e {
        'd' | 'D' | 'w' | 'W' => Member::Set(format!("\\{e}")),
        's' => Member::Set(JS_SPACE.to_string()),
        'S' => {
            return Err(unsupported("\\S inside a class", "클래스 안의 \\S"));
        }
        'p' | 'P' => return Err(unsupported("a Unicode property class (\\p{…})", "유니코드 속성 클래스(\\p{…})")),
        _ => match r.character_escape(e, true)? {
            Some(ch) => Member::Char(ch),
            None => return Err(invalid(&format!("the escape \\{e}"), &format!("이스케이프 \\{e}"))),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_that_would_mean_something_else_are_refused_with_the_reason() {
        let table: &[(&str, &str)] = &[
            ("(?=a)", "lookahead"),
            ("(?!a)", "lookahead"),
            ("(?<=a)b", "lookbehind"),
            ("(?<!a)b", "lookbehind"),
            ("(a)\\1", "backreference"),
            ("(?<n>a)\\k<n>", "named backreference"),
            ("\\p{L}", "Unicode property"),
            ("(?i)a", "modifier"),
            ("[\\S]", "\\S inside a class"),
            ("\\ud800", "lone surrogate"),
            ("\\u{D800}", "lone surrogate"),
            ("\\u{110000}", "above U+10FFFF"),
            ("a{", "not a quantifier"),
            ("a{,3}", "not a quantifier"),
            ("a{3,2}", "m < n"),
            ("a]", "lone ]"),
            ("a}", "lone }"),
            ("*a", "nothing to repeat"),
            ("a**", "nothing to repeat"),
            ("^*", "nothing to repeat"),
            ("(a", "unclosed ("),
            ("a)", "unmatched )"),
            ("[a", "unclosed ["),
            ("[z-a]", "out of order"),
            ("[\\d-z]", "class escape"),
            ("\\A", "escape \\A"),
            ("\\-", "escape \\-"),
            ("\\1", "backreference"),
            ("a\\", "ending in"),
            ("(?<a>x)(?<a>y)", "repeated group name"),
            ("a{99999}{99999}", "nothing to repeat"),
        ];
        for (source, reason) in table {
            let e = translate(source).unwrap_err();
            assert!(e.en.contains(reason), "{source}: {}", e.en);
            assert!(e.ko.chars().any(|c| ('가'..='힣').contains(&c)), "{source}: {}", e.ko);
        }
    }
}
