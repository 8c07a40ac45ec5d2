//! The feature-request board across every conciergerie: stat cards (which double as status
//! filters), filters by status, priority and text, a form to file one, and the live list.

use protocol::feature_requests::FeatureRequest;
use protocol::{FeatureStatus, Priority};
use ui::components::feature_form::FeatureForm;
use yew::prelude::*;

use super::feature_card::{priority_label, status_label, FeatureCard};
use super::hooks::{focus_id, input_value, select_value, use_lang};
use super::icons::{icon, Icon};
use crate::api;
use crate::i18n::Localized;
use crate::state::board::{Board, BoardAction, BoardFilter};

#[derive(Properties, PartialEq)]
pub struct FeaturesPageProps {
    pub board: UseReducerHandle<Board>,
    #[prop_or_default]
    pub error: Option<String>,
    pub on_reload: Callback<()>,
}

#[function_component]
pub fn FeaturesPage(props: &FeaturesPageProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let filter = use_state(BoardFilter::default);
    let creating = use_state(|| false);

    let board = &props.board;
    let stats = board.stats();

    let set_status = |status: Option<FeatureStatus>| {
        let filter = filter.clone();
        Callback::from(move |_| {
            filter.set(BoardFilter {
                status,
                ..(*filter).clone()
            })
        })
    };
    let stat =
        |label: &'static str, value: u64, status: Option<FeatureStatus>, class: &'static str| {
            let pressed = filter.status == status;
            html! {
                <button type="button" class={classes!("stat", class, pressed.then_some("active"))}
                    aria-pressed={pressed.to_string()} onclick={set_status(status)}>
                    <span class="stat-value">{ value }</span>
                    <span class="stat-label">{ label }</span>
                </button>
            }
        };

    let open_form = {
        let creating = creating.clone();
        Callback::from(move |_| {
            creating.set(true);
            focus_id("new-fr-title");
        })
    };
    let close_form = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(false))
    };

    let on_created = {
        let (creating, board) = (creating.clone(), board.dispatcher());
        Callback::from(move |fr: FeatureRequest| {
            let id = fr.id;
            board.dispatch(BoardAction::Upsert {
                request: fr,
                live: false,
            });
            creating.set(false);
            focus_id(&format!("fr-{id}"));
        })
    };
    let form = (*creating).then(|| {
        html! {
            <FeatureForm board={api::FEATURE_REQUESTS} id_prefix="new-fr" submit={t.idea_submit}
                class="editor fr-new" help={t.idea_new_help} {on_created} on_cancel={close_form.clone()} />
        }
    });

    let filters = {
        let on_status = {
            let filter = filter.clone();
            Callback::from(move |e: Event| {
                filter.set(BoardFilter {
                    status: select_value(&e).parse().ok(),
                    ..(*filter).clone()
                })
            })
        };
        let on_priority = {
            let filter = filter.clone();
            Callback::from(move |e: Event| {
                filter.set(BoardFilter {
                    priority: select_value(&e).parse().ok(),
                    ..(*filter).clone()
                })
            })
        };
        let on_query = {
            let filter = filter.clone();
            Callback::from(move |e: InputEvent| {
                filter.set(BoardFilter {
                    query: input_value(&e),
                    ..(*filter).clone()
                })
            })
        };
        html! {
            <div class="toolbar filters-bar" role="search" aria-label={t.filters_label}>
                <div class="search">
                    { icon(Icon::Search) }
                    <input type="search" aria-label={t.search_requests} placeholder={t.search_requests}
                        value={filter.query.clone()} oninput={on_query} />
                </div>
                <label class="inline-field">
                    <span class="inline-label">{ t.idea_status }</span>
                    <select onchange={on_status} aria-label={t.filter_status}>
                        <option value="" selected={filter.status.is_none()}>{ t.all_statuses }</option>
                        { for FeatureStatus::ALL.iter().map(|s| html! {
                            <option value={s.as_str()} selected={filter.status == Some(*s)}>{ status_label(*s, lang) }</option>
                        }) }
                    </select>
                </label>
                <label class="inline-field">
                    <span class="inline-label">{ t.idea_priority }</span>
                    <select onchange={on_priority} aria-label={t.filter_priority}>
                        <option value="" selected={filter.priority.is_none()}>{ t.all_priorities }</option>
                        { for Priority::ALL.iter().map(|p| html! {
                            <option value={p.as_str()} selected={filter.priority == Some(*p)}>{ priority_label(*p, lang) }</option>
                        }) }
                    </select>
                </label>
                if filter.is_active() {
                    <button type="button" class="btn btn-small btn-ghost"
                        onclick={let f = filter.clone(); Callback::from(move |_| f.set(BoardFilter::default()))}>
                        { icon(Icon::Close) }{ t.clear_filters }
                    </button>
                }
            </div>
        }
    };

    let list = if !board.loaded {
        match &props.error {
            Some(e) => html! {
                <div class="notice notice-error" role="alert">
                    { icon(Icon::Alert) }<span>{ e.clone() }</span>
                    <button type="button" class="btn btn-small btn-outline"
                        onclick={let r = props.on_reload.clone(); Callback::from(move |_| r.emit(()))}>{ t.retry }</button>
                </div>
            },
            None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        }
    } else if board.requests.is_empty() {
        html! {
            <div class="empty-card">
                <div class="empty-illustration">{ icon(Icon::Bulb) }</div>
                <p>{ t.requests_empty }</p>
            </div>
        }
    } else {
        let shown = board.visible(&filter);
        html! {
            <>
                <p class="muted small list-count" aria-live="polite">{ lang.requests_shown(shown.len(), board.requests.len()) }</p>
                if shown.is_empty() {
                    <p class="empty-line">{ t.no_request_match }</p>
                } else {
                    <ul class="card-list fr-list">
                        { for shown.into_iter().map(|fr| html! {
                            <FeatureCard key={fr.id.0} request={fr.clone()} fresh={board.fresh.contains(&fr.id)}
                                board={board.dispatcher()} />
                        }) }
                    </ul>
                }
            </>
        }
    };

    html! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <div>
                    <h1 id="page-title" tabindex="-1">{ t.features_title }</h1>
                    <p class="muted">{ t.features_intro }</p>
                </div>
                <div class="header-actions">
                    if !*creating {
                        <button type="button" class="btn btn-primary" onclick={open_form}>
                            { icon(Icon::Plus) }{ lang.ui().fr_new }
                        </button>
                    }
                </div>
            </header>
            <div class="stats" role="group" aria-label={t.stats_label}>
                { stat(t.stat_total, stats.total, None, "stat-total") }
                { stat(t.stat_pending, stats.pending, Some(FeatureStatus::Pending), "stat-pending") }
                { stat(t.stat_in_progress, stats.in_progress, Some(FeatureStatus::InProgress), "stat-in_progress") }
                { stat(t.stat_completed, stats.completed, Some(FeatureStatus::Completed), "stat-completed") }
                { stat(t.stat_rejected, stats.rejected, Some(FeatureStatus::Rejected), "stat-rejected") }
            </div>
            { form }
            if board.loaded {
                if let Some(e) = &props.error {
                    <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p>
                }
            }
            { filters }
            { list }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::t;
    use protocol::feature_requests::FeatureRequest;
    use protocol::{ConciergerieId, FeatureRequestId};

    fn fr(id: i64, status: FeatureStatus, author: &str) -> FeatureRequest {
        FeatureRequest {
            id: FeatureRequestId(id),
            conciergerie_id: Some(ConciergerieId(1)),
            author: Some(author.into()),
            title: format!("Idée numéro {id}"),
            description: String::new(),
            status,
            priority: Priority::Medium,
            created_at: t(id),
            updated_at: t(id),
        }
    }

    #[function_component]
    fn Harness() -> Html {
        let board = use_reducer(|| {
            let mut b = Board::default();
            b.apply(BoardAction::Loaded(vec![
                fr(1, FeatureStatus::Pending, "Conciergerie Démo"),
                fr(2, FeatureStatus::Completed, "Alpes Clés"),
                fr(3, FeatureStatus::Pending, "Alpes Clés"),
            ]));
            b
        });
        html! { <FeaturesPage {board} on_reload={Callback::noop()} /> }
    }

    #[tokio::test]
    async fn stat_cards_count_by_status_and_every_request_is_listed() {
        let html = yew::LocalServerRenderer::<Harness>::new()
            .hydratable(false)
            .render()
            .await;
        let stat = |value: u64, label: &str| {
            format!("<span class=\"stat-value\">{value}</span><span class=\"stat-label\">{label}</span>")
        };
        assert!(html.contains(&stat(3, "Total")), "{html}");
        assert!(html.contains(&stat(2, "En attente")), "{html}");
        assert!(html.contains(&stat(1, "Terminées")), "{html}");
        assert!(html.contains(&stat(0, "Refusées")), "{html}");
        assert_eq!(html.matches("class=\"card fr-card").count(), 3, "{html}");
        assert!(html.contains("Alpes Clés"));
        assert!(html.contains("3 demandes"), "{html}");
        assert!(html.contains("Toutes les priorités"));
    }
}
