//! KONA PLATE Open API rules in pure Rust.
//!
//! - [`text`]: the one bilingual text type ([`Text`]) and the language ([`Lang`]) that picks from it.
//! - [`catalog`]: the endpoints, headers, response codes, Test Data scenarios and documentation
//!   notes, as data: the single source of truth.
//! - [`validate`]: a request (headers + raw body text) against the catalog, all violations at once.
//! - [`sign`]: the X-KM-Tran-Token (HMAC-SHA256 over the exact body bytes) and its verification.
//! - [`headers`], [`time`]: the seven X-KM headers from credentials, a clock reading and random bytes.
//! - [`body`], [`request`]: field values to the exact JSON text, and a whole signed request.
//! - [`jwe`]: message encryption, compact JWE (RSA-OAEP-256 + AES-GCM) and the `encData` body.
//! - [`response`]: a response body read into code, description and exact data, problems as data.
//! - [`export`]: Postman and Bruno collections whose scripts sign each request over its exact body.
//! - [`deviation`]: a response checked against the documented codes and fields (deviations of a server).
//! - [`diagnose`]: a pasted request (cURL, raw HTTP, HAR) validated, its token checked, the mistake named.
//!
//! No wasm-bindgen, web-sys, clock or RNG: time and randomness are inputs, so this crate runs
//! unchanged natively, in Node and in browsers.

pub mod body;
pub mod catalog;
pub mod chain;
#[cfg(feature = "responses")]
pub mod deviation;
#[cfg(feature = "diagnose")]
pub mod diagnose;
pub mod export;
pub mod headers;
pub mod json;
pub mod jwe;
pub mod number;
pub mod openapi;
pub mod pattern;
pub mod request;
#[cfg(feature = "responses")]
pub mod response;
pub mod sandbox;
pub mod sign;
pub mod snippets;
pub mod text;
pub mod time;
pub mod validate;
pub mod violation;

pub use catalog::{Endpoint, Scenario};
pub use text::{Lang, Text};
pub use validate::validate;
pub use violation::{Kind, Report, Rule, Severity, Target, Violation};

/// The crate version, for `--version` and the JS package's `version()`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
