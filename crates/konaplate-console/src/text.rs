//! Every text of the page's own chrome, in English and Korean. Field names, descriptions,
//! bounds, header rules, codes and scenario labels come from the catalog, not from here.

use konaplate_core::catalog::Text;
use konaplate_core::text::t;

/// The console's language: the core's, picked by at render time.
pub use konaplate_core::text::Lang;

pub const TITLE: Text = t("konaplate · Try It", "konaplate · 직접 해보기");
pub const LEDE: Text = t(
    "The KONA PLATE charge API, validated and signed in your browser by the same Rust rules as the CLI.",
    "KONA PLATE 충전 API를 CLI와 같은 Rust 규칙으로 브라우저에서 검증하고 서명합니다.",
);
pub const LANGUAGE: Text = t("Language / 언어", "Language / 언어");
pub const DARK_MODE: Text = t("Toggle dark mode", "다크 모드 전환");
pub const ENDPOINT: Text = t("Endpoint", "엔드포인트");
pub const ENCRYPTED: Text = t(
    "KONA PLATE expects this body encrypted (encData, JWE). Give the server key under Message encryption: the page encrypts the body and signs the wrapper. Without a key it goes in plain JSON, which konaplate serve and the live API refuse (000_911).",
    "KONA PLATE는 이 본문을 암호화(encData, JWE)해서 받습니다. 메시지 암호화에 서버 키를 넣으면 페이지가 본문을 암호화하고 래퍼에 서명합니다. 키가 없으면 평문 JSON으로 보내며, konaplate serve와 실제 API는 거부합니다(000_911).",
);
pub const CREDENTIALS: Text = t("Credentials (memory only)", "인증 정보 (메모리에만 보관)");
pub const CREDENTIALS_HINT: Text = t(
    "Kept in this page's memory only: never stored, logged, put in the URL or in a snippet. Prefilled with the in-browser sandbox's public test values.",
    "이 페이지의 메모리에만 보관합니다. 저장, 로그, URL, 코드 예시에 절대 넣지 않습니다. 브라우저 안 샌드박스의 공개 테스트 값이 미리 채워져 있습니다.",
);
pub const ASP_ID: Text = t("ASP ID", "ASP ID");
pub const ACCESS_KEY: Text = t("Access key", "액세스 키");
pub const SECRET_KEY: Text = t("Secret key (memory only)", "시크릿 키 (메모리에만 보관)");
pub const CLEAR: Text = t("Clear credentials", "인증 정보 지우기");
pub const SCENARIO: Text = t("Test Data (the portal's 13 scenarios)", "Test Data (포털의 13개 시나리오)");
pub const SCENARIO_PLACEHOLDER: Text = t("Pick a scenario to fill the request…", "요청을 채울 시나리오를 고르세요…");
pub const BODY: Text = t("Request body", "요청 본문");
pub const FORM_TAB: Text = t("Form", "폼");
pub const RAW_TAB: Text = t("Raw JSON", "원본 JSON");
pub const RAW_LABEL: Text = t("Request body (JSON)", "요청 본문 (JSON)");
pub const REQUIRED: Text = t("required", "필수");
pub const OPTIONAL: Text = t("optional", "선택");
pub const HEADERS: Text = t("Headers", "헤더");
pub const HEADERS_HINT: Text = t(
    "Generated from the credentials, the clock and the body on every change; type in Override to send your own value (validated like the rest). Send reads the clock again.",
    "인증 정보, 시각, 본문이 바뀔 때마다 생성됩니다. 직접 값을 보내려면 덮어쓰기에 입력하세요(다른 값과 똑같이 검증합니다). 보낼 때 시각을 다시 읽습니다.",
);
pub const TIME_ZONE: Text = t("Time zone", "시간대");
pub const HEADER_NAME: Text = t("Header", "헤더");
pub const HEADER_VALUE: Text = t("Value sent", "보내는 값");
pub const HEADER_OVERRIDE: Text = t("Override", "덮어쓰기");
pub const HEADER_RULE: Text = t("Rule", "규칙");
pub const AUTOMATIC: Text = t("automatic", "자동");
pub const NOT_SENT: Text = t("(not sent)", "(보내지 않음)");
pub const VALIDATION: Text = t("Validation", "검증");
pub const SIGNATURE: Text = t("Signature inspector", "서명 살펴보기");
pub const SIGNED_STRING: Text = t("String signed (the exact body bytes)", "서명한 문자열 (본문 바이트 그대로)");
pub const HMAC: Text = t("HMAC-SHA256, Base64", "HMAC-SHA256, Base64");
pub const TOKEN_TIME: Text = t("Time used (yyyyMMddHHmmssSSS)", "사용한 시각 (yyyyMMddHHmmssSSS)");
pub const TOKEN: Text = t("X-KM-Tran-Token", "X-KM-Tran-Token");
pub const SEND_TO: Text = t("Send to", "보낼 곳");
pub const TARGET_IN_BROWSER: Text =
    t("In-browser sandbox (offline, no account)", "브라우저 안 샌드박스 (오프라인, 계정 불필요)");
pub const TARGET_SERVER: Text = t("konaplate serve (a local sandbox server)", "konaplate serve (로컬 샌드박스 서버)");
pub const TARGET_PROXY: Text =
    t("KONA PLATE sandbox (through trunk serve's proxy)", "KONA PLATE 샌드박스 (trunk serve 프록시 경유)");
