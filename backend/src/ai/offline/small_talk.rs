//! Messages that ask nothing: greetings, thanks and goodbyes, acknowledgements, emoji. They need
//! no FAQ and must never send a guest to the human queue.

use super::lexicon::{concept, is_function_word};
use super::text::words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SmallTalk {
    /// "ok", "parfait", "vale", "👍": nothing to answer.
    Ack,
    /// "Bonjour !", "Hola": deserves a welcome.
    Greeting,
    /// "Merci !", "bonne soirée": deserves a short closing.
    Thanks,
}

#[rustfmt::skip]
const GREETINGS: &[&str] = &[
    "bonjour", "bonsoir", "salut", "coucou", "hello", "hi", "hey", "hola", "buenosdias",
    "buenastardes", "buenasnoches", "hallo", "gutentag", "gutenmorgen", "gutenabend", "servus",
    "moin", "ciao", "buongiorno", "buonasera", "salve", "ola", "oi", "bomdia", "boatarde",
    "boanoite", "buenas", "goodmorning", "goodevening", "goodafternoon", "morning", "evening", "yo",
    // Chat spellings, and "how are you?" glued by `text::fold`.
    "slt", "bjr", "bsr", "hii", "heyy", "hiya", "heya", "howdy", "hallochen", "howareyou",
];

#[rustfmt::skip]
const THANKS: &[&str] = &[
    "merci", "thanks", "thank", "thx", "ty", "cheers", "gracias", "danke", "dank", "grazie",
    "obrigado", "obrigada", "obg", "bonnejournee", "bonnesoiree", "bye", "goodbye", "revoir",
    "bientot", "adios", "luego", "tschuss", "wiedersehen", "arrivederci", "tchau", "ate", "logo",
    "tks", "thnx", "thanx", "thankyou", "mercii", "merciii", "valeu", "vlw", "brigado", "brigada",
    "grazie1000", "danki", "obrigadao", "obrigadinho", "obrigadinha", "graciass", "muchisimas",
    // Thanking with a verb: "vi ringraziamo", "je vous remercie", "wir bedanken uns".
    "remercie", "remercions", "remercier", "ringrazio", "ringraziamo", "ringraziare",
    "agradezco", "agradecemos", "agradeco", "bedanken", "bedanke",
    // Chat spellings: "grz" (grazie), "mrc" (merci), "thks", "obgd".
    "grz", "mrc", "mrci", "thks", "obgd", "dnk",
];

#[rustfmt::skip]
const ACKS: &[&str] = &[
    "bienarrive", "acc", "dac",
    "ok", "okay", "oki", "okk", "k", "d", "accord", "parfait", "super", "top", "genial", "cool",
    "great", "perfect", "noted", "got", "entendu", "compris", "vale", "perfecto", "entendido",
    "alles", "klar", "gut", "prima", "perfetto", "va", "bene", "capito", "certo", "perfeito",
    "beleza", "combinado", "tudo", "bem", "marche", "yes", "oui", "si", "sim", "ja", "recu",
    "nickel", "awesome", "wonderful", "excellent", "fantastic", "fantastico", "toll", "klasse",
    "bueno", "buena", "good", "nice", "ah", "oh", "ca", "cela", "sounds", "fine", "it",
    "understood", "vu", "note", "bon", "sure", "alright", "right", "wunderbar", "ottimo", "otimo",
    "claro", "esta", "joia", "blz", "okey", "oky", "ricevuto", "recibido", "recebido",
    "erhalten",
];

/// Words that may accompany small talk without making it a question ("merci beaucoup à vous",
/// "thank you so much", "hi there").
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "beaucoup", "infiniment", "much", "lot", "so", "very", "muchas", "mil", "mille", "vielen",
    "herzlichen", "tante", "muito", "muitas", "you", "vous", "a", "to", "all", "there", "everyone",
    "tous", "tout", "le", "monde", "la", "l", "equipe", "team", "madame", "monsieur", "again",
    "encore", "pour", "tout", "for", "everything", "todo", "alles", "schon", "tutto", "por",
    "tudo", "e", "et", "and", "y", "und", "the", "info", "infos", "information", "reponse",
    "answer", "respuesta", "antwort", "risposta", "resposta", "nous", "de", "du", "les", "votre",
    "your", "have", "nice", "day", "a", "une", "bonne", "journee", "soiree", "see", "soon",
    "hasta", "pronto", "bis", "bald", "presto", "ci", "vediamo", "ate", "breve", "really", "ah",
    "!", "dear", "sir", "madam", "im", "voraus", "advance", "avance", "d'avance", "pela", "per",
    "la", "lo", "il", "mi", "me", "ti", "te", "ihnen", "dir", "lei", "voce", "voces", "senor",
    "senora", "signora", "bcp", "accueil", "hospitality", "acogida", "ospitalita",
    "hospitalidade", "gastfreundschaft", "proxima", "prossima", "prochaine", "next", "time",
    "stay", "sejour", "estancia", "estadia", "aufenthalt", "soggiorno", "signore", "herr", "frau", "schonen", "abend", "noch", "buona", "serata", "giornata", "buen", "dia",
];

