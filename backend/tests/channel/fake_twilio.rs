//! A local HTTP server that speaks Twilio's Messages REST API: it checks basic auth, records the
//! form it receives, answers with Twilio's 201 JSON (or Twilio's error JSON when told to fail),
//! keeps the accepted messages in a list served like Twilio's (`GET …/Messages.json` filtered by
//! `To`, `From` and `DateSent>`), can stall a send (accepted or not) to open crash windows, and
//! serves media files behind basic auth.

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::Engine;
use serde_json::json;

pub const ACCOUNT_SID: &str = "AC00000000000000000000000000000001";
pub const AUTH_TOKEN: &str = "test-auth-token";

#[derive(Debug, Clone)]
pub struct RecordedSend {
    pub authorization: Option<String>,
    pub form: Vec<(String, String)>,
}

impl RecordedSend {
    pub fn field(&self, key: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// How the fake answers the next sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Accept,
    /// 400 with Twilio's error 21211 (invalid To).
    RejectInvalidNumber,
    /// Delivers a signed status callback with this status to the send's `StatusCallback` URL
    /// before answering the send (Twilio does this under load), then accepts it.
    CallbackFirst(&'static str),
    /// Accepts the message (it is in the list) but never answers the request.
    StallAccepted,
    /// Never answers and never accepts: as if the request never reached Twilio.
    StallLost,
}

/// A message Twilio accepted, as its message list shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub sid: String,
    pub to: String,
    pub from: Option<String>,
    pub body: String,
    /// When Twilio accepted it (`date_created`).
    pub sent_at: chrono::DateTime<chrono::Utc>,
    /// When it left Twilio's queue (`date_sent`); until then the list shows it `queued`, without
    /// a `date_sent`, so a `DateSent>` filter does not find it.
    pub dequeued_at: chrono::DateTime<chrono::Utc>,
}

/// How long a stalled send hangs: longer than any test.
const STALL: std::time::Duration = std::time::Duration::from_secs(600);

#[derive(Clone)]
pub struct FakeTwilio {
    pub base_url: String,
    sends: Arc<Mutex<Vec<RecordedSend>>>,
    behaviour: Arc<Mutex<Behaviour>>,
    counter: Arc<AtomicUsize>,
    /// HTTP statuses our server answered to the callbacks sent with `CallbackFirst`.
    callback_answers: Arc<Mutex<Vec<u16>>>,
    accepted: Arc<Mutex<Vec<Listed>>>,
    stalled: Arc<AtomicUsize>,
    list_reads: Arc<AtomicUsize>,
    /// How long an accepted message stays queued before Twilio sends it (zero by default).
    queue_delay: Arc<Mutex<std::time::Duration>>,
    /// Requests for media files, whatever their answer.
    media_fetches: Arc<AtomicUsize>,
}

impl FakeTwilio {
    pub async fn start() -> FakeTwilio {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind fake twilio");
        let port = listener.local_addr().unwrap().port();
        let fake = FakeTwilio {
            base_url: format!("http://127.0.0.1:{port}"),
            sends: Arc::default(),
            behaviour: Arc::new(Mutex::new(Behaviour::Accept)),
            counter: Arc::default(),
            callback_answers: Arc::default(),
            accepted: Arc::default(),
            stalled: Arc::default(),
            list_reads: Arc::default(),
            queue_delay: Arc::default(),
            media_fetches: Arc::default(),
        };
        let state = fake.clone();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(state.clone()))
                .route(
                    "/2010-04-01/Accounts/{sid}/Messages.json",
                    web::post().to(create_message),
                )
                .route(
                    "/2010-04-01/Accounts/{sid}/Messages.json",
                    web::get().to(list_messages),
                )
                .route("/media/page.html", web::get().to(html_media))
                .route("/media/{n}", web::get().to(media))
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        actix_web::rt::spawn(server);
        fake
    }

    pub fn set_behaviour(&self, behaviour: Behaviour) {
        *self.behaviour.lock().unwrap() = behaviour;
    }

