//! The chat header's triage controls: close or reopen, snooze ("Reporter": 1 h, tomorrow 9:00,
//! next week, or a chosen time), the labels, and renaming the contact inline.

use std::rc::Rc;

use protocol::conversations::{ConversationPatch, ConversationSummary};
use protocol::labels::Label;
use protocol::{ConversationStatus, LabelId};
use yew::prelude::*;

use super::hooks::{input_value, use_lang, use_now};
use super::icons::{icon, Icon};
use crate::clock::utc_offset_minutes;
use crate::format::clock_time;
use crate::i18n::{Lang, Localized};
use crate::state::triage::{is_snoozed, parse_local, SnoozePreset};

#[derive(Properties, PartialEq)]
pub struct TriageControlsProps {
    pub conversation: ConversationSummary,
    pub labels: Rc<Vec<Label>>,
    pub on_patch: Callback<ConversationPatch>,
    #[prop_or_default]
    pub busy: bool,
}

fn preset_label(preset: SnoozePreset, lang: Lang) -> &'static str {
    let t = lang.t();
    match preset {
        SnoozePreset::OneHour => t.snooze_one_hour,
        SnoozePreset::TomorrowMorning => t.snooze_tomorrow,
        SnoozePreset::NextWeek => t.snooze_next_week,
    }
}

/// Closes the `<details>` menu a click came from.
fn close_menu(e: &MouseEvent) {
    use wasm_bindgen::JsCast;
    let menu = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("details").ok().flatten());
    if let Some(menu) = menu {
        let _ = menu.remove_attribute("open");
    }
}

#[function_component]
pub fn TriageControls(props: &TriageControlsProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let now = use_now(30_000);
    let offset = utc_offset_minutes(now);
    let c = &props.conversation;
    let custom = use_state(String::new);

    let patch = |p: ConversationPatch| {
        let on_patch = props.on_patch.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            on_patch.emit(p.clone())
        })
    };
    let closed = c.status == ConversationStatus::Closed;
    let status_button = if closed {
        html! {
            <button type="button" class="btn btn-ghost btn-small" id="triage-reopen" disabled={props.busy}
                onclick={patch(ConversationPatch { status: Some(ConversationStatus::Open), ..Default::default() })}>
                { icon(Icon::Undo) }{ t.reopen }
            </button>
        }
    } else {
        html! {
            <button type="button" class="btn btn-ghost btn-small" id="triage-close" disabled={props.busy}
                onclick={patch(ConversationPatch { status: Some(ConversationStatus::Closed), ..Default::default() })}>
                { icon(Icon::Check) }{ t.close_conversation }
            </button>
        }
    };

    let snoozed = is_snoozed(c, now);
    let snooze_state = c.snoozed_until.filter(|_| snoozed).map(|until| {
        html! {
            <span class="chip chip-snoozed" id="snoozed-until">
                { icon(Icon::Clock) }{ format!("{} {}", t.snoozed_until, clock_time(until, offset)) }
            </span>
        }
    });
    let custom_until = parse_local(&custom, offset).filter(|until| *until > now);
    let on_custom = {
        let custom = custom.clone();
        Callback::from(move |e: InputEvent| custom.set(input_value(&e)))
    };
    let snooze_menu = html! {
        <details class="menu triage-snooze">
            <summary class="btn btn-ghost btn-small" id="triage-snooze">{ icon(Icon::Clock) }{ t.snooze }</summary>
            <div class="menu-panel" role="menu">
                { for SnoozePreset::ALL.iter().map(|preset| html! {
                    <button type="button" role="menuitem" class="menu-item" disabled={props.busy}
                        onclick={patch(ConversationPatch {
                            snoozed_until: Some(Some(preset.until(now, offset))),
                            ..Default::default()
                        })}>
                        { preset_label(*preset, lang) }
                    </button>
                }) }
                <label class="menu-custom">
                    <span>{ t.snooze_custom }</span>
                    <input type="datetime-local" value={(*custom).clone()} oninput={on_custom} />
                </label>
                <button type="button" class="btn btn-primary btn-small" disabled={props.busy || custom_until.is_none()}
                    onclick={patch(ConversationPatch { snoozed_until: Some(custom_until), ..Default::default() })}>
                    { t.snooze }
                </button>
                if snoozed {
                    <button type="button" role="menuitem" class="menu-item" disabled={props.busy}
                        onclick={patch(ConversationPatch { snoozed_until: Some(None), ..Default::default() })}>
                        { t.snooze_cancel }
                    </button>
                }
            </div>
        </details>
    };

    let label_menu = html! {
        <details class="menu triage-labels">
            <summary class="btn btn-ghost btn-small" id="triage-labels">{ icon(Icon::Edit) }{ t.labels }</summary>
            <div class="menu-panel" role="group" aria-label={t.labels}>
                if props.labels.is_empty() {
                    <p class="muted">{ t.labels_none }</p>
                }
                { for props.labels.iter().map(|label| {
                    let on = c.labels.contains(&label.id);
                    let mut next: Vec<LabelId> = c.labels.iter().copied().filter(|l| *l != label.id).collect();
                    if !on {
                        next.push(label.id);
                    }
                    let on_patch = props.on_patch.clone();
                    let onchange = Callback::from(move |_: Event| on_patch.emit(ConversationPatch {
                        labels: Some(next.clone()),
                        ..Default::default()
                    }));
                    html! {
                        <label class="menu-check">
                            <input type="checkbox" checked={on} disabled={props.busy} {onchange} />
                            <span class={classes!("label-chip", format!("label-{}", label.colour))}>{ &label.name }</span>
                        </label>
                    }
                }) }
            </div>
        </details>
    };

    html! {
        <div class="triage" aria-label={t.triage}>
            { snooze_state }
            { status_button }
            { snooze_menu }
            { label_menu }
        </div>
    }
}

