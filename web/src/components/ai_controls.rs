//! The AI's controls for one conversation: its mode (auto / suggestion / off) and who has the
//! hand (take over, or hand back to the AI).

use protocol::conversations::{ConversationPatch, ConversationSummary};
use protocol::AiMode;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use super::segmented::Segmented;
use ui::components::widgets::{ai_mode_options, ModeScope};

use crate::i18n::Localized;

#[derive(Properties, PartialEq)]
pub struct AiControlsProps {
    pub conversation: ConversationSummary,
    pub on_patch: Callback<ConversationPatch>,
    #[prop_or_default]
    pub busy: bool,
}

#[function_component]
pub fn AiControls(props: &AiControlsProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let c = &props.conversation;

    let on_mode = {
        let on_patch = props.on_patch.clone();
        Callback::from(move |v: &'static str| {
            if let Ok(mode) = v.parse::<AiMode>() {
                on_patch.emit(ConversationPatch {
                    ai_mode_override: Some(Some(mode)),
                    ..Default::default()
                });
            }
        })
    };
    let reset = c.ai_mode_override.is_some().then(|| {
        let on_patch = props.on_patch.clone();
        html! {
            <button type="button" class="btn-icon" title={t.ai_mode_reset} aria-label={t.ai_mode_reset}
                disabled={props.busy}
                onclick={Callback::from(move |_| on_patch.emit(ConversationPatch {
                    ai_mode_override: Some(None),
                    ..Default::default()
                }))}>
                { icon(Icon::Undo) }
            </button>
        }
    });
    let hand = (c.ai_mode != AiMode::Off).then(|| {
        let on_patch = props.on_patch.clone();
        let paused = c.ai_paused;
        let onclick = Callback::from(move |_| {
            on_patch.emit(ConversationPatch {
                ai_paused: Some(!paused),
                ..Default::default()
            })
        });
        if paused {
            html! {
                <button type="button" class="btn btn-small btn-ai" disabled={props.busy} {onclick}>
                    { icon(Icon::Sparkles) }{ t.hand_back }
                </button>
            }
        } else {
            html! {
                <button type="button" class="btn btn-small btn-outline" disabled={props.busy} {onclick}>
                    { icon(Icon::Hand) }{ t.take_over }
                </button>
            }
        }
    });

    html! {
        <div class="ai-controls" role="group" aria-label={t.conversation_actions}>
            <Segmented name="conversation-ai-mode" label={t.ai_mode_label} options={ai_mode_options(lang, ModeScope::Conversation)}
                selected={c.ai_mode.as_str()} on_change={on_mode} disabled={props.busy} />
            { reset }
            { hand }
        </div>
    }
}
