//! Phase `cluster`: ingest throughput of 1, 2 and 3 instances on one PostgreSQL, next to one
//! instance on SQLite, in the same run with the same webhooks.
//!
//! The instances run in this process (like every bench server), each with its own HTTP workers,
//! ingest writer, pool and conversation actors, on one throwaway database; the first one started
//! migrates and seeds it. The load generator (a child process) spreads the webhooks round-robin
//! over their ports, signed over one shared `PUBLIC_BASE_URL` as behind a load balancer, so
//! consecutive webhooks of a guest land on different instances and the conversation's owner is
//! woken through PostgreSQL. Each size gets a fresh database.

use anyhow::{ensure, Context};

use super::{loadavg, run_load_with, Bench};
use crate::child::{LoadJob, LoadReport, Target};
use crate::postgres::{self, ThrowawayPostgres};
use crate::probe;
use crate::server::{BenchServer, Storage};
use crate::stats::{latency, ms, thousands, Table};
use crate::webhook::Batch;

/// The URL the instances sign over: the load balancer's, which nothing here listens on.
const CLUSTER_URL: &str = "http://majordome-cluster.localhost";

/// One measured configuration.
struct Run {
    name: String,
    report: LoadReport,
    /// CPU of this process (the Majordome instances) during the timed part.
    server_cpu_s: f64,
    /// CPU of the PostgreSQL backends serving the database during the timed part.
    postgres_cpu_s: Option<f64>,
    check: Check,
}

impl Run {
    fn rate(&self) -> f64 {
        self.report.ok as f64 / self.report.elapsed_s.max(1e-9)
    }

    fn per_webhook_us(&self, cpu_s: f64) -> String {
        format!("{:.0}", cpu_s * 1e6 / self.report.ok.max(1) as f64)
    }
}

/// The honesty check: every acknowledged webhook (warm-up included) is one row, no `MessageSid`
/// is stored twice, and the inbox (through the first instance) counts each one unread.
struct Check {
    acknowledged: i64,
    rows: i64,
    sids: i64,
    unread: i64,
}

impl Check {
    fn passed(&self) -> bool {
        self.rows == self.acknowledged
            && self.sids == self.acknowledged
            && self.unread == self.acknowledged
    }

    fn describe(&self) -> String {
        let verdict = if self.passed() {
            "exactly once"
        } else {
            "MISMATCH"
        };
        format!(
            "{} rows, {} distinct sids, {} unread / {} acked: {verdict}",
            self.rows, self.sids, self.unread, self.acknowledged
        )
    }
}

pub(super) async fn run(bench: &mut Bench) -> anyhow::Result<()> {
    let server_url = bench.opts.postgres.clone().context(
        "the cluster phase needs --postgres <server-url>, e.g. postgres://postgres@127.0.0.1:5432",
    )?;
    ensure!(bench.opts.max_instances >= 1, "--max-instances must be ≥ 1");
    let load_at_start = loadavg();
    let mut runs = Vec::new();

    let server = BenchServer::start(&bench.db_dir, &bench.twilio, 3600).await?;
    let before = server.guest_message_rows_and_sids().await?;
    let (report, (cpu_before, cpu_after), _) = run_load_with(
        load_job(bench, vec![server.port], None),
        probe::process_cpu_secs,
        bench.lifetime(),
    )
    .await?;
    let check = verify(bench, &server, before, report.ok).await?;
    server.stop().await;
    runs.push(Run {
        name: "SQLite, 1 instance".into(),
        report,
        server_cpu_s: cpu_after - cpu_before,
        postgres_cpu_s: None,
        check,
    });

    for instances in 1..=bench.opts.max_instances {
        let db = ThrowawayPostgres::create(&server_url, "majordome_bench").await?;
        let mut servers = Vec::with_capacity(instances);
        for _ in 0..instances {
            let storage = Storage::Postgres {
                url: &db.url,
                public_base_url: CLUSTER_URL,
            };
            servers.push(BenchServer::start_on(storage, &bench.twilio, 3600, None).await?);
        }
        let before = servers[0].guest_message_rows_and_sids().await?;
        let ports = servers.iter().map(|s| s.port).collect();
        let name = db.name.clone();
        let (report, (before_cpu, after_cpu), _) = run_load_with(
            load_job(bench, ports, Some(CLUSTER_URL)),
            move || (probe::process_cpu_secs(), postgres::backend_cpu_secs(&name)),
            bench.lifetime(),
        )
        .await?;
        let check = verify(bench, &servers[0], before, report.ok).await?;
        for server in servers {
            server.stop().await;
        }
        db.drop_now().await?;
        runs.push(Run {
            name: format!(
                "PostgreSQL, {instances} instance{}",
                if instances > 1 { "s" } else { "" }
            ),
            report,
            server_cpu_s: after_cpu.0 - before_cpu.0,
            postgres_cpu_s: Some(after_cpu.1 - before_cpu.1),
            check,
        });
    }

    let text = render(bench, &runs, &load_at_start);
    bench.emit(&text);
    let failed: Vec<&str> = runs
        .iter()
        .filter(|r| !r.check.passed())
        .map(|r| r.name.as_str())
        .collect();
    ensure!(failed.is_empty(), "honesty check failed for {failed:?}");
    Ok(())
}

