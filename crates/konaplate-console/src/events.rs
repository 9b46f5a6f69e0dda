//! DOM events to messages. The console listens on its root only (one capturing listener per
//! event type, delegated): the element that fired names its action in `data-act` and the event carries its
//! value. Nothing else in the DOM is read.

use konaplate_core::catalog::{self, Endpoint};
use konaplate_core::snippets::Language;
use konaplate_core::time::TimeZone;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, KeyboardEvent};

use crate::dom;
use crate::exchange::Target;
use crate::form::Edit;
use crate::state::{Clock, Msg, Panel, Tab};
use crate::text::Lang;

/// The events the console listens to on its root (`toggle` does not bubble: the listeners
/// capture).
pub const EVENTS: [&str; 5] = ["input", "change", "click", "keydown", "toggle"];

/// A clock reading now (for messages that draft or send).
pub fn clock() -> Clock {
    Clock { epoch_ms: dom::now_ms(), random: dom::random_bytes() }
}

/// The control value an event carries (`value` of an input, a textarea or a select).
fn value(target: &Element) -> String {
    js_sys::Reflect::get(target, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// The message for `event`, if it is one the console acts on.
pub fn message(event: &Event, operations: &[&'static Endpoint]) -> Option<Msg> {
    if event.type_() == "keydown" {
        let key = event.dyn_ref::<KeyboardEvent>()?;
        if key.key() == "Enter" && (key.ctrl_key() || key.meta_key()) {
            event.prevent_default();
            return Some(Msg::Send(clock()));
        }
        return None;
    }
    let target = event.target()?.dyn_into::<Element>().ok()?.closest("[data-act]").ok()??;
    let act = target.get_attribute("data-act")?;
    let attr = |name: &str| target.get_attribute(name).unwrap_or_default();
    match (event.type_().as_str(), act.as_str()) {
        ("input", "asp-id") => Some(Msg::AspId(value(&target))),
        ("input", "access-key") => Some(Msg::AccessKey(value(&target))),
        ("input", "secret") => Some(Msg::Secret(value(&target))),
        ("input", "body") => Some(Msg::Body(value(&target))),
        ("input", "server-url") => Some(Msg::ServerUrl(value(&target))),
        ("input", "variables") => Some(Msg::Variables(value(&target))),
        ("input", "diagnose-input") => Some(Msg::DiagnoseText(value(&target))),
        ("change", "profile") => Some(Msg::Profile(value(&target))),
        ("change", "keep-for-tab") => target.dyn_ref::<HtmlInputElement>().map(|e| Msg::KeepForTab(e.checked())),
        ("click", "diagnose") => Some(Msg::Diagnose(clock())),
        ("click", "export-profiles") => Some(Msg::ExportProfiles),
        ("click", "export-har") => Some(Msg::ExportHar),
        // The encryption panel (the module's) changed: its own listener took the value in.
        ("change", "crypto") => Some(Msg::Crypto),
        ("input", "field") => Some(Msg::Field { path: attr("data-path"), edit: Edit::Text(value(&target)) }),
        ("change", "field-null") => {
            let on = target.dyn_ref::<HtmlInputElement>()?.checked();
            Some(Msg::Field { path: attr("data-path"), edit: Edit::Null(on) })
        }
        ("click", "field-add") => Some(Msg::Field { path: attr("data-path"), edit: Edit::Add }),
        ("click", "field-remove") => Some(Msg::Field { path: attr("data-path"), edit: Edit::Remove }),
        ("input", "override") => {
            let name = catalog::header(&attr("data-header"))?.name;
            Some(Msg::Override { name, value: value(&target) })
        }
        ("change", "language") => Lang::from_code(&value(&target)).map(Msg::Language),
        ("change", "endpoint") => {
            let id = value(&target);
            catalog::find(operations, &id).map(|e| Msg::Endpoint(e, clock()))
        }
        ("change", "scenario") => catalog::scenario(&value(&target)).map(|s| Msg::Scenario(s, clock())),
        ("change", "zone") => TimeZone::from_code(&value(&target)).map(Msg::Zone),
        ("change", "target") => Target::from_id(&value(&target)).map(Msg::Target),
        ("change", "snippet-language") => {
            value(&target).parse::<usize>().ok().and_then(|i| Language::ALL.get(i)).map(|l| Msg::SnippetLanguage(*l))
        }
        ("toggle", "panel") => {
            let open = js_sys::Reflect::get(&target, &"open".into()).ok()?.as_bool()?;
            Panel::from_id(&attr("data-panel")).map(|p| Msg::Panel(p, open))
        }
        ("change", "send-anyway") => target.dyn_ref::<HtmlInputElement>().map(|e| Msg::SendAnyway(e.checked())),
        ("click", "theme") => Some(Msg::ToggleTheme { system_dark: dom::system_dark() }),
        ("click", "clear") => Some(Msg::ClearCredentials),
        ("click", "form-tab") => Some(Msg::Tab(Tab::Form)),
        ("click", "raw-tab") => Some(Msg::Tab(Tab::Raw)),
        ("click", "send") => Some(Msg::Send(clock())),
        ("click", "prepare-inquiry") => Some(Msg::PrepareInquiry),
        ("click", "history") => attr("data-index").parse().ok().map(Msg::ShowHistory),
        ("click", "follow-link") => attr("data-index").parse().ok().map(|i| Msg::FollowLink(i, clock())),
        ("click", "fixture") => attr("data-index").parse().ok().map(Msg::Fixture),
        ("click", "test-case") => attr("data-index").parse().ok().map(Msg::TestCase),
        ("click", "journey-step") => attr("data-index").parse().ok().map(|i| Msg::JourneyStep(i, clock())),
        ("click", "advance-clock") => Some(Msg::AdvanceClock(clock())),
        _ => None,
    }
}
