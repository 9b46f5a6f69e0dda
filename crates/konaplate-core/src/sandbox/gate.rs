//! What a real server checks before business logic: well-formed X-KM headers, a known project,
//! a request time inside the window, and the tran-token over the exact body bytes received.

use crate::catalog::{self, sandbox, Code, Endpoint};
use crate::sign::{self, TokenError};
use crate::text::Text;
use crate::time::{self, TimeZone};
use crate::validate::validate_headers;
use crate::violation::{Rule, Severity};

use super::reply::Reply;

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// The project's secret key, and whether a signature mismatch may quote the HMAC expected with
/// it (a signing oracle for whoever can send requests; see `Sandbox::explain_signatures`).
pub struct Secret<'a> {
    pub key: &'a [u8],
    pub explain_mismatch: bool,
}

/// `Ok` when the request may reach business logic; otherwise the reply that says why.
pub fn check(
    endpoint: &Endpoint,
    headers: &[(String, String)],
    body: &str,
    secret: Secret<'_>,
    now_ms: i64,
) -> Result<(), Reply> {
    let malformed = validate_headers(endpoint, headers, body, None).into_iter().find(|v| {
        v.severity == Severity::Error
            && matches!(v.rule(), Rule::Required | Rule::RepeatedHeader | Rule::Format | Rule::Length | Rule::Date)
    });
    if let Some(v) = malformed {
        return Err(Reply::error(Code::MalformedHeader, Some(&v.location), Some(v.messages())));
    }
    let zone_code = header(headers, catalog::TIME_ZONE).unwrap_or_default();
    let Some(zone) = TimeZone::from_code(zone_code) else {
        return Err(Reply::error(
            Code::MalformedHeader,
            Some(catalog::TIME_ZONE),
            Some(Text::new(
                format!(
                    "The sandbox reads times in UTC or KST; X-KM-Time-Zone is {}.",
                    crate::violation::quote(zone_code)
                ),
                format!(
                    "샌드박스는 UTC 또는 KST 시각만 읽습니다. X-KM-Time-Zone이 {}입니다.",
                    crate::violation::quote(zone_code)
                ),
            )),
        ));
    };
    let asp_ok = header(headers, catalog::ASP_ID) == Some(sandbox::ASP_ID);
    let key = header(headers, catalog::ACCESS_KEY).unwrap_or_default();
    if !asp_ok || key != sandbox::ACCESS_KEY {
        let which = if asp_ok { catalog::ACCESS_KEY } else { catalog::ASP_ID };
        return Err(Reply::error(
            Code::UnknownAccessKey,
            None,
            Some(Text::new(
                format!(
                    "{which} is not this sandbox project's; use ASP ID {} and the sandbox access key.",
                    sandbox::ASP_ID
                ),
                format!(
                    "{which}가 이 샌드박스 프로젝트의 값이 아닙니다. ASP ID {}와 샌드박스 access key를 사용하세요.",
                    sandbox::ASP_ID
                ),
            )),
        ));
    }
    let tran_time = header(headers, catalog::TRAN_TIME).unwrap_or_default();
    if let Some(sent_ms) = time::parse_digits(tran_time, zone) {
        if (sent_ms - now_ms).abs() > sandbox::TIME_WINDOW_MS {
            let (window_s, off_s) = (sandbox::TIME_WINDOW_MS / 1000, (sent_ms - now_ms).abs() / 1000);
            let (side_en, side_ko) = if sent_ms < now_ms { ("before", "이전") } else { ("after", "이후") };
            return Err(Reply::error(
                Code::TimeOutOfWindow,
                None,
                Some(Text::new(
                    format!("X-KM-Tran-Time {tran_time} ({zone_code}) is {off_s} s {side_en} the sandbox clock; allowed ±{window_s} s. A stale request, or a replay of an earlier request with its tran-token, is refused once its time leaves the window: sign every request anew with the current time."),
                    format!("X-KM-Tran-Time {tran_time}({zone_code})이 샌드박스 시각보다 {off_s}초 {side_ko}입니다. 허용 범위는 ±{window_s}초입니다. 오래된 요청이나 이전 요청을 tran-token째 재전송(replay)한 요청은 시각이 범위를 벗어나면 거부됩니다. 요청마다 현재 시각으로 새로 서명하세요."),
                )),
            ));
        }
    }
    let token = header(headers, catalog::TRAN_TOKEN).unwrap_or_default();
    match sign::verify_tran_token(secret.key, token, body.as_bytes()) {
        Ok(_) => Ok(()),
        Err(TokenError::Mismatch) => Err(mismatch(&secret, token, body)),
        Err(other) => {
            let why = other.explain();
            let explanation =
                Text::from_pair(format!("X-KM-Tran-Token {}.", why.en), format!("X-KM-Tran-Token: {}.", why.ko));
            Err(Reply::error(Code::MalformedHeader, Some(catalog::TRAN_TOKEN), Some(explanation)))
        }
    }
}

/// `000_903`: the token's HMAC is not the body's under the project's secret. With
/// `explain_mismatch`, the expected HMAC is quoted; without it, only what the caller sent.
fn mismatch(secret: &Secret<'_>, token: &str, body: &str) -> Reply {
    let got = token.rsplit(':').next().unwrap_or_default();
    let len = body.len();
    let (en, ko) = if secret.explain_mismatch {
        let expected = sign::mac_base64(secret.key, body.as_bytes());
        (
            format!("Signature computed over a different body or with a different secret key: expected HMAC {expected} over the {len} bytes received, got {got}. Sign the exact bytes you send (no re-serialising, no added newline)."),
            format!("다른 본문이나 다른 secret key로 계산한 서명입니다. 수신한 {len}바이트에 대한 HMAC은 {expected}이어야 하나 {got}를 받았습니다. 보내는 바이트 그대로 서명하세요(다시 직렬화하거나 줄바꿈을 붙이지 마세요)."),
        )
    } else {
        (
            format!("Signature computed over a different body or with a different secret key: got HMAC {got} over the {len} bytes received. Sign the exact bytes you send (no re-serialising, no added newline). This server does not quote the expected HMAC (start it with --explain-signatures to see it)."),
            format!("다른 본문이나 다른 secret key로 계산한 서명입니다. 수신한 {len}바이트에 대해 받은 HMAC은 {got}입니다. 보내는 바이트 그대로 서명하세요(다시 직렬화하거나 줄바꿈을 붙이지 마세요). 이 서버는 기대한 HMAC을 알려 주지 않습니다(보려면 --explain-signatures로 시작하세요)."),
        )
    };
    Reply::error(Code::TranTokenMismatch, None, Some(Text::new(en, ko)))
}
