//! Families in the exposition formats, through the Prometheus project's client library
//! (prometheus-client): OpenMetrics text, or Prometheus text 0.0.4 for clients that do not ask
//! for OpenMetrics.
use super::families::{Family, Kind, Sample};
use super::labels::Num;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric, MetricEncoder};
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    OpenMetrics,
    /// Prometheus text format 0.0.4.
    Text,
}

impl Format {
    /// Content negotiation as Prometheus does it: OpenMetrics when the client's `Accept` names
    /// it, the classic text format otherwise.
    pub fn negotiate(accept: Option<&str>) -> Format {
        match accept {
            Some(a) if a.contains("application/openmetrics-text") => Format::OpenMetrics,
            _ => Format::Text,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
            Format::Text => prometheus_client::encoding::prometheus_text::CONTENT_TYPE,
        }
    }
}

/// One scrape's families, encoded when the registry asks.
#[derive(Debug)]
struct Scrape(Vec<Family>);

struct One<'a>(&'a Sample, Kind);

impl EncodeMetric for One<'_> {
    fn encode(&self, mut e: MetricEncoder) -> Result<(), std::fmt::Error> {
        match (self.0, self.1) {
            (Sample::Value(v), Kind::Counter) => match *v {
                Num::U(n) => e.encode_counter::<prometheus_client::encoding::NoLabelSet, _, u64>(&n, None),
                other => e.encode_counter::<prometheus_client::encoding::NoLabelSet, _, u64>(&other.as_f64().max(0.0), None),
            },
            (Sample::Value(v), _) => match *v {
                Num::U(n) if n <= i64::MAX as u64 => e.encode_gauge(&(n as i64)),
                Num::I(n) => e.encode_gauge(&n),
                other => e.encode_gauge(&other.as_f64()),
            },
            (Sample::Histogram { sum, count, buckets }, _) => {
                e.encode_histogram::<prometheus_client::encoding::NoLabelSet>(*sum, *count, buckets, None)
            }
        }
    }

    fn metric_type(&self) -> MetricType {
        metric_type(self.1)
    }
}

fn metric_type(k: Kind) -> MetricType {
    match k {
        Kind::Counter => MetricType::Counter,
        Kind::Gauge => MetricType::Gauge,
        Kind::Histogram => MetricType::Histogram,
    }
}

impl Collector for Scrape {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        for f in &self.0 {
            let mut fam = encoder.encode_descriptor(&f.name, &f.help, None, metric_type(f.kind))?;
            for s in &f.series {
                // An empty label set writes no braces.
                One(&s.sample, f.kind).encode(fam.encode_family(&s.labels)?)?;
            }
        }
        Ok(())
    }
}

pub fn render(families: Vec<Family>, format: Format) -> String {
    let mut registry = Registry::default();
    registry.register_collector(Box::new(Scrape(families)));
    let mut out = String::new();
    let r = match format {
        Format::OpenMetrics => prometheus_client::encoding::text::encode(&mut out, &registry),
        Format::Text => prometheus_client::encoding::prometheus_text::encode(&mut out, &registry),
    };
    if r.is_err() {
        out.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::metrics::families::Series;

    fn sample() -> Vec<Family> {
        vec![
            Family {
                name: "bccrs_p_calls".into(),
                help: "Table `calls`.".into(),
                kind: Kind::Counter,
                series: vec![Series { labels: vec![("comm".into(), "a\"b\\c\nd".into())], sample: Sample::Value(Num::U(7)) }],
            },
            Family {
                name: "bccrs_p_dist".into(),
                help: "Histogram `dist`.".into(),
                kind: Kind::Histogram,
                series: vec![Series {
                    labels: vec![],
                    sample: Sample::Histogram { sum: 9.5, count: 4, buckets: vec![(0.0, 0), (1.0, 1), (3.0, 3), (f64::INFINITY, 0)] },
                }],
            },
        ]
    }

    #[test]
    fn openmetrics_and_text_formats() {
        let om = render(sample(), Format::OpenMetrics);
        assert!(om.contains("# TYPE bccrs_p_calls counter\n"), "{om}");
        assert!(om.contains("bccrs_p_calls_total{comm=\"a\\\"b\\\\c\\nd\"} 7\n"), "{om}");
        assert!(om.contains("bccrs_p_dist_bucket{le=\"3.0\"} 4\n"), "{om}");
        assert!(om.contains("bccrs_p_dist_bucket{le=\"+Inf\"} 4\n"), "{om}");
        assert!(om.contains("bccrs_p_dist_count 4\n") && om.contains("bccrs_p_dist_sum 9.5\n"), "{om}");
        assert!(om.ends_with("# EOF\n"), "{om}");
        let text = render(sample(), Format::Text);
        assert!(text.contains("# TYPE bccrs_p_calls_total counter\n"), "{text}");
        assert!(!text.contains("# EOF"), "{text}");
        assert_eq!(Format::negotiate(Some("application/openmetrics-text;version=1.0.0,text/plain;q=0.5")), Format::OpenMetrics);
        assert_eq!(Format::negotiate(Some("*/*")), Format::Text);
        assert_eq!(Format::negotiate(None), Format::Text);
    }
}
