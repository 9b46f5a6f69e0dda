//! What a diagnosis finds beyond validation: typed, with a severity and EN/KO messages.

use serde::Serialize;

use crate::text::{ko, Text};
use crate::violation::Severity;

/// A usual signing mistake that reproduces the token the request carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "cause", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Cause {
    /// The signer hashed the body pretty-printed with this many spaces of indent.
    PrettyPrinted { indent: u8 },
    /// The signer hashed the body without whitespace.
    Compacted,
    /// The signer hashed `{"a": 1, "b": 2}` (Python `json.dumps` spacing).
    PythonSpacing,
    /// The signer hashed the body with every object's keys sorted.
    KeysSorted,
    /// The signer hashed the top-level keys in this other order.
    KeysReordered { signed_order: Vec<String> },
    /// The signer hashed integers beyond 2^53 after a trip through a float (a JS number).
    NumbersThroughFloat,
    /// The signer hashed the body plus a trailing newline the request does not carry.
    TrailingNewlineAdded,
    /// The request carries a trailing newline the signer did not hash.
    TrailingNewlineRemoved,
    /// The MAC is in URL-safe Base64 (`-`, `_`) instead of standard Base64.
    UrlSafeBase64,
    /// The MAC's `=` padding is missing.
    UnpaddedBase64,
    /// The MAC is written in hexadecimal instead of Base64.
    HexDigest,
    /// The signer's secret ended with a newline (a secret file read as is).
    SecretTrailingNewline,
}

impl Cause {
    pub fn message(&self) -> Text<String> {
        let (en, ko) = match self {
            Cause::PrettyPrinted { indent } => (
                format!("the token was computed over the body pretty-printed with {indent}-space indent, but other bytes were sent"),
                format!("토큰은 {indent}칸 들여쓰기로 정렬한 본문으로 계산되었으나 다른 바이트가 전송되었습니다"),
            ),
            Cause::Compacted => (
                "the token was computed over the body without whitespace, but the body was sent with it".into(),
                "토큰은 공백을 없앤 본문으로 계산되었으나 공백이 있는 본문이 전송되었습니다".into(),
            ),
            Cause::PythonSpacing => (
                "the token was computed over the body with spaces after ':' and ',' (Python json.dumps' default)".into(),
                "토큰은 ':'와 ',' 뒤에 공백을 넣은 본문(Python json.dumps 기본값)으로 계산되었습니다".into(),
            ),
            Cause::KeysSorted => (
                "the token was computed over the body with its keys sorted".into(),
                "토큰은 키를 정렬한 본문으로 계산되었습니다".into(),
            ),
            Cause::KeysReordered { signed_order } => (
                format!("the token was computed over the body with its keys in another order ({})", signed_order.join(", ")),
                format!("토큰은 키 순서가 다른 본문({})으로 계산되었습니다", signed_order.join(", ")),
            ),
            Cause::NumbersThroughFloat => (
                "the token was computed after large integers passed through a float (a JavaScript number): 19-digit ids lost their last digits".into(),
                "토큰은 큰 정수가 부동소수점(JavaScript number)을 거친 뒤 계산되었습니다. 19자리 ID의 끝자리가 바뀌었습니다".into(),
            ),
            Cause::TrailingNewlineAdded => (
                "the token was computed over the body plus a trailing newline that was not sent".into(),
                "토큰은 본문 끝에 줄바꿈을 더해 계산되었으나 줄바꿈은 전송되지 않았습니다".into(),
            ),
            Cause::TrailingNewlineRemoved => (
                "the body was sent with a trailing newline that the token does not cover".into(),
                "본문 끝의 줄바꿈이 전송되었으나 토큰은 줄바꿈 없이 계산되었습니다".into(),
            ),
            Cause::UrlSafeBase64 => (
                "the MAC is URL-safe Base64 ('-' and '_'); KONA PLATE expects standard Base64 ('+' and '/')".into(),
                "MAC이 URL-safe Base64('-', '_')입니다. KONA PLATE는 표준 Base64('+', '/')를 요구합니다".into(),
            ),
            Cause::UnpaddedBase64 => (
                "the MAC lacks its '=' padding; KONA PLATE expects 44 characters ending in '='".into(),
                "MAC에 '=' 패딩이 없습니다. KONA PLATE는 '='로 끝나는 44자를 요구합니다".into(),
            ),
            Cause::HexDigest => (
                "the MAC is written in hexadecimal; KONA PLATE expects Base64 of the 32 bytes".into(),
                "MAC이 16진수로 쓰였습니다. KONA PLATE는 32바이트의 Base64를 요구합니다".into(),
            ),
            Cause::SecretTrailingNewline => (
                "the token was computed with the secret key plus a trailing newline (a key file read with its newline)".into(),
                "토큰은 끝에 줄바꿈이 붙은 secret key로 계산되었습니다(줄바꿈째 읽은 키 파일)".into(),
            ),
        };
        Text::new(en, ko)
    }
}

