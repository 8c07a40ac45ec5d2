//! The benchmark phases. Each starts a fresh server (fresh SQLite file), drives it from a child
//! process, checks that every accepted webhook is in the database, and prints its table.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context};
use clap::ValueEnum;

use crate::child::{
    blocking, ChildProc, Job, LatencyJob, LatencyReport, LoadJob, LoadReport, SocketsJob,
    SocketsReport, Target,
};
use crate::fanout::{FanoutJob, FanoutReport};
use crate::peer::{self, Peer};
use crate::probe::{self, CpuSnapshot, ThreadRoles};
use crate::server::{BenchServer, FakeClaude, FakeTwilio};
use crate::stats::{latency, ms, thousands, Table};
use crate::store;
use crate::webhook::Batch;

mod cluster;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Phase {
    /// Webhook throughput and latency, many guests.
    Throughput,
    /// The same, every webhook from one guest (one conversation).
    Single,
    /// Webhook → dashboard (`message.created` on the WebSocket) latency.
    Latency,
    /// Webhook → dashboard latency with many dashboards at a steady webhook rate.
    Fanout,
    /// Many AI conversations at once through a fake Claude that takes 1 s.
    Ai,
    /// Resident memory per live conversation actor.
    Memory,
    /// Resident memory per connected dashboard WebSocket.
    Sockets,
    /// Storage alone: the server's ingest writer called in-process.
    Store,
    /// Ingest throughput of 1, 2 and 3 instances on one PostgreSQL (`--postgres`), next to one
    /// instance on SQLite.
    Cluster,
}

#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// Phases to run, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "throughput,single,latency,fanout,ai,memory,sockets,store"
    )]
    pub phases: Vec<Phase>,
    /// Webhooks per throughput run.
    #[arg(long, default_value_t = 20_000)]
    pub n: usize,
    /// Distinct guests (conversations) in the throughput run.
    #[arg(long, default_value_t = 1_000)]
    pub guests: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 64)]
    pub concurrency: usize,
    /// Untimed webhooks sent first (other guests) to open connections and warm caches.
    #[arg(long, default_value_t = 2_000)]
    pub warmup: usize,
    /// Sequential webhook → dashboard samples.
    #[arg(long, default_value_t = 500)]
    pub latency_samples: usize,
    /// Dashboards connected during the fan-out measurement.
    #[arg(long, default_value_t = 100)]
    pub dashboards: usize,
    /// Webhooks per second during the fan-out measurement.
    #[arg(long, default_value_t = 1_000)]
    pub fanout_rate: u32,
    /// Webhooks sent during the fan-out measurement.
    #[arg(long, default_value_t = 5_000)]
    pub fanout_samples: usize,
    /// Guests writing at once in the AI measurement (one AI reply each).
    #[arg(long, default_value_t = 1_000)]
    pub ai_conversations: usize,
    /// New guests (one conversation actor each) for the memory measurement.
    #[arg(long, default_value_t = 5_000)]
    pub memory_guests: usize,
    /// Dashboard WebSockets held open for the memory measurement.
    #[arg(long, default_value_t = 1_000)]
    pub sockets: usize,
    /// Messages per storage-only run.
    #[arg(long, default_value_t = 20_000)]
    pub store_n: usize,
    /// Each timed run stops starting requests after this long.
    #[arg(long, default_value_t = 120)]
    pub phase_timeout_secs: u64,
    /// The seed-stack peer's sources (copied to the temp dir and installed with `npm ci`).
    #[arg(long, default_value_os_t = peer::default_source())]
    pub peer_source: PathBuf,
    /// Where the temporary SQLite databases go (default: the system temp dir).
    #[arg(long)]
    pub db_dir: Option<PathBuf>,
    /// Log like production (`info`: one line per request, to stdout) while measuring.
    #[arg(long)]
    pub server_log: bool,
    /// PostgreSQL server for the cluster phase, without a database (`postgres://user@host:port`);
    /// the phase creates a throwaway database per cluster size and drops it afterwards.
    #[arg(long)]
    pub postgres: Option<String>,
    /// The cluster phase measures 1, 2, … up to this many instances.
    #[arg(long, default_value_t = 3)]
    pub max_instances: usize,
    /// Also write the report (Markdown) to this file.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Internal: this process runs one part of a larger run (no header, no total).
    #[arg(long, hide = true)]
    pub part: bool,
}

