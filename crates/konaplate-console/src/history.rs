//! This session's exchanges, in memory only (gone on reload), newest first. An entry keeps
//! what the response view shows: the request as sent (the access key by its length) and the
//! answer. The secret key is never part of an exchange.

use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};

use crate::exchange::Target;
use crate::text::Lang;

/// Most entries kept; older ones are dropped.
pub const LIMIT: usize = 50;

#[derive(Debug, Clone)]
#[cfg_attr(test, derive(PartialEq))]
pub struct Entry {
    /// X-KM-Tran-Time of the request (the moment it was signed).
    pub sent_at: String,
    pub target: Target,
    /// The URL it went to (the in-browser sandbox's is `har::IN_BROWSER_BASE`; the trunk proxy's
    /// is same-origin, `/kona-sandbox/…`).
    pub url: String,
    pub request: SandboxRequest,
    pub response: SandboxResponse,
    /// The plaintext of an encrypted request (its body went out as `{"encData"}`).
    pub plaintext: Option<String>,
}

impl Entry {
    /// One line for the history list, e.g. `20261125120000 · POST /api/… · HTTP 200 · 000_000`.
    #[inline(never)] // only after a send: the page's split leaves it out of the first load
    pub fn line(&self, lang: Lang) -> String {
        let code = if self.response.code.is_empty() { "-" } else { &self.response.code };
        format!(
            "{} · {} {} · {} · HTTP {} · {code}",
            self.sent_at,
            self.request.method,
            self.request.path,
            lang.pick(self.target.label()),
            self.response.status
        )
    }
}

#[derive(Debug, Default)]
pub struct History {
    entries: Vec<Entry>,
    /// Exchanges pushed so far (the list changes exactly when this does).
    pushed: usize,
}

impl History {
    pub fn push(&mut self, entry: Entry) {
        self.entries.insert(0, entry);
        self.entries.truncate(LIMIT);
        self.pushed += 1;
    }

    pub fn pushed(&self) -> usize {
        self.pushed
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: u16) -> Entry {
        Entry {
            sent_at: "20261125120000".into(),
            target: Target::InBrowser,
            url: String::new(),
            request: SandboxRequest { method: "POST".into(), path: "/p".into(), headers: vec![], body: "{}".into() },
            response: SandboxResponse { status: n, code: String::new(), headers: vec![], body: String::new() },
            plaintext: None,
        }
    }

    #[test]
    fn newest_first_and_bounded() {
        let mut h = History::default();
        for n in 0..(LIMIT as u16 + 5) {
            h.push(entry(n));
        }
        assert_eq!(h.entries().len(), LIMIT);
        assert_eq!(h.get(0).unwrap().response.status, LIMIT as u16 + 4);
        assert_eq!(
            h.get(0).unwrap().line(Lang::En),
            format!("20261125120000 · POST /p · In-browser sandbox (offline, no account) · HTTP {} · -", LIMIT + 4)
        );
        assert!(h.get(0).unwrap().line(Lang::Ko).contains("브라우저 안 샌드박스"));
    }
}
