//! Saved replies (« réponses types »): create, edit, delete. The composer inserts them with
//! `/shortcut`.

use std::rc::Rc;

use protocol::templates::{NewTemplate, Template, TemplatePatch};
use protocol::TemplateId;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::edit_form::{api_errors, EditForm, FormErrors};
use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::i18n::Lang;
use crate::i18n::Localized;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Editing {
    Nothing,
    New,
    Template(TemplateId),
}

/// `/Wifi ` → `Wifi`; `None` when it cannot be typed after a slash.
pub fn clean_shortcut(raw: &str) -> Option<String> {
    let s = raw.trim().trim_start_matches('/');
    let ok = !s.is_empty()
        && s.chars().count() <= 32
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    ok.then(|| s.to_owned())
}

pub fn validate(shortcut: &str, body: &str, lang: Lang) -> FormErrors {
    let t = lang.t();
    FormErrors {
        first: if shortcut.trim().trim_start_matches('/').is_empty() {
            Some(t.field_required.to_owned())
        } else if clean_shortcut(shortcut).is_none() {
            Some(t.shortcut_invalid.to_owned())
        } else {
            None
        },
        second: if body.trim().is_empty() {
            Some(t.field_required.to_owned())
        } else if body.chars().count() > 4000 {
            Some(t.too_long.to_owned())
        } else {
            None
        },
        general: None,
    }
}

#[derive(Properties, PartialEq)]
pub struct TemplatesEditorProps {
    pub templates: Rc<Vec<Template>>,
    pub on_change: Callback<Vec<Template>>,
}

