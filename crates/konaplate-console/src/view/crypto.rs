//! The message encryption panel: key id, server key (paste or file), client private key (paste
//! or file), the sandbox's test keys, and the body as it goes on the wire. Shown for an
//! Encrypted operation and when the shown response carries `encData`. The keys are values of
//! form controls only (never attributes, text or storage).

use web_sys::Element;

use super::build::{Builder, Result};
use super::Frame;
use crate::dom::{Attr, Output, Value};
use crate::state::Outcome;
use crate::text;

pub struct Panel {
    hidden: Attr,
    status: Output,
    key_id: Value,
    pub server_key: Value,
    pub client_key: Value,
    test_keys: Output,
    wire_hidden: Attr,
    wire: Output,
}

impl Panel {
    pub fn build(b: &mut Builder, top: &Element) -> Result<Panel> {
        let set = b.el("fieldset", top, &[("class", "crypto")])?;
        b.text("legend", &set, &[], text::CRYPTO)?;
        let status = b.el("p", &set, &[("id", &b.id("crypto-status")), ("class", "hint")])?;
        let plain: &[(&str, &str)] = &[("autocomplete", "off"), ("spellcheck", "false")];
        let key_id =
            b.labelled(&set, "crypto-key-id", text::CRYPTO_KEY_ID, "input", &[("type", "text"), plain[0], plain[1]])?;
        let server_key =
            b.labelled(&set, "server-key", text::SERVER_KEY, "textarea", &[("rows", "3"), plain[0], plain[1]])?;
        b.labelled(&set, "server-key-file", text::SERVER_KEY_FILE, "input", &[("type", "file")])?;
        let client_key =
            b.labelled(&set, "client-key", text::CLIENT_KEY, "textarea", &[("rows", "3"), plain[0], plain[1]])?;
        b.labelled(&set, "client-key-file", text::CLIENT_KEY_FILE, "input", &[("type", "file")])?;
        let test_keys = b.el("p", &set, &[("class", "hint")])?;
        b.text("button", &set, &[("type", "button"), ("data-act", "test-keys")], text::TEST_KEYS)?;
        let wire_row = b.el("div", &set, &[])?;
        b.text("h3", &wire_row, &[], text::WIRE)?;
        let wire = b.el("pre", &wire_row, &[("id", &b.id("wire-body")), ("tabindex", "0")])?;
        Ok(Panel {
            hidden: Attr::new(&set, "hidden"),
            status: Output::new(status),
            key_id: Value::new(key_id),
            server_key: Value::new(server_key),
            client_key: Value::new(client_key),
            test_keys: Output::new(test_keys),
            wire_hidden: Attr::new(&wire_row, "hidden"),
            wire: Output::new(wire),
        })
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        let encrypted = s.endpoint.encrypted;
        let shown_enc_data = matches!(&s.outcome, Outcome::Shown(e) if e.opened.is_some());
        self.hidden.flag(!(encrypted || shown_enc_data));
        self.status.show(&s.crypto.status(encrypted, lang));
        self.key_id.show(&s.crypto.key_id);
        self.server_key.show(&s.crypto.server_key);
        self.client_key.show(&s.crypto.client_key);
        let ids = s.crypto.test_key_ids.as_ref().map(|(server, client)| text::test_keys(server, client));
        self.test_keys.show(ids.unwrap_or_default().get(lang));
        let wire = s.crypto.wire().filter(|_| encrypted);
        self.wire_hidden.flag(wire.is_none());
        self.wire.show(wire.unwrap_or_default());
    }

    pub fn typed(&self, act: &str, value: &str) {
        match act {
            "server" => self.server_key.typed(value),
            "client" => self.client_key.typed(value),
            _ => self.key_id.typed(value),
        }
    }
}
