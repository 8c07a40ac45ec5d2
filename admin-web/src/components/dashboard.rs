//! The logged-in admin app: owns the shared state (conciergeries, the feature board, unrouted
//! messages), the WebSocket and the REST reloads after each (re)connection, and the current page;
//! lays out the navigation, banners and the page.

use protocol::events::ServerEvent;
use ui::location::use_hash_route;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::banners::Banners;
use super::conciergeries_page::ConciergeriesPage;
use super::features_page::FeaturesPage;
use super::health_page::HealthPage;
use super::hooks::{focus_id, use_lang, SessionCtx};
use super::nav::{page_label, Nav};
use super::unrouted_page::UnroutedPage;
use crate::api;
use crate::api::Explain;
use crate::i18n::Localized;
use crate::route::Page;
use crate::state::board::{Board, BoardAction};
use crate::state::conciergeries::{ConciergerieAction, ConciergerieList};
use crate::state::unrouted::{Unrouted, UnroutedAction};
use crate::ws::use_live;

/// Reload triggers, one per resource; bumping one refetches it. A reducer, so callbacks made
/// once (the WebSocket's) never bump a stale copy.
#[derive(Clone, Copy, PartialEq, Default)]
struct Reloads {
    conciergeries: u32,
    unrouted: u32,
}

enum Reload {
    All,
    Conciergeries,
    Unrouted,
}

impl Reducible for Reloads {
    type Action = Reload;

    fn reduce(self: std::rc::Rc<Self>, action: Reload) -> std::rc::Rc<Self> {
        let mut r = *self;
        if matches!(action, Reload::All | Reload::Conciergeries) {
            r.conciergeries = r.conciergeries.wrapping_add(1);
        }
        if matches!(action, Reload::All | Reload::Unrouted) {
            r.unrouted = r.unrouted.wrapping_add(1);
        }
        std::rc::Rc::new(r)
    }
}

#[function_component]
pub fn Dashboard() -> Html {
    let session = use_context::<SessionCtx>().expect("Dashboard needs a session");
    let lang = use_lang();
    let t = lang.t();
    // The page is kept in the URL's `#` (back button, reloads).
    let (page, navigate) = use_hash_route::<Page>();
    let conciergeries = use_reducer(ConciergerieList::default);
    let board = use_reducer(Board::default);
    let unrouted = use_reducer(Unrouted::default);
    let reloads = use_reducer(Reloads::default);
    let conciergeries_error = use_state(|| None::<String>);
    let board_error = use_state(|| None::<String>);
    let unrouted_error = use_state(|| None::<String>);
    // Read by screen readers when something arrives live.
    let live_note = use_state(String::new);

    // The tab's title follows the page; after a navigation the focus moves to the page's
    // heading, so a screen reader hears where it landed.
    {
        let title = page_label(*page, lang);
        let first = use_mut_ref(|| true);
        use_effect_with((*page, lang), move |_| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(&format!("{title} · Majordome admin"));
            }
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                focus_id("page-title");
            }
        });
    }

    // The live connection: feature requests, and a reload of everything after each (re)connect.
    let link = {
        let board = board.dispatcher();
        let reloads = reloads.dispatcher();
        let live_note = live_note.setter();
        let on_event = Callback::from(move |event: ServerEvent| match event {
            ServerEvent::Hello => {
                board.dispatch(BoardAction::Resync);
                reloads.dispatch(Reload::All);
            }
            ServerEvent::FeatureRequestUpdated { feature_request } => {
                if feature_request.conciergerie_id.is_some()
                    && feature_request.created_at == feature_request.updated_at
                {
                    live_note.set(lang.new_request_note(
                        feature_request.author.as_deref().unwrap_or("Majordome"),
                        &feature_request.title,
                    ));
                }
                board.dispatch(BoardAction::Upsert {
                    request: feature_request,
                    live: true,
                })
            }
            ServerEvent::FeatureRequestDeleted { id } => board.dispatch(BoardAction::Deleted(id)),
            _ => {}
        });
        use_live(api::LIVE, on_event)
    };

    // REST loads: at start, after each reconnection, and when a page asks.
    {
        let list = conciergeries.dispatcher();
        let error = conciergeries_error.clone();
        use_effect_with(reloads.conciergeries, move |_| {
            spawn_local(async move {
                match api::conciergeries().await {
                    Ok(items) => {
                        error.set(None);
                        list.dispatch(ConciergerieAction::Loaded(items));
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        });
    }
    {
        let b = board.dispatcher();
        let error = board_error.clone();
        use_effect_with(board.resync_seq, move |_| {
            spawn_local(async move {
                match api::FEATURE_REQUESTS.list().await {
                    Ok(list) => {
                        error.set(None);
                        b.dispatch(BoardAction::Loaded(list));
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        });
    }
    {
        let u = unrouted.dispatcher();
        let error = unrouted_error.clone();
        use_effect_with(reloads.unrouted, move |_| {
            spawn_local(async move {
                match api::unrouted().await {
                    Ok(list) => {
                        error.set(None);
                        u.dispatch(UnroutedAction::Loaded(list));
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        });
    }
    // Nothing pushes unrouted webhooks live: opening the page refreshes them.
    {
        let reloads = reloads.dispatcher();
        let first = use_mut_ref(|| true);
        use_effect_with(*page, move |p| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            if *p == Page::Unrouted && !first {
                reloads.dispatch(Reload::Unrouted);
            }
        });
    }

    let reload_conciergeries = {
        let reloads = reloads.dispatcher();
        Callback::from(move |_| reloads.dispatch(Reload::Conciergeries))
    };
    let reload_unrouted = {
        let reloads = reloads.dispatcher();
        Callback::from(move |_| reloads.dispatch(Reload::Unrouted))
    };
    let reload_board = {
        let board = board.dispatcher();
        Callback::from(move |_| board.dispatch(BoardAction::Resync))
    };

    let content = match *page {
        Page::Conciergeries => html! {
            <ConciergeriesPage list={conciergeries.clone()} error={(*conciergeries_error).clone()}
                on_reload={reload_conciergeries.clone()} />
        },
        Page::Features => html! {
            <FeaturesPage board={board.clone()} error={(*board_error).clone()} on_reload={reload_board} />
        },
        Page::Unrouted => html! {
            <UnroutedPage unrouted={unrouted.clone()} conciergeries={conciergeries.clone()}
                error={(*unrouted_error).clone()} on_reload={reload_unrouted}
                on_conciergeries_changed={reload_conciergeries} navigate={navigate.clone()} />
        },
        Page::Health => html! { <HealthPage navigate={navigate.clone()} /> },
    };

    let pending = board.stats().pending;
    html! {
        <div class="shell">
            <a class="skip-link" href="#main">{ t.skip_to_content }</a>
            <Nav page={*page} navigate={navigate.clone()} pending_requests={pending}
                unrouted={unrouted.messages.len()} />
            <div class="workspace">
                <Banners {link} runtime={session.me.runtime} />
                <main class="content" id="main" tabindex="-1">{ content }</main>
            </div>
            <div class="visually-hidden" aria-live="polite" role="status">{ (*live_note).clone() }</div>
        </div>
    }
}
