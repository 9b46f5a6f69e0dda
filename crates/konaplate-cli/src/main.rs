//! `konaplate`: sign bodies, generate X-KM headers, validate requests, and (see `serve`) run
//! the sandbox. Every rule comes from `konaplate-core`; this crate only reads input and prints.

mod catalog_cmd;
mod cors;
mod crypto_cmd;
mod doctor_cmd;
mod export_cmd;
mod input;
mod operation_arg;
mod proxy;
mod serve;
mod sign_cmd;
mod validate_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  # The tran-token for a body file (secret from $KONAPLATE_SECRET_KEY):
  KONAPLATE_SECRET_KEY=... konaplate sign body.json

  # All seven X-KM headers, fixed clock and random bytes for a reproducible result:
  konaplate headers --asp-id KPSANDBOX000001 --zone KST --time-ms 1667876894608 --random-hex deadbeef body.json

  # Validate a request; exit status 1 lists the violations (add --json for machines, --lang ko):
  konaplate validate --endpoint charge -H 'X-KM-Time-Zone: KST' body.json

  # Check a tran-token against a body:
  konaplate verify --token 'KMV1:20221108120814608:...' body.json

  # Diagnose a pasted request (cURL, raw HTTP or HAR); with the secret, say why its token fails:
  pbpaste | KONAPLATE_SECRET_KEY=... konaplate doctor

  # Forward the console's requests to KONA PLATE's sandbox, checking both directions:
  konaplate proxy --to https://sandbox.konaplate.com/open-api
  # Message encryption: a test key pair, a body to send, and back:
  konaplate keys new --out keys/
  konaplate encrypt --public-key server-cert.pem body.json > encrypted.json
  konaplate decrypt --private-key keys/private.pem encrypted.json
  konaplate headers --encrypt-with server-cert.pem --crypto-key-id <32 chars> --body-out encrypted.json body.json

  # The sandbox on http://127.0.0.1:8787/open-api, state kept across restarts:
  KONAPLATE_SECRET_KEY=... konaplate serve --db sandbox.redb

The secret key is read from an environment variable or a file, never from a flag, and is never printed.";

#[derive(Parser)]
#[command(name = "konaplate", version = konaplate_core::VERSION, about = "KONA PLATE Open API toolkit: sign, headers, validate, sandbox", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the X-KM-Tran-Token for a body (the exact bytes of FILE or stdin).
    Sign(sign_cmd::SignArgs),
    /// Print all X-KM headers for a body, signed over its exact bytes.
    Headers(sign_cmd::HeadersArgs),
    /// Check a tran-token against a body and secret (constant-time comparison).
    Verify(sign_cmd::VerifyArgs),
    /// Validate headers and body against the catalog; exit status 1 when there are errors.
    Validate(validate_cmd::ValidateArgs),
    /// Diagnose a pasted request (cURL, raw HTTP or HAR): exit 0 valid, 1 a problem found, 2 unreadable.
    Doctor(doctor_cmd::DoctorArgs),
    /// List endpoints, response codes, Test Data scenarios and documentation notes.
    Catalog(catalog_cmd::CatalogArgs),
    /// Run the sandbox: KONA PLATE's charge flow simulated over HTTP under /open-api.
    Serve(serve::ServeArgs),
    /// Forward requests to a KONA PLATE server with CORS, checking both directions against the document.
    Proxy(proxy::ProxyArgs),
    /// Export the catalog as a Postman or Bruno collection whose scripts sign every request.
    Export(export_cmd::ExportArgs),
    /// Print the catalog as an OpenAPI 3.1 document.
    Openapi,
    /// Test RSA key pairs for message encryption.
    #[command(subcommand)]
    Keys(crypto_cmd::KeysCommand),
    /// Encrypt a body to the server's key: prints {"encData":"<JWE>"} (RSA-OAEP-256 + A128GCM).
    Encrypt(crypto_cmd::EncryptArgs),
    /// Decrypt {"encData":"<JWE>"} or a bare JWE with a private key; prints the plaintext.
    Decrypt(crypto_cmd::DecryptArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Sign(args) => sign_cmd::sign(args),
        Command::Headers(args) => sign_cmd::headers(args),
        Command::Verify(args) => sign_cmd::verify(args),
        Command::Validate(args) => validate_cmd::run(args),
        Command::Doctor(args) => doctor_cmd::run(args),
        Command::Catalog(args) => catalog_cmd::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Proxy(args) => proxy::run(args),
        Command::Export(args) => export_cmd::run(args),
        Command::Keys(command) => crypto_cmd::keys(command),
        Command::Encrypt(args) => crypto_cmd::encrypt(args),
        Command::Decrypt(args) => crypto_cmd::decrypt(args),
        Command::Openapi => {
            let doc = konaplate_core::openapi::document(None);
            serde_json::to_string_pretty(&doc)
                .map(|text| {
                    println!("{text}");
                    ExitCode::SUCCESS
                })
                .map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("konaplate: {message}");
            ExitCode::from(2)
        }
    }
}
