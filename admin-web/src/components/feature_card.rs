//! One feature request on the admin board: status and priority changed in place, text edited,
//! deleted after a confirmation; its author and dates shown.

use protocol::feature_requests::{FeatureRequest, FeatureRequestPatch};
use protocol::{FeatureStatus, Priority};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{focus_id, input_value, offset_now, select_value, use_lang, use_now};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::format::{ago, date, date_time};
use crate::i18n::Localized;
use crate::state::board::{Board, BoardAction};

// The boards of both apps name statuses and priorities alike.
pub use ui::i18n::{priority_label, status_label};

// The same limits as the form that files requests.
use ui::components::feature_form::{DESCRIPTION_MAX, TITLE_MAX};

#[derive(Properties, PartialEq)]
pub struct FeatureCardProps {
    pub request: FeatureRequest,
    /// Filed by someone else while the board was open.
    #[prop_or_default]
    pub fresh: bool,
    pub board: UseReducerDispatcher<Board>,
}

#[derive(Clone, PartialEq)]
enum Mode {
    View,
    Edit { title: String, description: String },
    ConfirmDelete,
}

#[function_component]
pub fn FeatureCard(props: &FeatureCardProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let now = use_now(60_000);
    let offset = offset_now();
    let mode = use_state(|| Mode::View);
    let error = use_state(|| None::<String>);
    let title_error = use_state(|| None::<String>);
    let saving = use_state(|| false);
    // Shown while a change is on its way, so the control does not jump back meanwhile.
    let pending_status = use_state(|| None::<FeatureStatus>);
    let pending_priority = use_state(|| None::<Priority>);
    let fr = &props.request;
    let id = fr.id;

    let send_patch = {
        let (error, board) = (error.clone(), props.board.clone());
        let (pending_status, pending_priority) = (pending_status.clone(), pending_priority.clone());
        // `after` hears whether the change went through.
        move |patch: FeatureRequestPatch, after: Option<Callback<bool>>| {
            let (error, board) = (error.clone(), board.clone());
            let (pending_status, pending_priority) =
                (pending_status.clone(), pending_priority.clone());
            spawn_local(async move {
                let result = api::FEATURE_REQUESTS.update(id, &patch).await;
                pending_status.set(None);
                pending_priority.set(None);
                let ok = result.is_ok();
                match result {
                    Ok(updated) => {
                        error.set(None);
                        board.dispatch(BoardAction::Upsert {
                            request: updated,
                            live: false,
                        });
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
                if let Some(after) = after {
                    after.emit(ok);
                }
            });
        }
    };

    let on_status = {
        let (send, pending) = (send_patch.clone(), pending_status.clone());
        let current = fr.status;
        Callback::from(move |e: Event| {
            if let Ok(status) = select_value(&e).parse::<FeatureStatus>() {
                if status != current {
                    pending.set(Some(status));
                    send(
                        FeatureRequestPatch {
                            status: Some(status),
                            ..Default::default()
                        },
                        None,
                    );
                }
            }
        })
    };
    let on_priority = {
        let (send, pending) = (send_patch.clone(), pending_priority.clone());
        let current = fr.priority;
        Callback::from(move |e: Event| {
            if let Ok(priority) = select_value(&e).parse::<Priority>() {
                if priority != current {
                    pending.set(Some(priority));
                    send(
                        FeatureRequestPatch {
                            priority: Some(priority),
                            ..Default::default()
                        },
                        None,
                    );
                }
            }
        })
    };

    let start_edit = {
        let (mode, error, title_error) = (mode.clone(), error.clone(), title_error.clone());
        let (title, description) = (fr.title.clone(), fr.description.clone());
        Callback::from(move |_| {
            error.set(None);
            title_error.set(None);
            mode.set(Mode::Edit {
                title: title.clone(),
                description: description.clone(),
            });
            focus_id(&format!("fr-{id}-title"));
        })
    };
    let back_to_view = {
        let mode = mode.clone();
        Callback::from(move |_| {
            mode.set(Mode::View);
            focus_id(&format!("fr-{id}"));
        })
    };

    let on_save = {
        let (mode, saving, title_error) = (mode.clone(), saving.clone(), title_error.clone());
        let send = send_patch.clone();
        let done = back_to_view.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Mode::Edit { title, description } = (*mode).clone() else {
                return;
            };
            if title.trim().is_empty() {
                title_error.set(Some(lang.t().field_required.to_owned()));
                focus_id(&format!("fr-{id}-title"));
                return;
            }
            if title.chars().count() > TITLE_MAX || description.chars().count() > DESCRIPTION_MAX {
                title_error.set(Some(lang.t().too_long.to_owned()));
                return;
            }
            title_error.set(None);
            saving.set(true);
            let saving_done = saving.clone();
            let done = done.clone();
            send(
                FeatureRequestPatch {
                    title: Some(title.trim().to_owned()),
                    description: Some(description.trim().to_owned()),
                    ..Default::default()
                },
                Some(Callback::from(move |ok: bool| {
                    // On failure the form stays open, with the error, to be submitted again.
                    saving_done.set(false);
                    if ok {
                        done.emit(());
                    }
                })),
            );
        })
    };

    let on_delete = {
        let (error, board, saving) = (error.clone(), props.board.clone(), saving.clone());
        Callback::from(move |_| {
            let (error, board, saving) = (error.clone(), board.clone(), saving.clone());
            saving.set(true);
            spawn_local(async move {
                match api::FEATURE_REQUESTS.delete(id).await {
                    Ok(()) => board.dispatch(BoardAction::Deleted(id)),
                    Err(e) => {
                        saving.set(false);
                        error.set(Some(e.message(lang)));
                    }
                }
            });
        })
    };

    let status = pending_status.unwrap_or(fr.status);
    let priority = pending_priority.unwrap_or(fr.priority);
    let author = fr
        .author
        .clone()
        .unwrap_or_else(|| t.unknown_author.to_owned());
    let by_admin = fr.conciergerie_id.is_none();
    let status_id = format!("fr-{id}-status");
    let priority_id = format!("fr-{id}-priority");

    let body = match &*mode {
        Mode::Edit { title, description } => {
            let set_title = {
                let mode = mode.clone();
                let description = description.clone();
                Callback::from(move |e: InputEvent| {
                    mode.set(Mode::Edit {
                        title: input_value(&e),
                        description: description.clone(),
                    })
                })
            };
            let set_description = {
                let mode = mode.clone();
                let title = title.clone();
                Callback::from(move |e: InputEvent| {
                    mode.set(Mode::Edit {
                        title: title.clone(),
                        description: input_value(&e),
                    })
                })
            };
            let onkeydown = {
                let back = back_to_view.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Escape" {
                        back.emit(());
                    }
                })
            };
            html! {
                <form class="fr-edit" onsubmit={on_save} {onkeydown} novalidate=true>
                    <div class="field">
                        <label class="field-label" for={format!("fr-{id}-title")}>{ lang.ui().fr_title }</label>
                        <input id={format!("fr-{id}-title")} type="text" value={title.clone()} maxlength="200"
                            aria-invalid={title_error.is_some().to_string()}
                            aria-describedby={title_error.is_some().then(|| format!("fr-{id}-title-error"))}
                            oninput={set_title} />
                        if let Some(err) = &*title_error {
                            <p class="field-error" id={format!("fr-{id}-title-error")}>{ icon(Icon::Alert) }{ err.clone() }</p>
                        }
                    </div>
                    <div class="field">
                        <label class="field-label" for={format!("fr-{id}-description")}>{ lang.ui().fr_description }</label>
                        <textarea id={format!("fr-{id}-description")} rows="4" value={description.clone()} oninput={set_description} />
                    </div>
                    <div class="form-actions">
                        <button type="button" class="btn btn-ghost" onclick={back_to_view.reform(|_: MouseEvent| ())}>{ t.cancel }</button>
                        <button type="submit" class="btn btn-primary" disabled={*saving}>{ if *saving { t.saving } else { t.save } }</button>
                    </div>
                </form>
            }
        }
        _ => html! {
            <>
                <div class="fr-head">
                    <h3>{ fr.title.clone() }</h3>
                    if props.fresh { <span class="status-pill st-new">{ t.new_badge }</span> }
                    <span class={classes!("prio-badge", format!("prio-{}", fr.priority.as_str()))}>
                        { priority_label(fr.priority, lang) }
                    </span>
                </div>
                if !fr.description.is_empty() { <p class="fr-desc">{ fr.description.clone() }</p> }
                <p class="fr-meta">
                    <span class={classes!("fr-author", by_admin.then_some("by-admin"))}>
                        { icon(if by_admin { Icon::Shield } else { Icon::Building }) }{ author }
                    </span>
                    <span title={date_time(fr.created_at, offset, lang)}>{ lang.filed_on(&date(fr.created_at, offset, lang)) }</span>
                    if fr.updated_at > fr.created_at + chrono::Duration::seconds(1) {
                        <span title={date_time(fr.updated_at, offset, lang)}>{ lang.updated_ago(&ago(fr.updated_at, now, offset, lang)) }</span>
                    }
                </p>
            </>
        },
    };

    let controls = match &*mode {
        Mode::Edit { .. } => Html::default(),
        Mode::ConfirmDelete => html! {
            <div class="fr-controls fr-confirm" role="group" aria-label={t.confirm_delete}>
                <span class="confirm-text">{ t.confirm_delete }</span>
                <button type="button" class="btn btn-small btn-ghost"
                    onclick={let m = mode.clone(); Callback::from(move |_| m.set(Mode::View))}>{ t.cancel }</button>
                <button type="button" id={format!("fr-{id}-delete")} class="btn btn-small btn-danger"
                    disabled={*saving} onclick={on_delete}>{ icon(Icon::Trash) }{ t.delete }</button>
            </div>
        },
        Mode::View => html! {
            <div class="fr-controls">
                <label class="inline-field" for={status_id.clone()}>
                    <span class="inline-label">{ t.idea_status }</span>
                    <select id={status_id} class={classes!("select-status", format!("fs-{}", status.as_str()))} onchange={on_status}>
                        { for FeatureStatus::ALL.iter().map(|s| html! {
                            <option value={s.as_str()} selected={*s == status}>{ status_label(*s, lang) }</option>
                        }) }
                    </select>
                </label>
                <label class="inline-field" for={priority_id.clone()}>
                    <span class="inline-label">{ t.idea_priority }</span>
                    <select id={priority_id} class="select-priority" onchange={on_priority}>
                        { for Priority::ALL.iter().map(|p| html! {
                            <option value={p.as_str()} selected={*p == priority}>{ priority_label(*p, lang) }</option>
                        }) }
                    </select>
                </label>
                <span class="fr-actions">
                    <button type="button" class="btn btn-small btn-ghost" onclick={start_edit}
                        aria-label={lang.action_on(t.edit, &fr.title)}>{ icon(Icon::Edit) }<span class="action-label">{ t.edit }</span></button>
                    <button type="button" class="btn btn-small btn-ghost btn-danger-text"
                        aria-label={lang.action_on(t.delete, &fr.title)}
                        onclick={let m = mode.clone(); Callback::from(move |_| {
                            m.set(Mode::ConfirmDelete);
                            focus_id(&format!("fr-{id}-delete"));
                        })}>{ icon(Icon::Trash) }<span class="action-label">{ t.delete }</span></button>
                </span>
            </div>
        },
    };

    html! {
        <li class={classes!("card", "fr-card", format!("fr-{}", fr.status.as_str()), props.fresh.then_some("fresh"))}
            id={format!("fr-{id}")} tabindex="-1">
            { body }
            if let Some(e) = &*error {
                <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p>
            }
            { controls }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::t as at;
    use protocol::{ConciergerieId, FeatureRequestId};

    #[function_component]
    fn Harness(props: &HarnessProps) -> Html {
        let board = use_reducer(Board::default);
        html! { <FeatureCard request={props.request.clone()} fresh={props.fresh} board={board.dispatcher()} /> }
    }

    #[derive(Properties, PartialEq)]
    struct HarnessProps {
        request: FeatureRequest,
        fresh: bool,
    }

    fn request() -> FeatureRequest {
        FeatureRequest {
            id: FeatureRequestId(7),
            conciergerie_id: Some(ConciergerieId(1)),
            author: Some("Conciergerie Démo".into()),
            title: "Export PDF".into(),
            description: "Pour les propriétaires.".into(),
            status: FeatureStatus::InProgress,
            priority: Priority::High,
            created_at: at(0),
            updated_at: at(90),
        }
    }

    #[tokio::test]
    async fn shows_author_dates_and_inline_controls() {
        let html = yew::LocalServerRenderer::<Harness>::with_props(HarnessProps {
            request: request(),
            fresh: true,
        })
        .hydratable(false)
        .render()
        .await;
        assert!(html.contains("Export PDF"), "{html}");
        assert!(html.contains("Conciergerie Démo"));
        assert!(html.contains("Proposée le 10 mars 2025"), "{html}");
        assert!(html.contains("Modifiée"), "{html}");
        assert!(
            html.contains("<option value=\"in_progress\" selected"),
            "{html}"
        );
        assert!(html.contains("<option value=\"high\" selected"), "{html}");
        assert!(html.contains("Nouveau"), "fresh badge: {html}");
        assert!(
            html.contains("aria-label=\"Supprimer\u{a0}: Export PDF\""),
            "{html}"
        );
    }
}
