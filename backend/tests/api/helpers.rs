//! `spawn_app()`: builds the real `Application` on `127.0.0.1:0` with a fresh database, and a
//! few helpers that speak the API the way a client does.
//!
//! The database is a SQLite file, or a PostgreSQL database of its own (created on the machine's
//! server and dropped afterwards) when the run's backend is PostgreSQL: see `Backend`.

use std::collections::HashMap;

use actix_web::web;
use chrono::{Duration, Utc};
use majordome::config::Config;
use majordome::lifecycle::Shutdown;
use majordome::state::AppState;
use majordome::Application;
use protocol::{ConciergerieId, ConversationId, MessageStatus, Sender};
use reqwest::{Response, StatusCode};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::{json, Value};
use tempfile::TempDir;

pub const DEMO_EMAIL: &str = "demo@example.com";
pub const DEMO_PASSWORD: &str = "demo123";
pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "admin123";

pub struct TestApp {
    /// `http://127.0.0.1:{port}`
    pub address: String,
    pub port: u16,
    /// Keeps cookies, like a browser.
    pub api: reqwest::Client,
    shutdown: Shutdown,
    state: web::Data<AppState>,
    vars: HashMap<String, String>,
    /// The SQLite database lives here; dropped (and deleted) with the app.
    _db_dir: TempDir,
    /// The PostgreSQL database of a PostgreSQL run; dropped with the app.
    _pg: Option<ThrowawayPostgres>,
}

/// The database engine the test servers run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `MAJORDOME_TEST_BACKEND` (`sqlite` or `postgres`) when set, else the suite's own
    /// (`SUITE_BACKEND` in its `main.rs`: the `api_pg` suite runs on PostgreSQL).
    pub fn of_this_run() -> Backend {
        match std::env::var("MAJORDOME_TEST_BACKEND").ok().as_deref() {
            None | Some("") => crate::SUITE_BACKEND,
            Some("sqlite") => Backend::Sqlite,
            Some("postgres" | "postgresql") => Backend::Postgres,
            Some(other) => panic!("MAJORDOME_TEST_BACKEND=`{other}`: expected sqlite or postgres"),
        }
    }
}

