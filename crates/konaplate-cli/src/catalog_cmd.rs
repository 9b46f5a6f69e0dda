//! `catalog`: what konaplate knows, for reading or for machines (`--json`).

use std::process::ExitCode;

use clap::Args;
use konaplate_core::catalog::{self, Provenance};

use crate::input::SpecArgs;

#[derive(Args, Debug)]
pub struct CatalogArgs {
    /// Print endpoints, headers, codes, scenarios and notes as one JSON document.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub spec: SpecArgs,
}

pub fn run(args: CatalogArgs) -> Result<ExitCode, String> {
    let operations = args.spec.operations()?;
    if args.json {
        let mut doc = catalog::export();
        doc["endpoints"] = serde_json::to_value(&operations).map_err(|e| e.to_string())?;
        println!("{}", serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("Endpoints:");
    for e in &operations {
        println!("  {:<21} {} {}  {}", e.id, e.method, e.path, e.name.en);
    }
    println!("\nResponse codes (* = assigned by konaplate, not published by KONA PLATE):");
    for c in catalog::CODES {
        let mark = if c.provenance == Provenance::Ours { "*" } else { " " };
        println!("  {}{mark} {} {}", c.code, c.http, c.message);
    }
    let own: Vec<_> = operations.iter().flat_map(|e| e.own_codes.iter().map(move |c| (e.id, c))).collect();
    if !own.is_empty() {
        println!("\nResponse codes the document declares (* = assigned by its authors, not published by the API):");
        for (id, c) in own {
            let mark = if c.provenance == Provenance::Ours { "*" } else { " " };
            println!("  {}{mark} {} {}  ({id}: {})", c.code, c.http, c.message, c.meaning.en);
        }
    }
    println!("\nTest Data scenarios:");
    for s in catalog::SCENARIOS {
        println!("  {:<24} {}  -> {}", s.id, s.display_label(), s.code);
    }
    println!("\nJourney Test Data (one request each on the sandbox's seeded state; GET /sandbox/fixtures):");
    for c in catalog::TEST_DATA {
        println!("  {:<22} {:<26} -> {}  {}", c.operation.endpoint().id, c.id, c.code, c.trigger.en);
    }
    println!("\nDocumentation notes:");
    for n in catalog::notes::ALL {
        println!("  {}: {}", n.id, n.text.en);
    }
    Ok(ExitCode::SUCCESS)
}