    /// Accepted messages stay `queued` this long before Twilio sends them.
    pub fn set_queue_delay(&self, delay: std::time::Duration) {
        *self.queue_delay.lock().unwrap() = delay;
    }

    pub fn callback_answers(&self) -> Vec<u16> {
        self.callback_answers.lock().unwrap().clone()
    }

    /// The messages Twilio accepted (what its list shows), oldest first.
    pub fn accepted(&self) -> Vec<Listed> {
        self.accepted.lock().unwrap().clone()
    }

    /// Sends that are hanging now (`StallAccepted` or `StallLost`).
    pub fn stalled(&self) -> usize {
        self.stalled.load(Ordering::SeqCst)
    }

    /// How many times a media file was asked for.
    pub fn media_fetches(&self) -> usize {
        self.media_fetches.load(Ordering::SeqCst)
    }

    /// How many times the message list was read.
    pub fn list_reads(&self) -> usize {
        self.list_reads.load(Ordering::SeqCst)
    }

    pub fn sends(&self) -> Vec<RecordedSend> {
        self.sends.lock().unwrap().clone()
    }

    pub fn media_url(&self, n: usize) -> String {
        format!("{}/media/{n}", self.base_url)
    }

    /// An "attachment" that is really a web page with a script, as a hostile guest could send.
    pub fn html_media_url(&self) -> String {
        format!("{}/media/page.html", self.base_url)
    }

    fn authorised(req: &HttpRequest) -> bool {
        let expected = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{ACCOUNT_SID}:{AUTH_TOKEN}"))
        );
        req.headers()
            .get("Authorization")
            .and_then(|v| v.to_str().ok())
            == Some(expected.as_str())
    }
}

async fn create_message(
    fake: web::Data<FakeTwilio>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    fake.sends.lock().unwrap().push(RecordedSend {
        authorization: req
            .headers()
            .get("Authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        form: form.clone(),
    });
    if !FakeTwilio::authorised(&req) || path.into_inner() != ACCOUNT_SID {
        return HttpResponse::Unauthorized().json(json!({
            "code": 20003, "message": "Authentication Error - invalid username", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401
        }));
    }
    let behaviour = *fake.behaviour.lock().unwrap();
    match behaviour {
        Behaviour::RejectInvalidNumber => HttpResponse::BadRequest().json(json!({
            "code": 21211,
            "message": "The 'To' number is not a valid phone number.",
            "more_info": "https://www.twilio.com/docs/errors/21211",
            "status": 400
        })),
        Behaviour::StallLost => {
            fake.stalled.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(STALL).await;
            HttpResponse::ServiceUnavailable().finish()
        }
        Behaviour::Accept | Behaviour::CallbackFirst(_) | Behaviour::StallAccepted => {
            let n = fake.counter.fetch_add(1, Ordering::SeqCst);
            let get = |k: &str| {
                form.iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
            };
            let now = chrono::Utc::now();
            let queued = *fake.queue_delay.lock().unwrap();
            fake.accepted.lock().unwrap().push(Listed {
                sid: format!("SM{n:032x}"),
                to: get("To").unwrap_or_default(),
                from: get("From"),
                body: get("Body").unwrap_or_default(),
                sent_at: now,
                dequeued_at: now + chrono::Duration::from_std(queued).unwrap(),
            });
            if behaviour == Behaviour::StallAccepted {
                fake.stalled.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(STALL).await;
            }
            if let Behaviour::CallbackFirst(status) = behaviour {
                let answer = call_back_early(&form, &format!("SM{n:032x}"), status).await;
                fake.callback_answers.lock().unwrap().push(answer);
            }
            HttpResponse::Created().json(json!({
                "account_sid": ACCOUNT_SID,
                "api_version": "2010-04-01",
                "body": get("Body"),
                "date_created": "Wed, 25 Nov 2026 10:00:00 +0000",
                "direction": "outbound-api",
                "error_code": null,
                "error_message": null,
                "from": get("From"),
                "messaging_service_sid": get("MessagingServiceSid"),
                "num_media": "0",
                "num_segments": "1",
                "price": null,
                "sid": format!("SM{n:032x}"),
                "status": "queued",
                "to": get("To"),
                "uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/SM{n:032x}.json")
            }))
        }
    }
}

