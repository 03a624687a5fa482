//! `serve`: the production server never has the demo's outbox page.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::cli::{BIN, Workspace};

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `masteryhub ARGS... --addr 127.0.0.1:0` and waits until it says where it listens.
fn start(w: &Workspace, args: &[&str]) -> Server {
    let mut child = Command::new(BIN)
        .current_dir(&w.folder)
        .arg("--database-url")
        .arg(&w.db.url)
        .args(["--mail-dir", "mail"])
        .args(args)
        .args(["--addr", "127.0.0.1:0"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut address = None;
    for line in lines.by_ref() {
        let line = line.expect("a line");
        if let Some(rest) = line.split("is running at http://").nth(1) {
            address = rest.split('/').next().map(str::to_owned);
            break;
        }
    }
    // Keep reading what it prints, or its next line would find the pipe closed.
    std::thread::spawn(move || lines.for_each(drop));
    Server {
        child,
        address: address.expect("the server's address"),
    }
}

/// The status line of a GET of `path`.
fn status_of(server: &Server, path: &str) -> String {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.address
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer.lines().next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn serve_has_no_outbox_page() {
    let w = Workspace::new().await;
    let server = start(&w, &["serve"]);
    assert!(status_of(&server, "/healthz").contains(" 200 "));
    let outbox = status_of(&server, "/admin/outbox");
    assert!(outbox.contains(" 404 "), "{outbox}");
}
