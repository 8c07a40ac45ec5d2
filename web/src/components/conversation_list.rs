//! The inbox pane: search, filters, and the live list (arrow keys move between conversations).

use std::rc::Rc;

use protocol::conversations::ConversationSummary;
use protocol::labels::Label;
use protocol::{ConversationId, InboxView, LabelId, MessageId, PropertyId};
use ui::api::NextPage;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::conversation_item::ConversationItem;
use super::first_run::FirstRun;
use super::hooks::{focus_id, input_value, use_lang, use_now, SessionCtx};
use super::icons::{icon, Icon};
use super::message_search::MessageSearch;
use crate::api;
use crate::clock::utc_offset_minutes;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::state::inbox::Filter;
use crate::state::narrowing::Narrowing;
use crate::state::stays::{PhaseFilter, StayFilter};
use crate::state::team::AssigneeFilter;
use crate::state::triage::{has_label, in_view};
use crate::state::{InboxAction, InboxState};

#[derive(Properties, PartialEq)]
pub struct ConversationListProps {
    pub inbox: UseReducerHandle<InboxState>,
    pub selected: Option<ConversationId>,
    pub on_select: Callback<ConversationId>,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or_default]
    pub simulator_mode: bool,
    /// The simulator is already on screen: no need to offer it.
    #[prop_or_default]
    pub simulator_open: bool,
    #[prop_or_default]
    pub on_open_simulator: Callback<()>,
    /// The operator reached the end of the loaded list: fetch the next page.
    #[prop_or_default]
    pub on_load_more: Callback<()>,
    /// Fetch every conversation, so that a search sees them all.
    #[prop_or_default]
    pub on_load_all: Callback<()>,
    /// A page is on its way.
    #[prop_or_default]
    pub fetching: bool,
    /// The conciergerie's labels (chips and the label filter).
    #[prop_or_default]
    pub labels: Rc<Vec<Label>>,
    /// A message found by the history search: open its conversation there.
    #[prop_or_default]
    pub on_open_hit: Callback<(ConversationId, MessageId)>,
}

/// Within this many pixels of the end of the list counts as "at the end": the next page is
/// fetched a little before the operator runs out of conversations.
const NEAR_END_PX: i32 = 240;