fn load_job(bench: &Bench, ports: Vec<u16>, public_base_url: Option<&str>) -> LoadJob {
    let o = &bench.opts;
    LoadJob {
        ports,
        public_base_url: public_base_url.map(str::to_owned),
        target: Target::Webhook,
        warmup: warmup(bench),
        batch: Batch::new(o.n, o.guests, 0, 2),
        concurrency: o.concurrency,
        deadline_secs: o.phase_timeout_secs,
    }
}

/// Untimed webhooks from other guests first, as in the throughput phase.
fn warmup(bench: &Bench) -> Option<Batch> {
    let n = bench.opts.warmup;
    (n > 0).then(|| Batch::new(n, 200.min(n), 50_000_000, 1))
}

async fn verify(
    bench: &Bench,
    server: &BenchServer,
    (rows_before, sids_before): (i64, i64),
    acknowledged: usize,
) -> anyhow::Result<Check> {
    let acknowledged = warmup(bench).map_or(0, |b| b.n) + acknowledged;
    let (unread, _) = server.inbox_settled(acknowledged).await?;
    let (rows, sids) = server.guest_message_rows_and_sids().await?;
    Ok(Check {
        acknowledged: acknowledged as i64,
        rows: rows - rows_before,
        sids: sids - sids_before,
        unread: unread as i64,
    })
}

fn render(bench: &Bench, runs: &[Run], load_at_start: &str) -> String {
    let sqlite_rate = runs.first().map_or(0.0, Run::rate);
    let mut table = Table::new(&[
        "run",
        "webhooks",
        "webhooks/s",
        "× SQLite",
        "p50 ms",
        "p99 ms",
        "max ms",
        "Majordome CPU µs/webhook",
        "PostgreSQL backends CPU µs/webhook",
        "errors",
        "stored (check)",
    ]);
    for run in runs {
        let l = latency(&run.report.latencies_us);
        table.row(vec![
            run.name.clone(),
            thousands(run.report.ok as f64),
            thousands(run.rate()),
            format!("{:.2}", run.rate() / sqlite_rate.max(1e-9)),
            ms(l.p50),
            ms(l.p99),
            ms(l.max),
            run.per_webhook_us(run.server_cpu_s),
            run.postgres_cpu_s
                .map_or_else(|| "—".to_owned(), |s| run.per_webhook_us(s)),
            (run.report.failed + run.report.skipped).to_string(),
            run.check.describe(),
        ]);
    }
    let errors: Vec<String> = runs
        .iter()
        .filter_map(|r| Some(format!("{}: {}", r.name, r.report.first_error.as_ref()?)))
        .collect();
    let o = &bench.opts;
    format!(
        "## Cluster: 1–{max} instances on PostgreSQL, next to SQLite\n\n\
         {n} distinct signed webhooks from {guests} guests, {concurrency} in flight, after \
         {warm} untimed warm-up webhooks, against one instance on a fresh SQLite file, then \
         against 1, 2, … {max} instances in this process on one fresh PostgreSQL database each \
         (`{CLUSTER_URL}` as their shared public URL), the webhooks spread round-robin over the \
         instances' ports. Load average before: {load_at_start}; after: {}.\n\n{}\n\
         Majordome CPU is this whole process (every instance); PostgreSQL CPU is that of the \
         backends connected to the run's database (not the shared WAL writer and \
         checkpointer). Stored: guest rows and distinct `MessageSid`s counted in the database, \
         unread summed over `GET /api/conversations` on the first instance.{}\n",
        loadavg(),
        table.render(),
        if errors.is_empty() {
            String::new()
        } else {
            format!(" First errors: {}.", errors.join("; "))
        },
        max = o.max_instances,
        n = o.n,
        guests = o.guests,
        concurrency = o.concurrency,
        warm = warmup(bench).map_or(0, |b| b.n),
    )
}

#[cfg(test)]
mod tests {
    use super::Check;

    fn check(rows: i64, sids: i64, unread: i64) -> Check {
        Check {
            acknowledged: 10,
            rows,
            sids,
            unread,
        }
    }

    #[test]
    fn the_check_passes_only_when_each_acknowledged_webhook_is_stored_once() {
        assert!(check(10, 10, 10).passed());
        // A webhook stored twice: one more row than distinct sids.
        assert!(!check(11, 10, 11).passed());
        // One lost.
        assert!(!check(9, 9, 9).passed());
        // Stored but not (yet) counted by its conversation's owner.
        assert!(!check(10, 10, 9).passed());
        assert!(check(9, 9, 9).describe().ends_with("MISMATCH"));
    }
}
