//! The few JavaScript built-ins this module calls, declared here instead of through js-sys.
//!
//! Linking js-sys at all keeps an invoke shim for every closure signature its bindings declare
//! (its describe functions take their addresses, and wasm-bindgen leaves them in the function
//! table): 4.5 KB of code on the main entry that nothing calls. Its use here was a handful of
//! calls, each declared below with the same JavaScript behind it.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    /// An array this module made (`Array.from`, `Object.entries`), so reading it cannot throw.
    #[wasm_bindgen(js_name = Array)]
    pub type FreshArray;
    #[wasm_bindgen(method, getter, structural)]
    pub fn length(this: &FreshArray) -> u32;
    #[wasm_bindgen(method, structural, indexing_getter)]
    pub fn get(this: &FreshArray, index: u32) -> JsValue;

    /// A JS string, read without copying it into Wasm.
    #[wasm_bindgen(js_name = String)]
    pub type JsText;
    /// Its length in UTF-16 code units.
    #[wasm_bindgen(method, getter, structural)]
    pub fn length(this: &JsText) -> u32;

    /// `String(value)`: a number's text as `Number.prototype.toString()` writes it, a BigInt's
    /// decimal digits.
    #[wasm_bindgen(js_name = String)]
    pub fn text_of(value: &JsValue) -> String;
    /// `Number.isSafeInteger(value)`.
    #[wasm_bindgen(js_namespace = Number, js_name = isSafeInteger)]
    pub fn is_safe_integer(value: &JsValue) -> bool;
    /// `Object.is(a, b)`: for two strings, the same UTF-16 code units.
    #[wasm_bindgen(js_namespace = Object, js_name = is)]
    pub fn same_value(a: &JsValue, b: &JsValue) -> bool;
    /// `JSON.parse(text)`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn parse_json(text: &str) -> Result<JsValue, JsValue>;
    /// `Date.now()`.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    pub fn now() -> f64;
    /// `crypto.getRandomValues(bytes)` over the bytes in Wasm memory; throws (caught) where
    /// there is no Web Crypto.
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(bytes: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// Fills `bytes` from `crypto.getRandomValues`; `false` where there is none.
pub fn fill_random(bytes: &mut [u8]) -> bool {
    get_random_values(bytes).is_ok()
}

/// Whether the JS string `value` is well-formed UTF-16 (no lone surrogate), given `decoded`,
/// the Rust text wasm-bindgen made of it: decoding turns a lone surrogate into U+FFFD, so the
/// text round-trips to the same code units exactly when there was none.
pub fn is_well_formed(value: &JsValue, decoded: &str) -> bool {
    same_value(value, &JsValue::from_str(decoded))
}
