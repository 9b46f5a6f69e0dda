//! The konaplate sandbox: KONA PLATE's charge flow simulated in memory, deterministically.
//!
//! Time (`now_ms`) and randomness (`SandboxConfig::seed`) are inputs, so a scenario replays
//! identically in a test, in the browser console and behind `konaplate serve`. Every request
//! passes the checks a real server makes (see [`gate`]) before business logic (see [`flow`]).

mod crypto;
pub mod fixtures;
mod flow;
mod gate;
pub mod invariants;
mod journey;
pub mod ledger;
mod reply;
pub mod state;

use serde::{Deserialize, Serialize};

pub use crypto::{Fill, MessageCrypto, SandboxCrypto};
pub use flow::example_body;
pub use reply::Reply;
use state::State;

use crate::catalog::{self, Code, Endpoint, Simulator};
use crate::text::Text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxConfig {
    /// The sandbox project's secret key: tran-tokens are verified with it.
    pub secret_key: String,
    /// Seed of every generated id (nrNumber, one-time tokens).
    pub seed: u64,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("seed", &self.config.seed)
            .field("secret_key", &"<redacted>")
            .field("explain_signatures", &self.explain_signatures)
            .field("crypto", &self.crypto)
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxRequest {
    pub method: String,
    /// The API path, with or without the `/open-api` prefix of the real sandbox host.
    pub path: String,
    pub headers: Vec<(String, String)>,
    /// The body exactly as received: the tran-token is checked over these bytes.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxResponse {
    pub status: u16,
    /// `response.code` of the body, for logs and summaries without re-parsing.
    pub code: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl SandboxResponse {
    /// A response for a reply, echoing the request's correlation id as the real API does.
    pub fn from_reply(reply: &Reply, correlation_id: Option<&str>) -> SandboxResponse {
        let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        if let Some(id) = correlation_id {
            headers.push((catalog::CORRELATION_ID.to_string(), id.to_string()));
        }
        let body = serde_json::to_string(&reply.body).unwrap_or_else(|_| "{}".to_string());
        SandboxResponse { status: reply.status, code: reply.code().to_string(), headers, body }
    }
}

/// The largest single clock step: 30 days.
pub const MAX_CLOCK_STEP_MS: i64 = 30 * 24 * 3_600_000;

/// Why the clock did not move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockError {
    Backwards { ms: i64 },
    TooFar { ms: i64 },
}

impl ClockError {
    /// The reason in English and Korean, naming the field and the rule.
    pub fn explain(self) -> Text<String> {
        match self {
            ClockError::Backwards { ms } => Text::new(
                format!("advanceMs is {ms}: the sandbox clock only moves forward (0 or more)."),
                format!("advanceMs가 {ms}입니다. 샌드박스 시계는 앞으로만 움직입니다(0 이상)."),
            ),
            ClockError::TooFar { ms } => Text::new(
                format!("advanceMs is {ms}: one step moves the clock at most {MAX_CLOCK_STEP_MS} ms (30 days)."),
                format!("advanceMs가 {ms}입니다. 한 번에 최대 {MAX_CLOCK_STEP_MS}ms(30일)까지 움직일 수 있습니다."),
            ),
        }
    }
}

pub struct Sandbox {
    config: SandboxConfig,
    state: State,
    /// The operations it answers: the built-in document's, or a loaded document's.
    operations: Vec<&'static Endpoint>,
    explain_signatures: bool,
    /// With keys, operations marked Encrypted require `{"encData"}` and responses marked for
    /// response encryption are encrypted; without (the default), plain bodies pass as before.
    crypto: Option<Box<dyn MessageCrypto>>,
}

/// The built-in endpoint a request path names, with or without the `/open-api` prefix.
pub fn route(path: &str) -> Option<&'static Endpoint> {
    route_in(catalog::operations(), path)
}

