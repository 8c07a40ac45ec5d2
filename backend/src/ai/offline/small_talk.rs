//! Messages that ask nothing: greetings, thanks and goodbyes, acknowledgements, emoji. They need
//! no FAQ and must never send a guest to the human queue.

use super::lexicon::{concept, is_function_word};
use super::text::{has_word_of, words};

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
    "oii", "oie", "holaa", "holis", "buenass", "ciaoo", "hallihallo", "hoi", "gruezi",
    "grussgott", "griassdi", "gruessech", "grussech", "moikka", "bonjourr", "saludos", "salutations",
    // Pleased to meet you: "enchanté", "piacere di conoscervi", "freut mich".
    "enchante", "enchantee", "ravi", "ravie", "ravis", "encantado", "encantada", "encantados",
    "piacere", "prazer", "freut", "meet", "meeting",
];

/// "Piacere di conoscervi", "ravi de faire votre connaissance": the rest of a pleased-to-meet.
#[rustfmt::skip]
const MEETING: &[&str] = &[
    "conoscervi", "conoscerti", "conoscerla", "conocerte", "conocerlos", "conocerlas",
    "conocerle", "conocerla", "conhecer", "conhece", "conhecelos", "kennenzulernen",
    "kennenlernen", "connaissance", "connaitre", "faire",
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
    // Goodbyes of the regions: "Pfiat Gott", "ciao ciao", "chao", "tschüssi".
    "pfiat", "tschussi", "ciaociao", "chao", "chau", "aurevoir", "adieu", "abientot",
    "grazieee", "mercie", "danku", "dankeschon", "vielendank", "muchasgracias", "valeuu",
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
    "claro", "esta", "joia",
    // Received, noted, agreed, and the everyday "sounds good" of each language.
    "okey", "okei", "oké", "kk", "okidoki", "dacc", "dak", "ouais", "ouai", "impeccable",
    "impec", "roule", "reçu", "recus", "recue", "notee", "notes", "vu",
    "yep", "yeah", "yup", "ya", "roger", "cheers", "brilliant", "lovely", "fab", "ace",
    "splendid", "will", "worries", "noted", "received", "gotcha", "cool",
    "dale", "listo", "lista", "barbaro", "buenisimo", "orale", "guay", "chevere",
    "estupendo", "recibido", "recibida", "acuerdo", "anotado", "anotada", "vale",
    "verstanden", "passt", "notiert", "erhalten", "einverstanden", "ordnung", "bestens",
    "jawohl", "jo", "jep", "genau", "perfekt", "super", "spitze",
    "ricevuto", "ricevuta", "accordo", "benissimo", "chiaro", "grande", "bellissimo", "dacc",
    "entendi", "recebido", "recebida", "fechado", "show", "blz", "legal", "massa", "ta",
    "certinho", "anotei", "otimo", "beleza",
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
    // What one wishes the host: "bonne saison", "bonne continuation", "schöne Ferien".
    "saison", "season", "temporada", "stagione", "continuation", "suite", "semaine", "week",
    "weekend", "semana", "woche", "settimana", "wochenende", "vacances", "holidays",
    "vacaciones", "ferien", "urlaub", "vacanze", "ferias", "schone", "schoene", "boa", "boas",
    "bons", "buenas", "buenos", "buone", "buoni", "gute", "good",
    // "Bonne saison !", thanks for the directions, no rush (session 8).
    "saison", "season", "temporada", "stagione", "indicazioni", "indications", "directions",
    "indicaciones", "hinweise", "indicacoes", "tips", "conseils", "consejos", "consigli",
    "dicas", "tipps", "pressa", "prisa", "fretta", "eile", "rush", "hurry", "volta", "sem", "sin",
    "senza", "ohne", "sans",
];

/// Whether a (folded) text holds only courtesy: greetings, thanks, acknowledgements, wishes and
/// function words ("bonne saison à vous", "et encore merci à toute l'équipe").
pub fn is_pleasantry(folded: &str) -> bool {
    words(folded).all(|w| {
        GREETINGS.contains(&w)
            || THANKS.contains(&w)
            || ACKS.contains(&w)
            || FILLERS.contains(&w)
            || is_function_word(w)
    })
}

