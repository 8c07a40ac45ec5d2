//! `GET /api/openapi.json`: an OpenAPI 3.1 document describing every route of the README's API
//! table, which stays the reference (parsed here, so a route added there must be documented).

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

/// `(method, path)` of every route in the README's "route | what" table. Cells name routes as
/// `` `GET/POST /api/faqs` ``, and later items may continue the previous path with `…`
/// (`` `GET …/stats` ``); bodies (`{"body"}`) and query strings are not part of the path.
fn readme_routes() -> Vec<(String, String)> {
    let readme = include_str!("../../../README.md");
    let table = readme
        .split("| route | what |")
        .nth(1)
        .expect("the README's API table");
    let mut routes = Vec::new();
    for line in table.lines().skip(2) {
        if !line.starts_with('|') {
            break;
        }
        let cell = line.split(" | ").next().unwrap_or_default();
        let mut base = String::new();
        for item in cell.split('`').skip(1).step_by(2) {
            let mut words = item.split_whitespace();
            let (Some(methods), Some(path)) = (words.next(), words.next()) else {
                continue;
            };
            let path = path.split('?').next().unwrap_or_default();
            let path = match path.strip_prefix('…') {
                Some(rest) => format!("{base}{rest}"),
                None => {
                    base = path.to_owned();
                    path.to_owned()
                }
            };
            for method in methods.split('/') {
                routes.push((method.to_ascii_lowercase(), path.clone()));
            }
        }
    }
    routes
}

#[actix_web::test]
async fn the_openapi_document_is_3_1_and_describes_every_route_of_the_readme() {
    let app = spawn_app().await;
    // Public, like the README: integrators read it before they have an account.
    let response = app.get("/api/openapi.json", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let doc: Value = response.json().await.expect("a JSON document");
    assert!(
        doc["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );

    let routes = readme_routes();
    assert!(routes.len() > 50, "the table was parsed: {routes:?}");
    let missing: Vec<String> = routes
        .iter()
        .filter(|(method, path)| doc["paths"][path.as_str()][method.as_str()].is_null())
        .map(|(method, path)| format!("{method} {path}"))
        .collect();
    assert!(missing.is_empty(), "not in /api/openapi.json: {missing:?}");

    // Bodies come from the protocol types.
    let send = &doc["paths"]["/api/conversations/{id}/send"]["post"];
    assert_eq!(
        send["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/SendMessageRequest"
    );
    assert_eq!(send["security"][0]["bearer"], serde_json::json!([]));
    let message = &doc["components"]["schemas"]["Message"];
    assert!(message["properties"]["media"].is_object(), "{message}");
    assert!(
        doc["components"]["schemas"]["ConversationSummary"]["properties"]["unread_count"]
            .is_object()
    );
}
