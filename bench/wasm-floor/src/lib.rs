//! The floor of `js/bench/validate-sign.mjs` (built by `scripts/bench-js.sh`, never shipped):
//! what any Wasm module pays to read a request body through serde_json and sign it, with no rule
//! checked, no report built and `&str` arguments (the cheapest crossing wasm-bindgen has). Built
//! with the package's main-entry toolchain and profile, so the benchmark can say how much of the
//! package's time is the floor and how much is its own work.

use std::cell::RefCell;

use base64ct::{Base64, Encoding as _};
use hmac::{Hmac, KeyInit as _, Mac as _};
use serde::de::IgnoredAny;
use sha2::Sha256;
use wasm_bindgen::prelude::*;

// The module's global allocator, as in the package (talc).
use konaplate_wasm_alloc as _;

thread_local! {
    /// The HMAC keyed with the last secret, as the package caches it.
    static KEYED: RefCell<Option<(String, Hmac<Sha256>)>> = const { RefCell::new(None) };
}

/// HMAC-SHA256 of `body` under `secret`, Base64: the tran-token's MAC.
fn mac(secret: &str, body: &str) -> String {
    KEYED.with_borrow_mut(|keyed| {
        if keyed.as_ref().is_none_or(|(key, _)| key != secret) {
            // HMAC takes a key of any length.
            let fresh = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok();
            *keyed = fresh.map(|h| (secret.to_string(), h));
        }
        let Some((_, keyed)) = keyed.as_ref() else { return String::new() };
        let mut mac = keyed.clone();
        mac.update(body.as_bytes());
        Base64::encode_string(&mac.finalize().into_bytes())
    })
}

/// serde_json's streaming scan of `body` (every token read, nothing kept), then its MAC; `None`
/// when `body` is not JSON.
#[wasm_bindgen(js_name = scanAndSign)]
pub fn scan_and_sign(body: &str, secret: &str) -> Option<String> {
    serde_json::from_str::<IgnoredAny>(body).ok()?;
    Some(mac(secret, body))
}

/// The same over a whole `serde_json::Value` (numbers kept as their text, keys in order).
#[wasm_bindgen(js_name = parseAndSign)]
pub fn parse_and_sign(body: &str, secret: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(body).ok()?;
    Some(mac(secret, body))
}

/// The crossing alone: `body` in, a string as long as a MAC out (its first characters).
#[wasm_bindgen(js_name = crossOnly)]
pub fn cross_only(body: &str) -> String {
    body.chars().chain(std::iter::repeat('=')).take(44).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_signs_what_the_package_signs() {
        // RFC 4231 test case 2 (5bdcc146…64ec3843), in Base64.
        let body = "what do ya want for nothing?";
        assert_eq!(mac("Jefe", body), "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
        assert_eq!(scan_and_sign("{\"a\":[1,2]}", "k"), parse_and_sign("{\"a\":[1,2]}", "k"));
        assert_eq!(scan_and_sign("{\"a\":", "k"), None);
        assert_eq!(parse_and_sign("{} x", "k"), None);
        assert_eq!(cross_only("{}").len(), 44);
    }
}
