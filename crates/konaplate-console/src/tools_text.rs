//! The texts of the console's tools, in English and Korean: the Diagnose panel, environments,
//! the response's deviations from the document, the HAR export.

use konaplate_core::catalog::Text;
use konaplate_core::text::t;

// Environments.
pub const ENVIRONMENT: Text = t("Environment", "환경");
pub const PROFILE: Text = t("Profile", "프로필");
pub const VARIABLES: Text = t("Variables (name=value, one a line)", "변수 (이름=값, 한 줄에 하나)");
pub const VARIABLES_HINT: Text = t(
    "Write {{name}} in the body or a header override: it is replaced before signing, and the inspector and the request sent show the value. The profile keeps its target, base URL, ASP ID, access key, secret and variables; switching saves them.",
    "본문이나 헤더 덮어쓰기에 {{이름}}을 쓰면 서명하기 전에 값으로 바뀌며, 서명 살펴보기와 보낸 요청에 바뀐 값이 보입니다. 프로필은 대상, 기본 URL, ASP ID, 액세스 키, 시크릿, 변수를 보관하며 전환할 때 저장됩니다.",
);
pub const KEEP_FOR_TAB: Text =
    t("Keep for this tab (sessionStorage, secrets included)", "이 탭에만 보관 (sessionStorage, 시크릿 포함)");
pub const KEEP_FOR_TAB_HINT: Text = t(
    "Off by default: profiles and secrets live in this page's memory only. On: they are kept in this tab's sessionStorage (gone when the tab closes), never in localStorage, cookies or the URL.",
    "기본은 꺼짐이며 프로필과 시크릿은 이 페이지의 메모리에만 있습니다. 켜면 이 탭의 sessionStorage에 보관하며(탭을 닫으면 사라짐), localStorage, 쿠키, URL에는 절대 넣지 않습니다.",
);
pub const EXPORT_PROFILES: Text = t("Export profiles (no keys)", "프로필 내보내기 (키 제외)");
pub const IMPORT_PROFILES: Text = t("Import profiles", "프로필 가져오기");
pub const NO_BASE_URL: Text = t(
    "KONA PLATE's documents give no production base URL: type the one in your contract.",
    "KONA PLATE 문서에는 운영 환경 기본 URL이 없습니다. 계약서의 URL을 입력하세요.",
);

/// "Unknown variables left as written: {{a}}, {{b}}"
pub fn unknown_variables(names: &[String]) -> Text<String> {
    let list = names.iter().map(|n| format!("{{{{{n}}}}}")).collect::<Vec<_>>().join(", ");
    Text::new(
        format!("Not defined in this profile, sent as written: {list}"),
        format!("이 프로필에 정의되지 않아 그대로 보냅니다: {list}"),
    )
}

// Diagnose.
pub const DIAGNOSE: Text = t("Diagnose a request", "요청 진단");
pub const DIAGNOSE_HINT: Text = t(
    "Paste a cURL command, raw HTTP or a HAR entry (or log): the same checks as konaplate doctor, header by header; with the secret key above (memory only) the tran-token is checked and, when it does not match, the usual mistake that reproduces it is named. X-KM-Tran-Time is compared with this computer's clock.",
    "cURL 명령, HTTP 원문 또는 HAR 항목(또는 로그)을 붙여 넣으세요. konaplate doctor와 같은 검사를 헤더별로 합니다. 위의 시크릿 키(메모리에만 보관)가 있으면 tran-token을 검사하고, 일치하지 않으면 토큰을 재현하는 흔한 실수를 알려 줍니다. X-KM-Tran-Time은 이 컴퓨터의 시계와 비교합니다.",
);
pub const DIAGNOSE_INPUT: Text = t("Request to diagnose", "진단할 요청");
pub const DIAGNOSE_BUTTON: Text = t("Diagnose", "진단하기");
pub const DIAGNOSE_LOADING: Text = t("Loading the diagnose module…", "진단 모듈을 불러오는 중…");
pub const DIAGNOSE_FAILED: Text = t(
    "The Diagnose panel is not available: press Diagnose to try again",
    "진단 기능을 쓸 수 없습니다. 진단하기를 눌러 다시 시도하세요",
);

// Deviations of a response from the document.
pub const DEVIATIONS: Text = t("Server's deviations from its documentation", "서버가 문서와 다른 점");
pub const PROXY_SAYS: Text = t("konaplate proxy", "konaplate proxy");
pub const PROXY_SIDE_REQUEST: Text = t("request", "요청");
pub const PROXY_SIDE_RESPONSE: Text = t("response", "응답");
pub const PROXY_HEADER_UNREADABLE: Text = t(
    "X-Konaplate-Violations is not the JSON konaplate proxy writes; it was ignored.",
    "X-Konaplate-Violations가 konaplate proxy가 쓰는 JSON이 아니어서 무시했습니다.",
);

/// The deviation summary: `counted` errors and warnings found here, and what the proxy said.
pub fn deviations_summary(counted: usize, proxy: Option<usize>) -> Text<String> {
    let mut text = if counted == 0 {
        Text::from_pair("No deviation from the documentation in this answer.", "이 응답은 문서와 다른 점이 없습니다.")
    } else {
        Text::new(
            format!("This answer deviates from its documentation in {counted} place(s): the server's deviation, not a mistake of the request."),
            format!("이 응답은 {counted}곳에서 문서와 다릅니다. 요청의 잘못이 아니라 서버가 문서와 다른 것입니다."),
        )
    };
    if let Some(n) = proxy {
        text.en.push_str(&format!(" konaplate proxy reported {n} (X-Konaplate-Violations)."));
        text.ko.push_str(&format!(" konaplate proxy가 {n}건을 알렸습니다(X-Konaplate-Violations)."));
    }
    text
}

/// "…and 2 more the proxy left out of its header."
pub fn proxy_truncated(n: u64) -> Text<String> {
    Text::new(
        format!("…and {n} more the proxy left out of its header (see its log)."),
        format!("…그 밖에 {n}건은 프록시가 헤더에서 생략했습니다(프록시 로그 참고)."),
    )
}

// HAR.
pub const EXPORT_HAR: Text = t("Export history as HAR (keys redacted)", "기록을 HAR로 내보내기 (키 가림)");
