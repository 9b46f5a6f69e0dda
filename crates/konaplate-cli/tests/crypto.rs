//! `keys new`, `encrypt`, `decrypt` and `--encrypt-with`, through the binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

const SECRET: &str = "cli-crypto-secret-do-not-print-51c2";
const BODY: &str = r#"{"cardNo":"1111222233334444","type":"ATM"}"#;
const SERVER_KEY_ID: &str = "6b6f6e61706c6174652d736572766572";

fn key(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/keys").join(name).display().to_string()
}

fn run(args: &[&str], stdin: &str) -> Output {
    let out = common::cli::konaplate(args, &[("KONAPLATE_SECRET_KEY", SECRET)], stdin.as_bytes());
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains(SECRET), "the secret was printed by {args:?}");
    assert!(!all.contains("-----BEGIN"), "key material printed by {args:?}");
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("konaplate-crypto-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn encrypt_then_decrypt_with_every_public_key_form() {
    for public in ["server-public.pem", "server-public-pkcs1.pem", "server-certificate.pem"] {
        let out = run(&["encrypt", "--public-key", &key(public)], BODY);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let wrapper = text(&out.stdout);
        assert!(
            wrapper.starts_with(r#"{"encData":"eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4R0NNIn0."#),
            "{wrapper}"
        );
        let back = run(&["decrypt", "--private-key", &key("server-private.pem")], wrapper.trim_end());
        assert!(back.status.success(), "{}", text(&back.stderr));
        assert_eq!(text(&back.stdout), BODY);
        // A bare JWE too, and the PKCS#1 private key.
        let bare = wrapper.trim_end().trim_start_matches(r#"{"encData":""#).trim_end_matches("\"}").to_string();
        let back = run(&["decrypt", "--private-key", &key("server-private-pkcs1.pem")], &bare);
        assert_eq!(text(&back.stdout), BODY);
    }
}

#[test]
fn decrypt_failures_say_why_and_exit_1() {
    let wrapper = text(&run(&["encrypt", "--public-key", &key("server-public.pem")], BODY).stdout);
    let wrong = run(&["decrypt", "--private-key", &key("client-private.pem")], &wrapper);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stderr).contains("encrypted for another key"), "{}", text(&wrong.stderr));
    let tampered = wrapper.replacen(".eyJ", ".eyK", 1).replace("\"}", "A\"}");
    let out = run(&["decrypt", "--private-key", &key("server-private.pem")], &tampered);
    assert_eq!(out.status.code(), Some(1));
    let public_as_private = run(&["decrypt", "--private-key", &key("server-public.pem")], &wrapper);
    assert_eq!(public_as_private.status.code(), Some(2));
    assert!(text(&public_as_private.stderr).contains("a private key is needed"));
}

#[test]
fn weak_or_foreign_keys_are_refused_in_both_languages() {
    for (file, en, ko) in [
        ("rsa1024-public.pem", "1024 bits; at least 2048", "최소 2048비트"),
        ("ec-public.pem", "not RSA", "RSA 키가 아닙니다"),
    ] {
        let out = run(&["encrypt", "--public-key", &key(file)], BODY);
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert!(err.contains(en) && err.contains(ko), "{err}");
    }
}

#[test]
fn keys_new_writes_a_working_pair_and_a_32_hex_key_id() {
    let dir = temp_dir("keys");
    let out = run(&["keys", "new", "--out", dir.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = std::fs::read_to_string(dir.join("key-id.txt")).unwrap();
    let id = id.trim();
    assert!(id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{id}");
    assert!(text(&out.stdout).contains(id));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("private.pem")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "private key readable by others: {mode:o}");
    }
    let public = dir.join("public.pem").display().to_string();
    let private = dir.join("private.pem").display().to_string();
    let wrapper = text(&run(&["encrypt", "--public-key", &public], BODY).stdout);
    assert_eq!(text(&run(&["decrypt", "--private-key", &private], &wrapper).stdout), BODY);
    let again = run(&["keys", "new", "--out", dir.to_str().unwrap()], "");
    assert_eq!(again.status.code(), Some(2), "must not overwrite a key");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn headers_and_sign_with_encrypt_with_sign_the_wrapper_sent() {
    let dir = temp_dir("headers");
    std::fs::create_dir_all(&dir).unwrap();
    let body_out = dir.join("body.json");
    let args = [
        "headers",
        "--encrypt-with",
        &key("server-certificate.pem"),
        "--crypto-key-id",
        SERVER_KEY_ID,
        "--body-out",
        body_out.to_str().unwrap(),
    ];
    let out = run(&args, BODY);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let headers = text(&out.stdout);
    assert!(headers.contains(&format!("X-KM-Crypto-Key-Id: {SERVER_KEY_ID}\n")), "{headers}");
    let sent = std::fs::read_to_string(&body_out).unwrap();
    assert!(sent.starts_with(r#"{"encData":""#));
    // The whole request validates, signature included, over the wrapper.
    let mut check =
        vec!["validate".to_string(), "--endpoint".into(), "one-time-token".into(), "--check-signature".into()];
    for line in headers.lines() {
        check.push("-H".into());
        check.push(line.to_string());
    }
    let check: Vec<&str> = check.iter().map(String::as_str).collect();
    let verdict = run(&check, &sent);
    assert!(verdict.status.success(), "{}", text(&verdict.stdout));
    assert_eq!(text(&run(&["decrypt", "--private-key", &key("server-private.pem")], &sent).stdout), BODY);

    // `sign`: the token, a blank line, then the wrapper it signs.
    let out = run(&["sign", "--encrypt-with", &key("server-public.pem")], BODY);
    let printed = text(&out.stdout);
    let (token, wrapper) = printed.split_once("\n\n").unwrap();
    let verify = run(&["verify", "--token", token.trim()], wrapper.trim_end());
    assert!(verify.status.success(), "{}", text(&verify.stdout));

    let short_id = run(&["headers", "--encrypt-with", &key("server-public.pem"), "--crypto-key-id", "abc"], BODY);
    assert_eq!(short_id.status.code(), Some(2));
    assert!(text(&short_id.stderr).contains("exactly 32"));
    std::fs::remove_dir_all(dir).unwrap();
}
