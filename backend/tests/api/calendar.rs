//! iCal sync against a local HTTP server whose feed changes between syncs, as Airbnb's does.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{web, App, HttpResponse, HttpServer};
use chrono::{Days, NaiveDate, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, TestApp};

/// Serves `/feed.ics` with whatever the test last put in it, and `/down.ics` as a 503.
struct FakeCalendar {
    base: String,
    feed: Arc<Mutex<String>>,
}

impl FakeCalendar {
    async fn start() -> Self {
        let feed = Arc::new(Mutex::new(String::new()));
        let served = feed.clone();
        let server = HttpServer::new(move || {
            let served = served.clone();
            App::new()
                .route(
                    "/feed.ics",
                    web::get().to(move || {
                        let body = served.lock().unwrap().clone();
                        async move {
                            HttpResponse::Ok()
                                .content_type("text/calendar; charset=utf-8")
                                .body(body)
                        }
                    }),
                )
                .route(
                    "/down.ics",
                    web::get().to(|| async { HttpResponse::ServiceUnavailable().finish() }),
                )
        })
        .workers(1)
        .bind(("127.0.0.1", 0))
        .unwrap();
        let port = server.addrs()[0].port();
        tokio::spawn(server.run());
        FakeCalendar {
            base: format!("http://127.0.0.1:{port}"),
            feed,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Airbnb-style feed: each `(uid, arrival, departure)` a booking, plus one block.
    fn publish(&self, bookings: &[(&str, NaiveDate, NaiveDate)]) {
        let mut ics = String::from(
            "BEGIN:VCALENDAR\r\nPRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN\r\nCALSCALE:GREGORIAN\r\nVERSION:2.0\r\n",
        );
        for (uid, arrival, departure) in bookings {
            ics.push_str(&format!(
                "BEGIN:VEVENT\r\nDTEND;VALUE=DATE:{}\r\nDTSTART;VALUE=DATE:{}\r\nUID:{uid}\r\n\
                 DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/details/HM{uid}\\n\
                 Phone Number (Last 4 Digits): 4321\r\nSUMMARY:Reserved\r\nEND:VEVENT\r\n",
                departure.format("%Y%m%d"),
                arrival.format("%Y%m%d"),
            ));
        }
        ics.push_str(
            "BEGIN:VEVENT\r\nDTEND;VALUE=DATE:20300110\r\nDTSTART;VALUE=DATE:20300101\r\nUID:block-1@airbnb.com\r\nSUMMARY:Airbnb (Not available)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        );
        *self.feed.lock().unwrap() = ics;
    }
}

fn in_days(n: u64) -> NaiveDate {
    Utc::now().date_naive() + Days::new(n)
}

async fn property_with_feeds(app: &TestApp, token: &str, urls: &[String]) -> i64 {
    let created: Value = app
        .post_json(
            "/api/properties",
            Some(token),
            &json!({"name": "Loft Airbnb"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap();
    let patched = app
        .patch_json(
            &format!("/api/properties/{id}"),
            token,
            &json!({"ical_urls": urls}),
        )
        .await;
    assert_eq!(patched.status(), StatusCode::OK);
    id
}

async fn sync(app: &TestApp, token: &str, property: i64) -> Value {
    let response = app
        .post_json(
            &format!("/api/properties/{property}/sync"),
            Some(token),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn stays_of(app: &TestApp, token: &str, property: i64) -> Vec<Value> {
    app.get(&format!("/api/stays?property_id={property}"), Some(token))
        .await
        .json()
        .await
        .unwrap()
}

fn by_uid<'a>(stays: &'a [Value], uid: &str) -> &'a Value {
    stays
        .iter()
        .find(|s| s["external_uid"] == uid)
        .unwrap_or_else(|| panic!("no stay {uid} in {stays:?}"))
}

#[actix_web::test]
async fn ical_sync_creates_moves_and_cancels_stays() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let calendar = FakeCalendar::start().await;
    calendar.publish(&[
        ("a1@airbnb.com", in_days(3), in_days(6)),
        ("b2@airbnb.com", in_days(10), in_days(12)),
    ]);
    let property = property_with_feeds(&app, &token, &[calendar.url("/feed.ics")]).await;

    // First sync: two bookings, the block is not a stay.
    let report = sync(&app, &token, property).await;
    assert_eq!(
        report,
        json!({"created": 2, "updated": 0, "cancelled": 0, "errors": []})
    );
    let stays = stays_of(&app, &token, property).await;
    assert_eq!(stays.len(), 2);
    let a1 = by_uid(&stays, "a1@airbnb.com");
    assert_eq!(a1["arrival"], in_days(3).to_string());
    assert_eq!(a1["departure"], in_days(6).to_string());
    assert_eq!(a1["phone_last_digits"], "4321");
    assert_eq!(a1["source"], "airbnb");
    assert_eq!(a1["origin"], "ical");
    assert_eq!(a1["status"], "confirmed");
    let property_row: Value = app
        .get(&format!("/api/properties/{property}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(property_row["last_sync_at"].is_string());
    assert!(property_row["last_sync_error"].is_null());

    // An operator completes a stay; the feed never overwrites that.
    let a1_path = format!("/api/stays/{}", a1["id"]);
    let completed = app
        .patch_json(
            &a1_path,
            &token,
            &json!({"guest_name": "Alice Martin", "whatsapp_number": "+33611223344"}),
        )
        .await;
    assert_eq!(completed.status(), StatusCode::OK);

    // Second sync, unchanged feed: nothing to do.
    let report = sync(&app, &token, property).await;
    assert_eq!(
        report,
        json!({"created": 0, "updated": 0, "cancelled": 0, "errors": []})
    );

    // The guest moves their dates, the other booking is cancelled, a new one arrives.
    calendar.publish(&[
        ("a1@airbnb.com", in_days(4), in_days(8)),
        ("c3@airbnb.com", in_days(20), in_days(25)),
    ]);
    let report = sync(&app, &token, property).await;
    assert_eq!(
        report,
        json!({"created": 1, "updated": 1, "cancelled": 1, "errors": []})
    );
    let stays = stays_of(&app, &token, property).await;
    assert_eq!(stays.len(), 3, "a cancelled stay is kept, marked");
    let a1 = by_uid(&stays, "a1@airbnb.com");
    assert_eq!(a1["arrival"], in_days(4).to_string());
    assert_eq!(a1["departure"], in_days(8).to_string());
    assert_eq!(a1["guest_name"], "Alice Martin");
    assert_eq!(a1["whatsapp_number"], "+33611223344");
    assert_eq!(by_uid(&stays, "b2@airbnb.com")["status"], "cancelled");
    assert_eq!(by_uid(&stays, "c3@airbnb.com")["status"], "confirmed");
}

#[actix_web::test]
async fn a_failing_feed_is_reported_and_cancels_nothing() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let calendar = FakeCalendar::start().await;
    calendar.publish(&[("a1@airbnb.com", in_days(3), in_days(6))]);
    let property = property_with_feeds(&app, &token, &[calendar.url("/feed.ics")]).await;
    sync(&app, &token, property).await;

    // The good feed now lists nothing, but the second one is down: its bookings are unknown.
    calendar.publish(&[]);
    app.patch_json(
        &format!("/api/properties/{property}"),
        &token,
        &json!({"ical_urls": [calendar.url("/feed.ics"), calendar.url("/down.ics")]}),
    )
    .await;
    let report = sync(&app, &token, property).await;
    assert_eq!(report["cancelled"], 0);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].as_str().unwrap().contains("503"), "{errors:?}");
    let stays = stays_of(&app, &token, property).await;
    assert_eq!(by_uid(&stays, "a1@airbnb.com")["status"], "confirmed");
    let property_row: Value = app
        .get(&format!("/api/properties/{property}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(property_row["last_sync_error"]
        .as_str()
        .unwrap()
        .contains("down.ics"));
}

#[actix_web::test]
async fn feeds_are_synced_on_a_schedule() {
    let app = spawn_app_with(&[("ICAL_SYNC_INTERVAL_SECS", "1")]).await;
    let token = app.login_demo().await;
    let calendar = FakeCalendar::start().await;
    calendar.publish(&[("s1@airbnb.com", in_days(2), in_days(5))]);
    let property = property_with_feeds(&app, &token, &[calendar.url("/feed.ics")]).await;

    // No "sync now": the schedule finds the feed on its own.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let stays = stays_of(&app, &token, property).await;
        if stays.iter().any(|s| s["external_uid"] == "s1@airbnb.com") {
            break;
        }
        assert!(Instant::now() < deadline, "the scheduled sync never ran");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
