//! The root: the language, then the operator session (the toolkit's gate): the login page until
//! there is a session, then the dashboard. Any 401 from the API brings the operator back to the
//! login page.

use protocol::auth::MeResponse;
use ui::components::root::{LangProvider, SessionGate, SignInProps};
use yew::prelude::*;

use super::dashboard::Dashboard;
use super::login::Login;
use crate::api;

#[function_component]
pub fn App() -> Html {
    let sign_in = Callback::from(|props: SignInProps<MeResponse>| html! { <Login ..props /> });
    html! {
        <LangProvider>
            <SessionGate<MeResponse> session={api::SESSION} {sign_in}>
                <Dashboard />
            </SessionGate<MeResponse>>
        </LangProvider>
    }
}
