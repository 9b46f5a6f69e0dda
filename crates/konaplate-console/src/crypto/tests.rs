//! The console with the module's keys (natively): loading on demand, the sealed body signed and
//! sent, the in-browser sandbox enforcing encryption, a response opened or refused.

use super::native::Native;
use super::*;
use crate::sandbox::native::update;
use crate::state::{Clock, Effect, Msg, Outcome, Start, State};
use konaplate_console_crypto::keys::field;
use konaplate_core::catalog;
use konaplate_core::jwe::test_keys as k;
use konaplate_core::sandbox::SandboxResponse;

const CLOCK: Clock = Clock { epoch_ms: 1_767_225_600_000, random: [1, 2, 3, 4] };

fn one_time_token() -> &'static catalog::Endpoint {
    catalog::ENDPOINTS.iter().copied().find(|e| e.encrypted).expect("an Encrypted operation")
}

/// A console on the one-time token API with the module loaded (natively) and a secret.
fn loaded() -> State {
    let mut s = State::new(&Start::default(), None, CLOCK);
    update(&mut s, Msg::Secret("typed-secret".into()));
    assert_eq!(update(&mut s, Msg::Endpoint(one_time_token(), CLOCK)), Some(Effect::LoadCrypto));
    assert_eq!(s.crypto.module, Module::Loading);
    update(&mut s, Msg::CryptoLoaded(Some(Loaded(Rc::new(Native::default())))));
    s
}

/// A control of the panel typed in (a button: `value` empty), as in the page: the module's own
/// listener takes it in (its `input`), then the console sees the event (`Msg::Crypto`).
fn panel(s: &mut State, field: &str, value: &str) {
    let backend = s.crypto.backend.clone().expect("loaded");
    assert_eq!(backend.ask("input", field, value).as_deref(), Some("ok"));
    update(s, Msg::Crypto);
}

/// The panel's "use the sandbox test keys" button.
fn use_test_keys(s: &mut State) {
    panel(s, field::TEST_KEYS, "");
}

/// `{"encData"}` of `plaintext` for `public_pem`, as a server would send it.
fn sealed_to(public_pem: &str, plaintext: &str) -> String {
    let native = Native::default();
    native.ask("input", field::SERVER_KEY, public_pem);
    let sealed = native.ask("seal", plaintext, "").expect("an answer");
    sealed.strip_prefix("ok\u{1f}").and_then(|s| s.split_once('\u{1f}')).expect("sealed").0.to_string()
}

/// The body sealed as the console drafts it now (`None`: it goes plain).
fn wire(s: &State) -> Option<String> {
    s.draft(CLOCK).sealed
}

fn shown(s: &State) -> &crate::history::Entry {
    match &s.outcome {
        Outcome::Shown(e) => e,
        other => panic!("expected an exchange, got {other:?}"),
    }
}

#[test]
fn picking_an_encrypted_operation_loads_the_module_once_and_a_plain_one_does_not() {
    let mut s = State::new(&Start::default(), None, CLOCK);
    assert_eq!(update(&mut s, Msg::Zone(konaplate_core::time::TimeZone::Utc)), None, "charge is not encrypted");
    assert_eq!(update(&mut s, Msg::Endpoint(one_time_token(), CLOCK)), Some(Effect::LoadCrypto));
    assert_eq!(update(&mut s, Msg::Endpoint(&catalog::CHARGE_ENDPOINT, CLOCK)), None);
    assert_eq!(update(&mut s, Msg::Endpoint(one_time_token(), CLOCK)), None, "already loading");
    update(&mut s, Msg::CryptoLoaded(None));
    assert_eq!(s.crypto.module, Module::Failed);
    assert_eq!(update(&mut s, Msg::Endpoint(one_time_token(), CLOCK)), None, "failed: not asked again");
    assert!(wire(&s).is_none());
}

