//! One mounted console: its [`State`], its [`View`], and the loop between them. Every event
//! becomes a [`Msg`]; [`dispatch`] applies it with [`update`], renders the new state once, and
//! runs the effect (a fetch) if any. Several consoles can live on one page; each owns its state,
//! its listeners and its closures, and [`unmount`] releases them.

use std::cell::RefCell;
use std::rc::Rc;

use konaplate_core::sandbox::SandboxRequest;
use wasm_bindgen::JsValue;

use crate::crypto;
use crate::doctor;
use crate::dom::{self, Debounced, Listener};
use crate::events;
use crate::files;
use crate::permalink::Permalink;
use crate::state::{update, Effect, Msg, Start, State};
use crate::transport;
use crate::view::View;

pub struct Console {
    state: State,
    view: View,
    /// The root's delegated listeners (one per event type); dropping them removes them.
    listeners: Vec<Listener>,
    /// The permalink, written to the URL a moment after the last change (not per keystroke:
    /// `history.replaceState` is slow and rate-limited by browsers).
    fragment: Option<Debounced>,
    /// What "keep for this tab" last wrote to sessionStorage (written again only on a change).
    kept: RefCell<Option<String>>,
}

pub type Shared = Rc<RefCell<Console>>;

/// Builds a console into `root`, renders its first state and wires it. `scope`: the id prefix.
pub fn mount(
    document: &web_sys::Document,
    root: &web_sys::Node,
    start: Start,
    heading: bool,
    scope: &str,
) -> Result<Shared, JsValue> {
    let link = if start.permalink { dom::fragment().as_deref().and_then(Permalink::parse) } else { None };
    let state = State::new(&start, link, events::clock());
    let view = View::build(document, root, heading, scope, &state.operations)?;
    let fragment = state.permalink.then(|| Debounced::new(dom::replace_fragment));
    let kept = RefCell::new(files::session_profiles());
    let shared = Rc::new(RefCell::new(Console { state, view, listeners: Vec::new(), fragment, kept }));
    render(&shared.borrow());
    let root = shared.borrow().view.root.clone();
    let mut listeners = Vec::new();
    for event in events::EVENTS {
        let console = shared.clone();
        listeners.push(Listener::new(&root, event, move |e| {
            // An event fired by this console's own render (the console is borrowed) is not the
            // user's: the render already shows what it set.
            let Ok(current) = console.try_borrow() else { return };
            let msg = events::message(&e, &current.state.operations);
            drop(current);
            if let Some(msg) = msg {
                dispatch(&console, msg);
            } else if let Some((read, make)) = files::chosen(&e) {
                let console = console.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let text = read.await.ok().and_then(|t| t.as_string());
                    // An unmounted console has no listeners left: the file is dropped.
                    if let Some(text) = text.filter(|_| !console.borrow().listeners.is_empty()) {
                        dispatch(&console, make(text));
                    }
                });
            }
        })?);
    }
    shared.borrow_mut().listeners = listeners;
    root.set_attribute("data-ready", "true")?;
    let wanted = {
        let state = &mut shared.borrow_mut().state;
        state.crypto_wanted().or_else(|| state.operations_wanted())
    };
    run(&shared, wanted);
    Ok(shared)
}

/// The on-demand name of the built-in operations the first load has as stubs (`loadModule`
/// answers it with the text of `www/konaplate-operations.txt`).
const OPERATIONS: &str = "operations";

/// Removes the console from the page and releases its listeners and closures (which hold the
/// console: dropping them breaks that cycle).
pub fn unmount(shared: &Shared) {
    let mut console = shared.borrow_mut();
    console.listeners.clear();
    console.fragment = None;
    console.view.root.remove();
}

fn render(console: &Console) {
    let draft = console.state.draft(events::clock());
    console.view.render(&console.state, &draft);
    if let Some(fragment) = &console.fragment {
        fragment.set(console.state.link().fragment());
    }
    // "Keep for this tab": sessionStorage only, and only while the user opted in.
    let environments = &console.state.environments;
    let keep = environments.keep_for_tab.then(|| environments.session_text());
    if *console.kept.borrow() != keep {
        files::keep_profiles(keep.as_deref());
        *console.kept.borrow_mut() = keep;
    }
}

/// Applies `msg`, renders once, and starts a fetch if the update asks for one.
pub fn dispatch(shared: &Shared, msg: Msg) {
    let effect = {
        let mut console = shared.borrow_mut();
        console.view.typed(&msg);
        let effect = update(&mut console.state, msg);
        render(&console);
        effect
    };
    run(shared, effect);
}

/// Runs an effect: a download at once; a fetch (a send, or "+5 min" on a server), or loading a
/// module, whose outcome comes back as a message.
fn run(shared: &Shared, effect: Option<Effect>) {
    let Some(effect) = effect else { return };
    if let Effect::Download { name, mime, text } = &effect {
        let _ = files::download(name, mime, text);
        return;
    }
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let msg = match effect {
            Effect::Fetch(flight) => match transport::send(&flight.url, &flight.request).await {
                Ok(response) => Msg::Answered(response),
                Err(failure) => Msg::Failed(failure),
            },
            // One load (one await) for both modules.
            Effect::LoadCrypto | Effect::LoadDiagnose => {
                let is_crypto = matches!(effect, Effect::LoadCrypto);
                let loaded = crate::ondemand::load(if is_crypto { crypto::bridge::NAME } else { doctor::NAME }).await;
                if is_crypto {
                    let place = loaded.then(|| shared.borrow().view.crypto.place());
                    Msg::CryptoLoaded(
                        place.and_then(|(slot, scope)| crypto::bridge::panel(slot, scope)).map(crypto::Loaded),
                    )
                } else {
                    Msg::DiagnoseLoaded(doctor::loaded(loaded))
                }
            }
            Effect::LoadOperations => {
                let loaded = crate::ondemand::load(OPERATIONS).await;
                let text = loaded.then(|| crate::ondemand::answer(OPERATIONS, "text", &[])).flatten();
                Msg::OperationsLoaded(text.is_some_and(|text| konaplate_core::catalog::deferred::install(&text)))
            }
            Effect::LoadSandbox { seed, document } => {
                Msg::SandboxLoaded(crate::sandbox::bridge::load(seed, document).await)
            }
            Effect::MoveServerClock { url, body } => {
                let json = || "application/json".to_string();
                let headers = vec![("Content-Type".into(), json()), ("Accept".into(), json())];
                let request = SandboxRequest { method: "POST".into(), path: String::new(), headers, body };
                let answer = transport::send(&url, &request).await.map(|r| (r.status, r.body));
                Msg::ServerClockAnswered { url, answer }
            }
            Effect::Download { .. } => return,
        };
        // An unmounted console has no listeners left: its answer is dropped.
        if !shared.borrow().listeners.is_empty() {
            dispatch(&shared, msg);
        }
    });
}