/// Whether a (folded) word greets or thanks: it asks about nothing ("where do I put the trash
/// thx"), so it is no topic of a question either.
pub fn is_courtesy(word: &str) -> bool {
    GREETINGS.contains(&word) || THANKS.contains(&word) || APOLOGIES.contains(&word)
}

/// Whether a (folded) word thanks or says goodbye.
pub fn is_thanks(word: &str) -> bool {
    THANKS.contains(&word)
}

/// "Sorry", "perdona": politeness before a question, no topic ("perdona" is not "perro").
#[rustfmt::skip]
const APOLOGIES: &[&str] = &[
    "pardon", "desole", "desolee", "excusez", "excuse", "sorry", "perdon", "perdona", "perdone",
    "disculpa", "disculpe", "entschuldigung", "entschuldigen", "sorry", "scusa", "scusi",
    "scusate", "desculpa", "desculpe", "dsl",
];

/// What a text says if it is only small talk, else `None`. `text` is folded (see `text::fold`).
pub fn classify(folded: &str) -> Option<SmallTalk> {
    if !folded.chars().any(char::is_alphanumeric) {
        // Emoji, "?!", "...": nothing to answer, but not a question either.
        return (!folded.trim().is_empty() && !folded.contains('?')).then_some(SmallTalk::Ack);
    }
    let mut kind: Option<SmallTalk> = None;
    let mut others = Vec::new();
    // "Je suis bien arrivée" is news; "ok, comment ?" is a question.
    let mut function_words = false;
    for word in words(folded) {
        let this = if THANKS.contains(&word) {
            Some(SmallTalk::Thanks)
        } else if GREETINGS.contains(&word) {
            Some(SmallTalk::Greeting)
        } else if ACKS.contains(&word) {
            Some(SmallTalk::Ack)
        } else {
            None
        };
        match this {
            Some(k) => kind = kind.max(Some(k)),
            None if FILLERS.contains(&word) => {}
            None if is_function_word(word) => function_words = true,
            None => others.push(word),
        }
    }
    // "Bonjour Marie !" is a greeting; "Bonjour, parking ?" or "ok, wifi ?" is not.
    let addressed = match others.as_slice() {
        [] => true,
        // …but "Hi, we have no hairdryer" is not a greeting to a Mr Hairdryer.
        [name] => {
            kind == Some(SmallTalk::Greeting)
                && !function_words
                && !folded.contains('?')
                && concept(name).is_none()
        }
        _ => false,
    };
    // "Tutto bene da voi?" asks how the host is, not about the stay.
    let pleasantry = words(folded).any(|w| w == "howareyou");
    let question = function_words && folded.contains('?') && !pleasantry;
    kind.filter(|_| addressed && !question)
}

#[cfg(test)]
mod tests {
    use super::super::text::fold;
    use super::*;

    fn said(text: &str) -> Option<SmallTalk> {
        classify(&fold(text))
    }

    #[test]
    fn greetings_in_six_languages() {
        for text in [
            "Bonjour !",
            "Hello there",
            "Buenos días",
            "Guten Tag",
            "Buongiorno!",
            "Olá, boa tarde",
            "Bonjour Marie",
        ] {
            assert_eq!(said(text), Some(SmallTalk::Greeting), "{text}");
        }
    }

    #[test]
    fn thanks_and_goodbyes() {
        for text in [
            "Merci beaucoup !",
            "Thank you so much",
            "Muchas gracias",
            "Vielen Dank",
            "Grazie mille",
            "Obrigado!",
            "Ok merci, bonne soirée",
        ] {
            assert_eq!(said(text), Some(SmallTalk::Thanks), "{text}");
        }
    }

    #[test]
    fn acknowledgements_and_emoji() {
        for text in [
            "ok",
            "Parfait",
            "super 👍",
            "Vale",
            "Alles klar",
            "Perfetto",
            "👍",
            "😊🙏",
        ] {
            assert_eq!(said(text), Some(SmallTalk::Ack), "{text}");
        }
    }

    #[test]
    fn a_question_is_not_small_talk() {
        for text in [
            "Bonjour, à quelle heure est le check-in ?",
            "ok, et le wifi ?",
            "Hello parking?",
            "Merci, où sont les poubelles ?",
            "?",
        ] {
            assert_eq!(said(text), None, "{text}");
        }
    }
}