impl Options {
    /// The command line of a process that runs only `phase` with these options.
    fn part_args(&self, phase: Phase, report: &std::path::Path) -> Vec<String> {
        let name = phase
            .to_possible_value()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default();
        let mut args: Vec<String> = vec![
            "--phases".into(),
            name,
            "--n".into(),
            self.n.to_string(),
            "--guests".into(),
            self.guests.to_string(),
            "--concurrency".into(),
            self.concurrency.to_string(),
            "--warmup".into(),
            self.warmup.to_string(),
            "--latency-samples".into(),
            self.latency_samples.to_string(),
            "--dashboards".into(),
            self.dashboards.to_string(),
            "--fanout-rate".into(),
            self.fanout_rate.to_string(),
            "--fanout-samples".into(),
            self.fanout_samples.to_string(),
            "--ai-conversations".into(),
            self.ai_conversations.to_string(),
            "--memory-guests".into(),
            self.memory_guests.to_string(),
            "--sockets".into(),
            self.sockets.to_string(),
            "--store-n".into(),
            self.store_n.to_string(),
            "--phase-timeout-secs".into(),
            self.phase_timeout_secs.to_string(),
            "--peer-source".into(),
            self.peer_source.display().to_string(),
            "--report".into(),
            report.display().to_string(),
            "--part".into(),
        ];
        if let Some(dir) = &self.db_dir {
            args.push("--db-dir".into());
            args.push(dir.display().to_string());
        }
        if self.server_log {
            args.push("--server-log".into());
        }
        if let Some(url) = &self.postgres {
            args.push("--postgres".into());
            args.push(url.clone());
        }
        args.push("--max-instances".into());
        args.push(self.max_instances.to_string());
        args
    }
}

struct Bench {
    opts: Options,
    db_dir: PathBuf,
    twilio: FakeTwilio,
    out: String,
}