#[function_component]
pub fn ConversationList(props: &ConversationListProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let now = use_now(30_000);
    let offset = utc_offset_minutes(now);
    let query = use_state(String::new);
    let filter = use_state(Filter::default);
    // Property, phase and assignee: asked of the server (see `Narrowing`).
    let narrowing = use_state(Narrowing::default);
    // Open by default: closed and snoozed conversations wait in their own views.
    let view = use_state(|| InboxView::Open);
    let label = use_state(|| None::<LabelId>);
    let me = use_context::<SessionCtx>().map(|s| s.me.member.id);

    let visible: Vec<_> = props
        .inbox
        .visible(*filter, &query)
        .into_iter()
        .filter(|c| narrowing.matches(c, me))
        .filter(|c| in_view(*view, c, now) && has_label(c, *label))
        .collect();
    let ids: Vec<ConversationId> = visible.iter().map(|c| c.id).collect();

    let onkeydown = {
        let ids = ids.clone();
        let selected = props.selected;
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let step: isize = match e.key().as_str() {
                "ArrowDown" => 1,
                "ArrowUp" => -1,
                _ => return,
            };
            e.prevent_default();
            if ids.is_empty() {
                return;
            }
            let current = selected.and_then(|s| ids.iter().position(|id| *id == s));
            let next = match current {
                Some(i) => (i as isize + step).clamp(0, ids.len() as isize - 1) as usize,
                None => 0,
            };
            let id = ids[next];
            on_select.emit(id);
            focus_id(&format!("conv-{id}"));
        })
    };

    let more = props.inbox.more.is_some();
    let filtered = use_filtered_pages(&props.inbox, *narrowing);
    // While a property, phase or assignee is chosen, the list pages through the server's
    // narrowed inbox.
    let (list_more, fetching, on_load_more) = if narrowing.is_active() {
        (
            filtered.more.is_some(),
            filtered.fetching,
            filtered.load_more.clone(),
        )
    } else {
        (more, props.fetching, props.on_load_more.clone())
    };
    let onscroll = {
        let on_load_more = on_load_more.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            if list_more && el.scroll_height() - el.scroll_top() - el.client_height() < NEAR_END_PX
            {
                on_load_more.emit(());
            }
        })
    };
    // The end of the list: a button as well as the scroll, for keyboards and short lists.
    let list_end = list_more.then(|| {
        let on_load_more = on_load_more.clone();
        html! {
            <li class="list-more">
                <button type="button" class="btn btn-ghost" disabled={fetching} aria-busy={fetching.to_string()}
                    onclick={Callback::from(move |_| on_load_more.emit(()))}>
                    { if fetching { t.loading } else { t.load_more } }
                </button>
            </li>
        }
    });
    // The search box filters the loaded conversations by name, number and preview (and says so);
    // the history search below asks the server about every message.
    let search_note = (more && !query.trim().is_empty()).then(|| {
        let on_load_all = props.on_load_all.clone();
        html! {
            <p class="list-note search-partial muted" role="status">
                { t.search_partial }{ " " }
                <button type="button" class="btn btn-link" disabled={props.fetching}
                    onclick={Callback::from(move |_| on_load_all.emit(()))}>
                    { if props.fetching { t.loading } else { t.load_all } }
                </button>
            </p>
        }
    });

    let filter_button = |f: Filter| {
        let label = match f {
            Filter::All => t.filter_all,
            Filter::NeedsHuman => t.filter_needs_human,
            Filter::Unread => t.filter_unread,
            Filter::Urgent => t.filter_urgent,
        };
        let count = props.inbox.count(f);
        let pressed = *filter == f;
        let filter = filter.clone();
        html! {
            <button type="button" class={classes!("filter", pressed.then_some("active"), (matches!(f, Filter::NeedsHuman | Filter::Urgent) && count > 0).then_some("filter-alert"))}
                aria-pressed={pressed.to_string()} onclick={Callback::from(move |_| filter.set(f))}>
                { label }
                if f != Filter::All && count > 0 { <span class="filter-count">{ count }</span> }
            </button>
        }
    };

    // "Mes conversations" and "Non assignées": one at a time, a second click clears it. The
    // count is shown once every conversation is loaded (otherwise it would be a partial one).
    let assignee_button = |a: AssigneeFilter| {
        let (text, testid) = match a {
            AssigneeFilter::Mine => (t.filter_mine, "filter-mine"),
            AssigneeFilter::Unassigned => (t.filter_unassigned, "filter-unassigned"),
        };
        let count = (!more).then(|| {
            props
                .inbox
                .conversations
                .iter()
                .filter(|c| a.matches(c, me))
                .count()
        });
        let pressed = narrowing.assignee == Some(a);
        let narrowing = narrowing.clone();
        html! {
            <button type="button" class={classes!("filter", "filter-assignee", pressed.then_some("active"))}
                data-testid={testid} aria-pressed={pressed.to_string()}
                onclick={Callback::from(move |_| narrowing.set(Narrowing {
                    assignee: (!pressed).then_some(a),
                    ..*narrowing
                }))}>
                { text }
                if let Some(count) = count.filter(|n| *n > 0) { <span class="filter-count">{ count }</span> }
            </button>
        }
    };

    let body = if !props.inbox.loaded {
        match &props.error {
            Some(e) => html! { <p class="list-note notice notice-error" role="alert">{ e }</p> },
            None => html! {
                <ul class="conv-list skeleton" aria-busy="true" aria-label={t.loading}>
                    { for (0..6).map(|_| html! { <li class="conv-skeleton"><span class="avatar"></span><span class="lines"><span></span><span></span></span></li> }) }
                </ul>
            },
        }
    } else if props.inbox.conversations.is_empty() {
        let open_sim = props.on_open_simulator.clone();
        html! {
            <div class="list-empty">
                <div class="empty-illustration">{ icon(Icon::Chat) }</div>
                <h2>{ t.empty_inbox }</h2>
                <p class="muted">{ t.empty_inbox_hint }</p>
                <FirstRun />
                if props.simulator_mode && !props.simulator_open {
                    <p class="muted">{ t.empty_inbox_sim_hint }</p>
                    <button type="button" class="btn btn-primary" onclick={Callback::from(move |_| open_sim.emit(()))}>
                        { icon(Icon::Phone) }{ t.open_simulator_long }
                    </button>
                }
            </div>
        }
    } else if visible.is_empty() && !list_more {
        html! { <p class="list-note muted">{ t.no_match }</p> }
    } else {
        html! {
            <ul class="conv-list" aria-label={t.inbox_title} {onkeydown} {onscroll}>
                if visible.is_empty() {
                    <li class="list-note muted">{ t.no_match }</li>
                }
                { for visible.iter().map(|c| html! {
                    <ConversationItem key={c.id.0} conversation={(*c).clone()}
                        active={props.selected == Some(c.id)} {now} offset_minutes={offset}
                        on_select={props.on_select.clone()} labels={props.labels.clone()} />
                }) }
                { for list_end }
            </ul>
        }
    };

    html! {
        <section class="conv-pane" aria-label={t.inbox_title}>
            <header class="pane-header">
                <h1>{ t.inbox_title }</h1>
                if props.inbox.loaded {
                    <span class="muted small">{
                        match (more, props.inbox.conversations.len()) {
                            (true, n) => lang.count_label_at_least(n),
                            (false, n) => lang.count_label(n),
                        }
                    }</span>
                    <a class="btn btn-small btn-outline list-export" id="export-list" download=""
                        href="/api/conversations/export.csv" title={t.export_list_title}>
                        { icon(Icon::ArrowDown) }{ t.export_list }
                    </a>
                }
            </header>
            <div class="search">
                { icon(Icon::Search) }
                <input type="search" aria-label={t.search_label} placeholder={t.search_placeholder}
                    value={(*query).clone()}
                    oninput={let q = query.clone(); Callback::from(move |e: InputEvent| q.set(input_value(&e)))} />
                if !query.is_empty() {
                    <button type="button" class="btn-icon" aria-label={t.clear_search}
                        onclick={let q = query.clone(); Callback::from(move |_| q.set(String::new()))}>
                        { icon(Icon::Close) }
                    </button>
                }
            </div>
            <div class="filters" role="group" aria-label={t.filters_label}>
                { for Filter::ALL.into_iter().map(filter_button) }
                if me.is_some() {
                    { for AssigneeFilter::ALL.into_iter().map(assignee_button) }
                }
            </div>
            { triage_filters(&view, &label, &props.labels, lang) }
            { stay_filters(&props.inbox, &narrowing, lang) }
            if props.inbox.loaded {
                if let Some(e) = &props.error {
                    <p class="list-note notice notice-error" role="alert">{ e }</p>
                }
            }
            { for search_note }
            { body }
            <MessageSearch query={(*query).clone()} on_open={props.on_open_hit.clone()} />
        </section>
    }
}

