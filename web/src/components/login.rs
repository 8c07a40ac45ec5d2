//! The login page: email and password, errors said plainly, the demo account shown.

use protocol::auth::MeResponse;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, use_lang, LangCtx};
use super::icons::{icon, Icon};
use crate::api;

#[derive(Properties, PartialEq)]
pub struct LoginProps {
    pub on_login: Callback<MeResponse>,
    /// Shown above the form (e.g. the session expired).
    #[prop_or_default]
    pub notice: Option<String>,
}

#[function_component]
pub fn Login(props: &LoginProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let lang_ctx = use_context::<LangCtx>();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let show_password = use_state(|| false);
    let pending = use_state(|| false);
    let error = use_state(|| None::<String>);

    let onsubmit = {
        let (email, password, pending, error) = (
            email.clone(),
            password.clone(),
            pending.clone(),
            error.clone(),
        );
        let on_login = props.on_login.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *pending {
                return;
            }
            if email.trim().is_empty() || password.is_empty() {
                error.set(Some(lang.t().field_required.to_owned()));
                return;
            }
            pending.set(true);
            error.set(None);
            let (email, password, pending, error) = (
                email.trim().to_owned(),
                (*password).clone(),
                pending.clone(),
                error.clone(),
            );
            let on_login = on_login.clone();
            spawn_local(async move {
                let result = match api::login(&email, &password).await {
                    Ok(_) => api::me().await,
                    Err(e) => Err(e),
                };
                pending.set(false);
                match result {
                    Ok(me) => on_login.emit(me),
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        })
    };

    let lang_button = lang_ctx.map(|ctx| {
        let other = lang.other();
        let onclick = Callback::from(move |_| ctx.set.emit(other));
        html! {
            <button type="button" class="btn btn-ghost lang-switch" {onclick} aria-label={t.switch_lang}>
                { icon(Icon::Globe) }<span>{ t.switch_lang_short }</span>
            </button>
        }
    });

    let error_id = "login-error";
    html! {
        <div class="login-page">
            <section class="login-hero" aria-hidden="true">
                <div class="hero-inner">
                    <div class="brand brand-light"><span class="brand-mark">{ "M" }</span><span>{ t.app_name }</span></div>
                    <p class="hero-tagline">{ t.tagline }</p>
                    <div class="hero-chat">
                        <div class="hero-bubble hero-in">{ t.hero_guest }</div>
                        <div class="hero-bubble hero-out"><span class="ai-badge">{ icon(Icon::Sparkles) }{ t.sender_ai }</span>{ t.hero_ai }</div>
                        <div class="hero-bubble hero-in">{ t.hero_thanks }</div>
                    </div>
                    <p class="hero-points">{ t.login_points }</p>
                </div>
            </section>
            <main class="login-main">
                <div class="login-top">{ lang_button }</div>
                <form class="login-card" {onsubmit} novalidate=true aria-describedby={error.is_some().then_some(error_id)}>
                    <div class="brand login-brand"><span class="brand-mark">{ "M" }</span><span>{ t.app_name }</span></div>
                    <h1>{ t.login_title }</h1>
                    <p class="muted">{ t.login_subtitle }</p>
                    if let Some(notice) = &props.notice {
                        <p class="notice notice-info" role="status">{ icon(Icon::Info) }<span>{ notice }</span></p>
                    }
                    if let Some(err) = &*error {
                        <p id={error_id} class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ err }</span></p>
                    }
                    <label class="field">
                        <span class="field-label">{ t.email }</span>
                        <input type="email" id="login-email" name="email" autocomplete="username" required=true
                            value={(*email).clone()}
                            oninput={let email = email.clone(); Callback::from(move |e: InputEvent| email.set(input_value(&e)))} />
                    </label>
                    <label class="field">
                        <span class="field-label">{ t.password }</span>
                        <span class="input-with-button">
                            <input type={if *show_password { "text" } else { "password" }} id="login-password" name="password"
                                autocomplete="current-password" required=true
                                value={(*password).clone()}
                                oninput={let password = password.clone(); Callback::from(move |e: InputEvent| password.set(input_value(&e)))} />
                            <button type="button" class="btn-icon"
                                aria-label={if *show_password { t.hide_password } else { t.show_password }}
                                aria-pressed={show_password.to_string()}
                                onclick={let s = show_password.clone(); Callback::from(move |_| s.set(!*s))}>
                                { icon(if *show_password { Icon::EyeOff } else { Icon::Eye }) }
                            </button>
                        </span>
                    </label>
                    <button type="submit" id="login-submit" class="btn btn-primary btn-block" disabled={*pending}>
                        { if *pending { t.login_pending } else { t.login_submit } }
                    </button>
                    <p class="demo-hint">{ t.login_demo_hint }</p>
                </form>
            </main>
        </div>
    }
}
