//! The catalog: every fact konaplate knows about the KONA PLATE charge flow, as data.
//!
//! This is the one source of truth. Validation, header rules, the console's form and labels,
//! the snippets, the OpenAPI export and the sandbox all read it; nothing else restates a bound,
//! a code or a label. Provenance is explicit: a [`ResponseCode`] says whether KONA PLATE
//! published it or konaplate assigned it, and every contradiction between KONA PLATE documents
//! is a [`DocNote`] the user is shown, never a silent choice.

use serde::Serialize;

/// A text in English and Korean. Every string a user reads has both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Text {
    pub en: &'static str,
    pub ko: &'static str,
}

const fn t(en: &'static str, ko: &'static str) -> Text {
    Text { en, ko }
}

/// Base URL of KONA PLATE's sandbox; API paths are appended to it.
pub const SANDBOX_BASE_URL: &str = "https://sandbox.konaplate.com/open-api";

/// Who stated a fact: KONA PLATE, or konaplate where KONA PLATE is silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Provenance {
    /// Printed on a KONA PLATE page.
    Published,
    /// Assigned by konaplate; KONA PLATE did not publish it.
    Ours,
}

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

/// The JSON type and bounds of a body field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum FieldType {
    /// A JSON string; lengths count Unicode code points. `allowed` empty means any value.
    #[serde(rename_all = "camelCase")]
    String {
        min_len: usize,
        max_len: usize,
        allowed: &'static [&'static str],
    },
    /// A JSON number written as an integer. Bounds are decimal text so that values beyond
    /// 2^53 (and beyond i64) are compared exactly, never through a float.
    Integer {
        min: &'static str,
        max: &'static str,
    },
    Boolean,
}

/// One field of a request or response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// The name exactly as documented (and as sent in JSON).
    pub name: &'static str,
    #[serde(flatten)]
    pub ty: FieldType,
    pub required: bool,
    pub description: Text,
    /// A documentation conflict or konaplate decision about this field, shown beside it.
    pub note: Option<&'static DocNote>,
}

const fn string(name: &'static str, min_len: usize, max_len: usize, required: bool, description: Text) -> Field {
    Field { name, ty: FieldType::String { min_len, max_len, allowed: &[] }, required, description, note: None }
}

const fn integer(name: &'static str, min: &'static str, max: &'static str, required: bool, description: Text) -> Field {
    Field { name, ty: FieldType::Integer { min, max }, required, description, note: None }
}

const fn boolean(name: &'static str, description: Text) -> Field {
    Field { name, ty: FieldType::Boolean, required: true, description, note: None }
}

const fn with_note(mut field: Field, note: &'static DocNote) -> Field {
    field.note = Some(note);
    field
}