/// The server's pages of the narrowed inbox (property, phase, assignee).
struct FilteredPages {
    more: Option<NextPage>,
    fetching: bool,
    load_more: Callback<()>,
}

/// Asks the server for the first page of the filtered inbox whenever the filter changes (and
/// after every resync), and follows its next link on demand. The pages are merged into the
/// inbox like any page; the list's filter (`Narrowing::matches`) still decides what shows,
/// which also covers what live events bring.
#[hook]
fn use_filtered_pages(inbox: &UseReducerHandle<InboxState>, filter: Narrowing) -> FilteredPages {
    let more = use_state(|| None::<NextPage>);
    let fetching = use_state(|| false);
    // Answers for an older filter are dropped: only the latest request may set the next link.
    let generation = use_mut_ref(|| 0u64);
    {
        let (inbox, more, fetching, generation) = (
            inbox.clone(),
            more.clone(),
            fetching.clone(),
            generation.clone(),
        );
        use_effect_with((filter, inbox.resync_seq), move |(filter, _)| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            more.set(None);
            if let Some(path) = filter.query() {
                fetching.set(true);
                spawn_local(async move {
                    let page = api::conversations_at(&path).await;
                    if *generation.borrow() != mine {
                        return;
                    }
                    if let Ok(page) = page {
                        inbox.dispatch(InboxAction::FilteredConversationsLoaded(page.items));
                        more.set(page.next);
                    }
                    fetching.set(false);
                });
            } else {
                fetching.set(false);
            }
        });
    }
    let load_more = {
        let (inbox, more, fetching, generation) = (
            inbox.clone(),
            more.clone(),
            fetching.clone(),
            generation.clone(),
        );
        Callback::from(move |()| {
            let Some(next) = (*more).clone().filter(|_| !*fetching) else {
                return;
            };
            let (inbox, more, fetching, generation) = (
                inbox.clone(),
                more.clone(),
                fetching.clone(),
                generation.clone(),
            );
            let mine = *generation.borrow();
            fetching.set(true);
            spawn_local(async move {
                let page = api::next_page::<ConversationSummary>(&next).await;
                if *generation.borrow() != mine {
                    return;
                }
                if let Ok(page) = page {
                    inbox.dispatch(InboxAction::FilteredConversationsLoaded(page.items));
                    more.set(page.next);
                }
                fetching.set(false);
            });
        })
    };
    FilteredPages {
        more: (*more).clone(),
        fetching: *fetching,
        load_more,
    }
}

