//! The open conversation: header with the guest, the 24 h window and the AI controls; hand-off
//! alert; the messages, grouped by day; the AI's suggestion; the composer.
//!
//! Scrolling follows new messages only while the operator is at the bottom: someone reading
//! older messages is not yanked down, they get a "new messages" button instead. Reaching the top
//! loads the page before it (see `history`).

use std::cell::RefCell;
use std::rc::Rc;

use protocol::conversations::{ConversationPatch, ConversationSummary};
use protocol::events::ServerEvent;
use protocol::labels::Label;
use protocol::templates::Template;
use protocol::{AiMode, ConversationId, ConversationStatus, MessageId};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::ai_controls::AiControls;
use super::attach::AttachSlot;
use super::composer::Composer;
use super::conversation_item::{chip_html, display_name};
use super::history::use_history;
use super::hooks::{use_lang, use_now};
use super::icons::{icon, Icon};
use super::message_bubble::MessageBubble;
use super::stay_header::StayHeader;
use super::suggestion_card::SuggestionCard;
use super::team_header::{typing_in, TeamHeader};
use super::translation::DraftTranslator;
use super::triage_controls::{label_chips, ContactName, TriageControls};
use crate::api;
use crate::api::Explain;
use crate::clock::utc_offset_minutes;
use crate::format::{avatar_hue, day_label, initials, local_day, window_remaining, ReplyWindow};
use crate::i18n::{Lang, Localized};
use crate::reasons;
use crate::state::chips::{chips, Chip};
use crate::state::drafts::{after_failed_send, Draft, DraftFile};
use crate::state::inbox::Thread;
use crate::state::{InboxAction, InboxState, LocalId};

#[derive(Properties, PartialEq)]
pub struct ChatWindowProps {
    pub conversation: ConversationSummary,
    pub thread: Option<Rc<Thread>>,
    /// Loading the thread failed.
    #[prop_or_default]
    pub error: Option<String>,
    pub inbox: UseReducerDispatcher<InboxState>,
    #[prop_or_default]
    pub templates: Rc<Vec<Template>>,
    pub on_back: Callback<()>,
    /// The reply (and its file) being written when the operator last left this conversation.
    #[prop_or_default]
    pub initial_draft: Draft,
    /// Keeps the draft while the operator looks at another conversation.
    #[prop_or_default]
    pub on_draft: Callback<(ConversationId, Draft)>,
    /// The operator scrolled to the top of a thread that has older messages.
    #[prop_or_default]
    pub on_load_older: Callback<ConversationId>,
    /// A page is on its way.
    #[prop_or_default]
    pub fetching: bool,
    /// The conciergerie's labels, for the header's chips and picker.
    #[prop_or_default]
    pub labels: Rc<Vec<Label>>,
    /// Open at this message (a search hit): older pages load until it is there, then it is
    /// scrolled to and highlighted.
    #[prop_or_default]
    pub focus_message: Option<MessageId>,
}

/// Within this many pixels of the bottom counts as "at the bottom".
const STICK_PX: i32 = 72;

/// Within this many pixels of the top, the older page is fetched.
const NEAR_TOP_PX: i32 = 120;

/// Scrolls a message into the middle of the log and highlights it for a moment.
fn focus_message(id: MessageId) {
    gloo_timers::callback::Timeout::new(0, move || {
        let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector(&format!(".msg[data-id=\"{id}\"]"))
                .ok()
                .flatten()
        }) else {
            return;
        };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        let _ = el.class_list().add_1("msg-focus");
        gloo_timers::callback::Timeout::new(4000, move || {
            let _ = el.class_list().remove_1("msg-focus");
        })
        .forget();
    })
    .forget();
}

fn scroll_to_bottom(log: &NodeRef) {
    if let Some(el) = log.cast::<web_sys::Element>() {
        el.set_scroll_top(el.scroll_height());
    }
}

