//! The baseline of the page-load benchmark: serves saved response bodies from memory with the
//! same HTTP stack as the application, so the benchmark's ratio measures the application's own
//! work. `static_server DIR ADDR`, where DIR holds `index.tsv` (path, file, content type).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{OriginalUri, State};
use axum::http::{StatusCode, header};
use axum::response::Response;

type Files = Arc<HashMap<String, (Vec<u8>, String)>>;

async fn serve(State(files): State<Files>, OriginalUri(uri): OriginalUri) -> Response {
    let key = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut response = match files.get(key) {
        Some((body, kind)) => {
            let mut r = Response::new(Body::from(body.clone()));
            if let Ok(value) = kind.parse() {
                r.headers_mut().insert(header::CONTENT_TYPE, value);
            }
            r
        }
        None => Response::new(Body::from("not saved")),
    };
    if !files.contains_key(key) {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    response
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: static_server DIR ADDR")?;
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8181".into());
    let index = std::fs::read_to_string(format!("{dir}/index.tsv"))?;
    let mut files = HashMap::new();
    for line in index.lines() {
        let mut fields = line.split('\t');
        if let (Some(path), Some(file), Some(kind)) = (fields.next(), fields.next(), fields.next())
        {
            files.insert(
                path.to_owned(),
                (std::fs::read(format!("{dir}/{file}"))?, kind.to_owned()),
            );
        }
    }
    let app = Router::new().fallback(serve).with_state(Arc::new(files));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("static server at http://{}/", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
