//! Two-way translation in the chat. Under a guest message not written in French: its language
//! and, with Claude, its French translation (asked for once, then stored by the server). Above
//! the composer: the operator's French draft translated into the guest's language, shown before
//! it replaces the draft. Offline the server answers without a translation (or a 409) and the
//! dashboard says that translation needs Claude.

use protocol::conversations::{Message, MessageTranslation};
use protocol::{ConversationId, GuestLanguage, Sender};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::faq_translations::language_name;
use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::i18n::{Lang, Localized};

/// What to show under a guest message, if anything.
pub fn guest_translation_html(translation: &MessageTranslation, lang: Lang) -> Html {
    let t = lang.t();
    if translation.language == GuestLanguage::French {
        return Html::default();
    }
    let name = language_name(translation.language, lang);
    match &translation.text {
        Some(text) => html! {
            <p class="msg-translation" data-testid="msg-translation" dir="auto">
                <small class="msg-translation-label">{ format!("{} · {}", t.msg_translation, name) }</small>
                { text.clone() }
            </p>
        },
        None => html! {
            <p class="msg-translation msg-translation-offline" data-testid="msg-translation">
                <small>{ format!("{}{}{name} · {}", t.msg_detected_language, lang.pick("\u{a0}: ", ": "), t.msg_translation_needs_claude) }</small>
            </p>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct GuestTranslationProps {
    pub message: Message,
}

/// A guest message's translation: the one the thread carries, else asked for once.
#[function_component]
pub fn GuestTranslation(props: &GuestTranslationProps) -> Html {
    let lang = use_lang();
    let fetched = use_state(|| None::<MessageTranslation>);
    {
        let fetched = fetched.clone();
        let m = props.message.clone();
        use_effect_with(m.id, move |_| {
            if m.sender == Sender::Client && m.translation.is_none() {
                spawn_local(async move {
                    if let Ok(t) = api::translate_guest_message(m.conversation_id, m.id).await {
                        fetched.set(Some(t));
                    }
                });
            }
        });
    }
    match props.message.translation.as_ref().or(fetched.as_ref()) {
        Some(translation) => guest_translation_html(translation, lang),
        None => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
pub struct DraftTranslatorProps {
    pub conversation_id: ConversationId,
    /// The operator's draft, in French.
    pub draft: String,
    /// Replaces the draft with its translation (sent like any reply).
    pub on_use: Callback<String>,
}

#[derive(Clone, PartialEq)]
enum Preview {
    Translated {
        language: GuestLanguage,
        text: String,
    },
    Note(String),
}

/// "Translate for the guest": the draft in the guest's language, to read before using it.
#[function_component]
pub fn DraftTranslator(props: &DraftTranslatorProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let preview = use_state(|| None::<Preview>);
    let busy = use_state(|| false);
    let translate = {
        let (preview, busy) = (preview.clone(), busy.clone());
        let (id, draft) = (props.conversation_id, props.draft.clone());
        Callback::from(move |_| {
            let (preview, busy, draft) = (preview.clone(), busy.clone(), draft.clone());
            busy.set(true);
            spawn_local(async move {
                let shown = match api::translate_draft(id, &draft).await {
                    Ok(done) => Preview::Translated {
                        language: done.language,
                        text: done.text,
                    },
                    Err(e) if e.code() == Some("conflict") => {
                        Preview::Note(t.msg_translation_needs_claude.to_owned())
                    }
                    Err(e) => Preview::Note(e.message(lang)),
                };
                preview.set(Some(shown));
                busy.set(false);
            });
        })
    };
    let body = match &*preview {
        None => Html::default(),
        Some(Preview::Note(text)) => html! { <p class="muted" role="status">{ text.clone() }</p> },
        Some(Preview::Translated { language, text }) => {
            let on_use = {
                let (on_use, text, preview) = (props.on_use.clone(), text.clone(), preview.clone());
                Callback::from(move |_| {
                    on_use.emit(text.clone());
                    preview.set(None);
                })
            };
            html! {
                <div class="draft-translation" data-testid="draft-translation" role="status">
                    <small>{ language_name(*language, lang) }</small>
                    <p dir="auto">{ text.clone() }</p>
                    <button type="button" class="btn btn-small btn-primary" data-testid="draft-translation-use" onclick={on_use}>
                        { t.use_translation }
                    </button>
                </div>
            }
        }
    };
    html! {
        <div class="draft-translator">
            <button type="button" class="btn btn-small btn-ghost" data-testid="draft-translate"
                disabled={*busy || props.draft.trim().is_empty()} onclick={translate}>
                { icon(Icon::Sparkles) }{ t.translate_for_guest }
            </button>
            { body }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_spanish_message_shows_its_language_and_translation_and_offline_the_claude_note() {
        let render = |translation: MessageTranslation, lang: Lang| async move {
            #[derive(Properties, PartialEq)]
            struct P {
                translation: MessageTranslation,
                lang: Lang,
            }
            #[function_component]
            fn Show(p: &P) -> Html {
                guest_translation_html(&p.translation, p.lang)
            }
            yew::LocalServerRenderer::<Show>::with_props(P { translation, lang })
                .render()
                .await
        };
        let html = render(
            MessageTranslation {
                language: GuestLanguage::Spanish,
                text: Some("Bonjour".into()),
            },
            Lang::Fr,
        )
        .await;
        assert!(
            html.contains("Espagnol") && html.contains("Bonjour"),
            "{html}"
        );
        let html = render(
            MessageTranslation {
                language: GuestLanguage::German,
                text: None,
            },
            Lang::En,
        )
        .await;
        assert!(
            html.contains("German") && html.contains("needs Claude"),
            "{html}"
        );
        let html = render(
            MessageTranslation {
                language: GuestLanguage::French,
                text: None,
            },
            Lang::En,
        )
        .await;
        assert!(!html.contains("msg-translation"), "{html}");
    }
}
