//! Code snippets for a request that sign it themselves when run: curl + openssl (shell),
//! JavaScript (Node 18+: fetch + node:crypto), Python (hmac + urllib) and Java (javax.crypto +
//! java.net.http). The secret key and the access key are read from the environment variables
//! `KONAPLATE_SECRET_KEY` and `KONAPLATE_ACCESS_KEY`: a snippet never contains a credential.
//! The body is embedded once, as exact text, and signed and sent as those bytes.

use serde::Serialize;

use crate::catalog::{self, Endpoint};
use crate::time::TimeZone;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Language {
    Shell,
    JavaScript,
    Python,
    Java,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::Shell, Language::JavaScript, Language::Python, Language::Java];

    pub fn label(self) -> &'static str {
        match self {
            Language::Shell => "curl + openssl (shell)",
            Language::JavaScript => "JavaScript (Node 18+)",
            Language::Python => "Python 3",
            Language::Java => "Java 11+",
        }
    }
}

/// What a snippet needs: no credential but the ASP ID (which is not secret).
pub struct SnippetRequest<'a> {
    pub endpoint: &'a Endpoint,
    /// e.g. `http://127.0.0.1:8787/open-api` or [`catalog::SANDBOX_BASE_URL`].
    pub base_url: &'a str,
    pub body: &'a str,
    pub asp_id: &'a str,
    pub zone: TimeZone,
}

/// A double-quoted string literal valid in JavaScript, Python and Java (JSON escaping).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// A single-quoted shell word.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