#[test]
fn with_the_server_key_the_body_is_sealed_the_headers_sign_the_wrapper_and_the_sandbox_decrypts_it() {
    let mut s = loaded();
    assert!(wire(&s).is_none(), "no key yet: plain");
    let d = s.draft(CLOCK);
    assert!(d.report.violations.iter().any(|v| v.rule() == konaplate_core::Rule::Encryption), "the plain-body note");
    use_test_keys(&mut s);
    let sealed = wire(&s).expect("sealed");
    assert!(sealed.starts_with(r#"{"encData":"eyJhbGciOiJSU0EtT0FFUC0yNTYi"#), "{sealed}");
    update(&mut s, Msg::Zone(konaplate_core::time::TimeZone::Kst));
    assert_eq!(wire(&s), Some(sealed.clone()), "unchanged body and key: the same JWE");
    let wire = sealed;
    let d = s.draft(CLOCK);
    assert_eq!(d.report.error_count, 0, "{:?}", d.report.violations);
    let token = &d.headers.iter().find(|(n, _)| n == catalog::TRAN_TOKEN).unwrap().1;
    konaplate_core::sign::verify_tran_token(b"typed-secret", token, wire.as_bytes()).expect("signs the wrapper");
    assert!(d.headers.contains(&(catalog::CRYPTO_KEY_ID.to_string(), k::SERVER_KEY_ID.to_string())));

    update(&mut s, Msg::Send(CLOCK));
    let entry = shown(&s);
    assert_eq!((entry.response.status, entry.response.code.as_str()), (200, "000_000"), "{}", entry.response.body);
    assert_eq!(entry.request.body, wire);
    assert_eq!(entry.plaintext.as_deref(), Some(s.body.as_str()));
    assert!(entry.response.body.contains("oneTimeToken"));
}

#[test]
fn the_in_browser_sandbox_with_the_module_refuses_a_plain_body_and_a_wrong_key_id_as_the_server_does() {
    let mut s = loaded();
    update(&mut s, Msg::Send(CLOCK));
    assert_eq!(shown(&s).response.code, "000_911", "plain body to an Encrypted operation");
    use_test_keys(&mut s);
    update(&mut s, Msg::Override { name: catalog::CRYPTO_KEY_ID, value: "0".repeat(32) });
    update(&mut s, Msg::Send(CLOCK));
    assert_eq!(shown(&s).response.code, "000_912");
    update(&mut s, Msg::Override { name: catalog::CRYPTO_KEY_ID, value: String::new() });
    panel(&mut s, field::SERVER_KEY, k::CLIENT_PUBLIC_SPKI);
    update(&mut s, Msg::Send(CLOCK));
    assert_eq!(shown(&s).response.code, "000_915", "sealed to another key");
}

/// What the module draws beside the shown exchange, as the view asks it (`show`): the decrypted
/// block and why not.
fn drawn(s: &State, lang: &str) -> (String, String) {
    let backend = s.crypto.backend.as_ref().expect("loaded");
    let answer = backend.ask("show", lang, &super::shown(s.endpoint.encrypted, &s.outcome)).unwrap_or_default();
    match answer.split('\u{1f}').collect::<Vec<_>>()[..] {
        ["ok", block, why] => (block.to_string(), why.to_string()),
        _ => panic!("not a show answer: {answer:?}"),
    }
}

#[test]
fn a_response_with_enc_data_is_shown_decrypted_by_the_module_or_it_says_why_not() {
    let mut s = loaded();
    use_test_keys(&mut s);
    update(&mut s, Msg::Target(crate::exchange::Target::Server));
    let plaintext = r#"{"oneTimeToken":"1","response":{"code":"000_000","description":"Success."}}"#;
    let answer = |body: String| SandboxResponse { status: 200, code: String::new(), headers: vec![], body };
    let sealed = sealed_to(k::CLIENT_PUBLIC_SPKI, plaintext);
    update(&mut s, Msg::Send(CLOCK));
    update(&mut s, Msg::Answered(answer(sealed.clone())));
    assert_eq!(shown(&s).response.body, sealed, "the exchange keeps the ciphertext as it came");
    let (block, why) = drawn(&s, "en");
    assert!(block.starts_with("── Response (decrypted from encData) ──\n{\n  \"oneTimeToken\": \"1\","), "{block}");
    assert!(block.contains("── Request plaintext (sent encrypted) ──\n{"), "the plaintext sent: {block}");
    assert_eq!(why, "");
    // The client key removed and given again: what is shown follows it.
    panel(&mut s, field::CLIENT_KEY, "");
    assert!(drawn(&s, "en").1.starts_with("Could not decrypt the response (key): "));
    panel(&mut s, field::CLIENT_KEY, k::CLIENT_PRIVATE_PKCS8);
    assert!(drawn(&s, "ko").0.starts_with("── 응답 (encData 복호화) ──"));

    update(&mut s, Msg::Send(CLOCK));
    update(&mut s, Msg::Answered(answer(sealed_to(k::SERVER_PUBLIC_SPKI, plaintext))));
    let (block, why) = drawn(&s, "en");
    assert!(!block.contains("decrypted"), "{block}");
    assert!(why.starts_with("Could not decrypt the response (wrong key): "), "{why}");
    assert!(drawn(&s, "ko").1.contains("잘못된 키"));

    // The tag's last character altered: authentication fails.
    let mut tampered = sealed.clone();
    let at = tampered.len() - 3;
    let c = if &tampered[at..at + 1] == "A" { "B" } else { "A" };
    tampered.replace_range(at..at + 1, c);
    update(&mut s, Msg::Send(CLOCK));
    update(&mut s, Msg::Answered(answer(tampered)));
    assert!(drawn(&s, "en").1.contains("(tampered): "));

    let unsupported = sealed.replacen("eyJhbGciOiJSU0EtT0FFUC0yNTYi", "eyJhbGciOiJSU0ExXzUi", 1); // {"alg":"RSA1_5"
    update(&mut s, Msg::Send(CLOCK));
    update(&mut s, Msg::Answered(answer(unsupported)));
    assert!(drawn(&s, "en").1.contains("(unsupported alg/enc): "));
    // The first exchange again, from the history (newest first): shown decrypted again.
    let first = s.history.entries().len() - 1;
    update(&mut s, Msg::ShowHistory(first));
    assert!(drawn(&s, "en").0.starts_with("── Response (decrypted from encData) ──"));
}

#[test]
fn a_server_key_that_cannot_encrypt_leaves_the_body_plain_without_a_key_id() {
    let mut s = loaded();
    panel(&mut s, field::KEY_ID, k::SERVER_KEY_ID);
    for pem in ["not a key", k::RSA_1024_PUBLIC_SPKI, k::EC_PUBLIC_SPKI] {
        panel(&mut s, field::SERVER_KEY, pem);
        assert!(wire(&s).is_none(), "{pem}");
        let d = s.draft(CLOCK);
        assert!(!d.headers.iter().any(|(n, _)| n == catalog::CRYPTO_KEY_ID), "no key id for a plain body");
    }
}

#[test]
fn keys_stay_out_of_the_console_and_clear_removes_them_from_the_module() {
    let mut s = loaded();
    use_test_keys(&mut s);
    assert!(wire(&s).is_some());
    let link = s.link().fragment();
    assert!(!link.contains("PRIVATE") && !link.contains("PUBLIC"), "{link}");
    assert!(!format!("{:?}", s.crypto).contains("PUBLIC"), "{:?}", s.crypto);
    update(&mut s, Msg::ClearCredentials);
    assert!(wire(&s).is_none(), "the module forgot the server key: nothing is sealed");
    let d = s.draft(CLOCK);
    assert!(d.report.violations.iter().any(|v| v.rule() == konaplate_core::Rule::Encryption), "the plain-body note");
}

#[test]
fn a_plain_operation_asks_the_module_for_nothing_and_sends_its_body() {
    let native = Rc::new(Native::default());
    let mut s = State::new(&Start::default(), None, CLOCK);
    update(&mut s, Msg::Endpoint(one_time_token(), CLOCK));
    update(&mut s, Msg::CryptoLoaded(Some(Loaded(native.clone()))));
    use_test_keys(&mut s);
    assert!(wire(&s).is_some());
    // `Crypto::seal`'s guard: the module seals only an Encrypted operation's body (it is never
    // told whether the operation is one).
    update(&mut s, Msg::Endpoint(&catalog::CHARGE_ENDPOINT, CLOCK));
    let seals = native.seals.get();
    update(&mut s, Msg::Zone(konaplate_core::time::TimeZone::Kst));
    use_test_keys(&mut s);
    update(&mut s, Msg::Send(CLOCK));
    let d = s.draft(CLOCK);
    assert_eq!(native.seals.get(), seals, "a plain operation's body is never sent to be sealed");
    assert!(d.sealed.is_none() && !d.headers.iter().any(|(n, _)| n == catalog::CRYPTO_KEY_ID));
    assert_eq!(shown(&s).request.body, d.body, "sent plain");
    assert!(shown(&s).plaintext.is_none());
    update(&mut s, Msg::Endpoint(one_time_token(), CLOCK));
    assert!(wire(&s).is_some() && native.seals.get() > seals, "an Encrypted one's is");
}

#[test]
fn a_response_that_only_names_enc_data_loads_the_module_which_opens_nothing() {
    let mut s = State::new(&Start::default(), None, CLOCK);
    update(&mut s, Msg::Target(crate::exchange::Target::Server));
    update(&mut s, Msg::Send(CLOCK));
    let body = r#"{"response":{"code":"000_000","description":"no encData here"}}"#.to_string();
    let answer = SandboxResponse { status: 200, code: String::new(), headers: vec![], body };
    assert_eq!(update(&mut s, Msg::Answered(answer)), Some(Effect::LoadCrypto));
    update(&mut s, Msg::CryptoLoaded(Some(Loaded(Rc::new(Native::default())))));
    assert_eq!(drawn(&s, "en"), (String::new(), String::new()), "not an encData object: nothing to open");
}
