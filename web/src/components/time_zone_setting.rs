//! Réglages → the conciergerie's time zone: the default of every new property (each property
//! keeps its own, set in Logements), so a conciergerie outside metropolitan France does not have
//! to set it on every rental.

use protocol::settings::{Settings, SettingsPatch};
use ui::components::form_field::FormField;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use super::properties_tab::{error_for, FieldError, COMMON_TIME_ZONES};
use crate::api;
use crate::i18n::Localized;

#[derive(Properties, PartialEq)]
pub struct TimeZoneSettingProps {
    /// The zone saved now (`None` until the settings are loaded).
    pub saved: Option<String>,
    pub on_saved: Callback<Settings>,
}

#[function_component]
pub fn TimeZoneSetting(props: &TimeZoneSettingProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let draft = use_state(String::new);
    let error = use_state(|| None::<FieldError>);
    let saving = use_state(|| false);
    {
        // The field follows what the server says until the operator types.
        let draft = draft.clone();
        use_effect_with(props.saved.clone(), move |saved| {
            if let Some(saved) = saved {
                draft.set(saved.clone());
            }
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(input_value(&e)))
    };
    let onsubmit = {
        let (draft, error, saving) = (draft.clone(), error.clone(), saving.clone());
        let on_saved = props.on_saved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let patch = SettingsPatch {
                time_zone: Some(draft.trim().to_owned()),
                ..Default::default()
            };
            let (error, saving, on_saved) = (error.clone(), saving.clone(), on_saved.clone());
            saving.set(true);
            spawn_local(async move {
                match api::patch_settings(&patch).await {
                    Ok(s) => {
                        error.set(None);
                        on_saved.emit(s);
                    }
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
                saving.set(false);
            });
        })
    };
    let unchanged = props.saved.as_deref() == Some(draft.trim());
    let general = (*error)
        .as_ref()
        .filter(|e| e.field.as_deref() != Some("time_zone"))
        .map(|e| e.message.clone());
    html! {
        <section class="settings-card card" aria-labelledby="time-zone-title">
            <h2 id="time-zone-title">{ icon(Icon::Clock) }{ t.property_time_zone }</h2>
            <form class="stack" {onsubmit}>
                <FormField id="settings-time-zone" label={t.settings_time_zone_default}
                    hint={t.settings_time_zone_help} error={error_for(&error, "time_zone")}>
                    <input id="settings-time-zone" type="text" list="settings-time-zones"
                        value={(*draft).clone()} spellcheck="false" autocomplete="off" {oninput} />
                    <datalist id="settings-time-zones">
                        { for COMMON_TIME_ZONES.iter().map(|zone| html! { <option value={*zone} /> }) }
                    </datalist>
                </FormField>
                if let Some(message) = general {
                    <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ message }</span></p>
                }
                <div>
                    <button id="settings-time-zone-submit" type="submit" class="btn btn-primary" disabled={*saving || unchanged || draft.trim().is_empty()}>
                        { t.save }
                    </button>
                </div>
            </form>
        </section>
    }
}
