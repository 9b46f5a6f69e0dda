//! `konaplate serve`: the sandbox simulator behind real HTTP, under `/open-api/...` like the
//! real sandbox host, for the console, snippets and any HTTP client.

pub mod accept;
mod http;
mod journey;
mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64ct::{Base64, Encoding as _};
use clap::Args;
use konaplate_core::catalog::sandbox;
use konaplate_core::jwe::test_keys;
use konaplate_core::sandbox::{Sandbox, SandboxConfig, SandboxCrypto};
use konaplate_core::Text;

use crate::input::{SecretArgs, SpecArgs};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Keep the sandbox state in this database file (survives restarts and kill -9).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Seed of generated ids (nrNumber, one-time tokens).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Browser origin allowed by CORS; repeat for several. Default: the Trunk console's.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = 64 * 1024)]
    pub body_limit: usize,
    /// Time allowed to receive a request body, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    pub body_timeout_ms: u64,
    /// Time allowed to receive a request's line and headers, in milliseconds; then the
    /// connection is closed.
    #[arg(long, default_value_t = 10_000)]
    pub header_timeout_ms: u64,
    /// Answer a failed signature (000_903) with the HMAC expected over the received body.
    /// That makes the server a signing oracle for anyone who can reach it, so it is on by
    /// default only on a loopback address; `--explain-signatures=false` turns it off there too.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true")]
    pub explain_signatures: Option<bool>,
    /// The server's private key (PKCS#8 or PKCS#1 PEM) that decrypts encrypted requests.
    /// Default: the published test key of testdata/keys/server-private.pem.
    #[arg(long, value_name = "KEY.pem", requires = "crypto_key_id")]
    pub crypto_key: Option<PathBuf>,
    /// The key id (X-KM-Crypto-Key-Id, 32 characters) of --crypto-key.
    #[arg(long, value_name = "ID", requires = "crypto_key")]
    pub crypto_key_id: Option<String>,
    /// The client's public key (or certificate) that encrypted responses are sealed to.
    /// Default: testdata/keys/client-public.pem.
    #[arg(long, value_name = "KEY.pem")]
    pub client_public_key: Option<PathBuf>,
    /// Secret key source; without one, a secret is generated and printed once.
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Answer a loaded document's operations instead of the built-in ones.
    #[command(flatten)]
    pub spec: SpecArgs,
}

/// What every request handler shares.
pub struct App {
    pub sandbox: Mutex<Sandbox>,
    pub store: Option<store::Store>,
    pub body_limit: usize,
    pub body_timeout: Duration,
    pub base_url: String,
    /// The document served at `/openapi.json` when `--spec` loaded one (else the built-in).
    pub spec_document: Option<serde_json::Value>,
}

pub fn run(args: ServeArgs) -> Result<ExitCode, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(serve(args))
}

fn generated_secret() -> Result<String, String> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| format!("no OS randomness: {e}"))?;
    Ok(Base64::encode_string(&bytes))
}

/// The sandbox's encryption keys: the test keys unless others are given.
fn sandbox_crypto(args: &ServeArgs) -> Result<SandboxCrypto, String> {
    let read = |path: &PathBuf| {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read key file {}: {e}", path.display()))
    };
    let server_pem = args.crypto_key.as_ref().map(read).transpose()?;
    let client_pem = args.client_public_key.as_ref().map(read).transpose()?;
    let server_id = args.crypto_key_id.as_deref().unwrap_or(test_keys::SERVER_KEY_ID);
    crate::crypto_cmd::check_key_id(server_id)?;
    let fill: konaplate_core::sandbox::Fill = Box::new(|buf: &mut [u8]| {
        // The OS source; should it fail, the process cannot encrypt safely at all.
        getrandom::fill(buf).expect("OS randomness for response encryption");
    });
    SandboxCrypto::new(
        server_pem.as_deref().unwrap_or(test_keys::SERVER_PRIVATE_PKCS8),
        server_id,
        client_pem.as_deref().unwrap_or(test_keys::CLIENT_PUBLIC_SPKI),
        test_keys::CLIENT_KEY_ID,
        fill,
    )
    .map_err(|e| {
        let Text { en, ko } = e.explain();
        format!("encryption key: {en}\n암호화 키: {ko}")
    })
}

async fn serve(args: ServeArgs) -> Result<ExitCode, String> {
    let (secret_key, secret_source) = match args.secret.load() {
        Ok(bytes) => (
            String::from_utf8(bytes).map_err(|_| "the secret key is not UTF-8")?,
            "from your environment/file (not shown)".to_string(),
        ),
        Err(_) => {
            let secret = generated_secret()?;
            let shown = format!("{secret}  (generated for this run; shown once)");
            (secret, shown)
        }
    };
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let addr: SocketAddr = listener.local_addr().map_err(|e| e.to_string())?;
    let explain_signatures = args.explain_signatures.unwrap_or(addr.ip().is_loopback());
    let operations = args.spec.operations()?;
    let spec_document = match &args.spec.spec {
        Some(path) => Some(
            konaplate_core::json::read(&std::fs::read_to_string(path).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    let config = SandboxConfig { secret_key, seed: args.seed };
    let store = args.db.as_deref().map(store::Store::open).transpose()?;
    let crypto = sandbox_crypto(&args)?;
    let sandbox = match store.as_ref().map(store::Store::load).transpose()?.flatten() {
        Some(state) => Sandbox::with_state(config, state),
        None => Sandbox::new(config),
    }
    .with_operations(operations)
    .explain_signatures(explain_signatures)
    .with_crypto(crypto);
    if let Some(store) = &store {
        store.save(sandbox.state())?;
    }
    let base_url = format!("http://{addr}/open-api");
    let origins = crate::cors::origins_or_default(&args.allow_origins);
    println!("konaplate sandbox listening on {base_url}");
    println!("  ASP ID      {}", sandbox::ASP_ID);
    println!("  access key  {}", sandbox::ACCESS_KEY);
    println!("  secret key  {secret_source}");
    if let Some(crypto) = sandbox.crypto() {
        let keys = crypto.published();
        let source =
            if args.crypto_key.is_some() { "--crypto-key" } else { "test key, testdata/keys/server-public.pem" };
        println!("  crypto key  id {}  ({source}; encrypted APIs require {{\"encData\"}})", crypto.server_key_id());
        println!(
            "  client key  id {}  (responses marked encrypted are sealed to it)",
            keys["client"]["keyId"].as_str().unwrap_or_default()
        );
        println!("  keys        http://{addr}/sandbox/crypto-keys");
    }
    println!("  OpenAPI     http://{addr}/openapi.json");
    println!("  health      http://{addr}/healthz");
    println!("  CORS        {}", origins.join(", "));
    println!(
        "  signatures  {}",
        if explain_signatures {
            "a 000_903 answer quotes the expected HMAC (a signing oracle: keep this server to yourself)"
        } else {
            "a 000_903 answer does not quote the expected HMAC (--explain-signatures to change)"
        }
    );
    journey::print_fixtures(addr);
    println!("  state       {}", args.db.as_ref().map_or("in memory".to_string(), |p| p.display().to_string()));
    let app = Arc::new(App {
        sandbox: Mutex::new(sandbox),
        store,
        body_limit: args.body_limit,
        body_timeout: Duration::from_millis(args.body_timeout_ms),
        base_url,
        spec_document,
    });
    let router = http::router(app, &origins)?;
    accept::serve("konaplate sandbox", listener, router, Duration::from_millis(args.header_timeout_ms)).await;
    Ok(ExitCode::SUCCESS)
}
