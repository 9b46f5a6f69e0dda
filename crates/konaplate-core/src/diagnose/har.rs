//! HAR (HTTP Archive 1.2): a whole log (`{"log": {"entries": […]}}`), an array of entries, one
//! entry (`{"request": …}`) or one request object (`{"method", "url", …}`).

use serde_json::Value;

use super::paste::{Format, PastedBody, PastedRequest, ReadError};

pub fn read(text: &str) -> Result<Vec<PastedRequest>, ReadError> {
    let root: Value = crate::json::read(text).map_err(|e| {
        ReadError::new(
            format!("The HAR is not JSON (line {}, column {}): {}.", e.line, e.column, e.message),
            format!("HAR가 JSON이 아닙니다({}번째 줄, {}번째 열): {}.", e.line, e.column, e.message_ko),
        )
    })?;
    let entries: Vec<&Value> = match &root {
        Value::Object(o) if o.contains_key("log") => {
            root["log"]["entries"].as_array().map(|a| a.iter().collect()).unwrap_or_default()
        }
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    if entries.is_empty() {
        return Err(ReadError::new("The HAR holds no entries.", "HAR에 항목이 없습니다."));
    }
    entries.into_iter().enumerate().map(|(i, entry)| request(i, entry)).collect()
}

fn request(index: usize, entry: &Value) -> Result<PastedRequest, ReadError> {
    let request = entry.get("request").unwrap_or(entry);
    let field = |name: &str| request.get(name).and_then(Value::as_str);
    let (Some(method), Some(url)) = (field("method"), field("url")) else {
        return Err(ReadError::new(
            format!("HAR entry {}: the request needs string fields method and url.", index + 1),
            format!("HAR 항목 {}: request에 문자열 method와 url이 있어야 합니다.", index + 1),
        ));
    };
    let mut headers = Vec::new();
    for h in request.get("headers").and_then(Value::as_array).into_iter().flatten() {
        let (Some(name), Some(value)) = (h.get("name").and_then(Value::as_str), h.get("value").and_then(Value::as_str))
        else {
            return Err(ReadError::new(
                format!("HAR entry {}: each header needs string name and value.", index + 1),
                format!("HAR 항목 {}: 각 헤더에 문자열 name과 value가 있어야 합니다.", index + 1),
            ));
        };
        // HTTP/2 captures list pseudo-headers (`:authority`); they are not request headers.
        if !name.starts_with(':') {
            headers.push((name.to_string(), value.to_string()));
        }
    }
    let body = match request.get("postData").and_then(|p| p.get("text")).and_then(Value::as_str) {
        Some(text) => PastedBody::Inline(text.to_string()),
        None => PastedBody::None,
    };
    Ok(PastedRequest {
        format: Format::Har,
        method: method.to_string(),
        url: url.to_string(),
        headers,
        body,
        findings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_log_an_entry_and_a_request() {
        let req = r#"{"method":"POST","url":"https://h/x","headers":[{"name":"A","value":"1"},{"name":":authority","value":"h"}],"postData":{"mimeType":"application/json","text":"{\"a\":1}"}}"#;
        let log = format!(r#"{{"log":{{"version":"1.2","entries":[{{"request":{req}}},{{"request":{req}}}]}}}}"#);
        assert_eq!(read(&log).unwrap().len(), 2);
        let one = read(&format!(r#"{{"request":{req}}}"#)).unwrap();
        assert_eq!(one[0].headers, vec![("A".to_string(), "1".to_string())]);
        assert_eq!(one[0].body, PastedBody::Inline("{\"a\":1}".into()));
        assert_eq!(read(req).unwrap()[0].method, "POST");
    }

    #[test]
    fn broken_hars_are_read_errors() {
        assert!(read("{").is_err());
        assert!(read(r#"{"log":{"entries":[]}}"#).is_err());
        assert!(read(r#"{"request":{"url":"x"}}"#).is_err());
        assert!(read(r#"{"method":"GET","url":"x","headers":[{"name":1}]}"#).is_err());
    }
}
