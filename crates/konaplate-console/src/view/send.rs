//! Where to send, the server URL, the Send button and "Send anyway".

use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::dom::{Attr, Checked, Output, Value};
use crate::exchange::Target;
use crate::text;

pub struct Send {
    target: Value,
    pub server_url: Value,
    server_url_row: Attr,
    label: Output,
    disabled: Attr,
    busy: Attr,
    anyway: Checked,
}

impl Send {
    pub fn build(b: &mut Builder, top: &Element) -> Send {
        let row = b.el("div", top, &[("class", "actions")]);
        let target = b.labelled(&row, "target", text::SEND_TO, "select", &[]);
        for t in Target::ALL {
            let option = b.option(&target, t.id(), "");
            b.texts_for(option, t.label());
        }
        let server_url =
            b.labelled(&row, "server-url", text::SERVER_URL, "input", &[("type", "url"), ("spellcheck", "false")]);
        let server_url_row = b.parent(&server_url);
        let buttons = b.el("div", &row, &[("class", "send")]);
        let send = b.el(
            "button",
            &buttons,
            &[("type", "button"), ("id", &b.id("send")), ("class", "primary"), ("data-act", "send")],
        );
        let anyway_label = b.el("label", &buttons, &[("class", "inline")]);
        let anyway = b.el(
            "input",
            &anyway_label,
            &[("type", "checkbox"), ("id", &b.id("send-anyway")), ("data-act", "send-anyway")],
        );
        b.text("span", &anyway_label, &[], text::SEND_ANYWAY);
        Send {
            target: Value::new(target),
            server_url: Value::new(server_url),
            server_url_row: Attr::new(&server_url_row, "hidden"),
            disabled: Attr::new(&send, "disabled"),
            label: Output::new(send),
            busy: Attr::new(top, "aria-busy"),
            anyway: Checked::new(b.cast(anyway)),
        }
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        self.target.show(s.target.id());
        self.server_url.show(&s.server_url);
        self.server_url_row.flag(s.target != Target::Server);
        let flying = s.in_flight.is_some();
        self.disabled.flag(flying);
        self.busy.show(flying.then_some("true"));
        if flying {
            self.label.show(lang.pick(text::SENDING));
        } else {
            self.label.show(&format!("{} (Ctrl+Enter)", lang.pick(s.target.send_label())));
        }
        self.anyway.show(s.send_anyway);
    }
}
