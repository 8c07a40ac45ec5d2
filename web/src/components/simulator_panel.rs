//! The guest simulator (offline mode): a phone on which the operator plays a WhatsApp guest.
//! Its messages go through `POST /api/simulator/messages`, the same path as a real webhook, and
//! the replies come back live as `simulator.reply` events.

use protocol::simulator::SimulatedGuestMessage;
use protocol::ConversationId;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::dashboard::phone_history;
use super::hooks::{input_value, use_lang, SessionCtx};
use super::icons::{icon, ticks, Icon};
use crate::api;
use crate::api::Explain;
use crate::clock::utc_offset_minutes;
use crate::format::{clock_time, initials};
use crate::i18n::Localized;
use crate::state::simulator::{
    is_valid_number, normalize_number, Delivery, SimulatorAction, SimulatorState,
};
use crate::state::{InboxState, LocalId};

#[derive(Properties, PartialEq)]
pub struct SimulatorPanelProps {
    pub sim: UseReducerHandle<SimulatorState>,
    pub inbox: UseReducerHandle<InboxState>,
    pub on_close: Callback<()>,
    pub on_open_conversation: Callback<ConversationId>,
}

const GUESTS: [&str; 10] = [
    "Camille Dubois",
    "Lucas Martin",
    "Emma Bernard",
    "Hugo Lefèvre",
    "Chloé Moreau",
    "Jonas Weber",
    "Sofia Rossi",
    "Olivia Smith",
    "Nathan Girard",
    "Léa Fontaine",
];

fn random_guest() -> (String, String) {
    let r = crate::clock::random();
    let name = GUESTS[(r * GUESTS.len() as f64) as usize % GUESTS.len()];
    let digits = (crate::clock::random() * 100_000_000.0) as u64;
    (format!("+336{digits:08}"), name.to_owned())
}