/// Words of news about the journey or the stay, with nothing asked: "we've arrived safely",
/// "ya estamos en camino", "wir sind gut angekommen", "chegamos bem". Without a question mark,
/// they ask nothing; with a greeting, the guest gets a welcome, with thanks a closing.
#[rustfmt::skip]
const NEWS: &[&str] = &[
    // Arrived, landed, on the way, settled.
    "arrived", "arrive", "arrives", "arrivee", "arrivees", "arriving", "landed", "made",
    "llegamos", "llegado", "llegando", "aterrizamos", "aterrizado", "angekommen", "gelandet",
    "unterwegs", "arrivati", "arrivate", "arrivando", "atterrati", "chegamos", "chegado",
    "chegando", "aterrissamos", "aterramos", "installes", "installees", "instalados",
    "sistemati", "eingerichtet", "way", "road", "route", "chemin", "camino", "carretera",
    "ruta", "strada", "viaggio", "estrada", "caminho", "weg", "autobahn", "autostrada",
    "autoroute",
    // How it is: safe, well, all fine, a lovely place.
    "safely", "safe", "sound", "well", "fine", "good", "great", "bien", "bem", "bene", "gut",
    "todo", "tutto", "tudo", "alles", "everything", "all", "beautiful", "gorgeous", "lovely",
    "magnifique", "superbe", "hermoso", "hermosa", "precioso", "preciosa", "bellissima",
    "bellissimo", "lindo", "linda", "maravilhoso", "maravilhosa", "schon", "wunderschon",
    "wonderful", "amazing", "incroyable", "increible", "incrivel", "fantastisch", "stupendo",
    "stupenda", "ottimo", "otimo", "ottima", "perfecto", "perfeito", "perfetto", "perfekt",
    "super", "top", "nickel", "genial", "maravilla", "wunderbar", "war", "foi", "fue", "ete",
    // A week, a stay spent ("on a passé une semaine géniale").
    "geniale", "geniales", "passe", "spent", "had", "pasamos", "verbracht", "passato",
    "passamos", "semaine", "week", "semana", "woche", "settimana", "weekend", "finde",
    // Telling: "just to let you know", "solo para avisar", "nur Bescheid geben".
    "just", "let", "know", "wanted", "tell", "juste", "prevenir", "dire", "informer",
    "avisar", "aviso", "solo", "bescheid", "sagen", "geben", "kurz", "volevo", "avvisare",
    "dire", "so", "pra", "para", "only", "here", "ici", "aqui", "qui", "hier", "da", "la",
    "now", "maintenant", "ahora", "jetzt", "ora", "agora", "already", "deja", "ya", "ja",
    "gia", "schon", "finally", "enfin", "finalmente", "endlich",
    // Around an hour, and no hurry: "chegamos por volta das 18h, sem pressa", "no rush".
    "vers", "around", "about", "sobre", "hacia", "gegen", "verso", "volta", "pressa", "rush",
    "hurry", "prisa", "eile", "fretta", "presse", "tranquille", "tranquilo", "tranquilos",
    "calma",
    // The place they are in.
    "villa", "casa", "piso", "depa", "apartamento", "appartement", "appart", "wohnung",
    "appartamento", "apartment", "flat", "house", "maison", "logement", "place", "home",
    "hause", "zuhause", "chalet", "chale", "baita", "gite", "studio", "cabana", "cottage",
    "haus", "ferienwohnung", "ferienhaus", "moradia",
];

/// Whether a (folded) word greets or thanks: it asks about nothing ("where do I put the trash
/// thx"), so it is no topic of a question either.
pub fn is_courtesy(word: &str) -> bool {
    GREETINGS.contains(&word) || THANKS.contains(&word) || APOLOGIES.contains(&word)
}

/// Words (folded; `*` = any ending) of praise for the place or the stay: "the kids love the
/// garden", "la vue est magnifique", "el chalet es una maravilla", "die Aussicht ist traumhaft".
#[rustfmt::skip]
const PRAISE: &[&str] = &[
    "magnifique*", "superbe*", "genial*", "splendide*", "merveill*", "adore*", "adorons",
    "charmant*", "sublime*", "ravissant*", "parfait*", "incroyable*",
    "love", "loves", "loved", "loving", "beautiful", "gorgeous", "lovely", "wonderful",
    "amazing", "stunning", "fantastic", "perfect", "brilliant", "charming", "delightful",
    "maravill*", "precios*", "hermos*", "encanta*", "encanto", "increible*", "espectacular*",
    "genia*", "divin*", "perfect*", "lind*",
    "wunderschon*", "traumhaft*", "herrlich*", "toll*", "fantastisch*", "wunderbar*",
    "perfekt*", "lieben", "liebt", "gemutlich*",
    "bellissim*", "stupend*", "meravigli*", "adoriamo", "adora*", "perfett*", "incantevol*",
    "fantastic*", "magnific*",
    "maravilh*", "incrive*", "amamos", "ama", "amaram", "perfeit*", "deslumbrant*",
];

/// Whether a (folded) text praises the place or the stay.
pub fn praises(folded: &str) -> bool {
    has_word_of(folded, PRAISE)
}

/// Whether a (folded) word greets.
pub fn is_greeting(word: &str) -> bool {
    GREETINGS.contains(&word)
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
    classify_with(folded, false)
}

/// `classify` for a whole message, where news of the journey with no question mark anywhere
/// ("we've arrived safely") asks nothing. Not for a clause: "from what time can we arrive" lost
/// its question mark when its sentence was cut.
pub fn classify_message(folded: &str) -> Option<SmallTalk> {
    classify_with(folded, !folded.contains('?'))
}

