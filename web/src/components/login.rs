//! The operators' sign-in: the toolkit's page, with the dashboard's words and a glimpse of a
//! conversation answered by the AI.

use protocol::auth::MeResponse;
use ui::components::login::LoginPage;
use ui::components::root::SignInProps;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::api;
use crate::i18n::Localized;

#[function_component]
pub fn Login(props: &SignInProps<MeResponse>) -> Html {
    let t = use_lang().t();
    let hero = html! {
        <>
            <p class="hero-tagline">{ t.tagline }</p>
            <div class="hero-chat">
                <div class="hero-bubble hero-in">{ t.hero_guest }</div>
                <div class="hero-bubble hero-out"><span class="ai-badge">{ icon(Icon::Sparkles) }{ t.sender_ai }</span>{ t.hero_ai }</div>
                <div class="hero-bubble hero-in">{ t.hero_thanks }</div>
            </div>
            <p class="hero-points">{ t.login_points }</p>
        </>
    };
    html! {
        <LoginPage<MeResponse> session={api::SESSION} on_login={props.on_login.clone()}
            notice={props.notice.clone()} {hero}
            title={t.login_title} subtitle={t.login_subtitle} demo_hint={t.login_demo_hint} />
    }
}
