//! The admin sign-in: the toolkit's page, separate from the operators' (its own session cookie),
//! with the documented first-admin account shown for demos.

use protocol::auth::AdminMeResponse;
use ui::components::login::LoginPage;
use ui::components::root::SignInProps;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::api;
use crate::i18n::Localized;

#[function_component]
pub fn Login(props: &SignInProps<AdminMeResponse>) -> Html {
    let t = use_lang().t();
    let hero = html! {
        <>
            <p class="hero-tagline">{ t.login_tagline }</p>
            <div class="hero-panel">
                <div class="hero-row">
                    <span class="hero-avatar" style="--hue: 168">{ "CD" }</span>
                    <span class="hero-name">{ "Conciergerie Démo" }</span>
                    <span class="hero-pill hero-live">{ t.status_active }</span>
                </div>
                <div class="hero-row">
                    <span class="hero-avatar" style="--hue: 262">{ "AC" }</span>
                    <span class="hero-name">{ "Alpes Clés" }</span>
                    <span class="hero-meter"><i style="width: 72%"></i></span>
                </div>
                <div class="hero-row">
                    <span class="hero-avatar" style="--hue: 24">{ "RB" }</span>
                    <span class="hero-name">{ "Riviera Bay" }</span>
                    <span class="hero-meter"><i style="width: 45%"></i></span>
                </div>
            </div>
            <p class="hero-points">{ t.login_points }</p>
        </>
    };
    let footer = html! {
        <p class="login-switch"><span class="muted">{ t.operator_question }</span><a href="/">{ t.operator_space }{ icon(Icon::ArrowRight) }</a></p>
    };
    let brand_tag = html! { <span class="admin-tag">{ t.admin_tag }</span> };
    html! {
        <LoginPage<AdminMeResponse> session={api::SESSION} on_login={props.on_login.clone()}
            notice={props.notice.clone()} {hero} {footer} {brand_tag}
            title={t.login_title} subtitle={t.login_subtitle} demo_hint={t.login_demo_hint} />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn shows_the_admin_form_and_the_documented_first_admin() {
        let props = SignInProps {
            on_login: Callback::noop(),
            notice: Some("Votre session a expiré".into()),
        };
        let html = yew::LocalServerRenderer::<Login>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("admin@example.com / admin123"), "{html}");
        assert!(html.contains("autocomplete=\"current-password\""));
        assert!(html.contains("Votre session a expiré"));
        assert!(html.contains("Administration"), "{html}");
        assert!(html.contains("href=\"/\""), "link to the operators' login");
    }
}
