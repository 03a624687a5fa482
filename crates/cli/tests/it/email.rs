//! The outbox delivered by `masteryhub send-email`: to a real SMTP server process on loopback
//! (Python's aiosmtpd, installed from PyPI into a cache folder on first use), and to a folder.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use masteryhub_store::outbox::OutgoingEmail;
use time::macros::datetime;

use crate::cli::Workspace;

fn email() -> OutgoingEmail {
    OutgoingEmail {
        to_address: "hana.head@school.example".into(),
        to_name: "Hana Head".into(),
        subject: "Reset your masteryhub password".into(),
        body: "Dear Hana Head,\n\nOpen this link: https://hub.example/password-reset/abc\n".into(),
    }
}

async fn queue(w: &Workspace) {
    w.db.db
        .queue_email(&email(), datetime!(2026-11-25 10:00 UTC))
        .await
        .expect("queue");
}

/// A Python with aiosmtpd, made once per machine (in the user's cache folder).
fn aiosmtpd_python() -> PathBuf {
    let home = std::env::var("HOME").unwrap_or_else(|_| "/tmp".into());
    let venv = Path::new(&home).join(".cache/masteryhub-aiosmtpd");
    let python = venv.join("bin/python");
    let ready = |python: &Path| {
        Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !ready(&python) {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("python3 -m venv");
        assert!(
            made.success(),
            "could not make a Python virtual environment"
        );
        let installed = Command::new(&python)
            .args(["-m", "pip", "install", "-q", "aiosmtpd==1.4.6"])
            .status()
            .expect("pip");
        assert!(installed.success(), "could not install aiosmtpd from PyPI");
    }
    python
}

/// An SMTP server process on loopback, keeping every message it receives in a Maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl SmtpServer {
    fn start(folder: &Path) -> Self {
        let python = aiosmtpd_python();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let maildir = folder.join("maildir");
        let mut child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Self {
                    child,
                    port,
                    maildir,
                };
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start listening on port {port}");
    }

    fn messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .map(|e| std::fs::read_to_string(e.path()).expect("a message"))
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn waiting_email_is_delivered_to_an_smtp_server_once() {
    let w = Workspace::new().await;
    queue(&w).await;
    let server = SmtpServer::start(&w.folder);
    let url = format!("smtp://127.0.0.1:{}", server.port);

    let run = w.run(&["--smtp-url", &url, "send-email"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.contains("1 delivered, 0 failed"),
        "{}",
        run.stdout
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let message = &messages[0];
    assert!(
        message.contains("Subject: Reset your masteryhub password"),
        "{message}"
    );
    assert!(message.contains("Hana Head"), "{message}");
    assert!(message.contains("<hana.head@school.example>"), "{message}");
    assert!(
        message.contains("From: masteryhub <masteryhub@localhost>"),
        "{message}"
    );
    assert!(message.contains("password-reset/abc"), "{message}");

    let sent = w.db.db.recent_emails(10).await.expect("outbox");
    assert!(sent[0].sent_at.is_some());
    assert!(
        w.db.db
            .pending_emails(10)
            .await
            .expect("pending")
            .is_empty()
    );
    // Sent email is not sent again.
    let again = w.run(&["--smtp-url", &url, "send-email"]);
    assert!(
        again.stdout.contains("0 delivered, 0 failed"),
        "{}",
        again.stdout
    );
    assert_eq!(server.messages().len(), 1);
}

#[tokio::test]
async fn email_that_cannot_be_delivered_waits_with_its_error() {
    let w = Workspace::new().await;
    queue(&w).await;
    let closed = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = format!("smtp://127.0.0.1:{closed}");

    let run = w.run(&["--smtp-url", &url, "send-email"]);
    assert!(!run.success);
    assert!(
        run.stdout.contains("0 delivered, 1 failed"),
        "{}",
        run.stdout
    );
    let pending = w.db.db.pending_emails(10).await.expect("pending");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].attempts, 1);
    assert!(pending[0].last_error.is_some());

    let bad = w.run(&["--smtp-url", "imap://mail.example", "send-email"]);
    assert!(!bad.success);
    assert!(bad.stderr.contains("--smtp-url"), "{}", bad.stderr);
}

#[tokio::test]
async fn without_smtp_email_is_written_to_the_mail_folder() {
    let w = Workspace::new().await;
    queue(&w).await;
    let folder = w.folder.join("mail");
    let run = w.run(&["--mail-dir", folder.to_str().expect("path"), "send-email"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("1 delivered"), "{}", run.stdout);
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(files.len(), 1);
    let message = std::fs::read_to_string(files[0].path()).expect("the email");
    assert!(
        message.contains("Subject: Reset your masteryhub password"),
        "{message}"
    );
}