/// One thing a diagnosis found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum FindingKind {
    /// No documented operation has this path.
    UnknownOperation { path: String },
    /// The operation is documented with another method.
    Method { expected: String, got: String },
    /// The body is `@file`: its bytes are not in the paste, so neither it nor the token is checked.
    BodyInFile { path: String },
    /// Content-Type is not `application/json`.
    ContentType { got: Option<String> },
    /// A cURL option that was not read.
    IgnoredOption { option: String },
    /// A word after the URL that is no option's value (its length only: it may be a secret).
    ExtraWord { characters: usize },
    /// The raw request's Content-Length disagrees with the pasted body.
    ContentLength { declared: usize, pasted: usize },
    /// No secret was given, so the tran-token's MAC was not checked.
    SignatureNotChecked,
    /// The tran-token signs the exact body under the secret.
    SignatureMatches,
    /// The token is reproduced by these mistakes.
    SignatureReproduced { causes: Vec<Cause> },
    /// No usual mistake reproduces the token: most likely signed with a different secret.
    DifferentSecret,
    /// X-KM-Tran-Time is the current time written in the other zone than X-KM-Time-Zone says.
    TranTimeZone { written_in: String, header_zone: String },
    /// X-KM-Tran-Time is this many minutes from the clock (negative: in the past), beyond the
    /// server's 5-minute window: fine for an old paste, refused if sent now.
    TranTimeOutsideWindow { minutes: i64 },
    /// The token's time is X-KM-Tran-Time written in the other zone.
    TokenTimeZone { token_zone: String, header_zone: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    #[serde(flatten)]
    pub kind: FindingKind,
    pub severity: Severity,
    pub message: Text<String>,
}

impl Finding {
    pub fn new(kind: FindingKind) -> Finding {
        let (severity, en, ko) = describe(&kind);
        Finding { kind, severity, message: Text::new(en, ko) }
    }
}

