//! `keys new`, `encrypt`, `decrypt`, and the `--encrypt-with` options of `sign` and `headers`.
//! Randomness comes from the OS here (getrandom); the core takes it as input.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use konaplate_core::jwe::{self, Enc, PrivateKey, PublicKey, Randomness};
use konaplate_core::Text;

use crate::input;

/// `enc` of the JWE we write.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum EncArg {
    #[default]
    #[value(name = "A128GCM")]
    A128Gcm,
    #[value(name = "A256GCM")]
    A256Gcm,
}

impl From<EncArg> for Enc {
    fn from(e: EncArg) -> Self {
        match e {
            EncArg::A128Gcm => Enc::A128Gcm,
            EncArg::A256Gcm => Enc::A256Gcm,
        }
    }
}

/// The OS random source (getrandom), for RSA key generation.
struct OsRandom;

impl rand_core::TryRng for OsRandom {
    type Error = getrandom::Error;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        getrandom::u32()
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        getrandom::u64()
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        getrandom::fill(dst)
    }
}

impl rand_core::TryCryptoRng for OsRandom {}

/// Fresh randomness for one encryption.
pub fn os_randomness() -> Result<Randomness, String> {
    let mut bytes = [0u8; Randomness::LEN];
    getrandom::fill(&mut bytes).map_err(|e| format!("no OS randomness: {e}"))?;
    Ok(Randomness::from_bytes(&bytes))
}

fn read_text(path: &Path, what: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {what} {}: {e}", path.display()))
}

fn key_error(path: &Path, e: jwe::KeyError) -> String {
    let Text { en, ko } = e.explain();
    format!("{}: {en}\n{}: {ko}", path.display(), path.display())
}

pub fn load_public_key(path: &Path) -> Result<PublicKey, String> {
    PublicKey::from_pem(&read_text(path, "key file")?).map_err(|e| key_error(path, e))
}

pub fn load_private_key(path: &Path) -> Result<PrivateKey, String> {
    PrivateKey::from_pem(&read_text(path, "key file")?).map_err(|e| key_error(path, e))
}

/// `{"encData":"<JWE>"}` for `body` under the key in `path`.
pub fn encrypted_body(path: &Path, enc: Enc, body: &[u8]) -> Result<String, String> {
    let key = load_public_key(path)?;
    let jwe = jwe::encrypt(&key, enc, body, &os_randomness()?).map_err(|e| e.to_string())?;
    Ok(jwe::wrap(&jwe))
}

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Write a new RSA-2048 test key pair (private.pem, PKCS#8; public.pem, SPKI) and key-id.txt.
    New {
        /// Directory to write into (created when missing; existing files are not overwritten).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

pub fn keys(command: KeysCommand) -> Result<ExitCode, String> {
    use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    let KeysCommand::New { out } = command;
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let paths = [out.join("private.pem"), out.join("public.pem"), out.join("key-id.txt")];
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(format!("{} exists; choose an empty directory", existing.display()));
    }
    let key = rsa::PrivateKey::new(&mut OsRandom, 2048).map_err(|e| format!("key generation failed: {e}"))?;
    let private = key.to_pkcs8_pem(LineEnding::LF).map_err(|e| e.to_string())?;
    let public = key.to_public_key().to_public_key_pem(LineEnding::LF).map_err(|e| e.to_string())?;
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| format!("no OS randomness: {e}"))?;
    let key_id: String = id.iter().map(|b| format!("{b:02x}")).collect();
    write_private(&paths[0], private.as_bytes())?;
    std::fs::write(&paths[1], public.as_bytes()).map_err(|e| format!("cannot write {}: {e}", paths[1].display()))?;
    std::fs::write(&paths[2], format!("{key_id}\n"))
        .map_err(|e| format!("cannot write {}: {e}", paths[2].display()))?;
    println!("wrote {} (keep it secret), {} and {}", paths[0].display(), paths[1].display(), paths[2].display());
    println!("key id (X-KM-Crypto-Key-Id): {key_id}");
    Ok(ExitCode::SUCCESS)
}