/// `GET …/Messages.json`: Twilio's list, newest first, filtered by `To`, `From` and `DateSent>`
/// (a `YYYY-MM-DD` UTC day: on or after it).
async fn list_messages(
    fake: web::Data<FakeTwilio>,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<Vec<(String, String)>>,
) -> HttpResponse {
    if !FakeTwilio::authorised(&req) || path.into_inner() != ACCOUNT_SID {
        return HttpResponse::Unauthorized().json(json!({
            "code": 20003, "message": "Authentication Error - invalid username", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401
        }));
    }
    fake.list_reads.fetch_add(1, Ordering::SeqCst);
    let param = |k: &str| {
        query
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let (to, from) = (param("To"), param("From"));
    let since =
        param("DateSent>").and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let rfc2822 =
        |t: chrono::DateTime<chrono::Utc>| t.format("%a, %d %b %Y %H:%M:%S +0000").to_string();
    let now = chrono::Utc::now();
    let messages: Vec<serde_json::Value> = fake
        .accepted()
        .into_iter()
        .rev()
        .filter(|m| to.as_ref().is_none_or(|to| *to == m.to))
        .filter(|m| from.is_none() || from == m.from)
        .filter(|m| {
            since.is_none_or(|day| m.dequeued_at <= now && m.dequeued_at.date_naive() >= day)
        })
        .map(|m| {
            let sent = m.dequeued_at <= now;
            json!({
                "account_sid": ACCOUNT_SID,
                "api_version": "2010-04-01",
                "body": m.body,
                "date_created": rfc2822(m.sent_at),
                "date_sent": sent.then(|| rfc2822(m.dequeued_at)),
                "date_updated": rfc2822(m.sent_at),
                "direction": "outbound-api",
                "error_code": null,
                "error_message": null,
                "from": m.from,
                "num_media": "0",
                "num_segments": "1",
                "price": null,
                "sid": m.sid,
                "status": if sent { "sent" } else { "queued" },
                "to": m.to,
                "uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{}.json", m.sid)
            })
        })
        .collect();
    HttpResponse::Ok().json(json!({
        "end": messages.len().saturating_sub(1),
        "first_page_uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json?PageSize=50&Page=0"),
        "messages": messages,
        "next_page_uri": null,
        "page": 0,
        "page_size": 50,
        "previous_page_uri": null,
        "start": 0,
        "uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json?PageSize=50&Page=0")
    }))
}

/// Posts a signed status callback for `sid` the way Twilio does, and returns our server's answer.
async fn call_back_early(form: &[(String, String)], sid: &str, status: &str) -> u16 {
    let get = |k: &str| {
        form.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let url = get("StatusCallback");
    let callback: Vec<(String, String)> = [
        ("MessageSid", sid.to_owned()),
        ("SmsSid", sid.to_owned()),
        ("MessageStatus", status.to_owned()),
        ("AccountSid", ACCOUNT_SID.to_owned()),
        ("ChannelPrefix", "whatsapp".to_owned()),
        ("To", get("To")),
        ("From", get("From")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let signature = majordome::channel::twilio::signature::compute(AUTH_TOKEN, &url, &callback);
    reqwest::Client::new()
        .post(&url)
        .header("X-Twilio-Signature", signature)
        .form(&callback)
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

async fn media(fake: web::Data<FakeTwilio>, req: HttpRequest, n: web::Path<usize>) -> HttpResponse {
    fake.media_fetches.fetch_add(1, Ordering::SeqCst);
    if !FakeTwilio::authorised(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    HttpResponse::Ok()
        .content_type("image/png")
        .body(format!("fake-image-{}", n.into_inner()))
}

async fn html_media(fake: web::Data<FakeTwilio>, req: HttpRequest) -> HttpResponse {
    fake.media_fetches.fetch_add(1, Ordering::SeqCst);
    if !FakeTwilio::authorised(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body("<script>fetch('/api/conversations').then(r => r.text()).then(alert)</script>")
}
