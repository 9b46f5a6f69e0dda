//! CORS for the browser console, shared by `serve` and `proxy`: the listed origins may POST and
//! GET with the X-KM headers, and read the headers named in `expose`.

use axum::http::{header, HeaderName, HeaderValue, Method};
use konaplate_core::catalog;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The Trunk console's origins, allowed when no `--allow-origin` is given.
pub const DEFAULT_ORIGINS: [&str; 2] = ["http://127.0.0.1:8080", "http://localhost:8080"];

/// `origins` or, when empty, [`DEFAULT_ORIGINS`].
pub fn origins_or_default(origins: &[String]) -> Vec<String> {
    if origins.is_empty() {
        DEFAULT_ORIGINS.iter().map(|o| o.to_string()).collect()
    } else {
        origins.to_vec()
    }
}

pub fn layer(origins: &[String], expose: &[&'static str]) -> Result<CorsLayer, String> {
    let origins = origins
        .iter()
        .map(|o| HeaderValue::from_str(o).map_err(|_| format!("--allow-origin {o:?} is not a valid origin")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut allowed: Vec<HeaderName> =
        catalog::HEADERS.iter().map(|h| HeaderName::from_bytes(h.name.as_bytes()).expect("valid names")).collect();
    allowed.extend([header::CONTENT_TYPE, header::ACCEPT]);
    Ok(CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST, Method::GET])
        .allow_headers(allowed)
        .expose_headers(expose.iter().map(|h| HeaderName::from_static(h)).collect::<Vec<_>>()))
}
