//! Feature requests: the operator proposes ideas and follows their status live.

use protocol::feature_requests::NewFeatureRequest;
use protocol::{FeatureRequestId, FeatureStatus, Priority};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, select_value, use_lang};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::clock::utc_offset_minutes;
use crate::format::long_date;
use crate::i18n::Localized;
use crate::state::features::{FeatureAction, FeatureBoard};

// The boards of both apps name statuses and priorities alike.
pub use ui::i18n::{priority_label, status_label};

#[derive(Properties, PartialEq)]
pub struct IdeasTabProps {
    pub board: UseReducerHandle<FeatureBoard>,
}

#[function_component]
pub fn IdeasTab(props: &IdeasTabProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let title = use_state(String::new);
    let description = use_state(String::new);
    let priority = use_state(|| Priority::Medium);
    let title_error = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let saving = use_state(|| false);
    let confirm = use_state(|| None::<FeatureRequestId>);

    {
        let board = props.board.dispatcher();
        let error = error.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::feature_requests().await {
                    Ok(list) => board.dispatch(FeatureAction::Loaded(list)),
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        });
    }

    let onsubmit = {
        let (title, description, priority) = (title.clone(), description.clone(), priority.clone());
        let (title_error, error, saving) = (title_error.clone(), error.clone(), saving.clone());
        let board = props.board.dispatcher();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if title.trim().is_empty() {
                title_error.set(Some(lang.t().field_required.to_owned()));
                return;
            }
            title_error.set(None);
            let body = NewFeatureRequest {
                title: title.trim().to_owned(),
                description: description.trim().to_owned(),
                priority: *priority,
            };
            let (title, description) = (title.clone(), description.clone());
            let (title_error, error, saving, board) = (
                title_error.clone(),
                error.clone(),
                saving.clone(),
                board.clone(),
            );
            saving.set(true);
            spawn_local(async move {
                match api::create_feature_request(&body).await {
                    Ok(fr) => {
                        board.dispatch(FeatureAction::Upsert(fr));
                        title.set(String::new());
                        description.set(String::new());
                        error.set(None);
                    }
                    Err(e) if e.field() == Some("title") => title_error.set(Some(e.message(lang))),
                    Err(e) => error.set(Some(e.message(lang))),
                }
                saving.set(false);
            });
        })
    };

    let delete = |id: FeatureRequestId| {
        let board = props.board.dispatcher();
        let (error, confirm) = (error.clone(), confirm.clone());
        Callback::from(move |_| {
            let (board, error, confirm) = (board.clone(), error.clone(), confirm.clone());
            spawn_local(async move {
                match api::delete_feature_request(id).await {
                    Ok(()) => {
                        board.dispatch(FeatureAction::Deleted(id));
                        confirm.set(None);
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        })
    };

    let list = if !props.board.loaded {
        if error.is_some() {
            Html::default()
        } else {
            html! { <p class="muted" aria-busy="true">{ t.loading }</p> }
        }
    } else if props.board.requests.is_empty() {
        html! { <div class="empty-card"><div class="empty-illustration">{ icon(Icon::Bulb) }</div><p>{ t.ideas_empty }</p></div> }
    } else {
        html! {
            <ul class="card-list">
                { for props.board.requests.iter().map(|fr| {
                    let date = long_date(fr.created_at, utc_offset_minutes(fr.created_at), lang);
                    let confirming = *confirm == Some(fr.id);
                    html! {
                        <li key={fr.id.0} class="card idea-card">
                            <div class="idea-head">
                                <h3>{ fr.title.clone() }</h3>
                                <span class={classes!("status-pill", format!("fs-{}", fr.status.as_str()))}>{ status_label(fr.status, lang) }</span>
                            </div>
                            if !fr.description.is_empty() { <p class="idea-desc">{ fr.description.clone() }</p> }
                            <div class="idea-meta">
                                <span class={classes!("prio", format!("prio-{}", fr.priority.as_str()))}>{ t.idea_priority }{ lang.pick("\u{a0}: ", ": ") }{ priority_label(fr.priority, lang) }</span>
                                <span class="muted small">{ lang.filed_on(&date) }</span>
                                if fr.status == FeatureStatus::Pending {
                                    <span class="card-actions">
                                        if confirming {
                                            <span class="confirm-text">{ t.confirm_delete }</span>
                                            <button type="button" class="btn btn-small btn-ghost"
                                                onclick={let c = confirm.clone(); Callback::from(move |_| c.set(None))}>{ t.cancel }</button>
                                            <button type="button" class="btn btn-small btn-danger" onclick={delete(fr.id)}>{ t.delete }</button>
                                        } else {
                                            <button type="button" class="btn-icon btn-danger-text" aria-label={format!("{}{}{}", t.delete, lang.pick("\u{a0}: ", ": "), fr.title)}
                                                title={t.delete}
                                                onclick={let c = confirm.clone(); let id = fr.id; Callback::from(move |_| c.set(Some(id)))}>
                                                { icon(Icon::Trash) }
                                            </button>
                                        }
                                    </span>
                                }
                            </div>
                        </li>
                    }
                }) }
            </ul>
        }
    };

    html! {
        <section class="page" aria-labelledby="ideas-title">
            <header class="page-header">
                <div>
                    <h1 id="ideas-title">{ t.ideas_title }</h1>
                    <p class="muted">{ t.ideas_intro }</p>
                </div>
            </header>
            <div class="ideas-layout">
                <form class="card idea-form" {onsubmit} novalidate=true aria-labelledby="idea-form-title">
                    <h2 id="idea-form-title">{ icon(Icon::Bulb) }{ t.idea_new }</h2>
                    if let Some(e) = &*error {
                        <p class="notice notice-error" role="alert">{ e.clone() }</p>
                    }
                    <div class="field">
                        <label class="field-label" for="idea-title">{ t.idea_title }</label>
                        <input id="idea-title" type="text" value={(*title).clone()} maxlength="200"
                            aria-invalid={title_error.is_some().to_string()}
                            aria-describedby={title_error.is_some().then_some("idea-title-error")}
                            oninput={let s = title.clone(); Callback::from(move |e: InputEvent| s.set(input_value(&e)))} />
                        if let Some(err) = &*title_error { <p class="field-error" id="idea-title-error">{ err.clone() }</p> }
                    </div>
                    <div class="field">
                        <label class="field-label" for="idea-desc">{ t.idea_description }</label>
                        <textarea id="idea-desc" rows="4" value={(*description).clone()}
                            oninput={let s = description.clone(); Callback::from(move |e: InputEvent| s.set(input_value(&e)))} />
                    </div>
                    <div class="field">
                        <label class="field-label" for="idea-prio">{ t.idea_priority }</label>
                        <select id="idea-prio"
                            onchange={let p = priority.clone(); Callback::from(move |e: Event| {
                                if let Ok(v) = select_value(&e).parse::<Priority>() { p.set(v) }
                            })}>
                            { for Priority::ALL.iter().map(|p| html! {
                                <option value={p.as_str()} selected={*p == *priority}>{ priority_label(*p, lang) }</option>
                            }) }
                        </select>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled={*saving}>
                            { if *saving { t.saving } else { t.idea_submit } }
                        </button>
                    </div>
                </form>
                <div class="ideas-list">{ list }</div>
            </div>
        </section>
    }
}