impl Field {
    /// The field's bounds as one short line, e.g. `1..=30 characters` or `1..=9999999999`.
    pub fn bounds(&self) -> String {
        match self.ty {
            FieldType::String { min_len, max_len, allowed } if !allowed.is_empty() => {
                let _ = (min_len, max_len);
                format!("one of {}", allowed.join(", "))
            }
            FieldType::String { min_len, max_len, .. } if min_len == max_len => {
                format!("exactly {min_len} characters")
            }
            FieldType::String { min_len, max_len, .. } => format!("{min_len}..={max_len} characters"),
            FieldType::Integer { min, max } => format!("integer {min}..={max}"),
            FieldType::Boolean => "true or false".to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Documentation notes (conflicts and decisions)
// ---------------------------------------------------------------------------------------------

/// A place where KONA PLATE's documents disagree, or are silent, and what konaplate does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DocNote {
    pub id: &'static str,
    pub text: Text,
}

pub mod notes {
    //! Every documentation note, by name, so code can point at the one it acts on.
    use super::{t, DocNote};

    pub const TRAN_TOKEN_LENGTH: DocNote = DocNote {
        id: "tran-token-length",
        text: t(
            "Documentation says X-KM-Tran-Token has length 66, but its own format and sample \
             (KMV1: + 17-digit time + : + 44 Base64 characters) give 67. konaplate sends 67 \
             characters, which the live API accepts (observed in other clients).",
            "문서는 X-KM-Tran-Token 길이를 66으로 적고 있지만, 문서의 형식과 예시(KMV1: + 17자리 시각 + : \
             + Base64 44자)는 67자입니다. konaplate는 67자를 보내며, 실제 API는 이를 받아들입니다(다른 \
             클라이언트에서 관찰됨).",
        ),
    };
    pub const TRAN_TIME_LENGTH: DocNote = DocNote {
        id: "tran-time-length",
        text: t(
            "Some portal pages print X-KM-Tran-Time as length 16 (YYYYMMDDHH24MISS): that is the \
             length of the pattern text. The value is 14 digits, yyyyMMddHHmmss.",
            "일부 포털 페이지는 X-KM-Tran-Time 길이를 16(YYYYMMDDHH24MISS)으로 표기하지만 이는 패턴 \
             문자열의 길이입니다. 실제 값은 14자리 yyyyMMddHHmmss입니다.",
        ),
    };
    pub const TOKEN_TIME_DIGITS: DocNote = DocNote {
        id: "token-time-digits",
        text: t(
            "The English tran-token guide prints the request time as yyyyMMddHHmmss; the Korean \
             guide and the sample use 17 digits, yyyyMMddHHmmssSSS. konaplate uses 17 digits.",
            "영문 tran-token 가이드는 요청 시각을 yyyyMMddHHmmss로 적지만, 국문 가이드와 예시는 17자리 \
             yyyyMMddHHmmssSSS를 사용합니다. konaplate는 17자리를 사용합니다.",
        ),
    };
    pub const CORRELATION_ID_FORM: DocNote = DocNote {
        id: "correlation-id-form",
        text: t(
            "The page writes the form as yyMMddHHmiSS-xxxxxxx; `mi` means minutes. konaplate \
             reads it as yyMMddHHmmss-xxxxxxx (12 digits, '-', 7 hex digits).",
            "페이지는 형식을 yyMMddHHmiSS-xxxxxxx로 적으며 `mi`는 분을 뜻합니다. konaplate는 이를 \
             yyMMddHHmmss-xxxxxxx(숫자 12자리, '-', 16진수 7자리)로 해석합니다.",
        ),
    };
    pub const MERCHANT_ID_LENGTH: DocNote = DocNote {
        id: "merchant-id-length",
        text: t(
            "The page prints merchantId as \"Length: 0\", a documentation glitch. Merchant ids seen \
             in practice are 15 digits; konaplate requires 1 to 15 characters.",
            "페이지는 merchantId를 \"Length: 0\"으로 표기하지만 이는 문서 오류입니다. 실제 가맹점 ID는 \
             15자리이며, konaplate는 1~15자를 요구합니다.",
        ),
    };
    pub const CANCEL_SEQUENCE_ID_LENGTH: DocNote = DocNote {
        id: "cancel-sequence-id-length",
        text: t(
            "The cancel page prints sequenceId as Length 30; the charge page says 1 to 30. \
             konaplate accepts 1 to 30 characters.",
            "충전 취소 페이지는 sequenceId 길이를 30으로, 충전 페이지는 1~30으로 표기합니다. konaplate는 \
             1~30자를 허용합니다.",
        ),
    };
    pub const RESULT_INQUIRY_PATH: DocNote = DocNote {
        id: "result-inquiry-path",
        text: t(
            "The result inquiry path is singular (by-bank-account) while the charge and cancel \
             paths are plural (by-bank-accounts). konaplate uses the paths exactly as documented.",
            "결과 조회 경로는 단수(by-bank-account)이고 충전·취소 경로는 복수(by-bank-accounts)입니다. \
             konaplate는 문서에 적힌 경로를 그대로 사용합니다.",
        ),
    };
    pub const AMOUNT_ZERO_WORDING: DocNote = DocNote {
        id: "amount-zero-wording",
        text: t(
            "For 007_007 the message says \"more than zero\" and the description \"less than 0 \
             won\"; the field's minimum is 1. konaplate answers 007_007 for any amount below 1.",
            "007_007의 메시지는 \"0보다 커야 함\", 설명은 \"0원 미만\"이라고 적혀 있으며 필드 최솟값은 \
             1입니다. konaplate는 1 미만의 모든 금액에 007_007로 응답합니다.",
        ),
    };
    pub const TEST_DATA_LABEL_TYPO: DocNote = DocNote {
        id: "test-data-label-typo",
        text: t(
            "The Test Data label reads \"Attempt to change with invalid one-time token\" (sic: \
             charge). konaplate keeps the label exactly as printed.",
            "Test Data 항목은 \"Attempt to change with invalid one-time token\"으로 표기되어 있습니다 \
             (charge의 오기). konaplate는 표기를 그대로 유지합니다.",
        ),
    };
    pub const UNPUBLISHED_TEST_CODES: DocNote = DocNote {
        id: "unpublished-test-codes",
        text: t(
            "Three Test Data scenarios have no code on the page. konaplate assigned 007_901, \
             007_902 and 007_903 to them; these codes are ours, not KONA PLATE's.",
            "Test Data 시나리오 세 개는 페이지에 코드가 없습니다. konaplate가 007_901, 007_902, \
             007_903을 부여했으며, 이 코드는 KONA PLATE가 아닌 konaplate의 것입니다.",
        ),
    };
    pub const ENCRYPTION_PLAIN_BODY: DocNote = DocNote {
        id: "encryption-plain-body",
        text: t(
            "This API is marked Encrypted: the real server expects {\"encData\": \"<JWE>\"} (RSA-OAEP-256 + \
             A128GCM to the server's key) and an X-KM-Crypto-Key-Id, with the tran-token over that \
             wrapper. `konaplate encrypt` and `--encrypt-with` build it; `konaplate serve` refuses a \
             plain body (000_911). A plain body is validated field by field here, and the in-browser \
             sandbox accepts it.",
            "이 API는 암호화 대상입니다. 실제 서버는 {\"encData\": \"<JWE>\"}(서버 키로 RSA-OAEP-256 + A128GCM)와 \
             X-KM-Crypto-Key-Id를 요구하며, tran-token은 이 래퍼에 대해 계산합니다. `konaplate encrypt`와 \
             `--encrypt-with`가 이를 만듭니다. `konaplate serve`는 평문 본문을 거부합니다(000_911). 평문 본문은 \
             여기서 필드별로 검증되며, 브라우저 내 샌드박스는 평문을 받아들입니다.",
        ),
    };
    pub const RESPONSE_ENCRYPTION_UNKNOWN: DocNote = DocNote {
        id: "response-encryption-unknown",
        text: t(
            "The page marks this API's request as Encrypted but says nothing about its response; \
             konaplate treats the response as plain. One client reports encrypted responses even to \
             plain requests: `konaplate decrypt` with the client key reads a response that has encData.",
            "페이지는 이 API의 요청만 암호화 대상으로 표시하고 응답은 언급하지 않습니다. konaplate는 응답을 \
             평문으로 봅니다. 평문 요청에도 암호화된 응답을 받았다는 보고가 있습니다. encData가 있는 응답은 \
             `konaplate decrypt`와 클라이언트 키로 읽을 수 있습니다.",
        ),
    };

    /// All notes, for listing.
    pub const ALL: &[&DocNote] = &[
        &TRAN_TOKEN_LENGTH,
        &TRAN_TIME_LENGTH,
        &TOKEN_TIME_DIGITS,
        &CORRELATION_ID_FORM,
        &MERCHANT_ID_LENGTH,
        &CANCEL_SEQUENCE_ID_LENGTH,
        &RESULT_INQUIRY_PATH,
        &AMOUNT_ZERO_WORDING,
        &TEST_DATA_LABEL_TYPO,
        &UNPUBLISHED_TEST_CODES,
        &ENCRYPTION_PLAIN_BODY,
        &RESPONSE_ENCRYPTION_UNKNOWN,
    ];
}

// ---------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Requirement {
    Required,
    /// Required except for callback APIs (none of the charge flow is a callback).
    Conditional,
    /// Required only when the body is encrypted.
    Optional,
}

/// Which value format a header follows; `validate` holds the checks for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HeaderFormat {
    AspId,
    CorrelationId,
    AccessKey,
    CryptoKeyId,
    TranToken,
    TranTime,
    TimeZone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeaderSpec {
    /// Canonical spelling; matching is case-insensitive, as in HTTP.
    pub name: &'static str,
    pub requirement: Requirement,
    /// The length KONA PLATE documents (see `note` where that disagrees with the format).
    pub documented_length: usize,
    pub format: HeaderFormat,
    /// The rule in one line, shown beside the input.
    pub rule: Text,
    pub description: Text,
    /// Holds the caller's credential: never echoed in messages, logs or snippets.
    pub secret: bool,
    pub note: Option<&'static DocNote>,
}

pub const ASP_ID: &str = "X-KM-User-AspId";
pub const CORRELATION_ID: &str = "X-KM-Correlation-Id";
pub const ACCESS_KEY: &str = "X-KM-Access-Key";
pub const CRYPTO_KEY_ID: &str = "X-KM-Crypto-Key-Id";
pub const TRAN_TOKEN: &str = "X-KM-Tran-Token";
pub const TRAN_TIME: &str = "X-KM-Tran-Time";
pub const TIME_ZONE: &str = "X-KM-Time-Zone";

/// The seven X-KM request headers, in the order the portal lists them.
pub static HEADERS: &[HeaderSpec] = &[
    HeaderSpec {
        name: ASP_ID,
        requirement: Requirement::Required,
        documented_length: 15,
        format: HeaderFormat::AspId,
        rule: t("exactly 15 characters", "정확히 15자"),
        description: t(
            "ASP ID given to the service provider at contract; sandbox projects share one common ASP ID.",
            "계약 시 서비스 제공자에게 부여되는 ASP ID. 샌드박스 프로젝트는 공통 ASP ID 하나를 사용합니다.",
        ),
        secret: false,
        note: None,
    },
    HeaderSpec {
        name: CORRELATION_ID,
        requirement: Requirement::Required,
        documented_length: 20,
        format: HeaderFormat::CorrelationId,
        rule: t(
            "yyMMddHHmmss-xxxxxxx: 12-digit date-time, '-', 7 hex digits",
            "yyMMddHHmmss-xxxxxxx: 12자리 일시, '-', 16진수 7자리",
        ),
        description: t("Transaction number for tracking the request.", "요청 추적용 거래 번호."),
        secret: false,
        note: Some(&notes::CORRELATION_ID_FORM),
    },
    HeaderSpec {
        name: ACCESS_KEY,
        requirement: Requirement::Conditional,
        documented_length: 40,
        format: HeaderFormat::AccessKey,
        rule: t("exactly 40 characters", "정확히 40자"),
        description: t(
            "Access key created with the project (omitted only for callback APIs).",
            "프로젝트 생성 시 발급된 Access Key(콜백 API에서만 생략).",
        ),
        secret: true,
        note: None,
    },
    HeaderSpec {
        name: CRYPTO_KEY_ID,
        requirement: Requirement::Optional,
        documented_length: 32,
        format: HeaderFormat::CryptoKeyId,
        rule: t("exactly 32 characters; required when the body is encrypted", "정확히 32자. 본문 암호화 시 필수"),
        description: t("Data encryption/decryption key id.", "데이터 암복호화 키 ID."),
        secret: false,
        note: None,
    },
    HeaderSpec {
        name: TRAN_TOKEN,
        requirement: Requirement::Required,
        documented_length: 66,
        format: HeaderFormat::TranToken,
        rule: t(
            "KMV1: + 17-digit time yyyyMMddHHmmssSSS + : + Base64(HMAC-SHA256(secret, body)), 67 characters",
            "KMV1: + 17자리 시각 yyyyMMddHHmmssSSS + : + Base64(HMAC-SHA256(secret, body)), 67자",
        ),
        description: t(
            "Integrity token over the exact body bytes sent.",
            "전송하는 본문 바이트 그대로에 대한 무결성 토큰.",
        ),
        secret: false,
        note: Some(&notes::TRAN_TOKEN_LENGTH),
    },
    HeaderSpec {
        name: TRAN_TIME,
        requirement: Requirement::Required,
        documented_length: 14,
        format: HeaderFormat::TranTime,
        rule: t("yyyyMMddHHmmss, 14 digits forming a real date-time", "yyyyMMddHHmmss, 실제 일시를 이루는 14자리"),
        description: t("Client request time.", "클라이언트 요청 시각."),
        secret: false,
        note: Some(&notes::TRAN_TIME_LENGTH),
    },
    HeaderSpec {
        name: TIME_ZONE,
        requirement: Requirement::Required,
        documented_length: 3,
        format: HeaderFormat::TimeZone,
        rule: t("3 letters: UTC or KST", "영문 3자: UTC 또는 KST"),
        description: t("Time zone of X-KM-Tran-Time.", "X-KM-Tran-Time의 시간대."),
        secret: false,
        note: None,
    },
];

/// The header spec with this name, matched case-insensitively.
pub fn header(name: &str) -> Option<&'static HeaderSpec> {
    HEADERS.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}

