//! One console's in-browser sandbox, without the JavaScript boundary (tested natively; the
//! console's native tests drive it as the page drives the module).

use konaplate_core::catalog::{self, Endpoint};
use konaplate_core::sandbox::{MessageCrypto, Sandbox, SandboxConfig, SandboxRequest, SandboxResponse};
use konaplate_core::text::Text;

/// One console's sandbox: the core `Sandbox`, and whether it enforces message encryption.
pub struct Slot {
    /// Always `Some` between calls (taken only while it is armed).
    sandbox: Option<Sandbox>,
    armed: bool,
}

impl Slot {
    /// A fresh sandbox for one console (memory only): `seed` picks its random choices;
    /// `document` (an OpenAPI 3.1 document's JSON text, the console's `spec`) gives its
    /// operations instead of the built-in ones. A document that does not load is refused
    /// (the console loaded the same text already, so this does not happen in the page).
    pub fn open(seed: u64, document: Option<&str>) -> Result<Slot, Text<String>> {
        let operations: Vec<&'static Endpoint> = match document {
            Some(text) => catalog::load::load(text).map_err(|e| e.message)?.operations,
            None => catalog::ENDPOINTS.to_vec(),
        };
        Ok(Slot::with_operations(seed, operations))
    }

    /// A fresh sandbox answering `operations` (the console's native tests hand theirs over).
    pub fn with_operations(seed: u64, operations: Vec<&'static Endpoint>) -> Slot {
        let sandbox = Sandbox::new(SandboxConfig { secret_key: String::new(), seed }).with_operations(operations);
        Slot { sandbox: Some(sandbox), armed: false }
    }

    /// Whether it enforces message encryption (armed once, for good).
    pub fn armed(&self) -> bool {
        self.armed
    }

    /// Enforces message encryption with `crypto`, as `konaplate serve` does (core `with_crypto`).
    pub fn arm(&mut self, crypto: impl MessageCrypto + 'static) {
        if let Some(sandbox) = self.sandbox.take() {
            self.sandbox = Some(sandbox.with_crypto(crypto));
            self.armed = true;
        }
    }

    /// The answer to `request` at `now_ms`, verified with the `secret` the user typed (the
    /// sandbox plays the user's own project).
    pub fn send(&mut self, request: &SandboxRequest, now_ms: i64, secret: &str) -> Option<SandboxResponse> {
        let sandbox = self.sandbox.as_mut()?;
        sandbox.set_secret_key(secret);
        Some(sandbox.handle(request, now_ms))
    }

    /// Moves the clock forward by `ms` (refused beyond the core's bound or backwards: the
    /// clock stays); how far it runs ahead of real time now.
    pub fn advance(&mut self, ms: i64) -> i64 {
        if let Some(sandbox) = self.sandbox.as_mut() {
            let _ = sandbox.advance_clock(ms);
        }
        self.offset()
    }

    /// How far its clock runs ahead of real time.
    pub fn offset(&self) -> i64 {
        self.sandbox.as_ref().map_or(0, Sandbox::clock_offset_ms)
    }
}
