//! Translation with Claude: a FAQ answer into the languages it lacks (reviewed by an operator
//! before it is saved), a guest's message into the conciergerie's language, an operator's draft
//! into the guest's. Offline there is no translation: callers say Claude is needed.

use std::collections::BTreeMap;

use protocol::conversations::TokenUsage;
use protocol::GuestLanguage;
use serde_json::json;

use super::claude::{Block, ClaudeClient};

/// A translation is as long as its source, give or take; this bounds one call.
const MAX_TOKENS: u32 = 2_000;

const INSTRUCTIONS: &str = "You translate texts for a short-term rental concierge company that \
talks to its guests on WhatsApp. Translate faithfully and naturally, in the same tone. Keep \
{{placeholders}}, door and wifi codes, numbers, times, names, addresses and URLs exactly as they \
are. Answer with one JSON object only, no other text: its keys are the ISO 639-1 codes asked for, \
its values the translations.";

impl ClaudeClient {
    /// `text` in each of `into`, and what the call cost. Languages the model left out are
    /// missing from the answer.
    #[tracing::instrument(skip_all, fields(model = %self.model, into = into.len()))]
    pub async fn translate(
        &self,
        text: &str,
        into: &[GuestLanguage],
    ) -> Result<(BTreeMap<GuestLanguage, String>, Option<TokenUsage>), String> {
        if into.is_empty() {
            return Ok((BTreeMap::new(), None));
        }
        let codes: Vec<&str> = into.iter().map(|l| l.as_str()).collect();
        let body = json!({
            "model": self.model,
            "max_tokens": MAX_TOKENS,
            "system": INSTRUCTIONS,
            "messages": [{
                "role": "user",
                "content": format!("Languages: {}\n\nText:\n{text}", codes.join(", ")),
            }],
        });
        let response = self.call(&body).await?;
        let usage = response.token_usage();
        let reply: String = response
            .content
            .into_iter()
            .filter_map(|b| match b {
                Block::Text { text } => Some(text),
                _ => None,
            })
            .collect();
        let mut translations = parse(&reply)?;
        translations.retain(|language, text| into.contains(language) && !text.trim().is_empty());
        Ok((translations, usage))
    }
}

/// The JSON object in the model's reply (it may wrap it in a sentence or a code fence).
fn parse(reply: &str) -> Result<BTreeMap<GuestLanguage, String>, String> {
    let start = reply.find('{');
    let end = reply.rfind('}');
    let (Some(start), Some(end)) = (start, end) else {
        return Err("Claude's translation was not a JSON object".into());
    };
    if end < start {
        return Err("Claude's translation was not a JSON object".into());
    }
    let raw: BTreeMap<String, String> = serde_json::from_str(&reply[start..=end])
        .map_err(|e| format!("Claude's translation was unreadable: {e}"))?;
    Ok(raw
        .into_iter()
        .filter_map(|(code, text)| Some((code.trim().parse().ok()?, text.trim().to_owned())))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_object_is_read_even_inside_a_sentence_or_a_fence() {
        let reply =
            "Here you are:\n```json\n{\"en\": \" Check-in from 4 pm. \", \"xx\": \"?\"}\n```";
        let parsed = parse(reply).unwrap();
        assert_eq!(
            parsed,
            BTreeMap::from([(GuestLanguage::English, "Check-in from 4 pm.".to_owned())])
        );
        assert!(parse("Sorry, I cannot.").is_err());
        assert!(parse("} nope {").is_err());
    }
}