#[function_component]
pub fn TemplatesEditor(props: &TemplatesEditorProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let editing = use_state(|| Editing::Nothing);
    let errors = use_state(FormErrors::default);
    let saving = use_state(|| false);
    let confirm = use_state(|| None::<TemplateId>);
    let load_error = use_state(|| None::<String>);

    {
        let on_change = props.on_change.clone();
        let load_error = load_error.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::templates().await {
                    Ok(list) => on_change.emit(list),
                    Err(e) => load_error.set(Some(e.message(lang))),
                }
            });
        });
    }

    let start = |what: Editing| {
        let (editing, errors, confirm) = (editing.clone(), errors.clone(), confirm.clone());
        Callback::from(move |_| {
            errors.set(FormErrors::default());
            confirm.set(None);
            editing.set(what);
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(Editing::Nothing))
    };
    let on_submit = {
        let (editing, errors, saving) = (editing.clone(), errors.clone(), saving.clone());
        let templates = props.templates.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |(shortcut, body): (String, String)| {
            let checked = validate(&shortcut, &body, lang);
            if !checked.is_empty() {
                errors.set(checked);
                return;
            }
            let shortcut = clean_shortcut(&shortcut).unwrap_or_default();
            let body = body.trim().to_owned();
            let (editing, errors, saving) = (editing.clone(), errors.clone(), saving.clone());
            let (templates, on_change) = (templates.clone(), on_change.clone());
            let target = *editing;
            saving.set(true);
            spawn_local(async move {
                let result = match target {
                    Editing::Template(id) => {
                        api::update_template(
                            id,
                            &TemplatePatch {
                                shortcut: Some(shortcut),
                                body: Some(body),
                            },
                        )
                        .await
                    }
                    _ => api::create_template(&NewTemplate { shortcut, body }).await,
                };
                saving.set(false);
                match result {
                    Ok(saved) => {
                        let mut list = (*templates).clone();
                        match list.iter_mut().find(|x| x.id == saved.id) {
                            Some(x) => *x = saved,
                            None => list.push(saved),
                        }
                        list.sort_by(|a, b| a.shortcut.cmp(&b.shortcut));
                        on_change.emit(list);
                        errors.set(FormErrors::default());
                        editing.set(Editing::Nothing);
                    }
                    Err(e) => errors.set(api_errors(&e, "shortcut", "body", lang)),
                }
            });
        })
    };
    let delete = |id: TemplateId| {
        let (confirm, errors) = (confirm.clone(), errors.clone());
        let templates = props.templates.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |_| {
            let (confirm, errors) = (confirm.clone(), errors.clone());
            let (templates, on_change) = (templates.clone(), on_change.clone());
            spawn_local(async move {
                match api::delete_template(id).await {
                    Ok(()) => {
                        on_change.emit(templates.iter().filter(|x| x.id != id).cloned().collect());
                        confirm.set(None);
                    }
                    Err(e) => errors.set(FormErrors {
                        general: Some(e.message(lang)),
                        ..Default::default()
                    }),
                }
            });
        })
    };
    let form = |id: String, shortcut: String, body: String, submit: &'static str| {
        html! {
            <EditForm {id} first_label={t.template_shortcut} first_prefix={Some("/")}
                first_value={shortcut} second_label={t.template_body} second_value={body}
                submit_label={submit} errors={(*errors).clone()} saving={*saving}
                on_submit={on_submit.clone()} on_cancel={cancel.clone()} />
        }
    };

    html! {
        <section class="settings-card card" aria-labelledby="templates-title">
            <header class="card-header">
                <div>
                    <h2 id="templates-title">{ icon(Icon::Bolt) }{ t.templates_title }</h2>
                    <p class="muted small">{ t.templates_intro }</p>
                </div>
                if *editing != Editing::New {
                    <button type="button" class="btn btn-primary btn-small" onclick={start(Editing::New)}>
                        { icon(Icon::Plus) }{ t.template_add }
                    </button>
                }
            </header>
            if let Some(e) = &*load_error {
                <p class="notice notice-error" role="alert">{ e.clone() }</p>
            }
            if *editing == Editing::New {
                { form("tpl-new".to_owned(), String::new(), String::new(), t.template_add) }
            } else if let Some(general) = errors.general.clone().filter(|_| *editing == Editing::Nothing) {
                <p class="notice notice-error" role="alert">{ general }</p>
            }
            if props.templates.is_empty() && *editing != Editing::New && load_error.is_none() {
                <p class="muted">{ t.templates_empty }</p>
            }
            <ul class="template-list">
                { for props.templates.iter().map(|tpl| {
                    if *editing == Editing::Template(tpl.id) {
                        return html! { <li key={tpl.id.0}>{ form(format!("tpl-{}", tpl.id), tpl.shortcut.clone(), tpl.body.clone(), t.save) }</li> };
                    }
                    let confirming = *confirm == Some(tpl.id);
                    html! {
                        <li key={tpl.id.0} class="template-row">
                            <code class="tpl-shortcut">{ format!("/{}", tpl.shortcut) }</code>
                            <p class="tpl-body">{ tpl.body.clone() }</p>
                            <div class="card-actions">
                                if confirming {
                                    <span class="confirm-text">{ t.confirm_delete }</span>
                                    <button type="button" class="btn btn-small btn-ghost"
                                        onclick={let c = confirm.clone(); Callback::from(move |_| c.set(None))}>{ t.cancel }</button>
                                    <button type="button" class="btn btn-small btn-danger" onclick={delete(tpl.id)}>{ t.delete }</button>
                                } else {
                                    <button type="button" class="btn-icon" aria-label={format!("{} /{}", t.edit, tpl.shortcut)}
                                        title={t.edit} onclick={start(Editing::Template(tpl.id))}>{ icon(Icon::Edit) }</button>
                                    <button type="button" class="btn-icon btn-danger-text" aria-label={format!("{} /{}", t.delete, tpl.shortcut)}
                                        title={t.delete}
                                        onclick={let c = confirm.clone(); let id = tpl.id; Callback::from(move |_| c.set(Some(id)))}>
                                        { icon(Icon::Trash) }
                                    </button>
                                }
                            </div>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_cleaned_and_checked() {
        assert_eq!(clean_shortcut(" /wifi "), Some("wifi".into()));
        assert_eq!(clean_shortcut("check-in_2"), Some("check-in_2".into()));
        assert_eq!(clean_shortcut("two words"), None);
        assert_eq!(clean_shortcut("/"), None);
        let e = validate("two words", "", Lang::Fr);
        assert!(e.first.is_some() && e.second.is_some());
        assert!(validate("/wifi", "Le code est 1234.", Lang::Fr).is_empty());
    }
}