/// The labels a conversation carries, as coloured chips (names from the conciergerie's list).
pub fn label_chips(c: &ConversationSummary, labels: &[Label]) -> Html {
    html! {
        for c.labels.iter().filter_map(|id| labels.iter().find(|l| l.id == *id)).map(|label| html! {
            <span class={classes!("label-chip", format!("label-{}", label.colour))}>{ &label.name }</span>
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct ContactNameProps {
    pub conversation: ConversationSummary,
    /// What the header shows (the name, else the number).
    pub name: String,
    pub on_patch: Callback<ConversationPatch>,
    #[prop_or_default]
    pub busy: bool,
}

/// The contact's name as the chat's title; a pencil turns it into a field (Enter saves, Escape
/// cancels, empty clears the name).
#[function_component]
pub fn ContactName(props: &ContactNameProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let editing = use_state(|| None::<String>);
    let Some(value) = (*editing).clone() else {
        let start = {
            let editing = editing.clone();
            let current = props.conversation.contact_name.clone().unwrap_or_default();
            Callback::from(move |_| editing.set(Some(current.clone())))
        };
        return html! {
            <h2 class="contact-name">
                { &props.name }
                <button type="button" class="btn-icon btn-rename" id="rename-contact" aria-label={t.rename_contact}
                    title={t.rename_contact} onclick={start}>{ icon(Icon::Edit) }</button>
            </h2>
        };
    };
    let oninput = {
        let editing = editing.clone();
        Callback::from(move |e: InputEvent| editing.set(Some(input_value(&e))))
    };
    let save = {
        let (editing, on_patch, value) = (editing.clone(), props.on_patch.clone(), value.clone());
        move || {
            on_patch.emit(ConversationPatch {
                contact_name: Some(value.trim().to_owned()),
                ..Default::default()
            });
            editing.set(None);
        }
    };
    let onsubmit = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save();
        })
    };
    let onkeydown = {
        let editing = editing.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                editing.set(None);
            }
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(None))
    };
    html! {
        <form class="contact-rename" {onsubmit}>
            <input id="contact-name-input" type="text" maxlength="120" {value} {oninput} {onkeydown}
                aria-label={t.rename_contact} placeholder={props.conversation.phone_number.clone()} autofocus=true />
            <button type="submit" class="btn btn-primary btn-small" disabled={props.busy}>{ t.save }</button>
            <button type="button" class="btn btn-ghost btn-small" onclick={cancel}>{ t.cancel }</button>
        </form>
    }
}
