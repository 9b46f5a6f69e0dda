//! The floor of `js/bench/validate-sign.mjs` (built by `scripts/bench-js.sh`, never shipped):
//! what any Wasm module pays to read a request body through serde_json and sign it, with no rule
//! checked, no report built and `&str` arguments (the cheapest crossing wasm-bindgen has). Built
//! with the package's main-entry toolchain and profile, so the benchmark can say how much of the
//! package's time is the floor and how much is its own work.

use std::cell::RefCell;

use konaplate_core::sign::Signer;
use serde::de::IgnoredAny;
use wasm_bindgen::prelude::*;

// The module's global allocator, as in the package (talc).
use konaplate_wasm_alloc as _;

thread_local! {
    /// The core's keyed HMAC for the last secret, cached as the package caches it.
    static SIGNER: RefCell<Option<(String, Signer)>> = const { RefCell::new(None) };
}

/// Base64(HMAC-SHA256(secret, body)): the tran-token's MAC, by the core's `Signer`.
fn mac(secret: &str, body: &str) -> String {
    SIGNER.with_borrow_mut(|cached| match cached {
        Some((key, signer)) if key == secret => signer.mac_base64(body.as_bytes()),
        _ => cached.insert((secret.to_string(), Signer::new(secret.as_bytes()))).1.mac_base64(body.as_bytes()),
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