#[function_component]
pub fn ChatWindow(props: &ChatWindowProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let now = use_now(30_000);
    let c = &props.conversation;
    let id = c.id;
    let draft = use_state(|| props.initial_draft.text.clone());
    // The file the next reply carries (uploaded already), kept with the draft.
    let attachment = use_state(|| props.initial_draft.file.clone());
    // What the composer holds now, for a send that fails later (a state handle only knows the
    // value of the render it came from).
    let typed = use_mut_ref(Draft::default);
    {
        let on_draft = props.on_draft.clone();
        let typed = typed.clone();
        use_effect_with(
            ((*draft).clone(), (*attachment).clone()),
            move |(text, file)| {
                let now = Draft {
                    text: text.clone(),
                    file: file.clone(),
                };
                *typed.borrow_mut() = now.clone();
                on_draft.emit((id, now))
            },
        );
    }
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let focus_seq = use_state(|| 0u32);
    // "Note interne": the composer writes a private note for the team instead of a reply.
    let note_mode = use_state(|| false);
    // An upload in progress.
    let uploading = use_state(|| false);
    // The draft started as the AI's suggestion: sending it is not a takeover.
    let draft_from_suggestion = use_state(|| false);
    let log = use_node_ref();
    let stick = use_mut_ref(|| true);
    // The newest confirmed message already accounted for, so that older pages coming in at the
    // top are not counted as new messages.
    let seen_newest = use_mut_ref(|| None::<MessageId>);
    let unseen = use_state(|| 0usize);

    let window = ReplyWindow::compute(c.last_client_message_at, now);
    let messages = props
        .thread
        .as_ref()
        .map(|t| t.messages.as_slice())
        .unwrap_or(&[]);
    let count = messages.len();
    let last = messages.last().map(|m| (m.message.id, m.is_pending()));
    let newest = messages
        .iter()
        .rev()
        .find(|m| !m.is_pending())
        .map(|m| m.message.id);
    let added = match *seen_newest.borrow() {
        Some(seen) => messages
            .iter()
            .filter(|m| !m.is_pending() && m.message.id > seen)
            .count(),
        None => 0,
    };
    let has_older = props.thread.as_ref().is_some_and(|t| t.older.is_some());
    let load_older = {
        let on_load_older = props.on_load_older.clone();
        let first = messages.first().map(|m| m.message.id);
        use_history(
            log.clone(),
            first,
            has_older,
            Callback::from(move |_| on_load_older.emit(id)),
        )
    };

    // Follow new messages if the reader is at the bottom (or just sent one).
    {
        let log = log.clone();
        let stick = stick.clone();
        let seen_newest = seen_newest.clone();
        let unseen = unseen.clone();
        use_effect_with((count, last), move |(_, last)| {
            let own = last.is_some_and(|(_, pending)| pending);
            if *stick.borrow() || own {
                scroll_to_bottom(&log);
                *stick.borrow_mut() = true;
                if *unseen > 0 {
                    unseen.set(0);
                }
            } else if added > 0 {
                unseen.set(*unseen + added);
            }
            if newest.is_some() {
                *seen_newest.borrow_mut() = newest;
            }
        });
    }
    // Opened from a search hit: load older pages until the message is there, then show it.
    {
        let stick = stick.clone();
        let on_load_older = props.on_load_older.clone();
        let found = messages
            .iter()
            .any(|m| Some(m.message.id) == props.focus_message);
        let loaded = props.thread.is_some();
        let shown = use_mut_ref(|| None::<MessageId>);
        use_effect_with(
            (props.focus_message, count, props.fetching, loaded),
            move |(focus, _, fetching, loaded)| {
                let Some(target) = *focus else {
                    return;
                };
                if *shown.borrow() == Some(target) || !*loaded {
                    return;
                }
                if found {
                    *shown.borrow_mut() = Some(target);
                    *stick.borrow_mut() = false;
                    focus_message(target);
                } else if has_older && !*fetching {
                    on_load_older.emit(id);
                }
            },
        );
    }
    // The log shrinks when a banner, an alert or the suggestion appears: stay at the bottom.
    {
        let log = log.clone();
        let stick = stick.clone();
        use_effect_with((), move |_| {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let element = log.cast::<web_sys::Element>();
            let observer = element.and_then(|el| {
                let on_resize = Closure::<dyn FnMut()>::new(move || {
                    if *stick.borrow() {
                        scroll_to_bottom(&log);
                    }
                });
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&el);
                Some((observer, on_resize))
            });
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    let onscroll = {
        let log = log.clone();
        let stick = stick.clone();
        let unseen = unseen.clone();
        let load_older = load_older.clone();
        let fetching = props.fetching;
        Callback::from(move |_: Event| {
            if let Some(el) = log.cast::<web_sys::Element>() {
                if el.scroll_top() < NEAR_TOP_PX && !fetching {
                    load_older.emit(());
                }
                let at_bottom =
                    el.scroll_height() - el.scroll_top() - el.client_height() < STICK_PX;
                *stick.borrow_mut() = at_bottom;
                if at_bottom && *unseen > 0 {
                    unseen.set(0);
                }
            }
        })
    };
    let on_media_load = {
        let log = log.clone();
        let stick = stick.clone();
        Callback::from(move |_| {
            if *stick.borrow() {
                scroll_to_bottom(&log);
            }
        })
    };
    let jump_down = {
        let log = log.clone();
        let stick = stick.clone();
        let unseen = unseen.clone();
        Callback::from(move |_| {
            *stick.borrow_mut() = true;
            unseen.set(0);
            scroll_to_bottom(&log);
        })
    };

    let give_back = GiveBack {
        id,
        typed: typed.clone(),
        on_draft: props.on_draft.clone(),
        draft: draft.clone(),
        file: attachment.clone(),
        error: error.clone(),
        lang,
    };
    // Optimistic send: the bubble shows at once; on error it goes away and the text comes back.
    let send_body = {
        let inbox = props.inbox.clone();
        let give_back = give_back.clone();
        Callback::from(
            move |(body, from_suggestion, file): (String, bool, Option<DraftFile>)| {
                let body = body.trim().to_owned();
                if body.is_empty() && file.is_none() {
                    return;
                }
                let local = LocalId::next();
                inbox.dispatch(InboxAction::SendStarted {
                    conversation_id: id,
                    local,
                    body: body.clone(),
                    at: crate::clock::now(),
                });
                give_back.error.set(None);
                let (inbox, give_back) = (inbox.clone(), give_back.clone());
                let ids = file.iter().map(|f| f.upload.id.clone()).collect();
                spawn_local(async move {
                    match api::send_message(id, &body, &local.client_ref(), from_suggestion, ids)
                        .await
                    {
                        Ok(message) => inbox.dispatch(InboxAction::SendSucceeded {
                            conversation_id: id,
                            local,
                            message,
                        }),
                        Err(e) => {
                            inbox.dispatch(InboxAction::SendFailed {
                                conversation_id: id,
                                local,
                            });
                            // The file stays attached, like the text stays typed.
                            give_back.failed(
                                &body,
                                file,
                                lang.t().send_failed,
                                api::send_refusal(&e, lang),
                            );
                        }
                    }
                });
            },
        )
    };
    // A private note: no optimistic bubble (there is no delivery to follow), the stored note
    // shows when the server answers; on failure the text comes back like a refused reply.
    let send_note = {
        let inbox = props.inbox.clone();
        Callback::from(move |body: String| {
            let body = body.trim().to_owned();
            if body.is_empty() {
                return;
            }
            give_back.error.set(None);
            let (inbox, give_back) = (inbox.clone(), give_back.clone());
            spawn_local(async move {
                match api::add_note(id, &body).await {
                    Ok(message) => {
                        inbox.dispatch(InboxAction::Event(ServerEvent::MessageCreated { message }))
                    }
                    Err(e) => give_back.failed(&body, None, lang.t().note_failed, e.message(lang)),
                }
            });
        })
    };
    let on_send = {
        let draft = draft.clone();
        let send_body = send_body.clone();
        let draft_from_suggestion = draft_from_suggestion.clone();
        let note_mode = note_mode.clone();
        let attachment = attachment.clone();
        Callback::from(move |_| {
            if *note_mode && !draft.trim().is_empty() {
                send_note.emit((*draft).clone());
                draft.set(String::new());
            } else if window.is_open() && (!draft.trim().is_empty() || attachment.is_some()) {
                send_body.emit((
                    (*draft).clone(),
                    *draft_from_suggestion,
                    (*attachment).clone(),
                ));
                attachment.set(None);
                draft.set(String::new());
                draft_from_suggestion.set(false);
            }
        })
    };

    let attach_slot = {
        let picked = (attachment.clone(), uploading.clone(), error.clone());
        let on_pick = Callback::from(move |file: web_sys::File| {
            let (attachment, uploading, error) = picked.clone();
            uploading.set(true);
            error.set(None);
            spawn_local(async move {
                match api::upload_attachment(id, &file).await {
                    Ok(upload) => attachment.set(Some(DraftFile {
                        name: file.name(),
                        upload,
                    })),
                    Err(e) => error.set(Some(format!(
                        "{}{}{}",
                        lang.t().attach_failed,
                        lang.pick("\u{a0}: ", ": "),
                        api::attachment_refusal(&e, lang)
                    ))),
                }
                uploading.set(false);
            });
        });
        let on_remove = {
            let attachment = attachment.clone();
            Callback::from(move |_| attachment.set(None))
        };
        AttachSlot {
            file: (*attachment).clone(),
            uploading: *uploading,
            on_pick,
            on_remove,
        }
    };

    let on_patch = {
        let inbox = props.inbox.clone();
        let busy = busy.clone();
        let error = error.clone();
        Callback::from(move |patch: ConversationPatch| {
            let (inbox, busy, error) = (inbox.clone(), busy.clone(), error.clone());
            busy.set(true);
            spawn_local(async move {
                match api::patch_conversation(id, &patch).await {
                    Ok(c) => {
                        error.set(None);
                        inbox.dispatch(InboxAction::Upsert(c));
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
                busy.set(false);
            });
        })
    };

    let suggestion = c.ai_suggestion.clone().map(|body| {
        let on_send = {
            let send_body = send_body.clone();
            let inbox = props.inbox.clone();
            let body = body.clone();
            Callback::from(move |_| {
                inbox.dispatch(InboxAction::SuggestionCleared(id));
                send_body.emit((body.clone(), true, None));
            })
        };
        let on_edit = {
            let draft = draft.clone();
            let inbox = props.inbox.clone();
            let focus_seq = focus_seq.clone();
            let draft_from_suggestion = draft_from_suggestion.clone();
            let body = body.clone();
            Callback::from(move |_| {
                draft.set(body.clone());
                draft_from_suggestion.set(true);
                inbox.dispatch(InboxAction::SuggestionCleared(id));
                focus_seq.set(*focus_seq + 1);
            })
        };
        let on_discard = {
            let inbox = props.inbox.clone();
            let error = error.clone();
            Callback::from(move |_| {
                inbox.dispatch(InboxAction::SuggestionCleared(id));
                let error = error.clone();
                spawn_local(async move {
                    if let Err(e) = api::discard_suggestion(id).await {
                        error.set(Some(e.message(lang)));
                    }
                });
            })
        };
        html! { <SuggestionCard {body} {on_send} {on_edit} {on_discard} disabled={!window.is_open()} /> }
    });

    let name = display_name(c);
    let window_pill = match window {
        ReplyWindow::Open { remaining_secs } => html! {
            <span class={classes!("window-pill", if window.closing_soon() { "closing" } else { "open" })}>
                { icon(Icon::Clock) }{ lang.window_open(&window_remaining(remaining_secs)) }
            </span>
        },
        ReplyWindow::Closed => html! {
            <span class="window-pill closed">{ icon(Icon::Clock) }{ t.window_closed }</span>
        },
        ReplyWindow::NeverOpened => html! {
            <span class="window-pill never">{ icon(Icon::Clock) }{ t.window_never }</span>
        },
    };
    let disabled_reason = match window {
        ReplyWindow::Open { .. } => None,
        ReplyWindow::Closed => Some(t.window_closed_explain.to_owned()),
        ReplyWindow::NeverOpened => Some(t.window_never_explain.to_owned()),
    };

    let handoff = (c.status == ConversationStatus::NeedsHuman).then(|| {
        let on_patch = on_patch.clone();
        let reason = c
            .handoff_reason
            .as_ref()
            .map(|r| reasons::describe(r, lang))
            .unwrap_or_else(|| t.handoff_default_reason.to_owned());
        html! {
            <div class="alert alert-handoff" role="alert">
                { icon(Icon::Hand) }
                <div class="alert-text"><strong>{ t.handoff_title }</strong><span>{ reason }</span></div>
                <button type="button" class="btn btn-small btn-outline" disabled={*busy}
                    onclick={Callback::from(move |_| on_patch.emit(ConversationPatch {
                        status: Some(ConversationStatus::Open),
                        ..Default::default()
                    }))}>
                    { t.mark_handled }
                </button>
            </div>
        }
    });
    let paused = (c.ai_paused && c.ai_mode != AiMode::Off).then(|| {
        html! { <div class="alert alert-paused" role="status">{ icon(Icon::User) }<span>{ t.ai_paused_note }</span></div> }
    });

    // Messages, with a separator at each new day and runs from one sender grouped.
    let offset = utc_offset_minutes(now);
    let mut items: Vec<Html> = Vec::with_capacity(count + 4);
    let mut last_day = None;
    let mut last_sender = None;
    for m in messages {
        let day = local_day(m.message.created_at, offset);
        if last_day != Some(day) {
            items.push(html! {
                <div class="day-sep" role="separator" key={format!("day-{day}")}>
                    <span>{ day_label(m.message.created_at, now, offset, lang) }</span>
                </div>
            });
            last_day = Some(day);
            last_sender = None;
        }
        // A new group per sender, and per colleague among the team's replies.
        let who = (m.message.sender, m.message.author.as_ref().map(|a| a.id));
        let first = last_sender != Some(who);
        last_sender = Some(who);
        items.push(html! {
            <MessageBubble key={m.message.id.0} message={m.message.clone()} pending={m.is_pending()}
                {first} on_media_load={on_media_load.clone()} />
        });
    }
    let log_body = if props.thread.is_none() {
        match &props.error {
            Some(e) => {
                html! { <p class="notice notice-error" role="alert">{ t.load_thread_failed }{ " " }{ e }</p> }
            }
            None => html! { <p class="log-note muted" aria-busy="true">{ t.loading }</p> },
        }
    } else if items.is_empty() {
        html! { <p class="log-note muted">{ t.thread_empty }</p> }
    } else {
        let older = has_older.then(|| {
            let load_older = load_older.clone();
            html! {
                <div class="log-older">
                    <button type="button" class="btn btn-ghost" disabled={props.fetching}
                        aria-busy={props.fetching.to_string()}
                        onclick={Callback::from(move |_| load_older.emit(()))}>
                        { if props.fetching { t.loading } else { t.load_older } }
                    </button>
                </div>
            }
        });
        html! { <>{ for older }{ for items }</> }
    };

    let back = {
        let on_back = props.on_back.clone();
        Callback::from(move |_| on_back.emit(()))
    };
    let header_chips: Vec<Chip> = chips(c)
        .into_iter()
        .filter(|ch| {
            matches!(
                ch,
                Chip::Urgent | Chip::NeedsHuman | Chip::SendFailed | Chip::Closed
            )
        })
        .collect();
    html! {
        <section class="chat" aria-label={lang.conversation_with(&name)}>
            <header class="chat-header">
                <button type="button" class="btn-icon chat-back" aria-label={t.back} onclick={back}>
                    { icon(Icon::Back) }
                </button>
                <span class="avatar" style={format!("--hue: {}", avatar_hue(&c.phone_number))} aria-hidden="true">
                    { initials(&name) }
                </span>
                <div class="chat-title">
                    <ContactName conversation={c.clone()} name={name.clone()} on_patch={on_patch.clone()} busy={*busy} />
                    <p class="chat-sub">
                        if c.contact_name.is_some() { <span class="chat-phone">{ c.phone_number.clone() }</span> }
                        { window_pill }
                        { for header_chips.into_iter().map(|ch| chip_html(ch, lang)) }
                        { label_chips(c, &props.labels) }
                    </p>
                    <TriageControls conversation={c.clone()} labels={props.labels.clone()}
                        on_patch={on_patch.clone()} busy={*busy} />
                    <StayHeader conversation={c.clone()} on_patch={on_patch.clone()} busy={*busy} />
                    <TeamHeader conversation={c.clone()} on_patch={on_patch.clone()} busy={*busy} />
                </div>
                <a class="btn-icon chat-export" id="export-thread" download=""
                    href={format!("/api/conversations/{}/export.csv", c.id)}
                    aria-label={t.export_thread} title={t.export_thread}>
                    { icon(Icon::ArrowDown) }
                </a>
                <AiControls conversation={c.clone()} on_patch={on_patch.clone()} busy={*busy} />
            </header>
            { handoff }
            { paused }
            <div class="chat-body">
                <div class="chat-log" ref={log} {onscroll} role="log" aria-live="polite"
                    aria-label={lang.conversation_with(&name)} tabindex="0">
                    { log_body }
                </div>
                if *unseen > 0 {
                    <button type="button" class="new-messages" onclick={jump_down}>
                        { icon(Icon::ArrowDown) }{ format!("{} · {}", t.new_messages, *unseen) }
                    </button>
                }
            </div>
            if let Some(err) = &*error {
                <div class="notice notice-error chat-error" role="alert">
                    { icon(Icon::Alert) }<span>{ err.clone() }</span>
                    <button type="button" class="btn-icon" aria-label={t.dismiss}
                        onclick={let e = error.clone(); Callback::from(move |_| e.set(None))}>
                        { icon(Icon::Close) }
                    </button>
                </div>
            }
            { suggestion }
            if disabled_reason.is_none() {
                <DraftTranslator conversation_id={c.id} draft={(*draft).clone()}
                    on_use={let d = draft.clone(); Callback::from(move |text: String| d.set(text))} />
            }
            <Composer value={(*draft).clone()}
                on_input={
                    let (d, from_suggestion) = (draft.clone(), draft_from_suggestion.clone());
                    Callback::from(move |v: String| {
                        // Emptied and rewritten: the operator's own reply, a takeover.
                        if v.trim().is_empty() {
                            from_suggestion.set(false);
                        } else {
                            // Colleagues see "… écrit…" in this conversation's header.
                            typing_in(id);
                        }
                        d.set(v)
                    })
                }
                {on_send} templates={props.templates.clone()} {disabled_reason} focus_seq={*focus_seq}
                note={*note_mode}
                on_note={let n = note_mode.clone(); Callback::from(move |on: bool| n.set(on))}
                attach={attach_slot} />
        </section>
    }
}

/// Where a refused reply or note goes back: the composer and the stored draft (even if the
/// operator has left this conversation, or the session, meanwhile), with the reason above it.
#[derive(Clone)]
struct GiveBack {
    id: ConversationId,
    /// What the composer holds now (a state handle only knows its render's value).
    typed: Rc<RefCell<Draft>>,
    on_draft: Callback<(ConversationId, Draft)>,
    draft: UseStateHandle<String>,
    file: UseStateHandle<Option<DraftFile>>,
    error: UseStateHandle<Option<String>>,
    lang: Lang,
}

impl GiveBack {
    /// The refused text comes back ahead of anything typed since, and its file with it.
    fn failed(&self, body: &str, file: Option<DraftFile>, what: &str, why: String) {
        let now = self.typed.borrow().clone();
        let restored = Draft {
            text: after_failed_send(body, &now.text),
            file: file.or(now.file),
        };
        self.on_draft.emit((self.id, restored.clone()));
        self.draft.set(restored.text);
        self.file.set(restored.file);
        self.error.set(Some(format!(
            "{what}{}{why}",
            self.lang.pick("\u{a0}: ", ": ")
        )));
    }
}
