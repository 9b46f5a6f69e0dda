//! Project automation, run with `cargo run -p xtask -- <task>`.
//!
//! `codegen` reads the KONA PLATE document in `spec/` (OpenAPI 3.1 with `x-konaplate-*`
//! extensions, one file per operation plus shared parts) and writes what the binaries embed:
//! the core's catalog as typed Rust statics (`crates/konaplate-core/src/catalog/generated.rs`)
//! and the assembled document (`crates/konaplate-core/src/catalog/openapi.json`). Both outputs
//! are committed; `codegen --check` (and this crate's test) fails when they are out of date, as
//! rust-analyzer's `xtask codegen` does.

mod document;
mod emit;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The generated files, relative to the workspace root, and their contents for `spec/`.
fn outputs(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let doc = document::assemble(&root.join("spec"))?;
    let catalog = root.join("crates/konaplate-core/src/catalog");
    Ok(vec![(catalog.join("generated.rs"), emit::rust(&doc)?), (catalog.join("openapi.json"), emit::json(&doc.value))])
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// The generated files that differ from what `spec/` gives, written when `write` is set.
fn codegen(root: &Path, write: bool) -> Result<Vec<PathBuf>, String> {
    let mut stale = Vec::new();
    for (path, contents) in outputs(root)? {
        if std::fs::read_to_string(&path).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        if write {
            std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        stale.push(path);
    }
    Ok(stale)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    let result = match args.as_slice() {
        ["codegen"] => codegen(&root, true).map(|written| {
            for path in &written {
                println!("wrote {}", path.display());
            }
            if written.is_empty() {
                println!("generated files are up to date");
            }
        }),
        ["codegen", "--check"] => codegen(&root, false).and_then(|stale| {
            if stale.is_empty() {
                return Ok(());
            }
            let names: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
            Err(format!("out of date: {}; run `cargo run -p xtask -- codegen`", names.join(", ")))
        }),
        _ => Err("usage: cargo run -p xtask -- codegen [--check]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_are_up_to_date() {
        let stale = codegen(&workspace_root(), false).unwrap();
        assert!(stale.is_empty(), "out of date: {stale:?}; run `cargo run -p xtask -- codegen` and commit the result");
    }
}
