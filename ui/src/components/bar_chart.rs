//! Messages per day as stacked bars (guests, AI, team), hand-drawn in SVG, with the same data
//! in a table for screen readers. The operator dashboard shows one conciergerie's, the admin app
//! the whole platform's: each names the three series its own way.

use protocol::analytics::DailyCount;
use yew::prelude::*;

use super::hooks::use_lang;
use crate::i18n::Lang;

/// What the three series are called (e.g. "Équipe" for one conciergerie, "Équipes" for all).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SeriesNames {
    pub client: &'static str,
    pub ai: &'static str,
    pub team: &'static str,
}

impl SeriesNames {
    pub fn new(client: &'static str, ai: &'static str, team: &'static str) -> Self {
        SeriesNames { client, ai, team }
    }
}

/// A round top for the axis and its step (1, 2 or 5 × 10ⁿ), about four gridlines.
pub fn nice_scale(max: u64) -> (u64, u64) {
    if max == 0 {
        return (4, 1);
    }
    let rough = (max as f64 / 4.0).max(1.0);
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude) as u64;
    let top = max.div_ceil(step) * step;
    (top, step)
}

/// `2025-03-07` → `07/03` (fr) or `3/7` (en).
pub fn short_day(day: &str, lang: Lang) -> String {
    let mut parts = day.split('-').skip(1);
    match (parts.next(), parts.next()) {
        (Some(m), Some(d)) => match lang {
            Lang::Fr => format!("{d}/{m}"),
            Lang::En => format!(
                "{}/{}",
                m.trim_start_matches('0'),
                d.trim_start_matches('0')
            ),
        },
        _ => day.to_owned(),
    }
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub days: Vec<DailyCount>,
    pub names: SeriesNames,
}

const W: f64 = 720.0;
const H: f64 = 240.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;

#[function_component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let lang = use_lang();
    let t = lang.ui();
    let names = props.names;
    let days = &props.days;
    let max = days
        .iter()
        .map(|d| d.client + d.ai + d.concierge)
        .max()
        .unwrap_or(0);
    let (top, step) = nice_scale(max);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let y = |v: u64| TOP + plot_h - (v as f64 / top as f64) * plot_h;
    let n = days.len().max(1);
    let band = plot_w / n as f64;
    let bar_w = (band * 0.68).min(28.0);
    let label_every = n.div_ceil(10);

    let grid = (0..=top / step).map(|i| {
        let v = i * step;
        let gy = y(v);
        html! {
            <g class="grid">
                <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={gy.to_string()} y2={gy.to_string()} />
                <text x={(LEFT - 6.0).to_string()} y={(gy + 4.0).to_string()} text-anchor="end">{ v }</text>
            </g>
        }
    });

    let bars = days.iter().enumerate().map(|(i, d)| {
        let x = LEFT + band * i as f64 + (band - bar_w) / 2.0;
        let mut base = 0u64;
        let mut segment = |value: u64, class: &'static str| {
            if value == 0 {
                return Html::default();
            }
            let (y0, y1) = (y(base), y(base + value));
            base += value;
            html! {
                <rect class={class} x={format!("{x:.1}")} y={format!("{y1:.1}")}
                    width={format!("{bar_w:.1}")} height={format!("{:.1}", (y0 - y1).max(0.5))} rx="2" />
            }
        };
        let label = short_day(&d.day, lang);
        let title = lang.chart_day(
            &label,
            [(names.client, d.client), (names.ai, d.ai), (names.team, d.concierge)],
        );
        html! {
            <g class="day">
                <title>{ title }</title>
                { segment(d.client, "bar-client") }
                { segment(d.ai, "bar-ai") }
                { segment(d.concierge, "bar-team") }
                if i % label_every == 0 {
                    <text class="x-label" x={format!("{:.1}", x + bar_w / 2.0)} y={(H - 8.0).to_string()} text-anchor="middle">{ label }</text>
                }
            </g>
        }
    });

    html! {
        <figure class="chart">
            <div class="legend" aria-hidden="true">
                <span><i class="sw sw-client"></i>{ names.client }</span>
                <span><i class="sw sw-ai"></i>{ names.ai }</span>
                <span><i class="sw sw-team"></i>{ names.team }</span>
            </div>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={t.chart_title}>
                { for grid }
                { for bars }
            </svg>
            <table class="visually-hidden">
                <caption>{ t.chart_title }</caption>
                <thead><tr><th scope="col">{ t.chart_date }</th><th scope="col">{ names.client }</th><th scope="col">{ names.ai }</th><th scope="col">{ names.team }</th></tr></thead>
                <tbody>
                    { for days.iter().map(|d| html! {
                        <tr><th scope="row">{ d.day.clone() }</th><td>{ d.client }</td><td>{ d.ai }</td><td>{ d.concierge }</td></tr>
                    }) }
                </tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round() {
        assert_eq!(nice_scale(0), (4, 1));
        assert_eq!(nice_scale(3), (3, 1));
        assert_eq!(nice_scale(7), (8, 2));
        assert_eq!(nice_scale(23), (30, 10));
        assert_eq!(nice_scale(180), (200, 50));
        assert_eq!(nice_scale(1000), (1000, 500));
    }

    #[test]
    fn day_labels() {
        assert_eq!(short_day("2025-03-07", Lang::Fr), "07/03");
        assert_eq!(short_day("2025-03-07", Lang::En), "3/7");
        assert_eq!(short_day("bogus", Lang::Fr), "bogus");
    }

    #[tokio::test]
    async fn renders_stacked_bars() {
        let days = vec![
            DailyCount {
                day: "2025-03-01".into(),
                client: 4,
                ai: 3,
                concierge: 1,
            },
            DailyCount {
                day: "2025-03-02".into(),
                client: 0,
                ai: 0,
                concierge: 0,
            },
        ];
        let html = yew::LocalServerRenderer::<BarChart>::with_props(BarChartProps {
            days,
            names: SeriesNames {
                client: "Voyageurs",
                ai: "IA",
                team: "Équipe",
            },
        })
        .hydratable(false)
        .render()
        .await;
        assert_eq!(html.matches("class=\"bar-client\"").count(), 1, "{html}");
        assert_eq!(html.matches("class=\"bar-ai\"").count(), 1);
        assert_eq!(html.matches("class=\"bar-team\"").count(), 1);
        assert!(
            html.contains("01/03\u{a0}: Voyageurs 4, IA 3, Équipe 1"),
            "{html}"
        );
    }
}