// ---------------------------------------------------------------------------------------------
// Response codes
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseCode {
    pub code: &'static str,
    pub http: u16,
    /// `response.description` as the server sends it.
    pub message: &'static str,
    pub meaning: Text,
    pub provenance: Provenance,
}

const fn published(code: &'static str, http: u16, message: &'static str, meaning: Text) -> ResponseCode {
    ResponseCode { code, http, message, meaning, provenance: Provenance::Published }
}

const fn ours(code: &'static str, http: u16, message: &'static str, meaning: Text) -> ResponseCode {
    ResponseCode { code, http, message, meaning, provenance: Provenance::Ours }
}

/// Every response code konaplate knows: those KONA PLATE published, then ours.
pub static CODES: &[ResponseCode] = &[
    published("000_000", 200, "Success.", t("Success.", "성공.")),
    published("000_002", 400, "Invalid input parameter.", t(
        "Invalid input parameter; the message names the field.",
        "입력 파라미터 오류. 메시지에 필드 이름이 붙습니다.",
    )),
    published("007_001", 400, "Bank account not found.", t(
        "The member has no registered bank account.",
        "회원에게 등록된 계좌가 없습니다.",
    )),
    published("007_002", 400, "Inconsistent requested benefit.", t(
        "The requested benefit (incentive) differs from the one applicable at charge time.",
        "요청한 혜택(인센티브) 정보와 충전 시점에 적용될 혜택 정보가 다릅니다.",
    )),
    published("007_003", 400, "Credit limit exceeded.", t(
        "KONA card's approval server refused: the amount exceeds the limit.",
        "코나카드 승인 서버에서 한도 초과로 승인이 거절되었습니다.",
    )),
    published("007_004", 400, "Withdraw failure from PG.", t(
        "The PG failed to withdraw the money from the bank account.",
        "PG에서 계좌 출금에 실패했습니다.",
    )),
    published("007_005", 400, "Account charge request while proceeding.", t(
        "Another account charge for this member is in progress.",
        "해당 계좌로 충전 거래가 진행 중일 때 충전 요청이 들어왔습니다.",
    )),
    published("007_006", 400, "Account charge request while proceeding auto charge.", t(
        "An auto-charge at payment time is in progress.",
        "결제 시 자동 충전 거래가 진행 중일 때 충전 요청이 들어왔습니다.",
    )),
    published("007_007", 400, "Recharge amount should be more than zero.", t(
        "The amount is below 1 won.",
        "충전 요청 금액이 1원 미만입니다.",
    )),
    published("007_008", 400, "Same sequenceId already exists.", t(
        "A request with the same sequenceId was already made.",
        "동일한 sequenceId로 이미 요청이 있었습니다.",
    )),
    published("007_030", 400, "Cancellation not possible for this transaction.", t(
        "This transaction cannot be cancelled.",
        "취소할 수 없는 거래입니다.",
    )),
    published("007_040", 400, "Cancel request for another method.", t(
        "The cancel request is for a transaction made by another method.",
        "다른 수단으로 이루어진 거래에 대한 취소 요청입니다.",
    )),
    published("007_043", 400, "Cancellation request denied due to name mismatch.", t(
        "Cancellation denied: the name does not match.",
        "명의 불일치로 취소 요청이 거절되었습니다.",
    )),
    published("006_007", 400, "Invalid amount.", t("Invalid amount.", "유효하지 않은 금액입니다.")),
    published("006_008", 400, "Invalid card number.", t("Invalid card number.", "유효하지 않은 카드 번호입니다.")),
    published("006_011", 400, "Expired card.", t("The card has expired.", "만료된 카드입니다.")),
    published("006_012", 400, "Transaction not permitted.", t("Transaction not permitted.", "허용되지 않은 거래입니다.")),
    published("002_016", 400, "Invalid account.", t("Invalid bank account.", "유효하지 않은 계좌입니다.")),
    published("002_018", 400, "Communication Error with PG.", t("Communication error with the PG.", "PG와의 통신 오류입니다.")),
    // The three Test Data scenarios the page lists without a code (see notes::UNPUBLISHED_TEST_CODES).
    ours("007_901", 400, "Franchise error.", t(
        "Merchant (franchise) problem: the merchantId is unknown or cannot take charges.",
        "가맹점 오류: merchantId를 알 수 없거나 충전을 받을 수 없습니다.",
    )),
    ours("007_902", 400, "Invalid one-time token.", t(
        "The one-time token (or its dcvv) is unknown, already used or expired.",
        "일회용 토큰(또는 dcvv)이 없거나 이미 사용되었거나 만료되었습니다.",
    )),
    ours("007_903", 400, "Problem with the bank account. Contact the bank.", t(
        "The bank reports a problem with the registered account; the member should contact the bank.",
        "은행 계좌에 문제가 있음. 은행에 문의",
    )),
    // What a real server checks before business logic; KONA PLATE publishes no codes for these.
    ours("000_901", 400, "Missing or malformed X-KM header.", t(
        "A required X-KM header is missing, repeated or malformed; the message names it.",
        "필수 X-KM 헤더가 없거나 중복되었거나 형식이 잘못되었습니다. 메시지에 헤더 이름이 붙습니다.",
    )),
    ours("000_902", 401, "Unknown access key.", t(
        "The X-KM-Access-Key (or ASP ID) is not known to this server.",
        "이 서버가 알지 못하는 X-KM-Access-Key(또는 ASP ID)입니다.",
    )),
    ours("000_903", 401, "Tran-token verification failed.", t(
        "The X-KM-Tran-Token does not match the body received under this project's secret key.",
        "수신한 본문과 프로젝트 secret key로 계산한 값이 X-KM-Tran-Token과 일치하지 않습니다.",
    )),
    ours("000_904", 401, "Request time out of window.", t(
        "X-KM-Tran-Time is too far from the server clock; a replayed request fails here once its time leaves the window.",
        "X-KM-Tran-Time이 서버 시각과 너무 많이 차이 납니다. 재전송된 요청은 시각이 허용 범위를 벗어나면 여기서 거부됩니다.",
    )),
    ours("000_906", 415, "Unsupported content type.", t(
        "The body must be sent as Content-Type: application/json.",
        "본문은 Content-Type: application/json으로 보내야 합니다.",
    )),
    ours("000_907", 413, "Request too large.", t(
        "The request body or headers exceed the server's limit.",
        "요청 본문 또는 헤더가 서버 한도를 넘었습니다.",
    )),
    ours("000_908", 404, "Unknown API path.", t(
        "No API is served at this method and path.",
        "이 메서드와 경로로 제공되는 API가 없습니다.",
    )),
    ours("000_909", 408, "Request timed out.", t(
        "The request was not received in time.",
        "요청을 제한 시간 안에 받지 못했습니다.",
    )),
    // Message encryption (the sandbox checks these in this order, after the tran-token).
    ours("000_911", 400, "Encrypted body required.", t(
        "This API takes only {\"encData\": \"<JWE>\"}: the body is plain JSON, has other members, or encData is not a string.",
        "이 API는 {\"encData\": \"<JWE>\"}만 받습니다. 본문이 평문 JSON이거나, 다른 항목이 있거나, encData가 문자열이 아닙니다.",
    )),
    ours("000_912", 400, "Unknown crypto key id.", t(
        "X-KM-Crypto-Key-Id does not name this server's key (GET /sandbox/crypto-keys lists it).",
        "X-KM-Crypto-Key-Id가 이 서버의 키가 아닙니다(GET /sandbox/crypto-keys에서 확인).",
    )),
    ours("000_913", 400, "Malformed JWE.", t(
        "encData is not a well-formed compact JWE: five Base64url parts, a JSON header, a 12-byte IV and a 16-byte tag.",
        "encData가 올바른 compact JWE가 아닙니다. Base64url 다섯 부분, JSON 헤더, 12바이트 IV, 16바이트 태그여야 합니다.",
    )),
    ours("000_914", 400, "Unsupported JWE algorithm.", t(
        "The JWE header names an alg or enc this server does not take: RSA-OAEP-256 (or RSA-OAEP) with A128GCM or A256GCM.",
        "JWE 헤더의 alg 또는 enc를 이 서버가 받지 않습니다. RSA-OAEP-256(또는 RSA-OAEP)과 A128GCM 또는 A256GCM이어야 합니다.",
    )),
    ours("000_915", 400, "JWE key unwrap failed.", t(
        "The content key could not be decrypted: the JWE was encrypted to another public key, or its key part was altered.",
        "콘텐츠 키를 복호화할 수 없습니다. 다른 공개 키로 암호화되었거나 키 부분이 변경되었습니다.",
    )),
    ours("000_916", 400, "JWE authentication failed.", t(
        "The AES-GCM tag does not match: the header, IV, ciphertext or tag was altered after encryption.",
        "AES-GCM 태그가 맞지 않습니다. 암호화 후 헤더, IV, 암호문 또는 태그가 변경되었습니다.",
    )),
    ours("000_910", 503, "Sandbox storage failure.", t(
        "The konaplate sandbox could not save its state, so it did not acknowledge the request.",
        "konaplate 샌드박스가 상태를 저장하지 못해 요청을 확정하지 않았습니다.",
    )),
];