pub fn snippet(language: Language, r: &SnippetRequest<'_>) -> String {
    let url = r.endpoint.url(r.base_url);
    let (name, method, path) = (r.endpoint.name.en, r.endpoint.method, r.endpoint.path);
    // Literals for JavaScript, Python and Java (JSON escaping is valid in all three).
    let (body, asp, url_literal) = (quoted(r.body), quoted(r.asp_id), quoted(&url));
    let (zone, hours, posix_tz) = match r.zone {
        TimeZone::Kst => ("KST", 9, "KST-9"),
        TimeZone::Utc => ("UTC", 0, "UTC0"),
    };
    match language {
        Language::Shell => format!(
            r#"# {name}: {method} {path}
# Needs: curl, openssl, GNU date. Set KONAPLATE_SECRET_KEY and KONAPLATE_ACCESS_KEY first.
BODY={shell_body}
NOW=$(TZ={posix_tz} date +%Y%m%d%H%M%S%3N)   # yyyyMMddHHmmssSSS in {zone}
MAC=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$KONAPLATE_SECRET_KEY" -binary | base64 -w0)
curl -sS -X POST {shell_url} \
  -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -H {shell_asp} \
  -H "X-KM-Correlation-Id: ${{NOW:2:12}}-$(openssl rand -hex 4 | cut -c1-7)" \
  -H "X-KM-Access-Key: $KONAPLATE_ACCESS_KEY" \
  -H "X-KM-Tran-Token: KMV1:$NOW:$MAC" \
  -H "X-KM-Tran-Time: ${{NOW:0:14}}" \
  -H 'X-KM-Time-Zone: {zone}' \
  --data-binary "$BODY"
"#,
            shell_body = shell_quoted(r.body),
            shell_url = shell_quoted(&url),
            shell_asp = shell_quoted(&format!("{}: {}", catalog::ASP_ID, r.asp_id)),
        ),
        Language::Python => format!(
            r#"# {name}: {method} {path}. Set KONAPLATE_SECRET_KEY and KONAPLATE_ACCESS_KEY first.
import base64, hashlib, hmac, os, secrets, urllib.error, urllib.request
from datetime import datetime, timedelta, timezone

body = {body}  # sent and signed as exactly these bytes
now = datetime.now(timezone(timedelta(hours={hours})))
stamp = now.strftime("%Y%m%d%H%M%S") + f"{{now.microsecond // 1000:03d}}"
mac = base64.b64encode(hmac.new(os.environ["KONAPLATE_SECRET_KEY"].encode(), body.encode(), hashlib.sha256).digest()).decode()
headers = {{
    "Content-Type": "application/json",
    "Accept": "application/json",
    "X-KM-User-AspId": {asp},
    "X-KM-Correlation-Id": stamp[2:14] + "-" + secrets.token_hex(4)[:7],
    "X-KM-Access-Key": os.environ["KONAPLATE_ACCESS_KEY"],
    "X-KM-Tran-Token": f"KMV1:{{stamp}}:{{mac}}",
    "X-KM-Tran-Time": stamp[:14],
    "X-KM-Time-Zone": "{zone}",
}}
request = urllib.request.Request({url_literal}, data=body.encode(), headers=headers, method="POST")
try:
    with urllib.request.urlopen(request) as response:
        print(response.status, response.read().decode())
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode())
"#,
        ),
        Language::JavaScript => format!(
            r#"// {name}: {method} {path}. Node 18+ (ES module). Set KONAPLATE_SECRET_KEY and KONAPLATE_ACCESS_KEY first.
import {{ createHmac, randomBytes }} from "node:crypto";

const body = {body}; // sent and signed as exactly these bytes
const local = new Date(Date.now() + {hours} * 3600_000).toISOString(); // {zone} wall clock
const stamp = local.replace(/[-:T.Z]/g, "").slice(0, 17); // yyyyMMddHHmmssSSS
const mac = createHmac("sha256", process.env.KONAPLATE_SECRET_KEY).update(body).digest("base64");
const response = await fetch({url_literal}, {{
  method: "POST",
  headers: {{
    "Content-Type": "application/json",
    Accept: "application/json",
    "X-KM-User-AspId": {asp},
    "X-KM-Correlation-Id": `${{stamp.slice(2, 14)}}-${{randomBytes(4).toString("hex").slice(0, 7)}}`,
    "X-KM-Access-Key": process.env.KONAPLATE_ACCESS_KEY,
    "X-KM-Tran-Token": `KMV1:${{stamp}}:${{mac}}`,
    "X-KM-Tran-Time": stamp.slice(0, 14),
    "X-KM-Time-Zone": "{zone}",
  }},
  body,
}});
console.log(response.status, await response.text());
"#,
        ),
        Language::Java => format!(
            r#"// {name}: {method} {path}. Java 11+. Set KONAPLATE_SECRET_KEY and KONAPLATE_ACCESS_KEY first.
import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.*;
import java.time.format.DateTimeFormatter;
import java.util.*;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class KonaplateRequest {{
  public static void main(String[] args) throws Exception {{
    String body = {body}; // sent and signed as exactly these bytes
    String stamp = ZonedDateTime.now(ZoneOffset.ofHours({hours})).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS"));
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(System.getenv("KONAPLATE_SECRET_KEY").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String mac = Base64.getEncoder().encodeToString(hmac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    String random = String.format("%07x", new SecureRandom().nextInt(0x10000000));
    HttpRequest request = HttpRequest.newBuilder(URI.create({url_literal}))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("X-KM-User-AspId", {asp})
        .header("X-KM-Correlation-Id", stamp.substring(2, 14) + "-" + random)
        .header("X-KM-Access-Key", System.getenv("KONAPLATE_ACCESS_KEY"))
        .header("X-KM-Tran-Token", "KMV1:" + stamp + ":" + mac)
        .header("X-KM-Tran-Time", stamp.substring(0, 14))
        .header("X-KM-Time-Zone", "{zone}")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println(response.statusCode() + " " + response.body());
  }}
}}
"#,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{sandbox, CHARGE_ENDPOINT, SANDBOX_BASE_URL};

    fn request(body: &str) -> SnippetRequest<'_> {
        SnippetRequest {
            endpoint: &CHARGE_ENDPOINT,
            base_url: SANDBOX_BASE_URL,
            body,
            asp_id: sandbox::ASP_ID,
            zone: TimeZone::Kst,
        }
    }

    #[test]
    fn snippets_carry_the_exact_body_and_no_credential() {
        let body = r#"{"sequenceId":"it's","userId":9999999999999999999}"#;
        for language in Language::ALL {
            let text = snippet(language, &request(body));
            assert!(text.contains("9999999999999999999"), "{language:?}");
            assert!(text.contains("KONAPLATE_SECRET_KEY") && text.contains("KONAPLATE_ACCESS_KEY"), "{language:?}");
            assert!(!text.contains(sandbox::ACCESS_KEY), "{language:?} embeds the access key");
            assert!(text.contains("/api/v1/recharges/by-bank-accounts/no-hce"));
        }
        // The shell quoting survives a single quote in the body.
        assert!(snippet(Language::Shell, &request(body)).contains(r#"BODY='{"sequenceId":"it'\''s","#));
    }
}