/// Writes a private key readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[derive(Args, Debug)]
pub struct EncryptArgs {
    /// Plaintext body file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// The server's key: SPKI or PKCS#1 public-key PEM, or its X.509 certificate PEM.
    #[arg(long, value_name = "KEY.pem")]
    pub public_key: PathBuf,
    #[arg(long, value_enum, default_value = "A128GCM")]
    pub enc: EncArg,
}

pub fn encrypt(args: EncryptArgs) -> Result<ExitCode, String> {
    let body = input::read_body(args.file.as_deref())?;
    input::warn_trailing_newline(&body);
    println!("{}", encrypted_body(&args.public_key, args.enc.into(), &body)?);
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct DecryptArgs {
    /// `{"encData":"<JWE>"}` or a bare compact JWE; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// The private key (PKCS#8 or PKCS#1 PEM).
    #[arg(long, value_name = "KEY.pem")]
    pub private_key: PathBuf,
}

pub fn decrypt(args: DecryptArgs) -> Result<ExitCode, String> {
    let input = input::read_body(args.file.as_deref())?;
    let text = String::from_utf8(input).map_err(|_| "the input is not UTF-8 text".to_string())?;
    let jwe = if text.trim_start().starts_with('{') {
        jwe::unwrap_body(&text).map_err(|e| {
            let Text { en, ko } = e.explain();
            format!("{en}\n{ko}")
        })?
    } else {
        text.trim().to_string()
    };
    let key = load_private_key(&args.private_key)?;
    match jwe::decrypt(&key, &jwe) {
        Ok(out) => {
            use std::io::Write;
            std::io::stdout().write_all(&out.plaintext).map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let Text { en, ko } = e.explain();
            eprintln!("konaplate: cannot decrypt: {en}\nkonaplate: 복호화할 수 없습니다: {ko}");
            Ok(ExitCode::from(1))
        }
    }
}

/// `--encrypt-with` and `--enc` for `sign` and `headers`.
#[derive(Args, Debug, Clone)]
pub struct EncryptWith {
    /// Encrypt the body to this server key first; the token then signs the `{"encData":…}`
    /// wrapper, which is printed too (or written to --body-out).
    #[arg(long, value_name = "KEY.pem")]
    pub encrypt_with: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "A128GCM", requires = "encrypt_with")]
    pub enc: EncArg,
    /// Write the encrypted body here instead of printing it after a blank line.
    #[arg(long, value_name = "PATH", requires = "encrypt_with")]
    pub body_out: Option<PathBuf>,
}

impl EncryptWith {
    /// The bytes to sign and send: the body itself, or its encrypted wrapper.
    pub fn body_to_send(&self, body: Vec<u8>) -> Result<Vec<u8>, String> {
        match &self.encrypt_with {
            Some(key) => Ok(encrypted_body(key, self.enc.into(), &body)?.into_bytes()),
            None => Ok(body),
        }
    }

    /// Hands the encrypted body to the user (after the signature output).
    pub fn emit(&self, sent: &[u8]) -> Result<(), String> {
        if self.encrypt_with.is_none() {
            return Ok(());
        }
        match &self.body_out {
            Some(path) => std::fs::write(path, sent).map_err(|e| format!("cannot write {}: {e}", path.display())),
            None => {
                println!("\n{}", String::from_utf8_lossy(sent));
                Ok(())
            }
        }
    }
}

/// X-KM-Crypto-Key-Id: exactly 32 visible ASCII characters.
pub fn check_key_id(id: &str) -> Result<(), String> {
    let count = id.chars().count();
    if count != 32 || !id.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(format!(
            "--crypto-key-id must be exactly 32 visible ASCII characters (got {count})\n--crypto-key-id는 공백 없는 ASCII 32자여야 합니다(입력 {count}자)"
        ));
    }
    Ok(())
}
