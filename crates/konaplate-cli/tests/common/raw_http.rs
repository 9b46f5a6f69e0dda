//! A minimal HTTP/1.1 client over a TcpStream, for tests only: it writes exactly the bytes it is
//! given (header names as spelled, repeats, NUL bytes), can stall half-way through a body, and
//! reads the answer until the server closes the connection (`Connection: close`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// How the body is sent.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// All at once (from a writer thread, so a server that answers early is still read).
    Whole,
    /// Half the body, then nothing more: a client slower than any timeout.
    StallHalfway,
}

pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
    pub pace: Pace,
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Sends `request` to `addr` and reads the whole answer. A safety bound of 60 s on reads keeps
/// a hung server from hanging the test (it is not a timing assertion).
pub fn send(addr: &str, request: &Request<'_>) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head =
        format!("{} {} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n", request.method, request.path).into_bytes();
    for (name, value) in request.headers {
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(format!("Content-Length: {}\r\n\r\n", request.body.len()).as_bytes());
    // Head and body in one write, so a whole request arrives together (a short body timeout
    // never depends on scheduling between two writes).
    let sent = match request.pace {
        Pace::Whole => request.body.len(),
        Pace::StallHalfway => request.body.len() / 2,
    };
    head.extend_from_slice(&request.body[..sent]);
    let mut writer = stream.try_clone().unwrap();
    let stall = request.pace == Pace::StallHalfway;
    // Write from another thread: a server may answer (413) before reading a large body.
    let written = std::thread::spawn(move || {
        let _ = writer.write_all(&head).and_then(|_| writer.flush());
        if stall {
            // Keep the connection open without sending the rest; returning drops only this clone.
            return Some(writer);
        }
        None
    });
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    drop(written.join());
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no HTTP answer: {text:?}"));
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    Response { status, headers, body: body.to_string() }
}
