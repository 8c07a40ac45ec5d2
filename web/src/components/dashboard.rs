//! The logged-in dashboard: owns the live state (inbox, simulator phone, feature board), the
//! WebSocket, the REST resyncs, and the route; lays out the navigation, banners and tabs.

use crate::notify;
use crate::state::notify::{alert_for, title, unread_total, Seen};
use std::rc::Rc;

use protocol::conversations::Message;
use protocol::events::ServerEvent;
use protocol::labels::Label;
use protocol::members::Member;
use protocol::templates::Template;
use protocol::{AiEngine, ChannelMode, ConversationId, MessageId, Sender};
use ui::location::use_hash_route;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::analytics_tab::AnalyticsTab;
use super::banners::Banners;
use super::chat_window::ChatWindow;
use super::conversation_item::display_name;
use super::conversation_list::ConversationList;
use super::faq_tab::FaqTab;
use super::hooks::{use_lang, SessionCtx};
use super::icons::{icon, Icon};
use super::ideas_tab::IdeasTab;
use super::nav::Nav;
use super::paging;
use super::properties_tab::PropertiesTab;
use super::settings_tab::SettingsTab;
use super::simulator_panel::SimulatorPanel;
use super::stays_tab::StaysTab;
use super::team_header::TeamCtx;
use crate::api;
use crate::api::Explain;
use crate::i18n::Localized;
use crate::route::{Route, Tab};
use crate::state::drafts::{Draft, Drafts};
use crate::state::features::{FeatureAction, FeatureBoard};
use crate::state::simulator::{SimulatorAction, SimulatorState};
use crate::state::team::{Heard, PresenceBoard};
use crate::state::{InboxAction, InboxState};
use crate::ws::use_live;

/// Two panes fit side by side, and the simulator next to them.
fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .is_some_and(|w| w >= 1400.0)
}

fn page_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| !d.hidden())
}

