//! TEMPORARY (not committed): screenshots of every screen, FR/EN, phone/desktop, into /tmp/walk.

use std::time::Duration;

use serde_json::json;

use crate::harness::Browser;
use crate::helpers::{spawn_app, ADMIN_EMAIL, ADMIN_PASSWORD};
use crate::server::simulate;
use crate::support::set_ai_mode;

async fn shot(b: &Browser, name: &str) {
    tokio::time::sleep(Duration::from_millis(700)).await;
    let png = b.client.screenshot().await.expect("screenshot");
    std::fs::write(format!("/tmp/walk/{name}.png"), png).unwrap();
    let report = b
        .js("const out = []; const w = window.innerWidth; \
             if (document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth + 1) out.push('PAGE SCROLLS SIDEWAYS'); \
             for (const el of document.querySelectorAll('body *')) { \
               const r = el.getBoundingClientRect(); \
               if (r.width > 0 && r.right > w + 1 && getComputedStyle(el).position !== 'fixed') { \
                 let p = el.parentElement, clipped = false; \
                 while (p) { const s = getComputedStyle(p); if (s.overflowX !== 'visible') { clipped = true; break; } p = p.parentElement; } \
                 if (!clipped) out.push(el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(r.right)); } \
               if (el.children.length === 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden' && getComputedStyle(el).textOverflow !== 'ellipsis') out.push('clipped text: ' + el.tagName.toLowerCase() + '.' + el.className + ' ' + (el.textContent||'').slice(0,40)); \
             } return out.slice(0, 12).join(' | ');")
        .await;
    println!("{name}: {}", report.as_str().unwrap_or(""));
}

async fn set_lang(b: &Browser, code: &str) {
    b.js(&format!(
        "localStorage.setItem('majordome.lang', JSON.stringify('{code}')); location.reload(); return 1;"
    ))
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
}

#[actix_web::test]
#[ignore]
async fn walkthrough() {
    let app = spawn_app().await;
    set_ai_mode(&app, "suggest").await;
    let token = app.login_demo().await;
    app.post_json(
        "/api/members",
        Some(&token),
        &json!({"email": "marc@demo.fr", "name": "Marc Dupont-Lefèvre", "role": "agent", "password": "bienvenue-2026"}),
    )
    .await;
    let a = simulate(&app, &token, "+33612345678", "Bonjour, à quelle heure peut-on arriver ? Nous serons là vers 22 h, est-ce que la boîte à clés est facile à trouver ?").await;
    simulate(
        &app,
        &token,
        "+447700900123",
        "Hi! Is there parking near the flat?",
    )
    .await;
    simulate(
        &app,
        &token,
        "+212612345678",
        "مرحبا، هل يوجد واي فاي في الشقة؟",
    )
    .await;
    for (w, h, size) in [(390u32, 844u32, "phone"), (1440, 900, "desktop")] {
        for lang in ["fr", "en"] {
            let b = Browser::start().await;
            b.client.set_window_size(w, h).await.unwrap();
            b.goto(&app.url("/")).await;
            set_lang(&b, lang).await;
            shot(&b, &format!("{size}-{lang}-01-login")).await;
            b.login_demo(&app).await;
            shot(&b, &format!("{size}-{lang}-02-inbox")).await;
            b.click(&format!("#conv-{a}")).await;
            b.find("#composer-input").await;
            shot(&b, &format!("{size}-{lang}-03-chat")).await;
            for (hash, name) in [
                ("#/settings", "04-settings"),
                ("#/properties", "06-properties"),
                ("#/stays", "07-stays"),
                ("#/ideas", "08-ideas"),
                ("#/analytics", "09-analytics"),
                ("#/faq", "10-faq"),
            ] {
                b.js(&format!("location.hash = '{hash}'; return 1;")).await;
                tokio::time::sleep(Duration::from_millis(1200)).await;
                shot(&b, &format!("{size}-{lang}-{name}")).await;
                if hash == "#/settings" {
                    b.js("const t = [...document.querySelectorAll('h2')].find(h => /Équipe|Team/.test(h.textContent)); if (t) t.scrollIntoView(); return 1;").await;
                    shot(&b, &format!("{size}-{lang}-05-settings-team")).await;
                }
            }
            // The admin app.
            b.goto(&app.url("/admin/")).await;
            b.type_into("input[name=email]", ADMIN_EMAIL).await;
            b.type_into("input[name=password]", ADMIN_PASSWORD).await;
            b.click("button[type=submit]").await;
            b.find("#row-1").await;
            shot(&b, &format!("{size}-{lang}-11-admin-list")).await;
            b.click("#team-button-1").await;
            b.find("#team-1 .member-row").await;
            shot(&b, &format!("{size}-{lang}-12-admin-team")).await;
            b.js("location.hash = '#/features'; return 1;").await;
            tokio::time::sleep(Duration::from_millis(1200)).await;
            b.click(".page-header .btn-primary").await;
            shot(&b, &format!("{size}-{lang}-13-admin-features")).await;
            b.js("location.hash = '#/health'; return 1;").await;
            tokio::time::sleep(Duration::from_millis(1500)).await;
            shot(&b, &format!("{size}-{lang}-14-admin-health")).await;
        }
    }
}
