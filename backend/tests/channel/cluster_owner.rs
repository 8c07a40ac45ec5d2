//! Three real `majordome` processes on one PostgreSQL database, as behind a load balancer that
//! spreads Twilio's webhooks at random: each guest's burst lands on several instances, yet one
//! actor in the cluster runs the conversation — one AI reply per burst, messages in the order the
//! guest sent them, every dashboard (one per instance) sees each event of its conciergerie once
//! and nothing of another's, and operators' actions on any instance reach the conversation. Then
//! one instance is killed (SIGKILL) in the middle of the guests' bursts: the two others take its
//! conversations over, and nothing acknowledged is lost or answered twice.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::join_all;
use rand::Rng;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use serde_json::{json, Value};

use crate::crash::{post_webhook, Server};
use crate::fake_twilio::FakeTwilio;
use crate::helpers::{ThrowawayPostgres, ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD};
use crate::support::{connect_ws_at, next_event, text_webhook, DEMO_NUMBER};

const OTHER_NUMBER: &str = "whatsapp:+33700000077";
/// Long enough that a burst posted back to back is one burst even on two loaded cores.
const BURST_WINDOW_MS: &str = "1500";
const BURST: [&str; 3] = [
    "Bonjour !",
    "À quelle heure est le check-in ?",
    "Merci d'avance",
];

async fn login(client: &reqwest::Client, base: &str, email: &str, password: &str) -> String {
    login_at(client, &format!("{base}/api/auth/login"), email, password).await
}

async fn login_at(client: &reqwest::Client, url: &str, email: &str, password: &str) -> String {
    let response = client
        .post(url)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .expect("login request");
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "login as {email}: {status} {body}");
    body["token"].as_str().expect("token").to_owned()
}

/// Every event a dashboard receives, collected in the background.
#[derive(Clone, Default)]
struct Feed(Arc<Mutex<Vec<Value>>>);

impl Feed {
    async fn open(base: &str, token: &str) -> Feed {
        let mut socket = connect_ws_at(base, token).await;
        let feed = Feed::default();
        let events = feed.0.clone();
        actix_web::rt::spawn(async move {
            while let Some(event) = next_event(&mut socket, Duration::from_secs(3600)).await {
                events.lock().unwrap().push(event);
            }
        });
        feed
    }

    /// How many `message.created` events arrived for each message id.
    fn created(&self) -> HashMap<i64, usize> {
        let mut seen = HashMap::new();
        for event in self.0.lock().unwrap().iter() {
            if event["type"] == "message.created" {
                *seen
                    .entry(event["message"]["id"].as_i64().unwrap())
                    .or_default() += 1;
            }
        }
        seen
    }
}

/// A guest's conversation as the database holds it.
#[derive(Debug)]
struct Thread {
    conversation_id: i64,
    /// Guest messages' bodies in id order.
    guest_bodies: Vec<String>,
    ai_replies: usize,
    /// Whether the newest AI reply came after the newest guest message (the AI decided on the
    /// whole burst: no further reply can follow) and Twilio accepted it.
    answered: bool,
}

async fn threads(db: &DatabaseConnection) -> HashMap<String, Thread> {
    let rows = db
        .query_all(Statement::from_string(
            DbBackend::Postgres,
            "SELECT c.phone_number, c.id, m.id AS mid, m.sender, m.body, \
             m.external_id IS NOT NULL AS accepted FROM conversations c \
             JOIN messages m ON m.conversation_id = c.id ORDER BY m.id",
        ))
        .await
        .unwrap();
    let mut threads: HashMap<String, Thread> = HashMap::new();
    let mut newest: HashMap<String, (i64, i64, bool)> = HashMap::new();
    for row in rows {
        let phone: String = row.try_get("", "phone_number").unwrap();
        let sender: String = row.try_get("", "sender").unwrap();
        let message_id: i64 = row.try_get("", "mid").unwrap();
        let thread = threads.entry(phone.clone()).or_insert_with(|| Thread {
            conversation_id: row.try_get("", "id").unwrap(),
            guest_bodies: Vec::new(),
            ai_replies: 0,
            answered: false,
        });
        let (last_guest, last_ai, accepted) = newest.entry(phone).or_default();
        match sender.as_str() {
            "client" => {
                thread.guest_bodies.push(row.try_get("", "body").unwrap());
                *last_guest = message_id;
            }
            "ai" => {
                thread.ai_replies += 1;
                *last_ai = message_id;
                *accepted = row.try_get("", "accepted").unwrap();
            }
            _ => {}
        }
        thread.answered = *last_ai > *last_guest && *accepted;
    }
    threads
}

