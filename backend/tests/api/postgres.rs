//! Properties and stays on PostgreSQL: the new migration, date filters, the CSV import and the
//! iCal-free paths behave as on SQLite. Creates its own database and drops it afterwards.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::spawn_app_with;

#[actix_web::test]
async fn properties_and_stays_work_on_postgresql() {
    let pg = crate::helpers::ThrowawayPostgres::create("majordome_props").await;
    let url = pg.url.clone();
    let app = spawn_app_with(&[("DATABASE_URL", url.as_str())]).await;
    let token = app.login_demo().await;

    // The demo's properties, their own entries and stays were seeded.
    let properties: Vec<Value> = app
        .get("/api/properties", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(properties.len(), 2);
    let property = properties[0]["id"].as_i64().unwrap();
    let own: Vec<Value> = app
        .get(&format!("/api/faqs?property_id={property}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(!own.is_empty() && own.iter().all(|f| f["property_id"] == property));

    let csv = "property;guest_name;arrival;departure;reference\n\
               {P};Alice;01/07/2031;05/07/2031;R1\n\
               {P};Bob;2031-07-10;2031-07-12;\n\
               {P};Carol;2031-07-10;2031-07-08;\n"
        .replace("{P}", &property.to_string());
    let report: Value = app
        .fresh_client()
        .post(app.url("/api/stays/import"))
        .bearer_auth(&token)
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report["created"], json!([2, 3]));
    assert_eq!(report["errors"][0]["line"], 4);

    let july: Vec<Value> = app
        .get("/api/stays?from=2031-07-04&to=2031-07-10", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = july
        .iter()
        .map(|s| s["guest_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alice", "Bob"]);

    let refused = app
        .delete(&format!("/api/properties/{property}"), &token)
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);

    drop(app);
    drop(pg);
}