#[function_component]
pub fn Dashboard() -> Html {
    let session = use_context::<SessionCtx>().expect("Dashboard needs a session");
    let lang = use_lang();
    let inbox = use_reducer(InboxState::default);
    let sim = use_reducer(SimulatorState::default);
    let board = use_reducer(FeatureBoard::default);
    // The screen is kept in the URL's `#` (back button, reloads, a notification's click).
    let (route, navigate) = use_hash_route::<Route>();
    let templates = use_state(|| Rc::new(Vec::<Template>::new()));
    let labels = use_state(|| Rc::new(Vec::<Label>::new()));
    // A history search hit being opened: the chat scrolls to (and loads back to) this message.
    let focus = use_state(|| None::<(ConversationId, MessageId)>);
    // The team (assignee picker, names) and colleagues' live presence.
    let members = use_state(|| Rc::new(Vec::<Member>::new()));
    let presence = use_reducer(PresenceBoard::default);
    let runtime = session.me.runtime;
    let simulator_mode = runtime.channel == ChannelMode::Simulator;
    let sim_open = use_state(|| simulator_mode && wide_screen());
    let list_error = use_state(|| None::<String>);
    let thread_error = use_state(|| None::<(ConversationId, String)>);
    // Unsent replies, per conversation, kept while the operator switches between them.
    let drafts = Drafts::of(session.me.conciergerie.id);
    // The conversation the inbox had open, so coming back to the inbox tab reopens it.
    let last_open = use_mut_ref(|| None::<ConversationId>);
    // The open conversation, readable from the WebSocket callback without re-subscribing.
    let open_ref = use_mut_ref(|| None::<ConversationId>);
    // The inbox as last rendered, for the same callback (a notification names the contact).
    let inbox_now = use_mut_ref(|| inbox.clone());
    *inbox_now.borrow_mut() = inbox.clone();

    // The live connection.
    let link = {
        let inbox = inbox.dispatcher();
        let sim = sim.dispatcher();
        let board = board.dispatcher();
        let presence = presence.dispatcher();
        let open_ref = open_ref.clone();
        let inbox_now = inbox_now.clone();
        let account = session.me.member.email.clone();
        let on_event = Callback::from(move |event: ServerEvent| match event {
            ServerEvent::Hello => inbox.dispatch(InboxAction::Resync),
            ServerEvent::PresenceUpdated {
                conversation_id,
                member,
                activity,
            } => presence.dispatch(Heard {
                conversation_id,
                member,
                activity,
                now_ms: crate::clock::now().timestamp_millis(),
            }),
            ServerEvent::FeatureRequestUpdated { feature_request } => {
                board.dispatch(FeatureAction::Upsert(feature_request))
            }
            ServerEvent::FeatureRequestDeleted { id } => board.dispatch(FeatureAction::Deleted(id)),
            ServerEvent::SimulatorReply { to, body, media } => {
                sim.dispatch(SimulatorAction::Reply {
                    to,
                    body,
                    media,
                    at: crate::clock::now(),
                })
            }
            event => {
                let seen = Seen {
                    tab_hidden: !page_visible(),
                    open: *open_ref.borrow(),
                };
                let contact = |id| {
                    let inbox = inbox_now.borrow();
                    inbox.conversation(id).map(display_name)
                };
                if let Some(alert) = alert_for(&event, seen, contact, lang) {
                    let prefs = notify::load(&account);
                    if prefs.any() {
                        notify::deliver(&alert, prefs);
                    }
                }
                if let ServerEvent::MessageCreated { message } = &event {
                    let open = *open_ref.borrow();
                    if message.sender == Sender::Client
                        && open == Some(message.conversation_id)
                        && page_visible()
                    {
                        let id = message.conversation_id;
                        spawn_local(async move {
                            let _ = api::mark_read(id).await;
                        });
                    }
                }
                inbox.dispatch(InboxAction::Event(event))
            }
        });
        use_live(api::LIVE, on_event)
    };

    // "(3) Majordome": the unread total in the tab title.
    {
        let unread = unread_total(&inbox.conversations);
        use_effect_with(unread, |unread| notify::set_title(&title(*unread)));
    }

    // Reload from REST at start and after every (re)connection.
    {
        let inbox_d = inbox.dispatcher();
        let open_ref = open_ref.clone();
        let list_error = list_error.clone();
        let thread_error = thread_error.clone();
        use_effect_with(inbox.resync_seq, move |_| {
            spawn_local(async move {
                match api::conversations().await {
                    Ok(list) => {
                        list_error.set(None);
                        inbox_d.dispatch(InboxAction::ConversationsLoaded(list));
                    }
                    Err(e) => list_error.set(Some(e.message(lang))),
                }
                let open = *open_ref.borrow();
                if let Some(id) = open {
                    paging::latest_messages(id, inbox_d, thread_error, lang).await;
                }
            });
        });
    }

    // The team, at start and after every (re)connection (a colleague may have been invited).
    {
        let members = members.clone();
        use_effect_with(inbox.resync_seq, move |_| {
            spawn_local(async move {
                if let Ok(list) = api::members().await {
                    members.set(Rc::new(list));
                }
            });
        });
    }

    // Saved replies, for the composer.
    {
        let templates = templates.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(list) = api::templates().await {
                    templates.set(Rc::new(list));
                }
            });
        });
    }

    // The conciergerie's labels, for the list's chips and filter and the chat header.
    {
        let labels = labels.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(list) = api::labels().await {
                    labels.set(Rc::new(list));
                }
            });
        });
    }
    let on_labels = {
        let labels = labels.clone();
        Callback::from(move |list: Vec<Label>| labels.set(Rc::new(list)))
    };
    // A search hit: its conversation may not be loaded (closed, or further down the list).
    let on_open_hit = {
        let (focus, navigate, inbox) = (focus.clone(), navigate.clone(), inbox.dispatcher());
        Callback::from(move |(id, message): (ConversationId, MessageId)| {
            focus.set(Some((id, message)));
            let inbox = inbox.clone();
            spawn_local(async move {
                if let Ok(c) = api::conversation(id).await {
                    inbox.dispatch(InboxAction::Upsert(c));
                }
            });
            navigate.emit(Route::inbox(Some(id)));
        })
    };

    // Opening a conversation: load its thread, mark it read.
    let open = (route.tab == Tab::Inbox)
        .then_some(route.conversation)
        .flatten();
    {
        let inbox_d = inbox.dispatcher();
        let open_ref = open_ref.clone();
        let last_open = last_open.clone();
        let thread_error = thread_error.clone();
        use_effect_with(open, move |open| {
            *open_ref.borrow_mut() = *open;
            if open.is_some() {
                *last_open.borrow_mut() = *open;
            }
            inbox_d.dispatch(InboxAction::Open(*open));
            if let Some(id) = *open {
                spawn_local(async move {
                    let _ = api::mark_read(id).await;
                    paging::latest_messages(id, inbox_d, thread_error, lang).await;
                });
            }
        });
    }

    // One page request at a time: scroll events come in bursts.
    let fetching = use_state(|| false);
    let guard = use_mut_ref(|| false);
    let fetch_once = {
        let fetching = fetching.clone();
        move |work: std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>| {
            if std::mem::replace(&mut *guard.borrow_mut(), true) {
                return;
            }
            fetching.set(true);
            let (guard, fetching) = (guard.clone(), fetching.clone());
            spawn_local(async move {
                work.await;
                *guard.borrow_mut() = false;
                fetching.set(false);
            });
        }
    };
    let on_load_more = {
        let inbox = inbox.clone();
        let list_error = list_error.clone();
        let fetch_once = fetch_once.clone();
        Callback::from(move |_| {
            if let Some(next) = inbox.more.clone() {
                let work =
                    paging::more_conversations(next, inbox.dispatcher(), list_error.clone(), lang);
                fetch_once(Box::pin(work));
            }
        })
    };
    let on_load_all = {
        let inbox = inbox.dispatcher();
        let list_error = list_error.clone();
        let fetch_once = fetch_once.clone();
        Callback::from(move |_| {
            fetch_once(Box::pin(paging::all_conversations(
                inbox.clone(),
                list_error.clone(),
                lang,
            )))
        })
    };
    let on_load_older = {
        let inbox = inbox.clone();
        let thread_error = thread_error.clone();
        let fetch_once = fetch_once.clone();
        Callback::from(move |id: ConversationId| {
            if let Some(older) = inbox.thread(id).and_then(|t| t.older.clone()) {
                let work = paging::older_messages(
                    id,
                    older,
                    inbox.dispatcher(),
                    thread_error.clone(),
                    lang,
                );
                fetch_once(Box::pin(work));
            }
        })
    };

    let on_select = {
        let navigate = navigate.clone();
        Callback::from(move |id: ConversationId| navigate.emit(Route::inbox(Some(id))))
    };
    let on_back = {
        let navigate = navigate.clone();
        let last_open = last_open.clone();
        Callback::from(move |_| {
            *last_open.borrow_mut() = None;
            navigate.emit(Route::inbox(None))
        })
    };
    // The navigation rail: back to the inbox is back to the conversation that was open there.
    let on_tab = {
        let navigate = navigate.clone();
        let last_open = last_open.clone();
        Callback::from(move |route: Route| match route {
            Route {
                tab: Tab::Inbox,
                conversation: None,
            } => navigate.emit(Route::inbox(*last_open.borrow())),
            other => navigate.emit(other),
        })
    };
    let toggle_sim = {
        let sim_open = sim_open.clone();
        Callback::from(move |_| sim_open.set(!*sim_open))
    };
    let on_templates = {
        let templates = templates.clone();
        Callback::from(move |list: Vec<Template>| templates.set(Rc::new(list)))
    };

    let t = lang.t();
    let content = match route.tab {
        Tab::Inbox => {
            let chat = match inbox.open_conversation() {
                Some(c) => {
                    let thread = inbox.threads.get(&c.id).cloned();
                    let error = thread_error
                        .as_ref()
                        .filter(|(id, _)| *id == c.id)
                        .map(|(_, e)| e.clone());
                    let initial_draft = drafts.load(c.id);
                    let on_draft = {
                        let drafts = drafts.clone();
                        Callback::from(move |(id, draft): (ConversationId, Draft)| {
                            drafts.save(id, &draft)
                        })
                    };
                    let focus_message = focus.filter(|(id, _)| *id == c.id).map(|(_, m)| m);
                    html! {
                        <ChatWindow key={c.id.0} conversation={c.clone()} {thread} {error}
                            labels={(*labels).clone()} {focus_message}
                            inbox={inbox.dispatcher()} templates={(*templates).clone()}
                            on_back={on_back.clone()} {initial_draft} {on_draft}
                            on_load_older={on_load_older.clone()} fetching={*fetching} />
                    }
                }
                None if open.is_some() && !inbox.loaded => html! {
                    <section class="chat chat-empty" aria-busy="true"><p class="muted">{ t.loading }</p></section>
                },
                None => html! {
                    <section class="chat chat-empty">
                        <div class="empty-state">
                            <div class="empty-illustration">{ icon(Icon::Chat) }</div>
                            <h2>{ t.select_conversation }</h2>
                            <p class="muted">{ t.select_conversation_hint }</p>
                        </div>
                    </section>
                },
            };
            html! {
                <div class={classes!("inbox", open.is_some().then_some("chat-open"))}>
                    <ConversationList inbox={inbox.clone()} selected={open} {on_select}
                        error={(*list_error).clone()} {simulator_mode} simulator_open={*sim_open}
                        on_open_simulator={toggle_sim.clone()}
                        {on_load_more} {on_load_all} fetching={*fetching}
                        labels={(*labels).clone()} {on_open_hit} />
                    { chat }
                </div>
            }
        }
        Tab::Faq => html! { <FaqTab claude={runtime.ai == AiEngine::Claude} /> },
        Tab::Settings => html! {
            <SettingsTab templates={(*templates).clone()} {on_templates}
                labels={(*labels).clone()} {on_labels} />
        },
        Tab::Analytics => html! { <AnalyticsTab /> },
        Tab::Ideas => html! { <IdeasTab board={board.clone()} /> },
        Tab::Properties => html! { <PropertiesTab /> },
        Tab::Stays => html! { <StaysTab /> },
    };

    let on_open_conversation = {
        let navigate = navigate.clone();
        Callback::from(move |id: ConversationId| navigate.emit(Route::inbox(Some(id))))
    };
    let team = TeamCtx {
        me: session.me.member.id,
        members: (*members).clone(),
        presence: Rc::new((*presence).clone()),
    };
    html! {
        <ContextProvider<TeamCtx> context={team}>
        <div class={classes!("shell", (*sim_open && simulator_mode).then_some("with-sim"), open.is_some().then_some("chat-open"))}>
            <Nav route={*route} navigate={on_tab} unread={inbox.total_unread()}
                {simulator_mode} sim_open={*sim_open} on_toggle_sim={toggle_sim.clone()} />
            <div class="workspace">
                <Banners {link} {runtime} sim_open={*sim_open} on_toggle_sim={toggle_sim.clone()} />
                <div class="content">{ content }</div>
            </div>
            if *sim_open && simulator_mode {
                <SimulatorPanel sim={sim.clone()} inbox={inbox.clone()}
                    on_close={toggle_sim} {on_open_conversation} />
            }
        </div>
        </ContextProvider<TeamCtx>>
    }
}

/// Lets the simulator show a guest's history when it opens on a known number.
pub fn phone_history(messages: &[Message]) -> Vec<(bool, String, protocol::Timestamp)> {
    messages
        .iter()
        .filter(|m| !matches!(m.sender, Sender::System | Sender::Note))
        .map(|m| (m.sender == Sender::Client, m.body.clone(), m.created_at))
        .collect()
}
