//! The FAQ the AI answers from: search, add, edit, delete. Changes apply to the next AI reply.

use protocol::faqs::{Faq, FaqPatch, NewFaq};
use protocol::FaqId;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::edit_form::{api_errors, EditForm, FormErrors};
use super::faq_translations::FaqTranslations;
use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::format::fold;
use crate::i18n::Lang;
use crate::i18n::Localized;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Editing {
    Nothing,
    New,
    Faq(FaqId),
}

const QUESTION_MAX: usize = 500;
const ANSWER_MAX: usize = 4000;

/// Client-side checks, so the obvious mistakes are caught before a round trip.
pub fn validate(question: &str, answer: &str, lang: Lang) -> FormErrors {
    let t = lang.t();
    let check = |v: &str, max: usize| {
        if v.trim().is_empty() {
            Some(t.field_required.to_owned())
        } else if v.chars().count() > max {
            Some(t.too_long.to_owned())
        } else {
            None
        }
    };
    FormErrors {
        first: check(question, QUESTION_MAX),
        second: check(answer, ANSWER_MAX),
        general: None,
    }
}

#[derive(Properties, PartialEq)]
pub struct FaqTabProps {
    /// Claude is configured: answers can be translated in one click.
    #[prop_or_default]
    pub claude: bool,
}

