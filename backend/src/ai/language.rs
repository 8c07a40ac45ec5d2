//! Guessing whether a guest writes in French or English, from function words. Good enough to
//! pick the language of a holding message and the stemmer; Claude handles every other language.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    French,
    English,
}

const FRENCH: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "est", "et", "je", "vous", "nous", "pour", "pas", "de",
    "du", "à", "quel", "quelle", "quand", "où", "comment", "est-ce", "bonjour", "merci", "avec",
    "mon", "ma", "mes", "il", "y", "a", "sur", "dans", "ce", "cette", "peut", "puis",
];
const ENGLISH: &[&str] = &[
    "the", "a", "an", "is", "are", "and", "i", "you", "we", "for", "not", "of", "to", "what",
    "when", "where", "how", "hello", "hi", "thanks", "thank", "with", "my", "it", "there", "on",
    "in", "this", "can", "do", "does", "time",
];

pub fn detect(text: &str) -> Language {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let fr = words.iter().filter(|w| FRENCH.contains(w)).count();
    let en = words.iter().filter(|w| ENGLISH.contains(w)).count();
    let accents = lower.chars().any(|c| "éèêàâçùûôîœ".contains(c));
    // Conciergeries are French: ties go to French.
    if en > fr && !accents {
        Language::English
    } else {
        Language::French
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_french_from_english() {
        assert_eq!(detect("À quelle heure est le check-in ?"), Language::French);
        assert_eq!(detect("What time is the check-in?"), Language::English);
        assert_eq!(detect("wifi?"), Language::French);
        assert_eq!(detect("Hi, where can I park the car?"), Language::English);
    }
}
