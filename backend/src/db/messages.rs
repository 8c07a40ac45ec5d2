//! Named queries on messages (guest messages are inserted by `ingest`).

use entity::convert::StoredMedia;
use entity::message;
use protocol::conversations::TokenUsage;
use protocol::{AiEngine, ConversationId, MemberId, MessageStatus, Notice, Sender};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::error::AppError;

/// A message written by the server (an operator's or the AI's reply, a system note).
#[derive(Debug, Clone, PartialEq)]
pub struct NewOutgoing {
    pub sender: Sender,
    pub body: String,
    pub status: MessageStatus,
    pub notice: Option<Notice>,
    pub client_ref: Option<String>,
    pub engine: Option<AiEngine>,
    pub usage: Option<TokenUsage>,
    /// The team member who wrote an operator reply or note.
    pub author: Option<MemberId>,
    /// An operator's uploads sent with the message (empty for everything else).
    pub media: Vec<StoredMedia>,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    conversation: ConversationId,
    new: NewOutgoing,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<message::Model, AppError> {
    let usage = new.usage;
    Ok(message::ActiveModel {
        conversation_id: Set(conversation.0),
        sender: Set(new.sender),
        body: Set(new.body),
        external_id: Set(None),
        status: Set(new.status),
        error_code: Set(None),
        error_message: Set(None),
        media: Set((!new.media.is_empty())
            .then(|| serde_json::to_value(&new.media).ok())
            .flatten()),
        location: Set(None),
        ai_suggestion: Set(None),
        ai_engine: Set(new.engine),
        input_tokens: Set(usage.as_ref().map(|u| u.input_tokens)),
        output_tokens: Set(usage.as_ref().map(|u| u.output_tokens)),
        cache_creation_tokens: Set(usage.as_ref().map(|u| u.cache_creation_input_tokens)),
        cache_read_tokens: Set(usage.as_ref().map(|u| u.cache_read_input_tokens)),
        client_ref: Set(new.client_ref),
        notice: Set(new.notice),
        author_id: Set(new.author.map(|m| m.0)),
        created_at: Set(created_at),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The operator message already sent with this idempotency key, if any.
pub async fn find_by_client_ref(
    db: &impl ConnectionTrait,
    conversation: ConversationId,
    client_ref: &str,
) -> Result<Option<message::Model>, AppError> {
    Ok(message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation.0))
        .filter(message::Column::ClientRef.eq(client_ref))
        .one(db)
        .await?)
}

/// The message the channel knows by this SID, in any conversation.
pub async fn find_by_external_id(
    db: &impl ConnectionTrait,
    sid: &str,
) -> Result<Option<message::Model>, AppError> {
    Ok(message::Entity::find()
        .filter(message::Column::ExternalId.eq(sid))
        .one(db)
        .await?)
}

/// Replies (AI or operator) stored since `since` that the channel never confirmed: still
/// `pending`, without a SID. Oldest first, at most 10,000.
pub async fn pending_replies(
    db: &impl ConnectionTrait,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<message::Model>, AppError> {
    Ok(message::Entity::find()
        .filter(message::Column::Sender.is_in([Sender::Ai, Sender::Concierge]))
        .filter(message::Column::Status.eq(MessageStatus::Pending))
        .filter(message::Column::ExternalId.is_null())
        .filter(message::Column::CreatedAt.gte(since))
        .order_by(message::Column::Id, Order::Asc)
        .limit(10_000)
        .all(db)
        .await?)
}

/// Records an outbound message's delivery state.
pub async fn save_status(
    db: &impl ConnectionTrait,
    id: i64,
    external_id: Option<String>,
    status: MessageStatus,
    error: Option<(Option<String>, Option<String>)>,
) -> Result<(), AppError> {
    let mut update = message::Entity::update_many()
        .col_expr(message::Column::Status, Expr::value(status))
        .filter(message::Column::Id.eq(id));
    if let Some(sid) = external_id {
        update = update.col_expr(message::Column::ExternalId, Expr::value(sid));
    }
    if let Some((code, text)) = error {
        update = update
            .col_expr(message::Column::ErrorCode, Expr::value(code))
            .col_expr(message::Column::ErrorMessage, Expr::value(text));
    }
    update.exec(db).await?;
    Ok(())
}

/// The AI's proposal and what it cost, kept on the guest message it answers.
pub async fn record_suggestion(
    db: &impl ConnectionTrait,
    guest_message: i64,
    body: String,
    engine: AiEngine,
    usage: Option<TokenUsage>,
) -> Result<(), AppError> {
    let mut update = message::Entity::update_many()
        .col_expr(message::Column::AiSuggestion, Expr::value(body))
        .col_expr(message::Column::AiEngine, Expr::value(engine))
        .filter(message::Column::Id.eq(guest_message));
    if let Some(u) = usage {
        update = update
            .col_expr(message::Column::InputTokens, Expr::value(u.input_tokens))
            .col_expr(message::Column::OutputTokens, Expr::value(u.output_tokens))
            .col_expr(
                message::Column::CacheCreationTokens,
                Expr::value(u.cache_creation_input_tokens),
            )
            .col_expr(
                message::Column::CacheReadTokens,
                Expr::value(u.cache_read_input_tokens),
            );
    }
    update.exec(db).await?;
    Ok(())
}

/// The last `limit` messages of a conversation, oldest first.
pub async fn recent(
    db: &impl ConnectionTrait,
    conversation: ConversationId,
    limit: u64,
) -> Result<Vec<message::Model>, AppError> {
    let mut rows = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation.0))
        .order_by(message::Column::Id, Order::Desc)
        .limit(limit)
        .all(db)
        .await?;
    rows.reverse();
    Ok(rows)
}
