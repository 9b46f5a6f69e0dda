//! `konaplate serve` on a free port, with its stdout and stderr collected; killed on drop.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

pub struct Server {
    pub child: Child,
    /// `http://127.0.0.1:PORT` (the API is under `/open-api`).
    pub base: String,
    /// `127.0.0.1:PORT`
    pub addr: String,
    /// Everything the server printed: stdout lines, then stderr as it arrives.
    pub output: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `konaplate serve --port 0 EXTRA…` with the given environment.
    pub fn start(extra: &[&str], env: &[(&str, &str)]) -> Server {
        Server::spawn(&[&["serve", "--port", "0"], extra].concat(), env)
    }

    /// `konaplate ARGS…` for a command whose first line ends with the URL it listens on.
    pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_konaplate"));
        command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        command.env_remove("KONAPLATE_SECRET_KEY");
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().expect("the server prints its address").unwrap();
        let base = first.rsplit(' ').next().unwrap().trim_end_matches("/open-api").to_string();
        let addr = base.trim_start_matches("http://").to_string();
        let output = Arc::new(Mutex::new(format!("{first}\n")));
        let sink = output.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut stderr = child.stderr.take().unwrap();
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Server { child, base, addr, output }
    }

    /// A CORS preflight (`OPTIONS path` from `origin`, asking to POST), answered head as text.
    pub fn raw_options(addr: &str, path: &str, origin: &str) -> String {
        use std::io::Write;
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
        let request = format!(
            "OPTIONS {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\n\
             Access-Control-Request-Headers: x-km-tran-token,content-type\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer.to_ascii_lowercase()
    }

    /// What the server printed once it contains `text` (its log line may trail the answer that
    /// caused it: a reader thread collects the output), or after 10 s whatever it printed.
    pub fn output_with(&self, text: &str) -> String {
        for _ in 0..200 {
            let output = self.output();
            if output.contains(text) {
                return output;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        self.output()
    }

    /// What the server printed so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}
