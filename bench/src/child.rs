//! The clients run in a child process (this same binary, `child --job …`), so that the server
//! process holds only the server: its resident memory and its CPU time per thread are then the
//! server's alone. The child speaks a line protocol on stdout/stdin:
//! `WARM` (connected and warmed up) ← `GO` → one JSON report line; or, for sockets, one JSON
//! line once every socket is open, then it holds them until its stdin closes.

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use actix_codec::Framed;
use anyhow::{bail, Context};
use awc::ws::{Codec, Frame, Message};
use futures_util::{stream, SinkExt, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::probe;
use crate::webhook::{self, Batch, Signed};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    Load(LoadJob),
    Latency(LatencyJob),
    Sockets(SocketsJob),
    Fanout(crate::fanout::FanoutJob),
}

/// Many signed webhooks, `concurrency` in flight at a time, over keep-alive connections; with
/// several ports (instances of one cluster), request `i` goes to `ports[i % ports.len()]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoadJob {
    pub ports: Vec<u16>,
    /// The URL the servers sign over (`PUBLIC_BASE_URL`, the same for every instance of a
    /// cluster); `None`: each server's default, `http://localhost:{port}`, so one port only.
    pub public_base_url: Option<String>,
    pub target: Target,
    pub warmup: Option<Batch>,
    pub batch: Batch,
    pub concurrency: usize,
    /// Requests not started by then are skipped (and reported).
    pub deadline_secs: u64,
}

/// What the load generator hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// `POST /webhook/whatsapp`, signed webhooks (Majordome or the seed-stack peer).
    Webhook,
    /// `GET /healthz`: the same HTTP stack doing no work, the ceiling for this client.
    Healthz,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LoadReport {
    /// One per `200` answer, in completion order.
    pub latencies_us: Vec<u64>,
    pub elapsed_s: f64,
    pub ok: usize,
    pub failed: usize,
    pub skipped: usize,
    pub first_error: Option<String>,
    /// CPU seconds the load generator used during the timed run.
    pub cpu_s: f64,
}

/// Sequential webhooks, each timed until its `message.created` reaches a dashboard socket.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LatencyJob {
    pub port: u16,
    pub token: String,
    pub warmup: usize,
    pub samples: usize,
    pub guests: usize,
    pub guest_offset: usize,
    /// Distinguishes the `MessageSid`s of runs against the same database.
    pub tag: u8,
    /// After each event, send the server a tiny frame (an unsolicited pong). This makes the
    /// client's TCP acknowledge at once instead of after the delayed-ACK timer; a browser does
    /// not do it. Comparing both shows what Nagle's algorithm on the server's socket costs.
    pub ack_events: bool,
    pub deadline_secs: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LatencyReport {
    /// POST start → HTTP answer read.
    pub http_us: Vec<u64>,
    /// POST start → `message.created` frame received on the WebSocket.
    pub ws_us: Vec<u64>,
    /// Webhooks whose event did not arrive within 5 s.
    pub missed: usize,
    pub failed: usize,
    pub first_error: Option<String>,
}

/// Dashboard connections held open.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SocketsJob {
    pub port: u16,
    pub token: String,
    pub count: usize,
    pub parallel: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SocketsReport {
    pub connected: usize,
    pub failed: usize,
    pub first_error: Option<String>,
    pub elapsed_s: f64,
}

// ---------------------------------------------------------------------------------------------
// Parent side

/// A running child, driven line by line from a blocking thread.
pub struct ChildProc {
    process: std::process::Child,
    stdout: BufReader<ChildStdout>,
    stdin: Option<ChildStdin>,
}

impl ChildProc {
    pub fn spawn(job: &Job, lifetime: Duration) -> anyhow::Result<ChildProc> {
        let exe = std::env::current_exe().context("path of this executable")?;
        let mut process = Command::new(exe)
            .arg("child")
            .arg("--lifetime-secs")
            .arg(lifetime.as_secs().max(1).to_string())
            .arg("--job")
            .arg(serde_json::to_string(job)?)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("start the client process")?;
        let stdout = BufReader::new(process.stdout.take().context("child stdout")?);
        let stdin = process.stdin.take();
        Ok(ChildProc {
            process,
            stdout,
            stdin,
        })
    }

