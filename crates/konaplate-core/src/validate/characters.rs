//! Characters an id must not contain: control characters, bidirectional controls and
//! zero-width or otherwise invisible characters. They cannot be seen, so two different ids look
//! the same, or an id is displayed in another order than it is stored ("Trojan Source",
//! CVE-2021-42574); tag characters can smuggle hidden text.

/// Why a character is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// C0 and C1 controls and DEL (U+0000–U+001F, U+007F–U+009F): NUL, tab, newline…
    Control,
    /// U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: reorder what is displayed.
    Bidirectional,
    /// U+00AD, U+180E, U+200B–U+200D, U+2060–U+2064, U+FEFF, U+E0001, U+E0020–U+E007F.
    Invisible,
}

impl Kind {
    /// The kind in English and Korean, for messages.
    pub fn name(self) -> crate::text::Text {
        use crate::text::Text;
        match self {
            Kind::Control => Text::new("a control character", "제어 문자"),
            Kind::Bidirectional => Text::new("a bidirectional-text control", "텍스트 방향 제어 문자"),
            Kind::Invisible => Text::new("a zero-width or invisible character", "폭이 없거나 보이지 않는 문자"),
        }
    }
}

/// The kind of a refused character, or `None` for an allowed one.
pub fn kind(c: char) -> Option<Kind> {
    match c {
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Some(Kind::Control),
        '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some(Kind::Bidirectional)
        }
        '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{E0001}' => {
            Some(Kind::Invisible)
        }
        '\u{E0020}'..='\u{E007F}' => Some(Kind::Invisible),
        _ => None,
    }
}

/// Whether `s` is printable ASCII only (most ids): it then holds no refused character, and its
/// length in characters is its length in bytes.
pub fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| (b' '..b'\x7f').contains(&b))
}

/// The first refused character of `s`: its 1-based position in characters, itself, its kind.
/// Its caller asks only for a text that is not [`is_printable_ascii`] (which has none).
pub fn first_refused(s: &str) -> Option<(usize, char, Kind)> {
    s.chars().enumerate().find_map(|(i, c)| kind(c).map(|k| (i + 1, c, k)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_cannot_be_seen_and_nothing_else() {
        let refused = [
            ('\u{0}', Kind::Control),
            ('\t', Kind::Control),
            ('\u{7F}', Kind::Control),
            ('\u{85}', Kind::Control),
            ('\u{202E}', Kind::Bidirectional),
            ('\u{2067}', Kind::Bidirectional),
            ('\u{61C}', Kind::Bidirectional),
            ('\u{200B}', Kind::Invisible),
            ('\u{200D}', Kind::Invisible),
            ('\u{FEFF}', Kind::Invisible),
            ('\u{E0041}', Kind::Invisible),
        ];
        for (c, want) in refused {
            assert_eq!(kind(c), Some(want), "U+{:04X}", c as u32);
        }
        for c in ['a', 'Z', '0', '-', '_', ' ', '가', 'é', '\u{A0}', '😀', '\u{FFFD}', '\u{2010}'] {
            assert_eq!(kind(c), None, "U+{:04X}", c as u32);
        }
    }

    /// The printable-ASCII shortcut answers as the character table for every ASCII character.
    #[test]
    fn the_ascii_shortcut_agrees_with_the_table() {
        for c in (0u8..=0x7f).map(char::from) {
            let text = format!("id-{c}");
            assert_eq!(is_printable_ascii(&text), kind(c).is_none(), "U+{:04X}", c as u32);
            assert_eq!(first_refused(&text), kind(c).map(|k| (4, c, k)), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn reports_the_first_position_in_characters() {
        assert_eq!(first_refused("가나\u{200B}다"), Some((3, '\u{200B}', Kind::Invisible)));
        assert_eq!(first_refused("SEQ-1"), None);
    }
}
