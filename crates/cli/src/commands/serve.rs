use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use masteryhub_store::Db;
use masteryhub_web::auth::Clock;
use masteryhub_web::{AppState, router};

/// Serves the application until interrupted.
pub async fn run(db: Db, addr: SocketAddr, secure_cookies: bool) -> anyhow::Result<ExitCode> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("could not listen on {addr}"))?;
    let bound = listener.local_addr()?;
    println!("masteryhub is running at http://{bound}/ (press Ctrl+C to stop)");
    let state = AppState {
        db,
        clock: Clock::new(super::now),
        secure_cookies,
    };
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}
