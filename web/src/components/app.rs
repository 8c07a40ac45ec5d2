//! The root: picks the language, checks the session cookie, then shows the login page or the
//! dashboard. Any 401 from the API brings the operator back here, to the login page.

use std::rc::Rc;

use protocol::auth::MeResponse;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::dashboard::Dashboard;
use super::hooks::{LangCtx, SessionCtx};
use super::login::Login;
use crate::api::{self, ApiError};
use crate::i18n::Lang;

#[derive(Clone, PartialEq)]
enum Session {
    /// Asking `/api/auth/me` whether the cookie is still good.
    Checking,
    LoggedOut {
        /// Why the operator is here (an expired session).
        notice: Option<&'static str>,
    },
    LoggedIn(Rc<MeResponse>),
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
                expired.set(Session::LoggedOut {
                    notice: Some("expired"),
                })
            })));
            spawn_local(async move {
                match api::me().await {
                    Ok(me) => session.set(Session::LoggedIn(Rc::new(me))),
                    Err(_) => session.set(Session::LoggedOut { notice: None }),
                }
            });
            || api::set_unauthorized_handler(None)
        });
    }

    let on_login = {
        let session = session.clone();
        Callback::from(move |me: MeResponse| session.set(Session::LoggedIn(Rc::new(me))))
    };
    let logout = {
        let session = session.clone();
        Callback::from(move |_| {
            let session = session.clone();
            spawn_local(async move {
                let _ = api::logout().await;
                session.set(Session::LoggedOut { notice: None });
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
        Session::LoggedOut { notice } => {
            let notice = notice.map(|_| ApiError::Unauthorized.message(*lang));
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