impl Bench {
    fn emit(&mut self, text: &str) {
        println!("{text}");
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn timeout(&self) -> Duration {
        Duration::from_secs(self.opts.phase_timeout_secs)
    }

    /// A child never outlives its phase by much.
    fn lifetime(&self) -> Duration {
        self.timeout() + Duration::from_secs(90)
    }

    async fn server(&self, actor_idle_secs: u64) -> anyhow::Result<BenchServer> {
        BenchServer::start(&self.db_dir, &self.twilio, actor_idle_secs).await
    }
}

pub async fn run(opts: Options) -> anyhow::Result<()> {
    if opts.server_log {
        majordome::telemetry::init();
    }
    let db_dir = opts.db_dir.clone().unwrap_or_else(std::env::temp_dir);
    let mut bench = Bench {
        twilio: FakeTwilio::start()?,
        db_dir,
        opts,
        out: String::new(),
    };
    let started = Instant::now();
    if !bench.opts.part {
        let header = machine(&bench);
        bench.emit(&header);
    }
    let phases = bench.opts.phases.clone();
    if phases.len() > 1 && !bench.opts.part {
        // Each phase in a fresh process: memory deltas are then not blurred by what earlier
        // phases left in the allocator, and no phase inherits another's threads or actors.
        for phase in phases {
            let text = run_part(&bench.opts, phase).await?;
            bench.out.push_str(&text);
        }
    } else {
        for phase in phases {
            let t = Instant::now();
            match phase {
                Phase::Throughput => {
                    let (n, guests) = (bench.opts.n, bench.opts.guests);
                    throughput(&mut bench, "1. Webhook throughput", n, guests, true).await?
                }
                Phase::Single => {
                    let n = bench.opts.n;
                    throughput(&mut bench, "2. One conversation", n, 1, false).await?
                }
                Phase::Latency => dashboard_latency(&mut bench).await?,
                Phase::Fanout => fanout(&mut bench).await?,
                Phase::Ai => ai_burst(&mut bench).await?,
                Phase::Memory => conversation_memory(&mut bench).await?,
                Phase::Sockets => socket_memory(&mut bench).await?,
                Phase::Store => storage(&mut bench).await?,
                Phase::Cluster => cluster::run(&mut bench).await?,
            }
            let footer = format!(
                "_({phase:?} phase: {:.1} s including server start-up; the fake Twilio received \
                 {} sends, 0 expected with the AI off)_\n",
                t.elapsed().as_secs_f64(),
                bench.twilio.sends()
            );
            bench.emit(&footer);
        }
    }
    if !bench.opts.part {
        let total = format!("Total: {:.1} s.", started.elapsed().as_secs_f64());
        bench.emit(&total);
    }
    if let Some(path) = &bench.opts.report {
        std::fs::write(path, &bench.out)
            .with_context(|| format!("writing the report to {}", path.display()))?;
    }
    Ok(())
}

/// Runs one phase in a child process of this binary (its output shows as it goes); returns its
/// part of the report.
async fn run_part(opts: &Options, phase: Phase) -> anyhow::Result<String> {
    let report = tempfile::NamedTempFile::new().context("temporary report file")?;
    let args = opts.part_args(phase, report.path());
    let limit = Duration::from_secs(opts.phase_timeout_secs * 3 + 300);
    blocking(move || {
        let exe = std::env::current_exe().context("path of this executable")?;
        let mut process = std::process::Command::new(exe)
            .args(&args)
            .spawn()
            .context("start a phase process")?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = process.try_wait()? {
                break status;
            }
            if started.elapsed() > limit {
                let _ = process.kill();
                let _ = process.wait();
                anyhow::bail!("the {phase:?} phase did not finish within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        ensure!(status.success(), "the {phase:?} phase failed: {status}");
        Ok(std::fs::read_to_string(report.path())?)
    })
    .await
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn loadavg() -> String {
    read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn machine(bench: &Bench) -> String {
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let o = &bench.opts;
    format!(
        "# Majordome benchmark\n\n\
         Machine: {cores} cores ({cpu}), Linux {}, load average at start {}.\n\
         Databases in {} ({}). Server: in this process, {} HTTP workers; clients: a child \
         process on the same cores.\n\
         Options: n={} guests={} concurrency={} warmup={} latency-samples={} memory-guests={} \
         sockets={} store-n={} server-log={}.\n",
        read("/proc/sys/kernel/osrelease").trim(),
        loadavg(),
        bench.db_dir.display(),
        filesystem_of(&bench.db_dir),
        cores,
        o.n,
        o.guests,
        o.concurrency,
        o.warmup,
        o.latency_samples,
        o.memory_guests,
        o.sockets,
        o.store_n,
        o.server_log,
    )
}

/// The filesystem type holding `dir`, from /proc/mounts (tmpfs would make commits free).
fn filesystem_of(dir: &std::path::Path) -> String {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    read("/proc/mounts")
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_, mount, fs) = (f.next()?, f.next()?, f.next()?);
            dir.starts_with(mount).then(|| (mount.len(), fs.to_owned()))
        })
        .max()
        .map(|(_, fs)| fs)
        .unwrap_or_else(|| "unknown filesystem".into())
}

/// Runs a load job in a child process; the server's CPU is sampled around the timed part only.
async fn run_load(
    job: LoadJob,
    roles: &ThreadRoles,
    lifetime: Duration,
) -> anyhow::Result<(LoadReport, CpuSnapshot, Duration)> {
    let roles = roles.clone();
    let (report, (before, after), wall) =
        run_load_with(job, move || probe::cpu_snapshot(&roles), lifetime).await?;
    Ok((report, before.delta(&after), wall))
}

/// Runs a load job in a child process, calling `sample` just before and just after the timed
/// part.
async fn run_load_with<S: Send + 'static>(
    job: LoadJob,
    sample: impl Fn() -> S + Send + 'static,
    lifetime: Duration,
) -> anyhow::Result<(LoadReport, (S, S), Duration)> {
    blocking(move || {
        let mut child = ChildProc::spawn(&Job::Load(job), lifetime)?;
        let line = child.read_line()?;
        ensure!(line == "WARM", "unexpected line from the client: {line}");
        let before = sample();
        let t = Instant::now();
        child.send_line("GO")?;
        let line = child.read_line()?;
        let wall = t.elapsed();
        let after = sample();
        child.finish()?;
        let report: LoadReport = serde_json::from_str(&line).context("client report")?;
        Ok((report, (before, after), wall))
    })
    .await
}

fn cpu_table(cpu: &CpuSnapshot, wall: Duration, client_cpu: f64) -> String {
    let wall = wall.as_secs_f64().max(1e-9);
    let mut table = Table::new(&["CPU during the timed run", "CPU s", "% of one core"]);
    for (group, secs) in &cpu.groups {
        if *secs > 0.0 {
            table.row(vec![
                format!("server: {group}"),
                format!("{secs:.2}"),
                format!("{:.0}", secs / wall * 100.0),
            ]);
        }
    }
    table.row(vec![
        "server total".into(),
        format!("{:.2}", cpu.total),
        format!("{:.0}", cpu.total / wall * 100.0),
    ]);
    table.row(vec![
        "load generator (child process)".into(),
        format!("{client_cpu:.2}"),
        format!("{:.0}", client_cpu / wall * 100.0),
    ]);
    table.render()
}

/// One side-by-side row: what a run achieved and what it cost the server.
struct SideBySide {
    name: &'static str,
    report: LoadReport,
    server_cpu_s: f64,
}

impl SideBySide {
    fn rate(&self) -> f64 {
        self.report.ok as f64 / self.report.elapsed_s.max(1e-9)
    }

