use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{FaqId, GuestLanguage, PropertyId, Timestamp};

/// An entry's answer in other languages than the one it was written in, by language.
pub type Translations = BTreeMap<GuestLanguage, String>;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Faq {
    pub id: FaqId,
    pub question: String,
    pub answer: String,
    /// `None`: the whole conciergerie; otherwise the one property it is about, and it wins over
    /// a shared entry for that property's guests.
    #[serde(default)]
    pub property_id: Option<PropertyId>,
    /// Door, key-box or alarm codes: only for the guest of a current stay at the property.
    #[serde(default)]
    pub sensitive: bool,
    /// The answer in other languages (`{"en": "…", "es": "…"}`): the offline responder answers a
    /// guest in their language when the entry has it.
    #[serde(default)]
    pub translations: Translations,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewFaq {
    pub question: String,
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_id: Option<PropertyId>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: Translations,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaqPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// `null` makes the entry shared by the whole conciergerie again.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::conversations::double_option"
    )]
    pub property_id: Option<Option<PropertyId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    /// Replaces every translation (an empty object removes them all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translations: Option<Translations>,
}

/// `POST /api/faqs/{id}/translations/draft`: the entry's answer translated by Claude into the
/// languages it lacks, for the operator to review and save with `PATCH` (nothing is stored).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranslationDraft {
    pub translations: Translations,
}

/// `GET /api/faqs` query.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaqQuery {
    /// Only the entries of this property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_id: Option<PropertyId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_tells_a_shared_entry_from_an_untouched_property() {
        let shared: FaqPatch = serde_json::from_str(r#"{"property_id":null}"#).unwrap();
        assert_eq!(shared.property_id, Some(None));
        let moved: FaqPatch = serde_json::from_str(r#"{"property_id":7}"#).unwrap();
        assert_eq!(moved.property_id, Some(Some(PropertyId(7))));
        let untouched: FaqPatch = serde_json::from_str(r#"{"answer":"x"}"#).unwrap();
        assert_eq!(untouched.property_id, None);
        // An old client's body still reads: the entry is shared and not sensitive.
        let new: NewFaq = serde_json::from_str(r#"{"question":"q","answer":"a"}"#).unwrap();
        assert_eq!((new.property_id, new.sensitive), (None, false));
    }
}
