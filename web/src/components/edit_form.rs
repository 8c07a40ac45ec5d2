//! A two-field form (FAQ question/answer, template shortcut/text) with per-field errors.
//! The parent validates and saves; this only holds what is being typed.

use yew::prelude::*;

use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use crate::api::Explain;
use crate::i18n::Localized;

/// Errors to show, by field, as returned by client checks or the API's `field`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormErrors {
    pub first: Option<String>,
    pub second: Option<String>,
    pub general: Option<String>,
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.first.is_none() && self.second.is_none() && self.general.is_none()
    }
}

#[derive(Properties, PartialEq)]
pub struct EditFormProps {
    /// Prefix for element ids (unique on the page).
    pub id: String,
    pub first_label: &'static str,
    #[prop_or_default]
    pub first_hint: Option<&'static str>,
    #[prop_or_default]
    pub first_value: String,
    #[prop_or_default]
    pub first_prefix: Option<&'static str>,
    pub second_label: &'static str,
    #[prop_or_default]
    pub second_value: String,
    pub submit_label: &'static str,
    #[prop_or_default]
    pub errors: FormErrors,
    #[prop_or_default]
    pub saving: bool,
    pub on_submit: Callback<(String, String)>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn EditForm(props: &EditFormProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let first = use_state(|| props.first_value.clone());
    let second = use_state(|| props.second_value.clone());
    let first_id = format!("{}-first", props.id);
    let second_id = format!("{}-second", props.id);
    let first_err_id = format!("{}-first-error", props.id);
    let second_err_id = format!("{}-second-error", props.id);

    let onsubmit = {
        let (first, second) = (first.clone(), second.clone());
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit(((*first).clone(), (*second).clone()));
        })
    };
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_cancel.emit(());
            }
        })
    };
    let cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_| on_cancel.emit(()))
    };
    let e = &props.errors;
    html! {
        <form class="edit-form card" {onsubmit} {onkeydown} novalidate=true>
            if let Some(general) = &e.general {
                <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ general.clone() }</span></p>
            }
            <div class="field">
                <label class="field-label" for={first_id.clone()}>{ props.first_label }</label>
                <span class={classes!("input-prefixed", props.first_prefix.is_some().then_some("has-prefix"))}>
                    if let Some(prefix) = props.first_prefix { <span class="prefix" aria-hidden="true">{ prefix }</span> }
                    <input id={first_id} type="text" value={(*first).clone()} autocomplete="off"
                        aria-invalid={e.first.is_some().to_string()}
                        aria-describedby={e.first.is_some().then(|| first_err_id.clone())}
                        oninput={let f = first.clone(); Callback::from(move |ev: InputEvent| f.set(input_value(&ev)))} />
                </span>
                if let Some(hint) = props.first_hint { <small class="field-hint">{ hint }</small> }
                if let Some(err) = &e.first { <p class="field-error" id={first_err_id.clone()}>{ err.clone() }</p> }
            </div>
            <div class="field">
                <label class="field-label" for={second_id.clone()}>{ props.second_label }</label>
                <textarea id={second_id} rows="4" value={(*second).clone()}
                    aria-invalid={e.second.is_some().to_string()}
                    aria-describedby={e.second.is_some().then(|| second_err_id.clone())}
                    oninput={let s = second.clone(); Callback::from(move |ev: InputEvent| s.set(input_value(&ev)))} />
                if let Some(err) = &e.second { <p class="field-error" id={second_err_id}>{ err.clone() }</p> }
            </div>
            <div class="form-actions">
                <button type="button" class="btn btn-ghost" onclick={cancel}>{ t.cancel }</button>
                <button type="submit" id={format!("{}-submit", props.id)} class="btn btn-primary" disabled={props.saving}>
                    { if props.saving { t.saving } else { props.submit_label } }
                </button>
            </div>
        </form>
    }
}

/// Puts an API error on the field it names (`first_field`/`second_field` are the API's names).
pub fn api_errors(
    err: &crate::api::ApiError,
    first_field: &str,
    second_field: &str,
    lang: crate::i18n::Lang,
) -> FormErrors {
    let message = err.message(lang);
    match err.field() {
        Some(f) if f == first_field => FormErrors {
            first: Some(message),
            ..Default::default()
        },
        Some(f) if f == second_field => FormErrors {
            second: Some(message),
            ..Default::default()
        },
        _ => FormErrors {
            general: Some(message),
            ..Default::default()
        },
    }
}
