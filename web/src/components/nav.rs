//! The navigation: a rail on the left on wide screens, a tab bar at the bottom on phones.

use ui::components::nav::{badge_text, NavAccount, NavLang};
use yew::prelude::*;

use super::hooks::{use_lang, SessionCtx};
use super::icons::{icon, Icon};
use crate::format::initials;
use crate::i18n::Localized;
use crate::route::{Route, Tab};

#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub route: Route,
    pub navigate: Callback<Route>,
    /// Unread guest messages, shown on the inbox entry.
    pub unread: i64,
    pub simulator_mode: bool,
    pub sim_open: bool,
    pub on_toggle_sim: Callback<()>,
}

#[function_component]
pub fn Nav(props: &NavProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let session = use_context::<SessionCtx>();

    let item = |tab: Tab| {
        let (label, short, glyph, id) = match tab {
            Tab::Inbox => (t.nav_inbox, t.nav_inbox_short, Icon::Chat, "nav-inbox"),
            Tab::Faq => (t.nav_faq, t.nav_faq, Icon::Faq, "nav-faq"),
            Tab::Settings => (
                t.nav_settings,
                t.nav_settings_short,
                Icon::Settings,
                "nav-settings",
            ),
            Tab::Analytics => (
                t.nav_analytics,
                t.nav_analytics_short,
                Icon::Chart,
                "nav-analytics",
            ),
            Tab::Ideas => (t.nav_ideas, t.nav_ideas, Icon::Bulb, "nav-ideas"),
            Tab::Properties => (
                t.nav_properties,
                t.nav_properties_short,
                Icon::Home,
                "nav-properties",
            ),
            Tab::Stays => (t.nav_stays, t.nav_stays_short, Icon::Calendar, "nav-stays"),
        };
        let current = props.route.tab == tab;
        let navigate = props.navigate.clone();
        let onclick = Callback::from(move |_| navigate.emit(Route::tab(tab)));
        let badge = (tab == Tab::Inbox && props.unread > 0).then(|| {
            let n = badge_text(props.unread as usize);
            html! { <span class="nav-badge" aria-label={lang.unread(props.unread)}>{ n }</span> }
        });
        html! {
            <li>
                <button type="button" {id} class={classes!("nav-item", current.then_some("active"))}
                    aria-current={current.then_some("page")} title={label} {onclick}>
                    <span class="nav-icon">{ icon(glyph) }{ badge }</span>
                    <span class="nav-label nav-label-full">{ label }</span>
                    <span class="nav-label nav-label-short">{ short }</span>
                </button>
            </li>
        }
    };

    let sim_button = props.simulator_mode.then(|| {
        let toggle = props.on_toggle_sim.clone();
        html! {
            <button type="button" id="nav-sim" class={classes!("nav-item", "nav-sim", props.sim_open.then_some("active"))}
                aria-pressed={props.sim_open.to_string()}
                title={if props.sim_open { t.close_simulator } else { t.open_simulator_long }}
                onclick={Callback::from(move |_| toggle.emit(()))}>
                <span class="nav-icon">{ icon(Icon::Phone) }</span>
                <span class="nav-label nav-label-full">{ t.open_simulator }</span>
                <span class="nav-label nav-label-short">{ t.open_simulator_short }</span>
            </button>
        }
    });
    let account = session.map(|s| {
        let name = s.me.conciergerie.name.clone();
        html! { <NavAccount initials={initials(&name)} name={name} logout={s.logout.clone()} /> }
    });

    html! {
        <nav class="nav" aria-label={t.main_nav}>
            <div class="nav-brand" aria-hidden="true"><span class="brand-mark">{ "M" }</span></div>
            <ul class="nav-list">
                { for Tab::ALL.into_iter().map(item) }
            </ul>
            <div class="nav-bottom">
                { sim_button }
                <NavLang />
                { account }
            </div>
        </nav>
    }
}