    /// The next protocol line (blocking).
    pub fn read_line(&mut self) -> anyhow::Result<String> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            bail!("the client process ended early (see its messages above)");
        }
        Ok(line.trim_end().to_owned())
    }

    pub fn send_line(&mut self, line: &str) -> anyhow::Result<()> {
        let stdin = self.stdin.as_mut().context("child stdin closed")?;
        writeln!(stdin, "{line}")?;
        stdin.flush()?;
        Ok(())
    }

    /// Closes the child's stdin (its signal to finish) and waits for it.
    pub fn finish(mut self) -> anyhow::Result<()> {
        drop(self.stdin.take());
        let status = self.process.wait()?;
        if !status.success() {
            bail!("the client process failed: {status}");
        }
        Ok(())
    }
}

impl Drop for ChildProc {
    fn drop(&mut self) {
        // Only reached with the child still running when something failed: stop it (by pid).
        if let Ok(None) = self.process.try_wait() {
            let _ = self.process.kill();
            let _ = self.process.wait();
        }
    }
}

/// Runs `f` on a blocking thread and awaits it, so that the server's own thread never blocks.
pub async fn blocking<T, F>(f: F) -> anyhow::Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> anyhow::Result<T> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .context("blocking task")?
}

// ---------------------------------------------------------------------------------------------
// Child side

pub async fn run(job: Job, lifetime: Duration) -> anyhow::Result<()> {
    // Whatever happens, a child never outlives its budget.
    std::thread::spawn(move || {
        std::thread::sleep(lifetime);
        eprintln!("majordome-bench child: time budget exceeded, exiting");
        std::process::exit(3);
    });
    match job {
        Job::Load(job) => load(job).await,
        Job::Latency(job) => latency(job).await,
        Job::Sockets(job) => sockets(job).await,
        Job::Fanout(job) => crate::fanout::run(job).await,
    }
}

pub fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Waits (off the runtime) for the parent's `GO`; an EOF means the parent is gone.
pub async fn wait_for_go() -> anyhow::Result<()> {
    let line = blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line)
    })
    .await?;
    if line.trim() != "GO" {
        bail!("the parent went away");
    }
    Ok(())
}

pub fn load_client(concurrency: usize) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client")
}

enum Outcome {
    Ok(u64),
    Failed(String),
    Skipped,
}

