//! A local HTTP server that speaks Twilio's Messages REST API: it checks basic auth, records the
//! form it receives, answers with Twilio's 201 JSON (or Twilio's error JSON when told to fail),
//! and serves media files behind basic auth.

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
}

#[derive(Clone)]
pub struct FakeTwilio {
    pub base_url: String,
    sends: Arc<Mutex<Vec<RecordedSend>>>,
    behaviour: Arc<Mutex<Behaviour>>,
    counter: Arc<AtomicUsize>,
    /// HTTP statuses our server answered to the callbacks sent with `CallbackFirst`.
    callback_answers: Arc<Mutex<Vec<u16>>>,
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
        };
        let state = fake.clone();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(state.clone()))
                .route(
                    "/2010-04-01/Accounts/{sid}/Messages.json",
                    web::post().to(create_message),
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

    pub fn callback_answers(&self) -> Vec<u16> {
        self.callback_answers.lock().unwrap().clone()
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
        Behaviour::Accept | Behaviour::CallbackFirst(_) => {
            let n = fake.counter.fetch_add(1, Ordering::SeqCst);
            let get = |k: &str| {
                form.iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
            };
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

async fn media(req: HttpRequest, n: web::Path<usize>) -> HttpResponse {
    if !FakeTwilio::authorised(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    HttpResponse::Ok()
        .content_type("image/png")
        .body(format!("fake-image-{}", n.into_inner()))
}

async fn html_media(req: HttpRequest) -> HttpResponse {
    if !FakeTwilio::authorised(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body("<script>fetch('/api/conversations').then(r => r.text()).then(alert)</script>")
}
