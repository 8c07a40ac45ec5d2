//! Token usage totals, summed by the database.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::conversations::TokenUsage;
use protocol::{AiEngine, ConciergerieId};
use sea_orm::sea_query::{Alias, Expr, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait,
};

use crate::error::AppError;

/// `SUM(column)` as a 64-bit integer on both databases (PostgreSQL sums a `bigint` to `numeric`).
pub(crate) fn sum_i64(column: impl sea_orm::IntoSimpleExpr) -> SimpleExpr {
    Func::cast_as(
        Func::coalesce([
            Func::sum(column.into_simple_expr()).into(),
            Expr::val(0i64).into(),
        ]),
        Alias::new("BIGINT"),
    )
    .into()
}

/// Tokens used per conciergerie since `since` (AI replies and suggestions), by one engine or all.
pub async fn tokens_by_conciergerie(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
    engine: Option<AiEngine>,
) -> Result<HashMap<ConciergerieId, TokenUsage>, AppError> {
    let mut query = message::Entity::find()
        .select_only()
        .column(conversation::Column::ConciergerieId)
        .column_as(sum_i64(message::Column::InputTokens), "input")
        .column_as(sum_i64(message::Column::OutputTokens), "output")
        .column_as(sum_i64(message::Column::CacheCreationTokens), "cache_write")
        .column_as(sum_i64(message::Column::CacheReadTokens), "cache_read")
        .join(JoinType::InnerJoin, message::Relation::Conversation.def())
        .filter(message::Column::CreatedAt.gte(since))
        .filter(message::Column::InputTokens.is_not_null())
        .group_by(conversation::Column::ConciergerieId);
    if let Some(engine) = engine {
        query = query.filter(message::Column::AiEngine.eq(engine));
    }
    let rows: Vec<(i64, i64, i64, i64, i64)> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(tenant, input, output, write, read)| {
            (
                ConciergerieId(tenant),
                TokenUsage {
                    input_tokens: input,
                    output_tokens: output,
                    cache_creation_input_tokens: write,
                    cache_read_input_tokens: read,
                },
            )
        })
        .collect())
}
