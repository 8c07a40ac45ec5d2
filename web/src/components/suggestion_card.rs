//! The AI's proposed reply (suggestion mode): send it as is, edit it, or discard it.

use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};

#[derive(Properties, PartialEq)]
pub struct SuggestionCardProps {
    pub body: String,
    pub on_send: Callback<()>,
    pub on_edit: Callback<()>,
    pub on_discard: Callback<()>,
    /// The 24 h window is closed: it cannot be sent.
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component]
pub fn SuggestionCard(props: &SuggestionCardProps) -> Html {
    let t = use_lang().t();
    let emit = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <aside class="suggestion" aria-label={t.suggestion_title}>
            <header>{ icon(Icon::Sparkles) }<strong>{ t.suggestion_title }</strong></header>
            <p class="suggestion-body">{ props.body.clone() }</p>
            <div class="suggestion-actions">
                <button type="button" class="btn btn-ghost btn-small" onclick={emit(&props.on_discard)}>
                    { icon(Icon::Close) }{ t.suggestion_discard }
                </button>
                <button type="button" class="btn btn-outline btn-small" onclick={emit(&props.on_edit)}>
                    { icon(Icon::Edit) }{ t.suggestion_edit }
                </button>
                <button type="button" class="btn btn-primary btn-small" disabled={props.disabled}
                    onclick={emit(&props.on_send)}>
                    { icon(Icon::Send) }{ t.suggestion_send }
                </button>
            </div>
        </aside>
    }
}
