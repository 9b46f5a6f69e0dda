//! JavaScript values to JSON text, without `JSON.stringify`'s silent losses: a BigInt keeps all
//! its digits, a number beyond 2^53 - 1 is reported (its digits are already gone), a lone
//! surrogate, a Symbol, a function or a cycle is refused with the path where it was found.

use crate::js::{self, FreshArray};
use konaplate_core::violation::{Kind, Severity, Violation};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Deepest nesting accepted; deeper (or cyclic) input is refused.
pub const MAX_DEPTH: usize = 64;
/// Most items read from one array (a sparse `length` of 2^32 - 1 must not loop for minutes).
pub const MAX_ITEMS: u32 = 1 << 20;

// Every look into a caller's object goes through an import marked `catch`: a throwing getter,
// Proxy trap or iterator becomes a `Refused` (a JS `Error` with our message) instead of a JS
// exception unwinding through Wasm frames, which would skip their epilogues, leak the shadow
// stack and eventually break the instance. Arrays these return are fresh, so reading them is safe.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_checked(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from_checked(value: &JsValue) -> Result<FreshArray, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn entries_checked(value: &JsValue) -> Result<FreshArray, JsValue>;
    /// `Uint8Array.from(value)`, copied into Wasm.
    #[wasm_bindgen(catch, js_namespace = Uint8Array, js_name = from)]
    fn bytes_from_checked(value: &JsValue) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn get_checked(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
}

fn threw(path: &str) -> Refused {
    Refused(format!("reading {path} threw (a getter, Proxy trap or iterator of the value); pass plain data"))
}

/// `Array.isArray(value)`, refusing a revoked Proxy.
pub fn is_array(value: &JsValue, path: &str) -> Result<bool, Refused> {
    is_array_checked(value).map_err(|_| threw(path))
}

/// Refuses an array-like whose `length` is not a number up to [`MAX_ITEMS`].
fn bounded_length(value: &JsValue, path: &str) -> Result<(), Refused> {
    let length = get_checked(value, &JsValue::from_str("length")).map_err(|_| threw(path))?;
    match length.as_f64() {
        Some(n) if n <= f64::from(MAX_ITEMS) => Ok(()),
        _ => Err(Refused(format!("{path} must be an array of at most {MAX_ITEMS} items"))),
    }
}

/// The items of an array, read once through `Array.from`.
pub fn items(value: &JsValue, path: &str) -> Result<Vec<JsValue>, Refused> {
    bounded_length(value, path)?;
    let array = array_from_checked(value).map_err(|_| threw(path))?;
    Ok((0..array.length()).map(|i| array.get(i)).collect())
}

