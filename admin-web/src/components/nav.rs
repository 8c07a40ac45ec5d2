//! The navigation: a dark rail on the left on wide screens, a tab bar at the bottom on phones,
//! like the operator dashboard's, with the admin's four pages.

use ui::components::nav::{badge_text, NavAccount, NavLang};
use yew::prelude::*;

use super::hooks::{use_lang, SessionCtx};
use super::icons::{icon, Icon};
use crate::format::initials;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::route::Page;

pub fn page_label(page: Page, lang: Lang) -> &'static str {
    let t = lang.t();
    match page {
        Page::Conciergeries => t.nav_conciergeries,
        Page::Features => t.nav_features,
        Page::Unrouted => t.nav_unrouted,
        Page::Health => t.nav_health,
    }
}

#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub page: Page,
    pub navigate: Callback<Page>,
    /// Feature requests waiting for a decision.
    #[prop_or_default]
    pub pending_requests: u64,
    /// Messages waiting for a number to be assigned.
    #[prop_or_default]
    pub unrouted: usize,
}

#[function_component]
pub fn Nav(props: &NavProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let session = use_context::<SessionCtx>();

    let item = |page: Page| {
        let glyph = match page {
            Page::Conciergeries => Icon::Building,
            Page::Features => Icon::Bulb,
            Page::Unrouted => Icon::Inbox,
            Page::Health => Icon::Pulse,
        };
        let (count, label, alert) = match page {
            Page::Features => (
                props.pending_requests as usize,
                lang.pending_requests(props.pending_requests),
                false,
            ),
            Page::Unrouted => (props.unrouted, lang.unrouted_waiting(props.unrouted), true),
            _ => (0, String::new(), false),
        };
        let badge = (count > 0).then(|| {
            let n = badge_text(count);
            html! { <span class={classes!("nav-badge", alert.then_some("nav-badge-alert"))} aria-label={label}>{ n }</span> }
        });
        let current = props.page == page;
        let navigate = props.navigate.clone();
        html! {
            <li>
                <a href={page.to_hash()} class={classes!("nav-item", current.then_some("active"))}
                    aria-current={current.then_some("page")}
                    onclick={Callback::from(move |e: MouseEvent| {
                        // Plain clicks stay in the app; a middle or ctrl click opens a tab.
                        if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0) {
                            e.prevent_default();
                            navigate.emit(page);
                        }
                    })}>
                    <span class="nav-icon">{ icon(glyph) }{ badge }</span>
                    <span class="nav-label">{ page_label(page, lang) }</span>
                </a>
            </li>
        }
    };

    let account = session.map(|s| {
        let email = s.me.admin.email.clone();
        html! {
            <NavAccount initials={initials(&email.replace(['@', '.'], " "))} name={email} logout={s.logout.clone()} />
        }
    });

    html! {
        <nav class="nav" aria-label={t.main_nav}>
            <div class="nav-brand" aria-hidden="true">
                <span class="brand-mark">{ "M" }</span>
                <span class="nav-admin">{ t.admin_tag_short }</span>
            </div>
            <ul class="nav-list">
                { for Page::ALL.into_iter().map(item) }
            </ul>
            <div class="nav-bottom">
                <NavLang />
                { account }
            </div>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn marks_the_current_page_and_shows_waiting_counts() {
        let props = NavProps {
            page: Page::Features,
            navigate: Callback::noop(),
            pending_requests: 3,
            unrouted: 120,
        };
        let html = yew::LocalServerRenderer::<Nav>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("aria-current=\"page\""), "{html}");
        assert!(html.contains("href=\"#/features\""));
        assert!(html.contains("3 demandes en attente"), "{html}");
        assert!(html.contains(">99+<"), "{html}");
        assert!(html.contains("nav-badge nav-badge-alert"));
        for label in ["Conciergeries", "Demandes", "Non routés", "Santé"] {
            assert!(html.contains(label), "{label}: {html}");
        }
    }
}
