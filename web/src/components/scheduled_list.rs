//! The messages automations will send to the guest of a stay, shown in the conversation with a
//! way to stop one before it goes, and those that did not go (skipped, failed) with the reason.

use protocol::automations::{Automation, ScheduledMessage};
use protocol::{ScheduledId, ScheduledStatus, StayId};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::clock::utc_offset_minutes;
use crate::format::{clock_time, long_date};
use crate::i18n::Localized;
use crate::state::automations;

#[derive(Properties, PartialEq)]
pub struct ScheduledListProps {
    pub stay: StayId,
    /// Say so when there is nothing to show (the list was asked for), instead of showing nothing.
    #[prop_or_default]
    pub say_when_empty: bool,
}

#[function_component]
pub fn ScheduledList(props: &ScheduledListProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let rows = use_state(Vec::<ScheduledMessage>::new);
    let names = use_state(Vec::<Automation>::new);
    let error = use_state(|| None::<String>);
    let loaded = use_state(|| false);
    {
        let (rows, names, loaded) = (rows.clone(), names.clone(), loaded.clone());
        use_effect_with(props.stay, move |stay| {
            let stay = *stay;
            spawn_local(async move {
                if let Ok(list) = api::scheduled(stay).await {
                    rows.set(list);
                }
                loaded.set(true);
                if let Ok(list) = api::automations().await {
                    names.set(list);
                }
            });
        });
    }
    let cancel = |id: ScheduledId| {
        let (rows, error) = (rows.clone(), error.clone());
        Callback::from(move |_| {
            let (rows, error) = (rows.clone(), error.clone());
            spawn_local(async move {
                match api::cancel_scheduled(id).await {
                    Ok(done) => rows.set(
                        rows.iter()
                            .map(|r| if r.id == id { done.clone() } else { r.clone() })
                            .collect(),
                    ),
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        })
    };
    let shown = automations::shown(&rows);
    if shown.is_empty() && error.is_none() {
        return match (props.say_when_empty, *loaded) {
            (true, true) => {
                html! { <p class="scheduled muted" data-testid="scheduled-none">{ t.scheduled_none }</p> }
            }
            _ => Html::default(),
        };
    }
    let name = |r: &ScheduledMessage| {
        names
            .iter()
            .find(|a| a.id == r.automation_id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    html! {
        <div class="scheduled" data-testid="scheduled">
            <strong>{ icon(Icon::Clock) }{ t.scheduled_title }</strong>
            if let Some(e) = &*error { <span class="field-error" role="alert">{ e.clone() }</span> }
            <ul>
                { for shown.into_iter().map(|r| {
                    let offset = utc_offset_minutes(r.due_at);
                    let when = format!("{} {} · {}", long_date(r.due_at, offset, lang), clock_time(r.due_at, offset), name(r));
                    if r.status == ScheduledStatus::Pending {
                        return html! {
                            <li key={r.id.0}>
                                <span>{ when }</span>
                                <button type="button" class="btn btn-link btn-small" data-testid="scheduled-cancel"
                                    onclick={cancel(r.id)}>{ t.scheduled_cancel }</button>
                            </li>
                        };
                    }
                    let status = if r.status == ScheduledStatus::Failed { t.scheduled_failed } else { t.scheduled_skipped };
                    let why = r.reason.as_deref().map(|why| automations::reason(why, lang)).unwrap_or_default();
                    html! {
                        <li key={r.id.0} class="scheduled-not-sent" data-testid="scheduled-not-sent">
                            <span>{ when }{ " · " }<em>{ status }</em>
                                if !why.is_empty() { { lang.pick("\u{a0}: ", ": ") }{ why } }
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
