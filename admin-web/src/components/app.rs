//! The root: the language, then the admin session (the toolkit's gate, on the admin's own
//! cookie): the login page until there is a session, then the dashboard. Any 401 from the API
//! brings the admin back to the login page.

use protocol::auth::AdminMeResponse;
use ui::components::root::{LangProvider, SessionGate, SignInProps};
use yew::prelude::*;

use super::dashboard::Dashboard;
use super::hooks::use_lang;
use super::login::Login;
use crate::api;
use crate::i18n::Localized;

#[function_component]
pub fn App() -> Html {
    let sign_in = Callback::from(|props: SignInProps<AdminMeResponse>| html! { <Login ..props /> });
    html! {
        <LangProvider>
            <PageTitle />
            <SessionGate<AdminMeResponse> session={api::SESSION} {sign_in}>
                <Dashboard />
            </SessionGate<AdminMeResponse>>
        </LangProvider>
    }
}

/// Keeps the tab's title in the admin's language.
#[function_component]
fn PageTitle() -> Html {
    let lang = use_lang();
    use_effect_with(lang, |lang| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(lang.t().page_title);
        }
    });
    Html::default()
}