/// The own enumerable string-keyed properties of an object, read once through `Object.entries`.
pub fn entries(value: &JsValue, path: &str) -> Result<Vec<(String, JsValue)>, Refused> {
    let entries = entries_checked(value).map_err(|_| threw(path))?;
    Ok((0..entries.length())
        .map(|i| {
            let pair: FreshArray = entries.get(i).unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect())
}

/// `object[key]`, refusing a throwing getter.
pub fn property(object: &JsValue, key: &str, path: &str) -> Result<JsValue, Refused> {
    get_checked(object, &JsValue::from_str(key)).map_err(|_| threw(path))
}

/// The bytes of a Uint8Array or an array of numbers.
pub fn bytes(value: &JsValue, path: &str) -> Result<Vec<u8>, Refused> {
    if !value.is_object() {
        return Err(Refused(format!("{path} must be a Uint8Array or an array of numbers")));
    }
    bounded_length(value, path)?;
    bytes_from_checked(value).map_err(|_| threw(path))
}

/// A refused input: the message names the path and the reason.
pub struct Refused(pub String);

/// A converted value as JSON text, and the precision violations found on the way.
pub struct Converted {
    pub text: String,
    pub violations: Vec<Violation>,
}

pub fn unsafe_number(path: &str, shown: &str) -> Violation {
    let expected = "an exact integer: a string of digits or a BigInt";
    Violation::in_body(path, Kind::LostDigits { shown: shown.into() }, Severity::Error, expected, shown)
}

/// A JS string as Rust text, refusing lone surrogates (they cannot become UTF-8 unchanged).
pub fn text(value: &JsValue, path: &str) -> Result<Option<String>, Refused> {
    let Some(text) = value.as_string() else { return Ok(None) };
    // Decoding turns a lone surrogate into U+FFFD, so only then is the (per-character, slow)
    // UTF-16 check needed; a real U+FFFD in the input passes it.
    if holds_replacement_character(&text) && !js::is_well_formed(value, &text) {
        return Err(Refused(format!(
            "{path} contains a lone surrogate (invalid UTF-16); it cannot be sent as UTF-8 unchanged"
        )));
    }
    Ok(Some(text))
}

/// Whether `text` holds U+FFFD, which a lone surrogate decodes to (a byte search: smaller in
/// the module than `str::contains` with a `char`).
pub fn holds_replacement_character(text: &str) -> bool {
    const FFFD: &[u8] = "\u{FFFD}".as_bytes();
    text.as_bytes().windows(FFFD.len()).any(|w| w == FFFD)
}

/// Exact decimal text for a JS number or BigInt, or the violation that says digits were lost.
pub fn integer_text(value: &JsValue, path: &str) -> Result<Option<String>, Box<Violation>> {
    if value.is_bigint() {
        return Ok(Some(js::text_of(value)));
    }
    let Some(n) = value.as_f64() else { return Ok(None) };
    let shown = js::text_of(value);
    if !n.is_finite() || (n.fract() == 0.0 && !js::is_safe_integer(value)) {
        return Err(Box::new(unsafe_number(path, &shown)));
    }
    Ok(Some(shown))
}

pub fn convert(value: &JsValue) -> Result<Converted, Refused> {
    let (mut text, mut violations) = (String::new(), Vec::new());
    write(value, "$", 0, &mut text, &mut violations)?;
    Ok(Converted { text, violations })
}

/// Appends `value` to `out` as JSON text (what `JSON.stringify` writes, but for the losses it
/// would hide: see the module's comment).
fn write(
    value: &JsValue,
    path: &str,
    depth: usize,
    out: &mut String,
    violations: &mut Vec<Violation>,
) -> Result<(), Refused> {
    if depth > MAX_DEPTH {
        return Err(Refused(format!("{path} nests deeper than {MAX_DEPTH} levels, or the object is cyclic")));
    }
    if value.is_null() {
        out.push_str("null");
        return Ok(());
    }
    if let Some(b) = value.as_bool() {
        out.push_str(if b { "true" } else { "false" });
        return Ok(());
    }
    if let Some(s) = text(value, path)? {
        konaplate_core::json::push_string(out, &s);
        return Ok(());
    }
    if value.as_f64().is_some() || value.is_bigint() {
        match integer_text(value, path) {
            Ok(Some(digits)) => out.push_str(&digits),
            Ok(None) => out.push_str("null"),
            Err(v) => {
                // Digits already lost: the number as JS writes it (`1e+21`); `null` for one that
                // JSON cannot write (NaN, Infinity).
                out.push_str(if value.as_f64().is_some_and(f64::is_finite) { &v.got } else { "null" });
                violations.push(*v);
            }
        }
        return Ok(());
    }
    if value.is_undefined() || value.is_symbol() || value.is_function() {
        let kind = if value.is_undefined() {
            "undefined"
        } else if value.is_symbol() {
            "a Symbol"
        } else {
            "a function"
        };
        return Err(Refused(format!("{path} is {kind}, which JSON cannot carry")));
    }
    if is_array(value, path)? {
        out.push('[');
        for (i, item) in items(value, path)?.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write(item, &format!("{path}[{i}]"), depth + 1, out, violations)?;
        }
        out.push(']');
        return Ok(());
    }
    if !value.is_object() {
        return Err(Refused(format!("{path} is not a JSON value")));
    }
    let mut object = konaplate_core::json::ObjectWriter::new(out);
    for (key, item) in entries(value, path)? {
        if item.is_undefined() {
            continue; // as JSON.stringify does
        }
        let child = konaplate_core::json::child_path(path, &key);
        write(&item, &child, depth + 1, object.key(&key), violations)?;
    }
    object.end();
    Ok(())
}
