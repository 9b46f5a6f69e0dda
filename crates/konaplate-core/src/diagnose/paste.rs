//! A pasted request, whatever it was written as: cURL command, raw HTTP or HAR.

use serde::Serialize;

use super::finding::Finding;
use super::{curl, har, raw_http};
use crate::text::Text;

/// What the paste was written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    Curl,
    RawHttp,
    Har,
}

/// The body of a pasted request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum PastedBody {
    None,
    /// The body text, exactly as it would be sent.
    Inline(String),
    /// `-d @file` / `--data-binary @file`: the bytes are in a file the paste does not hold.
    File(String),
}

impl PastedBody {
    /// The bytes sent (empty without a body); `None` when they are in a file.
    pub fn text(&self) -> Option<&str> {
        match self {
            PastedBody::None => Some(""),
            PastedBody::Inline(text) => Some(text),
            PastedBody::File(_) => None,
        }
    }
}

/// One request read from a paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedRequest {
    pub format: Format,
    pub method: String,
    /// The URL or request target as written.
    pub url: String,
    /// Headers in order, names as written.
    pub headers: Vec<(String, String)>,
    pub body: PastedBody,
    /// What reading the paste noticed (ignored options, a Content-Length that disagrees…).
    pub findings: Vec<Finding>,
}

impl PastedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The path of the URL: no scheme, host, query or fragment.
    pub fn path(&self) -> &str {
        let url = self.url.split(['?', '#']).next().unwrap_or_default();
        match url.find("://") {
            Some(i) => url[i + 3..].find('/').map_or("/", |p| &url[i + 3 + p..]),
            None => url,
        }
    }
}

/// Why a paste could not be read as a request at all (the CLI exits 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadError {
    pub message: Text<String>,
}

impl ReadError {
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> ReadError {
        ReadError { message: Text::from_pair(en, ko) }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl std::error::Error for ReadError {}

/// Reads `text` as a cURL command, a HAR document (one or more entries) or raw HTTP, chosen by
/// how it starts.
pub fn read(text: &str) -> Result<Vec<PastedRequest>, ReadError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(ReadError::new(
            "Nothing to diagnose: paste a cURL command, raw HTTP or a HAR entry.",
            "진단할 내용이 없습니다. cURL 명령, HTTP 원문 또는 HAR 항목을 붙여 넣으세요.",
        ));
    }
    let first_word = trimmed.split_whitespace().next().unwrap_or_default();
    if first_word == "curl" || first_word.ends_with("/curl") {
        curl::read(trimmed).map(|r| vec![r])
    } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
        har::read(trimmed)
    } else if raw_http::looks_like(trimmed) {
        raw_http::read(trimmed).map(|r| vec![r])
    } else {
        Err(ReadError::new(
            "Not a request konaplate can read: expected a cURL command (curl …), raw HTTP (POST /path HTTP/1.1) or HAR JSON.",
            "읽을 수 있는 요청이 아닙니다. cURL 명령(curl …), HTTP 원문(POST /path HTTP/1.1) 또는 HAR JSON이어야 합니다.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(url: &str) -> PastedRequest {
        PastedRequest {
            format: Format::Curl,
            method: "POST".into(),
            url: url.into(),
            headers: vec![],
            body: PastedBody::None,
            findings: vec![],
        }
    }

    #[test]
    fn path_drops_scheme_host_query_and_fragment() {
        assert_eq!(request("https://h.example/open-api/x?y=1#z").path(), "/open-api/x");
        assert_eq!(request("https://h.example").path(), "/");
        assert_eq!(request("/api/v1/a?b").path(), "/api/v1/a");
    }

    #[test]
    fn unknown_and_empty_pastes_are_read_errors() {
        assert!(read("   \n").is_err());
        assert!(read("hello world").is_err());
    }
}
