//! The permalink: endpoint, time zone, body and header overrides in the URL fragment, so a
//! request can be shared. Never a credential: [`Permalink`] has no field for the secret key or
//! the access key, and the page never puts a credential header's override in it.
//! Encoded as Base64url (no padding) of a small JSON object, both through their crates.

use base64ct::{Base64UrlUnpadded, Encoding as _};
use serde::Serialize;

/// Longest fragment read back (a body of about 48 KB); longer ones are ignored.
const MAX_FRAGMENT: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Permalink {
    #[serde(rename = "e")]
    pub endpoint: String,
    #[serde(rename = "z")]
    pub zone: String,
    #[serde(rename = "b")]
    pub body: String,
    /// Overridden non-credential headers, `(name, value)`.
    #[serde(rename = "h", skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The active environment's name: never its values (base URL, keys, variables).
    #[serde(rename = "p", skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

impl Permalink {
    /// `#r=<base64url(json)>`.
    pub fn fragment(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("#r={}", Base64UrlUnpadded::encode_string(json.as_bytes()))
    }

    /// Reads a fragment made by [`Permalink::fragment`]; anything else is `None`.
    pub fn parse(fragment: &str) -> Option<Permalink> {
        let encoded = fragment.strip_prefix("#r=")?;
        if encoded.len() > MAX_FRAGMENT {
            return None;
        }
        let json = Base64UrlUnpadded::decode_vec(encoded).ok()?;
        // Read through `Value` (no derived `Deserialize`: its error paths pull float formatting
        // into the page's Wasm), from text as every other JSON the console reads (a byte-slice
        // reader would be a second copy of serde_json's parser in the page).
        let value: serde_json::Value = konaplate_core::json::read(std::str::from_utf8(&json).ok()?).ok()?;
        let text = |key: &str| value.get(key)?.as_str().map(str::to_string);
        let headers = match value.get("h") {
            None => Vec::new(),
            Some(h) => h
                .as_array()?
                .iter()
                .map(|pair| Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string())))
                .collect::<Option<Vec<_>>>()?,
        };
        Some(Permalink { endpoint: text("e")?, zone: text("z")?, body: text("b")?, headers, profile: text("p") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_19_digit_body_exactly() {
        let link = Permalink {
            endpoint: "charge".into(),
            zone: "KST".into(),
            body: r#"{"userId":9999999999999999999,"sequenceId":"한글 & ?#="}"#.into(),
            headers: vec![("X-KM-Tran-Time".into(), "20231340256199".into())],
            profile: Some("local server".into()),
        };
        let fragment = link.fragment();
        assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"#=-_".contains(&b)), "{fragment}");
        assert_eq!(Permalink::parse(&fragment), Some(link));
    }

    #[test]
    fn foreign_or_broken_fragments_are_ignored() {
        for bad in ["", "#", "#r=", "#r=!!!", "#other=abc", "#r=e30"] {
            assert_eq!(Permalink::parse(bad), None, "{bad}");
        }
        assert_eq!(Permalink::parse(&format!("#r={}", "A".repeat(MAX_FRAGMENT + 4))), None);
        // `{"e":"","z":"","b":""}`, then with one of the last character's unused bits set (`Q` →
        // `R`), then padded: only the first is read.
        let empty = Permalink { endpoint: "".into(), zone: "".into(), body: "".into(), headers: vec![], profile: None };
        assert_eq!(Permalink::parse("#r=eyJlIjoiIiwieiI6IiIsImIiOiIifQ"), Some(empty));
        assert_eq!(Permalink::parse("#r=eyJlIjoiIiwieiI6IiIsImIiOiIifR"), None);
        assert_eq!(Permalink::parse("#r=eyJlIjoiIiwieiI6IiIsImIiOiIifQ=="), None);
    }
}
