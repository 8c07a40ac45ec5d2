//! Notifications, the browser part: the Notification API, a short beep made with WebAudio (no
//! sound file), the preference in `localStorage`, and the tab title. What to notify is decided
//! in `state::notify` (pure, tested).

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::route::Route;
use crate::state::notify::{storage_key, Alert, Prefs};

/// The browser's answer for this site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Unsupported,
    /// Not asked yet.
    Ask,
    Granted,
    Denied,
}

fn supported() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false)
    })
}

pub fn permission() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => Permission::Granted,
        web_sys::NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Ask,
    }
}

/// Asks the browser once (from the operator's click in Réglages).
pub async fn request_permission() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    if let Ok(promise) = web_sys::Notification::request_permission() {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    permission()
}

pub fn load(account: &str) -> Prefs {
    LocalStorage::get(storage_key(account)).unwrap_or_default()
}

pub fn save(account: &str, prefs: Prefs) {
    let _ = LocalStorage::set(storage_key(account), prefs);
}

/// Shows the alert as the operator asked (desktop notification and/or beep). Clicking the
/// notification brings this tab forward with the conversation open.
pub fn deliver(alert: &Alert, prefs: Prefs) {
    if prefs.desktop && permission() == Permission::Granted {
        let options = web_sys::NotificationOptions::new();
        options.set_body(&alert.text);
        // One notification per conversation: a burst replaces instead of piling up.
        options.set_tag(&format!("conversation-{}", alert.conversation_id));
        if let Ok(shown) = web_sys::Notification::new_with_options(&alert.title, &options) {
            let hash = Route::inbox(Some(alert.conversation_id)).to_hash();
            let closer = shown.clone();
            // Freed by its one call (a notification never clicked keeps this small closure).
            let on_click = Closure::once_into_js(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.focus();
                    // The dashboard follows the hash (`hashchange`), like a link.
                    let _ = window.location().set_hash(&hash);
                }
                closer.close();
            });
            shown.set_onclick(Some(on_click.unchecked_ref()));
        }
    }
    if prefs.sound {
        beep();
    }
}

/// A short, quiet two-tone beep.
pub fn beep() {
    let Ok(ctx) = web_sys::AudioContext::new() else {
        return;
    };
    let play = || -> Result<(), JsValue> {
        let now = ctx.current_time();
        let gain = ctx.create_gain()?;
        gain.gain().set_value_at_time(0.0001, now)?;
        gain.gain()
            .exponential_ramp_to_value_at_time(0.12, now + 0.02)?;
        gain.gain()
            .exponential_ramp_to_value_at_time(0.0001, now + 0.3)?;
        gain.connect_with_audio_node(&ctx.destination())?;
        for (i, freq) in [880.0_f32, 1320.0].into_iter().enumerate() {
            let osc = ctx.create_oscillator()?;
            osc.set_type(web_sys::OscillatorType::Sine);
            osc.frequency().set_value(freq);
            osc.connect_with_audio_node(&gain)?;
            let start = now + i as f64 * 0.12;
            osc.start_with_when(start)?;
            osc.stop_with_when(start + 0.15)?;
        }
        Ok(())
    };
    let _ = play();
}

pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}
