//! The real `majordome` process, killed with SIGKILL in the middle of a burst of signed webhooks:
//! no acknowledged webhook is lost, and once Twilio has retried the others (same `MessageSid`)
//! every message is stored exactly once.

use std::collections::HashSet;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{stream, StreamExt};
use majordome::channel::twilio::signature;
use sea_orm::{ConnectionTrait, Database, Statement};

use crate::fake_twilio::{ACCOUNT_SID, AUTH_TOKEN};
use crate::support::{text_webhook, DEMO_NUMBER};

/// Signatures are over the public URL, which stays the same across the restart.
const PUBLIC_BASE_URL: &str = "http://majordome.test";
const WEBHOOKS: usize = 2_000;

pub(crate) struct Server {
    pub(crate) process: Child,
    pub(crate) base: String,
}

impl Server {
    /// Starts the built binary on `db` (env configuration only, from an empty working directory
    /// so that no `.env` is read) and waits until `/healthz` answers.
    async fn start(dir: &Path, db: &str) -> Server {
        // Nothing listens there: an AI reply's send fails fast, and it is not under test.
        Server::start_with_twilio(dir, db, "http://127.0.0.1:9").await
    }

    /// The same, with Twilio's API at `twilio_api_base` and a short AI burst window.
    pub(crate) async fn start_with_twilio(dir: &Path, db: &str, twilio_api_base: &str) -> Server {
        Server::start_with_env(dir, db, twilio_api_base, &[]).await
    }

    /// The same, with more environment (it wins over the defaults above).
    pub(crate) async fn start_with_env(
        dir: &Path,
        db: &str,
        twilio_api_base: &str,
        extra: &[(&str, &str)],
    ) -> Server {
        Server::spawn(dir, db, twilio_api_base, extra, Stdio::null()).await
    }

