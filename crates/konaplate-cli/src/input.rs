//! Reading what commands take from outside: body bytes, the secret key, the clock.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Args;

/// The body: a file path, or `-`/nothing for standard input. Read as exact bytes.
pub fn read_body(path: Option<&Path>) -> Result<Vec<u8>, String> {
    match path {
        Some(p) if p != Path::new("-") => {
            std::fs::read(p).map_err(|e| format!("cannot read body file {}: {e}", p.display()))
        }
        _ => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read body from stdin: {e}"))?;
            Ok(buf)
        }
    }
}

/// Warns (on stderr) about a trailing newline, the commonest reason a signature fails later.
pub fn warn_trailing_newline(body: &[u8]) {
    if body.ends_with(b"\n") {
        eprintln!(
            "konaplate: note: the body ends with a newline, and it is signed with it; send the bytes unchanged \
             (curl --data-binary @file), or remove it before signing."
        );
    }
}

/// Where the secret key comes from: an environment variable (default) or a file.
#[derive(Args, Debug, Clone)]
pub struct SecretArgs {
    /// Environment variable holding the secret key.
    #[arg(long, value_name = "NAME", default_value = "KONAPLATE_SECRET_KEY")]
    pub secret_env: String,
    /// File holding the secret key (one trailing newline is ignored). Overrides --secret-env.
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,
}

impl SecretArgs {
    /// The secret key bytes. Errors name the source, never the value.
    pub fn load(&self) -> Result<Vec<u8>, String> {
        let secret = match &self.secret_file {
            Some(path) => {
                let mut bytes =
                    std::fs::read(path).map_err(|e| format!("cannot read secret file {}: {e}", path.display()))?;
                if bytes.ends_with(b"\n") {
                    bytes.pop();
                    if bytes.ends_with(b"\r") {
                        bytes.pop();
                    }
                }
                bytes
            }
            None => std::env::var_os(&self.secret_env)
                .ok_or_else(|| format!("no secret key: set ${} or pass --secret-file", self.secret_env))?
                .into_encoded_bytes(),
        };
        if secret.is_empty() {
            return Err("the secret key is empty".into());
        }
        Ok(secret)
    }
}

/// Milliseconds since the Unix epoch now, unless fixed by a flag.
pub fn epoch_ms(fixed: Option<i64>) -> i64 {
    fixed.unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0))
}

/// Four random bytes for the correlation id, from `--random-hex` or the OS.
pub fn random_bytes(hex: Option<&str>) -> Result<[u8; 4], String> {
    match hex {
        Some(h) => {
            let ok = h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit());
            let value = u32::from_str_radix(h, 16).ok().filter(|_| ok).ok_or("--random-hex takes 8 hex digits")?;
            Ok(value.to_be_bytes())
        }
        None => {
            let mut bytes = [0u8; 4];
            getrandom::fill(&mut bytes).map_err(|e| format!("no OS randomness: {e}"))?;
            Ok(bytes)
        }
    }
}

/// The operations a command works on: the built-in document's, or those of `--spec FILE`.
#[derive(Args, Debug, Clone, Default)]
pub struct SpecArgs {
    /// An OpenAPI 3.1 document (JSON) whose operations replace the built-in ones; operations
    /// are then addressed by their operationId or path.
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,
}

impl SpecArgs {
    /// The operations, or why the document was refused (JSON pointer and reason, EN and KO).
    pub fn operations(&self) -> Result<Vec<&'static konaplate_core::catalog::Endpoint>, String> {
        let Some(path) = &self.spec else { return Ok(konaplate_core::catalog::ENDPOINTS.to_vec()) };
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read --spec {}: {e}", path.display()))?;
        konaplate_core::catalog::load::load(&text)
            .map(|doc| doc.operations)
            .map_err(|e| format!("--spec {}: {}: {}\n  ({})", path.display(), e.pointer, e.message.en, e.message.ko))
    }

    /// The operation named by an operationId or a path.
    pub fn operation(&self, id_or_path: &str) -> Result<&'static konaplate_core::catalog::Endpoint, String> {
        let operations = self.operations()?;
        konaplate_core::catalog::find(&operations, id_or_path).ok_or_else(|| {
            let ids: Vec<&str> = operations.iter().map(|e| e.id).collect();
            format!("unknown endpoint {id_or_path:?}; one of {}", ids.join(", "))
        })
    }
}
