//! The stay a conversation is about, under the guest's name in the chat header: property, dates
//! and phase, with the operator's link and unlink.

use protocol::conversations::{ConversationPatch, ConversationSummary};
use protocol::stays::{Stay, StayPhase};
use protocol::{StayId, StayStatus};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use super::scheduled_list::ScheduledList;
use crate::api;
use crate::api::Explain;
use crate::i18n::{Lang, Localized};
use crate::state::stays::short_dates;

pub fn phase_label(phase: StayPhase, lang: Lang) -> &'static str {
    let t = lang.t();
    match phase {
        StayPhase::BeforeArrival => t.phase_before,
        StayPhase::InStay => t.phase_in_stay,
        StayPhase::Departed => t.phase_departed,
    }
}

pub fn phase_class(phase: StayPhase) -> &'static str {
    match phase {
        StayPhase::BeforeArrival => "phase-before",
        StayPhase::InStay => "phase-in-stay",
        StayPhase::Departed => "phase-departed",
    }
}

#[derive(Properties, PartialEq)]
pub struct StayHeaderProps {
    pub conversation: ConversationSummary,
    pub on_patch: Callback<ConversationPatch>,
    pub busy: bool,
}

#[function_component]
pub fn StayHeader(props: &StayHeaderProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    // The stays to pick from, loaded when the operator asks to link.
    let picking = use_state(|| None::<Result<Vec<Stay>, String>>);
    let link = |stay: Option<StayId>| {
        let (on_patch, picking) = (props.on_patch.clone(), picking.clone());
        move || {
            picking.set(None);
            on_patch.emit(ConversationPatch {
                stay_id: Some(stay),
                ..Default::default()
            });
        }
    };
    let open_picker = {
        let picking = picking.clone();
        Callback::from(move |_| {
            let picking = picking.clone();
            picking.set(Some(Ok(Vec::new())));
            spawn_local(async move {
                let stays = api::stays(None, "", "").await.map(|list| {
                    list.into_iter()
                        .filter(|s| s.status == StayStatus::Confirmed)
                        .collect()
                });
                picking.set(Some(stays.map_err(|e| e.message(lang))));
            });
        })
    };

    let current = match &props.conversation.stay {
        Some(stay) => {
            let unlink = link(None);
            html! {
                <span class="stay-info" data-testid="chat-stay">
                    <span class={classes!("chip", "chip-stay", phase_class(stay.phase))}>{ phase_label(stay.phase, lang) }</span>
                    <span class="stay-property">{ icon(Icon::Home) }{ stay.property_name.clone() }</span>
                    <span class="stay-dates">{ icon(Icon::Calendar) }{ short_dates(stay.arrival, stay.departure, lang) }</span>
                    <span class="stay-guest muted">{ stay.guest_name.clone() }</span>
                    <button type="button" class="btn btn-link btn-small" data-testid="stay-unlink" disabled={props.busy}
                        onclick={Callback::from(move |_| unlink())}>{ t.stay_unlink }</button>
                </span>
            }
        }
        None => html! {
            <span class="stay-info muted">
                { t.stay_none }
                if picking.is_none() {
                    <button type="button" class="btn btn-link btn-small" data-testid="stay-link" disabled={props.busy}
                        onclick={open_picker}>{ t.stay_link }</button>
                }
            </span>
        },
    };
    let picker = match &*picking {
        None => Html::default(),
        Some(Err(e)) => html! { <span class="field-error" role="alert">{ e.clone() }</span> },
        Some(Ok(stays)) => {
            let choose = {
                let on_patch = props.on_patch.clone();
                let picking = picking.clone();
                Callback::from(move |e: Event| {
                    let value = e
                        .target_dyn_into::<web_sys::HtmlSelectElement>()
                        .map(|s| s.value())
                        .unwrap_or_default();
                    match value.parse::<StayId>() {
                        Ok(id) => {
                            picking.set(None);
                            on_patch.emit(ConversationPatch {
                                stay_id: Some(Some(id)),
                                ..Default::default()
                            });
                        }
                        Err(_) => picking.set(None),
                    }
                })
            };
            html! {
                <select class="stay-picker" data-testid="stay-picker" aria-label={t.stay_link} onchange={choose}>
                    <option value="" selected=true>{ if stays.is_empty() { t.loading } else { t.stay_pick } }</option>
                    { for stays.iter().map(|s| html! {
                        <option value={s.id.to_string()}>
                            { format!("{} · {}", s.guest_name, short_dates(s.arrival, s.departure, lang)) }
                        </option>
                    }) }
                </select>
            }
        }
    };
    let scheduled = props
        .conversation
        .stay
        .as_ref()
        .map(|s| html! { <ScheduledList stay={s.id} /> });
    html! { <div class="chat-stay">{ current }{ picker }{ for scheduled }</div> }
}
