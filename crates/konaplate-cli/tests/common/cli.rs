//! Running the `konaplate` binary with chosen arguments, environment and standard input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `konaplate args` with only `env` among konaplate's variables (the secret and access key
/// are removed unless given), feeding `stdin` from a thread so a large input cannot deadlock. A
/// command that exits on its arguments without reading stdin is fine: the broken pipe is ignored.
pub fn konaplate<A: AsRef<std::ffi::OsStr>>(args: &[A], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_konaplate"));
    command.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    command.env_remove("KONAPLATE_SECRET_KEY").env_remove("KONAPLATE_ACCESS_KEY");
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let body = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&body);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
