//! Full-text search over a conciergerie's messages, newest first (the index: on SQLite a file of
//! its own, `search_index.rs`; on PostgreSQL a generated column, migration
//! `m20261129_000202_inbox_search`). The query is cut into words (letters and
//! digits); every word must match, as a prefix so results come while typing. Accents and case
//! are folded on both sides by the index's own rules, so "CHAUFFE eau" and "chauffe-éau" find
//! "chauffe-eau". System messages (hand-off records, stored as codes) are left out: guests',
//! the AI's, operators' replies and notes are what people look for.

use entity::{conversation, message};
use migration::search_folding::{ACCENTED, FOLDED};
use protocol::ConciergerieId;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, Statement};

use crate::db::search_index::SearchIndex;
use crate::error::AppError;

/// At most this many words count, each at most `MAX_WORD` characters: a search box, not a
/// document.
const MAX_WORDS: usize = 8;
const MAX_WORD: usize = 64;

/// The words of a query: runs of letters and digits.
pub fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| w.chars().take(MAX_WORD).collect())
        .collect()
}

/// FTS5 syntax: each word quoted (words hold no quotes) as a prefix; juxtaposed means AND.
fn fts5_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `to_tsquery` syntax: each word (no operators in it) as a prefix, ANDed.
fn tsquery(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("{w}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

#[derive(FromQueryResult)]
struct HitId {
    id: i64,
}

/// The `limit` newest of `tenant`'s messages matching `query`, each with its conversation. On
/// SQLite the words are looked up in the index file (`search_index`), caught up by the caller.
pub async fn messages(
    db: &impl ConnectionTrait,
    index: &SearchIndex,
    tenant: ConciergerieId,
    query: &str,
    limit: u64,
) -> Result<Vec<(message::Model, conversation::Model)>, AppError> {
    let words = words(query);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let ids = match index.matching(tenant, &fts5_query(&words), limit).await? {
        Some(ids) => ids,
        None => {
            let backend = db.get_database_backend();
            let statement = Statement::from_sql_and_values(
                backend,
                "SELECT m.id AS id FROM messages m \
                 JOIN conversations c ON c.id = m.conversation_id \
                 WHERE m.search_vector @@ to_tsquery('simple'::regconfig, translate(lower($1), $2, $3)) \
                 AND c.conciergerie_id = $4 AND m.sender <> 'system' \
                 ORDER BY m.created_at DESC, m.id DESC LIMIT $5",
                [
                    tsquery(&words).into(),
                    ACCENTED.into(),
                    FOLDED.into(),
                    tenant.0.into(),
                    (limit as i64).into(),
                ],
            );
            HitId::find_by_statement(statement)
                .all(db)
                .await?
                .into_iter()
                .map(|h| h.id)
                .collect()
        }
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = message::Entity::find()
        .filter(message::Column::Id.is_in(ids.clone()))
        .find_also_related(conversation::Entity)
        .all(db)
        .await?;
    // Back in the search's order (newest first).
    let mut hits = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(at) = found.iter().position(|(m, _)| m.id == id) {
            let (message, conversation) = found.swap_remove(at);
            if let Some(conversation) = conversation.filter(|c| c.conciergerie_id == tenant.0) {
                hits.push((message, conversation));
            }
        }
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_words_as_prefixes() {
        let w = words("  CHAUFFE-éau, l'eau!\" OR 1=1 -- ");
        assert_eq!(w, ["CHAUFFE", "éau", "l", "eau", "OR", "1", "1"]);
        assert_eq!(fts5_query(&w[..2]), "\"CHAUFFE\"* \"éau\"*");
        assert_eq!(tsquery(&w[..2]), "CHAUFFE:* & éau:*");
        assert!(words(" -- ' ").is_empty());
    }
}
