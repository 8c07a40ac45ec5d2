//! One message: guest on the left, AI and team on the right (the AI badged), with its time,
//! delivery ticks, failure reason, attachments and shared location.

use protocol::conversations::{Location, Media, Message};
use protocol::{AiEngine, MemberId, MessageStatus, Notice, Sender};
use yew::prelude::*;

use super::hooks::{use_lang, SessionCtx};
use super::icons::{icon, ticks, Icon};
use super::translation::GuestTranslation;
use crate::clock::utc_offset_minutes;
use crate::format::{clock_time, failure_reason, osm_url};
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::reasons;

#[derive(Properties, PartialEq)]
pub struct MessageBubbleProps {
    pub message: Message,
    /// Sent from this browser and not yet confirmed by the server.
    #[prop_or_default]
    pub pending: bool,
    /// First of a run from the same sender: gets the bubble's tail and the sender label.
    #[prop_or(true)]
    pub first: bool,
    /// Called when an image finishes loading (its height changes the scroll position).
    #[prop_or_default]
    pub on_media_load: Callback<()>,
}

/// Text and links of a message body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits a body so that `http(s)://` links become clickable, and nothing else does.
pub fn linkify(body: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
            .unwrap_or(tail.len());
        // Trailing punctuation belongs to the sentence, not the link.
        let link = tail[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»']);
        if start > 0 {
            out.push(Segment::Text(&rest[..start]));
        }
        if link.len() > "https://".len() {
            out.push(Segment::Link(link));
        } else {
            out.push(Segment::Text(link));
        }
        rest = &tail[link.len()..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

pub fn status_label(status: MessageStatus, lang: Lang) -> &'static str {
    let t = lang.t();
    match status {
        MessageStatus::Received => "",
        MessageStatus::Pending | MessageStatus::Sending => t.status_pending,
        MessageStatus::Queued => t.status_queued,
        MessageStatus::Sent => t.status_sent,
        MessageStatus::Delivered => t.status_delivered,
        MessageStatus::Read => t.status_read,
        MessageStatus::Failed => t.status_failed,
        MessageStatus::Undelivered => t.status_undelivered,
    }
}

/// The delivery mark of an outbound message.
fn status_mark(status: MessageStatus, pending: bool, lang: Lang) -> Html {
    let label = status_label(status, lang);
    let (class, mark) = match status {
        _ if pending => ("st-pending", icon(Icon::Clock)),
        MessageStatus::Received => return Html::default(),
        MessageStatus::Pending | MessageStatus::Queued | MessageStatus::Sending => {
            ("st-pending", icon(Icon::Clock))
        }
        MessageStatus::Sent => ("st-sent", ticks(false)),
        MessageStatus::Delivered => ("st-delivered", ticks(true)),
        MessageStatus::Read => ("st-read", ticks(true)),
        MessageStatus::Failed | MessageStatus::Undelivered => ("st-failed", icon(Icon::Alert)),
    };
    let label = if pending {
        lang.t().status_pending
    } else {
        label
    };
    html! {
        <span class={classes!("status", class)} role="img" aria-label={label} title={label}>{ mark }</span>
    }
}

fn media_html(media: &Media, on_load: &Callback<()>, lang: Lang) -> Html {
    let t = lang.t();
    let url = media.url.clone();
    let kind = media.content_type.split('/').next().unwrap_or("");
    match kind {
        "image" => {
            let on_load = on_load.clone();
            html! {
                <a class="media media-image" href={url.clone()} target="_blank" rel="noopener" aria-label={t.open_attachment}>
                    <img src={url} alt={t.attachment} loading="lazy"
                        onload={Callback::from(move |_| on_load.emit(()))} />
                </a>
            }
        }
        "audio" => {
            html! { <audio class="media media-audio" controls=true preload="none" src={url} /> }
        }
        "video" => {
            html! { <video class="media media-video" controls=true preload="metadata" src={url} /> }
        }
        _ => html! {
            <a class="media media-file" href={url} target="_blank" rel="noopener">
                { icon(Icon::Paperclip) }
                <span>{ t.attachment }<small>{ media.content_type.clone() }</small></span>
            </a>
        },
    }
}

fn location_html(loc: &Location, lang: Lang) -> Html {
    let t = lang.t();
    let title = loc.label.clone().unwrap_or_else(|| t.location.to_owned());
    html! {
        <a class="media media-location" href={osm_url(loc.latitude, loc.longitude)} target="_blank" rel="noopener">
            <span class="loc-pin">{ icon(Icon::MapPin) }</span>
            <span class="loc-text">
                <strong>{ title }</strong>
                if let Some(addr) = &loc.address { <small>{ addr.clone() }</small> }
                <small class="loc-link">{ t.open_map }</small>
            </span>
        </a>
    }
}

/// One piece of a body as HTML: links open in a new tab.
fn segment(s: Segment<'_>) -> Html {
    match s {
        Segment::Text(text) => html! { { text.to_owned() } },
        Segment::Link(href) => html! {
            <a href={href.to_owned()} target="_blank" rel="noopener noreferrer">{ href.to_owned() }</a>
        },
    }
}

/// Who wrote a team message, as colleagues read it: "Vous" for one's own, else the author's name;
/// messages written before teams existed have no author and speak as "Équipe".
fn author_label(m: &Message, me: Option<MemberId>, lang: Lang) -> String {
    let t = lang.t();
    match &m.author {
        Some(author) if Some(author.id) == me => t.sender_me.to_owned(),
        Some(author) if !author.name.is_empty() => author.name.clone(),
        _ => t.sender_you.to_owned(),
    }
}

#[function_component]
pub fn MessageBubble(props: &MessageBubbleProps) -> Html {
    let me = use_context::<SessionCtx>().map(|s| s.me.member.id);
    let lang = use_lang();
    let t = lang.t();
    let m = &props.message;

    if m.sender == Sender::System {
        let (class, title) = match m.notice {
            Some(Notice::Handoff) => ("notice-handoff", Some(t.notice_handoff)),
            Some(Notice::AiFailure) => ("notice-ai-failure", Some(t.notice_ai_failure)),
            Some(Notice::Holding) | None => ("", None),
        };
        let glyph = m.notice.and_then(|n| match n {
            Notice::Handoff => Some(icon(Icon::Hand)),
            Notice::AiFailure => Some(icon(Icon::Alert)),
            Notice::Holding => None,
        });
        return html! {
            <div class={classes!("msg", "msg-system", class)} role="note">
                <span>
                    { glyph }
                    if let Some(title) = title {
                        <strong>{ title }{ lang.pick("\u{a0}:", ":") }</strong>
                    }
                    { m.reason.as_ref().map(|r| reasons::describe(r, lang)).unwrap_or_else(|| m.body.clone()) }
                    <time datetime={m.created_at.to_rfc3339()}>{ clock_time(m.created_at, utc_offset_minutes(m.created_at)) }</time>
                </span>
            </div>
        };
    }

    if m.sender == Sender::Note {
        // Internal: set apart from the conversation with the guest, who never sees it.
        return html! {
            <div class="msg msg-note" role="note">
                <div class="note-bubble">
                    <span class="note-label">{ icon(Icon::Edit) }{ t.note_label }
                        if m.author.is_some() { <span class="note-author">{ " · " }{ author_label(m, me, lang) }</span> }
                    </span>
                    <p class="note-text" dir="auto">{ for linkify(&m.body).into_iter().map(segment) }</p>
                    <time datetime={m.created_at.to_rfc3339()}>{ clock_time(m.created_at, utc_offset_minutes(m.created_at)) }</time>
                </div>
            </div>
        };
    }

    let outbound = m.sender.is_outbound();
    let failed = m.status.is_failure() && !props.pending;
    let time = clock_time(m.created_at, utc_offset_minutes(m.created_at));
    let sender_class = match m.sender {
        Sender::Client => "msg-guest",
        Sender::Ai => "msg-ai",
        _ => "msg-team",
    };
    let badge = (m.sender == Sender::Ai).then(|| {
        let engine = match m.ai_engine {
            Some(AiEngine::Claude) => Some(t.engine_claude),
            Some(AiEngine::OfflineFaq) => Some(t.engine_offline),
            None => None,
        };
        html! {
            <span class="ai-badge">
                { icon(Icon::Sparkles) }{ t.sender_ai }
                if let Some(engine) = engine { <span class="engine">{ " · " }{ engine }</span> }
            </span>
        }
    });
    let team_label = (m.sender == Sender::Concierge && props.first)
        .then(|| html! { <span class="sender-label">{ author_label(m, me, lang) }</span> });
    let body = (!m.body.is_empty()).then(|| {
        html! {
            <p class="msg-text" dir="auto">
                { for linkify(&m.body).into_iter().map(segment) }
            </p>
        }
    });
    let reason =
        failed.then(|| failure_reason(m.error_code.as_deref(), m.error_message.as_deref(), lang));

    html! {
        <div class={classes!(
            "msg",
            if outbound { "msg-out" } else { "msg-in" },
            sender_class,
            props.first.then_some("first"),
            props.pending.then_some("pending"),
            failed.then_some("failed"),
        )} data-id={m.id.to_string()}>
            <div class="bubble">
                { badge }
                { team_label }
                { for m.media.iter().map(|media| media_html(media, &props.on_media_load, lang)) }
                { m.location.as_ref().map(|l| location_html(l, lang)) }
                { body }
                if m.sender == Sender::Client && !props.pending {
                    <GuestTranslation message={m.clone()} />
                }
                <span class="meta">
                    <time datetime={m.created_at.to_rfc3339()}>{ time }</time>
                    if outbound { { status_mark(m.status, props.pending, lang) } }
                </span>
            </div>
            if let Some(reason) = reason {
                <p class="msg-failure" role="alert">{ icon(Icon::Alert) }<span>{ reason }</span></p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::inbox::tests::msg;

    async fn render(props: MessageBubbleProps) -> String {
        yew::LocalServerRenderer::<MessageBubble>::with_props(props)
            .hydratable(false)
            .render()
            .await
    }

    fn props(message: Message) -> MessageBubbleProps {
        MessageBubbleProps {
            message,
            pending: false,
            first: true,
            on_media_load: Callback::noop(),
        }
    }

    #[test]
    fn links_become_segments() {
        assert_eq!(
            linkify("Plan : https://osm.org/x?a=1. Merci"),
            vec![
                Segment::Text("Plan : "),
                Segment::Link("https://osm.org/x?a=1"),
                Segment::Text(". Merci"),
            ]
        );
        assert_eq!(linkify("pas de lien"), vec![Segment::Text("pas de lien")]);
        assert_eq!(linkify("http://"), vec![Segment::Text("http://")]);
    }

    #[tokio::test]
    async fn guest_message_is_inbound_without_ticks() {
        let html = render(props(msg(1, 1, Sender::Client, 5, "Bonjour"))).await;
        assert!(
            html.contains("msg-in") && html.contains("msg-guest"),
            "{html}"
        );
        assert!(html.contains("Bonjour"));
        assert!(html.contains("10:05"));
        assert!(!html.contains("class=\"status"), "{html}");
    }

    #[tokio::test]
    async fn ai_message_is_badged_with_its_engine() {
        let mut m = msg(2, 1, Sender::Ai, 6, "L'arrivée est à 16 h.");
        m.ai_engine = Some(AiEngine::OfflineFaq);
        m.status = MessageStatus::Delivered;
        let html = render(props(m)).await;
        assert!(html.contains("msg-out") && html.contains("msg-ai"));
        assert!(
            html.contains("ai-badge") && html.contains("FAQ hors ligne"),
            "{html}"
        );
        assert!(
            html.contains("st-delivered") && html.contains("aria-label=\"Distribué\""),
            "{html}"
        );
    }

    #[tokio::test]
    async fn ticks_follow_the_status() {
        for (status, class) in [
            (MessageStatus::Queued, "st-pending"),
            (MessageStatus::Sent, "st-sent"),
            (MessageStatus::Delivered, "st-delivered"),
            (MessageStatus::Read, "st-read"),
        ] {
            let mut m = msg(3, 1, Sender::Concierge, 7, "ok");
            m.status = status;
            let html = render(props(m)).await;
            assert!(html.contains(class), "{status:?}: {html}");
            assert!(!html.contains("msg-failure"));
        }
    }

    #[tokio::test]
    async fn failure_shows_a_readable_reason() {
        let mut m = msg(4, 1, Sender::Concierge, 8, "Voici le code");
        m.status = MessageStatus::Failed;
        m.error_code = Some("63016".into());
        let html = render(props(m)).await;
        assert!(
            html.contains("failed") && html.contains("st-failed"),
            "{html}"
        );
        assert!(html.contains("msg-failure") && html.contains("role=\"alert\""));
        assert!(
            html.contains("fenêtre de 24 h") && html.contains("(63016)"),
            "{html}"
        );
    }

    #[tokio::test]
    async fn pending_message_shows_a_clock() {
        let mut p = props(msg(-1, 1, Sender::Concierge, 8, "en route"));
        p.pending = true;
        let html = render(p).await;
        assert!(
            html.contains("pending") && html.contains("st-pending"),
            "{html}"
        );
        assert!(html.contains("Envoi en cours"));
    }

    #[tokio::test]
    async fn media_location_and_links_render() {
        let mut m = msg(5, 1, Sender::Client, 9, "Voir https://example.fr/plan");
        m.media = vec![
            Media {
                url: "/api/media/5/0".into(),
                content_type: "image/jpeg".into(),
            },
            Media {
                url: "/api/media/5/1".into(),
                content_type: "application/pdf".into(),
            },
        ];
        m.location = Some(Location {
            latitude: 48.8584,
            longitude: 2.2945,
            label: Some("Tour Eiffel".into()),
            address: None,
        });
        let html = render(props(m)).await;
        assert!(html.contains("<img src=\"/api/media/5/0\""), "{html}");
        assert!(html.contains("href=\"/api/media/5/1\"") && html.contains("application/pdf"));
        assert!(
            html.contains("openstreetmap.org/?mlat=48.858400&amp;mlon=2.294500"),
            "{html}"
        );
        assert!(html.contains("Tour Eiffel"));
        assert!(
            html.contains("<a href=\"https://example.fr/plan\""),
            "{html}"
        );
    }

    #[tokio::test]
    async fn a_private_note_is_labelled_internal_and_keeps_its_links() {
        let body = "Plombier : https://plombier.example/rdv";
        let html = render(props(msg(8, 1, Sender::Note, 9, body))).await;
        assert!(
            html.contains("msg-note") && html.contains("Note interne"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://plombier.example/rdv\""),
            "{html}"
        );
        assert!(
            !html.contains("msg-team") && !html.contains("ticks"),
            "{html}"
        );
    }

    #[tokio::test]
    async fn a_colleagues_reply_and_note_show_their_author() {
        let author = Some(protocol::members::MemberBrief {
            id: MemberId(7),
            name: "Marc".into(),
        });
        let mut reply = msg(9, 1, Sender::Concierge, 9, "Je m'en occupe");
        reply.author = author.clone();
        let html = render(props(reply)).await;
        assert!(html.contains("sender-label\">Marc<"), "{html}");
        let mut note = msg(10, 1, Sender::Note, 9, "Plombier appelé");
        note.author = author;
        let html = render(props(note)).await;
        assert!(
            html.contains("note-author") && html.contains("Marc"),
            "{html}"
        );
        // Written before teams existed: the team's own voice.
        let html = render(props(msg(11, 1, Sender::Concierge, 9, "ok"))).await;
        assert!(html.contains("sender-label\">Équipe<"), "{html}");
    }

    #[tokio::test]
    async fn system_note_is_centered() {
        let html = render(props(msg(6, 1, Sender::System, 9, "Mode IA : suggestion"))).await;
        assert!(html.contains("msg-system") && html.contains("Mode IA : suggestion"));
        assert!(!html.contains("<strong>"));
    }

    #[tokio::test]
    async fn a_coded_handoff_reason_is_written_in_the_operators_language() {
        let mut m = msg(9, 1, Sender::System, 9, "faq_not_covered");
        m.notice = Some(Notice::Handoff);
        m.reason = Some(protocol::reasons::HandoffReason::FaqNotCovered {
            questions: vec!["resto".into()],
        });
        let html = render(props(m)).await;
        assert!(html.contains("La FAQ ne couvre pas"), "{html}");
        assert!(!html.contains("faq_not_covered"), "{html}");
    }

    #[tokio::test]
    async fn handoff_and_ai_failure_notices_are_titled() {
        let mut m = msg(7, 1, Sender::System, 9, "question hors FAQ");
        m.notice = Some(Notice::Handoff);
        let html = render(props(m)).await;
        assert!(
            html.contains("notice-handoff") && html.contains("L'IA passe la main"),
            "{html}"
        );
        let mut m = msg(8, 1, Sender::System, 9, "timeout");
        m.notice = Some(Notice::AiFailure);
        let html = render(props(m)).await;
        assert!(
            html.contains("notice-ai-failure") && html.contains("L'IA n'a pas pu répondre"),
            "{html}"
        );
    }
}
