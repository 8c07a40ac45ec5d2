//! Operations: readiness apart from liveness, the token-protected Prometheus endpoint, the refusal
//! of a schema newer than the build, `majordome migrate`, and a graceful shutdown that closes the
//! dashboards' WebSockets at once instead of waiting out the shutdown timeout.

use std::time::{Duration, Instant};

use awc::ws::Frame;
use futures_util::StreamExt;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

use crate::helpers::{assert_error, spawn_app, spawn_app_with, try_start, Backend, TestApp};

type Socket = actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>;

async fn dashboard_socket(app: &TestApp, token: &str) -> Socket {
    let (_, socket) = awc::Client::new()
        .ws(format!("ws://127.0.0.1:{}/ws", app.port))
        .bearer_auth(token)
        .connect()
        .await
        .expect("WebSocket handshake");
    socket
}

/// Reads the socket until the server closes it; `None` if it stays open for `wait`.
async fn closed_within(socket: &mut Socket, wait: Duration) -> Option<Instant> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => return None,
            Ok(None | Some(Err(_)) | Some(Ok(Frame::Close(_)))) => return Some(Instant::now()),
            Ok(Some(Ok(_))) => {}
        }
    }
}

/// Marks the database as migrated by a newer build than this one.
async fn migrate_from_the_future(db: &impl ConnectionTrait) {
    db.execute_unprepared(
        "INSERT INTO seaql_migrations (version, applied_at) \
         VALUES ('m29991231_000001_from_the_future', 0)",
    )
    .await
    .expect("insert a future migration");
}

#[actix_web::test]
async fn readiness_is_distinct_from_liveness_and_tracks_the_schema() {
    let app = spawn_app().await;
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status(), StatusCode::OK);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(body["schema"], "current");

    // A migration this build needs is missing (restored from an old backup, say): alive, but
    // not to be sent traffic.
    let last: String = app
        .db()
        .query_one(Statement::from_string(
            app.db().get_database_backend(),
            "SELECT MAX(version) AS v FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "v")
        .unwrap();
    let forget = format!("DELETE FROM seaql_migrations WHERE version = '{last}'");
    app.db().execute_unprepared(&forget).await.unwrap();
    assert_eq!(app.get("/healthz", None).await.status(), StatusCode::OK);
    let error = assert_error(
        app.get("/readyz", None).await,
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
    )
    .await;
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("1 migration(s) not applied"));
    let remember =
        format!("INSERT INTO seaql_migrations (version, applied_at) VALUES ('{last}', 0)");
    app.db().execute_unprepared(&remember).await.unwrap();
    assert_eq!(app.get("/readyz", None).await.status(), StatusCode::OK);

    // A newer build migrated the database (a rolling upgrade's first step): this instance
    // keeps serving until it is replaced, and says so.
    migrate_from_the_future(app.db()).await;
    let ready: Value = app.get("/readyz", None).await.json().await.unwrap();
    assert_eq!(ready["schema"], "newer");
    assert_eq!(
        ready["unknown_migrations"],
        serde_json::json!(["m29991231_000001_from_the_future"])
    );
}

#[actix_web::test]
async fn an_instance_refuses_to_start_on_a_schema_newer_than_it_knows() {
    let app = spawn_app().await;
    migrate_from_the_future(app.db()).await;
    let mut vars = app.vars().clone();
    vars.insert("PORT".into(), "0".into());
    let refused = match try_start(&vars).await {
        Ok(_) => panic!("started on a schema newer than it knows"),
        Err(e) => format!("{e:#}"),
    };
    assert!(
        refused.contains("newer than this Majordome build")
            && refused.contains("m29991231_000001_from_the_future"),
        "{refused}"
    );
}

/// `majordome migrate` as an operator runs it before a rolling upgrade: on an empty database it
/// creates the schema, a second run changes nothing, a server then starts ready; and it refuses a
/// database a newer build migrated.
#[actix_web::test]
async fn majordome_migrate_runs_the_migrations_once() {
    let dir = tempfile::tempdir().unwrap();
    let pg = match Backend::of_this_run() {
        Backend::Postgres => Some(crate::helpers::ThrowawayPostgres::create("majordome_cli").await),
        Backend::Sqlite => None,
    };
    let url = match &pg {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite://{}?mode=rwc", dir.path().join("m.db").display()),
    };
    let migrate = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_majordome"))
            .arg("migrate")
            .current_dir(dir.path())
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "info")
            .output()
            .expect("run majordome migrate")
    };
    for run in 0..2 {
        let out = migrate();
        assert!(
            out.status.success(),
            "run {run}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let app = spawn_app_with(&[("DATABASE_URL", url.as_str())]).await;
    assert_eq!(app.get("/readyz", None).await.status(), StatusCode::OK);

    migrate_from_the_future(app.db()).await;
    let out = migrate();
    assert!(!out.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("newer than this Majordome build"), "{said}");
    drop(app);
    drop(pg);
}

#[actix_web::test]
async fn metrics_exist_only_with_a_token_and_answer_only_to_it() {
    let without = spawn_app().await;
    assert_error(
        without.get("/metrics", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    let app = spawn_app_with(&[("METRICS_TOKEN", "s3cret-scraper")]).await;
    for token in [None, Some("wrong")] {
        assert_error(
            app.get("/metrics", token).await,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        )
        .await;
    }
    let token = app.login_demo().await;
    // An operator's token is not the scraper's.
    assert_eq!(
        app.get("/metrics", Some(&token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let _socket = dashboard_socket(&app, &token).await;
    let mut text = String::new();
    for _ in 0..100 {
        let response = app.get("/metrics", Some("s3cret-scraper")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        text = response.text().await.unwrap();
        if text.contains("majordome_websocket_sessions 1") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(text.contains("majordome_websocket_sessions 1"), "{text}");
    for name in [
        "majordome_live_conversation_actors",
        "majordome_ai_cost_usd_total",
    ] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
}

/// SIGTERM's path: the instance reports not ready while it drains, refuses new WebSockets,
/// closes the open ones, and stops long before the 5 s the server would wait for them.
#[actix_web::test]
async fn graceful_shutdown_drains_then_closes_websockets_promptly() {
    const DRAIN: Duration = Duration::from_millis(800);
    let app = spawn_app_with(&[("SHUTDOWN_DRAIN_MS", "800")]).await;
    let token = app.login_demo().await;
    let mut socket = dashboard_socket(&app, &token).await;

    let started = Instant::now();
    let observe = async {
        let mut saw_not_ready = false;
        while started.elapsed() < DRAIN {
            let ready = app.get("/readyz", None).await;
            if ready.status() == StatusCode::SERVICE_UNAVAILABLE {
                saw_not_ready = true;
                let refused = awc::Client::new()
                    .ws(format!("ws://127.0.0.1:{}/ws", app.port))
                    .bearer_auth(&token)
                    .connect()
                    .await;
                assert!(
                    refused.is_err(),
                    "a new WebSocket was accepted while draining"
                );
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let closed = closed_within(&mut socket, Duration::from_secs(10)).await;
        (saw_not_ready, closed)
    };
    let ((saw_not_ready, closed), ()) = tokio::join!(observe, app.stop());
    let stopped_after = started.elapsed();
    assert!(saw_not_ready, "/readyz never said 503 while draining");
    let closed = closed.expect("the WebSocket was not closed");
    assert!(closed.duration_since(started) >= DRAIN);
    assert!(
        stopped_after < DRAIN + Duration::from_secs(3),
        "shutdown took {stopped_after:?}: the open WebSocket held it up"
    );
}
