use serde::{Deserialize, Serialize};

use crate::{FaqId, PropertyId, Timestamp};

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
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewFaq {
    pub question: String,
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_id: Option<PropertyId>,
    #[serde(default)]
    pub sensitive: bool,
}

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
}

/// `GET /api/faqs` query.
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
