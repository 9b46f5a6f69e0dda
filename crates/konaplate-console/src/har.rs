//! The console's history as HAR 1.2 (the format of browsers' "Save all as HAR"), for a bug
//! report or another tool. Keys are redacted: a credential header (the access key) is replaced
//! by its length, and the secret key and access key are taken out of every text, should a body
//! or an answer quote them. The tran-token stays (it is a MAC, not a key).

use konaplate_core::catalog;
use konaplate_core::time::{self, TimeZone};
use serde_json::{json, Value};

use crate::history::Entry;

/// Where the in-browser sandbox "is" in a HAR: a reserved name (RFC 2606) that resolves nowhere.
pub const IN_BROWSER_BASE: &str = "https://in-browser-sandbox.invalid/open-api";

/// The file name offered for the download.
pub const FILE_NAME: &str = "konaplate-history.har";

/// The HAR document for `entries` (newest first, as the history keeps them; the HAR lists them
/// oldest first). `origin` makes a same-origin URL (the trunk proxy) absolute; `keys` are the
/// credentials to take out of every text (empty ones are ignored).
pub fn har(entries: &[Entry], origin: &str, keys: &[&str]) -> String {
    let redact = |text: &str| -> String {
        keys.iter().filter(|k| !k.is_empty()).fold(text.to_string(), |t, k| t.replace(k, "[redacted]"))
    };
    let headers = |headers: &[(String, String)]| -> Vec<Value> {
        headers
            .iter()
            .map(|(name, value)| {
                let value = if catalog::header(name).is_some_and(|h| h.secret) {
                    format!("[redacted: {} characters]", value.chars().count())
                } else {
                    redact(value)
                };
                json!({ "name": name, "value": value })
            })
            .collect()
    };
    let mime = |hs: &[(String, String)]| {
        hs.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| "application/json".into())
    };
    let list: Vec<Value> = entries
        .iter()
        .rev()
        .map(|e| {
            let (request, response) = (&e.request, &e.response);
            let url = if e.url.starts_with('/') { format!("{origin}{}", e.url) } else { e.url.clone() };
            let request_body = redact(&request.body);
            let response_body = redact(&response.body);
            json!({
                "startedDateTime": started(e),
                "time": 0,
                "request": {
                    "method": request.method,
                    "url": redact(&url),
                    "httpVersion": "HTTP/1.1",
                    "cookies": [],
                    "headers": headers(&request.headers),
                    "queryString": [],
                    "postData": { "mimeType": mime(&request.headers), "params": [], "text": request_body },
                    "headersSize": -1,
                    "bodySize": request_body.len(),
                },
                "response": {
                    "status": response.status,
                    "statusText": "",
                    "httpVersion": "HTTP/1.1",
                    "cookies": [],
                    "headers": headers(&response.headers),
                    "content": { "size": response_body.len(), "mimeType": mime(&response.headers), "text": response_body },
                    "redirectURL": "",
                    "headersSize": -1,
                    "bodySize": response_body.len(),
                },
                "cache": {},
                "timings": { "send": 0, "wait": 0, "receive": 0 },
                "comment": format!("konaplate target: {}; timings not measured", e.target.id()),
            })
        })
        .collect();
    let doc = json!({
        "log": {
            "version": "1.2",
            "creator": { "name": "konaplate", "version": env!("CARGO_PKG_VERSION") },
            "entries": list,
        }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// ISO 8601 of the request's X-KM-Tran-Time read in its X-KM-Time-Zone (the moment it was
/// signed, to the second); the epoch when the request carried no readable time.
fn started(e: &Entry) -> String {
    let zone = e
        .request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(catalog::TIME_ZONE))
        .and_then(|(_, v)| TimeZone::from_code(v))
        .unwrap_or(TimeZone::Kst);
    let ms = time::parse_digits(&e.sent_at, zone).unwrap_or(0);
    // The core's 17 UTC digits, yyyyMMddHHmmssSSS, written the ISO 8601 way.
    let d = time::RequestTime::new(ms, TimeZone::Utc)
        .map(|t| t.token_time())
        .unwrap_or_else(|_| "19700101000000000".into());
    format!("{}-{}-{}T{}:{}:{}.{}Z", &d[0..4], &d[4..6], &d[6..8], &d[8..10], &d[10..12], &d[12..14], &d[14..17])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::Target;
    use konaplate_core::catalog::sandbox;
    use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};

    const SECRET: &str = "har-secret-4417";

    fn entry(url: &str, body: &str) -> Entry {
        Entry {
            sent_at: "20261125120000".into(),
            target: Target::Server,
            url: url.into(),
            request: SandboxRequest {
                method: "POST".into(),
                path: "/api/v1/x".into(),
                headers: vec![
                    ("Content-Type".into(), "application/json".into()),
                    (catalog::ACCESS_KEY.into(), sandbox::ACCESS_KEY.into()),
                    (catalog::TRAN_TOKEN.into(), "KMV1:20261125120000000:abc=".into()),
                    (catalog::TIME_ZONE.into(), "KST".into()),
                ],
                body: body.into(),
            },
            response: SandboxResponse {
                status: 200,
                code: "000_000".into(),
                headers: vec![("content-type".into(), "application/json".into())],
                body: format!(r#"{{"echo":"{SECRET}"}}"#),
            },
            plaintext: None,
        }
    }

    #[test]
    fn entries_are_har_1_2_oldest_first_with_keys_redacted_and_the_token_kept() {
        let entries =
            [entry("/kona-sandbox/api/v1/x", r#"{"n":2}"#), entry("http://h/open-api/api/v1/x", r#"{"n":1}"#)];
        let text = har(&entries, "http://127.0.0.1:8080", &[SECRET, sandbox::ACCESS_KEY]);
        assert!(!text.contains(SECRET) && !text.contains(sandbox::ACCESS_KEY), "{text}");
        let doc: Value = serde_json::from_str(&text).unwrap();
        let log = &doc["log"];
        assert_eq!(log["version"], "1.2");
        assert_eq!(log["creator"]["name"], "konaplate");
        let list = log["entries"].as_array().unwrap();
        assert_eq!(list[0]["request"]["postData"]["text"], r#"{"n":1}"#);
        assert_eq!(list[1]["request"]["url"], "http://127.0.0.1:8080/kona-sandbox/api/v1/x");
        // 12:00:00 KST is 03:00:00 UTC.
        assert_eq!(list[0]["startedDateTime"], "2026-11-25T03:00:00.000Z");
        let headers = list[0]["request"]["headers"].as_array().unwrap();
        assert!(headers.contains(&json!({"name": catalog::ACCESS_KEY, "value": "[redacted: 40 characters]"})));
        assert!(headers.contains(&json!({"name": catalog::TRAN_TOKEN, "value": "KMV1:20261125120000000:abc="})));
        assert_eq!(list[0]["response"]["content"]["text"], r#"{"echo":"[redacted]"}"#);
    }

    #[test]
    fn an_empty_history_is_an_empty_log() {
        let doc: Value = serde_json::from_str(&har(&[], "", &[""])).unwrap();
        assert_eq!(doc["log"]["entries"], json!([]));
    }
}
