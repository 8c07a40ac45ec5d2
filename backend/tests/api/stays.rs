//! Stays (séjours): CRUD and date filters, the CSV import, and the guest lookups that later link
//! conversations to stays.

use chrono::{DateTime, NaiveDate, Utc};
use entity::conversation;
use majordome::db;
use majordome::db::stays::{InboxFilter, InboxPhase};
use protocol::stays::StayPhase;
use protocol::{ConciergerieId, StayId};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, TestApp};

async fn stay(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app.post_json("/api/stays", Some(token), &body).await;
    assert_eq!(response.status(), StatusCode::CREATED, "{body}");
    response.json().await.unwrap()
}

async fn list(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let response = app.get(&format!("/api/stays{query}"), Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    response.json().await.unwrap()
}

fn names(stays: &[Value]) -> Vec<&str> {
    stays
        .iter()
        .map(|s| s["guest_name"].as_str().unwrap())
        .collect()
}

#[actix_web::test]
async fn stay_create_read_update_delete() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let loft = app.new_property(&token, "Loft").await;

    let created = stay(
        &app,
        &token,
        json!({"property_id": loft, "guest_name": " Alice Martin ", "whatsapp_number": "+33 6 11 22 33 44",
               "arrival": "2026-07-01", "departure": "2026-07-05", "guests": 2, "source": "airbnb"}),
    )
    .await;
    assert_eq!(created["guest_name"], "Alice Martin");
    assert_eq!(created["whatsapp_number"], "+33611223344", "normalised");
    assert_eq!(created["arrival"], "2026-07-01");
    assert_eq!(created["status"], "confirmed");
    assert_eq!(created["origin"], "manual");
    assert_eq!(created["source"], "airbnb");
    let path = format!("/api/stays/{}", created["id"]);

    let read: Value = app.get(&path, Some(&token)).await.json().await.unwrap();
    assert_eq!(read, created);

    let patched = app
        .patch_json(
            &path,
            &token,
            &json!({"departure": "2026-07-06", "guests": null, "status": "cancelled"}),
        )
        .await;
    assert_eq!(patched.status(), StatusCode::OK);
    let patched: Value = patched.json().await.unwrap();
    assert_eq!(patched["departure"], "2026-07-06");
    assert!(patched["guests"].is_null());
    assert_eq!(patched["status"], "cancelled");
    assert_eq!(patched["whatsapp_number"], "+33611223344", "untouched");

    // A stay keeps its property from being deleted.
    let refused = app.delete(&format!("/api/properties/{loft}"), &token).await;
    assert_error(refused, StatusCode::CONFLICT, "conflict").await;

    assert_eq!(
        app.delete(&path, &token).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(
        app.get(&path, Some(&token)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[actix_web::test]
async fn bad_stays_are_refused_clearly() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let loft = app.new_property(&token, "Loft").await;
    for (body, field) in [
        (
            json!({"property_id": loft, "guest_name": "A", "arrival": "2026-07-05", "departure": "2026-07-01"}),
            "departure",
        ),
        (
            json!({"property_id": loft, "guest_name": "A", "arrival": "05/07/2026", "departure": "2026-07-08"}),
            "arrival",
        ),
        (
            json!({"property_id": loft, "guest_name": "", "arrival": "2026-07-05", "departure": "2026-07-08"}),
            "guest_name",
        ),
        (
            json!({"property_id": loft, "guest_name": "A", "arrival": "2026-07-05", "departure": "2026-07-08", "whatsapp_number": "call me"}),
            "whatsapp_number",
        ),
        (
            json!({"property_id": loft, "guest_name": "A", "arrival": "2026-07-05", "departure": "2026-07-08", "guests": 0}),
            "guests",
        ),
    ] {
        let response = app.post_json("/api/stays", Some(&token), &body).await;
        let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(error["field"], field, "{body}");
    }
    for query in [
        "?from=2026-13-01",
        "?to=tomorrow",
        "?from=2026-07-10&to=2026-07-01",
        "?property_id=abc",
    ] {
        let response = app.get(&format!("/api/stays{query}"), Some(&token)).await;
        let error = assert_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
        assert!(!error["message"].as_str().unwrap().is_empty(), "{query}");
    }
}

/// Dates far from today, so the demo's own stays (around today) stay out of the way.
#[actix_web::test]
async fn stays_filter_by_property_and_overlapping_dates() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let loft = app.new_property(&token, "Loft").await;
    let villa = app.new_property(&token, "Villa").await;
    for (p, name, arrival, departure) in [
        (loft, "June", "2031-06-20", "2031-06-25"),
        (loft, "Straddle", "2031-06-28", "2031-07-03"),
        (villa, "July", "2031-07-10", "2031-07-15"),
        (loft, "August", "2031-08-01", "2031-08-05"),
    ] {
        stay(&app, &token, json!({"property_id": p, "guest_name": name, "arrival": arrival, "departure": departure})).await;
    }

    let july = list(&app, &token, "?from=2031-07-01&to=2031-07-31").await;
    assert_eq!(names(&july), ["Straddle", "July"], "overlap, by arrival");
    let loft_july = list(
        &app,
        &token,
        &format!("?property_id={loft}&from=2031-07-01&to=2031-07-31"),
    )
    .await;
    assert_eq!(names(&loft_july), ["Straddle"]);
    let from_aug = list(&app, &token, "?from=2031-08-05").await;
    assert_eq!(names(&from_aug), ["August"], "the departure day counts");
    let until = list(&app, &token, &format!("?property_id={loft}&to=2031-06-28")).await;
    assert_eq!(names(&until), ["June", "Straddle"]);
}

#[actix_web::test]
async fn another_tenants_stays_are_invisible() {
    let app = spawn_app().await;
    let demo = app.login_demo().await;
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "alpes", "whatsapp:+33700000002")
        .await;
    let chalet = app.new_property(&other.token, "Chalet").await;
    let theirs = stay(&app, &other.token, json!({"property_id": chalet, "guest_name": "Zoé", "arrival": "2026-12-20", "departure": "2026-12-27"})).await;
    let path = format!("/api/stays/{}", theirs["id"]);

    assert_error(
        app.get(&path, Some(&demo)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.patch_json(&path, &demo, &json!({"guest_name": "X"}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.delete(&path, &demo).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&format!("/api/stays?property_id={chalet}"), Some(&demo))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(!names(&list(&app, &demo, "").await).contains(&"Zoé"));
    // Nor can one of ours be moved onto their property.
    let loft = app.new_property(&demo, "Loft").await;
    let ours = stay(&app, &demo, json!({"property_id": loft, "guest_name": "Ana", "arrival": "2026-12-20", "departure": "2026-12-22"})).await;
    let moved = app
        .patch_json(
            &format!("/api/stays/{}", ours["id"]),
            &demo,
            &json!({"property_id": chalet}),
        )
        .await;
    assert_error(moved, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
}

async fn import(app: &TestApp, token: &str, csv: &str) -> reqwest::Response {
    app.fresh_client()
        .post(app.url("/api/stays/import"))
        .bearer_auth(token)
        .header("Content-Type", "text/csv; charset=utf-8")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn csv_import_stores_valid_lines_and_reports_each_error() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    app.new_property(&token, "Loft Canal").await;
    let villa = app.new_property(&token, "Villa").await;

    // French spreadsheet: `;`, accents in the header, a BOM, French and ISO dates.
    let csv = "\u{feff}Logement;Voyageur;Arrivée;Départ;Téléphone;Voyageurs;Source;Référence\n\
               Loft Canal;Alice Martin;01/07/2026;05/07/2026;06 11 22 33 44;2;Airbnb;HM123\n\
               loft canal;Bob;2026-07-10;2026-07-12;;;;\n\
               Nowhere;Carol;01/07/2026;03/07/2026;;;;\n\
               Villa;Dan;31/02/2026;03/03/2026;;;;\n\
               Villa;Eve;10/07/2026;08/07/2026;;;;\n\
               Villa;;10/07/2026;12/07/2026;;;;\n\
               Villa;Fay;10/07/2026;12/07/2026;;zero;;\n";
    let response = import(&app, &token, csv).await;
    assert_eq!(response.status(), StatusCode::OK);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["created"], json!([2, 3]));
    assert_eq!(report["updated"], json!([]));
    let errors = report["errors"].as_array().unwrap();
    let lines: Vec<i64> = errors.iter().map(|e| e["line"].as_i64().unwrap()).collect();
    assert_eq!(lines, [4, 5, 6, 7, 8]);
    let message = |line: i64| {
        errors.iter().find(|e| e["line"] == line).unwrap()["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(message(4).contains("Nowhere"), "{}", message(4));
    assert!(message(5).contains("31/02/2026"), "{}", message(5));
    assert!(message(6).contains("after the arrival"), "{}", message(6));
    assert!(message(7).contains("guest_name"), "{}", message(7));
    assert!(message(8).contains("zero"), "{}", message(8));

    let stored = list(&app, &token, "?from=2026-07-01&to=2026-07-31").await;
    let alice = stored
        .iter()
        .find(|s| s["guest_name"] == "Alice Martin")
        .unwrap();
    assert_eq!(alice["whatsapp_number"], "+33611223344");
    assert_eq!(alice["source"], "airbnb");
    assert_eq!(alice["origin"], "csv");
    assert_eq!(alice["external_uid"], "HM123");
    assert_eq!(alice["guests"], 2);

    // Importing again (comma-separated, English header) updates instead of duplicating.
    let again = format!(
        "property,guest_name,arrival,departure,reference\n\
         Loft Canal,Alice Martin,2026-07-02,2026-07-06,HM123\n\
         {villa},Gus,2026-09-01,2026-09-04,\n"
    );
    let report: Value = import(&app, &token, &again).await.json().await.unwrap();
    assert_eq!(report["updated"], json!([2]));
    assert_eq!(report["created"], json!([3]));
    assert_eq!(report["errors"], json!([]));
    let alices: Vec<Value> = list(&app, &token, "")
        .await
        .into_iter()
        .filter(|s| s["guest_name"] == "Alice Martin")
        .collect();
    assert_eq!(alices.len(), 1);
    assert_eq!(alices[0]["arrival"], "2026-07-02");
}

#[actix_web::test]
async fn a_csv_file_that_cannot_be_read_is_a_clear_4xx() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let missing = import(&app, &token, "guest,arrival\nA,2026-07-01\n").await;
    let error = assert_error(missing, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(error["message"].as_str().unwrap().contains("property"));
    let latin1 = app
        .fresh_client()
        .post(app.url("/api/stays/import"))
        .bearer_auth(&token)
        .header("Content-Type", "text/csv")
        .body(b"logement;voyageur;arriv\xe9e;d\xe9part\n".to_vec())
        .send()
        .await
        .unwrap();
    let error = assert_error(latin1, StatusCode::BAD_REQUEST, "bad_request").await;
    assert!(error["message"].as_str().unwrap().contains("UTF-8"));
    let huge = format!(
        "property;guest_name;arrival;departure\n{}",
        "x;".repeat(1_500_000)
    );
    let too_large = import(&app, &token, &huge).await;
    assert_error(
        too_large,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
    let json_body = app
        .post_json("/api/stays/import", Some(&token), &json!({}))
        .await;
    assert_error(
        json_body,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
}

#[actix_web::test]
async fn a_guest_is_found_by_number_or_by_last_digits() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let loft = app.new_property(&token, "Loft").await;
    let tenant = app.tenant_of(&token).await;
    for (name, number, digits, arrival, departure) in [
        (
            "Past",
            Some("+33611111111"),
            None,
            "2026-06-01",
            "2026-06-05",
        ),
        (
            "Next",
            Some("+33611111111"),
            None,
            "2026-07-20",
            "2026-07-25",
        ),
        (
            "Current",
            Some("+33611111111"),
            None,
            "2026-07-08",
            "2026-07-12",
        ),
        ("Digits", None, Some("9876"), "2026-07-09", "2026-07-11"),
    ] {
        stay(
            &app,
            &token,
            json!({"property_id": loft, "guest_name": name, "whatsapp_number": number,
            "phone_last_digits": digits, "arrival": arrival, "departure": departure}),
        )
        .await;
    }
    // Noon UTC on that day: the same date in Paris, where the demo's properties are.
    let day = |d: &str| {
        d.parse::<NaiveDate>()
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
    };

    let found =
        db::stays::current_or_next_for_guest(app.db(), tenant, "+33611111111", day("2026-07-10"))
            .await
            .unwrap()
            .unwrap();
    assert_eq!(found.guest_name, "Current");
    let found =
        db::stays::current_or_next_for_guest(app.db(), tenant, "+33611111111", day("2026-07-13"))
            .await
            .unwrap()
            .unwrap();
    assert_eq!(found.guest_name, "Next");
    // 22:30 UTC on the departure day is already the next day in Paris: that stay is over there.
    let paris_midnight = day("2026-07-12") + chrono::Duration::minutes(10 * 60 + 30);
    let found =
        db::stays::current_or_next_for_guest(app.db(), tenant, "+33611111111", paris_midnight)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(found.guest_name, "Next");
    let before = paris_midnight - chrono::Duration::hours(1);
    let found = db::stays::current_or_next_for_guest(app.db(), tenant, "+33611111111", before)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.guest_name, "Current");
    assert!(db::stays::current_or_next_for_guest(
        app.db(),
        tenant,
        "+33611111111",
        day("2026-08-01")
    )
    .await
    .unwrap()
    .is_none());
    assert!(db::stays::current_or_next_for_guest(
        app.db(),
        ConciergerieId(tenant.0 + 1000),
        "+33611111111",
        day("2026-07-10")
    )
    .await
    .unwrap()
    .is_none());

    let by_digits =
        db::stays::match_by_last_digits(app.db(), tenant, "+33655449876", day("2026-07-10"))
            .await
            .unwrap();
    assert_eq!(by_digits.len(), 1);
    assert_eq!(by_digits[0].guest_name, "Digits");
    assert!(
        db::stays::match_by_last_digits(app.db(), tenant, "+33655441234", day("2026-07-10"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db::stays::match_by_last_digits(app.db(), tenant, "+33655449876", day("2026-07-12"))
            .await
            .unwrap()
            .is_empty(),
        "ended stays do not match"
    );
}

/// "Arriving today" and "in stay" are on each property's own calendar: at 23:30 UTC it is
/// already tomorrow in Paris and still today in Martinique. The clock is injected, as the
/// scheduled-message tests do.
#[actix_web::test]
async fn arriving_today_is_on_each_propertys_local_date() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let tenant = app.tenant_of(&token).await;
    let mut stays = Vec::new();
    for (name, zone, guest, number) in [
        ("Loft Paris", "Europe/Paris", "Invité Paris", "+33622220001"),
        (
            "Villa Martinique",
            "America/Martinique",
            "Invité Martinique",
            "+596696000001",
        ),
    ] {
        let property = app
            .create_property(&token, &json!({"name": name, "time_zone": zone}))
            .await;
        let created = stay(
            &app,
            &token,
            json!({"property_id": property["id"], "guest_name": guest, "whatsapp_number": number,
                   "arrival": "2027-01-15", "departure": "2027-01-18"}),
        )
        .await;
        let id = StayId(created["id"].as_i64().unwrap());
        db::conversations::open_for_guest(
            app.db(),
            tenant,
            number,
            Some(guest.into()),
            id,
            Utc::now(),
        )
        .await
        .unwrap();
        stays.push(id);
    }
    let at = |rfc3339: &str| rfc3339.parse::<DateTime<Utc>>().unwrap();
    let guests = |phase: InboxPhase, now: DateTime<Utc>| {
        let app = &app;
        async move {
            let filter = InboxFilter {
                property_id: None,
                phase: Some(phase),
            };
            let linked = db::stays::inbox_condition(app.db(), tenant, filter, now)
                .await
                .unwrap()
                .expect("a phase filters");
            let mut names: Vec<String> = conversation::Entity::find()
                .filter(linked)
                .all(app.db())
                .await
                .unwrap()
                .into_iter()
                .filter_map(|c| c.contact_name)
                .collect();
            names.sort();
            names
        }
    };
    let arriving = InboxPhase::ArrivingToday;
    // 23:30 in Paris, 18:30 in Martinique on the 14th: nobody yet.
    assert!(guests(arriving, at("2027-01-14T22:30:00Z"))
        .await
        .is_empty());
    // 00:30 on the 15th in Paris, still 19:30 on the 14th in Martinique.
    assert_eq!(
        guests(arriving, at("2027-01-14T23:30:00Z")).await,
        ["Invité Paris"]
    );
    assert_eq!(
        guests(arriving, at("2027-01-15T12:00:00Z")).await,
        ["Invité Martinique", "Invité Paris"]
    );
    // 00:30 on the 16th in Paris, 19:30 on the 15th in Martinique.
    assert_eq!(
        guests(arriving, at("2027-01-15T23:30:00Z")).await,
        ["Invité Martinique"]
    );
    assert_eq!(
        guests(InboxPhase::InStay, at("2027-01-14T23:30:00Z")).await,
        ["Invité Paris"]
    );
    // The departure day (the 18th) still counts: over in Paris at 23:30 UTC, not in Martinique.
    assert_eq!(
        guests(InboxPhase::InStay, at("2027-01-18T23:30:00Z")).await,
        ["Invité Martinique"]
    );

    // The inbox's brief says the same, with the date it was read on.
    let briefs = db::stays::briefs(
        app.db(),
        tenant,
        stays.iter().map(|s| s.0),
        at("2027-01-14T23:30:00Z"),
    )
    .await
    .unwrap();
    let (paris, martinique) = (&briefs[&stays[0].0], &briefs[&stays[1].0]);
    assert_eq!(paris.local_date.to_string(), "2027-01-15");
    assert_eq!(paris.phase, StayPhase::InStay);
    assert_eq!(martinique.local_date.to_string(), "2027-01-14");
    assert_eq!(martinique.phase, StayPhase::BeforeArrival);
}
