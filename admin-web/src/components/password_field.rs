//! A new-password input with show/hide and a generator, for initial passwords and resets.

use yew::prelude::*;

use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use crate::i18n::Localized;
use crate::state::conciergerie_form::generate_password;

#[derive(Properties, PartialEq)]
pub struct PasswordFieldProps {
    pub id: String,
    pub label: &'static str,
    #[prop_or_default]
    pub hint: Option<&'static str>,
    pub value: String,
    #[prop_or_default]
    pub error: Option<String>,
    pub on_change: Callback<String>,
}

#[function_component]
pub fn PasswordField(props: &PasswordFieldProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let shown = use_state(|| false);
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let describedby = [
        props.hint.map(|_| hint_id.clone()),
        props.error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");

    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| on_change.emit(input_value(&e)))
    };
    // A generated password is shown, so the admin can pass it on.
    let generate = {
        let on_change = props.on_change.clone();
        let shown = shown.clone();
        Callback::from(move |_| {
            shown.set(true);
            on_change.emit(generate_password(crate::clock::secure_random));
        })
    };
    html! {
        <div class="field field-password">
            <label class="field-label" for={props.id.clone()}>{ props.label }</label>
            <span class="password-row">
                <span class="input-with-button">
                    <input id={props.id.clone()} type={if *shown { "text" } else { "password" }}
                        value={props.value.clone()} autocomplete="new-password" spellcheck="false"
                        class={classes!(shown.then_some("mono"))}
                        aria-invalid={props.error.is_some().to_string()}
                        aria-describedby={(!describedby.is_empty()).then_some(describedby)}
                        {oninput} />
                    <button type="button" class="btn-icon"
                        aria-label={if *shown { t.hide_password } else { t.show_password }}
                        aria-pressed={shown.to_string()}
                        onclick={let s = shown.clone(); Callback::from(move |_| s.set(!*s))}>
                        { icon(if *shown { Icon::EyeOff } else { Icon::Eye }) }
                    </button>
                </span>
                <button type="button" class="btn btn-outline" onclick={generate}>
                    { icon(Icon::Wand) }{ t.generate_password }
                </button>
            </span>
            if let Some(hint) = props.hint { <small class="field-hint" id={hint_id}>{ hint }</small> }
            if let Some(err) = &props.error { <p class="field-error" id={error_id}>{ icon(Icon::Alert) }{ err.clone() }</p> }
        </div>
    }
}
