//! Feature requests: the operator proposes ideas and follows their status live.

use protocol::{FeatureRequestId, FeatureStatus};
use ui::components::feature_form::FeatureForm;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::use_lang;
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
    let error = use_state(|| None::<String>);
    let confirm = use_state(|| None::<FeatureRequestId>);

    {
        let board = props.board.dispatcher();
        let error = error.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::FEATURE_REQUESTS.list().await {
                    Ok(list) => board.dispatch(FeatureAction::Loaded(list)),
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        });
    }

    let on_created = {
        let board = props.board.dispatcher();
        let error = error.clone();
        Callback::from(move |fr| {
            error.set(None);
            board.dispatch(FeatureAction::Upsert(fr));
        })
    };

    let delete = |id: FeatureRequestId| {
        let board = props.board.dispatcher();
        let (error, confirm) = (error.clone(), confirm.clone());
        Callback::from(move |_| {
            let (board, error, confirm) = (board.clone(), error.clone(), confirm.clone());
            spawn_local(async move {
                match api::FEATURE_REQUESTS.delete(id).await {
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
                            if !fr.description.is_empty() { <p class="fr-desc">{ fr.description.clone() }</p> }
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
                <div class="ideas-side">
                    if let Some(e) = &*error {
                        <p class="notice notice-error" role="alert">{ e.clone() }</p>
                    }
                    <FeatureForm board={api::FEATURE_REQUESTS} id_prefix="idea" submit={t.idea_submit}
                        class="idea-form" {on_created} />
                </div>
                <div class="ideas-list">{ list }</div>
            </div>
        </section>
    }
}