    fn cpu_us(&self) -> f64 {
        self.server_cpu_s * 1e6 / self.report.ok.max(1) as f64
    }
}

/// Majordome's ingest, then (same server) its own `/healthz`, then the seed-stack peer with the
/// same webhooks: one run, so that the ratios hold even when the machine is shared.
async fn throughput(
    bench: &mut Bench,
    title: &str,
    n: usize,
    guests: usize,
    with_healthz: bool,
) -> anyhow::Result<()> {
    let server = bench.server(3600).await?;
    let load_at_start = loadavg();
    let stored_before = server.stored_guest_messages().await?;
    let warmup = (bench.opts.warmup > 0)
        .then(|| Batch::new(bench.opts.warmup, 200.min(bench.opts.warmup), 50_000_000, 1));
    let warm_n = warmup.as_ref().map_or(0, |b| b.n);
    let warm_guests = warmup.as_ref().map_or(0, |b| b.guests);
    let job = |port: u16, target: Target| LoadJob {
        ports: vec![port],
        public_base_url: None,
        target,
        warmup: warmup.clone(),
        batch: Batch::new(n, guests, 0, 2),
        concurrency: bench.opts.concurrency,
        deadline_secs: bench.opts.phase_timeout_secs,
    };
    let (report, cpu, wall) = run_load(
        job(server.port, Target::Webhook),
        &server.roles,
        bench.lifetime(),
    )
    .await?;

    // Honesty check: every acknowledged webhook is a row, and the inbox shows it unread.
    let stored = server.stored_guest_messages().await? - stored_before;
    let (unread, listed) = server.inbox_settled(warm_n + report.ok).await?;
    let actors = server.live_actors();
    let expected = (warm_n + report.ok) as u64;
    let verdict = if stored == expected && unread == expected {
        "all stored".to_owned()
    } else {
        format!("MISMATCH: expected {expected}")
    };
    let majordome_text = format!(
        "Check: {stored} guest messages stored for {expected} acknowledged ({verdict}); \
         `GET /api/conversations` lists {listed} conversations with {unread} unread; \
         {actors} live conversation actors.{}{}\n\n{}",
        if report.failed > 0 {
            format!(" {} failed: {:?}.", report.failed, report.first_error)
        } else {
            String::new()
        },
        if report.skipped > 0 {
            format!(" {} skipped (phase timeout).", report.skipped)
        } else {
            String::new()
        },
        cpu_table(&cpu, wall, report.cpu_s),
    );
    let mut rows = vec![SideBySide {
        name: "Majordome, signed webhooks",
        report,
        server_cpu_s: cpu.total,
    }];
    if with_healthz {
        let (report, cpu, _) = run_load(
            job(server.port, Target::Healthz),
            &server.roles,
            bench.lifetime(),
        )
        .await?;
        rows.push(SideBySide {
            name: "Majordome, `GET /healthz`",
            report,
            server_cpu_s: cpu.total,
        });
    }
    server.stop().await;

    let peer = Peer::start(&bench.opts.peer_source, &bench.db_dir)?;
    let peer_cpu = {
        let (pid_peer, port) = (peer.pid, peer.port);
        let (report, (before, after), _) = run_load_with(
            job(port, Target::Webhook),
            move || peer::cpu_secs_of(pid_peer),
            bench.lifetime(),
        )
        .await?;
        rows.push(SideBySide {
            name: "seed-stack peer, signed webhooks",
            report,
            server_cpu_s: after - before,
        });
        peer.rss_kib()
    };
    drop(peer);

    let peer_rate = rows.last().map_or(0.0, SideBySide::rate);
    let mut table = Table::new(&[
        "run",
        "requests",
        "requests/s",
        "× peer",
        "mean ms",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "server CPU µs/req",
        "errors",
    ]);
    for row in &rows {
        let l = latency(&row.report.latencies_us);
        table.row(vec![
            row.name.into(),
            thousands(row.report.ok as f64),
            thousands(row.rate()),
            format!("{:.2}", row.rate() / peer_rate.max(1e-9)),
            ms(l.mean),
            ms(l.p50),
            ms(l.p95),
            ms(l.p99),
            ms(l.max),
            format!("{:.0}", row.cpu_us()),
            (row.report.failed + row.report.skipped).to_string(),
        ]);
    }
    let healthz_ratio = (rows.len() == 3).then(|| rows[0].rate() / rows[1].rate().max(1e-9));
    let text = format!(
        "## {title}\n\n\
         {n} distinct signed webhooks (no `MessageSid` repeated) from {guests} guest(s), {} in \
         flight, after {warm_n} warm-up webhooks from {warm_guests} other guests, against \
         Majordome, then{} the seed-stack peer (fresh database each), one after the other in \
         this run. Load average before: {load_at_start}; after: {}.\n\n{}\n\
         **Majordome ingest = {:.2}× the peer**{}. Peer RSS at the end: {} MiB.\n\n{majordome_text}\n",
        bench.opts.concurrency,
        if with_healthz {
            " the same Majordome server's `GET /healthz` (same client, same connections count), then"
        } else {
            ""
        },
        loadavg(),
        table.render(),
        rows[0].rate() / peer_rate.max(1e-9),
        healthz_ratio
            .map(|r| format!(", {:.0} % of its own `/healthz` rate", r * 100.0))
            .unwrap_or_default(),
        mib(peer_cpu),
    );
    bench.emit(&text);
    Ok(())
}

async fn run_latency(job: LatencyJob, lifetime: Duration) -> anyhow::Result<LatencyReport> {
    run_child(Job::Latency(job), lifetime).await
}

/// Runs a client job that warms up, waits for `GO`, then prints its report.
async fn run_child<R: serde::de::DeserializeOwned + Send + 'static>(
    job: Job,
    lifetime: Duration,
) -> anyhow::Result<R> {
    blocking(move || {
        let mut child = ChildProc::spawn(&job, lifetime)?;
        let line = child.read_line()?;
        ensure!(line == "WARM", "unexpected line from the client: {line}");
        child.send_line("GO")?;
        let line = child.read_line()?;
        child.finish()?;
        serde_json::from_str(&line).context("client report")
    })
    .await
}

