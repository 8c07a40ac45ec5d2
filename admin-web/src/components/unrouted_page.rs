//! Webhooks that matched no conciergerie, by the number they were sent to. Giving the number to
//! a conciergerie moves every waiting message into its inbox (and routes the next ones there).

use protocol::ConciergerieId;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{focus_id, offset_now, select_value, use_lang, use_now};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::format::{ago, date_time, phone};
use crate::i18n::Localized;
use crate::route::Page;
use crate::state::conciergeries::ConciergerieList;
use crate::state::unrouted::{candidates, Blocked, NumberGroup, Unrouted, UnroutedAction};

/// Messages shown per number before "show all".
const PREVIEW: usize = 4;

#[derive(Properties, PartialEq)]
pub struct UnroutedPageProps {
    pub unrouted: UseReducerHandle<Unrouted>,
    pub conciergeries: UseReducerHandle<ConciergerieList>,
    #[prop_or_default]
    pub error: Option<String>,
    pub on_reload: Callback<()>,
    /// A number changed hands: the conciergerie list must reload.
    pub on_conciergeries_changed: Callback<()>,
    pub navigate: Callback<Page>,
}

#[function_component]
pub fn UnroutedPage(props: &UnroutedPageProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let flash = use_state(|| None::<String>);
    let groups = props.unrouted.groups();

    let on_assigned = {
        let flash = flash.clone();
        let unrouted = props.unrouted.dispatcher();
        let changed = props.on_conciergeries_changed.clone();
        Callback::from(move |(to, moved, name): (String, u64, String)| {
            flash.set(Some(lang.assigned_note(moved, &name, &phone(&to))));
            unrouted.dispatch(UnroutedAction::Assigned { to });
            changed.emit(());
            focus_id("page-title");
        })
    };

    let body = if !props.unrouted.loaded {
        match &props.error {
            Some(e) => html! {
                <div class="notice notice-error" role="alert">
                    { icon(Icon::Alert) }<span>{ e.clone() }</span>
                    <button type="button" class="btn btn-small btn-outline"
                        onclick={let r = props.on_reload.clone(); Callback::from(move |_| r.emit(()))}>{ t.retry }</button>
                </div>
            },
            None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        }
    } else if groups.is_empty() {
        html! {
            <div class="empty-card empty-ok">
                <div class="empty-illustration">{ icon(Icon::Check) }</div>
                <p><strong>{ t.unrouted_empty_title }</strong></p>
                <p>{ t.unrouted_empty }</p>
            </div>
        }
    } else {
        html! {
            <ul class="card-list">
                { for groups.into_iter().map(|g| html! {
                    <NumberCard key={g.to.clone()} group={g.clone()} conciergeries={props.conciergeries.clone()}
                        on_assigned={on_assigned.clone()} navigate={props.navigate.clone()} />
                }) }
            </ul>
        }
    };

    html! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <div>
                    <h1 id="page-title" tabindex="-1">{ t.unrouted_title }
                        if props.unrouted.loaded && !props.unrouted.messages.is_empty() {
                            <span class="count-pill count-alert">{ props.unrouted.messages.len() }</span>
                        }
                    </h1>
                    <p class="muted">{ t.unrouted_intro }</p>
                </div>
                <div class="header-actions">
                    <button type="button" class="btn btn-outline" title={t.refresh} aria-label={t.refresh}
                        onclick={let r = props.on_reload.clone(); Callback::from(move |_| r.emit(()))}>
                        { icon(Icon::Refresh) }<span class="action-label">{ t.refresh }</span>
                    </button>
                </div>
            </header>
            if let Some(note) = &*flash {
                <p class="notice notice-success" role="status">
                    { icon(Icon::Check) }<span>{ note.clone() }</span>
                    <button type="button" class="btn-icon" aria-label={t.dismiss}
                        onclick={let f = flash.clone(); Callback::from(move |_| f.set(None))}>{ icon(Icon::Close) }</button>
                </p>
            }
            if props.unrouted.loaded {
                if let Some(e) = &props.error {
                    <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p>
                }
            }
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct NumberCardProps {
    pub group: NumberGroup,
    pub conciergeries: UseReducerHandle<ConciergerieList>,
    /// `(number, messages moved, conciergerie name)`.
    pub on_assigned: Callback<(String, u64, String)>,
    pub navigate: Callback<Page>,
}

#[function_component]
pub fn NumberCard(props: &NumberCardProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let now = use_now(60_000);
    let offset = offset_now();
    let chosen = use_state(|| None::<ConciergerieId>);
    let confirming = use_state(|| false);
    let expanded = use_state(|| false);
    let error = use_state(|| None::<String>);
    let saving = use_state(|| false);
    let g = &props.group;
    let key = g.to.trim_start_matches("whatsapp:+").to_owned();
    let select_id = format!("assign-{key}");
    let options = candidates(&props.conciergeries.items, &g.to);
    let available = options.iter().filter(|(_, b)| b.is_none()).count();
    let chosen_name = chosen
        .and_then(|id| options.iter().find(|(c, _)| c.id == id))
        .map(|(c, _)| c.name.clone());

    let on_choose = {
        let (chosen, confirming, error) = (chosen.clone(), confirming.clone(), error.clone());
        Callback::from(move |e: Event| {
            error.set(None);
            confirming.set(false);
            chosen.set(select_value(&e).parse().ok());
        })
    };
    let on_assign = {
        let confirming = confirming.clone();
        let confirm_id = format!("{select_id}-confirm");
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            confirming.set(true);
            focus_id(&confirm_id);
        })
    };
    let on_confirm = {
        let (chosen, error, saving) = (chosen.clone(), error.clone(), saving.clone());
        let first = g.messages.first().map(|m| m.id);
        let on_assigned = props.on_assigned.clone();
        let name = chosen_name.clone().unwrap_or_default();
        Callback::from(move |_| {
            let (Some(conciergerie), Some(message)) = (*chosen, first) else {
                return;
            };
            let (error, saving, on_assigned, name) = (
                error.clone(),
                saving.clone(),
                on_assigned.clone(),
                name.clone(),
            );
            saving.set(true);
            spawn_local(async move {
                let result = api::assign_number(message, conciergerie).await;
                saving.set(false);
                match result {
                    Ok(done) => on_assigned.emit((done.whatsapp_number, done.moved, name)),
                    Err(e) if e.code() == Some("conflict") => error.set(Some(format!(
                        "{} {}",
                        lang.t().assign_conflict,
                        e.message(lang)
                    ))),
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        })
    };

    let shown: Vec<_> = if *expanded {
        g.messages.iter().collect()
    } else {
        // The most recent ones: that is what the admin came to read.
        g.messages.iter().rev().take(PREVIEW).rev().collect()
    };
    let hidden = g.messages.len() - shown.len();
    let title_id = format!("number-{key}");

    html! {
        <li class="card number-card" aria-labelledby={title_id.clone()}>
            <div class="number-head">
                <span class="number-icon" aria-hidden="true">{ icon(Icon::Phone) }</span>
                <div class="number-ident">
                    <h2 id={title_id} class="mono">{ phone(&g.to) }</h2>
                    <p class="muted small">
                        { lang.unrouted_summary(g.messages.len(), g.senders) }{ " · " }
                        <time datetime={g.latest.to_rfc3339()} title={date_time(g.latest, offset, lang)}>
                            { lang.last_received(&ago(g.latest, now, offset, lang)) }
                        </time>
                        if let Some(sid) = &g.messaging_service_sid {
                            { " · " }<span class="mono" title={t.field_sid}>{ sid.clone() }</span>
                        }
                    </p>
                </div>
            </div>
            <ol class="unrouted-list">
                if hidden > 0 {
                    <li class="unrouted-more">
                        <button type="button" class="btn-link" onclick={let x = expanded.clone(); Callback::from(move |_| x.set(true))}>
                            { lang.show_earlier(hidden) }
                        </button>
                    </li>
                }
                { for shown.into_iter().map(|m| html! {
                    <li class="unrouted-msg">
                        <div class="unrouted-meta">
                            <span class="mono">{ phone(&m.from) }</span>
                            <time datetime={m.received_at.to_rfc3339()}>{ date_time(m.received_at, offset, lang) }</time>
                        </div>
                        <p class="unrouted-body">
                            if m.body.is_empty() { <em class="muted">{ t.no_text }</em> } else { { m.body.clone() } }
                        </p>
                    </li>
                }) }
            </ol>
            <form class="assign" onsubmit={on_assign}>
                if options.is_empty() || available == 0 {
                    <p class="muted small">
                        { if options.is_empty() { t.assign_none } else { t.assign_none_free } }{ " " }
                        <button type="button" class="btn-link"
                            onclick={let n = props.navigate.clone(); Callback::from(move |_| n.emit(Page::Conciergeries))}>
                            { t.go_to_conciergeries }
                        </button>
                    </p>
                } else {
                    <label class="field-label" for={select_id.clone()}>{ t.assign_label }</label>
                    <div class="assign-row">
                        <select id={select_id.clone()} onchange={on_choose} aria-describedby={format!("{select_id}-hint")}>
                            <option value="" selected={chosen.is_none()}>{ t.assign_placeholder }</option>
                            { for options.iter().map(|(c, blocked)| {
                                let label = match blocked {
                                    Some(Blocked::HasNumber(n)) => lang.has_number(&c.name, &phone(n)),
                                    None if !c.active => format!("{} ({})", c.name, t.status_inactive.to_lowercase()),
                                    None => c.name.clone(),
                                };
                                html! {
                                    <option value={c.id.to_string()} disabled={blocked.is_some()}
                                        selected={*chosen == Some(c.id)}>{ label }</option>
                                }
                            }) }
                        </select>
                        <button type="submit" class="btn btn-primary" disabled={chosen.is_none() || *confirming}>
                            { icon(Icon::ArrowRight) }{ t.assign_submit }
                        </button>
                    </div>
                    <small class="field-hint" id={format!("{select_id}-hint")}>{ t.assign_hint }</small>
                }
                if *confirming {
                    if let Some(name) = &chosen_name {
                        <div class="panel panel-confirm" role="alertdialog" aria-labelledby={format!("{select_id}-confirm-text")}>
                            <p id={format!("{select_id}-confirm-text")}>{ lang.assign_confirm(&phone(&g.to), name, g.messages.len()) }</p>
                            <div class="form-actions">
                                <button type="button" class="btn btn-ghost"
                                    onclick={let c = confirming.clone(); Callback::from(move |_| c.set(false))}>{ t.cancel }</button>
                                <button type="button" id={format!("{select_id}-confirm")} class="btn btn-primary"
                                    disabled={*saving} onclick={on_confirm}>
                                    { if *saving { t.saving } else { t.confirm } }
                                </button>
                            </div>
                        </div>
                    }
                }
                if let Some(e) = &*error {
                    <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p>
                }
            </form>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::conciergeries::ConciergerieAction;
    use crate::state::fixtures::{conciergerie, t};
    use protocol::admin::{ConciergerieOverview, UnroutedMessage};
    use protocol::UnroutedMessageId;

    #[function_component]
    fn Harness() -> Html {
        let unrouted = use_reducer(|| {
            let mut u = Unrouted::default();
            let msg = |id: i64, body: &str| UnroutedMessage {
                id: UnroutedMessageId(id),
                to: "whatsapp:+33455555555".into(),
                from: "whatsapp:+33612345678".into(),
                body: body.into(),
                message_sid: format!("SM{id:032}"),
                messaging_service_sid: None,
                received_at: t(id),
            };
            u.apply(UnroutedAction::Loaded(vec![
                msg(2, "Deuxième message"),
                msg(1, "Premier message"),
            ]));
            u
        });
        let conciergeries = use_reducer(|| {
            let mut free = conciergerie(2, "Alpes Clés");
            free.whatsapp_number = None;
            let overview = |c| ConciergerieOverview {
                conciergerie: c,
                conversations: 0,
                messages_last_7_days: 0,
                ai_share: 0.0,
                last_activity_at: None,
                ai_spend_today_usd: 0.0,
                members: 1,
            };
            let mut l = ConciergerieList::default();
            l.apply(ConciergerieAction::Loaded(vec![
                overview(conciergerie(1, "Conciergerie Démo")),
                overview(free),
            ]));
            l
        });
        html! {
            <UnroutedPage {unrouted} {conciergeries} on_reload={Callback::noop()}
                on_conciergeries_changed={Callback::noop()} navigate={Callback::noop()} />
        }
    }

    #[tokio::test]
    async fn groups_messages_by_number_and_offers_free_conciergeries() {
        let html = yew::LocalServerRenderer::<Harness>::new()
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("+33 4 55 55 55 55"), "{html}");
        assert!(html.contains("2 messages"), "{html}");
        let first = html.find("Premier message").expect("first message");
        let second = html.find("Deuxième message").expect("second message");
        assert!(first < second, "oldest first");
        assert!(
            html.contains("<option value=\"2\">Alpes Clés</option>"),
            "{html}"
        );
        assert!(
            html.contains("<option value=\"1\" disabled=\"disabled\">Conciergerie Démo (a déjà"),
            "{html}"
        );
    }
}