/// The catalog entry for a code such as `007_008`.
pub fn code(code: &str) -> Option<&'static ResponseCode> {
    CODES.iter().find(|c| c.code == code)
}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// Stable short id used by the CLI, the JS package and permalinks.
    pub id: &'static str,
    pub name: Text,
    pub summary: Text,
    pub method: &'static str,
    pub path: &'static str,
    pub version: &'static str,
    /// The request body is encrypted (`{"encData":"<JWE>"}`; the portal's `reqEncrypt`).
    /// Named `encrypted` (not `request_encrypted`) so existing readers keep compiling.
    pub encrypted: bool,
    /// The response body is encrypted to the client's key (the portal's `resEncrypt`).
    pub response_encrypted: bool,
    pub request: &'static [Field],
    pub response: &'static [Field],
    pub codes: &'static [&'static str],
    pub notes: &'static [&'static DocNote],
}

impl Endpoint {
    /// The request field with this exact name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.request.iter().find(|f| f.name == name)
    }

    /// Full URL under `base` (no trailing slash), e.g. [`SANDBOX_BASE_URL`].
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.path)
    }
}

const SEQUENCE_ID: Field = string(
    "sequenceId",
    1,
    30,
    true,
    t(
        "Caller's unique control number; used to look up the result when no response arrived.",
        "관리번호. 요청에 대해 응답을 받지 못했을 경우 결과 확인에 사용하며 Unique 해야 합니다.",
    ),
);
const USER_ID: Field = integer(
    "userId",
    "1",
    "9999999999999999999",
    true,
    t(
        "Member id given at sign-up (up to 19 digits: send it as exact JSON text).",
        "회원 ID. 회원가입 시 부여되는 회원의 고유 ID입니다.",
    ),
);
const ONE_TIME_TOKEN: Field = string(
    "oneTimeToken",
    16,
    16,
    true,
    t(
        "One-time token returned by the one-time token API.",
        "일회용 Token. 일회용 Token 발급 요청 시 응답받은 값입니다.",
    ),
);
const DCVV: Field = string(
    "dcvv",
    3,
    3,
    true,
    t("DCVV returned by the one-time token API.", "DCVV. 일회용 Token 발급 요청 시 응답받은 값입니다."),
);
const NR_NUMBER: Field = string("nrNumber", 1, 50, true, t("Transaction number.", "거래 번호."));
const IS_PENDING: Field = boolean("isPending", t(
    "True when the PG did not answer normally; the charge completes or fails later (re-checked every 5 minutes that day).",
    "PG로부터 정상 응답을 받지 못한 경우 true. 이후 충전이 완료되거나 실패하며, 당일 5분마다 재확인합니다.",
));