async fn dashboard_latency(bench: &mut Bench) -> anyhow::Result<()> {
    let server = bench.server(3600).await?;
    let stored_before = server.stored_guest_messages().await?;
    let warmup = 20;
    let started = Instant::now();
    let mut table = Table::new(&[
        "measured from POST start",
        "samples",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
    ]);
    let mut acknowledged = 0;
    let mut problems = Vec::new();
    for (variant, ack_events, tag) in [
        ("dashboard like a browser", false, 0xe1),
        ("client answers each event with a pong", true, 0xe2),
    ] {
        let job = LatencyJob {
            port: server.port,
            token: server.token.clone(),
            warmup,
            samples: bench.opts.latency_samples,
            guests: 20,
            guest_offset: 70_000_000 + tag as usize * 100,
            tag,
            ack_events,
            deadline_secs: bench.opts.phase_timeout_secs,
        };
        let report = run_latency(job, bench.lifetime()).await?;
        acknowledged += warmup + report.http_us.len();
        if report.missed > 0 || report.failed > 0 {
            problems.push(format!(
                "{variant}: {} events missed (none within 5 s), {} webhook errors {:?}",
                report.missed, report.failed, report.first_error
            ));
        }
        for (name, l) in [
            (
                format!("{variant}: webhook answered (HTTP 200 read)"),
                latency(&report.http_us),
            ),
            (
                format!("{variant}: `message.created` received on /ws"),
                latency(&report.ws_us),
            ),
        ] {
            table.row(vec![
                name,
                l.n.to_string(),
                ms(l.p50),
                ms(l.p95),
                ms(l.p99),
                ms(l.max),
            ]);
        }
    }
    let stored = server.stored_guest_messages().await? - stored_before;
    let text = format!(
        "## 3. Webhook → dashboard latency\n\n\
         One dashboard WebSocket (demo operator, bearer token); {} webhooks one after another \
         (after {warmup} warm-up), each timed until its `message.created` event arrives; \
         then the same with a client that sends a tiny frame after each event. {:.1} s in \
         all.\n\n{}\n\
         Check: {stored} guest messages stored for {acknowledged} acknowledged{}.\n",
        bench.opts.latency_samples,
        started.elapsed().as_secs_f64(),
        table.render(),
        if problems.is_empty() {
            "; no event missed, no webhook error".to_owned()
        } else {
            format!("; {}", problems.join("; "))
        },
    );
    bench.emit(&text);
    server.stop().await;
    Ok(())
}

