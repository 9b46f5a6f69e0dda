//! `export`: the catalog as a Postman collection (stdout) or a Bruno collection (a folder).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub format: ExportFormat,
}

#[derive(Subcommand, Debug)]
pub enum ExportFormat {
    /// A Postman Collection v2.1 (JSON on stdout, or --out FILE).
    Postman {
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// A Bruno collection: a folder of .bru files (created; must not exist or be empty).
    Bruno {
        #[arg(long, short, value_name = "DIR")]
        out: PathBuf,
    },
}

pub fn run(args: ExportArgs) -> Result<ExitCode, String> {
    match args.format {
        ExportFormat::Postman { out } => {
            let text = serde_json::to_string_pretty(&konaplate_core::export::postman::collection())
                .map_err(|e| e.to_string())?;
            match out {
                Some(path) => {
                    std::fs::write(&path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))?
                }
                None => println!("{text}"),
            }
        }
        ExportFormat::Bruno { out } => {
            if out.read_dir().is_ok_and(|mut entries| entries.next().is_some()) {
                return Err(format!("{} exists and is not empty", out.display()));
            }
            for (relative, content) in konaplate_core::export::bruno::files() {
                let path = out.join(&relative);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
                }
                std::fs::write(&path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            println!("Bruno collection written to {}", out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
