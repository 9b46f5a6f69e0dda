//! The core's `pattern` matched by JavaScript's own `RegExp` with the `u` flag, unanchored
//! (`test`), exactly as ajv matches it. The Wasm shells that load documents (the JS package, the
//! Try It page) call [`install`] first; the core still refuses, by name, every construct its
//! check refuses, before this matcher sees a pattern.
//!
//! Both calls into JavaScript are imports marked `catch`: a `SyntaxError` (or any other throw)
//! comes back as `None`, never as an exception through Wasm frames.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A JavaScript `RegExp` object.
    type RegExp;

    /// `RegExp(source, flags)`: the constructor called as a function builds a new one.
    #[wasm_bindgen(catch, js_name = RegExp)]
    fn compile(source: &str, flags: &str) -> Result<RegExp, JsValue>;

    #[wasm_bindgen(catch, method)]
    fn test(this: &RegExp, text: &str) -> Result<bool, JsValue>;
}

thread_local! {
    /// Compiled patterns with their source: the loaded documents' few patterns, compiled once
    /// each (a list: smaller in Wasm than a hash map, and as fast for a handful).
    static COMPILED: RefCell<Vec<(String, RegExp)>> = const { RefCell::new(Vec::new()) };
}

/// The [`konaplate_core::pattern::HostMatcher`]: whether `pattern` (flag `u`) matches anywhere in
/// `text`; `None` when `RegExp` refuses the pattern or throws.
pub fn matches(pattern: &str, text: &str) -> Option<bool> {
    COMPILED.with_borrow_mut(|compiled| {
        let at = match compiled.iter().position(|(source, _)| source == pattern) {
            Some(at) => at,
            None => {
                compiled.push((pattern.to_owned(), compile(pattern, "u").ok()?));
                compiled.len() - 1
            }
        };
        compiled[at].1.test(text).ok()
    })
}

/// Makes JavaScript's `RegExp` the core's pattern engine (once per module; later calls change
/// nothing).
pub fn install() {
    konaplate_core::pattern::use_host_matcher(matches);
}
