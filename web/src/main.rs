//! The operator dashboard, served by the backend at `/`.

use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! {
        <main class="app">
            <h1>{ "Majordome" }</h1>
            <p>{ "Tableau de bord des opérateurs" }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
