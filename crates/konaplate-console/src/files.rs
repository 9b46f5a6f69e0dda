//! Files in and out of the page (a download of text, a chosen file read) and the tab's
//! `sessionStorage` for "keep for this tab". Never `localStorage`.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Event, HtmlAnchorElement, HtmlInputElement, Storage, Url};

use crate::environments::SESSION_KEY;
use crate::state::Msg;

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// What "keep for this tab" left in this tab's `sessionStorage`, if anything.
pub fn session_profiles() -> Option<String> {
    session()?.get_item(SESSION_KEY).ok().flatten()
}

/// Keeps `text` in this tab's `sessionStorage` (`None`: removes it).
pub fn keep_profiles(text: Option<&str>) {
    let Some(storage) = session() else { return };
    let _ = match text {
        Some(text) => storage.set_item(SESSION_KEY, text),
        None => storage.remove_item(SESSION_KEY),
    };
}

/// Offers `text` as a file named `name` (a Blob URL clicked on a detached link, revoked a
/// moment later, once the browser has started the download).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("konaplate: no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into().map_err(|_| "konaplate: no link")?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    let window = web_sys::window().ok_or("konaplate: no window")?;
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1_000)?;
    Ok(())
}

/// Makes the message for a chosen file's text.
pub type FileMsg = fn(String) -> Msg;

/// A file chosen in one of the console's file inputs (a profile file to import; the encryption
/// panel reads its key files itself): the future of its text, read in memory only, and the
/// message that text becomes. `None` for any other event or when no file was chosen.
pub fn chosen(event: &Event) -> Option<(JsFuture, FileMsg)> {
    if event.type_() != "change" {
        return None;
    }
    let input = event.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let make: FileMsg = match input.get_attribute("data-act")?.as_str() {
        "import-profiles" => Msg::ImportProfiles,
        _ => return None,
    };
    let file = input.files()?.get(0)?;
    // The same file can be chosen again later.
    input.set_value("");
    Some((JsFuture::from(file.text()), make))
}
