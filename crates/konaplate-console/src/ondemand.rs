//! The console's one bridge to the page's on-demand Wasm modules (`crypto`: message encryption,
//! `diagnose`: the Diagnose panel, `sandbox`: the in-browser sandbox). `www/konaplate-try-it.js` hands over one loader through the
//! `loadModule` mount option: `loadModule(name)` returns a promise of the module's namespace,
//! fetched once per page and shared by every console.
//!
//! Every call is synchronous once loaded and goes through one path (`Function.apply`, whose
//! `Result` catches a thrown exception); every answer is text, fields separated by U+001F
//! (`ok␟…`, `error␟kind␟en␟ko`, or a module's own first field), so nothing throws through Wasm
//! frames and no JSON is parsed here.

use std::cell::RefCell;

use konaplate_core::text::Text;
use wasm_bindgen::prelude::*;

/// Why a module call failed: `kind` (the module's own, or `module` when it did not answer) and
/// the reason in English and Korean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub kind: String,
    pub reason: Text<String>,
}

/// Where an on-demand module is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Module {
    #[default]
    Absent,
    Loading,
    Ready,
    Failed,
}

/// The field separator of every answer.
pub const SEP: char = '\u{1f}';

thread_local! {
    /// The host's loader (`loadModule` option).
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The loaded modules' namespace objects, by name.
    static MODULES: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Remembers the host's loader (the first one given wins; one set of modules per page).
pub fn set_loader(loader: Option<js_sys::Function>) {
    LOADER.with(|l| {
        let mut l = l.borrow_mut();
        if l.is_none() {
            *l = loader;
        }
    });
}

/// Module `name`'s namespace object once loaded (the in-browser sandbox is handed the crypto
/// module's, to enforce encryption through it).
pub fn module(name: &str) -> Option<JsValue> {
    MODULES.with(|m| m.borrow().iter().find(|(n, _)| *n == name).map(|(_, module)| module.clone()))
}

/// Loads module `name` (once per page): whether it is there now. `false` when there is no
/// loader or the load failed (a later call tries again: the page's loader forgets a failure).
pub async fn load(name: &'static str) -> bool {
    if module(name).is_some() {
        return true;
    }
    let Some(promise) = LOADER.with(|l| l.borrow().as_ref().and_then(|f| f.call1(&JsValue::NULL, &name.into()).ok()))
    else {
        return false;
    };
    let Ok(loaded) = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise)).await else {
        return false;
    };
    MODULES.with(|m| {
        let mut m = m.borrow_mut();
        if !m.iter().any(|(n, _)| *n == name) {
            m.push((name, loaded));
        }
    });
    true
}

/// Calls export `export` of module `name`: its answer as sent, or `None` when the module is not
/// loaded, has no such export, threw, or answered something other than text.
pub fn answer(name: &str, export: &str, args: &[JsValue]) -> Option<String> {
    let module = module(name)?;
    let function: js_sys::Function = js_sys::Reflect::get(&module, &export.into()).ok()?.dyn_into().ok()?;
    function.apply(&module, &args.iter().collect()).ok()?.as_string()
}

/// [`answer`]'s fields, or `error␟module␟en␟ko` when there was none.
pub fn call(name: &str, export: &str, args: &[JsValue]) -> Vec<String> {
    fields(name, answer(name, export, args))
}

/// An answer of module `name` split into its fields, or `error␟module␟en␟ko` when there was none.
pub fn fields(name: &str, answer: Option<String>) -> Vec<String> {
    match answer {
        Some(text) => text.split(SEP).map(str::to_string).collect(),
        None => {
            let Why { kind, reason } = silent(name);
            vec!["error".into(), kind, reason.en, reason.ko]
        }
    }
}

/// Why a call of module `name` has no answer (it is not loaded, the export is missing, threw or
/// gave no text): the one wording of it.
pub fn silent(name: &str) -> Why {
    Why {
        kind: "module".into(),
        reason: Text::new(format!("the {name} module did not answer"), format!("{name} 모듈이 응답하지 않았습니다")),
    }
}

/// The fields after `ok`, or why not (`error␟kind␟en␟ko`; anything else is read as such).
pub fn result(mut answer: Vec<String>) -> Result<Vec<String>, Why> {
    if answer.first().is_some_and(|f| f == "ok") {
        answer.remove(0);
        return Ok(answer);
    }
    answer.resize(4, String::new());
    let ko = answer.pop().unwrap_or_default();
    let en = answer.pop().unwrap_or_default();
    Err(Why { kind: answer.pop().unwrap_or_default(), reason: Text::new(en, ko) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(text: &str) -> Vec<String> {
        text.split(SEP).map(str::to_string).collect()
    }

    #[test]
    fn ok_answers_give_their_fields_and_anything_else_a_reason() {
        assert_eq!(result(answer("ok\u{1f}a\u{1f}b")), Ok(vec!["a".into(), "b".into()]));
        let why = result(answer("error\u{1f}key\u{1f}bad key\u{1f}잘못된 키")).unwrap_err();
        assert_eq!(
            (why.kind.as_str(), why.reason.en.as_str(), why.reason.ko.as_str()),
            ("key", "bad key", "잘못된 키")
        );
        assert_eq!(result(answer("")).unwrap_err().kind, "");
    }
}