fn guest(round: usize, i: usize) -> String {
    format!("+3361{round}{i:06}")
}

/// Posts each guest's burst, one message after the other, each to an instance picked at random
/// among those `alive` says are up; a refused or unreachable post is retried elsewhere with the
/// same `MessageSid`, as Twilio does.
async fn bursts(
    bases: &[String],
    alive: &Arc<Mutex<Vec<bool>>>,
    round: usize,
    guests: usize,
    to: &str,
) {
    let client = reqwest::Client::new();
    join_all((0..guests).map(|i| {
        let client = client.clone();
        let alive = alive.clone();
        async move {
            for (n, body) in BURST.iter().enumerate() {
                let form = text_webhook(
                    &format!("SM{round:02}{i:05}{n:025}"),
                    &format!("whatsapp:{}", guest(round, i)),
                    to,
                    body,
                );
                let mut attempts = 0;
                loop {
                    let up: Vec<usize> = {
                        let alive = alive.lock().unwrap();
                        (0..bases.len()).filter(|k| alive[*k]).collect()
                    };
                    let pick = up[rand::thread_rng().gen_range(0..up.len())];
                    if post_webhook(&client, &bases[pick], &form).await {
                        break;
                    }
                    attempts += 1;
                    assert!(attempts < 50, "webhook never acknowledged");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }))
    .await;
}

/// Polls until every listed guest's burst is stored and answered.
async fn all_answered(db: &DatabaseConnection, phones: &[String]) -> HashMap<String, Thread> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    loop {
        let threads = threads(db).await;
        let done = phones.iter().all(|p| {
            threads
                .get(p)
                .is_some_and(|t| t.guest_bodies.len() == BURST.len() && t.answered)
        });
        if done {
            return threads;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "bursts not all answered: {:?}",
            phones
                .iter()
                .map(|p| (p, threads.get(p)))
                .filter(|(_, t)| !t.is_some_and(|t| t.answered))
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Each guest got exactly one reply through Twilio, and the thread holds one AI message and the
/// burst in the order it was sent.
fn one_reply_each(threads: &HashMap<String, Thread>, phones: &[String], twilio: &FakeTwilio) {
    let mut sent: BTreeMap<String, usize> = BTreeMap::new();
    for send in twilio.sends() {
        *sent
            .entry(send.field("To").unwrap_or_default().to_owned())
            .or_default() += 1;
    }
    for phone in phones {
        let thread = &threads[phone];
        assert_eq!(thread.ai_replies, 1, "AI replies to {phone}: {thread:?}");
        assert_eq!(
            sent.get(&format!("whatsapp:{phone}")),
            Some(&1),
            "sends to {phone}"
        );
        assert_eq!(thread.guest_bodies, BURST, "order of {phone}'s messages");
    }
}

async fn message_ids_of(db: &DatabaseConnection, number: &str) -> Vec<i64> {
    let rows = db
        .query_all(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id \
             JOIN conciergeries t ON t.id = c.conciergerie_id WHERE t.whatsapp_number = $1",
            [number.into()],
        ))
        .await
        .unwrap();
    rows.iter().map(|r| r.try_get("", "id").unwrap()).collect()
}

#[actix_web::test]
async fn three_instances_one_owner_per_conversation_and_a_killed_one_is_taken_over() {
    let pg = ThrowawayPostgres::create("majordome_owner").await;
    let twilio = FakeTwilio::start().await;
    let dir = tempfile::tempdir().unwrap();
    let env = [("AI_BURST_WINDOW_MS", BURST_WINDOW_MS)];
    // One after the other, as `majordome migrate` then N instances would.
    let mut servers = Vec::new();
    for _ in 0..3 {
        servers.push(Server::start_with_env(dir.path(), &pg.url, &twilio.base_url, &env).await);
    }
    let bases: Vec<String> = servers.iter().map(|s| s.base.clone()).collect();
    let alive = Arc::new(Mutex::new(vec![true; 3]));
    let db = Database::connect(&pg.url).await.unwrap();
    let client = reqwest::Client::new();

    // A second conciergerie, with a dashboard of its own on instance 2.
    let admin = login_at(
        &client,
        &format!("{}/api/admin/auth/login", bases[0]),
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
    )
    .await;
    let created = client
        .post(format!("{}/api/admin/conciergeries", bases[0]))
        .bearer_auth(&admin)
        .json(&json!({
            "name": "Conciergerie voisine",
            "email": "voisine@example.fr",
            "password": "voisine-password",
            "whatsapp_number": OTHER_NUMBER,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), reqwest::StatusCode::CREATED);
    let other_token = login(&client, &bases[1], "voisine@example.fr", "voisine-password").await;
    let other_feed = Feed::open(&bases[1], &other_token).await;

    // The demo conciergerie's dashboards, one per instance.
    let mut feeds = Vec::new();
    let mut tokens = Vec::new();
    for base in &bases {
        let token = login(&client, base, DEMO_EMAIL, DEMO_PASSWORD).await;
        feeds.push(Feed::open(base, &token).await);
        tokens.push(token);
    }

    // Round 1: every instance up.
    const GUESTS: usize = 16;
    tokio::join!(
        bursts(&bases, &alive, 1, GUESTS, DEMO_NUMBER),
        bursts(&bases, &alive, 2, 2, OTHER_NUMBER),
    );
    let round_one: Vec<String> = (0..GUESTS).map(|i| guest(1, i)).collect();
    let answered = all_answered(&db, &round_one).await;
    one_reply_each(&answered, &round_one, &twilio);

    // Operators act on any instance: the conversation is handed over to it.
    for (n, phone) in round_one.iter().enumerate() {
        let k = n % 3;
        let id = answered[phone].conversation_id;
        let read = client
            .post(format!("{}/api/conversations/{id}/read", bases[k]))
            .bearer_auth(&tokens[k])
            .send()
            .await
            .unwrap();
        assert!(read.status().is_success(), "mark read on instance {k}");
    }
    let list: Vec<Value> = client
        .get(format!("{}/api/conversations?limit=200", bases[2]))
        .bearer_auth(&tokens[2])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), GUESTS);
    assert!(list.iter().all(|c| c["unread_count"] == 0), "{list:?}");

    // Every demo dashboard saw each of its conciergerie's messages exactly once; the other
    // conciergerie's saw only its own.
    let demo_ids = message_ids_of(&db, DEMO_NUMBER).await;
    let other_ids = message_ids_of(&db, OTHER_NUMBER).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let complete = feeds
            .iter()
            .all(|f| demo_ids.iter().all(|id| f.created().contains_key(id)))
            && other_ids
                .iter()
                .all(|id| other_feed.created().contains_key(id));
        if complete {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "dashboards missed events"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for (k, feed) in feeds.iter().enumerate() {
        let seen = feed.created();
        assert!(
            seen.values().all(|n| *n == 1),
            "dashboard {k} saw an event twice"
        );
        assert_eq!(seen.len(), demo_ids.len(), "dashboard {k} saw other events");
    }
    let seen = other_feed.created();
    assert!(other_ids.iter().all(|id| seen.get(id) == Some(&1)));
    assert!(demo_ids.iter().all(|id| !seen.contains_key(id)));

    // Round 2: instance 3 is killed while the guests write.
    let kill = async {
        // Once a third of the round's webhooks are stored.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            let stored = threads(&db)
                .await
                .keys()
                .filter(|p| p.starts_with("+36613"))
                .count();
            if stored >= GUESTS / 3 || tokio::time::Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        alive.lock().unwrap()[2] = false;
        let killed = &mut servers[2].process;
        killed.kill().expect("SIGKILL");
        killed.wait().unwrap();
    };
    tokio::join!(bursts(&bases, &alive, 3, GUESTS, DEMO_NUMBER), kill);
    let round_two: Vec<String> = (0..GUESTS).map(|i| guest(3, i)).collect();
    let threads = all_answered(&db, &round_two).await;
    one_reply_each(&threads, &round_two, &twilio);
    // Nothing twice on the surviving dashboards either.
    for feed in &feeds[..2] {
        assert!(feed.created().values().all(|n| *n == 1));
    }
    drop(servers);
    drop(pg);
}