async fn fire(
    client: &reqwest::Client,
    urls: &[String],
    target: Target,
    requests: Vec<Signed>,
    concurrency: usize,
    deadline: Instant,
) -> LoadReport {
    let started = Instant::now();
    let cpu = probe::process_cpu_secs();
    let outcomes: Vec<Outcome> = stream::iter(requests.into_iter().enumerate())
        .map(|(i, request)| async move {
            let url = urls[i % urls.len()].as_str();
            if Instant::now() >= deadline {
                return Outcome::Skipped;
            }
            let start = Instant::now();
            let response = match target {
                Target::Webhook => client
                    .post(url)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", request.signature)
                    .body(request.body),
                Target::Healthz => client.get(url),
            }
            .send()
            .await;
            match response {
                Ok(response) => {
                    let status = response.status();
                    let body = response.bytes().await;
                    let took = start.elapsed().as_micros() as u64;
                    match body {
                        Ok(_) if status == reqwest::StatusCode::OK => Outcome::Ok(took),
                        Ok(body) => Outcome::Failed(format!(
                            "{status}: {}",
                            String::from_utf8_lossy(&body[..body.len().min(200)])
                        )),
                        Err(e) => Outcome::Failed(e.to_string()),
                    }
                }
                Err(e) => Outcome::Failed(e.to_string()),
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    let mut report = LoadReport {
        elapsed_s: started.elapsed().as_secs_f64(),
        cpu_s: probe::process_cpu_secs() - cpu,
        ..LoadReport::default()
    };
    for outcome in outcomes {
        match outcome {
            Outcome::Ok(us) => {
                report.ok += 1;
                report.latencies_us.push(us);
            }
            Outcome::Failed(e) => {
                report.failed += 1;
                report.first_error.get_or_insert(e);
            }
            Outcome::Skipped => report.skipped += 1,
        }
    }
    report
}

async fn load(job: LoadJob) -> anyhow::Result<()> {
    let path = match job.target {
        Target::Webhook => webhook::PATH,
        Target::Healthz => "/healthz",
    };
    let urls: Vec<String> = job
        .ports
        .iter()
        .map(|port| format!("http://127.0.0.1:{port}{path}"))
        .collect();
    let base_url = match (&job.public_base_url, job.ports.as_slice()) {
        (Some(url), _) => url.clone(),
        (None, [port]) => webhook::default_base_url(*port),
        (None, ports) => bail!("{} ports but no common public URL to sign", ports.len()),
    };
    let client = load_client(job.concurrency);
    // Everything is generated and signed before the clock starts.
    let warmup = job
        .warmup
        .as_ref()
        .map(|batch| webhook::generate_for(&base_url, batch));
    let requests = webhook::generate_for(&base_url, &job.batch);
    if let Some(warmup) = warmup {
        let deadline = Instant::now() + Duration::from_secs(job.deadline_secs);
        let report = fire(
            &client,
            &urls,
            job.target,
            warmup,
            job.concurrency,
            deadline,
        )
        .await;
        if report.failed > 0 || report.skipped > 0 {
            bail!(
                "warm-up failed: {} failed, {} skipped ({:?})",
                report.failed,
                report.skipped,
                report.first_error
            );
        }
    }
    say("WARM");
    wait_for_go().await?;
    let deadline = Instant::now() + Duration::from_secs(job.deadline_secs);
    let report = fire(
        &client,
        &urls,
        job.target,
        requests,
        job.concurrency,
        deadline,
    )
    .await;
    say(&serde_json::to_string(&report)?);
    Ok(())
}

type Socket = Framed<awc::BoxedSocket, Codec>;

pub async fn connect(port: u16, token: &str) -> anyhow::Result<Socket> {
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(10))
        .finish();
    let (_, mut socket) = client
        .ws(format!("ws://127.0.0.1:{port}/ws"))
        .bearer_auth(token)
        .connect()
        .await
        .map_err(|e| anyhow::anyhow!("WebSocket handshake: {e}"))?;
    let hello = next_event(&mut socket, Duration::from_secs(10), false)
        .await?
        .context("no hello event")?;
    if hello["type"] != "hello" {
        bail!("first event is not hello: {hello}");
    }
    Ok(socket)
}

/// The next JSON event (answering pings meanwhile), or `None` after `wait`. With `ack`, every
/// event is answered with an empty pong.
async fn next_event(
    socket: &mut Socket,
    wait: Duration,
    ack: bool,
) -> anyhow::Result<Option<Value>> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let frame = match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => return Ok(None),
            Ok(None) => bail!("the server closed the WebSocket"),
            Ok(Some(frame)) => frame?,
        };
        match frame {
            Frame::Text(bytes) => {
                if ack {
                    socket.send(Message::Pong(Default::default())).await?;
                }
                return Ok(Some(serde_json::from_slice(&bytes)?));
            }
            Frame::Ping(p) => socket.send(Message::Pong(p)).await?,
            Frame::Close(reason) => bail!("the server closed the WebSocket: {reason:?}"),
            _ => {}
        }
    }
}

