//! Two real instances on one PostgreSQL database (a cluster behind a load balancer): a webhook
//! that lands on one instance reaches the dashboards on every instance, exactly once each, and
//! never another tenant's; a logout on one instance closes the socket held by another; a
//! dashboard whose instance stops moves to another and catches up there. When an
//! event cannot travel (too large) or an instance loses its feed, its dashboards resync. An
//! admin's edit on one instance changes webhook routing on the other, a stay booked on one
//! instance links the guest's next message on another (a separate process) at once, and login
//! failures spread over instances are throttled as on one. A colleague's presence crosses instances too,
//! and the live-socket limits count the sockets of every instance.

use std::time::Duration;

use awc::ws::Frame;
use futures_util::StreamExt;
use majordome::cluster::CHANNEL;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::{json, Value};

use crate::fake_twilio::FakeTwilio;
use crate::helpers::{TestApp, ThrowawayPostgres, DEMO_EMAIL, DEMO_PASSWORD};
use crate::support::*;

/// Every event the socket received until (and including) the first that matches.
async fn events_until(
    socket: &mut Socket,
    what: &str,
    pred: impl Fn(&Value) -> bool,
) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Some(event) = next_event(socket, left).await else {
            panic!("no {what} event arrived; saw {seen:?}");
        };
        let done = pred(&event);
        seen.push(event);
        if done {
            return seen;
        }
    }
}

/// Two instances on one fresh PostgreSQL database, the demo conciergerie's AI off.
struct Cluster {
    a: TestApp,
    b: TestApp,
    _twilio: (FakeTwilio, FakeTwilio),
    pg: ThrowawayPostgres,
}

async fn two_instances() -> Cluster {
    two_instances_with(&[]).await
}

async fn two_instances_with(extra: &[(&str, &str)]) -> Cluster {
    let pg = ThrowawayPostgres::create("majordome_cluster").await;
    let mut settings = vec![
        ("DATABASE_URL", pg.url.as_str()),
        // A throttled login waits a minute: longer than any loaded machine takes between two
        // attempts, so the throttling test never depends on timing.
        ("LOGIN_FIRST_DELAY_SECS", "60"),
    ];
    settings.extend_from_slice(extra);
    // One after the other, as `majordome migrate` then N instances would: A migrates and seeds.
    let (a, twilio_a) = twilio_app_with(&settings).await;
    let (b, twilio_b) = twilio_app_with(&settings).await;
    quiet_ai(&a).await;
    Cluster {
        a,
        b,
        _twilio: (twilio_a, twilio_b),
        pg,
    }
}

fn guest_message(body: &'static str) -> impl Fn(&Value) -> bool {
    move |e| e["type"] == "message.created" && e["message"]["body"] == body
}

fn count_messages(events: &[Value], body: &str) -> usize {
    events
        .iter()
        .filter(|e| e["type"] == "message.created" && e["message"]["body"] == body)
        .count()
}

