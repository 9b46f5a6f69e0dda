//! Helpers shared by the CLI crate's integration tests: running the binary, spawning `konaplate serve`, and a raw
//! HTTP/1.1 client that can send what ordinary clients refuse to (repeated or odd headers, NUL
//! bytes, a body trickled slowly, 50 MB).
#![allow(dead_code)] // each test binary uses part of this module

pub mod charge;
pub mod cli;
pub mod raw_http;
pub mod server;