pub static ONE_TIME_TOKEN_ENDPOINT: Endpoint = Endpoint {
    id: "one-time-token",
    name: t("Issuance of Disposable Token", "일회용 토큰 발급"),
    summary: t(
        "Issue a one-time token and dcvv for a card; valid 30 seconds, or 5 minutes for type ATM or CREDIT.",
        "카드의 일회용 토큰과 dcvv를 발급합니다. 유효시간 30초, type이 ATM 또는 CREDIT이면 5분.",
    ),
    method: "POST",
    path: "/api/v2/payment/generate/onetimetoken",
    version: "v2",
    encrypted: true,
    response_encrypted: false,
    request: &[
        string("cardNo", 16, 16, true, t("Prepaid card number, 16 digits.", "선불카드 번호 16자리.")),
        Field {
            name: "type",
            ty: FieldType::String { min_len: 3, max_len: 6, allowed: &["ATM", "CREDIT"] },
            required: false,
            description: t(
                "Omit for a 30-second token; ATM or CREDIT for a 5-minute token.",
                "생략 시 30초 토큰, ATM 또는 CREDIT이면 5분 토큰.",
            ),
            note: None,
        },
    ],
    response: &[
        ONE_TIME_TOKEN,
        DCVV,
        integer(
            "expiryTime",
            "0",
            "9999999999999",
            false,
            t(
                "Expiry as Unix epoch milliseconds (observed in other clients).",
                "만료 시각, Unix epoch 밀리초(다른 클라이언트에서 관찰됨).",
            ),
        ),
    ],
    codes: &["000_000", "000_002", "006_008", "006_011", "006_012"],
    notes: &[&notes::ENCRYPTION_PLAIN_BODY, &notes::RESPONSE_ENCRYPTION_UNKNOWN],
};

pub static CHARGE_ENDPOINT: Endpoint = Endpoint {
    id: "charge",
    name: t("ChargeSync", "충전(동기)"),
    summary: t(
        "Charge the member's prepaid card from the bank account the member registered. A one-time token must be issued first.",
        "회원이 등록한 계좌로 선불카드 잔액을 충전합니다. 먼저 일회용 토큰을 발급받아야 합니다.",
    ),
    method: "POST",
    path: "/api/v1/recharges/by-bank-accounts/no-hce",
    version: "v1",
    encrypted: false,
    response_encrypted: false,
    request: &[
        SEQUENCE_ID,
        USER_ID,
        integer("amount", "1", "9999999999", true, t("Charge amount in KRW.", "충전 요청 금액.")),
        ONE_TIME_TOKEN,
        DCVV,
        with_note(
            string("merchantId", 1, 15, true, t("Merchant id.", "가맹점 ID.")),
            &notes::MERCHANT_ID_LENGTH,
        ),
    ],
    response: &[NR_NUMBER, IS_PENDING],
    codes: &[
        "000_000", "000_002", "007_001", "007_002", "007_003", "007_004", "007_005", "007_006",
        "007_007", "007_008", "007_901", "007_902", "007_903",
    ],
    notes: &[&notes::AMOUNT_ZERO_WORDING, &notes::UNPUBLISHED_TEST_CODES],
};

