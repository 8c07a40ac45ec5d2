//! Client side of the fan-out measurement: many dashboards connected at once while webhooks
//! arrive at a steady rate (open loop: the next webhook leaves on schedule whether or not the
//! previous one was answered). Each `message.created` is timed on every dashboard, from the
//! moment its webhook was sent.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use awc::ws::{Frame, Message};
use futures_util::{SinkExt, StreamExt};
use serde::{Deserialize, Serialize};

use crate::child::{connect, load_client, say, wait_for_go};
use crate::webhook;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FanoutJob {
    pub port: u16,
    pub token: String,
    pub dashboards: usize,
    /// Webhooks per second.
    pub rate: u32,
    pub samples: usize,
    pub guests: usize,
    pub guest_offset: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FanoutReport {
    pub connected: usize,
    /// One per (dashboard, message): webhook sent → `message.created` received.
    pub ws_us: Vec<u64>,
    pub http_us: Vec<u64>,
    pub missed: usize,
    pub failed: usize,
    pub first_error: Option<String>,
    /// The rate actually achieved by the sender.
    pub sent_per_s: f64,
}

#[derive(Default)]
struct HttpOutcomes {
    ok_us: Vec<u64>,
    failed: usize,
    first_error: Option<String>,
}

impl HttpOutcomes {
    fn failed(&mut self, error: String) {
        self.failed += 1;
        self.first_error.get_or_insert(error);
    }
}

/// Marks a message so that its events can be recognised without parsing the JSON.
fn marker(i: usize) -> String {
    format!("[fan:{i}]")
}

/// The sample index in a `message.created` frame, if it is one of ours.
fn sample_of(frame: &str) -> Option<usize> {
    if !frame.contains("\"message.created\"") {
        return None;
    }
    let start = frame.find("[fan:")? + 5;
    let end = frame[start..].find(']')? + start;
    frame[start..end].parse().ok()
}

pub async fn run(job: FanoutJob) -> anyhow::Result<()> {
    let sent: Rc<RefCell<HashMap<usize, Instant>>> = Rc::default();
    let seen: Rc<RefCell<Vec<u64>>> = Rc::default();
    let mut report = FanoutReport::default();
    for _ in 0..job.dashboards {
        let mut socket = connect(job.port, &job.token).await?;
        report.connected += 1;
        let (sent, seen) = (sent.clone(), seen.clone());
        actix_web::rt::spawn(async move {
            while let Some(Ok(frame)) = socket.next().await {
                match frame {
                    Frame::Text(bytes) => {
                        let i = std::str::from_utf8(&bytes).ok().and_then(sample_of);
                        if let Some(at) = i.and_then(|i| sent.borrow().get(&i).copied()) {
                            seen.borrow_mut().push(at.elapsed().as_micros() as u64);
                        }
                    }
                    Frame::Ping(p) => {
                        let answered = socket.send(Message::Pong(p)).await;
                        if answered.is_err() {
                            break;
                        }
                    }
                    Frame::Close(_) => break,
                    _ => {}
                }
            }
        });
    }
    let url = format!("http://127.0.0.1:{}{}", job.port, webhook::PATH);
    let client = load_client(256);
    let requests: Vec<webhook::Signed> = (0..job.samples)
        .map(|i| {
            let from = webhook::guest(job.guest_offset + i % job.guests.max(1));
            let text = format!("Le code du portail, svp ? {}", marker(i));
            webhook::signed(job.port, &webhook::message_sid(0xf0, i), &from, text)
        })
        .collect();
    say("WARM");
    wait_for_go().await?;

    let http: Rc<RefCell<HttpOutcomes>> = Rc::default();
    let started = Instant::now();
    let period = Duration::from_secs_f64(1.0 / f64::from(job.rate.max(1)));
    let mut posts = Vec::with_capacity(job.samples);
    for (i, request) in requests.into_iter().enumerate() {
        actix_web::rt::time::sleep_until((started + period * i as u32).into()).await;
        let at = Instant::now();
        sent.borrow_mut().insert(i, at);
        let (client, url, http) = (client.clone(), url.clone(), http.clone());
        posts.push(actix_web::rt::spawn(async move {
            let response = client
                .post(&url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", request.signature)
                .body(request.body)
                .send()
                .await;
            let mut http = http.borrow_mut();
            match response {
                Ok(r) if r.status() == reqwest::StatusCode::OK => {
                    http.ok_us.push(at.elapsed().as_micros() as u64)
                }
                Ok(r) => http.failed(format!("status {}", r.status())),
                Err(e) => http.failed(e.to_string()),
            }
        }));
    }
    report.sent_per_s = job.samples as f64 / started.elapsed().as_secs_f64().max(1e-9);
    for post in posts {
        let _ = post.await;
    }
    // Every dashboard should see every message; give stragglers a few seconds.
    let expected = job.samples * report.connected;
    let deadline = Instant::now() + Duration::from_secs(10);
    while seen.borrow().len() < expected && Instant::now() < deadline {
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
    report.ws_us = seen.borrow().clone();
    report.missed = expected.saturating_sub(report.ws_us.len());
    let http = http.borrow();
    report.http_us = http.ok_us.clone();
    report.failed = http.failed;
    report.first_error = http.first_error.clone();
    say(&serde_json::to_string(&report)?);
    Ok(())
}
