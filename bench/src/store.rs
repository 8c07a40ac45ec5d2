//! Storage alone, without HTTP: the server's own ingest writer (`majordome::db::ingest`, reached
//! through `state.ingest`), called in-process, so that what it costs is seen apart from HTTP,
//! signatures and actors.

use std::time::{Duration, Instant};

use chrono::Utc;
use entity::conciergerie;
use futures_util::{stream, StreamExt};
use majordome::db::ingest::NewInbound;
use protocol::ConciergerieId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::server::{BenchServer, DEMO_EMAIL};
use crate::webhook;

#[derive(Debug, Default)]
pub struct StoreReport {
    pub ok: usize,
    pub failed: usize,
    pub skipped: usize,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    pub latencies_us: Vec<u64>,
}

pub async fn demo_tenant(server: &BenchServer) -> anyhow::Result<ConciergerieId> {
    let row = conciergerie::Entity::find()
        .filter(conciergerie::Column::Email.eq(DEMO_EMAIL))
        .one(server.db())
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo conciergerie"))?;
    Ok(ConciergerieId(row.id))
}

/// `n` guest messages over `guests` guests, `concurrency` at a time.
pub async fn run(
    server: &BenchServer,
    n: usize,
    guests: usize,
    concurrency: usize,
    deadline: Duration,
) -> anyhow::Result<StoreReport> {
    let tenant = demo_tenant(server).await?;
    let tag = 0x51;
    let items: Vec<NewInbound> = (0..n)
        .map(|i| {
            let from = webhook::guest(i % guests.max(1));
            let body = format!("Bonjour ! Le parking est-il inclus ? (#{tag}-{i})");
            NewInbound {
                tenant,
                address: from.trim_start_matches("whatsapp:").to_owned(),
                contact_name: Some("Camille Martin".into()),
                external_id: webhook::message_sid(tag, i),
                preview: body.clone(),
                body,
                media: None,
                location: None,
                received_at: Utc::now(),
            }
        })
        .collect();
    let state = server.state.clone();
    let started = Instant::now();
    let deadline = started + deadline;
    let outcomes: Vec<Option<Result<u64, String>>> = stream::iter(items)
        .map(|new| {
            let state = state.clone();
            async move {
                if Instant::now() >= deadline {
                    return None;
                }
                let start = Instant::now();
                let result = state.ingest.inbound(new).await;
                Some(
                    result
                        .map(|_| start.elapsed().as_micros() as u64)
                        .map_err(|e| e.to_string()),
                )
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    let mut report = StoreReport {
        elapsed: started.elapsed(),
        ..StoreReport::default()
    };
    for outcome in outcomes {
        match outcome {
            Some(Ok(us)) => {
                report.ok += 1;
                report.latencies_us.push(us);
            }
            Some(Err(e)) => {
                report.failed += 1;
                report.first_error.get_or_insert(e);
            }
            None => report.skipped += 1,
        }
    }
    Ok(report)
}