    /// The same, keeping what the server logs on its standard output (`RUST_LOG=warn` unless
    /// `extra` says otherwise, without colours), read as it comes.
    pub(crate) async fn start_logging(
        dir: &Path,
        db: &str,
        twilio_api_base: &str,
        extra: &[(&str, &str)],
    ) -> (Server, Log) {
        let mut env = vec![("NO_COLOR", "1")];
        env.extend_from_slice(extra);
        let mut server = Server::spawn(dir, db, twilio_api_base, &env, Stdio::piped()).await;
        let output = server.process.stdout.take().expect("piped stdout");
        let log = Log::default();
        let lines = log.clone();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(output).lines() {
                let Ok(line) = line else { break };
                lines.0.lock().unwrap().push(without_colours(&line));
            }
        });
        (server, log)
    }

    async fn spawn(
        dir: &Path,
        db: &str,
        twilio_api_base: &str,
        extra: &[(&str, &str)],
        stdout: Stdio,
    ) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = Command::new(env!("CARGO_BIN_EXE_majordome"))
            .arg("serve")
            .current_dir(dir)
            .env("DATABASE_URL", db)
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("PUBLIC_BASE_URL", PUBLIC_BASE_URL)
            .env("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
            .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
            // A sandbox: the demo conciergerie may hold the Twilio number (safe defaults refuse
            // that for a live server unless SEED_DEMO is set explicitly).
            .env("SEED_DEMO", "true")
            .env("TWILIO_API_BASE", twilio_api_base)
            .env("AI_BURST_WINDOW_MS", "50")
            .env("RUST_LOG", "warn")
            .envs(extra.iter().copied())
            .stdout(stdout)
            .stderr(Stdio::null())
            .spawn()
            .expect("start the majordome binary");
        let server = Server {
            process,
            base: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let ready = client
                .get(format!("{}/healthz", server.base))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return server;
            }
            assert!(Instant::now() < deadline, "the server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// `line` without its ANSI colour sequences (`ESC [ … m`), should the logger add them.
fn without_colours(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// What a server logged, line by line.
#[derive(Clone, Default)]
pub(crate) struct Log(Arc<std::sync::Mutex<Vec<String>>>);

impl Log {
    /// The first line containing every one of `parts`, once it has been written.
    pub(crate) async fn line_with(&self, parts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let found = self
                .0
                .lock()
                .unwrap()
                .iter()
                .find(|line| parts.iter().all(|p| line.contains(p)))
                .cloned();
            if let Some(line) = found {
                return line;
            }
            assert!(
                Instant::now() < deadline,
                "no log line with {parts:?} in:\n{}",
                self.0.lock().unwrap().join("\n")
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn sid(i: usize) -> String {
    format!("SM{i:032}")
}

/// Posts webhook `i` once; `true` when it was acknowledged (200).
async fn post(client: &reqwest::Client, base: &str, i: usize) -> bool {
    let form = text_webhook(
        &sid(i),
        &format!("whatsapp:+336000{:05}", i % 50),
        DEMO_NUMBER,
        &format!("Message {i}"),
    );
    post_webhook(client, base, &form).await
}

/// Posts a signed webhook to the binary once; `true` when it was acknowledged (200).
pub(crate) async fn post_webhook(
    client: &reqwest::Client,
    base: &str,
    form: &[(String, String)],
) -> bool {
    let signed = signature::compute(
        AUTH_TOKEN,
        &format!("{PUBLIC_BASE_URL}/webhook/whatsapp"),
        form,
    );
    client
        .post(format!("{base}/webhook/whatsapp"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signed)
        .body(serde_urlencoded::to_string(form).unwrap())
        .send()
        .await
        .is_ok_and(|r| r.status() == reqwest::StatusCode::OK)
}

#[actix_web::test]
async fn sigkill_in_a_burst_loses_no_acknowledged_webhook_and_stores_none_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("crash.db").display()
    );
    let mut server = Server::start(dir.path(), &db).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();

    // The burst: 32 in flight; the process is killed once a quarter has been acknowledged.
    let acked_count = Arc::new(AtomicUsize::new(0));
    let burst = {
        let (client, base, acked_count) =
            (client.clone(), server.base.clone(), acked_count.clone());
        tokio::spawn(async move {
            stream::iter(0..WEBHOOKS)
                .map(|i| {
                    let (client, base, acked_count) = (&client, &base, &acked_count);
                    async move {
                        let ok = post(client, base, i).await;
                        if ok {
                            acked_count.fetch_add(1, Ordering::SeqCst);
                        }
                        (i, ok)
                    }
                })
                .buffer_unordered(32)
                .collect::<Vec<_>>()
                .await
        })
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while acked_count.load(Ordering::SeqCst) < WEBHOOKS / 4 {
        assert!(Instant::now() < deadline, "the burst did not get going");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    server.process.kill().unwrap(); // SIGKILL
    server.process.wait().unwrap();
    let outcomes = burst.await.unwrap();
    let acked: HashSet<usize> = outcomes
        .iter()
        .filter(|(_, ok)| *ok)
        .map(|(i, _)| *i)
        .collect();
    assert!(
        acked.len() < WEBHOOKS,
        "the kill came after the whole burst was acknowledged: nothing was tested"
    );

    // Restarted on the same file, Twilio retries each unacknowledged webhook until it gets 200.
    let server = Server::start(dir.path(), &db).await;
    for i in (0..WEBHOOKS).filter(|i| !acked.contains(i)) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !post(&client, &server.base, i).await {
            assert!(
                Instant::now() < deadline,
                "webhook {i} is refused after the restart"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    // And, as Twilio may, retries a few it had an answer for.
    for i in acked.iter().take(20) {
        assert!(post(&client, &server.base, *i).await);
    }
    drop(server);

    let conn = Database::connect(db.as_str()).await.unwrap();
    let rows = conn
        .query_all(Statement::from_string(
            conn.get_database_backend(),
            "SELECT external_id, COUNT(*) AS n FROM messages WHERE sender = 'client' \
             GROUP BY external_id",
        ))
        .await
        .unwrap();
    let mut stored = HashSet::new();
    for row in rows {
        let external_id: String = row.try_get("", "external_id").unwrap();
        let n: i64 = row.try_get("", "n").unwrap();
        assert_eq!(n, 1, "{external_id} stored {n} times");
        stored.insert(external_id);
    }
    let lost: Vec<usize> = acked
        .iter()
        .copied()
        .filter(|i| !stored.contains(&sid(*i)))
        .collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    assert_eq!(
        stored.len(),
        WEBHOOKS,
        "every webhook stored once after the retries"
    );
}
