//! The sign-in page both apps open on: a brand panel the app fills, and the form (email and
//! password, errors said plainly in the user's language, the demo account shown).

use serde::de::DeserializeOwned;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, use_lang, LangCtx};
use super::icons::{icon, Icon};
use crate::api::{ApiError, SessionPaths};
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct LoginProps<M: PartialEq + 'static> {
    /// Where this app signs in.
    pub session: SessionPaths,
    /// Called with the new session's "who am I" once signed in.
    pub on_login: Callback<M>,
    /// Shown above the form (e.g. the session expired), until the user tries again.
    #[prop_or_default]
    pub notice: Option<String>,
    pub title: AttrValue,
    pub subtitle: AttrValue,
    pub demo_hint: AttrValue,
    /// After the app's name in both brand lines (e.g. the admin tag).
    #[prop_or_default]
    pub brand_tag: Html,
    /// The left panel under the brand: tagline, illustration, selling points.
    #[prop_or_default]
    pub hero: Html,
    /// Under the form (e.g. a link to the other app's sign-in).
    #[prop_or_default]
    pub footer: Html,
}

/// What a failed sign-in means, in the user's language. A deactivated account is refused with
/// 403 `forbidden` after the password was checked.
pub fn login_error(e: &ApiError, lang: Lang) -> String {
    match (e, e.code()) {
        (ApiError::Status { status: 403, .. }, Some("forbidden")) => {
            lang.ui().err_account_disabled.to_owned()
        }
        _ => e.common_message(lang),
    }
}

#[function_component]
pub fn LoginPage<M>(props: &LoginProps<M>) -> Html
where
    M: DeserializeOwned + PartialEq + 'static,
{
    let lang = use_lang();
    let t = lang.ui();
    let lang_ctx = use_context::<LangCtx>();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let show_password = use_state(|| false);
    let pending = use_state(|| false);
    let error = use_state(|| None::<String>);
    // The notice is about the previous session: once the user has tried again, it is stale.
    let tried = use_state(|| false);

    let onsubmit = {
        let (email, password, pending, error, tried) = (
            email.clone(),
            password.clone(),
            pending.clone(),
            error.clone(),
            tried.clone(),
        );
        let on_login = props.on_login.clone();
        let session = props.session;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *pending {
                return;
            }
            tried.set(true);
            if email.trim().is_empty() || password.is_empty() {
                error.set(Some(lang.ui().login_fields_required.to_owned()));
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
                let result = match session
                    .login::<serde::de::IgnoredAny>(&email, &password)
                    .await
                {
                    Ok(_) => session.me::<M>().await,
                    Err(e) => Err(e),
                };
                pending.set(false);
                match result {
                    Ok(me) => on_login.emit(me),
                    Err(e) => error.set(Some(login_error(&e, lang))),
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

    let notice = props.notice.as_ref().filter(|_| !*tried);
    let error_id = "login-error";
    html! {
        <div class="login-page">
            <section class="login-hero" aria-hidden="true">
                <div class="hero-inner">
                    <div class="brand brand-light">
                        <span class="brand-mark">{ "M" }</span><span>{ t.app_name }</span>
                        { props.brand_tag.clone() }
                    </div>
                    { props.hero.clone() }
                </div>
            </section>
            <main class="login-main">
                <div class="login-top">{ lang_button }</div>
                <form class="login-card" {onsubmit} novalidate=true aria-describedby={error.is_some().then_some(error_id)}>
                    <div class="brand login-brand">
                        <span class="brand-mark">{ "M" }</span><span>{ t.app_name }</span>
                        { props.brand_tag.clone() }
                    </div>
                    <h1>{ props.title.clone() }</h1>
                    <p class="muted">{ props.subtitle.clone() }</p>
                    if let Some(notice) = notice {
                        <p id="login-notice" class="notice notice-info" role="status">{ icon(Icon::Info) }<span>{ notice }</span></p>
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
                    <p class="demo-hint">{ props.demo_hint.clone() }</p>
                    { props.footer.clone() }
                </form>
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use protocol::error::ErrorDetail;

    use super::*;

    #[derive(serde::Deserialize, PartialEq)]
    struct Me;

    #[tokio::test]
    async fn shows_the_form_the_notice_and_the_apps_own_words() {
        let props = LoginProps::<Me> {
            session: SessionPaths {
                login: "/login",
                logout: "/logout",
                me: "/me",
            },
            on_login: Callback::noop(),
            notice: Some("Votre session a expiré".into()),
            title: "Connexion".into(),
            subtitle: "Accédez à la messagerie".into(),
            demo_hint: "demo@example.com / demo123".into(),
            brand_tag: html! { <span class="admin-tag">{ "Administration" }</span> },
            hero: Html::default(),
            footer: Html::default(),
        };
        let html = yew::LocalServerRenderer::<LoginPage<Me>>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("demo@example.com / demo123"), "{html}");
        assert!(html.contains("autocomplete=\"current-password\""));
        assert!(html.contains("Votre session a expiré"));
        assert!(html.contains("Administration"));
    }

    #[test]
    fn a_deactivated_account_is_told_so_in_the_users_language() {
        let e = ApiError::Status {
            status: 403,
            detail: Some(ErrorDetail {
                code: "forbidden".into(),
                message: "this conciergerie account is deactivated".into(),
                field: None,
            }),
        };
        assert_eq!(
            login_error(&e, Lang::Fr),
            Lang::Fr.ui().err_account_disabled
        );
        assert_eq!(
            login_error(&e, Lang::En),
            Lang::En.ui().err_account_disabled
        );
    }
}
