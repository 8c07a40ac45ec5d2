//! Create or edit a conciergerie: name, login email, initial password (creation only), WhatsApp
//! number, messaging service SID, default AI mode. Checked in the browser first, then errors from
//! the API are shown next to the field they concern.

use protocol::auth::Conciergerie;
use protocol::AiMode;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{focus_id, input_value, use_lang};
use super::icons::{icon, Icon};
use super::password_field::PasswordField;
use super::segmented::Segmented;
use crate::api;
use ui::components::widgets::{ai_mode_help, ai_mode_options, ModeScope};

use crate::i18n::Localized;
use crate::state::conciergerie_form::{
    normalize_number, number_is_valid, ConciergerieForm, Field, FieldErrors,
};

/// What was saved, for the page to update its list and say so.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Created(Conciergerie),
    Updated(Conciergerie),
    /// Nothing had changed.
    Unchanged,
}

#[derive(Properties, PartialEq)]
pub struct ConciergerieEditorProps {
    /// `None` to create one.
    #[prop_or_default]
    pub existing: Option<Conciergerie>,
    pub on_saved: Callback<Saved>,
    pub on_cancel: Callback<()>,
}

/// Element id of a field, for labels, errors and focus.
fn field_id(prefix: &str, field: Field) -> String {
    format!("{prefix}-{}", field.api_name().replace('_', "-"))
}

