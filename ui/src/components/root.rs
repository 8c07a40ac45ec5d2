//! What both apps' roots do: hold the language (and tell the browser), and gate the app behind a
//! session — ask "who am I" at start-up, show the sign-in page until there is a session, and go
//! back to it (with a notice) when any call finds the session ended.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{use_lang, LangCtx, SessionCtx};
use crate::api::{self, SessionEnd, SessionPaths};
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct LangProviderProps {
    pub children: Html,
}

/// Provides [`LangCtx`]: the last choice (French otherwise), remembered when changed.
#[function_component]
pub fn LangProvider(props: &LangProviderProps) -> Html {
    let lang = use_state(Lang::load);
    use_effect_with(*lang, |lang| lang.save());
    let ctx = {
        let lang_state = lang.clone();
        LangCtx {
            lang: *lang,
            set: Callback::from(move |l: Lang| lang_state.set(l)),
        }
    };
    html! {
        <ContextProvider<LangCtx> context={ctx}>
            { props.children.clone() }
        </ContextProvider<LangCtx>>
    }
}

/// What the sign-in page gets from the gate.
#[derive(Properties, PartialEq)]
pub struct SignInProps<M: PartialEq + 'static> {
    /// Called with the new session's "who am I" once signed in.
    pub on_login: Callback<M>,
    /// Shown above the form (e.g. the session expired).
    #[prop_or_default]
    pub notice: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct SessionGateProps<M: PartialEq + 'static> {
    pub session: SessionPaths,
    /// Renders the app's sign-in page.
    pub sign_in: Callback<SignInProps<M>, Html>,
    /// The app, shown inside a [`SessionCtx`] once signed in.
    pub children: Html,
}

#[derive(Clone, PartialEq)]
enum Session<M> {
    /// Asking the server whether the cookie is still good.
    Checking,
    LoggedOut {
        /// The session ended under the user's feet (expired, revoked), and why.
        ended: Option<SessionEnd>,
    },
    LoggedIn(Rc<M>),
}

#[function_component]
pub fn SessionGate<M>(props: &SessionGateProps<M>) -> Html
where
    M: DeserializeOwned + PartialEq + 'static,
{
    let lang = use_lang();
    let session = use_state(|| Session::<M>::Checking);

    {
        let session = session.clone();
        let paths = props.session;
        use_effect_with((), move |_| {
            let expired = session.setter();
            api::set_unauthorized_handler(Some(Callback::from(move |why: SessionEnd| {
                expired.set(Session::LoggedOut { ended: Some(why) })
            })));
            spawn_local(async move {
                match paths.me::<M>().await {
                    Ok(me) => session.set(Session::LoggedIn(Rc::new(me))),
                    Err(_) => session.set(Session::LoggedOut { ended: None }),
                }
            });
            || api::set_unauthorized_handler(None)
        });
    }

    let on_login = {
        let session = session.clone();
        Callback::from(move |me: M| session.set(Session::LoggedIn(Rc::new(me))))
    };
    let logout = {
        let session = session.clone();
        let paths = props.session;
        Callback::from(move |_| {
            let session = session.clone();
            spawn_local(async move {
                let _ = paths.logout().await;
                session.set(Session::LoggedOut { ended: None });
            });
        })
    };

    match &*session {
        Session::Checking => html! {
            <div class="splash" role="status" aria-live="polite">
                <div class="brand-mark" aria-hidden="true">{ "M" }</div>
                <p>{ lang.ui().loading }</p>
            </div>
        },
        Session::LoggedOut { ended } => props.sign_in.emit(SignInProps {
            on_login,
            notice: ended.map(|why| why.notice(lang).to_owned()),
        }),
        Session::LoggedIn(me) => html! {
            <ContextProvider<SessionCtx<M>> context={SessionCtx { me: me.clone(), logout }}>
                { props.children.clone() }
            </ContextProvider<SessionCtx<M>>>
        },
    }
}
