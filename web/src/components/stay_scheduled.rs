//! A stay card's scheduled messages, shown on demand: what the automations will send to the
//! guest, and what they could not (a guest who never wrote and an automation without a WhatsApp
//! template: skipped, with the reason) — the only place to see it while the guest has no
//! conversation. Loaded only when asked for, so a long list of stays costs no requests.

use protocol::StayId;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use super::scheduled_list::ScheduledList;
use crate::i18n::Localized;

#[derive(Properties, PartialEq)]
pub struct StayScheduledProps {
    pub stay: StayId,
}

#[function_component]
pub fn StayScheduled(props: &StayScheduledProps) -> Html {
    let t = use_lang().t();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <div class="stay-scheduled">
            <button type="button" class="btn btn-link btn-small" data-testid="stay-scheduled"
                aria-expanded={open.to_string()} onclick={toggle}>
                { icon(Icon::Clock) }{ t.scheduled_show }
            </button>
            if *open {
                <ScheduledList stay={props.stay} say_when_empty=true />
            }
        </div>
    }
}