#[actix_web::test]
async fn an_event_on_one_instance_reaches_every_instances_dashboards_once_and_only_its_tenants() {
    let Cluster { a, b, pg, .. } = two_instances().await;
    let admin = a.admin_login().await;
    let lyon = a.new_tenant(&admin, "lyon", "whatsapp:+33478000000").await;

    // Sessions are in the shared database: log in on either instance, watch from either.
    let demo_on_b = crate::helpers::token_of(b.login(DEMO_EMAIL, DEMO_PASSWORD).await).await;
    let demo_on_a = a.login_demo().await;
    let mut demo_b = connect_ws(&b, &demo_on_b).await;
    let mut demo_a = connect_ws(&a, &demo_on_a).await;
    let mut lyon_b = connect_ws(&b, &lyon.token).await;

    let first = text_webhook(
        "SM00000000000000000000000000000a01",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Bonjour depuis l'instance A",
    );
    assert_eq!(
        post_signed(&a, "/webhook/whatsapp", &first).await.status(),
        StatusCode::OK
    );
    let lyon_message = text_webhook(
        "SM00000000000000000000000000000a02",
        "whatsapp:+33698765432",
        "whatsapp:+33478000000",
        "Message pour Lyon",
    );
    assert_eq!(
        post_signed(&a, "/webhook/whatsapp", &lyon_message)
            .await
            .status(),
        StatusCode::OK
    );
    // A marker after the first message: once a socket has it, the first message had all the time
    // it needed to arrive twice (events of one instance travel in order).
    let marker = text_webhook(
        "SM00000000000000000000000000000a03",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Marqueur",
    );
    assert_eq!(
        post_signed(&a, "/webhook/whatsapp", &marker).await.status(),
        StatusCode::OK
    );

    for (name, socket) in [("demo on B", &mut demo_b), ("demo on A", &mut demo_a)] {
        let seen = events_until(socket, "marker", guest_message("Marqueur")).await;
        assert_eq!(
            count_messages(&seen, "Bonjour depuis l'instance A"),
            1,
            "{name} saw the first message other than once: {seen:?}"
        );
        assert_eq!(
            count_messages(&seen, "Message pour Lyon"),
            0,
            "{name}: {seen:?}"
        );
        assert!(
            seen.iter()
                .filter(|e| e["type"] == "conversation.updated")
                .all(|e| e["conversation"]["phone_number"] != "whatsapp:+33698765432"),
            "{name} saw Lyon's conversation: {seen:?}"
        );
    }
    let seen = events_until(
        &mut lyon_b,
        "Lyon's message",
        guest_message("Message pour Lyon"),
    )
    .await;
    assert_eq!(
        count_messages(&seen, "Bonjour depuis l'instance A"),
        0,
        "{seen:?}"
    );
    assert_eq!(count_messages(&seen, "Marqueur"), 0, "{seen:?}");

    // An operator reply sent through B is seen live by the dashboard on A.
    let conversations: Vec<Value> = a
        .get("/api/conversations", Some(&demo_on_a))
        .await
        .json()
        .await
        .unwrap();
    let id = conversations[0]["id"].as_i64().unwrap();
    let sent = b
        .post_json(
            &format!("/api/conversations/{id}/send"),
            Some(&demo_on_b),
            &json!({"body": "Réponse depuis B"}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    events_until(
        &mut demo_a,
        "B's reply on A",
        guest_message("Réponse depuis B"),
    )
    .await;

    // Logging out on A closes the session's socket held by B.
    let out = a
        .post_json("/api/auth/logout", Some(&demo_on_b), &json!({}))
        .await;
    assert!(out.status().is_success(), "{}", out.status());
    closed_by_server(&mut demo_b, "logout on A").await;

    // A is stopped (SIGTERM's path): its dashboard is closed at once, reconnects to B, and
    // catches up there, then follows what lands on B.
    a.stop().await;
    closed_by_server(&mut demo_a, "A shutting down").await;
    let mut moved = connect_ws(&b, &demo_on_a).await;
    let thread: Vec<Value> = b
        .get(
            &format!("/api/conversations/{id}/messages"),
            Some(&demo_on_a),
        )
        .await
        .json()
        .await
        .unwrap();
    let bodies: Vec<&str> = thread.iter().filter_map(|m| m["body"].as_str()).collect();
    assert_eq!(
        bodies,
        [
            "Bonjour depuis l'instance A",
            "Marqueur",
            "Réponse depuis B"
        ]
    );
    let on_b = text_webhook(
        "SM00000000000000000000000000000a04",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Arrivé sur B",
    );
    assert_eq!(
        post_signed(&b, "/webhook/whatsapp", &on_b).await.status(),
        StatusCode::OK
    );
    let seen = events_until(&mut moved, "B's webhook", guest_message("Arrivé sur B")).await;
    assert_eq!(count_messages(&seen, "Arrivé sur B"), 1);
    drop((a, b));
    drop(pg);
}

/// Reads the socket until the server closes it, failing after 10 s.
async fn closed_by_server(socket: &mut Socket, what: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => panic!("{what}: the socket stayed open"),
            Ok(None | Some(Err(_)) | Some(Ok(Frame::Close(_)))) => return,
            Ok(Some(Ok(_))) => {}
        }
    }
}

