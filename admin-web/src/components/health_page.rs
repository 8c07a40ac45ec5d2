//! Platform health over the last 30 days: messages per day across tenants, Twilio send
//! failures, AI hand-offs and errors, unrouted messages, and token usage with its estimated cost
//! per conciergerie.

use protocol::admin::PlatformHealth;
use ui::components::widgets::kpi as ui_kpi;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::bar_chart::{BarChart, SeriesNames};
use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::format::{compact, percent, thousands, usd};
use crate::i18n::Localized;
use crate::route::Page;
use crate::state::health::{failure_rate, totals, usage_rows};

#[derive(Properties, PartialEq)]
pub struct HealthPageProps {
    pub navigate: Callback<Page>,
    /// Preloaded figures (component tests); the page fetches them otherwise.
    #[prop_or_default]
    pub initial: Option<PlatformHealth>,
}

#[function_component]
pub fn HealthPage(props: &HealthPageProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let data = use_state(|| props.initial.clone().map(Ok::<_, String>));
    let reload = use_state(|| 0u32);
    let loading = use_state(|| false);

    {
        let (data, loading) = (data.clone(), loading.clone());
        let preloaded = props.initial.is_some();
        use_effect_with(*reload, move |n| {
            if !(preloaded && *n == 0) {
                loading.set(true);
                spawn_local(async move {
                    data.set(Some(api::health().await.map_err(|e| e.message(lang))));
                    loading.set(false);
                });
            }
        });
    }
    let refresh = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };

    let kpi = |label: &'static str,
               value: String,
               sub: Option<String>,
               glyph: Icon,
               class: &'static str,
               alert: bool| {
        ui_kpi(
            label,
            value,
            sub,
            glyph,
            classes!(class, alert.then_some("kpi-alert")),
        )
    };

    let body = match &*data {
        None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        Some(Err(e)) => html! {
            <div class="notice notice-error" role="alert">
                { icon(Icon::Alert) }<span>{ e.clone() }</span>
                <button type="button" class="btn btn-small btn-outline" onclick={refresh.clone()}>{ t.retry }</button>
            </div>
        },
        Some(Ok(h)) => {
            let sum = totals(h);
            let rows = usage_rows(h);
            let unrouted_link = (h.unrouted > 0).then(|| {
                let navigate = props.navigate.clone();
                html! {
                    <button type="button" class="btn-link kpi-link" onclick={Callback::from(move |_| navigate.emit(Page::Unrouted))}>
                        { t.see_unrouted }
                    </button>
                }
            });
            html! {
                <>
                    <div class="kpis">
                        { kpi(t.kpi_messages_30d, thousands(sum.messages as i64, lang),
                            Some(lang.messages_split(sum.guest, sum.ai, sum.team)), Icon::Chat, "kpi-plain", false) }
                        { kpi(t.kpi_send_failures, thousands(h.send_failures as i64, lang),
                            Some(failure_rate(h).map(|r| lang.of_sent(&percent(r, lang))).unwrap_or_else(|| t.nothing_sent.to_owned())),
                            Icon::SendX, "kpi-danger", h.send_failures > 0) }
                        { kpi(t.kpi_handoffs, thousands(h.handoffs as i64, lang), Some(t.kpi_handoffs_sub.to_owned()),
                            Icon::Hand, "kpi-handoff", false) }
                        { kpi(t.kpi_ai_errors, thousands(h.ai_errors as i64, lang), Some(t.kpi_ai_errors_sub.to_owned()),
                            Icon::Alert, "kpi-danger", h.ai_errors > 0) }
                        <div class={classes!("kpi", "kpi-warn", (h.unrouted > 0).then_some("kpi-alert"))}>
                            <span class="kpi-icon">{ icon(Icon::Inbox) }</span>
                            <span class="kpi-label">{ t.kpi_unrouted }</span>
                            <strong class="kpi-value">{ thousands(h.unrouted as i64, lang) }</strong>
                            <span class="kpi-sub">{ unrouted_link.unwrap_or_else(|| html! { { t.kpi_unrouted_none } }) }</span>
                        </div>
                        { kpi(t.kpi_cost, usd(sum.cost_usd, lang),
                            Some(lang.tokens_detail(&compact(sum.input_tokens, lang), &compact(sum.output_tokens, lang))),
                            Icon::Coins, "kpi-ai", false) }
                    </div>
                    <section class="card chart-card" aria-labelledby="chart-title">
                        <h2 id="chart-title">{ t.chart_title }<span class="muted small">{ t.last_30_days }</span></h2>
                        if sum.messages == 0 {
                            <p class="muted">{ t.no_data }</p>
                        } else {
                            <BarChart days={h.days.clone()} names={SeriesNames::new(t.legend_client, t.legend_ai, t.legend_concierge)} />
                        }
                    </section>
                    <section class="card table-card usage-card" aria-labelledby="usage-title">
                        <h2 id="usage-title">{ t.usage_title }</h2>
                        <p class="muted small">{ t.usage_intro }</p>
                        if rows.is_empty() {
                            <p class="muted">{ t.conciergeries_empty }</p>
                        } else {
                            <table class="data-table usage-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{ t.col_conciergerie }</th>
                                        <th scope="col" class="num">{ t.col_messages_30d }</th>
                                        <th scope="col" class="num">{ t.col_ai_replies }</th>
                                        <th scope="col" class="num">{ t.col_input_tokens }</th>
                                        <th scope="col" class="num">{ t.col_output_tokens }</th>
                                        <th scope="col" class="num">{ t.col_cost }</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    { for rows.iter().map(|u| html! {
                                        <tr>
                                            <th scope="row" data-label={t.col_conciergerie}>{ u.name.clone() }</th>
                                            <td class="num" data-label={t.col_messages_30d}>{ thousands(u.messages as i64, lang) }</td>
                                            <td class="num" data-label={t.col_ai_replies}>{ thousands(u.ai_messages as i64, lang) }</td>
                                            <td class="num" data-label={t.col_input_tokens}>{ thousands(u.input_tokens, lang) }</td>
                                            <td class="num" data-label={t.col_output_tokens}>{ thousands(u.output_tokens, lang) }</td>
                                            <td class="num strong" data-label={t.col_cost}>{ usd(u.estimated_cost_usd, lang) }</td>
                                        </tr>
                                    }) }
                                </tbody>
                                <tfoot>
                                    <tr>
                                        <th scope="row">{ t.total }</th>
                                        <td class="num" data-label={t.col_messages_30d}>{ thousands(rows.iter().map(|u| u.messages as i64).sum(), lang) }</td>
                                        <td class="num" data-label={t.col_ai_replies}>{ thousands(rows.iter().map(|u| u.ai_messages as i64).sum(), lang) }</td>
                                        <td class="num" data-label={t.col_input_tokens}>{ thousands(sum.input_tokens, lang) }</td>
                                        <td class="num" data-label={t.col_output_tokens}>{ thousands(sum.output_tokens, lang) }</td>
                                        <td class="num strong" data-label={t.col_cost}>{ usd(sum.cost_usd, lang) }</td>
                                    </tr>
                                </tfoot>
                            </table>
                        }
                        <p class="muted small cost-note">{ t.cost_note }</p>
                    </section>
                </>
            }
        }
    };

    html! {
        <section class="page" aria-labelledby="page-title" aria-busy={loading.to_string()}>
            <header class="page-header">
                <div>
                    <h1 id="page-title" tabindex="-1">{ t.health_title }</h1>
                    <p class="muted">{ t.health_intro }</p>
                </div>
                <div class="header-actions">
                    <button type="button" class="btn btn-outline" title={t.refresh} aria-label={t.refresh} onclick={refresh} disabled={*loading}>
                        { icon(Icon::Refresh) }<span class="action-label">{ if *loading { t.loading } else { t.refresh } }</span>
                    </button>
                </div>
            </header>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::admin::TenantUsage;
    use protocol::analytics::DailyCount;
    use protocol::ConciergerieId;

    fn health() -> PlatformHealth {
        PlatformHealth {
            days: vec![
                DailyCount {
                    day: "2025-03-01".into(),
                    client: 40,
                    ai: 30,
                    concierge: 10,
                },
                DailyCount {
                    day: "2025-03-02".into(),
                    client: 0,
                    ai: 0,
                    concierge: 0,
                },
            ],
            send_failures: 2,
            handoffs: 5,
            ai_errors: 1,
            unrouted: 3,
            per_conciergerie: vec![
                TenantUsage {
                    conciergerie_id: ConciergerieId(1),
                    name: "Conciergerie Démo".into(),
                    messages: 70,
                    ai_messages: 25,
                    input_tokens: 120_000,
                    output_tokens: 8_000,
                    estimated_cost_usd: 0.28,
                },
                TenantUsage {
                    conciergerie_id: ConciergerieId(2),
                    name: "Alpes Clés".into(),
                    messages: 10,
                    ai_messages: 5,
                    input_tokens: 900_000,
                    output_tokens: 40_000,
                    estimated_cost_usd: 1.1,
                },
            ],
        }
    }

    #[tokio::test]
    async fn shows_failures_handoffs_chart_and_costs() {
        let html = yew::LocalServerRenderer::<HealthPage>::with_props(HealthPageProps {
            navigate: Callback::noop(),
            initial: Some(health()),
        })
        .hydratable(false)
        .render()
        .await;
        assert!(html.contains("Échecs d'envoi"), "{html}");
        assert!(
            html.contains("5\u{a0}% des messages envoyés"),
            "2 of 40: {html}"
        );
        assert!(html.contains("kpi-danger kpi-alert"), "{html}");
        assert!(html.contains("class=\"bar-client\""), "chart: {html}");
        assert!(html.contains("Voir les messages non routés"));
        let alpes = html.find("Alpes Clés").expect("Alpes row");
        let demo = html
            .find("<th scope=\"row\" data-label=\"Conciergerie\">Conciergerie Démo")
            .expect("Demo row");
        assert!(alpes < demo, "most expensive first");
        assert!(html.contains("1,38\u{a0}$"), "total cost: {html}");
        assert!(
            html.contains("1\u{202f}020\u{202f}000"),
            "input tokens total: {html}"
        );
    }
}
