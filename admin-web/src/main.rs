//! The platform admin app, served by the backend at `/admin/`.

use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! {
        <main class="app">
            <h1>{ "Majordome — administration" }</h1>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
