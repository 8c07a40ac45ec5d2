//! The root: picks the language, checks the admin session cookie, then shows the login page or
//! the dashboard. Any 401 from the API brings the admin back to the login page.

use std::rc::Rc;

use protocol::auth::AdminMeResponse;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::dashboard::Dashboard;
use super::hooks::{LangCtx, SessionCtx};
use super::login::Login;
use crate::api::{self, ApiError};
use crate::i18n::Lang;

#[derive(Clone, PartialEq)]
enum Session {
    /// Asking `/api/admin/auth/me` whether the cookie is still good.
    Checking,
    LoggedOut {
        /// The session ended under the admin's feet (expired, revoked).
        expired: bool,
    },
    LoggedIn(Rc<AdminMeResponse>),
}

#[function_component]
pub fn App() -> Html {
    let lang = use_state(Lang::load);
    let session = use_state(|| Session::Checking);

    let lang_ctx = {
        let lang_state = lang.clone();
        LangCtx {
            lang: *lang,
            set: Callback::from(move |l: Lang| {
                l.save();
                lang_state.set(l);
            }),
        }
    };

    {
        let session = session.clone();
        let lang = *lang;
        use_effect_with((), move |_| {
            lang.save();
            let expired = session.setter();
            api::set_unauthorized_handler(Some(Callback::from(move |_| {
                expired.set(Session::LoggedOut { expired: true })
            })));
            spawn_local(async move {
                match api::me().await {
                    Ok(me) => session.set(Session::LoggedIn(Rc::new(me))),
                    Err(_) => session.set(Session::LoggedOut { expired: false }),
                }
            });
            || api::set_unauthorized_handler(None)
        });
    }

    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(lang.t().page_title);
            }
        });
    }

    let on_login = {
        let session = session.clone();
        Callback::from(move |me: AdminMeResponse| session.set(Session::LoggedIn(Rc::new(me))))
    };
    let logout = {
        let session = session.clone();
        Callback::from(move |_| {
            let session = session.clone();
            spawn_local(async move {
                let _ = api::logout().await;
                session.set(Session::LoggedOut { expired: false });
            });
        })
    };

    let t = lang.t();
    let body = match &*session {
        Session::Checking => html! {
            <div class="splash" role="status" aria-live="polite">
                <div class="brand-mark" aria-hidden="true">{ "M" }</div>
                <p>{ t.loading }</p>
            </div>
        },
        Session::LoggedOut { expired } => {
            let notice = expired.then(|| ApiError::Unauthorized.message(*lang));
            html! { <Login {on_login} {notice} /> }
        }
        Session::LoggedIn(me) => html! {
            <ContextProvider<SessionCtx> context={SessionCtx { me: me.clone(), logout }}>
                <Dashboard />
            </ContextProvider<SessionCtx>>
        },
    };
    html! {
        <ContextProvider<LangCtx> context={lang_ctx}>
            { body }
        </ContextProvider<LangCtx>>
    }
}
