//! The conciergeries: a summary, a searchable and sortable table of every tenant with its
//! activity (cards on phones), and per row: edit, reset the password, deactivate or reactivate.

use protocol::admin::ConciergerieOverview;
use protocol::auth::Conciergerie;
use protocol::{ConciergerieId, Timestamp};
use ui::components::widgets::kpi;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::conciergerie_editor::{ConciergerieEditor, Saved};
use super::hooks::{focus_id, input_value, offset_now, use_lang, use_now};
use super::icons::{icon, Icon};
use super::password_reset::PasswordReset;
use super::team_panel::TeamPanel;
use crate::api;
use crate::api::Explain;
use crate::format::{ago, avatar_hue, date_time, initials, percent, phone, thousands, usd};
use crate::i18n::Localized;
use crate::state::conciergeries::{visible, ConciergerieAction, ConciergerieList, Sort, SortKey};

/// What is open below a row (or above the table, for a new one).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Panel {
    None,
    Create,
    Edit(ConciergerieId),
    Password(ConciergerieId),
    /// The conciergerie's team (read-only).
    Team(ConciergerieId),
    /// Confirming a switch to `active`.
    Activation(ConciergerieId, bool),
}

/// An AI mode's name (the toolkit's, as on the operators' side).
pub use ui::components::widgets::ai_mode_label as mode_label;

#[derive(Properties, PartialEq)]
pub struct ConciergeriesPageProps {
    pub list: UseReducerHandle<ConciergerieList>,
    #[prop_or_default]
    pub error: Option<String>,
    pub on_reload: Callback<()>,
}