fn route_in(operations: &[&'static Endpoint], path: &str) -> Option<&'static Endpoint> {
    let path = path.split('?').next().unwrap_or_default();
    let path = path.strip_prefix("/open-api").unwrap_or(path);
    operations.iter().copied().find(|e| e.path == path)
}

impl Sandbox {
    /// A sandbox in its documented starting state.
    ///
    /// A failed signature (`000_903`) is explained with the expected HMAC: right where the
    /// caller already holds the secret (the in-browser sandbox); a server reachable by others
    /// turns that off with [`Sandbox::explain_signatures`].
    pub fn new(config: SandboxConfig) -> Sandbox {
        Sandbox::with_state(config, State::seeded())
    }

    /// A sandbox resuming from a saved state (see [`Sandbox::state`]).
    pub fn with_state(config: SandboxConfig, state: State) -> Sandbox {
        Sandbox { config, state, operations: catalog::ENDPOINTS.to_vec(), explain_signatures: true, crypto: None }
    }

    /// Answers the operations of a loaded document (see [`catalog::load`]) instead of the
    /// built-in ones: those with a simulator behave as the built-in charge flow does, the others
    /// as a mock server that validates everything and answers a documented example.
    pub fn with_operations(mut self, operations: Vec<&'static Endpoint>) -> Sandbox {
        self.operations = operations;
        self
    }

    /// Whether a `000_903` answer gives the HMAC expected over the received body. That HMAC is a
    /// valid signature for the body, so with it on, anyone who can send requests can get any
    /// body signed (a signing oracle): keep it on only where the caller holds the secret.
    pub fn explain_signatures(mut self, on: bool) -> Sandbox {
        self.explain_signatures = on;
        self
    }

    /// Enforces message encryption with these keys (`konaplate serve` does; the console's
    /// in-browser sandbox does not).
    pub fn with_crypto(mut self, crypto: impl MessageCrypto + 'static) -> Sandbox {
        self.crypto = Some(Box::new(crypto));
        self
    }

    /// The keys in force, if encryption is enforced.
    pub fn crypto(&self) -> Option<&dyn MessageCrypto> {
        self.crypto.as_deref()
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Replaces the project's secret key (the in-browser sandbox plays the user's project, so
    /// it verifies with whatever secret the user typed). The state is kept.
    pub fn set_secret_key(&mut self, secret_key: &str) {
        self.config.secret_key = secret_key.to_string();
    }

    /// Moves the sandbox's business clock forward by `ms` (pending charges settle, registrations
    /// advance, tokens expire as if that time had passed); returns the new offset from the real
    /// time. The clock never moves back: a negative `ms` is refused.
    pub fn advance_clock(&mut self, ms: i64) -> Result<i64, ClockError> {
        if ms < 0 {
            return Err(ClockError::Backwards { ms });
        }
        if ms > MAX_CLOCK_STEP_MS {
            return Err(ClockError::TooFar { ms });
        }
        let ledger = &mut self.state.journey;
        ledger.clock_offset_ms = ledger.clock_offset_ms.saturating_add(ms);
        Ok(ledger.clock_offset_ms)
    }

    /// How far the business clock runs ahead of the real time.
    pub fn clock_offset_ms(&self) -> i64 {
        self.state.journey.clock_offset_ms
    }

    /// Answers one request as KONA PLATE would, at the virtual time `now_ms`.
    pub fn handle(&mut self, request: &SandboxRequest, now_ms: i64) -> SandboxResponse {
        let correlation_id = request
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(catalog::CORRELATION_ID))
            .map(|(_, v)| v.as_str());
        let (reply, encrypt) = self.reply(request, now_ms);
        let mut response = SandboxResponse::from_reply(&reply, correlation_id);
        if let (true, Some(crypto)) = (encrypt, self.crypto.as_mut()) {
            response.body = crypto.seal_response(&response.body);
        }
        response
    }

    fn gate_secret(&self) -> gate::Secret<'_> {
        gate::Secret { key: self.config.secret_key.as_bytes(), explain_mismatch: self.explain_signatures }
    }

    /// The reply, and whether its body goes out encrypted (a business answer of an operation
    /// marked for response encryption; transport and encryption errors stay readable).
    fn reply(&mut self, request: &SandboxRequest, now_ms: i64) -> (Reply, bool) {
        let Some(endpoint) =
            route_in(&self.operations, &request.path).filter(|e| request.method.eq_ignore_ascii_case(e.method))
        else {
            let reply = Reply::error(
                Code::UnknownPath,
                None,
                Some(Text::new(
                    format!(
                        "No API at {} {}; this sandbox answers POST to the paths of its document (GET /openapi.json).",
                        request.method, request.path
                    ),
                    format!(
                        "{} {}에는 API가 없습니다. 이 샌드박스는 문서에 있는 경로로 보낸 POST에 응답합니다(GET /openapi.json).",
                        request.method, request.path
                    ),
                )),
            );
            return (reply, false);
        };
        if let Err(reply) = gate::check(endpoint, &request.headers, &request.body, self.gate_secret(), now_ms) {
            return (reply, false);
        }
        let plaintext = match (&self.crypto, endpoint.encrypted) {
            (Some(crypto), true) => match crypto.open_request(&request.headers, &request.body) {
                Ok(plaintext) => Some(plaintext),
                Err(reply) => return (reply, false),
            },
            _ => None,
        };
        // The gate reads the real time (requests are signed with it); business logic reads the
        // sandbox's clock, which `advance_clock` may have moved ahead.
        let now_ms = self.state.business_time(now_ms);
        self.state.settle(now_ms);
        let body = plaintext.as_deref().unwrap_or(&request.body);
        let (state, seed) = (&mut self.state, self.config.seed);
        let reply = match endpoint.simulator {
            Some(Simulator::OneTimeToken) => flow::one_time_token(state, seed, endpoint, body, now_ms),
            Some(Simulator::Charge) => flow::charge(state, seed, endpoint, body, now_ms),
            Some(Simulator::ResultInquiry) => flow::result_inquiry(state, endpoint, body),
            Some(Simulator::Cancel) => flow::cancel(state, endpoint, body, now_ms),
            Some(Simulator::AccountHolder) => journey::account_holder(state, endpoint, body),
            Some(Simulator::ArsAuth) => journey::ars_auth(state, seed, endpoint, body),
            Some(Simulator::ArsRegister) => journey::ars_register(state, seed, endpoint, body, now_ms),
            Some(Simulator::ArsRegisterInquiry) => journey::ars_register_inquiry(state, endpoint, body),
            Some(Simulator::AccountInfo) => journey::account_info(state, endpoint, body),
            Some(Simulator::AccountInquiry) => journey::account_inquiry(state, endpoint, body),
            Some(Simulator::AccountDelete) => journey::account_delete(state, endpoint, body),
            Some(Simulator::Payment) => journey::payment(state, seed, endpoint, body, now_ms),
            Some(Simulator::PaymentNetcancel) => journey::payment_netcancel(state, endpoint, body, now_ms),
            Some(Simulator::RefundFee) => journey::refund_fee(state, endpoint, body, now_ms),
            Some(Simulator::TransactionHistory) => journey::transaction_history(state, endpoint, body),
            None => flow::documented_example(endpoint, body),
        };
        (reply, endpoint.response_encrypted)
    }
}

#[cfg(test)]
mod tests;
