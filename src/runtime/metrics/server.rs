//! `GET /metrics` over HTTP on a thread of its own: a scrape reads the tables through its own
//! file descriptors while the caller's event loop goes on.
use super::families::{collect, Options};
use super::render::{render, Format};
use super::source::Source;
use std::sync::{Arc, Mutex};

/// The serving thread. Stopping does not close the socket: it answers 503 from then on until
/// the process exits, so a scrape that arrives during shutdown gets a whole answer — never a
/// cut one, nor the empty 500 the HTTP library gives requests it drops with a closed server.
pub struct Server {
    stopping: Arc<Mutex<bool>>,
    pub addr: String,
}

/// Binds `addr` (nothing is served until `serve`): a port in use is an error before anything
/// is loaded.
pub fn bind(addr: &str) -> Result<Arc<tiny_http::Server>, String> {
    tiny_http::Server::http(addr).map(Arc::new).map_err(|e| format!("cannot serve metrics on {addr}: {e}"))
}

impl Server {
    pub fn serve(http: Arc<tiny_http::Server>, source: Source, opts: Options) -> Server {
        let addr = http.server_addr().to_string();
        let stopping = Arc::new(Mutex::new(false));
        let state = stopping.clone();
        let _ = std::thread::Builder::new().name("bccrs-metrics".into()).spawn(move || {
            while let Ok(req) = http.recv() {
                // Held while a scrape is answered: `stop` waits for it.
                let stopped = state.lock().map(|s| *s).unwrap_or(true);
                if stopped {
                    let _ = req.respond(tiny_http::Response::from_string("bccrs is stopping\n").with_status_code(503));
                } else {
                    let _guard = state.lock();
                    answer(req, &source, &opts);
                }
            }
        });
        Server { stopping, addr }
    }

    /// Finishes the scrape in progress; later ones get 503.
    pub fn stop(self) {
        if let Ok(mut s) = self.stopping.lock() {
            *s = true;
        }
    }
}

fn answer(req: tiny_http::Request, source: &Source, opts: &Options) {
    let header = |name: &'static str, value: &str| tiny_http::Header::from_bytes(name, value).ok();
    let path = req.url().split('?').next().unwrap_or("");
    let method = req.method().clone();
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = req.respond(tiny_http::Response::from_string("only GET\n").with_status_code(405));
        return;
    }
    match path {
        "/metrics" => {
            let accept = req.headers().iter().find(|h| h.field.equiv("Accept")).map(|h| h.value.as_str().to_string());
            let format = Format::negotiate(accept.as_deref());
            let body = render(collect(source, opts), format);
            let mut resp = tiny_http::Response::from_string(body);
            if let Some(h) = header("Content-Type", format.content_type()) {
                resp = resp.with_header(h);
            }
            let _ = req.respond(resp);
        }
        "/" => {
            let page = format!("<html><body><h1>bccrs: {}</h1><p><a href=\"/metrics\">/metrics</a></p></body></html>\n", source.program);
            let mut resp = tiny_http::Response::from_string(page);
            if let Some(h) = header("Content-Type", "text/html; charset=utf-8") {
                resp = resp.with_header(h);
            }
            let _ = req.respond(resp);
        }
        _ => {
            let _ = req.respond(tiny_http::Response::from_string("not found: try /metrics\n").with_status_code(404));
        }
    }
}
