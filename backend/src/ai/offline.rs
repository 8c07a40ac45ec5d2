//! The offline FAQ responder (no Anthropic key): ranked retrieval over the conciergerie's FAQ.
//!
//! Text is folded (case, accents), split, stripped of function words and stemmed with both the
//! French and English Snowball stemmers; a small hospitality thesaurus maps common English words
//! onto the French FAQ's vocabulary. FAQs are ranked with BM25 (question weighted above answer).
//! The best match answers only if it covers enough of the guest's meaningful words (confidence);
//! otherwise the conversation goes to a human.

use std::collections::{HashMap, HashSet};

use protocol::AiEngine;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use super::{holding_message, language, AiDecision, AiOutcome, AiRequest};

/// Share of the query's weight the best FAQ must cover to answer on its own.
pub const CONFIDENCE_THRESHOLD: f64 = 0.5;
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// A word of the question counts this many times more than a word of the answer.
const QUESTION_WEIGHT: usize = 3;

const STOPWORDS: &[&str] = &[
    // French
    "a",
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "cet",
    "cette",
    "dans",
    "de",
    "des",
    "du",
    "elle",
    "en",
    "est",
    "et",
    "etre",
    "il",
    "ils",
    "je",
    "la",
    "le",
    "les",
    "leur",
    "lui",
    "ma",
    "mais",
    "me",
    "mes",
    "mon",
    "ne",
    "nos",
    "notre",
    "nous",
    "on",
    "ou",
    "par",
    "pas",
    "pour",
    "qu",
    "que",
    "qui",
    "sa",
    "se",
    "ses",
    "son",
    "sur",
    "ta",
    "te",
    "tes",
    "ton",
    "tu",
    "un",
    "une",
    "vos",
    "votre",
    "vous",
    "y",
    "c",
    "d",
    "j",
    "l",
    "m",
    "n",
    "s",
    "t",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "est-ce",
    "bonjour",
    "merci",
    "svp",
    "stp",
    "possible",
    "peut",
    "puis",
    "peux",
    "faut",
    "fait",
    "faire",
    "sont",
    "ai",
    "as",
    "avez",
    "avons",
    "bien",
    "tres",
    "plus",
    "ici",
    "comment",
    "quand",
    "quoi",
    "savoir",
    "voudrais",
    "aimerais",
    "besoin",
    "connaitre",
    "dire",
    "alors",
    "aussi",
    "donc",
    // English
    "the",
    "an",
    "is",
    "are",
    "and",
    "i",
    "you",
    "we",
    "for",
    "not",
    "of",
    "to",
    "what",
    "when",
    "where",
    "how",
    "hello",
    "hi",
    "thanks",
    "thank",
    "with",
    "my",
    "it",
    "there",
    "on",
    "in",
    "this",
    "can",
    "do",
    "does",
    "be",
    "please",
    "at",
    "your",
    "our",
    "me",
    "any",
    "some",
    "could",
    "would",
    "will",
    "us",
    "if",
    "or",
    "from",
    "get",
    "want",
    "need",
    "know",
    "like",
    "tell",
];

/// English hospitality words → a French word of the same meaning, so an English question can find
/// a French FAQ entry.
const THESAURUS: &[(&str, &str)] = &[
    ("time", "heure"),
    ("hour", "heure"),
    ("arrive", "arrivee"),
    ("arrival", "arrivee"),
    ("leave", "depart"),
    ("departure", "depart"),
    ("park", "garer"),
    ("parking", "parking"),
    ("car", "garer"),
    ("pet", "animaux"),
    ("pets", "animaux"),
    ("dog", "animaux"),
    ("cat", "animaux"),
    ("animal", "animaux"),
    ("towel", "serviettes"),
    ("towels", "serviettes"),
    ("sheets", "draps"),
    ("linen", "linge"),
    ("bed", "lits"),
    ("early", "tot"),
    ("late", "tard"),
    ("trash", "poubelles"),
    ("garbage", "poubelles"),
    ("rubbish", "poubelles"),
    ("bin", "poubelles"),
    ("recycling", "tri"),
    ("password", "mot"),
    ("key", "cles"),
    ("keys", "cles"),
    ("lockbox", "boite"),
    ("code", "code"),
    ("network", "reseau"),
    ("allowed", "acceptes"),
    ("provided", "fournis"),
];