fn describe(kind: &FindingKind) -> (Severity, String, String) {
    use FindingKind::*;
    match kind {
        UnknownOperation { path } => (
            Severity::Error,
            format!("No documented operation has the path {}; body and headers are not checked against one.", crate::violation::quote(path)),
            format!("경로 {}에 해당하는 문서화된 API가 없어 본문과 헤더를 검사하지 못했습니다.", crate::violation::quote(path)),
        ),
        Method { expected, got } => (
            Severity::Error,
            format!("This operation is {expected}, but the request uses {got}."),
            format!("이 API는 {expected}인데 요청은 {got}입니다."),
        ),
        BodyInFile { path } => (
            Severity::Warning,
            format!("The body is read from the file {}, which is not in the paste: paste the body inline (--data-raw '…') to check it and its token.", crate::violation::quote(path)),
            format!("본문을 파일 {}에서 읽어 붙여 넣은 내용에 없습니다. 본문과 토큰을 검사하려면 본문을 직접(--data-raw '…') 넣으세요.", crate::violation::quote(path)),
        ),
        ContentType { got } => {
            let got = got.as_deref().unwrap_or("missing");
            (
                Severity::Error,
                format!("Content-Type must be application/json (got {got})."),
                format!("Content-Type은 application/json이어야 합니다(입력: {got})."),
            )
        }
        IgnoredOption { option } => (
            Severity::Note,
            format!("The cURL option {} does not change what is checked and was ignored.", crate::violation::quote(option)),
            format!("cURL 옵션 {}{} 검사 내용과 무관하여 무시했습니다.", crate::violation::quote(option), ko::topic(option)),
        ),
        ExtraWord { characters } => (
            Severity::Warning,
            format!("The cURL command has a word ({characters} characters, not shown) after its URL that belongs to no option; check the quoting."),
            format!("cURL 명령의 URL 뒤에 어느 옵션에도 속하지 않는 단어({characters}자, 표시하지 않음)가 있습니다. 따옴표를 확인하세요."),
        ),
        ContentLength { declared, pasted } => (
            Severity::Warning,
            format!("Content-Length says {declared} bytes but {pasted} bytes of body were pasted; a server reads {declared}."),
            format!("Content-Length는 {declared}바이트인데 붙여 넣은 본문은 {pasted}바이트입니다. 서버는 {declared}바이트를 읽습니다."),
        ),
        SignatureNotChecked => (
            Severity::Note,
            "The tran-token's MAC was not checked: give the secret key ($KONAPLATE_SECRET_KEY or --secret-file) to check it.".into(),
            "tran-token의 MAC을 검사하지 않았습니다. 검사하려면 secret key($KONAPLATE_SECRET_KEY 또는 --secret-file)를 주세요.".into(),
        ),
        SignatureMatches => (
            Severity::Note,
            "The tran-token matches the exact body under the secret key.".into(),
            "tran-token이 secret key로 계산한 본문의 서명과 일치합니다.".into(),
        ),
        SignatureReproduced { causes } => {
            let (en, ko): (Vec<String>, Vec<String>) = causes.iter().map(|c| {
                let m = c.message();
                (m.en, m.ko)
            }).unzip();
            (
                Severity::Error,
                format!("The tran-token does not match the body sent; it is reproduced when {}. Sign the exact bytes you send, once.", en.join("; and ")),
                format!("tran-token이 전송한 본문과 일치하지 않습니다. 다음과 같을 때 재현됩니다: {}. 전송하는 바이트 그대로 한 번 서명하세요.", ko.join("; 그리고 ")),
            )
        }
        DifferentSecret => (
            Severity::Error,
            "The tran-token does not match the body, and no usual mistake (re-serialised body, newline, Base64 alphabet) reproduces it: it was most likely signed with a different secret key.".into(),
            "tran-token이 본문과 일치하지 않으며 흔한 실수(본문 재직렬화, 줄바꿈, Base64 형식)로도 재현되지 않습니다. 다른 secret key로 서명했을 가능성이 큽니다.".into(),
        ),
        TranTimeZone { written_in, header_zone } => (
            Severity::Error,
            format!("X-KM-Tran-Time is the current time in {written_in}, but X-KM-Time-Zone says {header_zone}: the server reads it hours off and refuses it (outside its 5-minute window). Write the time in {header_zone}, or send X-KM-Time-Zone: {written_in}."),
            format!("X-KM-Tran-Time은 {written_in} 기준 현재 시각인데 X-KM-Time-Zone은 {header_zone}입니다. 서버는 몇 시간 어긋난 시각으로 읽어 거부합니다(5분 허용 범위 밖). 시각을 {header_zone}로 쓰거나 X-KM-Time-Zone: {written_in}{} 보내세요.", ko::object(written_in)),
        ),
        TranTimeOutsideWindow { minutes } => (
            Severity::Note,
            format!("X-KM-Tran-Time is {minutes} minute(s) from now; a server refuses requests more than 5 minutes off its clock (fine for an old paste, not for a request sent now)."),
            format!("X-KM-Tran-Time이 현재와 {minutes}분 차이 납니다. 서버는 시계와 5분 넘게 차이 나는 요청을 거부합니다(예전 요청을 붙여 넣었다면 괜찮지만 지금 보낼 요청이면 문제입니다)."),
        ),
        TokenTimeZone { token_zone, header_zone } => (
            Severity::Warning,
            format!("The tran-token's time is X-KM-Tran-Time written in {token_zone}, but X-KM-Time-Zone says {header_zone}: take both times from one clock reading in one zone."),
            format!("tran-token 시각은 X-KM-Tran-Time을 {token_zone}로 쓴 값인데 X-KM-Time-Zone은 {header_zone}입니다. 두 시각을 한 시간대의 한 번 읽은 시각으로 만드세요."),
        ),
    }
}
