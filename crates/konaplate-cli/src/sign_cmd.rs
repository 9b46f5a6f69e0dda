//! `sign`, `headers` and `verify`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::sign::{tran_token, verify_tran_token};
use konaplate_core::time::{RequestTime, TimeZone};
use konaplate_core::Text;

use crate::crypto_cmd::{self, EncryptWith};
use crate::input::{self, SecretArgs};
use crate::operation_arg::OperationArgs;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Zone {
    #[value(name = "KST")]
    Kst,
    #[value(name = "UTC")]
    Utc,
}

impl From<Zone> for TimeZone {
    fn from(z: Zone) -> Self {
        match z {
            Zone::Kst => TimeZone::Kst,
            Zone::Utc => TimeZone::Utc,
        }
    }
}

#[derive(Args, Debug)]
pub struct SignArgs {
    /// Body file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Time zone of the token's time.
    #[arg(long, value_enum, default_value = "KST")]
    pub zone: Zone,
    /// Fixed time in epoch milliseconds instead of now (reproducible output).
    #[arg(long, value_name = "MS")]
    pub time_ms: Option<i64>,
    #[command(flatten)]
    pub encryption: EncryptWith,
    #[command(flatten)]
    pub operation: OperationArgs,
}

pub fn sign(args: SignArgs) -> Result<ExitCode, String> {
    let body = input::read_body(args.file.as_deref())?;
    input::warn_trailing_newline(&body);
    if !args.operation.check(&body)? {
        return Ok(ExitCode::from(1));
    }
    let secret = args.secret.load()?;
    let time = RequestTime::new(input::epoch_ms(args.time_ms), args.zone.into()).map_err(|e| e.to_string())?;
    let sent = args.encryption.body_to_send(body)?;
    println!("{}", tran_token(&secret, &time.token_time(), &sent));
    args.encryption.emit(&sent)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct HeadersArgs {
    /// Body file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// ASP ID (15 characters).
    #[arg(long, env = "KONAPLATE_ASP_ID", default_value = konaplate_core::catalog::sandbox::ASP_ID)]
    pub asp_id: String,
    /// Environment variable holding the access key (40 characters).
    #[arg(long, value_name = "NAME", default_value = "KONAPLATE_ACCESS_KEY")]
    pub access_key_env: String,
    #[arg(long, value_enum, default_value = "KST")]
    pub zone: Zone,
    #[arg(long, value_name = "MS")]
    pub time_ms: Option<i64>,
    /// Fixed 4 random bytes (8 hex digits) for the correlation id.
    #[arg(long, value_name = "HEX")]
    pub random_hex: Option<String>,
    /// X-KM-Crypto-Key-Id (32 characters), for encrypted bodies; required with --encrypt-with.
    #[arg(long, value_name = "ID")]
    pub crypto_key_id: Option<String>,
    #[command(flatten)]
    pub encryption: EncryptWith,
    /// Print a JSON object instead of `Name: value` lines.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub operation: OperationArgs,
}

pub fn headers(args: HeadersArgs) -> Result<ExitCode, String> {
    let body = input::read_body(args.file.as_deref())?;
    input::warn_trailing_newline(&body);
    if !args.operation.check(&body)? {
        return Ok(ExitCode::from(1));
    }
    if let Some(id) = &args.crypto_key_id {
        crypto_cmd::check_key_id(id)?;
    }
    if args.encryption.encrypt_with.is_some() && args.crypto_key_id.is_none() {
        return Err("--encrypt-with needs --crypto-key-id: KONA PLATE reads the key id from X-KM-Crypto-Key-Id".into());
    }
    if args.json && args.encryption.encrypt_with.is_some() && args.encryption.body_out.is_none() {
        return Err("--json with --encrypt-with needs --body-out, so standard output stays one JSON document".into());
    }
    let sent = args.encryption.body_to_send(body)?;
    let body = String::from_utf8(sent).map_err(|_| "the body is not UTF-8 text".to_string())?;
    let access_key = std::env::var(&args.access_key_env)
        .unwrap_or_else(|_| konaplate_core::catalog::sandbox::ACCESS_KEY.to_string());
    let credentials = Credentials {
        asp_id: args.asp_id,
        access_key,
        secret_key: String::from_utf8(args.secret.load()?).map_err(|_| "the secret key is not UTF-8".to_string())?,
    };
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms: input::epoch_ms(args.time_ms),
        zone: args.zone.into(),
        random: input::random_bytes(args.random_hex.as_deref())?,
        crypto_key_id: args.crypto_key_id.as_deref(),
    };
    let signed = generate(&inputs, &body).map_err(|e| e.to_string())?;
    if args.json {
        let map: serde_json::Map<String, serde_json::Value> =
            signed.headers.into_iter().map(|(n, v)| (n.to_string(), v.into())).collect();
        println!("{}", serde_json::to_string_pretty(&map).map_err(|e| e.to_string())?);
    } else {
        for (name, value) in signed.headers {
            println!("{name}: {value}");
        }
    }
    args.encryption.emit(body.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Body file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The X-KM-Tran-Token to check.
    #[arg(long)]
    pub token: String,
}

pub fn verify(args: VerifyArgs) -> Result<ExitCode, String> {
    let body = input::read_body(args.file.as_deref())?;
    let secret = args.secret.load()?;
    match verify_tran_token(&secret, &args.token, &body) {
        Ok(parsed) => {
            println!("ok: the token signs this body (time {})", parsed.time);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let Text { en, ko } = e.explain();
            println!("invalid: X-KM-Tran-Token {en}\n무효: X-KM-Tran-Token {ko}");
            Ok(ExitCode::from(1))
        }
    }
}
