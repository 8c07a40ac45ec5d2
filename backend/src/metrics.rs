//! Prometheus metrics, process-wide (the `prometheus` crate's registry), exposed by
//! `GET /metrics` (see `api::ops`). Counters are bumped where the work happens; the gauges that
//! describe this instance (live actors, WebSocket sessions) are read when scraped.

use std::sync::LazyLock;
use std::time::Instant;

use prometheus::{
    Counter, Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};

pub struct Metrics {
    registry: Registry,
    /// Twilio webhooks by kind (`message`, `status`) and outcome (`ok`, `rejected`, `failed`).
    pub webhooks: IntCounterVec,
    /// Time to accept a webhook (signature, parse, durable ingest), by kind.
    pub webhook_seconds: HistogramVec,
    /// AI calls by engine and outcome (`ok`, `error`).
    pub ai_calls: IntCounterVec,
    /// AI tokens by kind (`input`, `output`, `cache_creation`, `cache_read`).
    pub ai_tokens: IntCounterVec,
    /// Estimated AI spend, at the prices of the analytics screen.
    pub ai_cost_usd: Counter,
    /// Messages handed to Twilio, by outcome (`accepted`, `refused`, `failed`).
    pub twilio_sends: IntCounterVec,
    live_actors: IntGauge,
    ws_sessions: IntGauge,
}

fn counter_vec(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    let metric = IntCounterVec::new(Opts::new(name, help), labels).expect("metric definition");
    registry
        .register(Box::new(metric.clone()))
        .expect("metric registered once");
    metric
}

fn gauge(registry: &Registry, name: &str, help: &str) -> IntGauge {
    let metric = IntGauge::new(name, help).expect("metric definition");
    registry
        .register(Box::new(metric.clone()))
        .expect("metric registered once");
    metric
}

impl Metrics {
    fn new() -> Self {
        let registry = Registry::new();
        let webhook_seconds = HistogramVec::new(
            HistogramOpts::new(
                "majordome_webhook_seconds",
                "Time to accept a Twilio webhook, by kind",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            ]),
            &["kind"],
        )
        .expect("metric definition");
        registry
            .register(Box::new(webhook_seconds.clone()))
            .expect("metric registered once");
        let ai_cost_usd = Counter::new(
            "majordome_ai_cost_usd_total",
            "Estimated AI spend in US dollars",
        )
        .expect("metric definition");
        registry
            .register(Box::new(ai_cost_usd.clone()))
            .expect("metric registered once");
        Metrics {
            webhooks: counter_vec(
                &registry,
                "majordome_webhooks_total",
                "Twilio webhooks received, by kind and outcome",
                &["kind", "outcome"],
            ),
            webhook_seconds,
            ai_calls: counter_vec(
                &registry,
                "majordome_ai_calls_total",
                "AI calls, by engine and outcome",
                &["engine", "outcome"],
            ),
            ai_tokens: counter_vec(
                &registry,
                "majordome_ai_tokens_total",
                "AI tokens, by kind",
                &["kind"],
            ),
            ai_cost_usd,
            twilio_sends: counter_vec(
                &registry,
                "majordome_twilio_sends_total",
                "Messages handed to Twilio, by outcome",
                &["outcome"],
            ),
            live_actors: gauge(
                &registry,
                "majordome_live_conversation_actors",
                "Conversation actors alive on this instance",
            ),
            ws_sessions: gauge(
                &registry,
                "majordome_websocket_sessions",
                "Dashboard WebSocket sessions connected to this instance",
            ),
            registry,
        }
    }

    /// The text exposition format, with this instance's gauges as given.
    pub fn render(&self, live_actors: usize, ws_sessions: usize) -> String {
        self.live_actors
            .set(i64::try_from(live_actors).unwrap_or(i64::MAX));
        self.ws_sessions
            .set(i64::try_from(ws_sessions).unwrap_or(i64::MAX));
        let mut out = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::error!(error = %e, "cannot encode the metrics");
        }
        String::from_utf8(out).unwrap_or_default()
    }

    /// Counts one webhook and its latency.
    pub fn webhook(&self, kind: &str, started: Instant, outcome: WebhookOutcome) {
        self.webhooks
            .with_label_values(&[kind, outcome.label()])
            .inc();
        self.webhook_seconds
            .with_label_values(&[kind])
            .observe(started.elapsed().as_secs_f64());
    }

    /// Counts one AI call; `usage` and the estimated cost when the engine reported tokens.
    pub fn ai_call(
        &self,
        engine: protocol::AiEngine,
        ok: bool,
        usage: Option<&protocol::conversations::TokenUsage>,
    ) {
        self.ai_calls
            .with_label_values(&[engine.as_str(), if ok { "ok" } else { "error" }])
            .inc();
        if let Some(u) = usage {
            for (kind, n) in [
                ("input", u.input_tokens),
                ("output", u.output_tokens),
                ("cache_creation", u.cache_creation_input_tokens),
                ("cache_read", u.cache_read_input_tokens),
            ] {
                self.ai_tokens
                    .with_label_values(&[kind])
                    .inc_by(u64::try_from(n).unwrap_or(0));
            }
        }
    }

    /// What a Claude call cost at the configured prices (recorded where the day's spend is).
    pub fn ai_cost(&self, usd: f64) {
        self.ai_cost_usd.inc_by(usd);
    }

    pub fn twilio_send(&self, outcome: SendOutcome) {
        self.twilio_sends
            .with_label_values(&[outcome.label()])
            .inc();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookOutcome {
    Ok,
    /// Refused as the client's fault (bad signature, bad form): 4xx.
    Rejected,
    /// Our fault (database down…): 5xx, Twilio retries.
    Failed,
}

impl WebhookOutcome {
    fn label(self) -> &'static str {
        match self {
            WebhookOutcome::Ok => "ok",
            WebhookOutcome::Rejected => "rejected",
            WebhookOutcome::Failed => "failed",
        }
    }

    pub fn of<T>(result: &Result<T, crate::error::AppError>) -> Self {
        use actix_web::ResponseError;
        match result {
            Ok(_) => WebhookOutcome::Ok,
            Err(e) if e.status_code().is_client_error() => WebhookOutcome::Rejected,
            Err(_) => WebhookOutcome::Failed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendOutcome {
    Accepted,
    /// Twilio answered with an error code.
    Refused,
    /// Twilio unreachable, timed out, or answered something unreadable.
    Failed,
}

impl SendOutcome {
    fn label(self) -> &'static str {
        match self {
            SendOutcome::Accepted => "accepted",
            SendOutcome::Refused => "refused",
            SendOutcome::Failed => "failed",
        }
    }
}

pub static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);
