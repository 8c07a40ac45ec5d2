//! Properties (logements) and property-scoped FAQ entries, through the real server.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app};

#[actix_web::test]
async fn property_create_read_update_delete() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let created = app.create_property(&token, &json!({"name": "  Loft Canal  ", "address": "3 quai de Jemmapes, Paris", "check_in_time": "15h30",
               "arrival_instructions": "Code de l'immeuble envoyé la veille."}),
    )
    .await;
    assert_eq!(created["name"], "Loft Canal");
    assert_eq!(created["check_in_time"], "15:30");
    assert_eq!(created["check_out_time"], "11:00", "default check-out");
    assert_eq!(created["ical_urls"], json!([]));
    assert!(created["last_sync_at"].is_null() && created["last_sync_error"].is_null());
    let id = created["id"].as_i64().unwrap();

    let read: Value = app
        .get(&format!("/api/properties/{id}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read, created);

    let patched = app
        .patch_json(
            &format!("/api/properties/{id}"),
            &token,
            &json!({"check_out_time": "10:00", "ical_urls": ["webcal://www.airbnb.fr/calendar/ical/42.ics?s=k"]}),
        )
        .await;
    assert_eq!(patched.status(), StatusCode::OK);
    let patched: Value = patched.json().await.unwrap();
    assert_eq!(patched["check_out_time"], "10:00");
    assert_eq!(patched["check_in_time"], "15:30", "untouched field kept");
    assert_eq!(
        patched["ical_urls"],
        json!(["https://www.airbnb.fr/calendar/ical/42.ics?s=k"])
    );

    let listed: Vec<Value> = app
        .get("/api/properties", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(listed.iter().any(|p| p["id"] == id));

    let deleted = app.delete(&format!("/api/properties/{id}"), &token).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let gone = app
        .get(&format!("/api/properties/{id}"), Some(&token))
        .await;
    assert_error(gone, StatusCode::NOT_FOUND, "not_found").await;
}

#[actix_web::test]
async fn bad_property_input_is_a_clear_422() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    for (body, field) in [
        (json!({"name": "  "}), "name"),
        (
            json!({"name": "A", "check_in_time": "midi"}),
            "check_in_time",
        ),
        (
            json!({"name": "A", "ical_urls": ["ftp://x/y.ics"]}),
            "ical_urls",
        ),
    ] {
        let response = app.post_json("/api/properties", Some(&token), &body).await;
        let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(error["field"], field, "{body}");
    }
}

#[actix_web::test]
async fn another_tenants_property_is_not_found() {
    let app = spawn_app().await;
    let demo = app.login_demo().await;
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "riviera", "whatsapp:+33700000001")
        .await;
    let theirs = app
        .create_property(&other.token, &json!({"name": "Villa Riviera"}))
        .await;
    let path = format!("/api/properties/{}", theirs["id"]);

    assert_error(
        app.get(&path, Some(&demo)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.patch_json(&path, &demo, &json!({"name": "Mine"})).await,
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
        app.post_json(&format!("{path}/sync"), Some(&demo), &json!({}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let mine: Vec<Value> = app
        .get("/api/properties", Some(&demo))
        .await
        .json()
        .await
        .unwrap();
    assert!(mine.iter().all(|p| p["id"] != theirs["id"]));

    // Nor can a FAQ entry or a stay point at it.
    let faq = app
        .post_json(
            "/api/faqs",
            Some(&demo),
            &json!({"question": "Wifi ?", "answer": "x", "property_id": theirs["id"]}),
        )
        .await;
    let error = assert_error(faq, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(error["field"], "property_id");
    let stay = app
        .post_json(
            "/api/stays",
            Some(&demo),
            &json!({"property_id": theirs["id"], "guest_name": "Eve", "arrival": "2026-07-01", "departure": "2026-07-03"}),
        )
        .await;
    assert_error(stay, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
}

#[actix_web::test]
async fn faq_entries_belong_to_a_property_and_can_be_sensitive() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let loft = app.create_property(&token, &json!({"name": "Loft"})).await;
    let loft_id = loft["id"].as_i64().unwrap();

    let response = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": "Code de la boîte à clés ?", "answer": "4242", "property_id": loft_id, "sensitive": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let entry: Value = response.json().await.unwrap();
    assert_eq!(entry["property_id"], loft_id);
    assert_eq!(entry["sensitive"], true);

    // Filtered by property: only that property's entries.
    let own: Vec<Value> = app
        .get(&format!("/api/faqs?property_id={loft_id}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["id"], entry["id"]);
    // Unfiltered: the shared entries too, which say so with a null property.
    let all: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(all.len() > 1);
    assert!(all
        .iter()
        .any(|f| f["property_id"].is_null() && f["sensitive"] == false));

    // The property cannot go while the entry uses it.
    let refused = app
        .delete(&format!("/api/properties/{loft_id}"), &token)
        .await;
    assert_error(refused, StatusCode::CONFLICT, "conflict").await;

    // PATCH: `null` makes it shared again, `sensitive` toggles.
    let path = format!("/api/faqs/{}", entry["id"]);
    let patched: Value = app
        .patch_json(
            &path,
            &token,
            &json!({"property_id": null, "sensitive": false}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(patched["property_id"].is_null());
    assert_eq!(patched["sensitive"], false);
    let untouched: Value = app
        .patch_json(&path, &token, &json!({"answer": "4243"}))
        .await
        .json()
        .await
        .unwrap();
    assert!(untouched["property_id"].is_null(), "absent field kept");

    // Now unused, the property can be deleted.
    let deleted = app
        .delete(&format!("/api/properties/{loft_id}"), &token)
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let unknown = app
        .get(&format!("/api/faqs?property_id={loft_id}"), Some(&token))
        .await;
    assert_error(unknown, StatusCode::NOT_FOUND, "not_found").await;
}

#[actix_web::test]
async fn the_demo_has_two_properties_with_their_own_wifi_and_stays_around_today() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let properties: Vec<Value> = app
        .get("/api/properties", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(properties.len(), 2);
    let mut wifi_answers = Vec::new();
    for property in &properties {
        let faqs: Vec<Value> = app
            .get(
                &format!("/api/faqs?property_id={}", property["id"]),
                Some(&token),
            )
            .await
            .json()
            .await
            .unwrap();
        let wifi = faqs
            .iter()
            .find(|f| f["question"].as_str().unwrap().contains("wifi"))
            .expect("a wifi entry per property");
        wifi_answers.push(wifi["answer"].as_str().unwrap().to_owned());
        assert!(faqs.iter().any(|f| f["sensitive"] == true));
    }
    assert_ne!(wifi_answers[0], wifi_answers[1]);

    // A guest with no known stay may only be told the shared, non-sensitive entries.
    let tenant = protocol::ConciergerieId(
        app.get("/api/auth/me", Some(&token))
            .await
            .json::<Value>()
            .await
            .unwrap()["conciergerie"]["id"]
            .as_i64()
            .unwrap(),
    );
    let public = majordome::db::faqs::shared_and_public(app.db(), tenant)
        .await
        .unwrap();
    assert!(!public.is_empty());
    assert!(public
        .iter()
        .all(|f| f.property_id.is_none() && !f.sensitive));
    assert!(public.iter().all(|f| !wifi_answers.contains(&f.answer)));

    // The demo's properties are in Paris: their "today" is Paris's.
    let today = majordome::domain::time_zone::TimeZone::DEFAULT.today(chrono::Utc::now());
    let stays: Vec<Value> = app
        .get("/api/stays", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let arrivals: Vec<chrono::NaiveDate> = stays
        .iter()
        .map(|s| s["arrival"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(arrivals.contains(&today), "someone arrives today");
    assert!(
        stays.iter().any(|s| {
            let a: chrono::NaiveDate = s["arrival"].as_str().unwrap().parse().unwrap();
            let d: chrono::NaiveDate = s["departure"].as_str().unwrap().parse().unwrap();
            a < today && d > today
        }),
        "someone is in stay"
    );
    assert!(arrivals.iter().any(|a| *a > today + chrono::Days::new(5)));
}

#[actix_web::test]
async fn a_property_is_in_its_conciergeries_time_zone_unless_told_otherwise() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let settings: Value = app
        .get("/api/settings", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(settings["time_zone"], "Europe/Paris", "the default zone");
    let loft = app.create_property(&token, &json!({"name": "Loft"})).await;
    assert_eq!(loft["time_zone"], "Europe/Paris");

    // The conciergerie works overseas now: new properties follow, existing ones keep theirs.
    let settings = app
        .patch_json(
            "/api/settings",
            &token,
            &json!({"time_zone": "America/Martinique"}),
        )
        .await;
    assert_eq!(settings.status(), StatusCode::OK);
    let settings: Value = settings.json().await.unwrap();
    assert_eq!(settings["time_zone"], "America/Martinique");
    let villa = app.create_property(&token, &json!({"name": "Villa"})).await;
    assert_eq!(villa["time_zone"], "America/Martinique");
    let chalet = app
        .create_property(
            &token,
            &json!({"name": "Chalet", "time_zone": "Europe/Zurich"}),
        )
        .await;
    assert_eq!(chalet["time_zone"], "Europe/Zurich");
    let loft_id = loft["id"].as_i64().unwrap();
    let loft: Value = app
        .get(&format!("/api/properties/{loft_id}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(loft["time_zone"], "Europe/Paris");
    let moved = app
        .patch_json(
            &format!("/api/properties/{loft_id}"),
            &token,
            &json!({"time_zone": " Indian/Reunion "}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let moved: Value = moved.json().await.unwrap();
    assert_eq!(moved["time_zone"], "Indian/Reunion");
    assert_eq!(moved["name"], "Loft", "untouched field kept");

    // Not an IANA zone: a validation error naming the field and the value, wherever it is sent.
    let bad = json!({"name": "Studio", "time_zone": "Paris"});
    let created = app.post_json("/api/properties", Some(&token), &bad).await;
    let patched = app
        .patch_json(
            &format!("/api/properties/{loft_id}"),
            &token,
            &json!({"time_zone": "UTC+1"}),
        )
        .await;
    let default = app
        .patch_json(
            "/api/settings",
            &token,
            &json!({"time_zone": "Mars/Olympus"}),
        )
        .await;
    for (response, value) in [
        (created, "Paris"),
        (patched, "UTC+1"),
        (default, "Mars/Olympus"),
    ] {
        let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(error["field"], "time_zone");
        let message = error["message"].as_str().unwrap();
        assert!(
            message.contains(value) && message.contains("Europe/Paris"),
            "{message}"
        );
    }
    let unchanged: Value = app
        .get(&format!("/api/properties/{loft_id}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unchanged["time_zone"], "Indian/Reunion");
}