pub const SERVER_URL: Text = t("Server base URL", "서버 기본 URL");
pub const SEND_ANYWAY: Text = t("Send anyway (negative tests)", "그래도 보내기 (부정 테스트)");
pub const SEND_IN_BROWSER: Text = t("Send to the in-browser sandbox", "브라우저 안 샌드박스로 보내기");
pub const SEND_SERVER: Text = t("Send to konaplate serve", "konaplate serve로 보내기");
pub const SEND_PROXY: Text = t("Send to KONA PLATE (proxy)", "KONA PLATE로 보내기 (프록시)");
pub const SENDING: Text = t("Sending…", "보내는 중…");
pub const RESPONSE: Text = t("Response", "응답");
pub const NOTHING_SENT: Text = t(
    "Nothing sent yet. The default target runs in this page: no network, no account.",
    "아직 보낸 요청이 없습니다. 기본 대상은 이 페이지 안에서 동작합니다. 네트워크와 계정이 필요 없습니다.",
);
pub const PREPARE_INQUIRY: Text = t("Prepare the result inquiry", "결과 조회 준비하기");
pub const PENDING_HINT: Text = t(
    "isPending is true: the PG did not answer normally; the charge completes or fails later. Ask the result inquiry API with the same sequenceId.",
    "isPending이 true입니다. PG가 정상 응답하지 않았으며 충전은 나중에 완료되거나 실패합니다. 같은 sequenceId로 결과 조회 API를 호출하세요.",
);
pub const RESPONSE_TITLE: Text = t("Response", "응답");
pub const REQUEST_TITLE: Text = t("Request sent (exact headers and bytes)", "보낸 요청 (정확한 헤더와 바이트)");
pub const HISTORY: Text = t("History (this session, memory only)", "기록 (이번 세션, 메모리에만 보관)");
pub const HISTORY_EMPTY: Text = t("No request sent yet.", "아직 보낸 요청이 없습니다.");
pub const SNIPPETS: Text = t("Code snippets", "코드 예시");
pub const SNIPPETS_HINT: Text = t(
    "Each snippet signs the request itself when run, reading KONAPLATE_SECRET_KEY and KONAPLATE_ACCESS_KEY from the environment; no credential is ever written into it. Target: a local konaplate serve.",
    "각 예시는 실행할 때 환경 변수 KONAPLATE_SECRET_KEY와 KONAPLATE_ACCESS_KEY를 읽어 스스로 서명합니다. 인증 정보는 예시에 절대 쓰지 않습니다. 대상: 로컬 konaplate serve.",
);
pub const SNIPPET_LANGUAGE: Text = t("Snippet language", "예시 언어");
pub const SNIPPETS_SHOW: Text = t("Show the snippet for this request", "이 요청의 코드 예시 보기");
pub const ENCRYPTED_MARK: Text = t("Encrypted", "암호화");
pub const IN_BROWSER_BASE: Text = t("(in-browser sandbox)", "(브라우저 안 샌드박스)");
pub const ERROR: Text = t("error", "오류");
pub const WARNING: Text = t("warning", "경고");
pub const NOTE: Text = t("note", "참고");
pub const PREVIEW: Text = t("Exact body that is signed and sent", "서명하고 보내는 본문 그대로");

/// "Not sent: N error(s) remain…"
pub fn refused(errors: usize) -> Text<String> {
    Text::new(
        format!("Not sent: {errors} error(s) remain. Fix them, or tick \"Send anyway\" for a negative test."),
        format!("보내지 않음: 오류 {errors}개가 남아 있습니다. 오류를 고치거나, 부정 테스트라면 '그래도 보내기'를 선택하세요."),
    )
}

/// "N errors, M warnings, K notes"
pub fn summary(errors: usize, warnings: usize, notes: usize) -> Text<String> {
    Text::new(
        format!("{errors} errors, {warnings} warnings, {notes} notes"),
        format!("오류 {errors}, 경고 {warnings}, 참고 {notes}"),
    )
}

/// "(40 characters)": how a credential or a token is described by its length.
pub fn characters(count: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("({count} characters)"),
        Lang::Ko => format!("({count}자)"),
    }
}

/// "123 bytes: {body}": the string signed, with its length in bytes.
pub fn bytes(body: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} bytes: {body}", body.len()),
        Lang::Ko => format!("{}바이트: {body}", body.len()),
    }
}

/// The accessible name of a header's override input.
pub fn override_label(header: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Override {header}"),
        Lang::Ko => format!("{header} 덮어쓰기"),
    }
}

// Message encryption: the panel's own texts are the on-demand module's (konaplate-console-crypto).
pub const CRYPTO_LOADING: Text = t("Loading the encryption module…", "암호화 모듈을 불러오는 중…");
pub const CRYPTO_FAILED: Text = t(
    "The encryption module could not be loaded: the body goes in plain JSON.",
    "암호화 모듈을 불러오지 못했습니다. 본문은 평문 JSON으로 보냅니다.",
);

// The operations beyond the charge flow, loaded when first picked (`state::Deferred`).
pub const OPERATIONS_LOADING: Text = t("Loading this API's fields…", "이 API의 필드를 불러오는 중…");
pub const OPERATIONS_FAILED: Text = t(
    "This API's fields could not be loaded: pick it again to retry.",
    "이 API의 필드를 불러오지 못했습니다. 다시 선택하면 다시 시도합니다.",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_round_trip_their_code_and_pick_their_text() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::Ko.pick(SENDING), "보내는 중…");
        assert_eq!(characters(40, Lang::Ko), "(40자)");
        assert_eq!(bytes("{}", Lang::En), "2 bytes: {}");
        assert_eq!(override_label("X-KM-Tran-Time", Lang::Ko), "X-KM-Tran-Time 덮어쓰기");
    }
}
