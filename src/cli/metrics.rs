//! `bccrs run --metrics`: the flags, and serving the program's tables while it runs.
use crate::runtime::load::Loaded;
use crate::runtime::metrics::server::{self, Server};
use crate::runtime::metrics::{Options, SharedEventCounts, Source};
use std::net::ToSocketAddrs;
use std::sync::Arc;

/// Where `--metrics` alone listens (the port ebpf_exporter's users know is 9435).
pub const DEFAULT_ADDR: &str = "127.0.0.1:9435";

#[derive(clap::Args, Debug, Clone)]
pub struct MetricsFlags {
    /// Serve the tables as Prometheus metrics at http://ADDR:PORT/metrics while running
    /// (`--metrics` alone: 127.0.0.1:9435).
    #[arg(long, value_name = "ADDR:PORT", num_args = 0..=1, default_missing_value = DEFAULT_ADDR, value_parser = listen_addr)]
    pub metrics: Option<String>,
    /// The most series one scrape exposes; the rest are counted in `bccrs_<program>_dropped_series_total`.
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub metrics_max_series: u64,
    /// Per-CPU tables as one series per CPU (a `cpu` label) instead of their sum.
    #[arg(long)]
    pub metrics_per_cpu: bool,
}

fn listen_addr(s: &str) -> Result<String, String> {
    if s.to_socket_addrs().is_ok_and(|mut a| a.next().is_some()) {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not an address to listen on (ADDR:PORT, e.g. 127.0.0.1:9435)"))
    }
}

impl MetricsFlags {
    pub fn config(&self) -> Option<MetricsConfig> {
        self.metrics.as_ref().map(|addr| MetricsConfig {
            addr: addr.clone(),
            options: Options { max_series: self.metrics_max_series as usize, per_cpu: self.metrics_per_cpu },
        })
    }
}

#[derive(Debug, Clone)]
pub struct MetricsConfig {
    pub addr: String,
    pub options: Options,
}

/// The listening socket, bound before the program is loaded, then served once it is.
pub struct Pending {
    http: Arc<tiny_http::Server>,
    config: MetricsConfig,
}

impl Pending {
    pub fn bind(config: &MetricsConfig) -> Result<Pending, String> {
        Ok(Pending { http: server::bind(&config.addr)?, config: config.clone() })
    }

    pub fn serve(self, loaded: &Loaded, program: &str, events: SharedEventCounts) -> Server {
        let source = Source::new(loaded, program, Some(events));
        Server::serve(self.http, source, self.config.options)
    }
}
