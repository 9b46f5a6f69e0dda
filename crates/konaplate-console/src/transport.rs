//! Sending over the network with `fetch`, and explaining a failure instead of showing
//! "Failed to fetch": the browser gives the same TypeError for a server that is down, a CORS
//! refusal and being offline, so after a failure we probe the URL once with a `no-cors` request
//! (which an up server answers whatever its CORS policy) and name the likely cause.

use konaplate_core::catalog::Text;
use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit, RequestMode, Response};

use crate::exchange::{Target, PROXY_PATH};

/// How long a request may take before the page gives up on it.
const TIMEOUT_MS: u32 = 15_000;

/// What is known after a failed fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    /// `navigator.onLine` was false.
    pub offline: bool,
    /// The request ran out of time ([`TIMEOUT_MS`]).
    pub timed_out: bool,
    /// A `no-cors` probe of the same URL got an answer: the server is up.
    pub server_answered_probe: bool,
}

/// The likely cause of a failed fetch, in English and Korean.
#[inline(never)] // only after a send: the page's split leaves it out of the first load
pub fn diagnose(target: Target, url: &str, page_origin: &str, failure: Failure) -> Text<String> {
    if failure.offline {
        return Text::new(
            "Not sent: the browser is offline. The in-browser sandbox works without a network; pick it as the target.".into(),
            "보내지 못했습니다: 브라우저가 오프라인입니다. 브라우저 안 샌드박스는 네트워크 없이 동작하니 대상으로 선택하세요.".into(),
        );
    }
    if failure.timed_out {
        let s = TIMEOUT_MS / 1000;
        return Text::new(
            format!(
                "No answer from {url} within {s} s: the server or the network is too slow, or the request is stuck."
            ),
            format!("{url}에서 {s}초 안에 응답이 없습니다. 서버나 네트워크가 느리거나 요청이 멈췄습니다."),
        );
    }
    match (target, failure.server_answered_probe) {
        (Target::Proxy, _) => Text::new(
            format!("The proxy path {PROXY_PATH} did not answer. It exists only under `trunk serve` (bash scripts/serve.sh), which forwards it to KONA PLATE's sandbox (Trunk.toml [[proxy]]); check that trunk serve is running and that this machine can reach KONA PLATE."),
            format!("프록시 경로 {PROXY_PATH}가 응답하지 않습니다. 이 경로는 `trunk serve`(bash scripts/serve.sh)로 띄운 페이지에만 있으며, 요청을 KONA PLATE 샌드박스로 전달합니다(Trunk.toml [[proxy]]). trunk serve가 실행 중인지, 이 컴퓨터가 KONA PLATE에 접속할 수 있는지 확인하세요."),
        ),
        (_, true) => Text::new(
            format!("The server at {url} is up, but the browser blocked its answer: its CORS policy does not allow this page's origin {page_origin} (the X-KM-* headers need a preflight OPTIONS request that the server must allow). For konaplate serve, start it with --allow-origin {page_origin}."),
            format!("{url}의 서버는 동작하지만 브라우저가 응답을 막았습니다. 서버의 CORS 정책이 이 페이지의 출처 {page_origin}{} 허용하지 않습니다(X-KM-* 헤더는 서버가 허용해야 하는 사전 OPTIONS 요청이 필요합니다). konaplate serve라면 --allow-origin {page_origin} 옵션으로 시작하세요.", konaplate_core::text::ko::object(page_origin)),
        ),
        (_, false) => Text::new(
            format!("Nothing answered at {url}: the server is not running or the address is wrong. Start the sandbox with `konaplate serve --allow-origin {page_origin}`, or pick the in-browser sandbox."),
            format!("{url}에서 아무 응답이 없습니다. 서버가 실행 중이 아니거나 주소가 틀렸습니다. `konaplate serve --allow-origin {page_origin}`로 샌드박스를 시작하거나 브라우저 안 샌드박스를 선택하세요."),
        ),
    }
}

/// A hint when a proxied request got an answer that is not KONA PLATE's JSON envelope
/// (`enveloped`: the body had a `response.code`).
pub fn proxy_hint(status: u16, enveloped: bool) -> Option<Text> {
    if enveloped {
        return None;
    }
    match status {
        404 | 405 | 501 => Some(Text {
            en: "This answer did not come from KONA PLATE: the page is served without the /kona-sandbox proxy (a static server). Use `trunk serve` (bash scripts/serve.sh).",
            ko: "이 응답은 KONA PLATE가 보낸 것이 아닙니다. 페이지가 /kona-sandbox 프록시 없이(정적 서버로) 제공되고 있습니다. `trunk serve`(bash scripts/serve.sh)를 사용하세요.",
        }),
        // trunk serve answers 500 when its proxy cannot connect; gateways say 502 to 504.
        500 | 502..=504 => Some(Text {
            en: "trunk serve's proxy could not reach KONA PLATE's sandbox: check this machine's network.",
            ko: "trunk serve 프록시가 KONA PLATE 샌드박스에 접속하지 못했습니다. 이 컴퓨터의 네트워크를 확인하세요.",
        }),
        _ => None,
    }
}

