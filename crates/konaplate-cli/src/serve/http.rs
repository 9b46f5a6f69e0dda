//! HTTP in front of the sandbox: routes, CORS, transport errors in the KONA PLATE envelope, and
//! one log line per request (method, path, status, code, time; never a credential).

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use konaplate_core::catalog::Code;
use konaplate_core::sandbox::{Reply, SandboxRequest, SandboxResponse};
use konaplate_core::Text;

use super::App;

pub fn router(app: Arc<App>, origins: &[String]) -> Result<Router, String> {
    let cors = crate::cors::layer(origins, &["x-km-correlation-id"])?;
    Ok(Router::new()
        .route("/healthz", get(|| async { Json(serde_json::json!({ "status": "ok" })) }))
        .route("/openapi.json", get(openapi))
        .route("/sandbox/state", get(state))
        .route("/sandbox/crypto-keys", get(crypto_keys))
        .route("/sandbox/fixtures", get(super::journey::fixtures))
        .route("/sandbox/clock", get(super::journey::clock).post(super::journey::advance))
        .fallback(api)
        .layer(cors)
        .with_state(app))
}

async fn openapi(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    let Some(mut doc) = app.spec_document.clone() else {
        return Json(konaplate_core::openapi::document(Some(&app.base_url)));
    };
    let server = serde_json::json!({ "url": app.base_url, "description": "konaplate sandbox (simulated)" });
    match doc["servers"].as_array_mut() {
        Some(servers) => servers.insert(0, server),
        None => doc["servers"] = serde_json::json!([server]),
    }
    Json(doc)
}

/// The sandbox's state as JSON (members, balances, charges, cancellations, tokens): what a test
/// or a curious user compares before and after a request. It holds no key.
async fn state(State(app): State<Arc<App>>) -> Json<konaplate_core::sandbox::state::State> {
    Json(app.sandbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).state().clone())
}

/// The public keys and key ids of message encryption (never a private key).
async fn crypto_keys(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    let sandbox = app.sandbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    Json(sandbox.crypto().map_or(serde_json::json!({ "enforced": false }), |c| {
        let mut keys = c.published();
        keys["enforced"] = true.into();
        keys
    }))
}

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// A transport refusal. It may be sent before the request body was read, so the connection is
/// closed after it (`Connection: close`): a client must not reuse a connection with unread bytes
/// in it (seen as "peer disconnected" on the next request of a pooled client).
fn transport_error(code: Code, en: String, ko: String) -> SandboxResponse {
    let mut response = SandboxResponse::from_reply(&Reply::error(code, None, Some(Text::new(en, ko))), None);
    response.headers.push(("Connection".into(), "close".into()));
    response
}

/// Every `/open-api/...` request (and anything else that is not a fixed route).
async fn api(State(app): State<Arc<App>>, method: Method, uri: Uri, headers: HeaderMap, body: Body) -> Response {
    let started = Instant::now();
    let path = uri.path().to_string();
    let response = answer(&app, &method, &path, &headers, body).await;
    let correlation = headers.get("x-km-correlation-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
    // Log line: no header values except the correlation id, never a body.
    println!(
        "{method} {path} -> {} {} {}µs corr={correlation:.20}",
        response.status,
        response.code,
        started.elapsed().as_micros()
    );
    to_http(response)
}

/// Largest total size of request header names and values we read (hyper refuses far larger
/// ones itself, before any handler, with a bare 431).
const MAX_HEADER_BYTES: usize = 16 * 1024;

async fn answer(app: &App, method: &Method, path: &str, headers: &HeaderMap, body: Body) -> SandboxResponse {
    let header_bytes: usize = headers.iter().map(|(n, v)| n.as_str().len() + v.len()).sum();
    if header_bytes > MAX_HEADER_BYTES {
        return transport_error(
            Code::RequestTooLarge,
            format!("The request headers are {header_bytes} bytes; this server reads at most {MAX_HEADER_BYTES}."),
            format!("요청 헤더가 {header_bytes}바이트입니다. 이 서버는 최대 {MAX_HEADER_BYTES}바이트까지 읽습니다."),
        );
    }
    if method == Method::POST {
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        // The media type before any parameters: `application/json; charset=utf-8` passes,
        // `application/jsonp` or `application/json-seq` does not.
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        if !media_type.eq_ignore_ascii_case("application/json") {
            return transport_error(
                Code::UnsupportedContentType,
                format!("Content-Type is {content_type:?}; send the body as application/json."),
                format!("Content-Type이 {content_type:?}입니다. 본문은 application/json으로 보내세요."),
            );
        }
    }
    let bytes = match tokio::time::timeout(app.body_timeout, to_bytes(body, app.body_limit)).await {
        Err(_) => {
            return transport_error(
                Code::RequestTimeout,
                format!("The body did not arrive within {} ms.", app.body_timeout.as_millis()),
                format!("본문이 {}ms 안에 도착하지 않았습니다.", app.body_timeout.as_millis()),
            )
        }
        Ok(Err(_)) => {
            return transport_error(
                Code::RequestTooLarge,
                format!("The body is larger than this server's limit of {} bytes.", app.body_limit),
                format!("본문이 서버 한도 {}바이트보다 큽니다.", app.body_limit),
            )
        }
        Ok(Ok(bytes)) => bytes,
    };
    let body = match String::from_utf8(bytes.to_vec()) {
        Ok(body) => body,
        Err(e) => {
            let v = konaplate_core::validate::not_utf8(e.utf8_error().valid_up_to());
            return SandboxResponse::from_reply(
                &Reply::error(Code::InvalidInput, Some("body"), Some(v.messages())),
                None,
            );
        }
    };
    let headers = headers
        .iter()
        .map(|(name, value)| (name.as_str().to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    let request = SandboxRequest { method: method.as_str().to_string(), path: path.to_string(), headers, body };
    let mut sandbox = app.sandbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let response = sandbox.handle(&request, now_ms());
    if let Some(store) = &app.store {
        // Commit before answering: an acknowledged charge is on disk.
        if let Err(e) = store.save(sandbox.state()) {
            eprintln!("konaplate sandbox: cannot save state: {e}");
            return transport_error(
                Code::StorageFailure,
                "The sandbox could not save its state; the request was not acknowledged.".into(),
                "샌드박스가 상태를 저장하지 못해 요청을 확정하지 않았습니다.".into(),
            );
        }
    }
    response
}

fn to_http(response: SandboxResponse) -> Response {
    let status = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut http = (status, response.body).into_response();
    for (name, value) in response.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
            http.headers_mut().insert(name, value);
        }
    }
    http
}
