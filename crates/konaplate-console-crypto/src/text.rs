//! The encryption panel's texts, in English and Korean (the console carries none of them), and what
//! the module places in the console's areas.

use konaplate_core::text::{t, Text};

pub const CRYPTO: Text = t("Message encryption (keys in memory only)", "메시지 암호화 (키는 메모리에만 보관)");
pub const CRYPTO_KEY_ID: Text = t("Crypto key id (X-KM-Crypto-Key-Id)", "암호화 키 ID (X-KM-Crypto-Key-Id)");
pub const SERVER_KEY: Text = t("Server public key or certificate (PEM)", "서버 공개 키 또는 인증서 (PEM)");
pub const SERVER_KEY_FILE: Text = t("Server key from a file", "파일에서 서버 키");
pub const CLIENT_KEY: Text = t("Client private key (PEM, decrypts responses)", "클라이언트 개인 키 (PEM, 응답 복호화)");
pub const CLIENT_KEY_FILE: Text = t("Client private key from a file", "파일에서 클라이언트 개인 키");
pub const TEST_KEYS: Text = t("Use the sandbox test keys", "샌드박스 테스트 키 사용");
pub const WIRE: Text = t("Sent body (the JWE of the body above)", "보내는 본문 (위 본문의 JWE)");
pub const CRYPTO_READY: Text = t("Encryption module loaded.", "암호화 모듈을 불러왔습니다.");
pub const CRYPTO_NO_KEY: Text = t(
    "No server key: the body goes in plain JSON (000_911 from konaplate serve and KONA PLATE).",
    "서버 키가 없어 본문을 평문 JSON으로 보냅니다(konaplate serve와 KONA PLATE는 000_911).",
);
pub const CRYPTO_SEALED: Text = t(
    "The body is encrypted (RSA-OAEP-256 + A128GCM); the tran-token signs the encData wrapper.",
    "본문을 암호화했습니다(RSA-OAEP-256 + A128GCM). tran-token은 encData 래퍼에 서명합니다.",
);
pub const CRYPTO_NOT_SEALED: Text = t("Not encrypted", "암호화하지 못했습니다");
pub const CLIENT_KEY_OK: Text = t("Client key:", "클라이언트 키:");
pub const CLIENT_KEY_BAD: Text = t("Client key refused", "클라이언트 키를 쓸 수 없습니다");
pub const NO_CLIENT_KEY: Text = t("no client private key given", "클라이언트 개인 키가 없습니다");
pub const DECRYPT_FAILED: Text = t("Could not decrypt the response", "응답을 복호화하지 못했습니다");
pub const NOT_UTF8: Text = t("the decrypted body is not UTF-8 text", "복호화한 본문이 UTF-8 텍스트가 아닙니다");
// Shown in the console's own areas (the module places them): the exchange's titles, the HMAC note.
pub const DECRYPTED: Text = t("Response (decrypted from encData)", "응답 (encData 복호화)");
pub const PLAINTEXT: Text = t("Request plaintext (sent encrypted)", "요청 평문 (암호화해서 보냄)");
pub const HMAC_COVERS: Text = t(
    "The HMAC covers the encData wrapper exactly as sent, not the plaintext.",
    "HMAC는 평문이 아니라 보내는 그대로의 encData 래퍼에 대한 값입니다.",
);
pub const WHY_WRONG_KEY: Text = t("wrong key", "잘못된 키");
pub const WHY_TAMPERED: Text = t("tampered", "변조됨");
pub const WHY_UNSUPPORTED: Text = t("unsupported alg/enc", "지원하지 않는 alg/enc");
pub const WHY_KEY: Text = t("key", "키");
pub const WHY_MALFORMED: Text = t("malformed", "형식 오류");

/// The sandbox's test key ids, under the key fields.
pub fn test_keys(server: &str, client: &str) -> Text<String> {
    Text::new(
        format!("In-browser sandbox and konaplate serve: server key id {server}, client key id {client} (published test keys)."),
        format!("브라우저 안 샌드박스와 konaplate serve: 서버 키 ID {server}, 클라이언트 키 ID {client} (공개된 테스트 키)."),
    )
}