#[function_component]
pub fn FaqTab(props: &FaqTabProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let faqs = use_state(|| None::<Result<Vec<Faq>, String>>);
    let editing = use_state(|| Editing::Nothing);
    let errors = use_state(FormErrors::default);
    let saving = use_state(|| false);
    let confirm = use_state(|| None::<FaqId>);
    let query = use_state(String::new);
    let reload = use_state(|| 0u32);

    {
        let faqs = faqs.clone();
        use_effect_with(*reload, move |_| {
            spawn_local(async move {
                faqs.set(Some(api::faqs().await.map_err(|e| e.message(lang))));
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
        let (faqs, editing, errors, saving) = (
            faqs.clone(),
            editing.clone(),
            errors.clone(),
            saving.clone(),
        );
        Callback::from(move |(question, answer): (String, String)| {
            let checked = validate(&question, &answer, lang);
            if !checked.is_empty() {
                errors.set(checked);
                return;
            }
            let (faqs, editing, errors, saving) = (
                faqs.clone(),
                editing.clone(),
                errors.clone(),
                saving.clone(),
            );
            let target = *editing;
            saving.set(true);
            spawn_local(async move {
                let (question, answer) = (question.trim().to_owned(), answer.trim().to_owned());
                let result = match target {
                    Editing::Faq(id) => {
                        api::update_faq(
                            id,
                            &FaqPatch {
                                question: Some(question),
                                answer: Some(answer),
                                ..Default::default()
                            },
                        )
                        .await
                    }
                    _ => {
                        api::create_faq(&NewFaq {
                            question,
                            answer,
                            ..Default::default()
                        })
                        .await
                    }
                };
                saving.set(false);
                match result {
                    Ok(saved) => {
                        let mut list = match &*faqs {
                            Some(Ok(list)) => list.clone(),
                            _ => Vec::new(),
                        };
                        match list.iter_mut().find(|f| f.id == saved.id) {
                            Some(f) => *f = saved,
                            None => list.insert(0, saved),
                        }
                        faqs.set(Some(Ok(list)));
                        errors.set(FormErrors::default());
                        editing.set(Editing::Nothing);
                    }
                    Err(e) => errors.set(api_errors(&e, "question", "answer", lang)),
                }
            });
        })
    };

    let delete = |id: FaqId| {
        let (faqs, confirm, errors) = (faqs.clone(), confirm.clone(), errors.clone());
        Callback::from(move |_| {
            let (faqs, confirm, errors) = (faqs.clone(), confirm.clone(), errors.clone());
            spawn_local(async move {
                match api::delete_faq(id).await {
                    Ok(()) => {
                        if let Some(Ok(list)) = &*faqs {
                            faqs.set(Some(Ok(list
                                .iter()
                                .filter(|f| f.id != id)
                                .cloned()
                                .collect())));
                        }
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

    let on_saved = {
        let faqs = faqs.clone();
        Callback::from(move |saved: Faq| {
            if let Some(Ok(list)) = &*faqs {
                let list = list
                    .iter()
                    .map(|f| {
                        if f.id == saved.id {
                            saved.clone()
                        } else {
                            f.clone()
                        }
                    })
                    .collect();
                faqs.set(Some(Ok(list)));
            }
        })
    };

    let form = |id: String, q: String, a: String, submit: &'static str| {
        html! {
            <EditForm {id} first_label={t.faq_question} first_hint={Some(t.faq_question_hint)}
                first_value={q} second_label={t.faq_answer} second_value={a}
                submit_label={submit} errors={(*errors).clone()} saving={*saving}
                on_submit={on_submit.clone()} on_cancel={cancel.clone()} />
        }
    };

    let list = match &*faqs {
        None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        Some(Err(e)) => html! {
            <div class="notice notice-error" role="alert">
                { icon(Icon::Alert) }<span>{ e.clone() }</span>
                <button type="button" class="btn btn-small btn-outline"
                    onclick={let r = reload.clone(); Callback::from(move |_| r.set(*r + 1))}>{ t.retry }</button>
            </div>
        },
        Some(Ok(list)) if list.is_empty() && *editing != Editing::New => html! {
            <div class="empty-card">
                <div class="empty-illustration">{ icon(Icon::Faq) }</div>
                <p>{ t.faq_empty }</p>
            </div>
        },
        Some(Ok(list)) => {
            let q = fold(query.trim());
            let shown: Vec<&Faq> = list
                .iter()
                .filter(|f| {
                    q.is_empty() || fold(&f.question).contains(&q) || fold(&f.answer).contains(&q)
                })
                .collect();
            html! {
                <ul class="card-list">
                    { for shown.into_iter().map(|f| {
                        if *editing == Editing::Faq(f.id) {
                            return html! { <li key={f.id.0}>{ form(format!("faq-{}", f.id), f.question.clone(), f.answer.clone(), t.save) }</li> };
                        }
                        let confirming = *confirm == Some(f.id);
                        html! {
                            <li key={f.id.0} class="card faq-card" data-testid="faq-card" data-faq-id={f.id.to_string()}>
                                <h3>{ f.question.clone() }</h3>
                                <p class="faq-answer">{ f.answer.clone() }</p>
                                <FaqTranslations key={format!("{}-{}", f.id, f.updated_at)} faq={f.clone()}
                                    claude={props.claude} on_saved={on_saved.clone()} />
                                <div class="card-actions">
                                    if confirming {
                                        <span class="confirm-text">{ t.confirm_delete }</span>
                                        <button type="button" class="btn btn-small btn-ghost"
                                            onclick={let c = confirm.clone(); Callback::from(move |_| c.set(None))}>{ t.cancel }</button>
                                        <button type="button" class="btn btn-small btn-danger" data-testid="faq-delete-confirm" onclick={delete(f.id)}>
                                            { icon(Icon::Trash) }{ t.delete }
                                        </button>
                                    } else {
                                        <button type="button" class="btn btn-small btn-ghost" data-testid="faq-edit" onclick={start(Editing::Faq(f.id))}>
                                            { icon(Icon::Edit) }{ t.edit }
                                        </button>
                                        <button type="button" class="btn btn-small btn-ghost btn-danger-text" data-testid="faq-delete"
                                            onclick={let c = confirm.clone(); let id = f.id; Callback::from(move |_| c.set(Some(id)))}>
                                            { icon(Icon::Trash) }{ t.delete }
                                        </button>
                                    }
                                </div>
                            </li>
                        }
                    }) }
                </ul>
            }
        }
    };

    let count = match &*faqs {
        Some(Ok(list)) => Some(list.len()),
        _ => None,
    };
    html! {
        <section class="page" aria-labelledby="faq-title">
            <header class="page-header">
                <div>
                    <h1 id="faq-title">{ t.faq_title }
                        if let Some(n) = count { <span class="count-pill">{ n }</span> }
                    </h1>
                    <p class="muted">{ t.faq_intro }</p>
                </div>
                if *editing != Editing::New {
                    <button type="button" id="faq-add" class="btn btn-primary" onclick={start(Editing::New)}>
                        { icon(Icon::Plus) }{ t.faq_add }
                    </button>
                }
            </header>
            if *editing == Editing::New {
                { form("faq-new".to_owned(), String::new(), String::new(), t.faq_add) }
            } else if let Some(general) = errors.general.clone().filter(|_| *editing == Editing::Nothing) {
                <p class="notice notice-error" role="alert">{ general }</p>
            }
            if count.is_some_and(|n| n > 3) {
                <div class="search search-page">
                    { icon(Icon::Search) }
                    <input type="search" aria-label={t.faq_search} placeholder={t.faq_search}
                        value={(*query).clone()}
                        oninput={let q = query.clone(); Callback::from(move |e: InputEvent| q.set(input_value(&e)))} />
                </div>
            }
            { list }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_catches_empty_and_long_fields() {
        let e = validate("  ", "ok", Lang::Fr);
        assert_eq!(e.first.as_deref(), Some("Ce champ est obligatoire."));
        assert!(e.second.is_none());
        let e = validate("ok", &"x".repeat(ANSWER_MAX + 1), Lang::En);
        assert_eq!(e.second.as_deref(), Some("This text is too long."));
        assert!(validate("Wi-Fi ?", "Sur le frigo.", Lang::Fr).is_empty());
    }
}
