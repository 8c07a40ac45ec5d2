//! The real server, started in this process through the library exactly as the integration tests
//! do, with a fake Twilio REST API on 127.0.0.1 in case anything is sent.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix_web::dev::ServerHandle;
use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::{ensure, Context};
use entity::{conversation, message};
use majordome::config::Config;
use majordome::state::AppState;
use majordome::Application;
use protocol::Sender;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Statement};
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::probe::{self, ThreadRoles};
use crate::webhook::{ACCOUNT_SID, AUTH_TOKEN};

pub const DEMO_EMAIL: &str = "demo@example.com";
pub const DEMO_PASSWORD: &str = "demo123";

/// A local stand-in for `api.twilio.com`: answers every send with Twilio's 201 JSON and counts it.
#[derive(Clone)]
pub struct FakeTwilio {
    pub base_url: String,
    sends: Arc<AtomicUsize>,
}

impl FakeTwilio {
    pub fn start() -> anyhow::Result<FakeTwilio> {
        let listener = TcpListener::bind("127.0.0.1:0").context("bind the fake Twilio")?;
        let port = listener.local_addr()?.port();
        let fake = FakeTwilio {
            base_url: format!("http://127.0.0.1:{port}"),
            sends: Arc::default(),
        };
        let sends = fake.sends.clone();
        let server = HttpServer::new(move || {
            App::new().app_data(web::Data::new(sends.clone())).route(
                "/2010-04-01/Accounts/{sid}/Messages.json",
                web::post().to(create_message),
            )
        })
        .workers(1)
        .listen(listener)?
        .run();
        actix_web::rt::spawn(server);
        Ok(fake)
    }

    pub fn sends(&self) -> usize {
        self.sends.load(Ordering::Relaxed)
    }
}

async fn create_message(
    sends: web::Data<Arc<AtomicUsize>>,
    form: web::Form<HashMap<String, String>>,
) -> HttpResponse {
    let n = sends.fetch_add(1, Ordering::Relaxed);
    let sid = format!("SM{n:032x}");
    HttpResponse::Created().json(json!({
        "account_sid": ACCOUNT_SID,
        "api_version": "2010-04-01",
        "body": form.get("Body"),
        "direction": "outbound-api",
        "error_code": null,
        "error_message": null,
        "from": form.get("From"),
        "num_media": "0",
        "num_segments": "1",
        "sid": sid,
        "status": "queued",
        "to": form.get("To"),
        "uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json"),
    }))
}

/// A local stand-in for Anthropic's Messages API: answers every call after `latency`, counts them.
#[derive(Clone)]
pub struct FakeClaude {
    pub base_url: String,
    calls: Arc<AtomicUsize>,
}

impl FakeClaude {
    pub fn start(latency: std::time::Duration) -> anyhow::Result<FakeClaude> {
        let listener = TcpListener::bind("127.0.0.1:0").context("bind the fake Claude")?;
        let port = listener.local_addr()?.port();
        let fake = FakeClaude {
            base_url: format!("http://127.0.0.1:{port}"),
            calls: Arc::default(),
        };
        let calls = fake.calls.clone();
        let server = HttpServer::new(move || {
            let calls = calls.clone();
            App::new().route(
                "/v1/messages",
                web::post().to(move || {
                    let calls = calls.clone();
                    async move {
                        calls.fetch_add(1, Ordering::Relaxed);
                        actix_web::rt::time::sleep(latency).await;
                        HttpResponse::Ok().json(json!({
                            "id": "msg_bench",
                            "type": "message",
                            "role": "assistant",
                            "model": "claude-haiku-5-5",
                            "content": [{"type": "text", "text": "Le code du portail est 4512."}],
                            "stop_reason": "end_turn",
                            "stop_sequence": null,
                            "usage": {"input_tokens": 800, "output_tokens": 20,
                                      "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
                        }))
                    }
                }),
            )
        })
        .workers(1)
        .max_connections(100_000)
        .backlog(4096)
        .listen(listener)?
        .run();
        actix_web::rt::spawn(server);
        Ok(fake)
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::Relaxed)
    }
}

