//! From stored rows to wire types. Kept beside the entities so a column and its JSON field change
//! together. The password hash never leaves this crate.

use protocol::auth::{Admin, Conciergerie};
use protocol::conversations::{ConversationSummary, Location, Media, Message, TokenUsage};
use protocol::faqs::Faq;
use protocol::feature_requests::FeatureRequest;
use protocol::members::{Member, MemberBrief};
use protocol::properties::Property;
use protocol::reasons::HandoffReason;
use protocol::stays::Stay;
use protocol::templates::Template;
use protocol::{
    AdminId, AiMode, AutomationId, ConciergerieId, ConversationId, FaqId, FeatureRequestId,
    MemberId, MessageId, Notice, PropertyId, ScheduledId, StayId, TemplateId,
};
use serde::{Deserialize, Serialize};

use crate::{
    admin, conciergerie, conversation, faq, feature_request, label, member, message, property,
    stay, template,
};

impl From<conciergerie::Model> for Conciergerie {
    fn from(m: conciergerie::Model) -> Self {
        Conciergerie {
            id: ConciergerieId(m.id),
            name: m.name,
            email: m.email,
            whatsapp_number: m.whatsapp_number,
            messaging_service_sid: m.messaging_service_sid,
            ai_mode: m.ai_mode,
            active: m.active,
            ai_daily_budget_usd: m.ai_daily_budget_usd,
            created_at: m.created_at,
        }
    }
}

impl From<admin::Model> for Admin {
    fn from(m: admin::Model) -> Self {
        Admin {
            id: AdminId(m.id),
            email: m.email,
            created_at: m.created_at,
        }
    }
}

impl From<label::Model> for protocol::labels::Label {
    fn from(m: label::Model) -> Self {
        protocol::labels::Label {
            id: protocol::LabelId(m.id),
            name: m.name,
            colour: m.colour,
            created_at: m.created_at,
        }
    }
}