async fn fanout(bench: &mut Bench) -> anyhow::Result<()> {
    let server = bench.server(3600).await?;
    let load_at_start = loadavg();
    let stored_before = server.stored_guest_messages().await?;
    let job = FanoutJob {
        port: server.port,
        token: server.token.clone(),
        dashboards: bench.opts.dashboards,
        rate: bench.opts.fanout_rate,
        samples: bench.opts.fanout_samples,
        guests: bench.opts.guests,
        guest_offset: 80_000_000,
    };
    let lifetime = bench.lifetime();
    let report: FanoutReport = run_child(Job::Fanout(job), lifetime).await?;
    let stored = server.stored_guest_messages().await? - stored_before;
    let mut table = Table::new(&[
        "measured from the webhook's send",
        "samples",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
    ]);
    for (name, samples) in [
        ("webhook answered (HTTP 200 read)", &report.http_us),
        ("`message.created` received, every dashboard", &report.ws_us),
    ] {
        let l = latency(samples);
        table.row(vec![
            name.into(),
            thousands(l.n as f64),
            ms(l.p50),
            ms(l.p95),
            ms(l.p99),
            ms(l.max),
        ]);
    }
    let text = format!(
        "## 3b. Webhook → dashboard latency, {} dashboards at {} webhooks/s\n\n\
         {} dashboards (demo operator) connected, then {} webhooks from {} guests sent on a \
         fixed schedule (achieved {:.0}/s), each timed until its `message.created` reached \
         each dashboard. Load average before: {load_at_start}.\n\n{}\n\
         Check: {stored} guest messages stored for {} acknowledged; {} events missed (not \
         within 10 s of the last send); {} webhook errors{}.\n",
        report.connected,
        bench.opts.fanout_rate,
        report.connected,
        bench.opts.fanout_samples,
        bench.opts.guests,
        report.sent_per_s,
        table.render(),
        report.http_us.len(),
        report.missed,
        report.failed,
        report
            .first_error
            .as_ref()
            .map(|e| format!(" ({e})"))
            .unwrap_or_default(),
    );
    bench.emit(&text);
    server.stop().await;
    Ok(())
}

/// `n` guests write at once (one webhook each, 64 in flight); each conversation's burst window
/// then closes and its AI asks a fake Claude that answers in 1 s. Measured: from the moment the
/// last burst window closed until every reply has reached (the fake) Twilio.
async fn ai_burst(bench: &mut Bench) -> anyhow::Result<()> {
    let n = bench.opts.ai_conversations;
    let claude = FakeClaude::start(Duration::from_secs(1))?;
    let server = BenchServer::start_with(&bench.db_dir, &bench.twilio, 3600, Some(&claude)).await?;
    let window = server.state.config.ai_burst_window;
    let load_at_start = loadavg();
    let sends_before = bench.twilio.sends();
    let job = LoadJob {
        ports: vec![server.port],
        public_base_url: None,
        target: Target::Webhook,
        warmup: None,
        batch: Batch::new(n, n, 90_000_000, 0xa1),
        concurrency: bench.opts.concurrency,
        deadline_secs: bench.opts.phase_timeout_secs,
    };
    let t0 = Instant::now();
    let (report, _, _) = run_load(job, &server.roles, bench.lifetime()).await?;
    let burst_closed = Instant::now() + window;
    let deadline = burst_closed + Duration::from_secs(60);
    while bench.twilio.sends() - sends_before < report.ok && Instant::now() < deadline {
        actix_web::rt::time::sleep(Duration::from_millis(5)).await;
    }
    let done = Instant::now();
    let answered = bench.twilio.sends() - sends_before;
    let after_window = done.saturating_duration_since(burst_closed);
    let text = format!(
        "## 4. {n} AI conversations at once, Claude answering in 1 s\n\n\
         {n} guests each sent one webhook ({} acknowledged in {:.2} s, 64 in flight); the \
         burst window is {:.1} s, so the last conversation's window closed {:.2} s after the \
         first webhook. The fake Claude took 1 s per call ({} calls). Load average before: \
         {load_at_start}.\n\n\
         **{answered} of {} replies reached Twilio {:.2} s after the last burst window \
         closed** ({:.2} s after the first webhook; the floor is 1 s, Claude's own latency).\n",
        report.ok,
        report.elapsed_s,
        window.as_secs_f64(),
        (burst_closed - t0).as_secs_f64(),
        claude.calls(),
        report.ok,
        after_window.as_secs_f64(),
        (done - t0).as_secs_f64(),
    );
    bench.emit(&text);
    server.stop().await;
    Ok(())
}