pub static RESULT_INQUIRY_ENDPOINT: Endpoint = Endpoint {
    id: "result-inquiry",
    name: t("Checking Result of Charge & Cancellation of Charge", "충전 및 충전 취소 결과 조회"),
    summary: t(
        "Look up the result of a charge or cancellation by its sequenceId.",
        "sequenceId로 충전 또는 취소 결과를 조회합니다.",
    ),
    method: "POST",
    path: "/api/v1/recharges/by-bank-account/result/inquiry",
    version: "v1",
    encrypted: false,
    response_encrypted: false,
    request: &[SEQUENCE_ID],
    response: &[Field {
        name: "result",
        ty: FieldType::String { min_len: 6, max_len: 9, allowed: &["COMPLETED", "FAILED", "PENDING"] },
        required: true,
        description: t("COMPLETED, FAILED or PENDING.", "COMPLETED, FAILED 또는 PENDING."),
        note: None,
    }],
    codes: &["000_000", "000_002"],
    notes: &[&notes::RESULT_INQUIRY_PATH],
};

pub static CANCEL_ENDPOINT: Endpoint = Endpoint {
    id: "cancel",
    name: t("Cancellation of Charge", "충전 취소"),
    summary: t(
        "Cancel a charge; the refund reaches the bank account the next day.",
        "충전을 취소합니다. 환불은 다음 날 계좌로 입금됩니다.",
    ),
    method: "POST",
    path: "/api/v1/recharges/by-bank-accounts/no-hce/cancel",
    version: "v1",
    encrypted: false,
    response_encrypted: false,
    request: &[
        with_note(SEQUENCE_ID, &notes::CANCEL_SEQUENCE_ID_LENGTH),
        USER_ID,
        NR_NUMBER,
        ONE_TIME_TOKEN,
        Field { required: false, ..DCVV },
    ],
    response: &[IS_PENDING],
    codes: &["000_000", "000_002", "007_001", "007_030", "007_040", "007_043"],
    notes: &[],
};

/// The four charge-flow endpoints, in flow order.
pub static ENDPOINTS: &[&Endpoint] =
    &[&ONE_TIME_TOKEN_ENDPOINT, &CHARGE_ENDPOINT, &RESULT_INQUIRY_ENDPOINT, &CANCEL_ENDPOINT];

/// The endpoint with this id (`charge`, `one-time-token`, `result-inquiry`, `cancel`) or path.
pub fn endpoint(id_or_path: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().copied().find(|e| e.id == id_or_path || e.path == id_or_path)
}

// ---------------------------------------------------------------------------------------------
// Test Data scenarios of the seed page
// ---------------------------------------------------------------------------------------------

/// Credentials of the konaplate sandbox project (not secrets: they are printed in the docs).
pub mod sandbox {
    /// The common ASP ID sandbox projects share (15 characters).
    pub const ASP_ID: &str = "KPSANDBOX000001";
    /// The sandbox project's access key (40 characters).
    pub const ACCESS_KEY: &str = "kp_sandbox_access_key_000000000000000000";
    /// A member with a registered bank account and a card: the success case.
    pub const MEMBER_ID: &str = "1234567890123456789";
    /// A merchant that takes charges.
    pub const MERCHANT_ID: &str = "123456789012345";
    /// A one-time token the sandbox issued in advance and keeps valid, so presets work without
    /// the token step. A real flow issues one with the one-time token API first.
    pub const PRESET_ONE_TIME_TOKEN: &str = "1111222233334444";
    pub const PRESET_DCVV: &str = "123";
    /// The success member's card, for the one-time token API.
    pub const MEMBER_CARD_NO: &str = "9410123456789012";
    /// A member whose PG does not answer: the charge is pending, then COMPLETED at the re-check.
    pub const PENDING_COMPLETES_MEMBER_ID: &str = "9000000000000000007";
    /// A member whose PG does not answer: the charge is pending, then FAILED at the re-check.
    pub const PENDING_FAILS_MEMBER_ID: &str = "9000000000000000008";
    /// The sequenceId the sandbox seeds as already charged (007_008).
    pub const USED_SEQUENCE_ID: &str = "SEQ-ALREADY-USED";
    /// A merchant that is not registered (007_901).
    pub const UNKNOWN_MERCHANT_ID: &str = "999999999999999";
    /// Prepaid card balance limit in won: a charge that would exceed it gets 007_003.
    pub const BALANCE_LIMIT: u64 = 2_000_000;
    /// How far X-KM-Tran-Time may be from the sandbox clock, either way.
    pub const TIME_WINDOW_MS: i64 = 5 * 60 * 1000;
    /// When a pending charge is re-checked (the page: every 5 minutes on the day of the request).
    pub const PENDING_RECHECK_MS: i64 = 5 * 60 * 1000;

    use super::{t, Text};

    /// How the konaplate sandbox behaves where KONA PLATE documents nothing; shown to users.
    pub const RULES: &[Text] = &[
        t(
            "Any userId not listed below is a member with a registered account and a card, created on first use.",
            "아래에 없는 userId는 처음 사용할 때 계좌와 카드가 등록된 회원으로 생성됩니다.",
        ),
        t(
            "One-time token 1111222233334444 with dcvv 123 works for every member and never expires; tokens issued by the API are single-use and expire after 30 seconds (5 minutes for type ATM or CREDIT).",
            "일회용 토큰 1111222233334444와 dcvv 123은 모든 회원에게 유효하며 만료되지 않습니다. API로 발급한 토큰은 한 번만 쓸 수 있고 30초(type이 ATM 또는 CREDIT이면 5분) 후 만료됩니다.",
        ),
        t(
            "Members 9000000000000000007 and 9000000000000000008: the PG does not answer, the charge answers isPending=true and stays PENDING until the re-check 5 minutes later, then becomes COMPLETED (…07) or FAILED (…08). The balance moves once, at completion.",
            "회원 9000000000000000007과 9000000000000000008: PG가 응답하지 않아 isPending=true로 응답하고 5분 뒤 재확인까지 PENDING이며, 이후 COMPLETED(…07) 또는 FAILED(…08)가 됩니다. 잔액은 완료 시 한 번만 바뀝니다.",
        ),
        t(
            "A member with a pending charge gets 007_005 for a new charge until it settles.",
            "처리 중인 충전이 있는 회원은 정산될 때까지 새 충전에 007_005를 받습니다.",
        ),
        t(
            "Cancel: nrNumber must be a COMPLETED, not yet cancelled charge of the same userId (else 007_030, or 007_043 for another member's charge); the refund is taken from the card balance once.",
            "취소: nrNumber는 같은 userId의 COMPLETED이고 아직 취소되지 않은 충전이어야 합니다(아니면 007_030, 다른 회원의 충전이면 007_043). 환불은 카드 잔액에서 한 번만 차감됩니다.",
        ),
        t(
            "X-KM-Tran-Time must be within 5 minutes of the sandbox clock (000_904); within that window a replayed charge gets 007_008 for its sequenceId.",
            "X-KM-Tran-Time은 샌드박스 시각과 5분 이내여야 합니다(000_904). 그 안에서 재전송된 충전은 sequenceId 때문에 007_008을 받습니다.",
        ),
    ];
}

