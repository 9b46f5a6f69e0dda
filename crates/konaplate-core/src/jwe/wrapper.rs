//! The request and response body of an encrypted API: `{"encData":"<compact JWE>"}` and
//! nothing else.

use crate::json::Node;
use crate::text::Text;

/// The one member of an encrypted body.
pub const ENC_DATA: &str = "encData";

/// `{"encData":"<jwe>"}`: the exact string to sign and send.
pub fn wrap(jwe: &str) -> String {
    crate::json::text(&serde_json::json!({ ENC_DATA: jwe }))
}

/// Why a body is not an `encData` wrapper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WrapperError {
    /// Not a JSON object.
    NotObject,
    /// No `encData` member.
    Missing,
    /// `encData` is not a string.
    NotString,
    /// Members besides `encData` (their names, at most five).
    Extra(Vec<String>),
}

impl WrapperError {
    /// The reason in English and Korean.
    pub fn explain(&self) -> Text<String> {
        let (en, ko): (String, String) = match self {
            WrapperError::NotObject => (
                "the body must be a JSON object {\"encData\":\"<JWE>\"}".into(),
                "본문은 JSON 객체 {\"encData\":\"<JWE>\"}여야 합니다".into(),
            ),
            WrapperError::Missing => (
                "this API requires an encrypted body {\"encData\":\"<JWE>\"}; the body is plain JSON".into(),
                "이 API는 암호화된 본문 {\"encData\":\"<JWE>\"}이 필요합니다. 본문이 평문 JSON입니다".into(),
            ),
            WrapperError::NotString => (
                "encData must be a string (the compact JWE)".into(),
                "encData는 문자열(compact JWE)이어야 합니다".into(),
            ),
            WrapperError::Extra(names) => (
                format!("an encrypted body has only encData; it also has {}", names.join(", ")),
                format!("암호화된 본문에는 encData만 있어야 합니다. 다른 항목: {}", names.join(", ")),
            ),
        };
        Text::new(en, ko)
    }
}

/// The JWE inside a body that is exactly `{"encData":"…"}`.
pub fn unwrap_body(body: &str) -> Result<String, WrapperError> {
    let Ok(Node::Object(members)) = crate::json::read_node(body) else {
        return Err(WrapperError::NotObject);
    };
    let mut enc = None;
    let mut others = Vec::new();
    for (key, value) in members {
        if key == ENC_DATA {
            enc = Some(value);
        } else {
            others.push(key);
        }
    }
    let enc = enc.ok_or(WrapperError::Missing)?;
    if !others.is_empty() {
        return Err(WrapperError::Extra(others.iter().take(5).map(|k| k.chars().take(40).collect()).collect()));
    }
    match enc {
        Node::String(jwe) => Ok(jwe),
        _ => Err(WrapperError::NotString),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_and_unwrap() {
        assert_eq!(wrap("a.b.c.d.e"), r#"{"encData":"a.b.c.d.e"}"#);
        assert_eq!(unwrap_body(&wrap("a.b.c.d.e")).unwrap(), "a.b.c.d.e");
        assert_eq!(unwrap_body("[]"), Err(WrapperError::NotObject));
        assert_eq!(unwrap_body("{"), Err(WrapperError::NotObject));
        assert_eq!(unwrap_body(r#"{"cardNo":"1"}"#), Err(WrapperError::Missing));
        assert_eq!(unwrap_body(r#"{"encData":1}"#), Err(WrapperError::NotString));
        assert_eq!(unwrap_body(r#"{"encData":"x","cardNo":"1"}"#), Err(WrapperError::Extra(vec!["cardNo".into()])));
    }
}