#[function_component]
pub fn SimulatorPanel(props: &SimulatorPanelProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let session = use_context::<SessionCtx>();
    let number = use_state(|| "+33612345678".to_owned());
    let name = use_state(|| "Camille Dubois".to_owned());
    let text = use_state(String::new);
    let log = use_node_ref();

    let normalized = normalize_number(&number);
    let valid = is_valid_number(&number);
    let conversation = props
        .inbox
        .conversations
        .iter()
        .find(|c| normalize_number(&c.phone_number) == normalized)
        .map(|c| c.id);
    let thread = props.sim.thread(&normalized).to_vec();

    // A guest who already wrote: show their history on the phone.
    {
        let sim = props.sim.dispatcher();
        let normalized = normalized.clone();
        use_effect_with((normalized, conversation), move |(number, conversation)| {
            if let Some(id) = *conversation {
                let number = number.clone();
                spawn_local(async move {
                    if let Ok(page) = api::messages(id).await {
                        sim.dispatch(SimulatorAction::Seed {
                            number,
                            messages: phone_history(&page.items),
                        });
                    }
                });
            }
        });
    }
    {
        let log = log.clone();
        use_effect_with((thread.len(), normalized.clone()), move |_| {
            if let Some(el) = log.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    let send = {
        let sim = props.sim.dispatcher();
        let text = text.clone();
        let name = name.clone();
        let number = normalized.clone();
        Callback::from(move |_| {
            let body = text.trim().to_owned();
            if body.is_empty() || !is_valid_number(&number) {
                return;
            }
            text.set(String::new());
            let key = LocalId::next().0 as u64;
            sim.dispatch(SimulatorAction::GuestSending {
                number: number.clone(),
                key,
                body: body.clone(),
                at: crate::clock::now(),
            });
            let request = SimulatedGuestMessage {
                from: number.clone(),
                profile_name: Some(name.trim().to_owned()).filter(|n| !n.is_empty()),
                body,
            };
            let (sim, number) = (sim.clone(), number.clone());
            spawn_local(async move {
                match api::simulate(&request).await {
                    Ok(_) => sim.dispatch(SimulatorAction::GuestSent { number, key }),
                    Err(e) => sim.dispatch(SimulatorAction::GuestFailed {
                        number,
                        key,
                        reason: e.message(lang),
                    }),
                }
            });
        })
    };
    let onsubmit = {
        let send = send.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit(());
        })
    };
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && !e.shift_key() && !e.is_composing() {
                e.prevent_default();
                send.emit(());
            }
        })
    };
    let new_guest = {
        let (number, name) = (number.clone(), name.clone());
        Callback::from(move |_| {
            let (n, g) = random_guest();
            number.set(n);
            name.set(g);
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    let open_conv = conversation.map(|id| {
        let cb = props.on_open_conversation.clone();
        html! {
            <button type="button" class="btn-link small" onclick={Callback::from(move |_| cb.emit(id))}>
                { t.sim_open_conversation }
            </button>
        }
    });
    let host = session
        .map(|s| s.me.conciergerie.name.clone())
        .unwrap_or_else(|| "Majordome".to_owned());

    html! {
        <aside class="simulator" aria-label={t.simulator_title}>
            <header class="sim-header">
                <div>
                    <h2>{ icon(Icon::Phone) }{ t.simulator_title }</h2>
                    <p class="muted small">{ t.simulator_intro }</p>
                </div>
                <button type="button" class="btn-icon" aria-label={t.close_simulator} title={t.close_simulator} onclick={close}>
                    { icon(Icon::Close) }
                </button>
            </header>
            <div class="sim-guest">
                <label class="field field-compact">
                    <span class="field-label">{ t.sim_name }</span>
                    <input type="text" value={(*name).clone()} autocomplete="off"
                        oninput={let n = name.clone(); Callback::from(move |e: InputEvent| n.set(input_value(&e)))} />
                </label>
                <label class="field field-compact">
                    <span class="field-label">{ t.sim_number }</span>
                    <input type="tel" value={(*number).clone()} autocomplete="off" inputmode="tel"
                        aria-invalid={(!valid).to_string()}
                        aria-describedby={(!valid).then_some("sim-number-error")}
                        oninput={let n = number.clone(); Callback::from(move |e: InputEvent| n.set(input_value(&e)))} />
                </label>
                if !valid {
                    <p class="field-error" id="sim-number-error">{ t.sim_number_invalid }</p>
                }
                <div class="sim-guest-actions">
                    <button type="button" class="btn btn-ghost btn-small" onclick={new_guest}>
                        { icon(Icon::UserPlus) }{ t.sim_new_guest }
                    </button>
                    { open_conv }
                </div>
            </div>
            <div class="phone">
                <div class="phone-screen">
                    <div class="phone-bar">
                        <span class="avatar avatar-small" aria-hidden="true">{ initials(&host) }</span>
                        <span class="phone-contact">
                            <strong>{ host }</strong>
                            <small>{ t.sim_online }</small>
                        </span>
                    </div>
                    <div class="phone-log" ref={log} role="log" aria-live="polite" aria-label={t.simulator_title}>
                        if thread.is_empty() {
                            <p class="phone-hint">{ t.sim_empty }</p>
                        }
                        { for thread.iter().map(|m| {
                            let time = clock_time(m.at, utc_offset_minutes(m.at));
                            let (state, failure) = match &m.delivery {
                                Delivery::Sending => (html! { <span class="status st-pending" role="img" aria-label={t.status_pending}>{ icon(Icon::Clock) }</span> }, None),
                                Delivery::Sent => (html! { <span class="status st-read" role="img" aria-label={t.status_sent}>{ ticks(true) }</span> }, None),
                                Delivery::Failed(reason) => (html! { <span class="status st-failed" role="img" aria-label={t.status_failed}>{ icon(Icon::Alert) }</span> }, Some(reason.clone())),
                            };
                            html! {
                                <div key={m.key} class={classes!("pmsg", if m.from_guest { "pmsg-out" } else { "pmsg-in" })}>
                                    <div class="pbubble">
                                        { for m.media.iter().map(|f| if f.content_type.starts_with("image/") {
                                            html! { <img class="pmedia" src={f.url.clone()} alt="" /> }
                                        } else {
                                            html! { <a class="pmedia-file" href={f.url.clone()} target="_blank" rel="noopener">{ icon(Icon::Paperclip) }{ "PDF" }</a> }
                                        }) }
                                        if !m.body.is_empty() { <p>{ m.body.clone() }</p> }
                                        <span class="meta"><time>{ time }</time>if m.from_guest { { state } }</span>
                                    </div>
                                    if let Some(reason) = failure { <p class="msg-failure" role="alert">{ reason }</p> }
                                </div>
                            }
                        }) }
                    </div>
                    <form class="phone-input" {onsubmit}>
                        <label class="visually-hidden" for="sim-input">{ t.sim_placeholder }</label>
                        <textarea id="sim-input" rows="1" placeholder={t.sim_placeholder}
                            value={(*text).clone()} disabled={!valid} {onkeydown}
                            oninput={let s = text.clone(); Callback::from(move |e: InputEvent| s.set(input_value(&e)))} />
                        <button type="submit" class="btn-send" aria-label={t.sim_send} title={t.sim_send}
                            disabled={!valid || text.trim().is_empty()}>
                            { icon(Icon::Send) }
                        </button>
                    </form>
                </div>
            </div>
        </aside>
    }
}