/// One "Test Data" entry of the seed page and the request that produces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub id: &'static str,
    pub http: u16,
    /// The label exactly as the page prints it after "400 - ".
    pub label: &'static str,
    pub code: &'static str,
    /// What in the preset triggers the scenario in the konaplate sandbox.
    pub trigger: Text,
    /// Preset charge body. Its sequenceId is a placeholder unless `fresh_sequence_id` is false.
    pub body: &'static str,
    /// Replace the preset's sequenceId with a new unique one before sending.
    pub fresh_sequence_id: bool,
}

impl Scenario {
    /// The label as the page lists it, e.g. `400 - Franchise error`.
    pub fn display_label(&self) -> String {
        format!("{} - {}", self.http, self.label)
    }

    /// The preset breaks a documented bound on purpose (a negative test): clients that refuse
    /// invalid requests must be told to send it anyway.
    pub fn negative_test(&self) -> bool {
        crate::validate::validate_body(&CHARGE_ENDPOINT, self.body)
            .iter()
            .any(|v| v.severity == crate::violation::Severity::Error)
    }
}

macro_rules! charge_body {
    ($seq:literal, $user:literal, $amount:literal, $ott:literal, $dcvv:literal, $merchant:literal) => {
        concat!(
            "{\"sequenceId\":\"",
            $seq,
            "\",\"userId\":",
            $user,
            ",\"amount\":",
            $amount,
            ",\"oneTimeToken\":\"",
            $ott,
            "\",\"dcvv\":\"",
            $dcvv,
            "\",\"merchantId\":\"",
            $merchant,
            "\"}"
        )
    };
}

/// A preset that differs from the success preset only in `userId`, a member the sandbox seeds
/// in the state the scenario needs.
macro_rules! member_scenario {
    ($id:literal, $label:literal, $code:literal, $user:literal, $en:literal, $ko:literal) => {
        Scenario {
            id: $id,
            http: 400,
            label: $label,
            code: $code,
            trigger: t($en, $ko),
            body: charge_body!("SEQ-PRESET", $user, "10000", "1111222233334444", "123", "123456789012345"),
            fresh_sequence_id: true,
        }
    };
}

/// The 13 "Test Data" scenarios, in the order and with the labels the page prints.
pub static SCENARIOS: &[Scenario] = &[
    Scenario {
        id: "success",
        http: 200,
        label: "Test succeeded",
        code: "000_000",
        trigger: t(
            "Member 1234567890123456789 with a registered account charges 10000 won.",
            "계좌가 등록된 회원 1234567890123456789가 10000원을 충전합니다.",
        ),
        body: charge_body!("SEQ-PRESET", "1234567890123456789", "10000", "1111222233334444", "123", "123456789012345"),
        fresh_sequence_id: true,
    },
    Scenario {
        id: "invalid-input",
        http: 400,
        label: "Invalid input parameter",
        code: "000_002",
        trigger: t("userId is 0, below its minimum of 1.", "userId가 최솟값 1보다 작은 0입니다."),
        body: charge_body!("SEQ-PRESET", "0", "10000", "1111222233334444", "123", "123456789012345"),
        fresh_sequence_id: true,
    },
    member_scenario!("no-account", "No account registered", "007_001", "9000000000000000001",
        "Member 9000000000000000001 has no registered bank account.",
        "회원 9000000000000000001은 등록된 계좌가 없습니다."),
    member_scenario!("benefit-mismatch",
        "The requested benefit information (incentive) and the benefit information to be applied at the time of charging are different",
        "007_002", "9000000000000000002",
        "Member 9000000000000000002's incentive changed between request and charge.",
        "회원 9000000000000000002의 인센티브가 요청과 충전 사이에 바뀌었습니다."),
    Scenario {
        id: "credit-limit",
        http: 400,
        label: "Refusal of approval due to exceeding the amount (limit) from Kona Card's approval server",
        code: "007_003",
        trigger: t(
            "amount 9999999999 exceeds the card's balance limit of 2000000 won.",
            "amount 9999999999가 카드 잔액 한도 2000000원을 넘습니다.",
        ),
        body: charge_body!("SEQ-PRESET", "1234567890123456789", "9999999999", "1111222233334444", "123", "123456789012345"),
        fresh_sequence_id: true,
    },
    member_scenario!("pg-withdraw-failure", "Failed to withdraw money from PG", "007_004", "9000000000000000004",
        "Member 9000000000000000004's PG fails every withdrawal.",
        "회원 9000000000000000004의 PG는 모든 출금에 실패합니다."),
    member_scenario!("charge-in-progress",
        "A request to charge the account is received while a charging transaction to the account is in progress.",
        "007_005", "9000000000000000005",
        "Member 9000000000000000005 already has an account charge in progress.",
        "회원 9000000000000000005는 이미 계좌 충전이 진행 중입니다."),
    member_scenario!("auto-charge-in-progress",
        "A request to charge the account is received while an auto charging transaction is in progress at the time of payment.",
        "007_006", "9000000000000000006",
        "Member 9000000000000000006 has an auto-charge at payment in progress.",
        "회원 9000000000000000006은 결제 시 자동 충전이 진행 중입니다."),
    Scenario {
        id: "amount-below-one",
        http: 400,
        label: "The amount requested to be charged is less than 0 won",
        code: "007_007",
        trigger: t("amount is 0.", "amount가 0입니다."),
        body: charge_body!("SEQ-PRESET", "1234567890123456789", "0", "1111222233334444", "123", "123456789012345"),
        fresh_sequence_id: true,
    },
    Scenario {
        id: "duplicate-sequence-id",
        http: 400,
        label: "A request was already made for the same seqId.",
        code: "007_008",
        trigger: t(
            "sequenceId SEQ-ALREADY-USED was charged before (the sandbox seeds it); any reused sequenceId does the same.",
            "sequenceId SEQ-ALREADY-USED는 이미 충전에 사용되었습니다(샌드박스가 미리 만들어 둠). 재사용한 모든 sequenceId가 같습니다.",
        ),
        body: charge_body!("SEQ-ALREADY-USED", "1234567890123456789", "10000", "1111222233334444", "123", "123456789012345"),
        fresh_sequence_id: false,
    },
    Scenario {
        id: "franchise-error",
        http: 400,
        label: "Franchise error",
        code: "007_901",
        trigger: t("merchantId 999999999999999 is not a known merchant.", "merchantId 999999999999999는 등록되지 않은 가맹점입니다."),
        body: charge_body!("SEQ-PRESET", "1234567890123456789", "10000", "1111222233334444", "123", "999999999999999"),
        fresh_sequence_id: true,
    },
    Scenario {
        id: "invalid-one-time-token",
        http: 400,
        label: "Attempt to change with invalid one-time token",
        code: "007_902",
        trigger: t("oneTimeToken 0000000000000000 was never issued.", "oneTimeToken 0000000000000000은 발급된 적이 없습니다."),
        body: charge_body!("SEQ-PRESET", "1234567890123456789", "10000", "0000000000000000", "123", "123456789012345"),
        fresh_sequence_id: true,
    },
    member_scenario!("bank-account-problem", "은행 계좌에 문제가 있음. 은행에 문의", "007_903", "9000000000000000009",
        "Member 9000000000000000009's bank reports a problem with the account.",
        "회원 9000000000000000009의 은행이 계좌에 문제가 있다고 알립니다."),
];

