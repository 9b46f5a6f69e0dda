//! What the proxy found on one exchange, as log lines and as the `X-Konaplate-Violations`
//! header: side, location (header name or JSON path), rule, severity. Never a value.

use konaplate_core::{Report, Severity};
use serde::Serialize;

/// Most entries put in the header; the rest are counted (`truncated`).
const MAX_IN_HEADER: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// The client's request breaks the document.
    Request,
    /// The server's answer deviates from the document.
    Response,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    side: Side,
    location: String,
    rule: String,
    severity: Severity,
}

#[derive(Debug, Default)]
pub struct Violations {
    entries: Vec<Entry>,
}

fn name_of<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

impl Violations {
    /// The errors and warnings of `report` (notes are documentation remarks, not deviations).
    pub fn add(&mut self, side: Side, report: &Report) {
        for v in report.violations.iter().filter(|v| v.severity != Severity::Note) {
            self.entries.push(Entry {
                side,
                location: v.location.clone(),
                rule: name_of(v.rule()),
                severity: v.severity,
            });
        }
    }

    pub fn unknown_operation(&mut self, path: &str) {
        self.entries.push(Entry {
            side: Side::Request,
            location: path.to_string(),
            rule: "unknownOperation".into(),
            severity: Severity::Warning,
        });
    }

    /// `request: N, response: M deviation(s)`.
    pub fn summary(&self) -> String {
        let count = |side| self.entries.iter().filter(|e| e.side == side).count();
        format!("request: {} violation(s), response: {} deviation(s)", count(Side::Request), count(Side::Response))
    }

    pub fn log_lines(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|e| format!("{} {} {} [{}]", name_of(e.side), name_of(e.severity), e.location, e.rule))
            .collect()
    }

    /// Compact JSON, every non-ASCII character escaped so it is a valid header value:
    /// `{"violations":[{"side":"response","location":"$.nrNumber","rule":"required","severity":"error"}],"truncated":0}`.
    pub fn header_value(&self) -> String {
        let shown = &self.entries[..self.entries.len().min(MAX_IN_HEADER)];
        let json =
            serde_json::json!({ "violations": shown, "truncated": self.entries.len() - shown.len() }).to_string();
        let mut out = String::with_capacity(json.len());
        for c in json.chars() {
            if c.is_ascii() && !c.is_ascii_control() {
                out.push(c);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use konaplate_core::catalog::CHARGE_ENDPOINT;

    #[test]
    fn header_value_is_ascii_json_and_round_trips() {
        let report = konaplate_core::validate(&CHARGE_ENDPOINT, &[("X-KM-Time-Zone", "KST")], r#"{"가격":1}"#, None);
        let mut found = Violations::default();
        found.add(Side::Request, &report);
        let header = found.header_value();
        assert!(header.is_ascii(), "{header}");
        let back: serde_json::Value = serde_json::from_str(&header).unwrap();
        let locations: Vec<&str> =
            back["violations"].as_array().unwrap().iter().filter_map(|v| v["location"].as_str()).collect();
        assert!(locations.contains(&"$[\"가격\"]"), "{locations:?}");
        assert!(locations.contains(&"X-KM-Tran-Token"), "{locations:?}");
        assert_eq!(back["truncated"], 0);
    }
}
