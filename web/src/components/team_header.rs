//! The team in the chat header: whom the conversation is assigned to (a select any member may
//! change) and which colleagues are viewing or typing in it, live. While a conversation is open
//! this dashboard says so to the others every few seconds; the composer says when it types.

use std::cell::Cell;
use std::rc::Rc;

use protocol::conversations::{ConversationPatch, ConversationSummary};
use protocol::members::Member;
use protocol::presence::{ClientEvent, PresenceActivity};
use protocol::{ConversationId, MemberId};
use yew::prelude::*;

use super::hooks::{use_lang, use_now};
use super::icons::{icon, Icon};
use crate::i18n::Localized;
use crate::state::team::PresenceBoard;

/// What the dashboard knows about the team, for the components that show it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamCtx {
    pub me: MemberId,
    /// The conciergerie's members (active or not: a deactivated assignee still has a name).
    pub members: Rc<Vec<Member>>,
    pub presence: Rc<PresenceBoard>,
}

thread_local! {
    /// When this dashboard last said it was typing, and where (milliseconds since the epoch).
    static LAST_TYPING: Cell<Option<(ConversationId, i64)>> = const { Cell::new(None) };
}

/// The composer changed: tell colleagues, at most every `refresh_secs` per conversation.
pub fn typing_in(conversation_id: ConversationId) {
    let now = crate::clock::now().timestamp_millis();
    let every = i64::from(PresenceActivity::Typing.refresh_secs()) * 1000;
    let due = LAST_TYPING.with(|last| match last.get() {
        Some((id, at)) if id == conversation_id && now - at < every => false,
        _ => {
            last.set(Some((conversation_id, now)));
            true
        }
    });
    if due {
        ui::ws::send(&ClientEvent::Typing { conversation_id });
    }
}

#[derive(Properties, PartialEq)]
pub struct TeamHeaderProps {
    pub conversation: ConversationSummary,
    pub on_patch: Callback<ConversationPatch>,
    pub busy: bool,
}

#[function_component]
pub fn TeamHeader(props: &TeamHeaderProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let team = use_context::<TeamCtx>();
    let now = use_now(1_000);
    let id = props.conversation.id;

    // "Viewing", now and then while the conversation stays open.
    use_effect_with(id, move |id| {
        let conversation_id = *id;
        let say = move || {
            ui::ws::send(&ClientEvent::Viewing { conversation_id });
        };
        say();
        let every = PresenceActivity::Viewing.refresh_secs() * 1000;
        let interval = gloo_timers::callback::Interval::new(every, say);
        move || drop(interval)
    });

    let Some(team) = team else {
        return Html::default();
    };
    let present = team
        .presence
        .in_conversation(id, Some(team.me), now.timestamp_millis());
    let assignee = props.conversation.assignee_id;
    let on_change = {
        let on_patch = props.on_patch.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            on_patch.emit(ConversationPatch {
                assignee_id: Some(value.parse::<MemberId>().ok()),
                ..Default::default()
            });
        })
    };
    // Whom one may assign: the active members, and the current assignee whatever their state.
    let choices: Vec<&Member> = team
        .members
        .iter()
        .filter(|m| m.active || Some(m.id) == assignee)
        .collect();
    let presence = (!present.is_empty()).then(|| {
        let mut parts = Vec::new();
        if !present.typing.is_empty() {
            parts.push(lang.presence_typing(&present.typing));
        }
        if !present.viewing.is_empty() {
            parts.push(lang.presence_viewing(&present.viewing));
        }
        html! {
            <span class={classes!("presence", (!present.typing.is_empty()).then_some("presence-typing"))}
                data-testid="presence" role="status">
                { icon(Icon::User) }{ parts.join(" · ") }
            </span>
        }
    });
    html! {
        <div class="chat-team">
            <label class="assignee">
                <span class="muted small">{ t.assignee_label }</span>
                <select data-testid="assignee" aria-label={t.assignee_label} disabled={props.busy} onchange={on_change}>
                    <option value="" selected={assignee.is_none()}>{ t.assignee_nobody }</option>
                    { for choices.into_iter().map(|m| html! {
                        <option value={m.id.to_string()} selected={assignee == Some(m.id)}>
                            { if m.id == team.me { format!("{} ({})", m.name, t.sender_me) } else { m.name.clone() } }
                        </option>
                    }) }
                </select>
            </label>
            { for presence }
        </div>
    }
}
