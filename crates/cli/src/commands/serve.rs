use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use masteryhub_store::Db;
use masteryhub_web::auth::Clock;
use masteryhub_web::client_address::TrustedProxies;
use masteryhub_web::{AppState, router};

use crate::cli::MailOptions;
use crate::mail::Postman;

/// How the server runs.
pub struct Settings<'a> {
    pub addr: SocketAddr,
    pub secure_cookies: bool,
    pub trusted_proxies: TrustedProxies,
    pub mail: &'a MailOptions,
    /// Demo mode: national admins may read the outbox (and the links in it) in the browser.
    /// Only the `demo` command sets it; `serve` never does.
    pub demo: bool,
}

/// Serves the application, and delivers its email, until interrupted.
pub async fn run(db: Db, settings: Settings<'_>) -> anyhow::Result<ExitCode> {
    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .with_context(|| format!("could not listen on {}", settings.addr))?;
    let bound = listener.local_addr()?;
    let postman = Postman::new(settings.mail)?;
    println!("masteryhub is running at http://{bound}/ (press Ctrl+C to stop)");
    println!("Email is {}.", postman.describe());
    let base_url = settings
        .mail
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{bound}"));
    let state = AppState {
        db: db.clone(),
        clock: Clock::new(super::now),
        secure_cookies: settings.secure_cookies,
        base_url: base_url.trim_end_matches('/').to_owned(),
        show_outbox: settings.demo,
        trusted_proxies: settings.trusted_proxies.clone(),
    };
    let sender = tokio::spawn(postman.run(db, super::now));
    let served = axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    sender.abort();
    served.context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// `send-email`: delivers the outbox once.
pub async fn send_email(db: &Db, mail: &MailOptions) -> anyhow::Result<ExitCode> {
    let postman = Postman::new(mail)?;
    let delivery = postman.deliver_pending(db, super::now).await?;
    println!(
        "Email {}: {} delivered, {} failed (failed email is tried again next time).",
        postman.describe(),
        delivery.sent,
        delivery.failed
    );
    Ok(if delivery.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
