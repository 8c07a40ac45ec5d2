//! A local HTTP server that speaks Anthropic's Messages API: it records each request (headers and
//! JSON body) and answers from a script of responses — realistic success bodies with a thinking
//! block, `stop_reason` and `usage`, or the API's error bodies with `retry-after`.

use std::collections::VecDeque;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use serde_json::{json, Value};

pub const API_KEY: &str = "sk-ant-test-key";

#[derive(Debug, Clone)]
pub struct RecordedCall {
    pub api_key: Option<String>,
    pub version: Option<String>,
    pub body: Value,
}

#[derive(Debug, Clone)]
pub enum Scripted {
    Reply(String),
    Handoff {
        reason: String,
        message: String,
    },
    /// A hand-off with a reason code (and an urgency kind for `urgent`), as the tool asks.
    CodedHandoff {
        code: String,
        urgency: Option<String>,
        reason: String,
        message: String,
    },
    Error {
        status: u16,
        kind: String,
        retry_after: Option<u64>,
    },
}

#[derive(Clone)]
pub struct FakeClaude {
    pub base_url: String,
    calls: Arc<Mutex<Vec<RecordedCall>>>,
    script: Arc<Mutex<VecDeque<Scripted>>>,
    fallback: Arc<Mutex<Scripted>>,
    latency: Arc<Mutex<Duration>>,
}

impl FakeClaude {
    pub async fn start() -> FakeClaude {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind fake claude");
        let port = listener.local_addr().unwrap().port();
        let fake = FakeClaude {
            base_url: format!("http://127.0.0.1:{port}"),
            calls: Arc::default(),
            script: Arc::default(),
            fallback: Arc::new(Mutex::new(Scripted::Reply(
                "Le check-in se fait à partir de 16h.".into(),
            ))),
            latency: Arc::new(Mutex::new(Duration::ZERO)),
        };
        let state = fake.clone();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(state.clone()))
                .route("/v1/messages", web::post().to(messages))
        })
        .workers(2)
        .listen(listener)
        .expect("listen")
        .run();
        actix_web::rt::spawn(server);
        fake
    }

    /// Responses for the next calls, in order; after them, `fallback`.
    pub fn script(&self, responses: Vec<Scripted>) {
        self.script.lock().unwrap().extend(responses);
    }

    pub fn set_fallback(&self, response: Scripted) {
        *self.fallback.lock().unwrap() = response;
    }

    pub fn set_latency(&self, latency: Duration) {
        *self.latency.lock().unwrap() = latency;
    }

    pub fn calls(&self) -> Vec<RecordedCall> {
        self.calls.lock().unwrap().clone()
    }
}

fn usage() -> Value {
    json!({"input_tokens": 812, "output_tokens": 41, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 640})
}

async fn messages(
    fake: web::Data<FakeClaude>,
    req: HttpRequest,
    body: web::Json<Value>,
) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    fake.calls.lock().unwrap().push(RecordedCall {
        api_key: header("x-api-key"),
        version: header("anthropic-version"),
        body: body.into_inner(),
    });
    let latency = *fake.latency.lock().unwrap();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if header("x-api-key").as_deref() != Some(API_KEY) {
        return HttpResponse::Unauthorized().json(json!({"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}));
    }
    let next = fake
        .script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| fake.fallback.lock().unwrap().clone());
    match next {
        Scripted::Reply(text) => HttpResponse::Ok().json(json!({
            "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
            "type": "message",
            "role": "assistant",
            "model": "claude-haiku-5-5",
            "content": [
                {"type": "thinking", "thinking": "The FAQ says 16h.", "signature": "EqQBCgIYAhIM"},
                {"type": "text", "text": text}
            ],
            "stop_reason": "end_turn",
            "stop_sequence": null,
            "usage": usage()
        })),
        Scripted::Handoff { reason, message } => HttpResponse::Ok().json(json!({
            "id": "msg_01Handoff",
            "type": "message",
            "role": "assistant",
            "model": "claude-haiku-5-5",
            "content": [
                {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "handoff_to_human", "input": {"reason": reason, "message_to_guest": message}}
            ],
            "stop_reason": "tool_use",
            "stop_sequence": null,
            "usage": usage()
        })),
        Scripted::CodedHandoff { code, urgency, reason, message } => {
            let mut input = json!({"code": code, "reason": reason, "message_to_guest": message});
            if let Some(urgency) = urgency {
                input["urgency"] = json!(urgency);
            }
            HttpResponse::Ok().json(json!({
                "id": "msg_01CodedHandoff",
                "type": "message",
                "role": "assistant",
                "model": "claude-haiku-5-5",
                "content": [
                    {"type": "text", "text": "Je transmets à l'équipe."},
                    {"type": "tool_use", "id": "toolu_01B19r91rx91mr928946mr0", "name": "handoff_to_human", "input": input}
                ],
                "stop_reason": "tool_use",
                "stop_sequence": null,
                "usage": usage()
            }))
        }
        Scripted::Error { status, kind, retry_after } => {
            let mut response = HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap());
            if let Some(secs) = retry_after {
                response.insert_header(("retry-after", secs.to_string()));
            }
            response.json(json!({"type": "error", "error": {"type": kind, "message": "scripted failure"}}))
        }
    }
}