/// Lower-case, strip accents, and glue the spellings of check-in/check-out into one word.
fn fold(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    lower
        .replace("check-in", "checkin")
        .replace("check in", "checkin")
        .replace("check-out", "checkout")
        .replace("check out", "checkout")
        .replace("wi-fi", "wifi")
}

/// The index terms of a text: both languages' stems of every meaningful word.
fn terms(text: &str) -> Vec<String> {
    let french = Stemmer::create(Algorithm::French);
    let english = Stemmer::create(Algorithm::English);
    let folded = fold(text);
    let mut out = Vec::new();
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 || w.chars().all(|c| c.is_ascii_digit()))
    {
        if STOPWORDS.contains(&word) {
            continue;
        }
        let mut forms = vec![word.to_owned()];
        if let Some((_, fr)) = THESAURUS.iter().find(|(en, _)| *en == word) {
            forms.push((*fr).to_owned());
        }
        let mut stems: Vec<String> = Vec::new();
        for form in &forms {
            for stem in [
                french.stem(form).into_owned(),
                english.stem(form).into_owned(),
            ] {
                if !stems.contains(&stem) {
                    stems.push(stem);
                }
            }
        }
        out.extend(stems);
    }
    out
}

/// The best FAQ for a question, with its confidence (0–1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub index: usize,
    pub confidence: f64,
}

pub fn best_match(faqs: &[(String, String)], query: &str) -> Option<Match> {
    if faqs.is_empty() {
        return None;
    }
    let docs: Vec<Vec<String>> = faqs
        .iter()
        .map(|(q, a)| {
            let mut d = Vec::new();
            for _ in 0..QUESTION_WEIGHT {
                d.extend(terms(q));
            }
            d.extend(terms(a));
            d
        })
        .collect();
    let n = docs.len() as f64;
    let avg_len = docs.iter().map(Vec::len).sum::<usize>() as f64 / n;
    let mut df: HashMap<&str, usize> = HashMap::new();
    for doc in &docs {
        for term in doc.iter().map(String::as_str).collect::<HashSet<_>>() {
            *df.entry(term).or_default() += 1;
        }
    }
    let idf = |t: &str| {
        let d = *df.get(t).unwrap_or(&0) as f64;
        ((n - d + 0.5) / (d + 0.5) + 1.0).ln()
    };
    // Each query word counts once, even though it contributes up to two stems.
    let query_words: Vec<Vec<String>> = fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(terms)
        .filter(|stems| !stems.is_empty())
        .collect();
    if query_words.is_empty() {
        return None;
    }
    // A word no FAQ knows weighs like the rarest known word: enough that a question made of
    // unknown words is not "covered" by one common match, not so much that a single filler word
    // sinks a clear match.
    let rare = ((n - 1.0 + 0.5) / 1.5 + 1.0).ln();
    let scored = docs.iter().enumerate().map(|(index, doc)| {
        let mut tf: HashMap<&str, usize> = HashMap::new();
        for t in doc {
            *tf.entry(t.as_str()).or_default() += 1;
        }
        let len = doc.len() as f64;
        let mut score = 0.0;
        let (mut covered, mut total) = (0.0, 0.0);
        for stems in &query_words {
            // The word's weight: its rarest known stem, or "rare" if no FAQ knows it at all.
            let known: Vec<&String> = stems
                .iter()
                .filter(|s| df.contains_key(s.as_str()))
                .collect();
            let weight = known
                .iter()
                .map(|s| idf(s))
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
                .unwrap_or(rare);
            total += weight;
            let best = stems
                .iter()
                .filter_map(|s| tf.get(s.as_str()).map(|f| (s, *f as f64)))
                .map(|(s, f)| idf(s) * f * (K1 + 1.0) / (f + K1 * (1.0 - B + B * len / avg_len)))
                .fold(0.0, f64::max);
            if best > 0.0 {
                covered += weight;
                score += best;
            }
        }
        (
            index,
            score,
            if total > 0.0 { covered / total } else { 0.0 },
        )
    });
    let (index, score, confidence) = scored.max_by(|a, b| a.1.total_cmp(&b.1))?;
    (score > 0.0).then_some(Match { index, confidence })
}