async fn latency(job: LatencyJob) -> anyhow::Result<()> {
    let url = format!("http://127.0.0.1:{}{}", job.port, webhook::PATH);
    let client = load_client(1);
    let mut socket = connect(job.port, &job.token).await?;
    let total = job.warmup + job.samples;
    let requests: Vec<Signed> = (0..total)
        .map(|i| {
            let from = webhook::guest(job.guest_offset + i % job.guests.max(1));
            let text = format!(
                "Le wifi ne marche pas, quel est le code ? (sonde {}-{i})",
                job.tag
            );
            webhook::signed(job.port, &webhook::message_sid(job.tag, i), &from, text)
        })
        .collect();
    let mut report = LatencyReport::default();
    let mut warm = false;
    let deadline = Instant::now() + Duration::from_secs(job.deadline_secs);
    for (i, request) in requests.into_iter().enumerate() {
        if i == job.warmup {
            say("WARM");
            wait_for_go().await?;
            warm = true;
        }
        if warm && Instant::now() >= deadline {
            break;
        }
        let Signed {
            body,
            signature,
            text,
        } = request;
        let start = Instant::now();
        let post = post_once(&client, &url, body, signature, start);
        let event = wait_for_message(&mut socket, &text, start, job.ack_events);
        let ((posted, http_took), seen) = futures_util::join!(post, event);
        if !warm {
            continue;
        }
        match posted {
            Ok(()) => report.http_us.push(http_took.as_micros() as u64),
            Err(e) => {
                report.failed += 1;
                report.first_error.get_or_insert(e);
            }
        }
        match seen? {
            Some(took) => report.ws_us.push(took.as_micros() as u64),
            None => report.missed += 1,
        }
    }
    if !warm {
        say("WARM");
        wait_for_go().await?;
    }
    say(&serde_json::to_string(&report)?);
    Ok(())
}

async fn post_once(
    client: &reqwest::Client,
    url: &str,
    body: String,
    signature: String,
    start: Instant,
) -> (Result<(), String>, Duration) {
    let response = client
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature)
        .body(body)
        .send()
        .await;
    let result = match response {
        Ok(r) if r.status() == reqwest::StatusCode::OK => {
            r.bytes().await.map(|_| ()).map_err(|e| e.to_string())
        }
        Ok(r) => Err(format!("status {}", r.status())),
        Err(e) => Err(e.to_string()),
    };
    (result, start.elapsed())
}

/// Time from `start` until the `message.created` of this text arrives (`None`: not within 5 s).
async fn wait_for_message(
    socket: &mut Socket,
    text: &str,
    start: Instant,
    ack: bool,
) -> anyhow::Result<Option<Duration>> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match next_event(socket, left, ack).await? {
            None => return Ok(None),
            Some(ev) if ev["type"] == "message.created" && ev["message"]["body"] == text => {
                return Ok(Some(start.elapsed()))
            }
            Some(_) => continue,
        }
    }
}

async fn sockets(job: SocketsJob) -> anyhow::Result<()> {
    let started = Instant::now();
    let results: Vec<anyhow::Result<Socket>> = stream::iter(0..job.count)
        .map(|_| connect(job.port, &job.token))
        .buffer_unordered(job.parallel.max(1))
        .collect()
        .await;
    let mut report = SocketsReport {
        elapsed_s: started.elapsed().as_secs_f64(),
        ..SocketsReport::default()
    };
    for result in results {
        match result {
            Ok(mut socket) => {
                report.connected += 1;
                // Keep answering the server's heartbeat pings so it keeps the session.
                actix_web::rt::spawn(async move {
                    while let Some(frame) = socket.next().await {
                        match frame {
                            Ok(Frame::Ping(p)) => {
                                if socket.send(Message::Pong(p)).await.is_err() {
                                    break;
                                }
                            }
                            Ok(Frame::Close(_)) | Err(_) => break,
                            Ok(_) => {}
                        }
                    }
                });
            }
            Err(e) => {
                report.failed += 1;
                report.first_error.get_or_insert(e.to_string());
            }
        }
    }
    say(&serde_json::to_string(&report)?);
    // Hold the sockets until the parent closes our stdin.
    blocking(|| {
        let mut sink = String::new();
        while std::io::stdin().read_line(&mut sink)? > 0 {
            sink.clear();
        }
        Ok(())
    })
    .await?;
    std::process::exit(0);
}
