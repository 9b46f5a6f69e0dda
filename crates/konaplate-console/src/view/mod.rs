//! The console's screen: elements built once from the catalog, and one [`View::render`] that
//! writes a [`State`] into them in the state's language. Every write goes through a change-only
//! output (`dom::Output`, `Value`, `Attr`, `ListOutput`), so rendering after each message costs
//! string comparisons where nothing changed. The DOM is never read back: controls carry
//! `data-act` and events carry their values into a `Msg` (see `events`).
//! Only `textContent` and attributes are set: nothing shown is ever parsed as HTML.

mod body;
mod build;
mod check;
mod code;
mod crypto;
mod deviations;
mod diagnose;
mod environment;
mod fields;
mod headers;
mod journey;
mod response;
mod send;
mod top;

use web_sys::{Document, HtmlElement, Node};

use crate::draft::Draft;
use crate::state::{Msg, State};
use crate::text::Lang;
use build::{Builder, Result, Texts};

/// What every part renders from.
pub struct Frame<'a> {
    pub state: &'a State,
    pub draft: &'a Draft,
    pub lang: Lang,
}

pub struct View {
    pub root: HtmlElement,
    texts: Texts,
    top: top::Top,
    pub crypto: crypto::Slot,
    body: body::Body,
    headers: headers::Headers,
    check: check::Check,
    send: send::Send,
    response: response::Response,
    code: code::Code,
    environment: environment::Environment,
    diagnose: diagnose::Diagnose,
    journey: journey::Journey,
    links: journey::Links,
}

impl View {
    /// Builds the console into `root`. `heading`: show the console's own heading; `scope`: the
    /// prefix of every id (see [`Builder`]).
    pub fn build(
        document: &Document,
        root: &Node,
        heading: bool,
        scope: &str,
        operations: &[&'static konaplate_core::catalog::Endpoint],
    ) -> Result<View> {
        let mut b = Builder::new(document, scope)?;
        let top_element: HtmlElement = b.cast(b.el("div", root, &[("class", "kp")]));
        let top = top::Top::build(&mut b, &top_element, heading, operations);
        let environment = environment::Environment::build(&mut b, &top_element);
        let crypto = crypto::Slot::build(&mut b, &top_element);
        let journey = journey::Journey::build(&mut b, &top_element);
        let body = body::Body::build(&mut b, &top_element);
        let headers = headers::Headers::build(&mut b, &top_element);
        let check = check::Check::build(&mut b, &top_element);
        let send = send::Send::build(&mut b, &top_element);
        let response = response::Response::build(&mut b, &top_element);
        let links = journey::Links::build(&mut b, &response.area);
        let code = code::Code::build(&mut b, &top_element);
        let diagnose = diagnose::Diagnose::build(&mut b, &top_element);
        Ok(View {
            root: top_element,
            texts: b.finish()?,
            top,
            crypto,
            body,
            headers,
            check,
            send,
            response,
            code,
            environment,
            diagnose,
            journey,
            links,
        })
    }

    /// Writes `state` (and the request drafted from it) into the page.
    pub fn render(&self, state: &State, draft: &Draft) {
        let f = Frame { state, draft, lang: state.lang };
        self.texts.render(f.lang);
        self.top.render(&f);
        self.crypto.render(&f);
        self.body.render(&f);
        self.headers.render(&f);
        self.check.render(&f);
        self.send.render(&f);
        self.response.render(&f);
        self.links.render(&f);
        self.code.render(&f);
        self.environment.render(&f);
        self.diagnose.render(&f);
        self.journey.render(&f);
    }

    /// Records a value the user typed, so the next render leaves the control alone.
    pub fn typed(&self, msg: &Msg) {
        match msg {
            Msg::AspId(v) | Msg::AccessKey(v) | Msg::Secret(v) => self.top.typed(msg, v),
            // The picker shows the pick; while a stub's fields load (or could not) the render puts
            // back the operation that is open.
            Msg::Endpoint(e, _) => self.top.picked(e.id),
            Msg::Body(v) => self.body.raw.typed(v),
            Msg::Field { path, edit: crate::form::Edit::Text(text) } => self.body.typed(path, text),
            Msg::Override { name, value } => self.headers.typed(name, value),
            Msg::ServerUrl(v) => self.send.server_url.typed(v),
            Msg::Variables(v) => self.environment.variables.typed(v),
            Msg::DiagnoseText(v) => self.diagnose.input.typed(v),
            _ => {}
        }
    }
}
