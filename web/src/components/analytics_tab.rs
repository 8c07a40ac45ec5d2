//! Analytics for the logged-in conciergerie: messages per day, the AI's share, hand-off rate,
//! the AI's answers apart from its holding messages and the hand-overs, median first response
//! time, token usage and its estimated cost.

use protocol::analytics::Analytics;
use ui::components::widgets::kpi;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::bar_chart::{BarChart, SeriesNames};
use super::hooks::use_lang;
use super::icons::{icon, Icon};
use super::segmented::{SegOption, Segmented};
use crate::api;
use crate::api::Explain;
use crate::format::{duration_short, percent, thousands, usd};
use crate::i18n::Localized;

#[function_component]
pub fn AnalyticsTab() -> Html {
    let lang = use_lang();
    let t = lang.t();
    let days = use_state(|| 30u32);
    let data = use_state(|| None::<Result<Analytics, String>>);
    let reload = use_state(|| 0u32);

    {
        let data = data.clone();
        use_effect_with((*days, *reload), move |(days, _)| {
            let days = *days;
            spawn_local(async move {
                data.set(Some(
                    api::analytics(days).await.map_err(|e| e.message(lang)),
                ));
            });
        });
    }

    let periods = vec![
        SegOption {
            value: "7",
            label: t.days_7,
            hint: t.days_7,
        },
        SegOption {
            value: "30",
            label: t.days_30,
            hint: t.days_30,
        },
        SegOption {
            value: "90",
            label: t.days_90,
            hint: t.days_90,
        },
    ];
    let selected: &'static str = match *days {
        7 => "7",
        90 => "90",
        _ => "30",
    };
    let on_period = {
        let days = days.clone();
        Callback::from(move |v: &'static str| days.set(v.parse().unwrap_or(30)))
    };

    let body = match &*data {
        None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        Some(Err(e)) => html! {
            <div class="notice notice-error" role="alert">
                { icon(Icon::Alert) }<span>{ e.clone() }</span>
                <button type="button" class="btn btn-small btn-outline"
                    onclick={let r = reload.clone(); Callback::from(move |_| r.set(*r + 1))}>{ t.retry }</button>
            </div>
        },
        Some(Ok(a)) => {
            let total_messages: u64 = a.days.iter().map(|d| d.client + d.ai + d.concierge).sum();
            html! {
                <>
                    <div class="kpis">
                        { kpi(t.kpi_conversations, thousands(a.conversations as i64, lang), None, Icon::Chat, "kpi-plain") }
                        { kpi(t.kpi_ai_share, percent(a.ai_share, lang), Some(t.kpi_ai_share_sub.to_owned()), Icon::Sparkles, "kpi-ai") }
                        { kpi(t.kpi_handoff, percent(a.handoff_rate, lang), Some(t.kpi_handoff_sub.to_owned()), Icon::Hand, "kpi-handoff") }
                        { kpi(t.kpi_ai_answers, thousands(a.ai_answers as i64, lang), Some(t.kpi_ai_answers_sub.to_owned()), Icon::Sparkles, "kpi-ai") }
                        { kpi(t.kpi_holding, thousands(a.ai_holding as i64, lang), Some(t.kpi_holding_sub.to_owned()), Icon::Clock, "kpi-plain") }
                        { kpi(t.kpi_handoffs, thousands(a.handoffs as i64, lang), Some(t.kpi_handoffs_sub.to_owned()), Icon::Hand, "kpi-handoff") }
                        { kpi(t.kpi_first_response,
                            a.median_first_response_secs.map(|s| duration_short(s, lang)).unwrap_or_else(|| "—".to_owned()),
                            Some(t.kpi_first_response_sub.to_owned()), Icon::Clock, "kpi-plain") }
                        { kpi(t.kpi_tokens, thousands(a.input_tokens + a.output_tokens, lang),
                            Some(lang.tokens_detail(&thousands(a.input_tokens, lang), &thousands(a.output_tokens, lang))),
                            Icon::Bolt, "kpi-plain") }
                        { kpi(t.kpi_cost, usd(a.estimated_cost_usd, lang), None, Icon::Chart, "kpi-plain") }
                    </div>
                    <section class="card chart-card" aria-labelledby="chart-title">
                        <h2 id="chart-title">{ t.chart_title }</h2>
                        if total_messages == 0 {
                            <p class="muted">{ t.no_data }</p>
                        } else {
                            <BarChart days={a.days.clone()} names={SeriesNames::new(t.legend_client, t.legend_ai, t.legend_concierge)} />
                        }
                    </section>
                </>
            }
        }
    };

    html! {
        <section class="page" aria-labelledby="analytics-title">
            <header class="page-header">
                <h1 id="analytics-title">{ t.analytics_title }</h1>
                <Segmented name="analytics-period" label={t.period_label} options={periods}
                    {selected} on_change={on_period} />
            </header>
            { body }
        </section>
    }
}
