//! One bilingual text type, and the language that picks from it.
//!
//! Every string a user reads exists in English and Korean. [`Text`] holds the pair: the
//! catalog's texts, the shells' chrome and a loaded document's strings are `Text` (that is
//! `Text<&'static str>`: `Copy`, built in constants; a loaded document's strings are leaked once
//! into the same shape), and texts made at run time (a rendered violation, an error naming a
//! value) are `Text<String>`. Both serialise as `{"en": …, "ko": …}`. [`Lang`] is the one
//! language switch of the core, the CLI (`--lang`) and the console: a text is picked by it at the
//! edge, never earlier, so nothing below carries a `korean: bool`.
//!
//! The type is generic over its string rather than a `Cow` so the catalog's statics stay `Copy`
//! and constant (their structs are copied freely), while run-time texts own their strings.

use serde::{Deserialize, Serialize};

/// A language a text is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 code: `en`, `ko` (an option value, a `lang` attribute, `--lang`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// This language's half of `text`, by value (`&'static str` for a static text).
    pub fn pick<S>(self, text: Text<S>) -> S {
        match self {
            Lang::En => text.en,
            Lang::Ko => text.ko,
        }
    }

    /// One of a pair written in place (e.g. a short label in a format string).
    pub fn choose<'a>(self, en: &'a str, ko: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ko => ko,
        }
    }
}

/// A text in English and Korean. `Text` alone is a static one; `Text<String>` is made at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Text<S = &'static str> {
    pub en: S,
    pub ko: S,
}

impl<S> Text<S> {
    pub const fn new(en: S, ko: S) -> Text<S> {
        Text { en, ko }
    }

    /// Both halves through `f` (e.g. formatted into a sentence).
    pub fn map<T>(self, mut f: impl FnMut(S) -> T) -> Text<T> {
        Text { en: f(self.en), ko: f(self.ko) }
    }

    /// Both languages' halves through `f`, which is told the language.
    pub fn build(mut f: impl FnMut(Lang) -> S) -> Text<S> {
        Text { en: f(Lang::En), ko: f(Lang::Ko) }
    }
}

impl<S: AsRef<str>> Text<S> {
    /// The half in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.en.as_ref(),
            Lang::Ko => self.ko.as_ref(),
        }
    }

    /// An owned copy (to keep beside texts made at run time).
    pub fn owned(&self) -> Text<String> {
        Text { en: self.en.as_ref().to_owned(), ko: self.ko.as_ref().to_owned() }
    }
}

impl Text<String> {
    /// A text from anything that becomes a `String`.
    pub fn from_pair(en: impl Into<String>, ko: impl Into<String>) -> Text<String> {
        Text { en: en.into(), ko: ko.into() }
    }
}

/// A static text from its English and Korean: `t("Send", "보내기")`, the shorthand every table
/// of texts (the catalog, the shells' chrome) is written with.
pub const fn t(en: &'static str, ko: &'static str) -> Text {
    Text::new(en, ko)
}

/// Catalog prose that only a reader of the catalog sees (descriptions, code meanings, Test Data
/// triggers, the documentation notes no message quotes), written like [`t`]. With the feature `lean-catalog` it is empty, and since the
/// statics are built at compile time its literals never reach the binary: the JS package's main
/// entry (validate, build, sign, verify) shows none of it.
pub const fn prose(en: &'static str, ko: &'static str) -> Text {
    if cfg!(feature = "lean-catalog") {
        Text::new("", "")
    } else {
        Text::new(en, ko)
    }
}

