//! `pattern`: an ECMA-262 regular expression, matched as JSON Schema and ajv match it (the `u`
//! flag, unanchored), or refused by name.
//!
//! Every pattern first passes [`translate`], one refusal check for every build: what could
//! mean something else in JavaScript and in the native engine is refused with the reason. Then
//! an engine compiles it:
//!
//! - the host's, when a shell installed one with [`use_host_matcher`] (the Wasm shells install
//!   JavaScript's own `RegExp`, `konaplate-js-pattern`, so the page and the JS package carry no
//!   regex engine);
//! - else `regex-lite`, on the translation, with the `regex` feature (native builds);
//! - else none: the pattern is refused at load, never ignored.

mod translate;

use std::sync::OnceLock;

pub use translate::translate;

use crate::text::Text;

/// A host's matcher: whether `pattern` (the document's ECMA-262 source, flag `u`) matches
/// anywhere in `text`; `None` when the host cannot compile the pattern (or run it).
pub type HostMatcher = fn(pattern: &str, text: &str) -> Option<bool>;

static HOST: OnceLock<HostMatcher> = OnceLock::new();

/// Installs the host's matcher for every pattern compiled from now on. The first call wins;
/// later ones change nothing.
pub fn use_host_matcher(matcher: HostMatcher) {
    let _ = HOST.set(matcher);
}

#[derive(Debug, Clone)]
enum Engine {
    Host(HostMatcher),
    #[cfg(feature = "regex")]
    Lite(regex_lite::Regex),
}

/// A compiled `pattern`: the document's source text and the engine that matches it. Only
/// `Send + Sync` data, since loaded endpoints are `&'static` and shared.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: &'static str,
    engine: Engine,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

impl serde::Serialize for Pattern {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.source)
    }
}

impl Pattern {
    /// Compiles an ECMA-262 pattern; `Err` says why it is refused, in English and Korean.
    pub fn new(source: &'static str) -> Result<Pattern, Text<String>> {
        #[cfg_attr(not(feature = "regex"), allow(unused_variables))]
        let translated = translate(source)?;
        if let Some(&host) = HOST.get() {
            return match host(source, "") {
                Some(_) => Ok(Pattern { source, engine: Engine::Host(host) }),
                None => Err(Text::new(
                    "the host's JavaScript RegExp refuses it (with the u flag)".to_string(),
                    "호스트의 JavaScript RegExp가 받아들이지 않습니다(u 플래그)".to_string(),
                )),
            };
        }
        #[cfg(feature = "regex")]
        {
            let regex = regex_lite::Regex::new(&translated).map_err(|e| {
                Text::new(
                    format!("regex-lite cannot compile it ({e})"),
                    format!("regex-lite로 컴파일할 수 없습니다({e})"),
                )
            })?;
            Ok(Pattern { source, engine: Engine::Lite(regex) })
        }
        #[cfg(not(feature = "regex"))]
        Err(Text::new(
            "this build of konaplate has no pattern engine (neither regex-lite nor the host's RegExp)".to_string(),
            "이 konaplate 빌드에는 패턴 엔진이 없습니다(regex-lite도 호스트의 RegExp도 없음)".to_string(),
        ))
    }

    /// Whether the pattern matches anywhere in `text` (JSON Schema's patterns are unanchored).
    /// A host that fails on a pattern it compiled counts as no match: a violation, never a pass.
    pub fn matches(&self, text: &str) -> bool {
        match &self.engine {
            Engine::Host(host) => host(self.source, text).unwrap_or(false),
            #[cfg(feature = "regex")]
            Engine::Lite(regex) => regex.is_match(text),
        }
    }
}

#[cfg(all(test, feature = "regex"))]
mod tests {
    use super::*;

    /// `testdata/pattern-matches.json`, which JavaScript's RegExp answers the same way
    /// (`crates/konaplate-js-pattern/tests/node.rs`).
    #[test]
    fn patterns_match_like_javascript_with_the_u_flag_unanchored() {
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../../../../testdata/pattern-matches.json")).unwrap();
        let cases = table["cases"].as_array().unwrap();
        assert!(cases.len() > 30);
        for case in cases {
            let (source, text, want) =
                (case[0].as_str().unwrap(), case[1].as_str().unwrap(), case[2].as_bool().unwrap());
            let pattern = Pattern::new(Box::leak(source.into())).unwrap_or_else(|e| panic!("{source}: {}", e.en));
            assert_eq!(pattern.matches(text), want, "{source} on {text:?}");
        }
    }

    #[test]
    fn a_pattern_regex_lite_cannot_compile_is_refused_with_its_reason() {
        let e = Pattern::new("a{99999999999}").unwrap_err();
        assert!(e.en.starts_with("regex-lite cannot compile it"), "{}", e.en);
        assert!(e.ko.starts_with("regex-lite로 컴파일할 수 없습니다"), "{}", e.ko);
    }
}