/// The instances' `LISTEN` connections to the test database.
async fn listeners(db: &sea_orm::DatabaseConnection) -> i64 {
    let row = db
        .query_one(Statement::from_string(
            DbBackend::Postgres,
            format!(
                "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() \
                 AND query LIKE 'LISTEN %{CHANNEL}%'"
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

#[actix_web::test]
async fn dashboards_resync_after_an_oversized_event_or_a_lost_cluster_feed() {
    let Cluster { a, b, pg, .. } = two_instances().await;
    let token = a.login_demo().await;
    let mut on_a = connect_ws(&a, &token).await;
    let mut on_b = connect_ws(&b, &token).await;

    // Too large for a NOTIFY payload: the tenant's dashboards, on both instances, are told to
    // resync, and find it through REST.
    let long: &'static str = "🏖".repeat(2500).leak();
    let webhook = text_webhook(
        "SM00000000000000000000000000000b01",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        long,
    );
    assert_eq!(
        post_signed(&a, "/webhook/whatsapp", &webhook)
            .await
            .status(),
        StatusCode::OK
    );
    closed_by_server(&mut on_a, "oversized event on A").await;
    closed_by_server(&mut on_b, "oversized event on B").await;
    let mut on_a = connect_ws(&a, &token).await;
    let mut on_b = connect_ws(&b, &token).await;
    let inbox: Vec<Value> = b
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let thread = format!("/api/conversations/{}/messages", inbox[0]["id"]);
    let messages: Vec<Value> = b.get(&thread, Some(&token)).await.json().await.unwrap();
    assert!(
        messages.iter().any(|m| m["body"] == long),
        "B's REST resync has it"
    );

    // Both LISTEN connections cut: every dashboard is closed, then the feed works again.
    assert_eq!(listeners(a.db()).await, 2);
    a.db()
        .execute_unprepared(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN %{CHANNEL}%'"
        ))
        .await
        .unwrap();
    closed_by_server(&mut on_a, "lost feed on A").await;
    closed_by_server(&mut on_b, "lost feed on B").await;
    eventually("both instances listening again", || async {
        listeners(a.db()).await == 2
    })
    .await;
    let mut on_b = connect_ws(&b, &token).await;
    let after = text_webhook(
        "SM00000000000000000000000000000b02",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Après la coupure",
    );
    assert_eq!(
        post_signed(&a, "/webhook/whatsapp", &after).await.status(),
        StatusCode::OK
    );
    let seen = events_until(
        &mut on_b,
        "the message after",
        guest_message("Après la coupure"),
    )
    .await;
    assert_eq!(count_messages(&seen, "Après la coupure"), 1);
    drop((a, b));
    drop(pg);
}

/// Waits until `socket` (a demo dashboard on B) sees a webhook posted to A. A's signals travel
/// in order and B handles a tenant change before the next signal, so afterwards B routes by
/// every change A made before it.
async fn after_the_feed_caught_up(a: &TestApp, socket: &mut Socket, sid: &str, body: &'static str) {
    let marker = text_webhook(sid, "whatsapp:+33612345678", DEMO_NUMBER, body);
    assert_eq!(
        post_signed(a, "/webhook/whatsapp", &marker).await.status(),
        StatusCode::OK
    );
    events_until(socket, body, guest_message(body)).await;
}

/// The bodies of the unrouted messages waiting for `to`.
async fn unrouted_to(app: &TestApp, admin: &str, to: &str) -> Vec<String> {
    let unrouted: Vec<Value> = app
        .get("/api/admin/unrouted", Some(admin))
        .await
        .json()
        .await
        .unwrap();
    unrouted
        .iter()
        .filter(|u| u["to"] == to)
        .filter_map(|u| u["body"].as_str().map(str::to_owned))
        .collect()
}

#[actix_web::test]
async fn an_admin_edit_on_one_instance_changes_webhook_routing_on_the_other() {
    let Cluster { a, b, pg, .. } = two_instances().await;
    let admin = a.admin_login().await;
    let demo = a.login_demo().await;
    let mut demo_b = connect_ws(&b, &demo).await;
    let old_number = "whatsapp:+33478000000";
    let new_number = "whatsapp:+33478000001";
    let lyon = a.new_tenant(&admin, "lyon", old_number).await;

    // Renumbered through A: B routes the new number to Lyon, the old one nowhere.
    let renumbered = a
        .patch_json(
            &format!("/api/admin/conciergeries/{}", lyon.id.0),
            &admin,
            &json!({"whatsapp_number": new_number}),
        )
        .await;
    assert_eq!(renumbered.status(), StatusCode::OK);
    after_the_feed_caught_up(
        &a,
        &mut demo_b,
        "SM00000000000000000000000000000c01",
        "Repère 1",
    )
    .await;
    for (sid, to, body) in [
        (
            "SM00000000000000000000000000000c02",
            new_number,
            "Au nouveau numéro",
        ),
        (
            "SM00000000000000000000000000000c03",
            old_number,
            "À l'ancien numéro",
        ),
    ] {
        let form = text_webhook(sid, "whatsapp:+33698765432", to, body);
        assert_eq!(
            post_signed(&b, "/webhook/whatsapp", &form).await.status(),
            StatusCode::OK
        );
    }
    eventually("the old number's message waits as unrouted", || async {
        unrouted_to(&b, &admin, old_number).await == ["À l'ancien numéro"]
    })
    .await;
    let inbox: Vec<Value> = b
        .get("/api/conversations", Some(&lyon.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(inbox.len(), 1, "{inbox:?}");
    let thread: Vec<Value> = b
        .get(
            &format!("/api/conversations/{}/messages", inbox[0]["id"]),
            Some(&lyon.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        thread.iter().any(|m| m["body"] == "Au nouveau numéro"),
        "{thread:?}"
    );
    assert!(unrouted_to(&b, &admin, new_number).await.is_empty());

    // Deactivated through A: B routes nothing to Lyon any more.
    let off = a
        .patch_json(
            &format!("/api/admin/conciergeries/{}", lyon.id.0),
            &admin,
            &json!({"active": false}),
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    after_the_feed_caught_up(
        &a,
        &mut demo_b,
        "SM00000000000000000000000000000c04",
        "Repère 2",
    )
    .await;
    let form = text_webhook(
        "SM00000000000000000000000000000c05",
        "whatsapp:+33698765432",
        new_number,
        "Après désactivation",
    );
    assert_eq!(
        post_signed(&b, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    eventually(
        "the message to the deactivated number waits as unrouted",
        || async { unrouted_to(&b, &admin, new_number).await == ["Après désactivation"] },
    )
    .await;
    drop((a, b));
    drop(pg);
}

/// The guest → stay lookup is answered from each instance's memory; a stay booked through one
/// instance must reach the other's at once (the cluster's `StaysChanged`), not after the minute
/// that memory may otherwise last. The other instance is a separate `majordome` process: in one
/// process the two would share the counter of stay writes, and the test would prove nothing.
#[actix_web::test]
async fn a_stay_booked_on_one_instance_links_the_next_message_on_the_other() {
    let pg = ThrowawayPostgres::create("majordome_cluster").await;
    let (a, _twilio) = twilio_app_with(&[("DATABASE_URL", pg.url.as_str())]).await;
    quiet_ai(&a).await;
    let dir = tempfile::tempdir().unwrap();
    let b =
        crate::crash::Server::start_with_twilio(dir.path(), &pg.url, "http://127.0.0.1:9").await;
    let demo = a.login_demo().await;
    let mut demo_a = connect_ws(&a, &demo).await;
    let client = reqwest::Client::new();
    let guest = "+33698700001";
    let on_b = |k: u32| {
        text_webhook(
            &format!("SM{k:032}"),
            &format!("whatsapp:{guest}"),
            DEMO_NUMBER,
            &format!("Message {k}"),
        )
    };
    // The guest's first message, on B: no stay, and B remembers that.
    assert!(crate::crash::post_webhook(&client, &b.base, &on_b(0)).await);
    events_until(&mut demo_a, "the first message", |e| {
        e["type"] == "conversation.updated"
            && e["conversation"]["last_message_preview"] == "Message 0"
    })
    .await;

    // Booked through A.
    let stays: Vec<Value> = a.get("/api/stays", Some(&demo)).await.json().await.unwrap();
    let today = chrono::Utc::now().date_naive();
    let booked = a
        .post_json(
            "/api/stays",
            Some(&demo),
            &json!({"property_id": stays[0]["property_id"], "guest_name": "Invitée du cluster",
                    "whatsapp_number": guest, "arrival": today.to_string(),
                    "departure": (today + chrono::Days::new(2)).to_string()}),
        )
        .await;
    assert_eq!(booked.status(), StatusCode::CREATED);

    // The guest writes again on B until a message is linked (the signal travels while the
    // first ones are on their way): well within the minute B's memory would otherwise last.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    for k in 1.. {
        assert!(
            std::time::Instant::now() < deadline,
            "B never linked the guest's messages to the stay booked on A"
        );
        assert!(crate::crash::post_webhook(&client, &b.base, &on_b(k)).await);
        let preview = format!("Message {k}");
        let events = events_until(&mut demo_a, &preview, |e| {
            e["type"] == "conversation.updated"
                && e["conversation"]["last_message_preview"] == preview
        })
        .await;
        let stay = &events.last().unwrap()["conversation"]["stay"];
        if !stay.is_null() {
            assert_eq!(stay["guest_name"], "Invitée du cluster");
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop((a, b));
    drop(pg);
}

#[actix_web::test]
async fn login_failures_spread_over_instances_are_throttled_as_on_one() {
    let Cluster { a, b, pg, .. } = two_instances().await;
    // The three free failures, spread: two on A, one on B.
    for (app, guess) in [(&a, "guess-1"), (&b, "guess-2"), (&a, "guess-3")] {
        assert_eq!(
            app.login(DEMO_EMAIL, guess).await.status(),
            StatusCode::UNAUTHORIZED,
            "{guess}"
        );
    }
    // The fourth attempt waits, on either instance, even with the right password.
    for app in [&b, &a] {
        assert_eq!(
            app.login(DEMO_EMAIL, DEMO_PASSWORD).await.status(),
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    // Only that account is slowed: the admin still logs in from the same address.
    assert_eq!(
        b.admin_login_as(crate::helpers::ADMIN_EMAIL, crate::helpers::ADMIN_PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    drop((a, b));
    drop(pg);
}

#[actix_web::test]
async fn presence_said_on_one_instance_reaches_a_colleague_on_the_other() {
    use futures_util::SinkExt;
    let Cluster { a, b, pg, .. } = two_instances().await;
    let owner = a.login_demo().await;
    let invited = a
        .post_json(
            "/api/members",
            Some(&owner),
            &json!({"email": "marc@demo.fr", "name": "Marc", "role": "agent", "password": "bienvenue-2026"}),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    let marc = crate::helpers::token_of(b.login("marc@demo.fr", "bienvenue-2026").await).await;
    let mut owner_socket = connect_ws(&a, &owner).await;
    let mut marc_socket = connect_ws(&b, &marc).await;
    marc_socket
        .send(awc::ws::Message::Text(
            json!({"type": "presence.typing", "conversation_id": 42})
                .to_string()
                .into(),
        ))
        .await
        .unwrap();
    let seen = events_until(&mut owner_socket, "Marc's presence", |e| {
        e["type"] == "presence.updated"
    })
    .await;
    let presence = seen.last().unwrap();
    assert_eq!(presence["member"]["name"], "Marc");
    assert_eq!(presence["activity"], "typing");
    assert_eq!(presence["conversation_id"], 42);
    drop((a, b));
    drop(pg);
}

#[actix_web::test]
async fn socket_limits_count_the_sockets_held_by_every_instance() {
    let c =
        two_instances_with(&[("WS_MAX_PER_TOKEN", "2"), ("WS_MAX_PER_CONCIERGERIE", "3")]).await;
    let token = c.a.login_demo().await;
    let first = connect_ws(&c.a, &token).await;
    let _second = connect_ws(&c.b, &token).await;
    for (instance, app) in [("A", &c.a), ("B", &c.b)] {
        assert_eq!(
            try_connect(app, &token).await.err(),
            Some(StatusCode::TOO_MANY_REQUESTS),
            "a third socket of one login session, on instance {instance}"
        );
    }
    let other = c.b.login_demo().await;
    let _third = connect_ws(&c.b, &other).await;
    assert_eq!(
        try_connect(&c.a, &other).await.err(),
        Some(StatusCode::TOO_MANY_REQUESTS),
        "a fourth socket of the conciergerie, two of them held by the other instance"
    );

    // A socket closed on A gives its place back to the whole cluster.
    drop(first);
    eventually("the closed socket's place taken on instance B", || async {
        try_connect(&c.b, &other).await.is_ok()
    })
    .await;
}