fn classify_with(folded: &str, news_allowed: bool) -> Option<SmallTalk> {
    if !folded.chars().any(char::is_alphanumeric) {
        // Emoji, "?!", "...": nothing to answer, but not a question either.
        return (!folded.trim().is_empty() && !folded.contains('?')).then_some(SmallTalk::Ack);
    }
    let mut kind: Option<SmallTalk> = None;
    let mut others = Vec::new();
    // "Je suis bien arrivée" is news; "ok, comment ?" is a question.
    let mut function_words = false;
    let mut news = false;
    let asks = folded.contains('?');
    let mut after_greeting = false;
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
        let addressee = after_greeting && !asks && concept(word).is_none();
        after_greeting = this == Some(SmallTalk::Greeting);
        match this {
            Some(k) => kind = kind.max(Some(k)),
            None if FILLERS.contains(&word) || MEETING.contains(&word) => {}
            None if is_function_word(word) => function_words = true,
            // "Oi Marie, boa tarde! …": the name right after a greeting is whom it greets.
            None if addressee => {}
            // "llegamos sobre las 5", "vers 19h": an hour in news asks nothing either.
            None if news_allowed
                && (NEWS.contains(&word) || word.starts_with(|c: char| c.is_ascii_digit())) =>
            {
                news = true;
            }
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
    // News alone ("chegamos bem") needs no answer; with a greeting or thanks, it gets theirs.
    let kind = kind.or((news && others.is_empty()).then_some(SmallTalk::Ack));
    kind.filter(|_| addressed && !question)
}

#[cfg(test)]
mod tests {
    use super::super::text::fold;
    use super::*;

    fn said(text: &str) -> Option<SmallTalk> {
        classify_message(&fold(text))
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
    fn thanks_for_a_week_spent_or_for_directions_and_news_of_the_chalet_are_small_talk() {
        for (text, kind) in [
            (
                "Merci pour tout, une semaine géniale, bonne saison !",
                SmallTalk::Thanks,
            ),
            ("Thanks for the directions, see you soon", SmallTalk::Thanks),
            ("Grazie per le indicazioni!", SmallTalk::Thanks),
            (
                "Hola, ya estamos en el chalet, sin prisa",
                SmallTalk::Greeting,
            ),
            (
                "Hola, llegamos sobre las 17h, sin prisa",
                SmallTalk::Greeting,
            ),
        ] {
            assert_eq!(said(text), Some(kind), "{text}");
        }
        // A question stays one.
        assert_eq!(said("Merci, une semaine géniale, et le wifi ?"), None);
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
    fn acknowledgements_in_six_languages_and_their_chat_forms() {
        for text in [
            "D'accord, c'est noté.",
            "Perfect, noted 👌",
            "Dale, genial 👌",
            "Super, verstanden 👍",
            "Perfetto, ricevuto",
            "Ok, combinado 👍",
            "ok, no worries",
            "yep, will do",
            "Passt, alles klar",
            "show, fechado",
        ] {
            assert_eq!(said(text), Some(SmallTalk::Ack), "{text}");
        }
    }

    #[test]
    fn news_of_the_journey_is_small_talk_without_a_question() {
        for (text, kind) in [
            (
                "Morning! Just to let you know we've arrived safely 😊",
                SmallTalk::Greeting,
            ),
            (
                "¡Hola! Ya estamos en camino, llegamos sobre las 5 😊",
                SmallTalk::Greeting,
            ),
            (
                "Buongiorno! Siamo arrivati, tutto perfetto 😊",
                SmallTalk::Greeting,
            ),
            (
                "Oi Marie, boa tarde! Só pra avisar que já estamos na estrada 🚗",
                SmallTalk::Greeting,
            ),
            ("Wir sind gut angekommen", SmallTalk::Ack),
            ("Chegamos bem 😍", SmallTalk::Ack),
            (
                "Vielen Dank, wir sind gut zu Hause angekommen!",
                SmallTalk::Thanks,
            ),
            ("Buonasera, piacere di conoscervi!", SmallTalk::Greeting),
            (
                "Boa tarde! Só para avisar que chegamos por volta das 19h, sem pressa",
                SmallTalk::Greeting,
            ),
            ("Hi! We'll be there around 6, no rush", SmallTalk::Greeting),
        ] {
            assert_eq!(said(text), Some(kind), "{text}");
        }
    }

    #[test]
    fn a_clause_cut_from_its_question_is_not_news() {
        assert_eq!(classify(&fold("from what time can we arrive")), None);
    }

    #[test]
    fn news_with_a_problem_or_a_question_is_not_small_talk() {
        for text in [
            "We've arrived safely but the door code doesn't work",
            "On est bien arrivés, pas de wifi",
            "Ya llegamos, ¿dónde está el parking?",
            "Wir sind angekommen, wo ist der Schlüssel?",
            "Siamo arrivati ma non c'è acqua calda",
        ] {
            assert_eq!(said(text), None, "{text}");
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