#[function_component]
pub fn ConciergeriesPage(props: &ConciergeriesPageProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let now = use_now(30_000);
    let offset = offset_now();
    let panel = use_state(|| Panel::None);
    let sort = use_state(Sort::default);
    let query = use_state(String::new);
    let flash = use_state(|| None::<String>);
    let action_error = use_state(|| None::<(ConciergerieId, String)>);
    let busy = use_state(|| None::<ConciergerieId>);

    let open = |p: Panel| {
        let (panel, flash, action_error) = (panel.clone(), flash.clone(), action_error.clone());
        Callback::from(move |_| {
            flash.set(None);
            action_error.set(None);
            panel.set(p);
        })
    };
    let close = {
        let panel = panel.clone();
        Callback::from(move |_| {
            // Back to where the admin was: the row, or the button that opened the form.
            let target = match *panel {
                Panel::Create => "new-conciergerie-button".to_owned(),
                Panel::Edit(id)
                | Panel::Password(id)
                | Panel::Team(id)
                | Panel::Activation(id, _) => {
                    format!("row-{id}")
                }
                Panel::None => return,
            };
            panel.set(Panel::None);
            focus_id(&target);
        })
    };

    let on_saved = {
        let (panel, flash, list) = (panel.clone(), flash.clone(), props.list.dispatcher());
        Callback::from(move |saved: Saved| {
            match saved {
                Saved::Created(c) => {
                    flash.set(Some(lang.created_note(&c.name, &c.email)));
                    let id = c.id;
                    list.dispatch(ConciergerieAction::Created(c));
                    focus_id(&format!("row-{id}"));
                }
                Saved::Updated(c) => {
                    flash.set(Some(lang.saved_note(&c.name)));
                    let id = c.id;
                    list.dispatch(ConciergerieAction::Updated(c));
                    focus_id(&format!("row-{id}"));
                }
                Saved::Unchanged => {}
            }
            panel.set(Panel::None);
        })
    };

    let set_active = |c: &Conciergerie, active: bool| {
        let (panel, flash, action_error, busy) = (
            panel.clone(),
            flash.clone(),
            action_error.clone(),
            busy.clone(),
        );
        let list = props.list.dispatcher();
        let id = c.id;
        Callback::from(move |_| {
            let (panel, flash, action_error, busy, list) = (
                panel.clone(),
                flash.clone(),
                action_error.clone(),
                busy.clone(),
                list.clone(),
            );
            busy.set(Some(id));
            spawn_local(async move {
                let patch = protocol::admin::ConciergeriePatch {
                    active: Some(active),
                    ..Default::default()
                };
                let result = api::update_conciergerie(id, &patch).await;
                busy.set(None);
                match result {
                    Ok(c) => {
                        flash.set(Some(if active {
                            lang.reactivated_note(&c.name)
                        } else {
                            lang.deactivated_note(&c.name)
                        }));
                        list.dispatch(ConciergerieAction::Updated(c));
                        panel.set(Panel::None);
                        focus_id(&format!("row-{id}"));
                    }
                    Err(e) => action_error.set(Some((id, e.message(lang)))),
                }
            });
        })
    };

    let on_sort = |key: SortKey| {
        let sort = sort.clone();
        Callback::from(move |_| sort.set(sort.toggle(key)))
    };
    let header = |key: SortKey, label: &'static str, numeric: bool| {
        let arrow = match sort.aria(key) {
            "ascending" => "↑",
            "descending" => "↓",
            _ => "↕",
        };
        html! {
            <th scope="col" aria-sort={sort.aria(key)} class={classes!(numeric.then_some("num"))}>
                <button type="button" class="th-sort" onclick={on_sort(key)}>
                    { label }<span class="sort-arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };

    let list = &props.list;
    let rows = visible(&list.items, &query, *sort);
    let row = |o: &ConciergerieOverview| -> Html {
        let c = &o.conciergerie;
        let id = c.id;
        let current = *panel;
        let is_busy = *busy == Some(id);
        let error = action_error
            .as_ref()
            .filter(|(i, _)| *i == id)
            .map(|(_, e)| e.clone());
        let expanded = match current {
            Panel::Edit(i) | Panel::Password(i) | Panel::Team(i) | Panel::Activation(i, _) => {
                i == id
            }
            _ => false,
        };
        let panel_html = match current {
            Panel::Edit(i) if i == id => html! {
                <ConciergerieEditor existing={Some(c.clone())} on_saved={on_saved.clone()} on_cancel={close.clone()} />
            },
            Panel::Password(i) if i == id => {
                let (flash, panel) = (flash.clone(), panel.clone());
                let name = c.name.clone();
                html! {
                    <PasswordReset conciergerie={c.clone()} on_cancel={close.clone()}
                        on_done={Callback::from(move |_| {
                            flash.set(Some(lang.reset_note(&name)));
                            panel.set(Panel::None);
                            focus_id(&format!("row-{id}"));
                        })} />
                }
            }
            Panel::Team(i) if i == id => html! {
                <TeamPanel conciergerie={c.clone()} on_close={close.clone()} />
            },
            Panel::Activation(i, active) if i == id => html! {
                <div class={classes!("panel", "panel-confirm", (!active).then_some("panel-danger"))}
                    role="alertdialog" aria-labelledby={format!("confirm-{id}-title")}
                    aria-describedby={format!("confirm-{id}-text")}>
                    <h3 id={format!("confirm-{id}-title")}>
                        { icon(Icon::Power) }
                        { if active { lang.reactivate_title(&c.name) } else { lang.deactivate_title(&c.name) } }
                    </h3>
                    <p id={format!("confirm-{id}-text")}>{ if active { t.reactivate_explain } else { t.deactivate_explain } }</p>
                    if let Some(err) = &error {
                        <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ err.clone() }</span></p>
                    }
                    <div class="form-actions">
                        <button type="button" class="btn btn-ghost" onclick={close.reform(|_: MouseEvent| ())}>{ t.cancel }</button>
                        <button type="button" id={format!("confirm-{id}")}
                            class={classes!("btn", if active { "btn-primary" } else { "btn-danger" })}
                            disabled={is_busy} onclick={set_active(c, active)}>
                            { if is_busy { t.saving } else if active { t.reactivate } else { t.deactivate } }
                        </button>
                    </div>
                </div>
            },
            _ => Html::default(),
        };
        let activity = match o.last_activity_at {
            Some(at) => {
                html! { <time datetime={at.to_rfc3339()} title={date_time(at, offset, lang)}>{ ago(at, now, offset, lang) }</time> }
            }
            None => html! { <span class="muted">{ t.never }</span> },
        };
        let ai_share = if o.messages_last_7_days == 0 {
            html! { <span class="muted">{ "—" }</span> }
        } else {
            html! {
                <span class="share">
                    <span class="meter" aria-hidden="true"><i style={format!("width: {:.0}%", o.ai_share.clamp(0.0, 1.0) * 100.0)}></i></span>
                    { percent(o.ai_share, lang) }
                </span>
            }
        };
        // Today's Claude spend against the daily budget the admin set.
        let spend = match c.ai_daily_budget_usd {
            Some(budget) => html! {
                <span class={classes!("ai-spend", (o.ai_spend_today_usd >= budget).then_some("over-budget"))}
                    title={(o.ai_spend_today_usd >= budget).then_some(t.budget_reached)}>
                    { format!("{} / {}", usd(o.ai_spend_today_usd, lang), usd(budget, lang)) }
                </span>
            },
            None => html! {
                <span class="ai-spend">{ usd(o.ai_spend_today_usd, lang) }<span class="muted small no-budget">{ t.no_budget }</span></span>
            },
        };
        let confirm_id = format!("confirm-{id}");
        html! {
            <>
                <tr id={format!("row-{id}")} tabindex="-1"
                    class={classes!("c-row", (!c.active).then_some("inactive"), expanded.then_some("expanded"))}>
                    <th scope="row" class="c-name" data-label={t.col_conciergerie}>
                        <span class="avatar" style={format!("--hue: {}", avatar_hue(&c.name))} aria-hidden="true">{ initials(&c.name) }</span>
                        <span class="c-ident">
                            <strong>{ c.name.clone() }</strong>
                            <span class="muted small">{ c.email.clone() }</span>
                            <span class="muted small team-size">{ lang.team_members(o.members) }</span>
                        </span>
                        if !c.active { <span class="status-pill st-inactive">{ t.status_inactive }</span> }
                    </th>
                    <td data-label={t.col_number}>
                        if let Some(n) = &c.whatsapp_number {
                            <span class="mono nowrap" title={n.clone()}>{ phone(n) }</span>
                        } else {
                            <span class="muted">{ t.no_number }</span>
                        }
                        if let Some(sid) = &c.messaging_service_sid {
                            <span class="sid mono small muted" title={t.field_sid}>{ sid.clone() }</span>
                        }
                    </td>
                    <td data-label={t.col_ai_mode}><span class={classes!("mode-chip", format!("mode-{}", c.ai_mode.as_str()))}>{ mode_label(c.ai_mode, lang) }</span></td>
                    <td class="num" data-label={t.col_conversations}>{ thousands(o.conversations as i64, lang) }</td>
                    <td class="num" data-label={t.col_messages}>{ thousands(o.messages_last_7_days as i64, lang) }</td>
                    <td class="num" data-label={t.col_ai_share}>{ ai_share }</td>
                    <td class="num" data-label={t.col_ai_spend}>{ spend }</td>
                    <td data-label={t.col_last_activity}>{ activity }</td>
                    <td class="c-actions">
                        <button type="button" class="btn btn-small btn-ghost" aria-label={lang.action_on(t.edit, &c.name)}
                            title={t.edit} onclick={open(Panel::Edit(id))}>{ icon(Icon::Edit) }<span class="action-label">{ t.edit }</span></button>
                        <button type="button" class="btn btn-small btn-ghost" aria-label={lang.action_on(t.reset_password, &c.name)}
                            title={t.reset_password} onclick={open(Panel::Password(id))}>{ icon(Icon::Key) }<span class="action-label">{ t.reset_password_short }</span></button>
                        <button type="button" id={format!("team-button-{id}")} class="btn btn-small btn-ghost"
                            aria-label={lang.action_on(t.team_action, &c.name)} aria-expanded={(current == Panel::Team(id)).to_string()}
                            title={t.team_action} onclick={if current == Panel::Team(id) { close.reform(|_: MouseEvent| ()) } else { open(Panel::Team(id)) }}>
                            { icon(Icon::User) }<span class="action-label">{ t.team_action }</span>
                        </button>
                        if c.active {
                            <button type="button" class="btn btn-small btn-ghost btn-danger-text" aria-label={lang.action_on(t.deactivate, &c.name)}
                                title={t.deactivate} onclick={let p = panel.clone(); let ae = action_error.clone(); Callback::from(move |_| {
                                    ae.set(None);
                                    p.set(Panel::Activation(id, false));
                                    focus_id(&confirm_id);
                                })}>{ icon(Icon::Power) }<span class="action-label">{ t.deactivate }</span></button>
                        } else {
                            <button type="button" class="btn btn-small btn-ghost btn-ok-text" aria-label={lang.action_on(t.reactivate, &c.name)}
                                title={t.reactivate} onclick={let p = panel.clone(); let ae = action_error.clone(); Callback::from(move |_| {
                                    ae.set(None);
                                    p.set(Panel::Activation(id, true));
                                    focus_id(&confirm_id);
                                })}>{ icon(Icon::Power) }<span class="action-label">{ t.reactivate }</span></button>
                        }
                    </td>
                </tr>
                if expanded {
                    <tr class="c-panel"><td colspan="9">{ panel_html }</td></tr>
                }
            </>
        }
    };

    let summary = list.summary();
    let body = if !list.loaded {
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
    } else if list.items.is_empty() {
        html! {
            <div class="empty-card">
                <div class="empty-illustration">{ icon(Icon::Building) }</div>
                <p>{ t.conciergeries_empty }</p>
            </div>
        }
    } else {
        html! {
            <>
                <div class="toolbar">
                    <div class="search">
                        { icon(Icon::Search) }
                        <input type="search" aria-label={t.search_conciergeries} placeholder={t.search_conciergeries}
                            value={(*query).clone()}
                            oninput={let q = query.clone(); Callback::from(move |e: InputEvent| q.set(input_value(&e)))} />
                    </div>
                    <span class="muted small" aria-live="polite">{ lang.shown_of(rows.len(), list.items.len()) }</span>
                </div>
                if rows.is_empty() {
                    <p class="empty-line">{ t.no_match }</p>
                } else {
                    <div class="table-card card">
                        <table class="data-table conciergeries-table">
                            <caption class="visually-hidden">{ t.conciergeries_caption }</caption>
                            <thead>
                                <tr>
                                    { header(SortKey::Name, t.col_conciergerie, false) }
                                    <th scope="col">{ t.col_number }</th>
                                    <th scope="col">{ t.col_ai_mode }</th>
                                    { header(SortKey::Conversations, t.col_conversations, true) }
                                    { header(SortKey::Messages, t.col_messages, true) }
                                    { header(SortKey::AiShare, t.col_ai_share, true) }
                                    <th scope="col" class="num">{ t.col_ai_spend }</th>
                                    { header(SortKey::LastActivity, t.col_last_activity, false) }
                                    <th scope="col"><span class="visually-hidden">{ t.col_actions }</span></th>
                                </tr>
                            </thead>
                            <tbody>{ for rows.into_iter().map(row) }</tbody>
                        </table>
                    </div>
                }
            </>
        }
    };

    html! {
        <section class="page page-wide" aria-labelledby="page-title">
            <header class="page-header">
                <div>
                    <h1 id="page-title" tabindex="-1">{ t.conciergeries_title }
                        if list.loaded { <span class="count-pill">{ summary.total }</span> }
                    </h1>
                    <p class="muted">{ t.conciergeries_intro }</p>
                </div>
                <div class="header-actions">
                    <button type="button" class="btn btn-outline" title={t.refresh} aria-label={t.refresh}
                        onclick={let r = props.on_reload.clone(); Callback::from(move |_| r.emit(()))}>
                        { icon(Icon::Refresh) }<span class="action-label">{ t.refresh }</span>
                    </button>
                    if *panel != Panel::Create {
                        <button type="button" id="new-conciergerie-button" class="btn btn-primary" onclick={open(Panel::Create)}>
                            { icon(Icon::Plus) }{ t.new_conciergerie }
                        </button>
                    }
                </div>
            </header>
            if list.loaded && !list.items.is_empty() {
                <div class="kpis kpis-4">
                    { kpi(t.kpi_active, format!("{} / {}", summary.active, summary.total), None, Icon::Building, "kpi-plain") }
                    { kpi(t.kpi_conversations, thousands(summary.conversations as i64, lang), None, Icon::Chat, "kpi-plain") }
                    { kpi(t.kpi_messages_7d, thousands(summary.messages_last_7_days as i64, lang), Some(t.kpi_all_conciergeries.to_owned()), Icon::Pulse, "kpi-plain") }
                    { kpi(t.kpi_last_activity, most_recent(&list.items).map(|at| ago(at, now, offset, lang)).unwrap_or_else(|| t.never.to_owned()), None, Icon::Clock, "kpi-plain") }
                </div>
            }
            if let Some(note) = &*flash {
                <p class="notice notice-success" role="status">
                    { icon(Icon::Check) }<span>{ note.clone() }</span>
                    <button type="button" class="btn-icon" aria-label={t.dismiss}
                        onclick={let f = flash.clone(); Callback::from(move |_| f.set(None))}>{ icon(Icon::Close) }</button>
                </p>
            }
            if *panel == Panel::Create {
                <ConciergerieEditor on_saved={on_saved.clone()} on_cancel={close.clone()} />
            }
            if list.loaded {
                if let Some(e) = &props.error {
                    <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p>
                }
            }
            { body }
        </section>
    }
}

