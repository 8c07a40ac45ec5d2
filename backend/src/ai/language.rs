//! Which of the six languages the concierge speaks (fr, en, es, de, it, pt) a guest writes in.
//!
//! Trigram identification (`whatlang`, limited to those six) is reliable on a sentence but not on
//! "wifi ?" or "Hola!", which are most of what guests send. So function words and greetings vote
//! first, trigrams only count on longer texts, and a text that gives no clue is French: the
//! conciergeries are French and so are most of their guests.

use protocol::GuestLanguage;
use rust_stemmers::Algorithm;
use whatlang::{Detector, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// The conciergeries' language, and the guess when a text gives no clue.
    #[default]
    French,
    English,
    Spanish,
    German,
    Italian,
    Portuguese,
}

impl Language {
    pub const ALL: [Language; 6] = [
        Language::French,
        Language::English,
        Language::Spanish,
        Language::German,
        Language::Italian,
        Language::Portuguese,
    ];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
            Language::Spanish => "es",
            Language::German => "de",
            Language::Italian => "it",
            Language::Portuguese => "pt",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The same language as the protocol names it (FAQ translations, message translations).
    pub fn wire(self) -> GuestLanguage {
        match self {
            Language::French => GuestLanguage::French,
            Language::English => GuestLanguage::English,
            Language::Spanish => GuestLanguage::Spanish,
            Language::German => GuestLanguage::German,
            Language::Italian => GuestLanguage::Italian,
            Language::Portuguese => GuestLanguage::Portuguese,
        }
    }

    /// Its English name, for prompts.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::French => "French",
            Language::English => "English",
            Language::Spanish => "Spanish",
            Language::German => "German",
            Language::Italian => "Italian",
            Language::Portuguese => "Portuguese",
        }
    }

    pub fn stemmer(self) -> Algorithm {
        match self {
            Language::French => Algorithm::French,
            Language::English => Algorithm::English,
            Language::Spanish => Algorithm::Spanish,
            Language::German => Algorithm::German,
            Language::Italian => Algorithm::Italian,
            Language::Portuguese => Algorithm::Portuguese,
        }
    }

    fn whatlang(self) -> Lang {
        match self {
            Language::French => Lang::Fra,
            Language::English => Lang::Eng,
            Language::Spanish => Lang::Spa,
            Language::German => Lang::Deu,
            Language::Italian => Lang::Ita,
            Language::Portuguese => Lang::Por,
        }
    }

    /// Words that give the language away even in a three-word message (lower case, with accents
    /// and without, as guests type both).
    #[rustfmt::skip]
    fn clues(self) -> &'static [&'static str] {
        match self {
            Language::French => &[
                "le", "la", "les", "des", "est", "et", "je", "vous", "nous", "pour", "pas", "quel",
                "quelle", "quand", "où", "comment", "bonjour", "bonsoir", "salut", "merci", "avec",
                "mon", "mes", "il", "y", "sur", "dans", "ce", "cette", "peut", "puis", "est-ce",
                "une", "du", "au", "aux", "c'est", "qu'il", "on", "heure", "d'accord", "oui",
                "garer", "voiture", "clés", "serviettes", "logement", "très", "bien", "à", "ça",
                "ai", "avez", "peux", "fait", "chauffage", "arrivée", "départ", "poubelles",
            ],
            Language::English => &[
                "the", "is", "are", "and", "i", "you", "we", "for", "not", "of", "to", "what",
                "when", "where", "how", "hello", "hi", "hey", "thanks", "thank", "with", "my",
                "it", "there", "in", "this", "can", "do", "does", "time", "please", "our", "any",
                "will", "have", "great", "morning", "evening", "there's", "what's", "i'm", "we're",
                "it's", "car", "towels", "pool", "keys", "late", "early", "cheers", "ok", "okay",
                "thx", "cool", "bye",
            ],
            Language::Spanish => &[
                "el", "los", "las", "es", "y", "yo", "usted", "ustedes", "para", "qué", "que",
                "cuál", "cual", "cuándo", "cuando", "dónde", "donde", "cómo", "como", "hola",
                "gracias", "con", "mi", "hay", "en", "esta", "está", "puedo", "podemos", "tienen",
                "tenéis", "buenos", "buenas", "días", "dias", "una", "del", "al", "por", "favor",
                "muchas", "vale", "perfecto", "coche", "llaves", "toallas", "llegada", "salida",
                "piscina", "aparcar", "mascotas", "contraseña", "hora", "estoy", "somos",
            ],
            Language::German => &[
                "der", "die", "das", "ist", "und", "ich", "sie", "wir", "für", "fur", "nicht",
                "was", "wann", "wo", "wie", "hallo", "danke", "mit", "mein", "gibt", "es", "im",
                "kann", "können", "haben", "guten", "tag", "morgen", "abend", "bitte", "ein",
                "eine", "den", "dem", "uns", "unser", "auto", "schlüssel", "handtücher", "ankunft",
                "abreise", "parken", "haustiere", "passwort", "uhr", "vielen", "dank", "gut",
                "super", "welche", "darf", "dürfen", "noch", "auch", "heizung",
            ],
            Language::Italian => &[
                "il", "lo", "gli", "è", "ed", "io", "noi", "per", "non", "che", "quale", "quando",
                "dove", "come", "ciao", "grazie", "con", "mio", "c'è", "ci", "sono", "della",
                "posso", "possiamo", "avete", "buongiorno", "buonasera", "al", "mille", "perfetto",
                "macchina", "chiavi", "asciugamani", "arrivo", "partenza", "piscina", "parcheggio",
                "animali", "ora", "orario", "siamo", "salve", "un", "dell'", "funziona",
                "riscaldamento", "c'e",
            ],
            Language::Portuguese => &[
                "o", "os", "as", "é", "eu", "você", "voce", "vocês", "nós", "para", "não", "nao",
                "que", "qual", "quando", "onde", "como", "olá", "ola", "obrigado", "obrigada",
                "com", "meu", "tem", "há", "na", "no", "posso", "podemos", "bom", "dia", "boa",
                "tarde", "noite", "uma", "um", "do", "da", "carro", "chaves", "toalhas", "chegada",
                "saída", "piscina", "estacionar", "animais", "senha", "horas", "estou", "somos",
                "tudo", "beleza", "ótimo", "funciona", "aquecimento", "vcs",
            ],
        }
    }
}