/// A conciergerie created through the admin API, with a logged-in operator token.
pub struct Tenant {
    pub id: ConciergerieId,
    pub email: String,
    pub token: String,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Like `spawn_app`, with extra environment-style settings.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    let db_dir = tempfile::tempdir().expect("temp dir");
    let db_path = db_dir.path().join("majordome.db");
    // A test that names its database keeps it; otherwise the run's backend decides.
    let pg = if extra.iter().any(|(k, _)| *k == "DATABASE_URL") {
        None
    } else {
        match Backend::of_this_run() {
            Backend::Sqlite => None,
            Backend::Postgres => Some(ThrowawayPostgres::create("majordome_t").await),
        }
    };
    let database_url = match &pg {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite://{}?mode=rwc", db_path.display()),
    };
    let mut vars: HashMap<String, String> = [
        ("HOST", "127.0.0.1".to_owned()),
        ("PORT", "0".to_owned()),
        ("DATABASE_URL", database_url),
        ("SEED_DEMO", "true".to_owned()),
        // The suites log in and simulate guests far faster than people do; the request-rate
        // limits have tests of their own, which set them.
        ("LOGIN_RATE_PER_MIN", "0".to_owned()),
        ("SIMULATOR_RATE_PER_MIN", "0".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (k, v) in extra {
        vars.insert((*k).to_owned(), (*v).to_owned());
    }
    let (port, shutdown, state) = start(&vars).await;
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        api: client(),
        shutdown,
        state,
        vars,
        _db_dir: db_dir,
        _pg: pg,
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client")
}

async fn start(vars: &HashMap<String, String>) -> (u16, Shutdown, web::Data<AppState>) {
    try_start(vars).await.expect("build application")
}

/// Builds and starts a server with these settings (an error when it refuses to start).
pub async fn try_start(
    vars: &HashMap<String, String>,
) -> anyhow::Result<(u16, Shutdown, web::Data<AppState>)> {
    let config = Config::from_map(vars).expect("test configuration");
    let app = Application::build(config).await?;
    let port = app.port();
    let handle = app.shutdown_handle();
    let state = app.state();
    tokio::spawn(app.run_until_stopped());
    Ok((port, handle, state))
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The server's shared state (database connection included), for arranging test data.
    pub fn state(&self) -> &web::Data<AppState> {
        &self.state
    }

    pub fn db(&self) -> &sea_orm::DatabaseConnection {
        &self.state.db
    }

    /// Stops the server gracefully and starts a new one on the same database file and the same
    /// port, so that clients holding the address (a browser page, a WebSocket that reconnects)
    /// find it again.
    pub async fn restart(&mut self) {
        self.stop().await;
        self.start_again().await;
    }

    /// Stops the server gracefully, as SIGTERM does; the database stays. `start_again` brings it
    /// back.
    pub async fn stop(&self) {
        self.shutdown.run().await;
    }

    /// The settings this server was started with (`DATABASE_URL` included).
    pub fn vars(&self) -> &HashMap<String, String> {
        &self.vars
    }

    /// Starts a new server on the same database file and the same port (after `stop`).
    pub async fn start_again(&mut self) {
        // Pinned from now on; the first start asked the OS for a free port.
        self.vars.insert("PORT".to_owned(), self.port.to_string());
        // The stopped server's listening socket can take a moment to be released.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let (port, shutdown, state) = loop {
            match try_start(&self.vars).await {
                Ok(started) => break started,
                Err(_) if std::time::Instant::now() < deadline => {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot restart on port {}: {e:#}", self.port),
            }
        };
        assert_eq!(port, self.port, "restarted on another port");
        self.address = format!("http://127.0.0.1:{port}");
        self.shutdown = shutdown;
        self.state = state;
    }

    /// A client without cookies, for bearer-only calls.
    pub fn fresh_client(&self) -> reqwest::Client {
        client()
    }

    pub async fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        let mut req = self.fresh_client().post(self.url(path)).json(body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        req.send().await.expect("request")
    }

    pub async fn patch_json(&self, path: &str, token: &str, body: &Value) -> Response {
        self.fresh_client()
            .patch(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.fresh_client().get(self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        req.send().await.expect("request")
    }

    pub async fn delete(&self, path: &str, token: &str) -> Response {
        self.fresh_client()
            .delete(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_json(
            "/api/auth/login",
            None,
            &json!({"email": email, "password": password}),
        )
        .await
    }

    pub async fn admin_login_as(&self, email: &str, password: &str) -> Response {
        self.post_json(
            "/api/admin/auth/login",
            None,
            &json!({"email": email, "password": password}),
        )
        .await
    }

    /// Logs in as the seeded demo conciergerie and returns its bearer token.
    pub async fn login_demo(&self) -> String {
        token_of(self.login(DEMO_EMAIL, DEMO_PASSWORD).await).await
    }

    /// Logs in as the seeded platform admin and returns its bearer token.
    pub async fn admin_login(&self) -> String {
        token_of(self.admin_login_as(ADMIN_EMAIL, ADMIN_PASSWORD).await).await
    }

    /// Creates a conciergerie through the admin API; answers the raw response.
    pub async fn create_conciergerie(&self, admin_token: &str, body: &Value) -> Response {
        self.post_json("/api/admin/conciergeries", Some(admin_token), body)
            .await
    }

    /// Creates a second tenant (name and email derived from `slug`) and logs in as it.
    pub async fn new_tenant(&self, admin_token: &str, slug: &str, number: &str) -> Tenant {
        let email = format!("{slug}@example.fr");
        let password = format!("{slug}-password");
        let response = self
            .create_conciergerie(
                admin_token,
                &json!({
                    "name": format!("Conciergerie {slug}"),
                    "email": email,
                    "password": password,
                    "whatsapp_number": number,
                }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let created: Value = response.json().await.unwrap();
        let token = token_of(self.login(&email, &password).await).await;
        Tenant {
            id: ConciergerieId(created["id"].as_i64().unwrap()),
            email,
            token,
        }
    }

    /// The conciergerie a session token belongs to.
    pub async fn tenant_of(&self, token: &str) -> ConciergerieId {
        let me: Value = self
            .get("/api/auth/me", Some(token))
            .await
            .json()
            .await
            .expect("me JSON");
        ConciergerieId(me["conciergerie"]["id"].as_i64().expect("conciergerie id"))
    }

    /// Creates a property through the API (`body` as for `POST /api/properties`); answers it.
    pub async fn create_property(&self, token: &str, body: &Value) -> Value {
        let response = self.post_json("/api/properties", Some(token), body).await;
        assert_eq!(response.status(), StatusCode::CREATED, "{body}");
        response.json().await.expect("property JSON")
    }

    /// Creates a property with just a name; answers its id.
    pub async fn new_property(&self, token: &str, name: &str) -> i64 {
        let created = self.create_property(token, &json!({"name": name})).await;
        created["id"].as_i64().expect("property id")
    }

    /// Inserts a conversation with one guest message straight into the database (the webhook is
    /// not what these tests are about).
    pub async fn insert_conversation(
        &self,
        conciergerie: ConciergerieId,
        phone: &str,
        body: &str,
    ) -> ConversationId {
        let now = Utc::now();
        let conversation = entity::conversation::ActiveModel {
            conciergerie_id: Set(conciergerie.0),
            phone_number: Set(phone.to_owned()),
            contact_name: Set(Some(format!("Guest {phone}"))),
            status: Set(protocol::ConversationStatus::Open),
            ai_mode_override: Set(None),
            ai_paused: Set(false),
            ai_paused_until: Set(None),
            last_message_at: Set(Some(now)),
            last_message_preview: Set(Some(body.to_owned())),
            last_client_message_at: Set(Some(now)),
            last_send_failed: Set(false),
            unread_count: Set(1),
            ai_suggestion: Set(None),
            handoff_reason: Set(None),
            created_at: Set(now - Duration::minutes(1)),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .expect("insert conversation");
        let guest = self
            .insert_message(ConversationId(conversation.id), Sender::Client, body)
            .await;
        // As the conversation actor would have left it: the row reflects the guest message.
        let mut row = conversation.into_active_model();
        row.last_guest_message_id = Set(Some(guest));
        row.ai_decided_message_id = Set(Some(guest));
        let conversation = row.update(self.db()).await.expect("update conversation");
        ConversationId(conversation.id)
    }

    pub async fn insert_message(
        &self,
        conversation: ConversationId,
        sender: Sender,
        body: &str,
    ) -> i64 {
        insert_message_in(self.db(), conversation, sender, body).await
    }

    /// A connection of the test's own to the server's database. After `stop`, the server's
    /// pool may hand out a connection opened on one of its stopped worker runtimes.
    pub async fn connect_db(&self) -> sea_orm::DatabaseConnection {
        sea_orm::Database::connect(self.vars["DATABASE_URL"].as_str())
            .await
            .expect("connect to the test database")
    }
}

/// A message written straight to the database, as ingest would have stored it.
pub async fn insert_message_in(
    db: &sea_orm::DatabaseConnection,
    conversation: ConversationId,
    sender: Sender,
    body: &str,
) -> i64 {
    entity::message::ActiveModel {
        conversation_id: Set(conversation.0),
        sender: Set(sender),
        body: Set(body.to_owned()),
        external_id: Set(None),
        status: Set(if sender == Sender::Client {
            MessageStatus::Received
        } else {
            MessageStatus::Sent
        }),
        error_code: Set(None),
        error_message: Set(None),
        media: Set(None),
        location: Set(None),
        ai_suggestion: Set(None),
        ai_engine: Set(None),
        input_tokens: Set(None),
        output_tokens: Set(None),
        cache_creation_tokens: Set(None),
        cache_read_tokens: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert message")
    .id
}

/// The `token` of a successful login response.
pub async fn token_of(response: Response) -> String {
    assert_eq!(response.status(), StatusCode::OK, "login failed");
    let body: Value = response.json().await.expect("login JSON");
    body["token"].as_str().expect("token").to_owned()
}

/// Asserts the status and the `{"error": {"code", "message"}}` shape; returns the error object.
pub async fn assert_error(response: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status, "unexpected status");
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "error body is `{content_type}`, not JSON"
    );
    let body: Value = response.json().await.expect("error JSON");
    assert_eq!(body["error"]["code"], code, "unexpected error: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "error without message: {body}"
    );
    body["error"].clone()
}

/// A PostgreSQL database of its own for one test, on the machine's server (trust auth), dropped
/// when this value is. A test that needs PostgreSQL fails when the server is not reachable: it
/// never passes without having run.
pub struct ThrowawayPostgres {
    name: String,
    pub url: String,
}

const POSTGRES_SERVER: &str = "postgres://postgres@127.0.0.1:5432";

impl ThrowawayPostgres {
    pub async fn create(prefix: &str) -> Self {
        use rand::RngCore;
        use sqlx::Connection;
        let mut admin = sqlx::PgConnection::connect(&format!("{POSTGRES_SERVER}/postgres"))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "this test needs PostgreSQL at {POSTGRES_SERVER} (trust authentication), \
                     which is not reachable: {e}"
                )
            });
        let mut bytes = [0u8; 6];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let name = format!(
            "{prefix}_{}",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let url = format!("{POSTGRES_SERVER}/{name}");
        ThrowawayPostgres { name, url }
    }
}

impl Drop for ThrowawayPostgres {
    /// Drops the database (closing the connections still open to it) from a thread of its own:
    /// `Drop` cannot await, and the test's runtime may be the one running the server.
    fn drop(&mut self) {
        let name = self.name.clone();
        let dropped = std::thread::spawn(move || {
            use sqlx::Connection;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let mut admin =
                    sqlx::PgConnection::connect(&format!("{POSTGRES_SERVER}/postgres")).await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin)
                    .await?;
                admin.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop the test database {}", self.name);
        }
    }
}