fn most_recent(items: &[ConciergerieOverview]) -> Option<Timestamp> {
    items.iter().filter_map(|o| o.last_activity_at).max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::{conciergerie, t};

    #[function_component]
    fn Harness() -> Html {
        let list = use_reducer(|| {
            let mut off = conciergerie(2, "Alpes Clés");
            off.active = false;
            off.whatsapp_number = None;
            let mut list = ConciergerieList::default();
            list.apply(ConciergerieAction::Loaded(vec![
                ConciergerieOverview {
                    conciergerie: conciergerie(1, "Conciergerie Démo"),
                    conversations: 12,
                    messages_last_7_days: 1_480,
                    ai_share: 0.83,
                    last_activity_at: Some(t(0)),
                    ai_spend_today_usd: 0.0,
                    members: 1,
                },
                ConciergerieOverview {
                    conciergerie: off,
                    conversations: 0,
                    messages_last_7_days: 0,
                    ai_share: 0.0,
                    last_activity_at: None,
                    ai_spend_today_usd: 0.0,
                    members: 1,
                },
            ]));
            list
        });
        html! { <ConciergeriesPage {list} on_reload={Callback::noop()} /> }
    }

    #[tokio::test]
    async fn the_table_shows_activity_status_and_actions() {
        let html = yew::LocalServerRenderer::<Harness>::new()
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("Conciergerie Démo"), "{html}");
        assert!(html.contains("1\u{202f}480"), "messages, 7 days: {html}");
        assert!(html.contains("83\u{a0}%"), "AI share: {html}");
        assert!(html.contains("+33 6 12 34 56 01"), "number: {html}");
        assert!(html.contains("Désactivée"), "inactive pill: {html}");
        assert!(html.contains("Aucun numéro"));
        assert!(html.contains("Jamais"));
        assert!(html.contains("Réactiver"), "{html}");
        assert!(
            html.contains("aria-sort=\"ascending\""),
            "sorted by name: {html}"
        );
        assert!(html.contains("Nouvelle conciergerie"));
        assert!(html.contains("1 / 2"), "active count: {html}");
    }
}
