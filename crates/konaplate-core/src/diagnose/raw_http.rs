//! Raw HTTP/1.x: request line, headers, blank line, body (`httparse`; bare `\n` lines accepted).

use super::finding::{Finding, FindingKind};
use super::paste::{Format, PastedBody, PastedRequest, ReadError};

/// Whether the first line reads like `METHOD target HTTP/1.x`.
pub fn looks_like(text: &str) -> bool {
    let line = text.lines().next().unwrap_or_default();
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let _target = parts.next();
    method.bytes().all(|b| b.is_ascii_uppercase()) && parts.next().is_some_and(|v| v.starts_with("HTTP/"))
}

pub fn read(text: &str) -> Result<PastedRequest, ReadError> {
    let (head, body) = split_head(text);
    let head = format!("{head}\r\n\r\n");
    let mut slots = [httparse::EMPTY_HEADER; 128];
    let mut parsed = httparse::Request::new(&mut slots);
    match parsed.parse(head.as_bytes()) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) | Err(_) => {
            let reason = parsed_error(&head);
            return Err(ReadError::new(
                format!("The raw HTTP request cannot be read: {reason}."),
                format!("HTTP 요청 원문을 읽을 수 없습니다: {reason}."),
            ));
        }
    }
    let mut headers = Vec::new();
    for h in parsed.headers.iter() {
        let value = std::str::from_utf8(h.value).map_err(|_| {
            ReadError::new(
                format!("The value of header {} is not UTF-8 text.", h.name),
                format!("헤더 {}의 값이 UTF-8 텍스트가 아닙니다.", h.name),
            )
        })?;
        headers.push((h.name.to_string(), value.to_string()));
    }
    let mut request = PastedRequest {
        format: Format::RawHttp,
        method: parsed.method.unwrap_or_default().to_string(),
        url: parsed.path.unwrap_or_default().to_string(),
        headers,
        body: PastedBody::None,
        findings: Vec::new(),
    };
    if !request.url.contains("://") {
        if let Some(host) = request.header("Host") {
            request.url = format!("http://{host}{}", request.url);
        }
    }
    let mut body = body.to_string();
    if let Some(declared) = request.header("Content-Length").and_then(|v| v.trim().parse::<usize>().ok()) {
        if declared != body.len() {
            request.findings.push(Finding::new(FindingKind::ContentLength { declared, pasted: body.len() }));
            // A server reads Content-Length bytes; the rest (often an editor's newline) is not the body.
            if declared < body.len() && body.is_char_boundary(declared) {
                body.truncate(declared);
            }
        }
    }
    if !body.is_empty() {
        request.body = PastedBody::Inline(body);
    }
    Ok(request)
}

/// Head and body, split at the first empty line (`\r\n\r\n` or `\n\n`).
fn split_head(text: &str) -> (&str, &str) {
    let crlf = text.find("\r\n\r\n").map(|i| (i, 4));
    let lf = text.find("\n\n").map(|i| (i, 2));
    match [crlf, lf].into_iter().flatten().min_by_key(|(i, _)| *i) {
        Some((i, len)) => (&text[..i], &text[i + len..]),
        None => (text.trim_end_matches(['\r', '\n']), ""),
    }
}

fn parsed_error(head: &str) -> String {
    let mut slots = [httparse::EMPTY_HEADER; 128];
    match httparse::Request::new(&mut slots).parse(head.as_bytes()) {
        Err(httparse::Error::TooManyHeaders) => "more than 128 headers".into(),
        Err(e) => e.to_string(),
        Ok(_) => "incomplete request head".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_request_line_headers_and_body_with_lf_lines() {
        let r = read("POST /open-api/api/v1/x HTTP/1.1\nHost: h.example\nX-KM-Time-Zone: KST\n\n{\"a\":1}").unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url, "http://h.example/open-api/api/v1/x");
        assert_eq!(r.path(), "/open-api/api/v1/x");
        assert_eq!(r.header("x-km-time-zone"), Some("KST"));
        assert_eq!(r.body, PastedBody::Inline("{\"a\":1}".into()));
    }

    #[test]
    fn content_length_cuts_an_editors_newline_and_says_so() {
        let r = read("POST /x HTTP/1.1\r\nContent-Length: 7\r\n\r\n{\"a\":1}\n").unwrap();
        assert_eq!(r.body, PastedBody::Inline("{\"a\":1}".into()));
        assert_eq!(r.findings.len(), 1);
    }

    #[test]
    fn broken_heads_are_read_errors() {
        assert!(looks_like("GET / HTTP/1.1"));
        assert!(!looks_like("hello there"));
        assert!(read("POST /x HTTP/1.1\nBad Header Line\n\n").is_err());
    }
}