pub fn answer(request: &AiRequest) -> AiOutcome {
    let question = request.pending_guest_text();
    let language = language::detect(&question);
    let decision = match best_match(&request.faqs, &question) {
        Some(m) if m.confidence >= CONFIDENCE_THRESHOLD => {
            AiDecision::Reply(request.faqs[m.index].1.clone())
        }
        Some(m) => AiDecision::Handoff {
            reason: format!(
                "aucune réponse de la FAQ ne convient avec assez de confiance (piste : « {} », {:.0} %)",
                request.faqs[m.index].0,
                m.confidence * 100.0
            ),
            holding: holding_message(language),
        },
        None => AiDecision::Handoff {
            reason: "la FAQ ne couvre pas cette question".into(),
            holding: holding_message(language),
        },
    };
    AiOutcome {
        decision,
        engine: AiEngine::OfflineFaq,
        usage: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Vec<(String, String)> {
        [
            (
                "À quelle heure est le check-in ?",
                "Le check-in se fait à partir de 16h.",
            ),
            (
                "À quelle heure est le check-out ?",
                "Le check-out est à 11h au plus tard.",
            ),
            (
                "Quel est le code wifi ?",
                "Le nom du réseau et le mot de passe wifi sont sur la carte de l'entrée.",
            ),
            (
                "Où puis-je me garer ?",
                "Une place de parking privée est incluse.",
            ),
            (
                "Les animaux sont-ils acceptés ?",
                "Les petits animaux sont acceptés sur demande.",
            ),
            (
                "Le linge de maison et les serviettes sont-ils fournis ?",
                "Oui, draps et serviettes sont fournis.",
            ),
        ]
        .iter()
        .map(|(q, a)| (q.to_string(), a.to_string()))
        .collect()
    }

    fn answers(query: &str) -> Option<usize> {
        best_match(&demo(), query)
            .filter(|m| m.confidence >= CONFIDENCE_THRESHOLD)
            .map(|m| m.index)
    }

    #[test]
    fn paraphrases_in_french_find_their_faq() {
        assert_eq!(answers("à quelle heure est le check-in ?"), Some(0));
        assert_eq!(
            answers("Bonjour, on peut faire le checkin à quelle heure svp"),
            Some(0)
        );
        assert_eq!(answers("c'est quoi l'heure du check out"), Some(1));
        assert_eq!(
            answers("Je n'arrive pas à trouver le mot de passe du WIFI"),
            Some(2)
        );
        assert_eq!(answers("il y a un parking pour se garer ?"), Some(3));
        assert_eq!(
            answers("Est-ce que les chiens et animaux sont acceptés ?"),
            Some(4)
        );
        assert_eq!(answers("Et il y a le wifi ?"), Some(2));
    }

    #[test]
    fn english_questions_reach_the_french_faq() {
        assert_eq!(answers("What time is check-in?"), Some(0));
        assert_eq!(answers("Where can I park my car?"), Some(3));
        assert_eq!(answers("Are towels provided?"), Some(5));
    }

    #[test]
    fn unrelated_questions_are_not_answered() {
        assert_eq!(
            answers("Ma réservation peut-elle être annulée et remboursée ?"),
            None
        );
        assert_eq!(answers("The shower is leaking everywhere, help!"), None);
        assert_eq!(answers("Pouvez-vous me recommander un restaurant ?"), None);
        assert_eq!(answers("??"), None);
    }

    #[test]
    fn a_burst_is_answered_as_one_question_and_off_faq_hands_off() {
        let request = AiRequest {
            conciergerie_name: "Démo".into(),
            faqs: demo(),
            history: vec![
                super::super::Turn {
                    sender: protocol::Sender::Client,
                    text: "Bonjour".into(),
                },
                super::super::Turn {
                    sender: protocol::Sender::Client,
                    text: "le wifi".into(),
                },
                super::super::Turn {
                    sender: protocol::Sender::Client,
                    text: "c'est quoi le code ?".into(),
                },
            ],
        };
        assert!(
            matches!(answer(&request).decision, AiDecision::Reply(ref text) if text.contains("mot de passe wifi"))
        );
        let off = AiRequest {
            history: vec![super::super::Turn {
                sender: protocol::Sender::Client,
                text: "Il y a une fuite d'eau dans la salle de bain".into(),
            }],
            ..request
        };
        assert!(matches!(answer(&off).decision, AiDecision::Handoff { .. }));
    }
}
