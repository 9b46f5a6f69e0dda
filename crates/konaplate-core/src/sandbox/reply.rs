//! Responses in KONA PLATE's envelope: data fields at the top level plus
//! `"response": {"code", "description"}`. konaplate's own explanation, when there is one, goes
//! under a separate `"konaplate"` key so it is never mistaken for a KONA PLATE field.

use serde_json::{json, Map, Value};

use crate::catalog::{self, Code, CodeEntry};
use crate::text::Text;

/// A business or transport outcome before it becomes HTTP.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    /// `000_000` with the given data fields.
    pub fn success(data: Map<String, Value>) -> Reply {
        Reply::with_code(Code::Success, None, data, None)
    }

    /// A code as its document states it (a loaded document's own, or the catalog's), with the
    /// given data fields.
    pub fn documented(entry: CodeEntry, data: Map<String, Value>) -> Reply {
        Reply::with_entry(entry, None, data, None)
    }

    /// An error code from the catalog, with an optional suffix to its description (the field
    /// name for `000_002`) and an explanation in English and Korean.
    pub fn error(code: Code, suffix: Option<&str>, explanation: Option<Text<String>>) -> Reply {
        Reply::with_code(code, suffix, Map::new(), explanation)
    }

    fn with_code(
        code: Code,
        suffix: Option<&str>,
        data: Map<String, Value>,
        explanation: Option<Text<String>>,
    ) -> Reply {
        Reply::with_entry(code.info().into(), suffix, data, explanation)
    }

    fn with_entry(
        entry: CodeEntry,
        suffix: Option<&str>,
        mut data: Map<String, Value>,
        explanation: Option<Text<String>>,
    ) -> Reply {
        let status = entry.http;
        let mut description = entry.message.to_string();
        if let Some(suffix) = suffix {
            description = format!("{description} {suffix}");
        }
        data.insert("response".into(), json!({ "code": entry.code, "description": description }));
        let ours = entry.provenance == catalog::Provenance::Ours;
        if ours || explanation.is_some() {
            let mut extra = Map::new();
            if ours {
                extra.insert("codeProvenance".into(), "ours".into());
            }
            if let Some(explanation) = explanation {
                extra.insert("explanation".into(), json!(explanation));
            }
            data.insert("konaplate".into(), Value::Object(extra));
        }
        Reply { status, body: Value::Object(data) }
    }

    /// The `response.code` of this reply.
    pub fn code(&self) -> &str {
        self.body["response"]["code"].as_str().unwrap_or_default()
    }
}
