//! A Bruno collection of the catalog: `bruno.json`, `collection.bru` (the signing pre-request
//! script), an environment without secret values, and one `.bru` file per request.
//!
//! Bruno parses a JSON body for `req.getBody()`, which would turn a 19-digit `userId` into a
//! float; the script reads the raw text (`getBody({ raw: true })`), resolves its variables,
//! signs it, and sets that exact text back as the body (`setBody(…, { raw: true })`).

use super::{requests, ExportRequest, SEQUENCE_ID_JS, SIGNATURE_REFUSALS, SIGN_JS, VARIABLES};

pub const COLLECTION_NAME: &str = "KONA PLATE Open API (konaplate)";
/// The environment file's name (without `.bru`), for `bru run --env`.
pub const ENVIRONMENT: &str = "konaplate-sandbox";

/// The collection-level pre-request script.
pub fn pre_request_script() -> String {
    format!(
        r#"// konaplate: the X-KM headers and X-KM-Tran-Token over the exact body this request sends.
const cryptoJs = require("crypto-js");
{SIGN_JS}
const variable = (name) => {{
  const value = bru.interpolate("{{{{" + name + "}}}}");
  return value === "{{{{" + name + "}}}}" ? "" : value;
}};
const secret = variable("secretKey");
if (!secret) {{
  throw new Error("Set secretKey in the environment (a secret variable) / 환경(environment)의 secretKey를 설정하세요");
}}
const sequenceId = {SEQUENCE_ID_JS};
bru.setVar("sequenceId", sequenceId);
bru.setVar("lastSequenceId", sequenceId);
// The body as sent: raw text, {{{{variables}}}} resolved now; the same text is sent and signed.
const raw = req.getBody({{ raw: true }});
const body = typeof raw === "string" ? bru.interpolate(raw) : "";
req.setBody(body, {{ raw: true }});
const headers = konaplateSign(body, secret, variable("timeZone") || "KST", Date.now(),
  Math.floor(Math.random() * 0x10000000), (key, text) => cryptoJs.HmacSHA256(text, key).toString(cryptoJs.enc.Base64));
headers["X-KM-User-AspId"] = variable("aspId");
headers["X-KM-Access-Key"] = variable("accessKey");
if (variable("cryptoKeyId")) {{
  headers["X-KM-Crypto-Key-Id"] = variable("cryptoKeyId");
}}
for (const key of Object.keys(headers)) {{
  req.setHeader(key, headers[key]);
}}"#
    )
}

/// Lines indented by two spaces, as inside a `.bru` block.
fn indented(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { String::new() } else { format!("  {l}") }).collect::<Vec<_>>().join("\n")
}

fn tests_block(request: &ExportRequest) -> String {
    let refusals = serde_json::to_string(SIGNATURE_REFUSALS).unwrap_or_default();
    let code = request.expected_code;
    let mut script = format!(
        r#"const answer = res.getBody();
const code = answer && answer.response && answer.response.code;
test("X-KM headers and tran-token accepted / X-KM 헤더와 tran-token 통과", function () {{
  expect({refusals}).to.not.include(code);
}});
test("code is {code}", function () {{
  expect(code).to.equal("{code}");
}});
"#
    );
    for (field, variable) in request.captures {
        script.push_str(&format!("bru.setVar(\"{variable}\", answer[\"{field}\"]);\n"));
    }
    if request.keeps_sequence_id {
        script.push_str("bru.setVar(\"chargeSequenceId\", bru.getVar(\"lastSequenceId\"));\n");
    }
    script
}

/// A file name from a request name: letters, digits, spaces, `-` and `_` kept.
fn file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_') { c } else { '_' }).collect();
    format!("{}.bru", cleaned.trim())
}

fn request_file(request: &ExportRequest, seq: usize) -> String {
    let e = request.endpoint;
    format!(
        "meta {{\n  name: {name}\n  type: http\n  seq: {seq}\n}}\n\n{method} {{\n  url: {{{{baseUrl}}}}{path}\n  body: json\n  auth: none\n}}\n\nheaders {{\n  Content-Type: application/json\n}}\n\nbody:json {{\n{body}\n}}\n\ntests {{\n{tests}\n}}\n\ndocs {{\n{docs}\n}}\n",
        name = request.name,
        method = e.method.to_ascii_lowercase(),
        path = e.path,
        body = indented(&request.body),
        tests = indented(&tests_block(request)),
        docs = indented(&format!("{}\n\n{}", e.summary.en, e.summary.ko)),
    )
}

/// Every file of the collection: (path relative to the collection folder, content).
pub fn files() -> Vec<(String, String)> {
    let bruno_json = serde_json::json!({
        "version": "1",
        "name": COLLECTION_NAME,
        "type": "collection",
        "ignore": ["node_modules", ".git"],
        "scripts": { "moduleWhitelist": ["crypto-js"] },
    });
    let mut out = vec![
        ("bruno.json".to_string(), format!("{:#}\n", bruno_json)),
        ("collection.bru".to_string(), format!("script:pre-request {{\n{}\n}}\n", indented(&pre_request_script()))),
    ];
    let (mut plain, mut secret) = (Vec::new(), Vec::new());
    for (name, value, _) in VARIABLES {
        if value.is_empty() {
            secret.push(format!("  {name}"));
        } else {
            plain.push(format!("  {name}: {value}"));
        }
    }
    out.push((
        format!("environments/{ENVIRONMENT}.bru"),
        format!("vars {{\n{}\n}}\n\nvars:secret [\n{}\n]\n", plain.join("\n"), secret.join(",\n")),
    ));
    for (i, request) in requests().iter().enumerate() {
        let dir = request.folder.map(|f| format!("{f}/")).unwrap_or_default();
        out.push((format!("{dir}{}", file_name(&request.name)), request_file(request, i + 1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_per_request_and_no_secret_value() {
        let files = files();
        assert_eq!(files.len(), 3 + requests().len());
        let names: std::collections::HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names.len(), files.len(), "file names are distinct");
        let env = &files.iter().find(|(p, _)| p.starts_with("environments/")).unwrap().1;
        assert!(env.contains("vars:secret [\n  accessKey,\n  secretKey,\n  cryptoKeyId\n]"), "{env}");
    }

    #[test]
    fn the_charge_file_keeps_the_exact_body_and_method() {
        let files = files();
        let charge = &files.iter().find(|(p, _)| p == "ChargeSync.bru").unwrap().1;
        assert!(charge.contains("post {\n  url: {{baseUrl}}/api/v1/recharges/by-bank-accounts/no-hce\n"), "{charge}");
        assert!(charge.contains("\"userId\":1234567890123456789,"), "{charge}");
        assert!(pre_request_script().contains("req.setBody(body, { raw: true })"));
    }
}
