//! Issue 10, finding 10: the real `majordome` process killed (SIGKILL) while Twilio holds a
//! reply's send. At the restart the reply, still `pending`, is reconciled from Twilio's message
//! list if Twilio had accepted it, or sent if Twilio never got it: it reaches the guest exactly
//! once either way.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, Statement};

use crate::crash::{post_webhook, Server};
use crate::fake_twilio::{Behaviour, FakeTwilio};
use crate::support::{text_webhook, DEMO_NUMBER};

const GUEST: &str = "whatsapp:+33612345678";

/// The AI's reply as stored: (status, external_id).
async fn stored_ai_reply(db: &str) -> Option<(String, Option<String>)> {
    let conn = Database::connect(db).await.ok()?;
    let row = conn
        .query_one(Statement::from_string(
            conn.get_database_backend(),
            "SELECT status, external_id FROM messages WHERE sender = 'ai'",
        ))
        .await
        .ok()??;
    Some((
        row.try_get("", "status").ok()?,
        row.try_get("", "external_id").ok()?,
    ))
}

async fn until<F, Fut, T>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A guest asks; the offline AI's reply is stored and handed to Twilio, which stalls (`stall`)
/// and keeps what it accepted queued for `queued` before sending it; the server is killed there
/// and restarted with Twilio answering again. Returns the fake.
async fn kill_while_twilio_holds_the_reply(
    stall: Behaviour,
    queued: Duration,
) -> (FakeTwilio, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("outbound.db").display()
    );
    let twilio = FakeTwilio::start().await;
    twilio.set_behaviour(stall);
    twilio.set_queue_delay(queued);
    let mut server = Server::start_with_twilio(dir.path(), &db, &twilio.base_url).await;
    let client = reqwest::Client::new();
    let form = text_webhook(
        "SMF0000000000000000000000000000001",
        GUEST,
        DEMO_NUMBER,
        "À quelle heure est le check-in ?",
    );
    assert!(post_webhook(&client, &server.base, &form).await);

    // The crash point: the reply is committed, its send is in Twilio's hands.
    until("the reply's send to stall", || async {
        (twilio.stalled() == 1).then_some(())
    })
    .await;
    let (status, sid) = stored_ai_reply(&db)
        .await
        .expect("the reply is stored first");
    assert_eq!((status.as_str(), sid), ("pending", None));
    server.process.kill().unwrap(); // SIGKILL
    server.process.wait().unwrap();

    twilio.set_behaviour(Behaviour::Accept);
    let server = Server::start_with_twilio(dir.path(), &db, &twilio.base_url).await;
    let sid = until("the reply to be sent or reconciled", || async {
        match stored_ai_reply(&db).await {
            Some((status, Some(sid))) if status != "pending" => Some(sid),
            _ => None,
        }
    })
    .await;
    drop(server);
    // Exactly one message reached the guest.
    let to_guest: Vec<_> = twilio
        .accepted()
        .into_iter()
        .filter(|m| m.to == GUEST)
        .collect();
    assert_eq!(to_guest.len(), 1, "{to_guest:?}");
    assert_eq!(
        to_guest[0].sid, sid,
        "the stored reply carries Twilio's SID"
    );
    assert!(twilio.list_reads() >= 1, "Twilio's list was consulted");
    (twilio, sid)
}

#[actix_web::test]
async fn sigkill_after_twilio_accepted_a_reply_reconciles_it_without_sending_it_again() {
    let (twilio, _) =
        kill_while_twilio_holds_the_reply(Behaviour::StallAccepted, Duration::ZERO).await;
    assert_eq!(twilio.sends().len(), 1, "no second request to Twilio");
}

/// Twilio had accepted the reply but still held it in its queue (no `DateSent` yet, so its
/// list's `DateSent>` filter does not show it) when the server came back: the look-up waits
/// `TWILIO_RESUME_GRACE_SECS` after the reply was stored, finds it sent, and does not send it
/// again.
#[actix_web::test]
async fn a_reply_still_queued_at_twilio_when_the_server_restarts_is_not_sent_twice() {
    let (twilio, _) =
        kill_while_twilio_holds_the_reply(Behaviour::StallAccepted, Duration::from_secs(4)).await;
    assert_eq!(twilio.sends().len(), 1, "no second request to Twilio");
}

#[actix_web::test]
async fn sigkill_before_twilio_got_a_reply_sends_it_at_the_restart() {
    let (twilio, _) = kill_while_twilio_holds_the_reply(Behaviour::StallLost, Duration::ZERO).await;
    assert_eq!(
        twilio.sends().len(),
        2,
        "the lost request, then the one made at the restart"
    );
}