/// One Majordome server on `127.0.0.1:{port}` with its own SQLite file.
pub struct BenchServer {
    pub port: u16,
    pub state: web::Data<AppState>,
    /// Bearer token of the demo operator.
    pub token: String,
    /// Which thread does what, for CPU accounting.
    pub roles: ThreadRoles,
    handle: ServerHandle,
    http: reqwest::Client,
    _dir: Option<TempDir>,
}

/// Where a bench server keeps its data.
#[derive(Clone, Copy)]
pub enum Storage<'a> {
    /// A fresh SQLite file in a temporary directory under this one.
    Sqlite(&'a Path),
    /// A PostgreSQL database that every instance of a cluster shares (the first one started
    /// migrates and seeds it); the instances sign webhooks over the cluster's one public URL,
    /// as they would behind a load balancer.
    Postgres {
        url: &'a str,
        public_base_url: &'a str,
    },
}

/// A client for the few REST calls of the bench itself (never through a proxy).
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("reqwest client")
}

impl BenchServer {
    /// Starts a server with a fresh database under `db_dir`, logs in as the demo operator and
    /// switches the demo conciergerie's AI off, so that only ingest is measured.
    pub async fn start(
        db_dir: &Path,
        twilio: &FakeTwilio,
        actor_idle_secs: u64,
    ) -> anyhow::Result<BenchServer> {
        BenchServer::start_with(db_dir, twilio, actor_idle_secs, None).await
    }

    /// With `claude`, the AI answers through that (fake) Messages API, in `auto` mode.
    pub async fn start_with(
        db_dir: &Path,
        twilio: &FakeTwilio,
        actor_idle_secs: u64,
        claude: Option<&FakeClaude>,
    ) -> anyhow::Result<BenchServer> {
        BenchServer::start_on(Storage::Sqlite(db_dir), twilio, actor_idle_secs, claude).await
    }

