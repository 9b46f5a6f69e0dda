//! The upstream leg: one blocking `ureq` request per forwarded request (run on tokio's blocking
//! pool), HTTPS through ureq's rustls, no redirects followed, any status relayed as is.

use std::time::Duration;

use ureq::Agent;

/// Headers that belong to one connection (RFC 9110 §7.6.1) or that the proxy sets itself.
const NOT_FORWARDED: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "origin",
    "referer",
    "accept-encoding",
];

/// Upstream answer headers not relayed: connection-level, recomputed, or CORS (ours replaces it).
const NOT_RELAYED: &[&str] =
    &["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "upgrade", "trailer"];

#[derive(Clone)]
pub struct Upstream {
    agent: Agent,
    /// Base URL without a trailing slash, e.g. `https://sandbox.konaplate.com/open-api`.
    base: String,
    /// The base URL's path (`/open-api`), which a request path may already start with.
    base_path: String,
    body_limit: usize,
}

pub struct Request {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Upstream {
    pub fn new(base: &str, timeout: Duration, body_limit: usize) -> Result<Upstream, String> {
        let base = base.trim_end_matches('/').to_string();
        let Some(rest) = base.strip_prefix("http://").or_else(|| base.strip_prefix("https://")) else {
            return Err(format!("--to {base:?} must be an http:// or https:// URL"));
        };
        let base_path = rest.find('/').map_or(String::new(), |i| rest[i..].to_string());
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .build()
            .into();
        Ok(Upstream { agent, base, base_path, body_limit })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `/api/v1/x` and `/open-api/api/v1/x` both go to `{base}/api/v1/x` when base ends in `/open-api`.
    pub fn url_for(&self, path: &str, query: Option<&str>) -> String {
        let path = match path.strip_prefix(self.base_path.as_str()) {
            Some(rest) if !self.base_path.is_empty() && (rest.is_empty() || rest.starts_with('/')) => rest,
            _ => path,
        };
        match query {
            Some(q) => format!("{}{path}?{q}", self.base),
            None => format!("{}{path}", self.base),
        }
    }

    pub fn send(&self, request: Request) -> Result<Answer, String> {
        let mut builder = ureq::http::Request::builder().method(request.method.as_str()).uri(&request.url);
        for (name, value) in &request.headers {
            if !NOT_FORWARDED.contains(&name.to_ascii_lowercase().as_str()) {
                builder = builder.header(name, value);
            }
        }
        let sent = if request.body.is_empty() {
            builder.body(()).map_err(|e| e.to_string()).and_then(|r| self.agent.run(r).map_err(|e| e.to_string()))
        } else {
            builder
                .body(request.body)
                .map_err(|e| e.to_string())
                .and_then(|r| self.agent.run(r).map_err(|e| e.to_string()))
        };
        let mut response = sent?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter(|(n, _)| {
                let n = n.as_str();
                !NOT_RELAYED.contains(&n) && !n.starts_with("access-control-")
            })
            .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(self.body_limit as u64)
            .read_to_vec()
            .map_err(|e| format!("reading the answer: {e}"))?;
        Ok(Answer { status, headers, body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_under_the_base_with_or_without_its_prefix() {
        let up = Upstream::new("https://sandbox.example/open-api/", Duration::from_secs(1), 10).unwrap();
        assert_eq!(up.url_for("/api/v1/x", None), "https://sandbox.example/open-api/api/v1/x");
        assert_eq!(up.url_for("/open-api/api/v1/x", Some("a=1")), "https://sandbox.example/open-api/api/v1/x?a=1");
        assert_eq!(up.url_for("/open-apix/y", None), "https://sandbox.example/open-api/open-apix/y");
        let bare = Upstream::new("http://127.0.0.1:1", Duration::from_secs(1), 10).unwrap();
        assert_eq!(bare.url_for("/open-api/api/v1/x", None), "http://127.0.0.1:1/open-api/api/v1/x");
        assert!(Upstream::new("ftp://x", Duration::from_secs(1), 10).is_err());
    }
}
