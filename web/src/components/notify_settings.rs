//! Réglages › Notifications: the operator's own choice (desktop notifications, a beep), asked
//! of the browser only when they tick the box.

use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::i18n::Localized;
use crate::notify::{self, Permission};
use crate::state::notify::Prefs;

#[derive(Properties, PartialEq)]
pub struct NotifySettingsProps {
    /// The logged-in account the preference belongs to.
    pub account: AttrValue,
}

#[function_component]
pub fn NotifySettings(props: &NotifySettingsProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let account = props.account.clone();
    let prefs = use_state(|| notify::load(&account));
    let permission = use_state(notify::permission);

    let set = {
        let (prefs, account) = (prefs.clone(), account.clone());
        Callback::from(move |next: Prefs| {
            notify::save(&account, next);
            prefs.set(next);
        })
    };
    let on_desktop = {
        let (prefs, permission, set) = (prefs.clone(), permission.clone(), set.clone());
        Callback::from(move |_| {
            let current = *prefs;
            if current.desktop {
                set.emit(Prefs {
                    desktop: false,
                    ..current
                });
                return;
            }
            let (permission, set) = (permission.clone(), set.clone());
            spawn_local(async move {
                let answer = match notify::permission() {
                    Permission::Ask => notify::request_permission().await,
                    other => other,
                };
                permission.set(answer);
                set.emit(Prefs {
                    desktop: answer == Permission::Granted,
                    ..current
                });
            });
        })
    };
    let on_sound = {
        let (prefs, set) = (prefs.clone(), set.clone());
        Callback::from(move |_| {
            let sound = !prefs.sound;
            if sound {
                // A sample, and the click lets the browser play later beeps.
                notify::beep();
            }
            set.emit(Prefs { sound, ..*prefs });
        })
    };
    let note = match *permission {
        Permission::Denied => Some(t.notify_denied),
        Permission::Unsupported => Some(t.notify_unsupported),
        _ => None,
    };
    html! {
        <section class="settings-card card" aria-labelledby="notify-title">
            <h2 id="notify-title">{ icon(Icon::Bolt) }{ t.notify_title }</h2>
            <label class="check-row">
                <input type="checkbox" id="notify-desktop" checked={prefs.desktop}
                    disabled={*permission == Permission::Unsupported} onchange={on_desktop} />
                <span>{ t.notify_desktop }</span>
            </label>
            <label class="check-row">
                <input type="checkbox" id="notify-sound" checked={prefs.sound} onchange={on_sound} />
                <span>{ t.notify_sound }</span>
            </label>
            if let Some(note) = note {
                <p class="notice notice-error" role="status">{ note }</p>
            }
            <p class="help">{ t.notify_help }</p>
        </section>
    }
}