fn init(method: &str, signal: Option<&AbortSignal>) -> RequestInit {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_signal(signal);
    init
}

/// Sends `request` to `url` with `fetch`: the body bytes exactly as signed.
pub async fn send(url: &str, request: &SandboxRequest) -> Result<SandboxResponse, Failure> {
    let window = web_sys::window().ok_or(Failure { offline: false, timed_out: false, server_answered_probe: false })?;
    let headers = Headers::new().map_err(|_| probe_failure(false))?;
    for (name, value) in &request.headers {
        // A header value the browser refuses (e.g. a non-Latin-1 override) fails like a network error.
        if headers.append(name, value).is_err() {
            return Err(probe_failure(false));
        }
    }
    let signal = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let init = init(&request.method, Some(&signal));
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&request.body));
    let answer = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await;
    let response: Response = match answer.and_then(|r| r.dyn_into::<Response>()) {
        Ok(response) => response,
        Err(_) => {
            let offline = !window.navigator().on_line();
            let timed_out = signal.aborted();
            let probe = init_probe(&window, url).await;
            return Err(Failure { offline, timed_out, server_answered_probe: probe });
        }
    };
    let status = response.status();
    let mut shown_headers = Vec::new();
    if let Ok(Some(iter)) = js_sys::try_iter(&response.headers()) {
        for pair in iter.flatten() {
            let pair: js_sys::Array = pair.unchecked_into();
            shown_headers
                .push((pair.get(0).as_string().unwrap_or_default(), pair.get(1).as_string().unwrap_or_default()));
        }
    }
    let body = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    let code = konaplate_core::response::read_response(Some(status), &body).code.unwrap_or_default();
    Ok(SandboxResponse { status, code, headers: shown_headers, body })
}

fn probe_failure(server_answered_probe: bool) -> Failure {
    Failure { offline: false, timed_out: false, server_answered_probe }
}

/// A `no-cors` GET of `url`: resolves (with an opaque answer) whenever a server answered.
async fn init_probe(window: &web_sys::Window, url: &str) -> bool {
    let signal = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let init = init("GET", Some(&signal));
    init.set_mode(RequestMode::NoCors);
    JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "http://127.0.0.1:8080";
    const URL: &str = "http://127.0.0.1:8787/open-api/api/v1/recharges/by-bank-accounts/no-hce";

    fn failure(offline: bool, timed_out: bool, server_answered_probe: bool) -> Failure {
        Failure { offline, timed_out, server_answered_probe }
    }

    #[test]
    fn a_server_that_answers_the_probe_is_a_cors_refusal_naming_the_origin_and_the_fix() {
        let server = Target::Server;
        let Text { en, ko } = diagnose(server, URL, ORIGIN, failure(false, false, true));
        assert!(en.contains("CORS") && en.contains(ORIGIN) && en.contains("--allow-origin"), "{en}");
        assert!(ko.contains("CORS") && ko.contains(ORIGIN), "{ko}");
    }

    #[test]
    fn silence_is_a_server_that_is_not_running() {
        let server = Target::Server;
        let Text { en, .. } = diagnose(server, URL, ORIGIN, failure(false, false, false));
        assert!(en.starts_with("Nothing answered at") && en.contains("konaplate serve"), "{en}");
    }

    #[test]
    fn offline_and_timeouts_are_named_before_anything_else() {
        let Text { en, .. } = diagnose(Target::Proxy, URL, ORIGIN, failure(true, false, false));
        assert!(en.contains("offline"), "{en}");
        let Text { en, ko } = diagnose(Target::Proxy, URL, ORIGIN, failure(false, true, true));
        assert!(en.contains("15 s") && ko.contains("15초"), "{en}");
    }

    #[test]
    fn the_proxy_path_failing_points_at_trunk_serve() {
        let Text { en, .. } = diagnose(Target::Proxy, "/kona-sandbox/api", ORIGIN, failure(false, false, false));
        assert!(en.contains("trunk serve") && en.contains(PROXY_PATH), "{en}");
        assert!(proxy_hint(404, false).unwrap().en.contains("static server"));
        assert!(proxy_hint(500, false).unwrap().en.contains("could not reach"));
        assert!(proxy_hint(502, true).is_none(), "KONA PLATE's own answer needs no proxy hint");
        assert!(proxy_hint(400, false).is_none());
    }
}