/// The demo operator's bearer token on the binary at `base`.
async fn demo_token(client: &reqwest::Client, base: &str) -> String {
    let login: serde_json::Value = client
        .post(format!("{base}/api/auth/login"))
        .json(&serde_json::json!({"email": "demo@example.com", "password": "demo123"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    login["token"].as_str().expect("token").to_owned()
}

/// The real binary on a fresh database, its log kept, the guest's check-in question already
/// received.
struct LoggedRun {
    _dir: tempfile::TempDir,
    db: String,
    server: Server,
    log: crate::crash::Log,
    client: reqwest::Client,
    token: String,
}

impl LoggedRun {
    async fn asked(twilio: &FakeTwilio, extra: &[(&str, &str)], sid: &str) -> LoggedRun {
        let dir = tempfile::tempdir().unwrap();
        let db = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("logged.db").display()
        );
        let (server, log) = Server::start_logging(dir.path(), &db, &twilio.base_url, extra).await;
        let client = reqwest::Client::new();
        let token = demo_token(&client, &server.base).await;
        let form = text_webhook(sid, GUEST, DEMO_NUMBER, "À quelle heure est le check-in ?");
        assert!(post_webhook(&client, &server.base, &form).await);
        LoggedRun {
            _dir: dir,
            db,
            server,
            log,
            client,
            token,
        }
    }

    /// Stops the conversation's actor, then waits for `what` to be logged as an error naming
    /// that conversation.
    async fn stop_the_actor_and_see_it_logged(&self, what: &str) {
        let id = self.stop_the_conversations_actor().await;
        let line = self
            .log
            .line_with(&[what, &format!("conversation_id={id}")])
            .await;
        assert!(line.contains("ERROR"), "{line}");
    }

    /// Stops the only conversation's actor the way a failing database does: its next write (an
    /// operator's reply, refused by an injected fault) fails, and the actor stops. Returns the
    /// conversation's id.
    async fn stop_the_conversations_actor(&self) -> protocol::ConversationId {
        let (client, base, token) = (&self.client, &self.server.base, &self.token);
        let inbox: Vec<protocol::conversations::ConversationSummary> = client
            .get(format!("{base}/api/conversations"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = inbox[0].id;
        let conn = Database::connect(&self.db).await.unwrap();
        crate::outbound::refuse_conversation_updates_mentioning_boom(&conn).await;
        let refused = client
            .post(format!("{base}/api/conversations/{id}/send"))
            .bearer_auth(token)
            .json(&serde_json::json!({"body": "boom"}))
            .send()
            .await
            .unwrap();
        assert!(refused.status().is_server_error(), "{}", refused.status());
        id
    }
}

/// Issue 10, finding 10: a send's result that can no longer reach its conversation's actor is
/// logged with the conversation, not dropped in silence. Twilio holds the AI's reply; meanwhile
/// the actor stops; Twilio's timed-out send is then found in its list, for an actor that is
/// gone. The reply stays `pending` for the next start to reconcile.
#[actix_web::test]
async fn a_send_result_its_actor_cannot_take_any_more_is_logged_with_its_conversation() {
    let twilio = FakeTwilio::start().await;
    twilio.set_behaviour(Behaviour::StallAccepted);
    let run = LoggedRun::asked(
        &twilio,
        &[("TWILIO_TIMEOUT_SECS", "8")],
        "SMF0000000000000000000000000000002",
    )
    .await;
    until("the reply's send to stall", || async {
        (twilio.stalled() == 1).then_some(())
    })
    .await;

    run.stop_the_actor_and_see_it_logged("send result not delivered to its conversation actor")
        .await;
    let (status, sid) = stored_ai_reply(&run.db).await.expect("the reply is stored");
    assert_eq!((status.as_str(), sid), ("pending", None));
}

/// The same for the AI's answer: Claude is slow, the actor stops meanwhile, and the answer that
/// comes back for it is logged with its conversation.
#[actix_web::test]
async fn an_ai_answer_its_actor_cannot_take_any_more_is_logged_with_its_conversation() {
    let twilio = FakeTwilio::start().await;
    let claude = crate::fake_claude::FakeClaude::start().await;
    claude.set_latency(Duration::from_secs(8));
    let run = LoggedRun::asked(
        &twilio,
        &[
            ("ANTHROPIC_API_KEY", crate::fake_claude::API_KEY),
            ("ANTHROPIC_API_BASE", claude.base_url.as_str()),
        ],
        "SMF0000000000000000000000000000003",
    )
    .await;
    until("Claude to be asked", || async {
        (!claude.calls().is_empty()).then_some(())
    })
    .await;

    run.stop_the_actor_and_see_it_logged("AI result not delivered to its conversation actor")
        .await;
}
