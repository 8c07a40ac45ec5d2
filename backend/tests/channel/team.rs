//! A conciergerie's team (issue 14): several operator accounts with roles, managed by the owner;
//! a deactivated member is out at once (sessions and sockets); members change their own
//! password; every operator reply and note is signed with its author for colleagues, never for
//! the guest.

use std::time::Duration;

use awc::ws::Frame;
use futures_util::{SinkExt, StreamExt};
use protocol::conversations::Message;
use protocol::events::WS_CLOSE_SESSION_ENDED;
use protocol::members::Member;
use protocol::{MemberRole, Sender};
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::{json, Value};

use crate::helpers::{assert_error, token_of, TestApp, DEMO_EMAIL, DEMO_PASSWORD};
use crate::outbound::{guest_wrote, thread};
use crate::support::*;

/// The owner invites a colleague; answers the new member.
async fn invite(app: &TestApp, owner: &str, email: &str, name: &str, role: &str) -> Member {
    let response = app
        .post_json(
            "/api/members",
            Some(owner),
            &json!({"email": email, "name": name, "role": role, "password": "bienvenue-2026"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("a member")
}

async fn login(app: &TestApp, email: &str) -> String {
    token_of(app.login(email, "bienvenue-2026").await).await
}

/// Reads frames until the server closes the socket; its close code and reason.
async fn closed_with(socket: &mut Socket) -> (u16, String) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let frame = tokio::time::timeout_at(deadline, socket.next())
            .await
            .expect("the socket was not closed within 10 s")
            .expect("the socket ended without a close frame")
            .expect("WebSocket frame");
        match frame {
            Frame::Close(Some(reason)) => {
                return (reason.code.into(), reason.description.unwrap_or_default())
            }
            Frame::Close(None) => panic!("closed without a code"),
            Frame::Ping(p) => socket.send(awc::ws::Message::Pong(p)).await.expect("pong"),
            _ => {}
        }
    }
}

#[actix_web::test]
async fn the_demo_login_is_the_owner_and_only_the_owner_manages_the_team() {
    let (app, _twilio) = twilio_app().await;
    let owner = app.login_demo().await;
    let me: Value = app
        .get("/api/auth/me", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["member"]["role"], "owner");
    assert_eq!(me["member"]["email"], DEMO_EMAIL);

    let manager = invite(&app, &owner, "lea@demo.fr", "Léa", "manager").await;
    let agent = invite(&app, &owner, "Marc@Demo.fr", "Marc", "agent").await;
    assert_eq!(agent.email, "marc@demo.fr", "emails are stored normalised");
    assert_eq!(agent.role, MemberRole::Agent);
    let agent_token = login(&app, "marc@demo.fr").await;
    let manager_token = login(&app, "lea@demo.fr").await;
    let me: Value = app
        .get("/api/auth/me", Some(&agent_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["member"]["name"], "Marc");
    assert_eq!(me["conciergerie"]["email"], DEMO_EMAIL, "same conciergerie");

    // Everyone sees the team (the assignee picker needs it)…
    for token in [&owner, &manager_token, &agent_token] {
        let team: Vec<Member> = app
            .get("/api/members", Some(token))
            .await
            .json()
            .await
            .unwrap();
        let names: Vec<&str> = team.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Camille", "Léa", "Marc"]);
    }
    // …but neither an agent nor a manager may change it.
    for token in [&agent_token, &manager_token] {
        let invited = app
            .post_json(
                "/api/members",
                Some(token),
                &json!({"email": "x@demo.fr", "name": "X", "role": "owner", "password": "bienvenue-2026"}),
            )
            .await;
        assert_error(invited, StatusCode::FORBIDDEN, "forbidden").await;
        let promoted = app
            .patch_json(
                &format!("/api/members/{}", agent.id),
                token,
                &json!({"role": "owner"}),
            )
            .await;
        assert_error(promoted, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let still: Vec<Member> = app
        .get("/api/members", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(still.len(), 3);
    assert!(still
        .iter()
        .all(|m| m.role != MemberRole::Owner || m.name == "Camille"));

    // The owner promotes the manager; the change holds at the manager's next request.
    let promoted = app
        .patch_json(
            &format!("/api/members/{}", manager.id),
            &owner,
            &json!({"role": "owner", "name": "Léa M."}),
        )
        .await;
    assert_eq!(promoted.status(), StatusCode::OK);
    let invited = app
        .post_json(
            "/api/members",
            Some(&manager_token),
            &json!({"email": "new@demo.fr", "name": "Nina", "role": "agent", "password": "bienvenue-2026"}),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);

    // An email is one account platform-wide.
    let taken = app
        .post_json(
            "/api/members",
            Some(&owner),
            &json!({"email": "LEA@demo.fr", "name": "Autre", "role": "agent", "password": "bienvenue-2026"}),
        )
        .await;
    assert_error(taken, StatusCode::CONFLICT, "conflict").await;
}

#[actix_web::test]
async fn the_last_active_owner_cannot_step_down() {
    let (app, _twilio) = twilio_app().await;
    let owner = app.login_demo().await;
    let me: Value = app
        .get("/api/auth/me", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    let id = me["member"]["id"].as_i64().unwrap();
    for change in [json!({"role": "agent"}), json!({"active": false})] {
        let response = app
            .patch_json(&format!("/api/members/{id}"), &owner, &change)
            .await;
        assert_error(response, StatusCode::CONFLICT, "conflict").await;
    }
    assert_eq!(
        app.get("/api/auth/me", Some(&owner)).await.status(),
        StatusCode::OK
    );
}

#[actix_web::test]
async fn another_conciergeries_member_is_not_found() {
    let (app, _twilio) = twilio_app().await;
    let owner = app.login_demo().await;
    let agent = invite(&app, &owner, "marc@demo.fr", "Marc", "agent").await;
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "azur", "whatsapp:+33499999999")
        .await;
    let response = app
        .patch_json(
            &format!("/api/members/{}", agent.id),
            &other.token,
            &json!({"active": false}),
        )
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let theirs: Vec<Member> = app
        .get("/api/members", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs.len(), 1, "only their own owner: {theirs:?}");
    assert_eq!(theirs[0].email, other.email);

    // The platform admin sees the size of each team.
    let overview: Vec<Value> = app
        .get("/api/admin/conciergeries", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let members = |email: &str| {
        overview
            .iter()
            .find(|o| o["conciergerie"]["email"] == email)
            .map(|o| o["members"].as_u64().unwrap())
    };
    assert_eq!(members(DEMO_EMAIL), Some(2));
    assert_eq!(members(&other.email), Some(1));
}

#[actix_web::test]
async fn a_deactivated_member_is_logged_out_everywhere_at_once() {
    let (app, _twilio) = twilio_app().await;
    let owner = app.login_demo().await;
    let agent = invite(&app, &owner, "marc@demo.fr", "Marc", "agent").await;
    let agent_token = login(&app, "marc@demo.fr").await;
    let mut agent_socket = connect_ws(&app, &agent_token).await;
    let mut owner_socket = connect_ws(&app, &owner).await;

    let response = app
        .patch_json(
            &format!("/api/members/{}", agent.id),
            &owner,
            &json!({"active": false}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (code, reason) = closed_with(&mut agent_socket).await;
    assert_eq!(code, WS_CLOSE_SESSION_ENDED);
    assert_eq!(reason, "session revoked");
    assert_eq!(
        app.get("/api/conversations", Some(&agent_token))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let again = app.login("marc@demo.fr", "bienvenue-2026").await;
    assert_error(again, StatusCode::FORBIDDEN, "forbidden").await;

    // The owner's feed goes on: a guest message still reaches it.
    let form = text_webhook(
        "SM31313131313131313131313131313131",
        "whatsapp:+33611111111",
        DEMO_NUMBER,
        "Bonjour",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    wait_for(&mut owner_socket, "the guest's message", |e| {
        e["type"] == "message.created" && e["message"]["body"] == "Bonjour"
    })
    .await;

    // Reactivated, the member logs in again.
    let response = app
        .patch_json(
            &format!("/api/members/{}", agent.id),
            &owner,
            &json!({"active": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    login(&app, "marc@demo.fr").await;
}

#[actix_web::test]
async fn a_member_changes_their_password_and_their_other_sessions_end() {
    let (app, _twilio) = twilio_app().await;
    let owner = app.login_demo().await;
    invite(&app, &owner, "marc@demo.fr", "Marc", "agent").await;
    let here = login(&app, "marc@demo.fr").await;
    let elsewhere = login(&app, "marc@demo.fr").await;
    let mut elsewhere_socket = connect_ws(&app, &elsewhere).await;
    let mut owner_socket = connect_ws(&app, &owner).await;

    let wrong = app
        .post_json(
            "/api/auth/password",
            Some(&here),
            &json!({"current_password": "pas-le-bon", "new_password": "un-autre-secret"}),
        )
        .await;
    assert_error(wrong, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let short = app
        .post_json(
            "/api/auth/password",
            Some(&here),
            &json!({"current_password": "bienvenue-2026", "new_password": "court"}),
        )
        .await;
    assert_error(short, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    let changed = app
        .post_json(
            "/api/auth/password",
            Some(&here),
            &json!({"current_password": "bienvenue-2026", "new_password": "un-autre-secret"}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let (code, _) = closed_with(&mut elsewhere_socket).await;
    assert_eq!(code, WS_CLOSE_SESSION_ENDED);
    assert_eq!(
        app.get("/api/auth/me", Some(&elsewhere)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/auth/me", Some(&here)).await.status(),
        StatusCode::OK,
        "the session that changed it goes on"
    );
    assert_eq!(
        app.login("marc@demo.fr", "bienvenue-2026").await.status(),
        StatusCode::UNAUTHORIZED
    );
    token_of(app.login("marc@demo.fr", "un-autre-secret").await).await;
    // Nobody else was touched: the owner still logs in and keeps their feed.
    token_of(app.login(DEMO_EMAIL, DEMO_PASSWORD).await).await;
    let form = text_webhook(
        "SM32323232323232323232323232323232",
        "whatsapp:+33611111111",
        DEMO_NUMBER,
        "Toujours là ?",
    );
    post_signed(&app, "/webhook/whatsapp", &form).await;
    wait_for(&mut owner_socket, "the guest's message", |e| {
        e["type"] == "message.created" && e["message"]["body"] == "Toujours là ?"
    })
    .await;
}

#[actix_web::test]
async fn replies_and_notes_are_signed_for_colleagues_and_not_for_the_guest() {
    let (app, twilio) = twilio_app().await;
    let (owner, id) = guest_wrote(&app).await;
    invite(&app, &owner, "marc@demo.fr", "Marc", "agent").await;
    let agent = login(&app, "marc@demo.fr").await;
    let mut owner_socket = connect_ws(&app, &owner).await;

    let sent = app
        .post_json(
            &format!("/api/conversations/{id}/send"),
            Some(&agent),
            &json!({"body": "Je m'en occupe."}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let sent: Message = sent.json().await.unwrap();
    assert_eq!(sent.author.as_ref().map(|a| a.name.as_str()), Some("Marc"));
    let live = wait_for(&mut owner_socket, "the agent's reply, live", |e| {
        e["type"] == "message.created" && e["message"]["id"] == sent.id.0
    })
    .await;
    assert_eq!(live["message"]["author"]["name"], "Marc");

    let note = app
        .post_json(
            &format!("/api/conversations/{id}/notes"),
            Some(&owner),
            &json!({"body": "Merci Marc"}),
        )
        .await;
    assert_eq!(note.status(), StatusCode::CREATED);
    let live = wait_for(&mut owner_socket, "the owner's note, live", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "note"
    })
    .await;
    assert_eq!(live["message"]["author"]["name"], "Camille");

    eventually("the reply to reach Twilio", || async {
        !twilio.sends().is_empty()
    })
    .await;
    let history = thread(&app, &owner, id).await;
    let signed: Vec<(Sender, Option<String>)> = history
        .iter()
        .map(|m| (m.sender, m.author.as_ref().map(|a| a.name.clone())))
        .collect();
    assert_eq!(
        signed,
        [
            (Sender::Client, None),
            (Sender::Concierge, Some("Marc".to_owned())),
            (Sender::Note, Some("Camille".to_owned())),
        ]
    );
    // The guest gets the text alone.
    let sends = twilio.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].field("Body"), Some("Je m'en occupe."));
}

#[actix_web::test]
async fn a_conversation_is_assigned_live_and_mes_conversations_lists_it() {
    let (app, _twilio) = twilio_app().await;
    let (owner, id) = guest_wrote(&app).await;
    let agent = invite(&app, &owner, "marc@demo.fr", "Marc", "agent").await;
    let agent_token = login(&app, "marc@demo.fr").await;
    let mut agent_socket = connect_ws(&app, &agent_token).await;
    let mine = |token: String| {
        let app = &app;
        async move {
            let list: Vec<Value> = app
                .get("/api/conversations?assignee=me", Some(&token))
                .await
                .json()
                .await
                .unwrap();
            list
        }
    };
    assert!(mine(agent_token.clone()).await.is_empty());

    let assigned = app
        .patch_json(
            &format!("/api/conversations/{id}"),
            &owner,
            &json!({"assignee_id": agent.id}),
        )
        .await;
    assert_eq!(assigned.status(), StatusCode::OK);
    let assigned: Value = assigned.json().await.unwrap();
    assert_eq!(assigned["assignee_id"], agent.id.0);
    let live = wait_for(&mut agent_socket, "the assignment, live", |e| {
        e["type"] == "conversation.updated" && e["conversation"]["id"] == id.0
    })
    .await;
    assert_eq!(live["conversation"]["assignee_id"], agent.id.0);

    let list = mine(agent_token.clone()).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id.0);
    assert!(mine(owner.clone()).await.is_empty(), "not the owner's");
    let unassigned: Vec<Value> = app
        .get("/api/conversations?assignee=none", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert!(unassigned.is_empty());

    // Another conciergerie's member, or nobody at all, cannot be assigned.
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "azur", "whatsapp:+33499999999")
        .await;
    let theirs: Vec<Member> = app
        .get("/api/members", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    for stranger in [theirs[0].id.0, 999_999] {
        let refused = app
            .patch_json(
                &format!("/api/conversations/{id}"),
                &owner,
                &json!({"assignee_id": stranger}),
            )
            .await;
        assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    }

    // Unassigned again; the assignment survives nothing else: it is stored on the row.
    let cleared = app
        .patch_json(
            &format!("/api/conversations/{id}"),
            &agent_token,
            &json!({"assignee_id": null}),
        )
        .await;
    assert_eq!(cleared.status(), StatusCode::OK);
    eventually("the row to be saved unassigned", || async {
        entity::conversation::Entity::find_by_id(id.0)
            .one(app.db())
            .await
            .unwrap()
            .is_some_and(|c| c.assignee_id.is_none())
    })
    .await;
    assert!(mine(agent_token).await.is_empty());
}

#[actix_web::test]
async fn presence_reaches_colleagues_and_never_another_conciergerie() {
    let (app, _twilio) = twilio_app().await;
    let (owner, id) = guest_wrote(&app).await;
    invite(&app, &owner, "marc@demo.fr", "Marc", "agent").await;
    let agent = login(&app, "marc@demo.fr").await;
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "azur", "whatsapp:+33499999999")
        .await;
    let mut owner_socket = connect_ws(&app, &owner).await;
    let mut agent_socket = connect_ws(&app, &agent).await;
    let mut other_socket = connect_ws(&app, &other.token).await;

    let say = |event: Value| awc::ws::Message::Text(event.to_string().into());
    agent_socket
        .send(say(
            json!({"type": "presence.typing", "conversation_id": id.0}),
        ))
        .await
        .unwrap();
    let seen = wait_for(&mut owner_socket, "Marc typing", |e| {
        e["type"] == "presence.updated"
    })
    .await;
    assert_eq!(seen["conversation_id"], id.0);
    assert_eq!(seen["member"]["name"], "Marc");
    assert_eq!(seen["activity"], "typing");

    // The other conciergerie's own presence comes back to it, and Marc's never did.
    other_socket
        .send(say(
            json!({"type": "presence.viewing", "conversation_id": 1}),
        ))
        .await
        .unwrap();
    let first = wait_for(&mut other_socket, "its own presence", |e| {
        e["type"] == "presence.updated"
    })
    .await;
    assert_eq!(first["activity"], "viewing", "{first}");
    assert_ne!(first["member"]["name"], "Marc");
    // Nor did the other conciergerie's reach the demo team: the owner next sees the agent's
    // viewing, not Azur's.
    agent_socket
        .send(say(
            json!({"type": "presence.viewing", "conversation_id": id.0}),
        ))
        .await
        .unwrap();
    let next = wait_for(&mut owner_socket, "Marc viewing", |e| {
        e["type"] == "presence.updated"
    })
    .await;
    assert_eq!(next["member"]["name"], "Marc");
    assert_eq!(next["activity"], "viewing");

    // Nonsense from a client is ignored, and the socket stays open.
    agent_socket
        .send(awc::ws::Message::Text(
            "{\"type\":\"message.created\"}".into(),
        ))
        .await
        .unwrap();
    agent_socket
        .send(say(
            json!({"type": "presence.typing", "conversation_id": id.0 + 1}),
        ))
        .await
        .unwrap();
    let again = wait_for(&mut owner_socket, "Marc typing elsewhere", |e| {
        e["type"] == "presence.updated"
    })
    .await;
    assert_eq!(again["conversation_id"], id.0 + 1);
}

#[actix_web::test]
async fn the_admins_password_reset_and_email_change_are_the_owners() {
    let (app, _twilio) = twilio_app().await;
    let owner = app.login_demo().await;
    invite(&app, &owner, "marc@demo.fr", "Marc", "agent").await;
    let admin = app.admin_login().await;
    let me: Value = app
        .get("/api/auth/me", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    let tenant = me["conciergerie"]["id"].as_i64().unwrap();

    let reset = app
        .post_json(
            &format!("/api/admin/conciergeries/{tenant}/password"),
            Some(&admin),
            &json!({"password": "nouveau-secret"}),
        )
        .await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.login(DEMO_EMAIL, DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let owner = token_of(app.login(DEMO_EMAIL, "nouveau-secret").await).await;
    let me: Value = app
        .get("/api/auth/me", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["member"]["role"], "owner");
    // The colleague's own password was not touched.
    login(&app, "marc@demo.fr").await;

    // A new contact email for the conciergerie is its owner's new login; a colleague's email
    // cannot be taken.
    let taken = app
        .patch_json(
            &format!("/api/admin/conciergeries/{tenant}"),
            &admin,
            &json!({"email": "marc@demo.fr"}),
        )
        .await;
    assert_error(taken, StatusCode::CONFLICT, "conflict").await;
    let moved = app
        .patch_json(
            &format!("/api/admin/conciergeries/{tenant}"),
            &admin,
            &json!({"email": "contact@demo.fr"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    token_of(app.login("contact@demo.fr", "nouveau-secret").await).await;
}
