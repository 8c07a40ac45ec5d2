//! CSV exports: the whole inbox (every page, same filters) and one thread, quoted correctly,
//! offered as a download, and only ever the caller's own conversations.

use protocol::conversations::ConversationSummary;
use protocol::{ConversationId, Sender};
use reqwest::StatusCode;

use crate::helpers::{spawn_app, TestApp};
use crate::pagination::demo_id;
use crate::security_headers::header;

/// Downloads a CSV; checks it is offered as an attachment; answers its header and rows.
async fn download(app: &TestApp, token: &str, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let header = |name: &str| header(&response, name);
    assert!(header("content-type").starts_with("text/csv"), "{path}");
    assert!(
        header("content-disposition").starts_with("attachment"),
        "{path}"
    );
    assert!(header("content-disposition").contains(".csv"), "{path}");
    let bytes = response.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_ref());
    let head: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (head, rows)
}

#[actix_web::test]
async fn a_thread_exports_every_message_with_quotes_commas_and_line_breaks_intact() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let demo = demo_id(&app).await;
    let id = app
        .insert_conversation(demo, "whatsapp:+33611112222", "Bonjour")
        .await;
    let tricky = "Il a dit \"c'est bon\", puis\nplus rien; à 9h";
    app.insert_message(id, Sender::Client, tricky).await;
    app.insert_message(id, Sender::Note, "plombier prévenu")
        .await;
    // More than one internal batch of 200.
    for i in 0..205 {
        app.insert_message(id, Sender::Concierge, &format!("réponse {i}"))
            .await;
    }

    let (head, rows) = download(&app, &token, &format!("/api/conversations/{id}/export.csv")).await;
    assert_eq!(head, ["id", "created_at", "sender", "status", "body"]);
    assert_eq!(rows.len(), 208);
    assert_eq!(rows[0][4], "Bonjour");
    assert_eq!(
        (rows[1][2].as_str(), rows[1][4].as_str()),
        ("client", tricky)
    );
    assert_eq!(rows[2][2], "note");
    assert_eq!(rows[207][4], "réponse 204");
    let ids: Vec<i64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "oldest first, no repeat"
    );
}

#[actix_web::test]
async fn the_inbox_export_has_every_page_and_keeps_the_lists_filters() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let demo = demo_id(&app).await;
    let listed: Vec<ConversationSummary> = app
        .get("/api/conversations?limit=200", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let mut inserted = Vec::new();
    for i in 0..205 {
        inserted.push(
            app.insert_conversation(demo, &format!("whatsapp:+336200{i:05}"), "Allô, ici")
                .await,
        );
    }

    let (head, rows) = download(&app, &token, "/api/conversations/export.csv").await;
    assert_eq!(head[..3], ["id", "contact_name", "phone_number"]);
    assert_eq!(rows.len(), listed.len() + 205);
    let exported: Vec<ConversationId> = rows
        .iter()
        .map(|r| ConversationId(r[0].parse().unwrap()))
        .collect();
    for id in &inserted {
        assert!(exported.contains(id), "conversation {id} missing");
    }
    let preview = head
        .iter()
        .position(|h| h == "last_message_preview")
        .unwrap();
    assert!(rows.iter().any(|r| r[preview] == "Allô, ici"));

    // A filter nothing matches exports the header alone; an unknown one is refused like the list.
    let (_, none) = download(
        &app,
        &token,
        "/api/conversations/export.csv?property_id=999999",
    )
    .await;
    assert!(none.is_empty());
    let bad = app
        .get("/api/conversations/export.csv?phase=someday", Some(&token))
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn exports_never_show_another_conciergeries_conversations() {
    let app = spawn_app().await;
    let demo = demo_id(&app).await;
    let id = app
        .insert_conversation(demo, "whatsapp:+33633334444", "secret du voisin")
        .await;
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "voisine", "whatsapp:+33700000088")
        .await;

    let thread = app
        .get(
            &format!("/api/conversations/{id}/export.csv"),
            Some(&other.token),
        )
        .await;
    assert_eq!(thread.status(), StatusCode::NOT_FOUND);
    let (_, rows) = download(&app, &other.token, "/api/conversations/export.csv").await;
    assert!(rows.iter().all(|r| r[0] != id.0.to_string()), "{rows:?}");
    assert!(rows.is_empty());

    let anonymous = app.get("/api/conversations/export.csv", None).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
