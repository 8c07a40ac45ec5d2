//! Resets a conciergerie's password. The server ends every open session of that conciergerie, so
//! the form says so before the admin confirms.

use protocol::auth::Conciergerie;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{focus_id, use_lang};
use super::icons::{icon, Icon};
use super::password_field::PasswordField;
use crate::api;
use crate::i18n::Localized;
use crate::state::conciergerie_form::{FieldErrors, PASSWORD_MIN};

#[derive(Properties, PartialEq)]
pub struct PasswordResetProps {
    pub conciergerie: Conciergerie,
    pub on_done: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn PasswordReset(props: &PasswordResetProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let password = use_state(String::new);
    let errors = use_state(FieldErrors::default);
    let saving = use_state(|| false);
    let id = format!("reset-{}", props.conciergerie.id);
    {
        let id = id.clone();
        use_effect_with((), move |_| focus_id(&id));
    }

    let onsubmit = {
        let (password, errors, saving) = (password.clone(), errors.clone(), saving.clone());
        let (conciergerie, on_done) = (props.conciergerie.id, props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            if password.chars().count() < PASSWORD_MIN {
                errors.set(FieldErrors {
                    password: Some(lang.t().password_too_short.to_owned()),
                    ..Default::default()
                });
                return;
            }
            let (password, errors, saving, on_done) = (
                (*password).clone(),
                errors.clone(),
                saving.clone(),
                on_done.clone(),
            );
            saving.set(true);
            spawn_local(async move {
                let result = api::reset_password(conciergerie, &password).await;
                saving.set(false);
                match result {
                    Ok(()) => on_done.emit(()),
                    Err(e) => errors.set(FieldErrors::from_api(&e, lang)),
                }
            });
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
    let title_id = format!("{id}-title");
    html! {
        <form class="panel panel-reset" {onsubmit} {onkeydown} novalidate=true aria-labelledby={title_id.clone()}>
            <h3 id={title_id}>{ icon(Icon::Key) }{ lang.reset_title(&props.conciergerie.name) }</h3>
            <p class="muted small">{ lang.reset_explain(&props.conciergerie.email) }</p>
            if let Some(general) = &errors.general {
                <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ general.clone() }</span></p>
            }
            <PasswordField id={id} label={t.new_password} hint={Some(t.field_password_hint)}
                value={(*password).clone()} error={errors.password.clone()}
                on_change={let p = password.clone(); Callback::from(move |v: String| p.set(v))} />
            <div class="form-actions">
                <button type="button" class="btn btn-ghost"
                    onclick={let c = props.on_cancel.clone(); Callback::from(move |_| c.emit(()))}>{ t.cancel }</button>
                <button type="submit" class="btn btn-primary" disabled={*saving}>
                    { if *saving { t.saving } else { t.reset_submit } }
                </button>
            </div>
        </form>
    }
}