/// `template` with each `{0}` … `{9}` in it replaced by that argument (an argument's own text is
/// not read again). Every wording with values is one template per language filled by this, not
/// a `format!` each: their argument tables and `core::fmt` were a tenth of the JS package's Wasm.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        match rest.as_bytes().get(open + 1..open + 3) {
            Some(&[digit @ b'0'..=b'9', b'}']) if usize::from(digit - b'0') < args.len() => {
                out.push_str(&rest[..open]);
                out.push_str(args[usize::from(digit - b'0')]);
                rest = &rest[open + 3..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `n` in decimal.
pub fn decimal(n: usize) -> String {
    itoa::Buffer::new().format(n).to_string()
}

/// A character's code point as Unicode writes it: `U+` and at least four upper-case hex digits.
pub fn code_point(c: char) -> String {
    let hex = hex(c as u32).to_ascii_uppercase();
    let mut out = String::from("U+");
    for _ in hex.len()..4 {
        out.push('0');
    }
    out.push_str(&hex);
    out
}

/// `n` in lower-case hexadecimal, without leading zeros.
pub fn hex(n: u32) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut digits = Vec::with_capacity(8);
    let mut n = n;
    loop {
        digits.push(DIGITS[(n & 15) as usize]);
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Korean grammar for texts that put a value before an ending.
pub mod ko {
    /// Whether `word`, read aloud in Korean, ends in a consonant (has a final sound, 받침): the
    /// last Hangul syllable's own; digits read as Korean numbers (1 일, 3 삼 … have one; 2 이,
    /// 4 사 … do not); Latin words as spoken, where a final l, m, n or ng has one (url, minimum,
    /// token, string) and other endings are taken as vowels (header, maxLength); `null` is
    /// read 널. A closing quote or bracket is not read: the particle follows what it closes, or,
    /// after a parenthetical, the word before it (`숫자 3자리(예: 100_001)` ends in 리).
    pub fn has_final_consonant(word: &str) -> bool {
        let mut word = word.trim_end_matches(['"', '\'', '`', ']', '}', '\u{201d}', '\u{2019}']);
        if let Some(inside) = word.strip_suffix(')') {
            word = match inside.bytes().rposition(|b| b == b'(') {
                Some(open) if !inside[..open].trim().is_empty() => inside[..open].trim_end(),
                Some(open) => &inside[open + 1..],
                None => inside,
            };
        }
        if word.ends_with("null") {
            return true;
        }
        match word.chars().last() {
            Some(c @ '가'..='힣') => !(c as u32 - '가' as u32).is_multiple_of(28),
            Some(d @ '0'..='9') => matches!(d, '0' | '1' | '3' | '6' | '7' | '8'),
            Some(c) => matches!(c.to_ascii_lowercase(), 'l' | 'm' | 'n') || word.to_ascii_lowercase().ends_with("ng"),
            None => false,
        }
    }

    /// `after_consonant` or `after_vowel`, as `word`'s final sound asks.
    fn after(word: &str, after_consonant: &'static str, after_vowel: &'static str) -> &'static str {
        if has_final_consonant(word) {
            after_consonant
        } else {
            after_vowel
        }
    }

    /// "must be" after `word`: 이어야 after a final consonant (문자열이어야), 여야 after a vowel (숫자여야).
    pub fn copula(word: &str) -> &'static str {
        after(word, "이어야", "여야")
    }

    /// The topic particle after `word`: 은 after a final consonant (토큰은), 는 after a vowel.
    pub fn topic(word: &str) -> &'static str {
        after(word, "은", "는")
    }

    /// The subject particle after `word`: 이 after a final consonant (코드 100_000이), 가 after a vowel.
    pub fn subject(word: &str) -> &'static str {
        after(word, "이", "가")
    }

    /// The object particle after `word`: 을 after a final consonant, 를 after a vowel (KST를).
    pub fn object(word: &str) -> &'static str {
        after(word, "을", "를")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_each_argument_in_its_place_once() {
        assert_eq!(fill("{1} and {0}, {0}.", &["a", "b"]), "b and a, a.");
        // An argument is not read again; braces that are not a placeholder stay.
        assert_eq!(fill("{0} {x} {2} {", &["{1}", "y"]), "{1} {x} {2} {");
        assert_eq!(fill("정수 {0}~{1}", &["1", "9"]), "정수 1~9");
        assert_eq!((hex(0), hex(0x200b), hex(u32::from(char::MAX))), ("0".into(), "200b".into(), "10ffff".into()));
        assert_eq!(
            (code_point('\u{1}'), code_point('\u{202e}'), code_point('\u{e0001}')),
            ("U+0001".into(), "U+202E".into(), "U+E0001".into())
        );
        assert_eq!(decimal(1234567890), "1234567890");
    }

    #[test]
    fn lang_codes_round_trip_and_pick() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        let t = Text::new("Send", "보내기");
        assert_eq!((Lang::En.pick(t), Lang::Ko.pick(t)), ("Send", "보내기"));
        assert_eq!((t.get(Lang::En), t.get(Lang::Ko)), ("Send", "보내기"));
        assert_eq!(Lang::Ko.choose("a", "b"), "b");
    }

    #[test]
    fn static_and_owned_texts_serialise_alike() {
        let s = Text::new("a", "가");
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"en":"a","ko":"가"}"#);
        assert_eq!(serde_json::to_string(&s.owned()).unwrap(), r#"{"en":"a","ko":"가"}"#);
        assert_eq!(s.map(|x| format!("{x}!")), Text::from_pair("a!", "가!"));
        assert_eq!(Text::build(|l| l.code().to_string()), Text::from_pair("en", "ko"));
    }

    #[test]
    fn particles_follow_the_final_sound_of_hangul_digits_latin_words_and_quoted_values() {
        for (word, topic, subject, object) in [
            ("토큰", "은", "이", "을"),
            ("카드", "는", "가", "를"),
            ("100_000", "은", "이", "을"),
            ("100_409", "는", "가", "를"),
            ("9491339401250763", "은", "이", "을"),
            ("minimum", "은", "이", "을"),
            ("token", "은", "이", "을"),
            ("string", "은", "이", "을"),
            ("url", "은", "이", "을"),
            ("maxLength", "는", "가", "를"),
            ("header", "는", "가", "를"),
            ("KST", "는", "가", "를"),
            ("\"abc\"", "는", "가", "를"),
            ("\"^[0-9]{8}$\"", "는", "가", "를"),
            ("\"email\"", "은", "이", "을"),
            ("(널)", "은", "이", "을"),
            ("숫자 3자리(예: 100_001)", "는", "가", "를"),
            ("서버가 보내는 response.description", "은", "이", "을"),
            ("published(공개) 또는 ours(직접 정함)", "는", "가", "를"),
            ("null", "은", "이", "을"),
            ("", "는", "가", "를"),
        ] {
            assert_eq!((ko::topic(word), ko::subject(word), ko::object(word)), (topic, subject, object), "{word}");
        }
    }

    #[test]
    fn the_copula_follows_the_final_sound() {
        for (word, copula) in [
            ("문자열", "이어야"),
            ("숫자", "여야"),
            ("불리언", "이어야"),
            ("객체", "여야"),
            ("배열", "이어야"),
            ("정확히 16자", "여야"),
            ("1자 이상", "이어야"),
            ("15자 이하", "여야"),
            ("하나", "여야"),
        ] {
            assert_eq!(ko::copula(word), copula, "{word}");
        }
    }
}