/// Lets the server finish what the last requests started (actor mailboxes, broadcasts).
async fn settle() {
    actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

async fn conversation_memory(bench: &mut Bench) -> anyhow::Result<()> {
    // Actors must outlive the measurement: an idle actor retires after ACTOR_IDLE_SECS.
    let server = bench.server(86_400).await?;
    let guests = bench.opts.memory_guests;
    let concurrency = bench.opts.concurrency;
    let deadline_secs = bench.opts.phase_timeout_secs;
    let lifetime = bench.lifetime();
    let send = |batch: Batch| LoadJob {
        target: Target::Webhook,
        ports: vec![server.port],
        public_base_url: None,
        warmup: None,
        batch,
        concurrency,
        deadline_secs,
    };
    // Warm-up: allocator arenas, connection buffers, SQLite page cache.
    let warm = 500;
    let (r, _, _) = run_load(
        send(Batch::new(warm, warm, 60_000_000, 3)),
        &server.roles,
        lifetime,
    )
    .await?;
    ensure!(r.ok == warm, "warm-up: {} of {warm} accepted", r.ok);
    settle().await;
    let (rss_a, actors_a) = (probe::rss_kib(), server.live_actors());

    let (r, _, _) = run_load(
        send(Batch::new(guests, guests, 0, 4)),
        &server.roles,
        lifetime,
    )
    .await?;
    ensure!(r.ok == guests, "{} of {guests} accepted", r.ok);
    settle().await;
    let (rss_b, actors_b) = (probe::rss_kib(), server.live_actors());

    // Control: as many messages again, to the same (already live) conversations.
    let (r, _, _) = run_load(
        send(Batch::new(guests, guests, 0, 5)),
        &server.roles,
        lifetime,
    )
    .await?;
    ensure!(r.ok == guests, "control: {} of {guests} accepted", r.ok);
    settle().await;
    let (rss_c, actors_c) = (probe::rss_kib(), server.live_actors());

    let conversations = server.conversations().await?;
    let stored = server.stored_guest_messages().await?;
    let per_new = (rss_b as f64 - rss_a as f64) * 1024.0 / guests as f64;
    let per_msg = (rss_c as f64 - rss_b as f64) * 1024.0 / guests as f64;
    let mut table = Table::new(&["step", "RSS MiB", "live actors", "Δ RSS per guest"]);
    table.row(vec![
        format!("after {warm} warm-up guests"),
        mib(rss_a),
        actors_a.to_string(),
        String::new(),
    ]);
    table.row(vec![
        format!("+ {guests} new guests, one message each"),
        mib(rss_b),
        actors_b.to_string(),
        format!("{:.2} KiB", per_new / 1024.0),
    ]);
    table.row(vec![
        format!("+ a 2nd message from each (control)"),
        mib(rss_c),
        actors_c.to_string(),
        format!("{:.2} KiB", per_msg / 1024.0),
    ]);
    let text = format!(
        "## 4a. Memory per live conversation\n\n\
         Server process RSS (`VmRSS`; the clients are another process). Each new guest creates a \
         conversation and its actor, which lives for ACTOR_IDLE_SECS (set to 86 400 here).\n\n{}\n\
         ≈ **{:.1} KiB per live conversation** (new-guest step), of which ≈ {:.1} KiB is not \
         explained by storing a message (new-guest step minus control step). \
         Check: {conversations} conversations, {stored} guest messages in the database \
         ({} expected).\n",
        table.render(),
        per_new / 1024.0,
        (per_new - per_msg) / 1024.0,
        warm + 2 * guests,
    );
    bench.emit(&text);
    server.stop().await;
    Ok(())
}

/// Opens `count` dashboard sockets from a child; returns it (holding them) and its report.
async fn open_sockets(
    server: &BenchServer,
    count: usize,
    lifetime: Duration,
) -> anyhow::Result<(ChildProc, SocketsReport)> {
    let job = Job::Sockets(SocketsJob {
        port: server.port,
        token: server.token.clone(),
        count,
        parallel: 32,
    });
    blocking(move || {
        let mut child = ChildProc::spawn(&job, lifetime)?;
        let line = child.read_line()?;
        let report: SocketsReport = serde_json::from_str(&line).context("client report")?;
        Ok((child, report))
    })
    .await
}

/// Polls the hub until it counts `n` sessions (registration is asynchronous).
async fn wait_sessions(server: &BenchServer, n: usize) -> anyhow::Result<usize> {
    let mut seen = 0;
    for _ in 0..100 {
        seen = server.sessions().await?;
        if seen == n {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(seen)
}

async fn socket_memory(bench: &mut Bench) -> anyhow::Result<()> {
    let server = bench.server(3600).await?;
    let count = bench.opts.sockets;
    let lifetime = bench.lifetime();
    // Warm-up: open and close a first batch.
    let (child, warm) = open_sockets(&server, 100.min(count), lifetime).await?;
    blocking(move || child.finish()).await?;
    ensure!(warm.failed == 0, "warm-up sockets: {:?}", warm.first_error);
    wait_sessions(&server, 0).await?;
    settle().await;
    let rss_a = probe::rss_kib();

    let (child, report) = open_sockets(&server, count, lifetime).await?;
    let sessions = wait_sessions(&server, report.connected).await?;
    settle().await;
    let rss_b = probe::rss_kib();
    blocking(move || child.finish()).await?;
    let after_close = wait_sessions(&server, 0).await?;
    settle().await;
    let rss_c = probe::rss_kib();

    let per_socket = (rss_b as f64 - rss_a as f64) / report.connected.max(1) as f64;
    let mut table = Table::new(&["step", "RSS MiB", "hub sessions"]);
    table.row(vec!["before".into(), mib(rss_a), "0".into()]);
    table.row(vec![
        format!("{} sockets open", report.connected),
        mib(rss_b),
        sessions.to_string(),
    ]);
    table.row(vec![
        "all closed again".into(),
        mib(rss_c),
        after_close.to_string(),
    ]);
    let text = format!(
        "## 4b. Memory per dashboard WebSocket\n\n\
         {count} WebSockets (`GET /ws`, bearer token, each waits for `hello`) opened by a child \
         process in {:.2} s ({} failed{}); server process RSS.\n\n{}\n\
         ≈ **{per_socket:.1} KiB per connected dashboard**.\n",
        report.elapsed_s,
        report.failed,
        report
            .first_error
            .as_ref()
            .map(|e| format!(": {e}"))
            .unwrap_or_default(),
        table.render(),
    );
    bench.emit(&text);
    server.stop().await;
    Ok(())
}

async fn storage(bench: &mut Bench) -> anyhow::Result<()> {
    let n = bench.opts.store_n;
    let guests = bench.opts.guests;
    let concurrency = bench.opts.concurrency;
    let mut table = Table::new(&[
        "storage only (no HTTP)",
        "messages",
        "msgs/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "CPU µs/msg: main / SQLite",
        "errors",
        "stored",
    ]);
    let server = bench.server(3600).await?;
    let before = server.stored_guest_messages().await?;
    let cpu_before = probe::cpu_snapshot(&server.roles);
    let report = store::run(&server, n, guests, concurrency, bench.timeout()).await?;
    let cpu = cpu_before.delta(&probe::cpu_snapshot(&server.roles));
    let stored = server.stored_guest_messages().await? - before;
    let per_msg =
        |group: &str| cpu.groups.get(group).copied().unwrap_or(0.0) * 1e6 / report.ok.max(1) as f64;
    let l = latency(&report.latencies_us);
    table.row(vec![
        "the server's ingest writer (`state.ingest.inbound`)".into(),
        thousands(report.ok as f64),
        thousands(report.ok as f64 / report.elapsed.as_secs_f64().max(1e-9)),
        ms(l.p50),
        ms(l.p95),
        ms(l.p99),
        ms(l.max),
        format!(
            "{:.0} / {:.0}",
            per_msg(probe::MAIN),
            per_msg(probe::SQLITE)
        ),
        format!(
            "{}{}",
            report.failed + report.skipped,
            report
                .first_error
                .as_ref()
                .map(|e| format!(" ({e})"))
                .unwrap_or_default()
        ),
        if stored == report.ok as u64 {
            "all".into()
        } else {
            format!("{stored} (MISMATCH)")
        },
    ]);
    server.stop().await;
    let text = format!(
        "## 5. Storage only: the ingest writer\n\n\
         {n} guest messages over {guests} guests, {concurrency} at a time, handed in-process to \
         the server's own writer (`majordome::db::ingest`; no HTTP, no signature, no actor), \
         same SQLite settings and pool; the callers run on the main thread too (the writer's \
         thread), so its CPU includes them.\n\n{}",
        table.render()
    );
    bench.emit(&text);
    Ok(())
}
