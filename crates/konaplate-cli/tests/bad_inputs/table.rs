//! `testdata/bad-inputs.json` read into rows, and each row's body and headers built exactly as
//! the JS test builds them (the file's `schema` says what every key means).

use std::collections::BTreeMap;

use konaplate_core::catalog::sandbox;
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::time::TimeZone;
use serde::Deserialize;
use serde_json::{Map, Value};

pub const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/bad-inputs.json");

#[derive(Deserialize)]
pub struct Table {
    pub secret: String,
    pub signing: Signing,
    pub bases: BTreeMap<String, Vec<(String, String)>>,
    pub rows: Vec<Row>,
    /// PEM keys that must be refused (`konaplate encrypt` / `decrypt`).
    #[serde(default)]
    pub keys: Vec<KeyRow>,
}

#[derive(Deserialize)]
pub struct KeyRow {
    pub id: String,
    pub what: String,
    /// A file in testdata/keys, or the PEM text itself.
    pub file: Option<String>,
    pub pem: Option<String>,
    /// `public` (read by `encrypt --public-key`) or `private` (by `decrypt --private-key`).
    #[serde(rename = "as")]
    pub role: String,
    /// English and Korean text the error contains.
    pub error: (String, String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signing {
    pub epoch_ms: i64,
    pub zone: String,
    pub random_hex: String,
}

#[derive(Deserialize)]
pub struct Row {
    pub id: String,
    pub what: String,
    pub endpoint: String,
    pub surfaces: Vec<String>,
    pub body: Value,
    #[serde(default)]
    pub headers: Map<String, Value>,
    #[serde(default)]
    pub request: Map<String, Value>,
    pub errors: Vec<(String, String)>,
    #[serde(default)]
    pub warnings: Vec<(String, String)>,
    pub server: Option<(u16, Option<String>)>,
    /// JS package override: `{"throws": text}`.
    #[serde(default)]
    pub js: Map<String, Value>,
    #[serde(default)]
    pub accepted: bool,
}

impl Row {
    pub fn on(&self, surface: &str) -> bool {
        self.surfaces.iter().any(|s| s == surface)
    }
}

pub fn load() -> Table {
    let text = std::fs::read_to_string(PATH).expect("testdata/bad-inputs.json");
    serde_json::from_str(&text).expect("bad-inputs.json matches its schema")
}

fn list(value: Option<&Value>) -> Vec<&Value> {
    value.and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
}

/// A text that may be given as a `{concat: [[text, times]…]}` spec.
pub fn text(spec: &Value) -> String {
    match spec {
        Value::String(s) => s.clone(),
        other => list(other.get("concat"))
            .into_iter()
            .map(|part| part[0].as_str().unwrap().repeat(part[1].as_u64().unwrap() as usize))
            .collect(),
    }
}

impl Table {
    /// The body bytes a row sends.
    pub fn body(&self, spec: &Value) -> Vec<u8> {
        if let Some(hex) = spec.get("hex").and_then(Value::as_str) {
            return (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
        }
        assert!(spec.get("jsObject").is_none() && spec.get("loneSurrogateAt").is_none(), "a JS-only body");
        let Some(base) = spec.get("base").and_then(Value::as_str) else { return text(spec).into_bytes() };
        let mut pairs = self.bases[base].clone();
        for (name, raw) in spec.get("set").and_then(Value::as_object).into_iter().flatten() {
            let raw = raw.as_str().unwrap().to_string();
            match pairs.iter_mut().find(|(n, _)| n == name) {
                Some(pair) => pair.1 = raw,
                None => pairs.push((name.clone(), raw)),
            }
        }
        for name in list(spec.get("remove")) {
            pairs.retain(|(n, _)| n != name.as_str().unwrap());
        }
        for pair in list(spec.get("add")) {
            pairs.push((pair[0].as_str().unwrap().to_string(), pair[1].as_str().unwrap().to_string()));
        }
        let fields: Vec<String> =
            pairs.iter().map(|(n, raw)| format!("{}:{raw}", serde_json::to_string(n).unwrap())).collect();
        format!("{{{}}}", fields.join(",")).into_bytes()
    }

    /// The row's headers over `body`, signed at `epoch_ms` (plus the row's offset), then changed
    /// as the row says: token, rename, case, set, remove, repeat, add, in that order.
    pub fn headers(&self, id: &str, spec: &Map<String, Value>, body: &[u8], epoch_ms: i64) -> Vec<(String, String)> {
        let signed = spec.get("signedBody").map(|b| self.body(b)).unwrap_or_else(|| body.to_vec());
        let secret = spec.get("signedWithSecret").and_then(Value::as_str).unwrap_or(&self.secret);
        let offset = spec.get("signedAtOffsetMs").and_then(Value::as_i64).unwrap_or(0);
        let credentials = Credentials {
            asp_id: sandbox::ASP_ID.into(),
            access_key: sandbox::ACCESS_KEY.into(),
            secret_key: secret.into(),
        };
        let random = u32::from_str_radix(&self.signing.random_hex, 16).unwrap().to_be_bytes();
        let inputs = HeaderInputs {
            credentials: &credentials,
            epoch_ms: epoch_ms + offset,
            zone: TimeZone::from_code(&self.signing.zone).unwrap(),
            random,
            crypto_key_id: None,
        };
        let mut headers: Vec<(String, String)> = generate(&inputs, &String::from_utf8_lossy(&signed))
            .unwrap()
            .headers
            .into_iter()
            .map(|(n, v)| (n.to_string(), v))
            .collect();
        let find = |headers: &mut Vec<(String, String)>, name: &str| {
            headers.iter().position(|(n, _)| n.eq_ignore_ascii_case(name))
        };
        if let Some(how) = spec.get("token").and_then(Value::as_str) {
            let i = find(&mut headers, "X-KM-Tran-Token").unwrap();
            let before = headers[i].1.clone();
            headers[i].1 = transform_token(&before, how);
            assert_ne!(headers[i].1, before, "{id}: the token transform {how} changed nothing");
        }
        for (name, new) in spec.get("rename").and_then(Value::as_object).into_iter().flatten() {
            let i = find(&mut headers, name).unwrap();
            headers[i].0 = new.as_str().unwrap().to_string();
        }
        match spec.get("case").and_then(Value::as_str) {
            Some("lower") => headers.iter_mut().for_each(|h| h.0 = h.0.to_ascii_lowercase()),
            Some("upper") => headers.iter_mut().for_each(|h| h.0 = h.0.to_ascii_uppercase()),
            _ => {}
        }
        for (name, value) in spec.get("set").and_then(Value::as_object).into_iter().flatten() {
            match find(&mut headers, name) {
                Some(i) => headers[i].1 = text(value),
                None => headers.push((name.clone(), text(value))),
            }
        }
        for name in list(spec.get("remove")) {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name.as_str().unwrap()));
        }
        for name in list(spec.get("repeat")) {
            let i = find(&mut headers, name.as_str().unwrap()).unwrap();
            headers.push(headers[i].clone());
        }
        for pair in list(spec.get("add")) {
            headers.push((pair[0].as_str().unwrap().to_string(), text(&pair[1])));
        }
        headers
    }
}

/// A well-formed tran-token made wrong in one documented way.
fn transform_token(token: &str, how: &str) -> String {
    let (prefix, mac) = token.rsplit_once(':').unwrap();
    match how {
        "urlSafe" => format!("{prefix}:{}", mac.replace('+', "-").replace('/', "_")),
        "unpadded" => format!("{prefix}:{}", mac.trim_end_matches('=')),
        "kmv2" => token.replacen("KMV1", "KMV2", 1),
        "time16" => format!("{}:{mac}", &prefix[..prefix.len() - 1]),
        "lowerCase" => token.to_ascii_lowercase(),
        other => panic!("unknown token transform {other}"),
    }
}

/// The field a 000_002 description or a 000_901 description names for a location.
pub fn named_field(location: &str) -> &str {
    match location {
        "$" => "body",
        other => other.strip_prefix("$.").unwrap_or(other),
    }
}