/// The scenario with this id.
pub fn scenario(id: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.id == id)
}

/// Everything in the catalog as one JSON document (CLI `catalog --json`, the JS `catalog()`).
pub fn export() -> serde_json::Value {
    serde_json::json!({
        "endpoints": ENDPOINTS,
        "headers": HEADERS,
        "codes": CODES,
        "scenarios": SCENARIOS,
        "notes": notes::ALL,
        "sandboxRules": sandbox::RULES,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_lists_every_table() {
        let doc = export();
        assert_eq!(doc["endpoints"].as_array().map(Vec::len), Some(ENDPOINTS.len()));
        assert_eq!(doc["codes"].as_array().map(Vec::len), Some(CODES.len()));
        assert_eq!(doc["scenarios"].as_array().map(Vec::len), Some(SCENARIOS.len()));
        assert!(doc["sandboxRules"].is_array());
    }

    #[test]
    fn thirteen_scenarios_with_the_seed_pages_labels_in_order() {
        let labels: Vec<String> = SCENARIOS.iter().map(Scenario::display_label).collect();
        assert_eq!(
            labels,
            [
                "200 - Test succeeded",
                "400 - Invalid input parameter",
                "400 - No account registered",
                "400 - The requested benefit information (incentive) and the benefit information to be applied at the time of charging are different",
                "400 - Refusal of approval due to exceeding the amount (limit) from Kona Card's approval server",
                "400 - Failed to withdraw money from PG",
                "400 - A request to charge the account is received while a charging transaction to the account is in progress.",
                "400 - A request to charge the account is received while an auto charging transaction is in progress at the time of payment.",
                "400 - The amount requested to be charged is less than 0 won",
                "400 - A request was already made for the same seqId.",
                "400 - Franchise error",
                "400 - Attempt to change with invalid one-time token",
                "400 - 은행 계좌에 문제가 있음. 은행에 문의",
            ]
        );
    }

    #[test]
    fn every_scenario_code_is_in_the_catalog_with_its_status() {
        for s in SCENARIOS {
            let c = code(s.code).unwrap_or_else(|| panic!("{} has unknown code {}", s.id, s.code));
            assert_eq!(c.http, s.http, "{}", s.id);
            assert!(CHARGE_ENDPOINT.codes.contains(&s.code), "{}", s.id);
        }
    }

    #[test]
    fn exactly_the_two_out_of_bounds_presets_are_negative_tests() {
        let negative: Vec<&str> = SCENARIOS.iter().filter(|s| s.negative_test()).map(|s| s.id).collect();
        assert_eq!(negative, ["invalid-input", "amount-below-one"]);
    }

    #[test]
    fn exactly_the_three_unprinted_scenarios_use_codes_of_ours() {
        let ours: Vec<&str> =
            SCENARIOS.iter().filter(|s| code(s.code).unwrap().provenance == Provenance::Ours).map(|s| s.id).collect();
        assert_eq!(ours, ["franchise-error", "invalid-one-time-token", "bank-account-problem"]);
    }

    #[test]
    fn every_preset_body_is_json_with_the_charge_fields_in_catalog_order() {
        for s in SCENARIOS {
            let v: serde_json::Value = serde_json::from_str(s.body).unwrap();
            let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
            let expected: Vec<&str> = CHARGE_ENDPOINT.request.iter().map(|f| f.name).collect();
            assert_eq!(keys, expected, "{}", s.id);
        }
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "duplicate {}", c.code);
            let b = c.code.as_bytes();
            assert!(b.len() == 7 && b[3] == b'_' && c.code.replace('_', "").bytes().all(|d| d.is_ascii_digit()));
            assert!(!c.meaning.en.is_empty() && !c.meaning.ko.is_empty());
        }
    }

    #[test]
    fn endpoints_are_found_by_id_and_path_and_every_code_they_list_exists() {
        for e in ENDPOINTS {
            assert_eq!(endpoint(e.id), Some(*e));
            assert_eq!(endpoint(e.path), Some(*e));
            for c in e.codes {
                assert!(code(c).is_some(), "{} lists unknown {c}", e.id);
            }
        }
        assert_eq!(
            CHARGE_ENDPOINT.url(SANDBOX_BASE_URL),
            "https://sandbox.konaplate.com/open-api/api/v1/recharges/by-bank-accounts/no-hce"
        );
    }

    #[test]
    fn sandbox_credentials_have_the_documented_lengths() {
        assert_eq!(sandbox::ASP_ID.chars().count(), header(ASP_ID).unwrap().documented_length);
        assert_eq!(sandbox::ACCESS_KEY.chars().count(), header(ACCESS_KEY).unwrap().documented_length);
    }

    #[test]
    fn headers_match_case_insensitively() {
        assert_eq!(header("x-km-tran-token").map(|h| h.name), Some(TRAN_TOKEN));
        assert_eq!(HEADERS.len(), 7);
    }
}
