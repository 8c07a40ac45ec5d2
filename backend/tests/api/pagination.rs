//! Finding 7: nothing was paginated, and past 32,766 conversations analytics was a permanent 500.
//! A conciergerie with 40,000 conversations (inserted in bulk SQL, not through webhooks) gets
//! pages of 50 by default, follows `Link: rel="next"` without gaps or repeats, and every
//! aggregate still answers.

use std::collections::HashSet;

use protocol::conversations::{ConversationSummary, Message};
use protocol::{ConciergerieId, Sender};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::helpers::{spawn_app, TestApp};

const BULK: usize = 40_000;

/// Copies a template conversation `n` times in one statement (SQL that SQLite and PostgreSQL
/// both speak); the copies share its activity time, so only the id breaks ties between them (the
/// cursor must handle that).
async fn bulk_copies(app: &TestApp, template: i64, n: usize) {
    let sql = format!(
        "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {n}) \
         INSERT INTO conversations (conciergerie_id, phone_number, contact_name, status, \
           ai_mode_override, ai_paused, ai_paused_until, last_message_at, last_message_preview, \
           last_client_message_at, last_send_failed, unread_count, ai_suggestion, handoff_reason, \
           created_at) \
         SELECT t.conciergerie_id, 'whatsapp:+447' || CAST(100000000 + seq.i AS TEXT), t.contact_name, \
           t.status, t.ai_mode_override, t.ai_paused, t.ai_paused_until, t.last_message_at, \
           'bulk ' || seq.i, t.last_client_message_at, t.last_send_failed, t.unread_count, \
           t.ai_suggestion, t.handoff_reason, t.created_at \
         FROM seq, conversations t WHERE t.id = {template}"
    );
    app.db()
        .execute_unprepared(&sql)
        .await
        .expect("bulk insert");
}

/// The seeded demo conciergerie (the only one).
pub(crate) async fn demo_id(app: &TestApp) -> ConciergerieId {
    let demo = entity::conciergerie::Entity::find()
        .one(app.db())
        .await
        .unwrap()
        .expect("the demo conciergerie");
    ConciergerieId(demo.id)
}

fn next_link(response: &reqwest::Response) -> Option<String> {
    let link = response.headers().get("link")?.to_str().ok()?;
    protocol::paging::next_link(link).map(str::to_owned)
}

async fn page(
    app: &TestApp,
    token: &str,
    path: &str,
) -> (Vec<ConversationSummary>, Option<String>) {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let next = next_link(&response);
    (response.json().await.expect("JSON page"), next)
}

#[actix_web::test]
async fn forty_thousand_conversations_are_served_in_pages_and_aggregates_still_answer() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let demo = demo_id(&app).await;
    let template = app
        .insert_conversation(demo, "whatsapp:+33600000000", "old")
        .await;
    bulk_copies(&app, template.0, BULK).await;
    let mut newest = Vec::new();
    for i in 0..3 {
        newest.push(
            app.insert_conversation(demo, &format!("whatsapp:+3361000000{i}"), "new")
                .await,
        );
    }

    // Default page: the 50 most recent, newest first, and a link to the next page.
    let (first, mut next) = page(&app, &token, "/api/conversations").await;
    assert_eq!(first.len(), 50);
    let top: Vec<_> = first.iter().take(3).map(|c| c.id).collect();
    assert_eq!(top, newest.iter().rev().copied().collect::<Vec<_>>());

    // Following the links walks the list without a repeat or a gap.
    let mut seen: HashSet<_> = first.iter().map(|c| c.id).collect();
    let mut previous = first;
    for _ in 0..5 {
        let path = next.expect("a next page");
        let (items, following) = page(&app, &token, &path).await;
        assert_eq!(items.len(), 50);
        let boundary = previous.last().unwrap();
        let after = &items[0];
        assert!(
            (after.last_message_at, after.id) < (boundary.last_message_at, boundary.id),
            "pages overlap or go backwards"
        );
        for c in &items {
            assert!(seen.insert(c.id), "conversation {} served twice", c.id);
        }
        previous = items;
        next = following;
    }

    let (big, _) = page(&app, &token, "/api/conversations?limit=200").await;
    assert_eq!(big.len(), 200);
    for bad in ["limit=201", "limit=0", "before=not-a-cursor"] {
        let response = app
            .get(&format!("/api/conversations?{bad}"), Some(&token))
            .await;
        assert!(
            response.status().is_client_error(),
            "{bad}: {}",
            response.status()
        );
    }

    // Past 32,766 conversations these used to fail for good.
    let analytics = app.get("/api/analytics", Some(&token)).await;
    assert_eq!(analytics.status(), StatusCode::OK);
    let admin = app.admin_login().await;
    for path in ["/api/admin/conciergeries", "/api/admin/health"] {
        assert_eq!(
            app.get(path, Some(&admin)).await.status(),
            StatusCode::OK,
            "{path}"
        );
    }
}

#[actix_web::test]
async fn a_long_thread_is_read_from_its_latest_messages_backwards() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let demo = demo_id(&app).await;
    let id = app
        .insert_conversation(demo, "whatsapp:+33600000001", "m0")
        .await;
    for i in 1..120 {
        app.insert_message(id, Sender::Client, &format!("m{i}"))
            .await;
    }
    let path = format!("/api/conversations/{}/messages", id.0);
    let response = app.get(&path, Some(&token)).await;
    let mut next = next_link(&response);
    let latest: Vec<Message> = response.json().await.unwrap();
    assert_eq!(latest.len(), 50);
    assert_eq!(latest[0].body, "m70");
    assert_eq!(latest[49].body, "m119");

    let mut bodies: Vec<String> = latest.into_iter().map(|m| m.body).collect();
    while let Some(link) = next {
        let response = app.get(&link, Some(&token)).await;
        next = next_link(&response);
        let older: Vec<Message> = response.json().await.unwrap();
        bodies.splice(0..0, older.into_iter().map(|m| m.body));
    }
    let expected: Vec<String> = (0..120).map(|i| format!("m{i}")).collect();
    assert_eq!(bodies, expected);
}

#[actix_web::test]
async fn urgent_conversations_come_first_across_pages() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let demo = demo_id(&app).await;
    let mut ids = Vec::new();
    for i in 0..7 {
        ids.push(
            app.insert_conversation(demo, &format!("whatsapp:+3362000000{i}"), "hello")
                .await,
        );
    }
    // Two of the older ones are urgent: they lead the inbox, each page boundary included.
    let urgent = [ids[1], ids[3]];
    app.db()
        .execute_unprepared(&format!(
            "UPDATE conversations SET urgent = TRUE WHERE id IN ({}, {})",
            urgent[0].0, urgent[1].0
        ))
        .await
        .expect("flag urgent");

    let mut order = Vec::new();
    let mut next = Some("/api/conversations?limit=3".to_owned());
    while let Some(path) = next {
        let (items, following) = page(&app, &token, &path).await;
        order.extend(items.iter().map(|c| (c.urgent, c.id)));
        next = following;
    }
    let expected: Vec<_> = [(true, urgent[1]), (true, urgent[0])]
        .into_iter()
        .chain(
            ids.iter()
                .rev()
                .filter(|id| !urgent.contains(id))
                .map(|id| (false, *id)),
        )
        .collect();
    assert_eq!(
        order, expected,
        "urgent first, then newest activity, once each"
    );
}
