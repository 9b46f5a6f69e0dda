//! What the module shows of the console's state, from `show`'s second argument
//! (`encrypted␟request plaintext␟response body`: `1` or `0`, then the shown exchange's, empty
//! when there is none): the response decrypted from `encData` and the plaintext of a request
//! sent encrypted, in one block before the console's exchange (which keeps the bodies as they
//! went and came: the ciphertext stays in view), or why the response did not decrypt. Pure and
//! tested natively; `panel.rs` draws it.

use konaplate_core::text::Lang;

use crate::keys::Keys;
use crate::{text, SEP};

/// What [`read`] found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The operation is Encrypted (its body is sealed when the server key seals it).
    pub encrypted: bool,
    /// The shown response is an `{"encData"}` object (decrypted or not).
    pub enc_data: bool,
    /// The decrypted response and the request's plaintext, each under its title (empty: neither).
    pub block: String,
    /// Why the response did not decrypt, worded whole (empty: it did, or it is not `encData`).
    pub why: String,
}

/// Reads `shown` (see the module doc) under `keys`, worded in `lang`.
pub fn read(keys: &mut Keys, lang: Lang, shown: &str) -> Exchange {
    let mut parts = shown.splitn(3, SEP);
    let encrypted = parts.next() == Some("1");
    let plaintext = parts.next().unwrap_or_default();
    let body = parts.next().unwrap_or_default();
    let mut out = Exchange { encrypted, enc_data: crate::has_enc_data(body), ..Exchange::default() };
    let mut sections = Vec::new();
    if out.enc_data {
        match keys.opened(body) {
            Ok(opened) => sections.push((text::DECRYPTED, pretty(&opened))),
            Err(why) => out.why = why.reason.get(lang).to_string(),
        }
    }
    if !plaintext.is_empty() {
        sections.push((text::PLAINTEXT, pretty(plaintext)));
    }
    let sections: Vec<String> =
        sections.iter().map(|(title, body)| format!("── {} ──\n{body}", lang.pick(*title))).collect();
    out.block = sections.join("\n\n");
    out
}

/// JSON text pretty-printed in its own field order (anything else as it is).
fn pretty(body: &str) -> String {
    konaplate_core::json::read(body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::field;
    use konaplate_core::jwe::test_keys as k;

    fn to_client(plaintext: &str) -> String {
        crate::sandbox_seal(plaintext).split(SEP).nth(1).unwrap_or_default().to_string()
    }

    #[test]
    fn an_enc_data_response_is_shown_decrypted_with_the_plaintext_sent() {
        let mut keys = Keys::default();
        keys.input(field::TEST_KEYS, "");
        let body = to_client(r#"{"b":2,"a":1}"#);
        let shown = read(&mut keys, Lang::En, &format!("1{SEP}{{\"cardNo\":\"1\"}}{SEP}{body}"));
        assert!(shown.encrypted && shown.enc_data && shown.why.is_empty(), "{shown:?}");
        assert_eq!(
            shown.block,
            "── Response (decrypted from encData) ──\n{\n  \"b\": 2,\n  \"a\": 1\n}\n\n── Request plaintext (sent encrypted) ──\n{\n  \"cardNo\": \"1\"\n}"
        );
        let ko = read(&mut keys, Lang::Ko, &format!("0{SEP}{SEP}{body}"));
        assert!(!ko.encrypted && ko.block.starts_with("── 응답 (encData 복호화) ──\n{"), "{}", ko.block);
    }

    #[test]
    fn a_response_that_does_not_decrypt_says_why_and_a_plain_one_shows_nothing() {
        let mut keys = Keys::default();
        let body = to_client("{}");
        let shown = read(&mut keys, Lang::En, &format!("0{SEP}{SEP}{body}"));
        assert_eq!((shown.enc_data, shown.block.as_str()), (true, ""));
        assert_eq!(shown.why, "Could not decrypt the response (key): no client private key given.");
        keys.input(field::CLIENT_KEY, k::SERVER_PUBLIC_SPKI);
        let ko = read(&mut keys, Lang::Ko, &format!("0{SEP}{SEP}{body}"));
        assert!(ko.why.starts_with("응답을 복호화하지 못했습니다 (키): "), "{}", ko.why);
        keys.input(field::CLIENT_KEY, k::CLIENT_PRIVATE_PKCS8);
        assert!(read(&mut keys, Lang::En, &format!("0{SEP}{SEP}{body}")).why.is_empty(), "a key given: read again");
        for shown in ["", "1", &format!("0{SEP}{SEP}{{\"a\":\"encData\"}}")] {
            assert_eq!(read(&mut keys, Lang::En, shown).block, "", "{shown:?}");
            assert!(!read(&mut keys, Lang::En, shown).enc_data);
        }
    }
}