#[function_component]
pub fn ConciergerieEditor(props: &ConciergerieEditorProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let creating = props.existing.is_none();
    let prefix = match &props.existing {
        Some(c) => format!("edit-{}", c.id),
        None => "new-conciergerie".to_owned(),
    };
    let form = use_state(|| {
        props
            .existing
            .as_ref()
            .map(ConciergerieForm::from_existing)
            .unwrap_or_default()
    });
    let errors = use_state(FieldErrors::default);
    let saving = use_state(|| false);

    // The first field gets the focus when the form opens.
    {
        let id = field_id(&prefix, Field::Name);
        use_effect_with((), move |_| focus_id(&id));
    }

    let update = |apply: fn(&mut ConciergerieForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            apply(&mut next, input_value(&e));
            form.set(next);
        })
    };

    let onsubmit = {
        let (form, errors, saving) = (form.clone(), errors.clone(), saving.clone());
        let existing = props.existing.clone();
        let on_saved = props.on_saved.clone();
        let prefix = prefix.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            let checked = form.validate(existing.is_none(), lang);
            if let Some(first) = checked.first() {
                focus_id(&field_id(&prefix, first));
                errors.set(checked);
                return;
            }
            errors.set(FieldErrors::default());
            let (form_now, errors, saving, on_saved) = (
                (*form).clone(),
                errors.clone(),
                saving.clone(),
                on_saved.clone(),
            );
            let existing = existing.clone();
            let prefix = prefix.clone();
            saving.set(true);
            spawn_local(async move {
                let result = match &existing {
                    None => api::create_conciergerie(&form_now.to_new())
                        .await
                        .map(Saved::Created),
                    Some(original) => {
                        let patch = form_now.to_patch(original);
                        if patch == Default::default() {
                            Ok(Saved::Unchanged)
                        } else {
                            api::update_conciergerie(original.id, &patch)
                                .await
                                .map(Saved::Updated)
                        }
                    }
                };
                saving.set(false);
                match result {
                    Ok(saved) => on_saved.emit(saved),
                    Err(e) => {
                        let errs = FieldErrors::from_api(&e, lang);
                        if let Some(first) = errs.first() {
                            focus_id(&field_id(&prefix, first));
                        }
                        errors.set(errs);
                    }
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

    let on_number_blur = {
        let form = form.clone();
        Callback::from(move |_: FocusEvent| {
            let normalized = normalize_number(&form.whatsapp_number);
            if number_is_valid(&normalized) && normalized != form.whatsapp_number {
                form.set(ConciergerieForm {
                    whatsapp_number: normalized,
                    ..(*form).clone()
                });
            }
        })
    };

    let on_mode = {
        let form = form.clone();
        Callback::from(move |v: &'static str| {
            if let Ok(mode) = v.parse::<AiMode>() {
                form.set(ConciergerieForm {
                    ai_mode: mode,
                    ..(*form).clone()
                });
            }
        })
    };
    let on_password = {
        let form = form.clone();
        Callback::from(move |password: String| {
            form.set(ConciergerieForm {
                password,
                ..(*form).clone()
            })
        })
    };

    let e = &*errors;
    let text_field = |field: Field,
                      label: &'static str,
                      hint: Option<&'static str>,
                      value: String,
                      kind: &'static str,
                      placeholder: Option<&'static str>,
                      autocomplete: &'static str,
                      oninput: Callback<InputEvent>,
                      onblur: Option<Callback<FocusEvent>>| {
        let id = field_id(&prefix, field);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let error = e.get(field).cloned();
        let describedby = [
            hint.map(|_| hint_id.clone()),
            error.as_ref().map(|_| error_id.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        html! {
            <div class={classes!("field", format!("field-{}", field.api_name()))}>
                <label class="field-label" for={id.clone()}>{ label }</label>
                <input id={id} type={kind} {value} {placeholder} autocomplete={autocomplete}
                    spellcheck="false"
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={(!describedby.is_empty()).then_some(describedby)}
                    {oninput} {onblur} />
                if let Some(hint) = hint { <small class="field-hint" id={hint_id}>{ hint }</small> }
                if let Some(err) = error { <p class="field-error" id={error_id}>{ icon(Icon::Alert) }{ err }</p> }
            </div>
        }
    };

    let title = match &props.existing {
        Some(c) => lang.edit_title(&c.name),
        None => t.new_conciergerie.to_owned(),
    };
    let title_id = format!("{prefix}-title");
    let cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_| on_cancel.emit(()))
    };
    html! {
        <form class="card editor" {onsubmit} {onkeydown} novalidate=true aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{ icon(if creating { Icon::Plus } else { Icon::Edit }) }{ title }</h2>
            if let Some(general) = &e.general {
                <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ general.clone() }</span></p>
            }
            <div class="form-grid">
                { text_field(Field::Name, t.field_name, None, form.name.clone(), "text", None, "organization",
                    update(|f, v| f.name = v), None) }
                { text_field(Field::Email, t.field_email, Some(t.field_email_hint), form.email.clone(), "email",
                    Some("ops@conciergerie.fr"), "off", update(|f, v| f.email = v), None) }
                if creating {
                    <PasswordField id={field_id(&prefix, Field::Password)} label={t.field_initial_password}
                        hint={Some(t.field_password_hint)} value={form.password.clone()}
                        error={e.password.clone()} on_change={on_password} />
                }
                { text_field(Field::WhatsappNumber, t.field_number, Some(t.field_number_hint),
                    form.whatsapp_number.clone(), "text", Some("whatsapp:+33612345678"), "off",
                    update(|f, v| f.whatsapp_number = v), Some(on_number_blur)) }
                { text_field(Field::MessagingServiceSid, t.field_sid, Some(t.field_sid_hint),
                    form.messaging_service_sid.clone(), "text", Some("MG…"), "off",
                    update(|f, v| f.messaging_service_sid = v), None) }
                if !creating {
                    { text_field(Field::AiDailyBudget, t.field_budget, Some(t.field_budget_hint),
                        form.ai_daily_budget.clone(), "text", Some("5"), "off",
                        update(|f, v| f.ai_daily_budget = v), None) }
                }
                <div class="field field-ai-mode">
                    <span class="field-label" id={format!("{prefix}-mode-label")}>{ t.field_ai_mode }</span>
                    <Segmented name="conciergerie-ai-mode" label={t.field_ai_mode} options={ai_mode_options(lang, ModeScope::Conciergerie)}
                        selected={form.ai_mode.as_str()} on_change={on_mode} />
                    <small class="field-hint">{ ai_mode_help(form.ai_mode, ModeScope::Conciergerie, lang) }</small>
                </div>
            </div>
            <div class="form-actions">
                <button type="button" class="btn btn-ghost" onclick={cancel}>{ t.cancel }</button>
                <button type="submit" class="btn btn-primary" disabled={*saving}>
                    { if *saving { t.saving } else if creating { t.create_conciergerie } else { t.save } }
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::conciergerie;

    async fn render(props: ConciergerieEditorProps) -> String {
        yew::LocalServerRenderer::<ConciergerieEditor>::with_props(props)
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn creation_asks_for_every_field_with_labels() {
        let html = render(ConciergerieEditorProps {
            existing: None,
            on_saved: Callback::noop(),
            on_cancel: Callback::noop(),
        })
        .await;
        for label in [
            "Nom de la conciergerie",
            "E-mail de connexion",
            "Mot de passe initial",
            "Numéro WhatsApp",
            "Messaging Service SID",
            "Mode de l'IA par défaut",
        ] {
            assert!(html.contains(label), "{label}: {html}");
        }
        assert!(html.contains("for=\"new-conciergerie-whatsapp-number\""));
        assert!(html.contains("placeholder=\"whatsapp:+33612345678\""));
        assert!(html.contains("Créer la conciergerie"));
    }

    #[tokio::test]
    async fn editing_is_prefilled_and_has_no_password() {
        let c = conciergerie(4, "Alpes Clés");
        let html = render(ConciergerieEditorProps {
            existing: Some(c),
            on_saved: Callback::noop(),
            on_cancel: Callback::noop(),
        })
        .await;
        assert!(html.contains("value=\"Alpes Clés\""), "{html}");
        assert!(html.contains("value=\"whatsapp:+33612345604\""));
        assert!(!html.contains("Mot de passe initial"));
        assert!(html.contains("Modifier «\u{a0}Alpes Clés\u{a0}»"), "{html}");
    }
}
