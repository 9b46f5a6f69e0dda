//! The Wasm module's link map, for scripts/split-console.mjs: it moves the constants only the
//! second module's functions reach, and needs to know where each constant begins and ends, which
//! only the linker knows. Written next to the module (`<target>/wasm32-unknown-unknown/<profile>/
//! konaplate_console.map`), on every link of the console's own cdylib, and for Wasm only.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    // OUT_DIR is <target>/<triple>/<profile>/build/konaplate-console-<hash>/out.
    let Some(profile_dir) =
        std::env::var_os("OUT_DIR").map(PathBuf::from).and_then(|out| out.ancestors().nth(3).map(PathBuf::from))
    else {
        return;
    };
    println!("cargo:rustc-link-arg-cdylib=--Map={}", profile_dir.join("konaplate_console.map").display());
}
