//! Finding 1: demo credentials must not go live. With Twilio configured the server refuses to
//! start on the demo admin password or with the demo conciergerie holding the real number, unless
//! `SEED_DEMO=true` asks for a sandbox; offline it still starts in one command with the demo.

use std::collections::HashMap;
use std::path::Path;

use majordome::config::Config;
use majordome::Application;

use crate::helpers::{spawn_app_with, DEMO_EMAIL, DEMO_PASSWORD};

fn vars(db: &Path, pairs: &[(&str, &str)]) -> HashMap<String, String> {
    let mut vars: HashMap<String, String> = [
        ("HOST", "127.0.0.1".to_owned()),
        ("PORT", "0".to_owned()),
        (
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (k, v) in pairs {
        vars.insert((*k).to_owned(), (*v).to_owned());
    }
    vars
}

/// Builds the real application; `Err` is the message the operator would read.
async fn build(db: &Path, pairs: &[(&str, &str)]) -> Result<Application, String> {
    let config = Config::from_map(&vars(db, pairs)).expect("valid configuration");
    Application::build(config)
        .await
        .map_err(|e| format!("{e:#}"))
}

/// Runs the server, then stops it gracefully (a server never run cannot be stopped).
async fn stop(app: Application) {
    let handle = app.handle();
    actix_web::rt::spawn(app.run_until_stopped());
    handle.stop(true).await;
}

const LIVE: [(&str, &str); 2] = [
    ("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000"),
    ("TWILIO_AUTH_TOKEN", "a-real-token"),
];

#[actix_web::test]
async fn going_live_on_the_demo_admin_password_is_refused_with_the_variables_to_set() {
    let dir = tempfile::tempdir().unwrap();
    let err = match build(&dir.path().join("live.db"), &LIVE).await {
        Ok(_) => panic!("a live server started with the demo admin password"),
        Err(e) => e,
    };
    for var in ["ADMIN_PASSWORD", "ADMIN_EMAIL", "SEED_DEMO=true"] {
        assert!(err.contains(var), "`{err}` does not name {var}");
    }
}

#[actix_web::test]
async fn going_live_seeds_no_demo_conciergerie_on_an_empty_database() {
    let mut pairs = LIVE.to_vec();
    pairs.push(("ADMIN_PASSWORD", "a long admin secret"));
    // spawn_app sets SEED_DEMO=true; an empty value is "unset", as in a `.env` file.
    pairs.push(("SEED_DEMO", ""));
    let app = spawn_app_with(&pairs).await;
    let response = app.login(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(response.status(), reqwest::StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn a_demo_seeded_offline_cannot_go_live_on_the_real_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("was-offline.db");
    // First run: offline, one command, demo accounts.
    stop(build(&db, &[]).await.expect("offline start")).await;

    let mut live = LIVE.to_vec();
    live.push(("ADMIN_PASSWORD", "a long admin secret"));
    let err = match build(&db, &live).await {
        Ok(_) => panic!("the demo conciergerie went live on the real number"),
        Err(e) => e,
    };
    for var in ["TWILIO_WHATSAPP_NUMBER", "SEED_DEMO=true", DEMO_EMAIL] {
        assert!(err.contains(var), "`{err}` does not name {var}");
    }

    // A sandbox asked for explicitly still starts, demo included.
    live.push(("SEED_DEMO", "true"));
    stop(build(&db, &live).await.expect("explicit sandbox starts")).await;
}

#[actix_web::test]
async fn offline_mode_still_starts_with_the_demo_accounts() {
    let app = spawn_app_with(&[("SEED_DEMO", "")]).await;
    let response = app.login(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
}

/// A new user's first run: the built binary, no argument, no configuration at all (only a free
/// port, so that tests can run side by side), from an empty directory. It starts offline, with
/// its database in that directory, and the demo operator and the admin can log in.
#[actix_web::test]
async fn the_binary_starts_offline_in_one_command_with_the_demo_accounts() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    struct Killed(std::process::Child);
    impl Drop for Killed {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_majordome"));
    for var in [
        "DATABASE_URL",
        "HOST",
        "SEED_DEMO",
        "ADMIN_EMAIL",
        "ADMIN_PASSWORD",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "ANTHROPIC_API_KEY",
        "PUBLIC_BASE_URL",
    ] {
        command.env_remove(var);
    }
    let _server = Killed(
        command
            .current_dir(dir.path())
            .env("PORT", port.to_string())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the majordome binary"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for (path, email, password) in [
        ("/api/auth/login", DEMO_EMAIL, DEMO_PASSWORD),
        ("/api/admin/auth/login", "admin@example.com", "admin123"),
    ] {
        let response = client
            .post(format!("{base}{path}"))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), reqwest::StatusCode::OK, "{email}");
    }
    assert!(
        dir.path().join("concierge.db").exists(),
        "the database is a file in the working directory"
    );
}