impl From<faq::Model> for Faq {
    fn from(m: faq::Model) -> Self {
        Faq {
            id: FaqId(m.id),
            question: m.question,
            answer: m.answer,
            property_id: m.property_id.map(PropertyId),
            sensitive: m.sensitive,
            translations: m
                .translations
                .and_then(|v| serde_json::from_value(v).ok())
                .unwrap_or_default(),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

impl From<property::Model> for Property {
    fn from(m: property::Model) -> Self {
        Property {
            id: PropertyId(m.id),
            ical_urls: m.ical_urls(),
            name: m.name,
            address: m.address,
            check_in_time: m.check_in_time,
            check_out_time: m.check_out_time,
            arrival_instructions: m.arrival_instructions,
            time_zone: m.time_zone,
            last_sync_at: m.last_sync_at,
            last_sync_error: m.last_sync_error,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

impl From<stay::Model> for Stay {
    fn from(m: stay::Model) -> Self {
        Stay {
            id: StayId(m.id),
            property_id: PropertyId(m.property_id),
            guest_name: m.guest_name,
            whatsapp_number: m.whatsapp_number,
            phone_last_digits: m.phone_last_digits,
            arrival: m.arrival,
            departure: m.departure,
            guests: m.guests,
            source: m.source,
            status: m.status,
            origin: m.origin,
            external_uid: m.external_uid,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

impl From<template::Model> for Template {
    fn from(m: template::Model) -> Self {
        Template {
            id: TemplateId(m.id),
            shortcut: m.shortcut,
            body: m.body,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

impl feature_request::Model {
    pub fn into_wire(self, author: Option<String>) -> FeatureRequest {
        FeatureRequest {
            id: FeatureRequestId(self.id),
            conciergerie_id: self.conciergerie_id.map(ConciergerieId),
            author,
            title: self.title,
            description: self.description,
            status: self.status,
            priority: self.priority,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

impl conversation::Model {
    /// `tenant_mode` is the conciergerie's AI mode, in force unless the conversation overrides it.
    pub fn into_summary(self, tenant_mode: AiMode) -> ConversationSummary {
        ConversationSummary {
            id: ConversationId(self.id),
            phone_number: self.phone_number,
            contact_name: self.contact_name,
            last_message_at: self.last_message_at,
            last_message_preview: self.last_message_preview,
            unread_count: self.unread_count,
            ai_mode: self.ai_mode_override.unwrap_or(tenant_mode),
            ai_mode_override: self.ai_mode_override,
            status: self.status,
            ai_paused: self.ai_paused,
            last_client_message_at: self.last_client_message_at,
            last_send_failed: self.last_send_failed,
            ai_suggestion: self.ai_suggestion,
            handoff_reason: self
                .handoff_reason
                .as_deref()
                .map(HandoffReason::from_stored),
            urgent: self.urgent,
            created_at: self.created_at,
            stay: None,
            // The actor and the list fill the labels in (they live in their own table).
            labels: Vec::new(),
            snoozed_until: self.snoozed_until,
            assignee_id: self.assignee_id.map(MemberId),
        }
    }
}

/// One attachment as stored: the provider's URL, which only the server may fetch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredMedia {
    pub url: String,
    pub content_type: String,
    /// An operator's upload (`attachments.id`): served by us at `/media/out/{id}`, and `url` is
    /// that path too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<String>,
}

impl StoredMedia {
    /// What a message stores for an operator's upload.
    pub fn uploaded(id: &str, content_type: &str) -> Self {
        StoredMedia {
            url: protocol::paths::media_out(id),
            content_type: content_type.to_owned(),
            attachment: Some(id.to_owned()),
        }
    }
}

impl message::Model {
    pub fn stored_media(&self) -> Vec<StoredMedia> {
        self.media
            .as_ref()
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }
}

impl From<message::Model> for Message {
    fn from(m: message::Model) -> Self {
        let media = m
            .stored_media()
            .into_iter()
            .enumerate()
            .map(|(i, s)| Media {
                // Our own uploads are public already; a guest's goes through the authenticated
                // proxy that fetches it from Twilio.
                url: match &s.attachment {
                    Some(id) => protocol::paths::media_out(id),
                    None => protocol::paths::media(MessageId(m.id), i),
                },
                content_type: s.content_type,
            })
            .collect();
        let usage = (m.input_tokens.is_some() || m.output_tokens.is_some()).then(|| TokenUsage {
            input_tokens: m.input_tokens.unwrap_or(0),
            output_tokens: m.output_tokens.unwrap_or(0),
            cache_creation_input_tokens: m.cache_creation_tokens.unwrap_or(0),
            cache_read_input_tokens: m.cache_read_tokens.unwrap_or(0),
        });
        // A hand-off note stores its reason; the body on the wire is its code (or the sentence of
        // a note written before codes existed).
        let reason = matches!(m.notice, Some(Notice::Handoff | Notice::AiFailure))
            .then(|| HandoffReason::from_stored(&m.body));
        let body = match &reason {
            Some(HandoffReason::Note { text }) => text.clone(),
            Some(coded) => coded.code().to_owned(),
            None => m.body,
        };
        Message {
            id: MessageId(m.id),
            conversation_id: ConversationId(m.conversation_id),
            sender: m.sender,
            body,
            status: m.status,
            error_code: m.error_code,
            error_message: m.error_message,
            media,
            location: m
                .location
                .and_then(|v| serde_json::from_value::<Location>(v).ok()),
            ai_engine: m.ai_engine,
            usage,
            notice: m.notice,
            reason,
            translation: None,
            // The name is not on the row: the server fills it in before the message goes out
            // (`db::members::name_authors`, or the author it has at hand when publishing).
            author: m.author_id.map(|id| MemberBrief {
                id: MemberId(id),
                name: String::new(),
            }),
            created_at: m.created_at,
        }
    }
}

impl From<member::Model> for Member {
    fn from(m: member::Model) -> Self {
        Member {
            id: MemberId(m.id),
            name: m.name,
            email: m.email,
            role: m.role,
            active: m.active,
            created_at: m.created_at,
            last_login_at: m.last_login_at,
        }
    }
}

impl From<crate::automation::Model> for protocol::automations::Automation {
    fn from(a: crate::automation::Model) -> Self {
        protocol::automations::Automation {
            id: AutomationId(a.id),
            property_id: a.property_id.map(PropertyId),
            name: a.name,
            anchor: a.anchor,
            offset_days: a.offset_days,
            send_time: a.send_time,
            body: a.body,
            content_sid: a.content_sid,
            content_variables: a
                .content_variables
                .and_then(|v| serde_json::from_str(&v).ok())
                .unwrap_or_default(),
            enabled: a.enabled,
            created_at: a.created_at,
        }
    }
}

impl From<crate::scheduled_message::Model> for protocol::automations::ScheduledMessage {
    fn from(s: crate::scheduled_message::Model) -> Self {
        protocol::automations::ScheduledMessage {
            id: ScheduledId(s.id),
            automation_id: AutomationId(s.automation_id),
            stay_id: StayId(s.stay_id),
            due_at: s.due_at,
            status: s.status,
            conversation_id: s.conversation_id.map(ConversationId),
            message_id: s.message_id.map(MessageId),
            reason: s.reason,
        }
    }
}
