//! The AI's proposed reply (suggestion mode): send it as is, edit it, or discard it.

use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::i18n::Localized;

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
        <aside class="suggestion" id="suggestion" aria-label={t.suggestion_title}>
            <header>{ icon(Icon::Sparkles) }<strong>{ t.suggestion_title }</strong></header>
            <p class="suggestion-body" dir="auto">{ props.body.clone() }</p>
            <div class="suggestion-actions">
                <button type="button" id="suggestion-discard" class="btn btn-ghost btn-small" onclick={emit(&props.on_discard)}>
                    { icon(Icon::Close) }{ t.suggestion_discard }
                </button>
                <button type="button" id="suggestion-edit" class="btn btn-outline btn-small" onclick={emit(&props.on_edit)}>
                    { icon(Icon::Edit) }{ t.suggestion_edit }
                </button>
                <button type="button" id="suggestion-send" class="btn btn-primary btn-small" disabled={props.disabled}
                    onclick={emit(&props.on_send)}>
                    { icon(Icon::Send) }{ t.suggestion_send }
                </button>
            </div>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn offers_send_edit_and_discard() {
        let props = SuggestionCardProps {
            body: "L'arrivée est à partir de 16 h.".into(),
            on_send: Callback::noop(),
            on_edit: Callback::noop(),
            on_discard: Callback::noop(),
            disabled: true,
        };
        let html = yew::LocalServerRenderer::<SuggestionCard>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("Suggestion de l'IA"), "{html}");
        assert!(html.contains("16 h."));
        for label in ["Envoyer", "Modifier", "Ignorer"] {
            assert!(html.contains(label), "{label}: {html}");
        }
        // Sending is disabled while the 24 h window is closed; editing and discarding are not.
        assert_eq!(html.matches("disabled=\"disabled\"").count(), 1, "{html}");
    }
}
