//! One row of the inbox: avatar, name or number, time, last message, unread badge, status chips.

use std::rc::Rc;

use protocol::conversations::ConversationSummary;
use protocol::labels::Label;
use protocol::{ConversationId, Timestamp};
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use super::stay_header::{phase_class, phase_label};
use super::team_header::TeamCtx;
use super::triage_controls::label_chips;
use crate::format::{avatar_hue, initials, list_time};
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::state::chips::{chips, Chip};
use crate::state::team::assignee_name;

#[derive(Properties, PartialEq)]
pub struct ConversationItemProps {
    pub conversation: ConversationSummary,
    #[prop_or_default]
    pub active: bool,
    pub now: Timestamp,
    #[prop_or_default]
    pub offset_minutes: i32,
    #[prop_or_default]
    pub on_select: Callback<ConversationId>,
    /// The conciergerie's labels, to name and colour the ones the conversation carries.
    #[prop_or_default]
    pub labels: Rc<Vec<Label>>,
}

/// The text of a status chip.
pub fn chip_label(chip: Chip, lang: Lang) -> &'static str {
    let t = lang.t();
    match chip {
        Chip::Urgent => t.chip_urgent,
        Chip::Ai => t.chip_ai,
        Chip::AiSuggest => t.chip_suggest,
        Chip::Human => t.chip_human,
        Chip::NeedsHuman => t.chip_needs_human,
        Chip::SendFailed => t.chip_failed,
        Chip::SuggestionReady => t.chip_suggestion_ready,
        Chip::Closed => t.chip_closed,
    }
}

/// A status chip, with its icon.
pub fn chip_html(chip: Chip, lang: Lang) -> Html {
    let glyph = match chip {
        Chip::Ai | Chip::AiSuggest | Chip::SuggestionReady => Some(Icon::Sparkles),
        Chip::Human => Some(Icon::User),
        Chip::NeedsHuman => Some(Icon::Hand),
        Chip::Urgent | Chip::SendFailed => Some(Icon::Alert),
        Chip::Closed => None,
    };
    html! {
        <span class={classes!("chip", chip.class())}>{ glyph.map(icon) }{ chip_label(chip, lang) }</span>
    }
}

/// What to call a guest: their WhatsApp name, else their number.
pub fn display_name(c: &ConversationSummary) -> String {
    c.contact_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| c.phone_number.clone())
}

#[function_component]
pub fn ConversationItem(props: &ConversationItemProps) -> Html {
    let lang = use_lang();
    let c = &props.conversation;
    let name = display_name(c);
    let unread = c.unread_count > 0;
    let time = c
        .last_message_at
        .map(|at| list_time(at, props.now, props.offset_minutes, lang));
    let id = c.id;
    let onclick = {
        let on_select = props.on_select.clone();
        Callback::from(move |_| on_select.emit(id))
    };
    let style = format!("--hue: {}", avatar_hue(&c.phone_number));
    // Whose it is, when assigned (the team comes from the dashboard; absent in isolation).
    let assignee = use_context::<TeamCtx>()
        .and_then(|team| assignee_name(c, &team.members))
        .map(|who| html! {
            <span class="conv-assignee" data-testid="conv-assignee" title={lang.t().assignee_label}>
                { icon(Icon::User) }{ who }
            </span>
        });
    html! {
        <li class="conv-row">
            <button type="button" id={format!("conv-{}", c.id)}
                class={classes!("conv-item", props.active.then_some("active"), unread.then_some("unread"))}
                aria-current={props.active.then_some("true")}
                {onclick}>
                <span class="avatar" {style} aria-hidden="true">{ initials(&name) }</span>
                <span class="conv-main">
                    <span class="conv-top">
                        <span class="conv-name">{ &name }</span>
                        if let (Some(time), Some(at)) = (time, c.last_message_at) {
                            <time class="conv-time" datetime={at.to_rfc3339()}>{ time }</time>
                        }
                    </span>
                    <span class="conv-bottom">
                        <span class="conv-preview" dir="auto">{ c.last_message_preview.clone().unwrap_or_default() }</span>
                        if unread {
                            <span class="unread-badge" aria-label={lang.unread(c.unread_count)}>
                                { if c.unread_count > 99 { "99+".to_owned() } else { c.unread_count.to_string() } }
                            </span>
                        }
                    </span>
                    if let Some(stay) = &c.stay {
                        <span class={classes!("conv-stay", phase_class(stay.phase))} data-testid="conv-stay"
                            title={phase_label(stay.phase, lang)}>
                            { icon(Icon::Home) }{ crate::state::stays::hint(stay, lang) }
                        </span>
                    }
                    { for assignee }
                    <span class="chips">
                        { for chips(c).into_iter().map(|chip| chip_html(chip, lang)) }
                        { label_chips(c, &props.labels) }
                    </span>
                </span>
            </button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::inbox::tests::{conv, t};
    use protocol::{AiMode, ConversationStatus};

    async fn render(props: ConversationItemProps) -> String {
        yew::LocalServerRenderer::<ConversationItem>::with_props(props)
            .hydratable(false)
            .render()
            .await
    }

    fn props(c: ConversationSummary) -> ConversationItemProps {
        ConversationItemProps {
            conversation: c,
            active: false,
            now: t(30),
            offset_minutes: 0,
            on_select: Callback::noop(),
            labels: Rc::default(),
        }
    }

    #[tokio::test]
    async fn shows_name_time_preview_and_ai_chip() {
        let mut c = conv(7, 5);
        c.contact_name = Some("Camille Dubois".into());
        c.last_message_preview = Some("Le code du portail ?".into());
        let html = render(props(c)).await;
        assert!(html.contains("Camille Dubois"), "{html}");
        assert!(html.contains(">CD<"), "initials: {html}");
        assert!(html.contains("10:05"), "time: {html}");
        assert!(html.contains("Le code du portail ?"));
        assert!(html.contains("chip-ai") && html.contains(">IA<"), "{html}");
        assert!(!html.contains("unread-badge"));
        assert!(!html.contains("chip-needs-human"));
    }

    #[tokio::test]
    async fn falls_back_to_the_number_and_shows_unread() {
        let mut c = conv(8, 5);
        c.contact_name = None;
        c.phone_number = "+33611223344".into();
        c.unread_count = 3;
        let html = render(props(c)).await;
        assert!(html.contains("+33611223344"));
        assert!(html.contains("unread-badge"));
        assert!(html.contains("3 messages non lus"), "{html}");
        assert!(html.contains("class=\"conv-item unread\""), "{html}");
    }

    #[tokio::test]
    async fn alerts_show_as_chips() {
        let mut c = conv(9, 5);
        c.status = ConversationStatus::NeedsHuman;
        c.last_send_failed = true;
        c.ai_paused = true;
        c.ai_mode = AiMode::Auto;
        let html = render(props(c)).await;
        assert!(
            html.contains("chip-needs-human") && html.contains("À traiter"),
            "{html}"
        );
        assert!(
            html.contains("chip-failed") && html.contains("Échec d&#x27;envoi")
                || html.contains("Échec d'envoi"),
            "{html}"
        );
        assert!(html.contains("chip-human") && html.contains("Humain"));
        assert!(!html.contains("chip-ai"));
    }

    #[tokio::test]
    async fn active_row_is_marked_current() {
        let mut p = props(conv(1, 5));
        p.active = true;
        let html = render(p).await;
        assert!(html.contains("aria-current=\"true\""), "{html}");
        assert!(html.contains("conv-item active"));
    }
}
