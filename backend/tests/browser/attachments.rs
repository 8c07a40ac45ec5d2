//! The paperclip: a refused file says why and keeps the text; an uploaded image stays in the
//! draft across a tab switch and a reload, then goes with the reply, shows in the thread, and
//! leaves the draft.

use std::time::Duration;

use fantoccini::key::Key;

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::{messages, simulate};
use crate::support::set_ai_mode;

/// Puts a file in the composer's picker as a user choosing it would (`bytes` as JS numbers).
fn pick(name: &str, mime: &str, bytes: &[u8]) -> String {
    let list: Vec<String> = bytes.iter().map(u8::to_string).collect();
    format!(
        "const dt = new DataTransfer();
         dt.items.add(new File([new Uint8Array([{}])], {name:?}, {{ type: {mime:?} }}));
         const input = document.querySelector('#composer-file');
         input.files = dt.files;
         input.dispatchEvent(new Event('change', {{ bubbles: true }}));",
        list.join(",")
    )
}

#[actix_web::test]
async fn a_refused_file_keeps_the_text_and_an_image_goes_with_the_reply() {
    let app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    let id = simulate(&app, &token, "+33612345670", "Où se garer ?").await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.click(&format!("#conv-{id}")).await;
    browser.wait_text(".chat-log .msg-guest", "garer").await;
    browser.type_into("#composer-input", "Voici le plan").await;

    // Not an image: refused by the server, said in French, the text still there.
    browser
        .js(&pick(
            "plan.svg",
            "image/png",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        ))
        .await;
    browser
        .wait_text_within(".chat-error", "seules les images", Duration::from_secs(20))
        .await;
    assert_eq!(browser.value_of("#composer-input").await, "Voici le plan");
    assert!(!browser.exists("#attach-chip").await);

    // A PNG: a chip, then it goes with the text.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0; 32]);
    browser.js(&pick("plan-acces.png", "image/png", &png)).await;
    browser.wait_text("#attach-chip", "PNG").await;
    browser.wait_text("#attach-chip", "plan-acces.png").await;

    // Kept with the draft: another tab and back, then a reload.
    browser.click("#nav-faq").await;
    browser.wait_gone("#composer-input").await;
    browser.click("#nav-inbox").await;
    browser.wait_text("#attach-chip", "plan-acces.png").await;
    browser.mark_page().await;
    browser.client.refresh().await.expect("reload");
    browser.wait_text(".chat-log .msg-guest", "garer").await;
    assert!(
        !browser.page_not_reloaded().await,
        "the page was not reloaded"
    );
    browser.wait_text("#attach-chip", "plan-acces.png").await;
    assert_eq!(browser.value_of("#composer-input").await, "Voici le plan");
    browser
        .find("#composer-input")
        .await
        .send_keys(&Key::Enter)
        .await
        .expect("press Enter");
    browser.wait_gone("#attach-chip").await;
    let sent = browser
        .wait_for(
            "the reply stored with its file",
            Duration::from_secs(20),
            || async {
                messages(&app, &token, id)
                    .await
                    .into_iter()
                    .find(|m| m.body == "Voici le plan" && !m.media.is_empty())
            },
        )
        .await;
    let url = sent.media[0].url.clone();
    assert!(url.starts_with("/media/out/"), "{url}");
    browser
        .wait_attr(".chat-log .msg-out img", "src", &url)
        .await;

    // Sent: neither the text nor the file is in the draft any more.
    browser.client.refresh().await.expect("reload");
    browser
        .wait_attr(".chat-log .msg-out img", "src", &url)
        .await;
    assert_eq!(browser.value_of("#composer-input").await, "");
    assert!(!browser.exists("#attach-chip").await);
}
