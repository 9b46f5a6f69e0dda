//! `konaplate proxy --to URL`: forwards the console's requests to a KONA PLATE server (the real
//! sandbox by default), with CORS for the console's origin, and checks both directions against
//! the document. Deviations go to the log (locations and rules only: never a key or a body) and
//! to the `X-Konaplate-Violations` response header.

mod forward;
mod violations;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use clap::Args;
use konaplate_core::catalog;
use konaplate_core::diagnose::operation_for;

use violations::{Side, Violations};

/// The response header that carries the deviations found, as compact ASCII JSON.
pub const VIOLATIONS_HEADER: &str = "x-konaplate-violations";

#[derive(Args, Debug)]
pub struct ProxyArgs {
    /// Base URL requests are forwarded to (a request for /api/v1/… goes to URL/api/v1/…).
    #[arg(long, value_name = "URL", default_value = catalog::SANDBOX_BASE_URL)]
    pub to: String,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 8788)]
    pub port: u16,
    /// Browser origin allowed by CORS; repeat for several. Default: the Trunk console's.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,
    /// Largest request or response body in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    pub body_limit: usize,
    /// Time allowed for the upstream server to answer, in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    pub upstream_timeout_ms: u64,
}

struct Proxy {
    upstream: forward::Upstream,
    body_limit: usize,
}

pub fn run(args: ProxyArgs) -> Result<ExitCode, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(serve(args))
}

async fn serve(args: ProxyArgs) -> Result<ExitCode, String> {
    let upstream = forward::Upstream::new(&args.to, Duration::from_millis(args.upstream_timeout_ms), args.body_limit)?;
    let origins = crate::cors::origins_or_default(&args.allow_origins);
    let cors = crate::cors::layer(&origins, &["x-km-correlation-id", VIOLATIONS_HEADER])?;
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let addr: SocketAddr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("konaplate proxy listening on http://{addr}");
    println!("  forwarding to  {}", upstream.base());
    println!("  CORS           {}", origins.join(", "));
    println!("  deviations     logged here and sent in the {VIOLATIONS_HEADER} header");
    let proxy = Arc::new(Proxy { upstream, body_limit: args.body_limit });
    let router = Router::new().fallback(handle).layer(cors).with_state(proxy);
    crate::serve::accept::serve("konaplate proxy", listener, router, Duration::from_secs(10)).await;
    Ok(ExitCode::SUCCESS)
}

async fn handle(State(proxy): State<Arc<Proxy>>, method: Method, uri: Uri, headers: HeaderMap, body: Body) -> Response {
    let started = Instant::now();
    let path = uri.path().to_string();
    let Ok(bytes) = to_bytes(body, proxy.body_limit).await else {
        let limit = proxy.body_limit;
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over {limit} bytes"),
            format!("요청 본문이 {limit}바이트를 넘습니다"),
        );
    };
    let endpoint = operation_for(&path);
    let mut found = Violations::default();
    let request_headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let body_text = String::from_utf8_lossy(&bytes).into_owned();
    match endpoint {
        Some(e) => {
            let report = konaplate_core::validate(e, &request_headers, &body_text, None);
            found.add(Side::Request, &report);
        }
        None => found.unknown_operation(&path),
    }
    let target = proxy.upstream.url_for(&path, uri.query());
    let forwarded =
        forward::Request { method: method.to_string(), url: target, headers: request_headers, body: bytes.to_vec() };
    let upstream = proxy.upstream.clone();
    let answer = tokio::task::spawn_blocking(move || upstream.send(forwarded)).await;
    let answer = match answer {
        Ok(Ok(answer)) => answer,
        Ok(Err(reason)) => {
            println!("{method} {path} -> 502 upstream unreachable ({reason}) {}ms", started.elapsed().as_millis());
            return refuse(
                StatusCode::BAD_GATEWAY,
                format!("the upstream server did not answer: {reason}"),
                format!("대상 서버가 응답하지 않았습니다: {reason}"),
            );
        }
        Err(_) => {
            return refuse(
                StatusCode::BAD_GATEWAY,
                "the upstream request failed".into(),
                "대상 서버 요청이 실패했습니다".into(),
            )
        }
    };
    if let Some(e) = endpoint {
        let text = String::from_utf8_lossy(&answer.body);
        found.add(Side::Response, &konaplate_core::deviation::check_response(e, answer.status, &text));
    }
    // Log line: method, path, status, counts, then each deviation's side, location and rule.
    println!("{method} {path} -> {} {}ms; {}", answer.status, started.elapsed().as_millis(), found.summary());
    for line in found.log_lines() {
        println!("    {line}");
    }
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut response = (status, answer.body).into_response();
    // The upstream's own Content-Type, not the octet-stream a byte body defaults to.
    response.headers_mut().remove(axum::http::header::CONTENT_TYPE);
    for (name, value) in answer.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
            response.headers_mut().append(name, value);
        }
    }
    if let Ok(value) = HeaderValue::from_str(&found.header_value()) {
        response.headers_mut().insert(VIOLATIONS_HEADER, value);
    }
    response
}

/// The proxy's own refusal (no upstream answer to relay), explained in English and Korean.
fn refuse(status: StatusCode, en: String, ko: String) -> Response {
    let body = serde_json::json!({
        "konaplate": { "proxy": { "en": format!("konaplate proxy: {en}."), "ko": format!("konaplate 프록시: {ko}.") } }
    });
    (status, [("content-type", "application/json")], body.to_string()).into_response()
}
