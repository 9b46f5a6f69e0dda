//! The konaplate sandbox: KONA PLATE's charge flow simulated in memory, deterministically.
//!
//! Time (`now_ms`) and randomness (`SandboxConfig::seed`) are inputs, so a scenario replays
//! identically in a test, in the browser console and behind `konaplate serve`. Every request
//! passes the checks a real server makes (see [`gate`]) before business logic (see [`flow`]).

mod crypto;
mod flow;
mod gate;
mod reply;
pub mod state;

use serde::{Deserialize, Serialize};

pub use crypto::{Fill, SandboxCrypto};
pub use reply::Reply;
use state::State;

use crate::catalog::{self, Endpoint};

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

pub struct Sandbox {
    config: SandboxConfig,
    state: State,
    /// With keys, operations marked Encrypted require `{"encData"}` and responses marked for
    /// response encryption are encrypted; without (the default), plain bodies pass as before.
    crypto: Option<SandboxCrypto>,
}

/// The endpoint a request path names, with or without the `/open-api` prefix.
pub fn route(path: &str) -> Option<&'static Endpoint> {
    let path = path.split('?').next().unwrap_or_default();
    catalog::endpoint(path.strip_prefix("/open-api").unwrap_or(path))
}

impl Sandbox {
    /// A sandbox in its documented starting state.
    pub fn new(config: SandboxConfig) -> Sandbox {
        Sandbox { config, state: State::seeded(), crypto: None }
    }

    /// A sandbox resuming from a saved state (see [`Sandbox::state`]).
    pub fn with_state(config: SandboxConfig, state: State) -> Sandbox {
        Sandbox { config, state, crypto: None }
    }

    /// Enforces message encryption with these keys (`konaplate serve` does; the console's
    /// in-browser sandbox does not).
    pub fn with_crypto(mut self, crypto: SandboxCrypto) -> Sandbox {
        self.crypto = Some(crypto);
        self
    }

    /// The keys in force, if encryption is enforced.
    pub fn crypto(&self) -> Option<&SandboxCrypto> {
        self.crypto.as_ref()
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Replaces the project's secret key (the in-browser sandbox plays the user's project, so
    /// it verifies with whatever secret the user typed). The state is kept.
    pub fn set_secret_key(&mut self, secret_key: &str) {
        self.config.secret_key = secret_key.to_string();
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

    /// The reply, and whether its body goes out encrypted (a business answer of an operation
    /// marked for response encryption; transport and encryption errors stay readable).
    fn reply(&mut self, request: &SandboxRequest, now_ms: i64) -> (Reply, bool) {
        let Some(endpoint) = route(&request.path).filter(|e| request.method.eq_ignore_ascii_case(e.method)) else {
            return (
                Reply::error(
                    "000_908",
                    None,
                    Some((
                        format!(
                            "No API at {} {}; the charge flow is POST to the four catalog paths.",
                            request.method, request.path
                        ),
                        format!(
                            "{} {}에는 API가 없습니다. 충전 흐름은 카탈로그의 네 경로로 POST합니다.",
                            request.method, request.path
                        ),
                    )),
                ),
                false,
            );
        };
        if let Err(reply) =
            gate::check(endpoint, &request.headers, &request.body, self.config.secret_key.as_bytes(), now_ms)
        {
            return (reply, false);
        }
        let plaintext = match (&self.crypto, endpoint.encrypted) {
            (Some(crypto), true) => match crypto.open_request(&request.headers, &request.body) {
                Ok(plaintext) => Some(plaintext),
                Err(reply) => return (reply, false),
            },
            _ => None,
        };
        self.state.settle(now_ms);
        let body = plaintext.as_deref().unwrap_or(&request.body);
        let (state, seed) = (&mut self.state, self.config.seed);
        let reply = match endpoint.id {
            "one-time-token" => flow::one_time_token(state, seed, endpoint, body, now_ms),
            "charge" => flow::charge(state, seed, endpoint, body, now_ms),
            "result-inquiry" => flow::result_inquiry(state, endpoint, body),
            _ => flow::cancel(state, endpoint, body, now_ms),
        };
        (reply, endpoint.response_encrypted)
    }
}

#[cfg(test)]
mod tests;