    /// A server on `storage`; with `claude`, the AI answers through that (fake) Messages API.
    pub async fn start_on(
        storage: Storage<'_>,
        twilio: &FakeTwilio,
        actor_idle_secs: u64,
        claude: Option<&FakeClaude>,
    ) -> anyhow::Result<BenchServer> {
        let mut dir = None;
        let mut public_base_url = None;
        let database_url = match storage {
            Storage::Sqlite(db_dir) => {
                let tmp = tempfile::Builder::new()
                    .prefix("majordome-bench-")
                    .tempdir_in(db_dir)
                    .with_context(|| format!("temporary directory in {}", db_dir.display()))?;
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    tmp.path().join("bench.db").display()
                );
                dir = Some(tmp);
                url
            }
            Storage::Postgres {
                url,
                public_base_url: public,
            } => {
                public_base_url = Some(public.to_owned());
                url.to_owned()
            }
        };
        let mut vars: HashMap<String, String> = [
            ("HOST", "127.0.0.1".to_owned()),
            ("PORT", "0".to_owned()),
            ("DATABASE_URL", database_url),
            ("SEED_DEMO", "true".to_owned()),
            ("TWILIO_ACCOUNT_SID", ACCOUNT_SID.to_owned()),
            ("TWILIO_AUTH_TOKEN", AUTH_TOKEN.to_owned()),
            ("TWILIO_API_BASE", twilio.base_url.clone()),
            ("ACTOR_IDLE_SECS", actor_idle_secs.to_string()),
            // The dashboards of the fan-out and socket phases share one login, standing for as
            // many operators: the per-login and per-conciergerie socket limits would refuse them.
            ("WS_MAX_PER_TOKEN", "100000".to_owned()),
            ("WS_MAX_PER_CONCIERGERIE", "100000".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        if let Some(public) = public_base_url {
            vars.insert("PUBLIC_BASE_URL".into(), public);
        }
        if let Some(claude) = claude {
            vars.insert("ANTHROPIC_API_KEY".into(), "sk-ant-bench".into());
            vars.insert("ANTHROPIC_API_BASE".into(), claude.base_url.clone());
        }
        let config = Config::from_map(&vars).map_err(|e| anyhow::anyhow!("config: {e}"))?;
        let threads_before = probe::threads();
        let app = Application::build(config).await?;
        let port = app.port();
        let handle = app.handle();
        let state = app.state();
        actix_web::rt::spawn(app.run_until_stopped());

        let http = http_client();
        let base = format!("http://127.0.0.1:{port}");
        let login = http
            .post(format!("{base}/api/auth/login"))
            .json(&json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD}))
            .send()
            .await?;
        ensure!(login.status().is_success(), "login: {}", login.status());
        let body: Value = login.json().await?;
        let token = body["token"]
            .as_str()
            .context("login answer without a token")?
            .to_owned();
        let patch = http
            .patch(format!("{base}/api/settings"))
            .bearer_auth(&token)
            .json(&json!({"ai_mode": if claude.is_some() { "auto" } else { "off" }}))
            .send()
            .await?;
        ensure!(
            patch.status().is_success(),
            "ai_mode off: {}",
            patch.status()
        );
        // Both HTTP workers have served a request by now, so they exist.
        let roles = ThreadRoles::of_new_server(&threads_before);
        Ok(BenchServer {
            roles,
            port,
            state,
            token,
            handle,
            http,
            _dir: dir,
        })
    }

    pub fn db(&self) -> &sea_orm::DatabaseConnection {
        &self.state.db
    }

    /// Guest messages stored, counted in the database.
    pub async fn stored_guest_messages(&self) -> anyhow::Result<u64> {
        Ok(message::Entity::find()
            .filter(message::Column::Sender.eq(Sender::Client))
            .count(self.db())
            .await?)
    }

    /// Guest message rows and distinct `MessageSid`s among them: equal when nothing was stored
    /// twice (every webhook of a run has its own `MessageSid`).
    pub async fn guest_message_rows_and_sids(&self) -> anyhow::Result<(i64, i64)> {
        let db = self.db();
        let row = db
            .query_one(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n, COUNT(DISTINCT external_id) AS sids \
                 FROM messages WHERE sender = 'client'",
            ))
            .await?
            .context("no answer to a COUNT")?;
        Ok((row.try_get("", "n")?, row.try_get("", "sids")?))
    }

    pub async fn conversations(&self) -> anyhow::Result<u64> {
        Ok(conversation::Entity::find().count(self.db()).await?)
    }

    /// The dashboard's view: every page of `GET /api/conversations` (following its `Link`
    /// header), summed unread counts and row count.
    pub async fn inbox(&self) -> anyhow::Result<(u64, usize)> {
        let (mut unread, mut listed) = (0, 0);
        let mut next = Some("/api/conversations?limit=200".to_owned());
        while let Some(path) = next.take() {
            let response = self
                .http
                .get(format!("http://127.0.0.1:{}{path}", self.port))
                .bearer_auth(&self.token)
                .send()
                .await?;
            ensure!(
                response.status().is_success(),
                "GET {path}: {}",
                response.status()
            );
            next = response
                .headers()
                .get("link")
                .and_then(|h| h.to_str().ok())
                .and_then(protocol::paging::next_link)
                .map(str::to_owned);
            let rows: Vec<Value> = response.json().await?;
            unread += rows
                .iter()
                .map(|r| r["unread_count"].as_u64().unwrap_or(0))
                .sum::<u64>();
            listed += rows.len();
        }
        Ok((unread, listed))
    }

    /// `inbox()`, once the unread counts reach `expected` (the conversation actors write them
    /// behind the acknowledgement) or 30 s have passed.
    pub async fn inbox_settled(&self, expected: usize) -> anyhow::Result<(u64, usize)> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let (unread, listed) = self.inbox().await?;
            if unread >= expected as u64 || std::time::Instant::now() >= deadline {
                return Ok((unread, listed));
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// Live conversation actors.
    pub fn live_actors(&self) -> usize {
        self.state.registry.len()
    }

    /// Connected WebSocket sessions, as the hub counts them.
    pub async fn sessions(&self) -> anyhow::Result<usize> {
        Ok(self
            .state
            .hub
            .send(majordome::actors::hub::CountSessions)
            .await?)
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}