/// Letters that only some of the six languages use.
fn letter_clues(c: char) -> &'static [Language] {
    match c {
        'ñ' | '¿' | '¡' => &[Language::Spanish],
        'ß' | 'ä' | 'ö' | 'ü' => &[Language::German],
        'ã' | 'õ' => &[Language::Portuguese],
        'ç' => &[Language::French, Language::Portuguese],
        'è' | 'à' | 'ù' => &[Language::French, Language::Italian],
        'ê' | 'â' | 'ô' => &[Language::French, Language::Portuguese],
        'œ' | 'î' | 'û' | 'ë' | 'ï' => &[Language::French],
        _ => &[],
    }
}

/// Below this many letters, trigrams are noise.
const TRIGRAM_MIN_LETTERS: usize = 18;
/// How many function-word votes a confident trigram verdict is worth.
const TRIGRAM_WEIGHT: f64 = 2.5;

pub fn detect(text: &str) -> Language {
    let lower = text.to_lowercase();
    let mut votes = [0.0f64; 6];
    let slot = |l: Language| Language::ALL.iter().position(|x| *x == l).unwrap_or(0);
    for word in lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
    {
        let claimed: Vec<Language> = Language::ALL
            .into_iter()
            .filter(|l| l.clues().contains(&word))
            .collect();
        // A word shared by several languages ("que", "como") says less than one that is not.
        for l in &claimed {
            votes[slot(*l)] += 1.0 / claimed.len() as f64;
        }
    }
    for c in lower.chars() {
        let claimed = letter_clues(c);
        for l in claimed {
            votes[slot(*l)] += 0.5 / claimed.len() as f64;
        }
    }
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= TRIGRAM_MIN_LETTERS {
        let detector = Detector::with_allowlist(Language::ALL.map(Language::whatlang).to_vec());
        if let Some(info) = detector.detect(text) {
            if let Some(l) = Language::ALL
                .into_iter()
                .find(|l| l.whatlang() == info.lang())
            {
                votes[slot(l)] += TRIGRAM_WEIGHT * info.confidence();
            }
        }
    }
    // Ties (including "no clue at all") go to French, listed first.
    let mut best = Language::French;
    let mut best_votes = votes[0];
    for (l, v) in Language::ALL.into_iter().zip(votes) {
        if v > best_votes {
            best = l;
            best_votes = v;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_of_the_six_languages_is_recognised() {
        let cases = [
            ("À quelle heure est le check-in ?", Language::French),
            ("What time is the check-in?", Language::English),
            ("Hi, where can I park the car?", Language::English),
            ("¿A qué hora es la llegada?", Language::Spanish),
            ("Hola, ¿cuál es la contraseña del wifi?", Language::Spanish),
            ("Wann ist der Check-in?", Language::German),
            ("Gibt es einen Parkplatz für unser Auto?", Language::German),
            ("A che ora è il check-in?", Language::Italian),
            (
                "Ciao, dove posso parcheggiare la macchina?",
                Language::Italian,
            ),
            ("Qual é a senha do wifi?", Language::Portuguese),
            ("Olá, onde posso estacionar o carro?", Language::Portuguese),
        ];
        for (text, expected) in cases {
            assert_eq!(detect(text), expected, "{text}");
        }
    }

    #[test]
    fn greetings_alone_are_enough() {
        assert_eq!(detect("Bonjour !"), Language::French);
        assert_eq!(detect("Hello!"), Language::English);
        assert_eq!(detect("Hola"), Language::Spanish);
        assert_eq!(detect("Hallo"), Language::German);
        assert_eq!(detect("Ciao!"), Language::Italian);
        assert_eq!(detect("Olá"), Language::Portuguese);
    }

    #[test]
    fn a_text_without_clues_is_french() {
        assert_eq!(detect("wifi?"), Language::French);
        assert_eq!(detect("👍"), Language::French);
        assert_eq!(detect(""), Language::French);
    }
}