/// The view (open, snoozed, closed) and, once the conciergerie has labels, the label filter.
fn triage_filters(
    view: &UseStateHandle<InboxView>,
    label: &UseStateHandle<Option<LabelId>>,
    labels: &[Label],
    lang: Lang,
) -> Html {
    let t = lang.t();
    let view_button = |v: InboxView| {
        let text = match v {
            InboxView::Open => t.view_open,
            InboxView::Snoozed => t.view_snoozed,
            InboxView::Closed => t.view_closed,
        };
        let pressed = **view == v;
        let view = view.clone();
        html! {
            <button type="button" id={format!("view-{}", v.as_str())} class={classes!("filter", pressed.then_some("active"))}
                aria-pressed={pressed.to_string()} onclick={Callback::from(move |_| view.set(v))}>
                { text }
            </button>
        }
    };
    let on_label = {
        let label = label.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            label.set(value.parse().ok());
        })
    };
    html! {
        <div class="filters triage-filters" role="group" aria-label={t.view_label}>
            { for InboxView::ALL.iter().copied().map(view_button) }
            if !labels.is_empty() || label.is_some() {
                <select id="inbox-label" aria-label={t.label_filter} onchange={on_label}>
                    <option value="" selected={label.is_none()}>{ t.label_filter_any }</option>
                    { for labels.iter().map(|l| html! {
                        <option value={l.id.to_string()} selected={**label == Some(l.id)}>{ &l.name }</option>
                    }) }
                </select>
            }
        </div>
    }
}

/// The property and phase selects, once some conversation is linked to a stay. The properties
/// offered are those of the loaded conversations' stays.
fn stay_filters(inbox: &InboxState, narrowing: &UseStateHandle<Narrowing>, lang: Lang) -> Html {
    let filter = narrowing.stay;
    let t = lang.t();
    let mut properties: Vec<(PropertyId, String)> = Vec::new();
    for stay in inbox.conversations.iter().filter_map(|c| c.stay.as_ref()) {
        if !properties.iter().any(|(id, _)| *id == stay.property_id) {
            properties.push((stay.property_id, stay.property_name.clone()));
        }
    }
    if properties.is_empty() && !filter.is_active() {
        return Html::default();
    }
    properties.sort_by(|a, b| a.1.cmp(&b.1));
    let value = |e: &Event| {
        e.target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default()
    };
    let on_property = {
        let narrowing = narrowing.clone();
        Callback::from(move |e: Event| {
            let stay = StayFilter {
                property: value(&e).parse().ok(),
                ..narrowing.stay
            };
            narrowing.set(Narrowing { stay, ..*narrowing })
        })
    };
    let on_phase = {
        let narrowing = narrowing.clone();
        Callback::from(move |e: Event| {
            let stay = StayFilter {
                phase: PhaseFilter::parse(&value(&e)),
                ..narrowing.stay
            };
            narrowing.set(Narrowing { stay, ..*narrowing })
        })
    };
    let phase_label = |p: PhaseFilter| match p {
        PhaseFilter::ArrivingToday => t.phase_arriving_today,
        PhaseFilter::InStay => t.phase_in_stay,
    };
    html! {
        <div class="filters stay-filters" role="group" aria-label={t.stays_title}>
            <select id="inbox-property" aria-label={t.stay_property} onchange={on_property}>
                <option value="" selected={filter.property.is_none()}>{ t.stay_all_properties }</option>
                { for properties.into_iter().map(|(id, name)| html! {
                    <option value={id.to_string()} selected={filter.property == Some(id)}>{ name }</option>
                }) }
            </select>
            <select id="inbox-phase" aria-label={t.phase_all} onchange={on_phase}>
                <option value="" selected={filter.phase.is_none()}>{ t.phase_all }</option>
                { for PhaseFilter::ALL.into_iter().map(|p| html! {
                    <option value={p.as_str()} selected={filter.phase == Some(p)}>{ phase_label(p) }</option>
                }) }
            </select>
        </div>
    }
}
