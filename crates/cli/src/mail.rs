//! Delivering the outbox: by SMTP when an SMTP URL is set, otherwise into a folder, one `.eml`
//! file per email. The sender runs beside the server and tries every waiting email every few
//! seconds; one that fails is tried again on the next round, up to the outbox's limit.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};
use masteryhub_store::Db;
use masteryhub_store::outbox::QueuedEmail;
use time::OffsetDateTime;

use crate::cli::MailOptions;

/// How email leaves the service.
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>, String),
}

/// The sender and the way out.
pub struct Postman {
    mailer: Mailer,
    from: Mailbox,
}

/// What one round of delivery did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
}

/// Emails delivered in one round at most.
const BATCH: i64 = 100;

/// How long the sender waits between rounds.
const ROUND: Duration = Duration::from_secs(2);

impl Postman {
    /// SMTP when `options.smtp_url` is set; otherwise the folder, made if need be.
    pub fn new(options: &MailOptions) -> anyhow::Result<Self> {
        let from: Mailbox = options
            .mail_from
            .parse()
            .with_context(|| format!("--mail-from '{}' is not an address", options.mail_from))?;
        let mailer = match &options.smtp_url {
            Some(url) => Mailer::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("--smtp-url is not an SMTP URL (smtp://, smtps://)")?
                    .build(),
            ),
            None => folder(&options.mail_dir)?,
        };
        Ok(Self { mailer, from })
    }

    /// Where email goes, for the operator.
    pub fn describe(&self) -> String {
        match &self.mailer {
            Mailer::Smtp(_) => "sent by SMTP".to_owned(),
            Mailer::Folder(_, dir) => format!("written to the folder {dir}"),
        }
    }

    /// Tries every waiting email once (oldest first, up to a batch).
    pub async fn deliver_pending(
        &self,
        db: &Db,
        now: fn() -> OffsetDateTime,
    ) -> anyhow::Result<Delivery> {
        let mut delivery = Delivery::default();
        for email in db.pending_emails(BATCH).await? {
            match self.send(&email).await {
                Ok(()) => {
                    db.mark_email_sent(email.id, now()).await?;
                    delivery.sent += 1;
                }
                Err(error) => {
                    tracing::warn!(id = email.id, %error, "an email could not be delivered");
                    db.mark_email_failed(email.id, &error).await?;
                    delivery.failed += 1;
                }
            }
        }
        Ok(delivery)
    }

    /// Delivers the outbox every few seconds, for as long as the server runs.
    pub async fn run(self, db: Db, now: fn() -> OffsetDateTime) {
        loop {
            if let Err(error) = self.deliver_pending(&db, now).await {
                tracing::error!(%error, "the outbox could not be read");
            }
            tokio::time::sleep(ROUND).await;
        }
    }

    async fn send(&self, email: &QueuedEmail) -> Result<(), String> {
        let to = Mailbox::new(
            Some(email.to_name.clone()),
            email
                .to_address
                .parse()
                .map_err(|e| format!("recipient: {e}"))?,
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
            .map_err(|e| e.to_string())?;
        match &self.mailer {
            Mailer::Smtp(transport) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
            Mailer::Folder(transport, _) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
        }
    }
}

fn folder(dir: &Path) -> anyhow::Result<Mailer> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("could not make the mail folder {}", dir.display()))?;
    Ok(Mailer::Folder(
        AsyncFileTransport::new(dir),
        dir.display().to_string(),
    ))
}
