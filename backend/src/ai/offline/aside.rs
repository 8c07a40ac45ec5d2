//! What guests say around their questions that asks nothing: "¿se puede llevar al perro? Es un
//! caniche chiquito, re tranquilo", "Ist die Küche ausgestattet? Wir kochen gern", "c'è l'aria
//! condizionata? mio marito soffre il caldo". Next to a question, such a statement is context:
//! handing it to a human would leave the answered guest in the queue for nothing.
//!
//! A statement is an aside only when it holds no request, no problem and no complaint: "les
//! serviettes sont sales", "we need a second key", "il y a un souci avec la douche" always reach
//! a human, whatever else the message asks.

use super::lexicon;
use super::text::{has_phrase_of, has_word_of, words};
use super::urgency;

/// Words (folded; `*` = any ending) by which a statement asks for something or raises a problem,
/// in the six languages: a narrower list than `lexicon::has_request_word`, which also counts
/// every negation ("il ne bouge pas de la journée" is no request).
#[rustfmt::skip]
const ASKS_OR_PROBLEM: &[&str] = &[
    // Asking.
    "voudr*", "veux", "voulons", "voulez", "souhait*", "besoin", "pourriez", "pouvez",
    "please", "pls", "plz", "svp", "stp", "need*", "want*", "wish", "quier*", "querem*",
    "quisier*", "necesit*", "podria*", "podrian", "mocht*", "brauch*", "bitte", "konnten",
    "vorr*", "vogli*", "bisogno", "potete", "potrebbe*", "gostari*", "quero", "queremos",
    "precis*", "favor", "favore", "porfa", "pf", "pfv", "let",
    // Money back, cancelling, changing the booking.
    "rembours*", "refund*", "reembols*", "ruckerstatt*", "erstatt*", "rimbors*", "annul*",
    "cancel*", "stornier*", "storno", "disdire", "modifier", "change*", "cambiar", "andern",
    // A problem.
    "probleme*", "problem*", "problema*", "souci*", "issue*", "help", "aide", "aidez", "ayuda",
    "hilfe", "aiuto", "ajuda", "plainte", "complain*", "reclam*", "beschwer*", "lament*",
    // Too much or too little: "it's too small for our van" ("zu" is also German's "to").
    "trop", "too", "demasiado", "demasiada", "demasiados", "troppo", "troppa", "troppi",
    "demais", "zuviel", "zuwenig",
    // Complaints about the place: dirt, smells, pests, damp.
    "sale", "sales", "dirty", "filthy", "sucio", "sucia", "sucios", "sucias", "schmutzig",
    "dreckig", "sporco", "sporca", "sporchi", "sporche", "sujo", "suja", "sujos", "sujas",
    "odeur*", "smell*", "stink*", "huele", "olor", "riecht", "stinkt", "puzza", "cheiro",
    "cheira", "cafard*", "cockroach*", "roach*", "fourmi*", "ants", "hormiga*", "ameise*",
    "formic*", "formiga*", "souris", "mice", "mouse", "rat", "rats", "raton*", "maus", "mause",
    "topi", "topo", "rato", "ratos", "punaise*", "bedbug*", "chinche*", "wanze*", "cimic*",
    "percevejo*", "moisi*", "mould*", "mold*", "moho", "schimmel*", "muffa", "bolor", "mofo",
    "insect*", "bicho", "bichos", "bug", "bugs", "moustique*", "mosquito*", "zanzar*", "mucke*",
    "missing", "manque", "manquent", "falta*", "fehl*", "manca*", "lost", "perdu*", "perdid*",
    "verloren", "perso", "persa", "persi", "perse", "perdi*", "disappoint*", "decu*", "decepcion*", "enttausch*",
    "delus*", "decepcion*", "unhappy", "mecontent*",
];

/// Whether a (folded) text asks for something, raises a problem or complains (see
/// `ASKS_OR_PROBLEM`).
pub fn asks_or_complains(folded: &str) -> bool {
    has_word_of(folded, ASKS_OR_PROBLEM)
}

/// Words by which guests tell what they will need or like to do (folded; `*` = any ending).
#[rustfmt::skip]
const PLAN_WORDS: &[&str] = &[
    "need", "needs", "besoin", "necesit*", "brauch*", "bisogno", "precis*", "vorremmo",
    "vorrei", "mochten", "mochte", "gostariamos", "gostaria", "queremos", "quiero",
    "want", "wanna", "love",
];

/// Words that make a need a request for something more or for the host to act: "we need two
/// more towels", "necesitamos otra llave", "could you…", "pouvez-vous…" (folded).
#[rustfmt::skip]
const MORE_OR_HOST: &[&str] = &[
    "more", "extra", "another", "second", "additional", "spare", "autre", "autres", "plus",
    "supplementaire*", "otro", "otra", "otros", "otras", "adicional*", "weitere*", "zusatzlich*",
    "noch", "altro", "altra", "altri", "altre", "aggiuntiv*", "outro", "outra", "outros",
    "outras", "you", "your", "vous", "votre", "tu", "te", "usted*", "ustedes", "ihr", "euch",
    "ihnen", "voi", "vi", "voce", "voces", "vcs", "lhe", "can", "could", "pourr*", "pouvez",
    "podr*", "pued*", "konnen", "konnt*", "potete", "potrebbe*", "pode", "podem", "please",
    "pls", "svp", "stp", "bitte", "favor", "favore",
];

/// Whether a (folded) statement tells what the guests plan to do rather than asking for
/// something: "will need to wash a few shirts", "vorremmo cucinare noi qualche sera", "need to
/// stock up for the week". Next to a question on the same thing, its answer covers it; a need
/// for more, or for the host to act, is still a request.
pub fn tells_a_plan(folded: &str) -> bool {
    has_word_of(folded, PLAN_WORDS)
        && !has_word_of(folded, MORE_OR_HOST)
        && !folded.chars().any(|c| c.is_ascii_digit())
        && !lexicon::has_interrogative(folded)
        && !opens_like_a_question(folded)
}

/// Phrases (folded, space-padded) by which a guest asks the host to do something: "could you…",
/// "pourriez-vous…", "¿podrían…?", "könnten Sie…", "potreste…", "vocês podem…".
#[rustfmt::skip]
const ASK_THE_HOST: &[&str] = &[
    " could you ", " can you ", " would you ", " will you ", " pourriez-vous ", " pouvez-vous ",
    " pourriez vous ", " pouvez vous ", " vous pourriez ", " vous pouvez ", " peux-tu ",
    " pourrais-tu ", " podrias ", " podrian ", " podria usted ", " puedes ", " pueden ustedes ",
    " konnten sie ", " konnen sie ", " konntest du ", " kannst du ", " konntet ihr ",
    " konnt ihr ", " potreste ", " potresti ", " puoi ", " potete ", " poderia ", " poderiam ",
    " voces podem ", " voce pode ", " vcs podem ",
];

/// Verbs of a service the host would perform (folded): booking, ordering, bringing, cleaning,
/// washing, fixing, buying, organising.
#[rustfmt::skip]
const SERVICE_VERBS: &[&str] = &[
    "book", "reserve", "reserver", "reservar", "reservieren", "buchen", "prenotare", "prenotarci",
    "order", "commander", "encargar", "bestellen", "ordinare", "encomendar", "bring", "apporter",
    "traer", "traernos", "bringen", "vorbeibringen", "portare", "portarci", "trazer", "clean",
    "nettoyer", "limpiar", "putzen", "pulire", "limpar", "wash", "laver", "lavar", "waschen",
    "lavare", "fix", "repair", "reparer", "arreglar", "reparieren", "riparare", "consertar",
    "buy", "acheter", "comprar", "kaufen", "comprare", "organise", "organize", "organiser",
    "organizar", "organisieren", "organizzare", "arrange",
];

/// Whether a (folded) clause asks the host to perform a service ("pourriez-vous nous réserver
/// une place ?", "could you book us a taxi?"): a request for a person, even when an entry
/// shares its words — unless that entry is about the service itself.
pub fn asks_the_host_to_act(folded: &str) -> bool {
    has_phrase_of(folded, ASK_THE_HOST) && words(folded).any(|w| SERVICE_VERBS.contains(&w))
}

/// Whether a (folded) statement — a part of a sentence without a question mark — only tells
/// something: no question word, no request, problem, complaint, failure or
/// emergency.
pub fn is_aside(folded: &str) -> bool {
    !folded.contains('?')
        && !lexicon::has_interrogative(folded)
        && !asks_or_complains(folded)
        && !urgency::reports_failure(folded)
        && urgency::detect(folded).is_none()
}

/// Words that put a topic before the question about it (folded, space-padded): "pour le
/// lave-vaisselle, …", "as for the pool, …", "en cuanto a la piscina, …".
#[rustfmt::skip]
const TOPIC_FIRST: &[&str] = &[
    " pour le ", " pour la ", " pour les ", " pour l'", " quant au ", " quant a ", " quant aux ",
    " concernant ", " as for ", " about the ", " regarding ", " for the ", " en cuanto a ",
    " sobre el ", " sobre la ", " para el ", " para la ", " was den ", " was die ", " was das ",
    " fur den ", " fur die ", " fur das ", " per il ", " per la ", " per lo ", " quanto al ",
    " quanto alla ", " riguardo ", " quanto ao ", " quanto a ", " sobre o ", " sobre a ",
    " para o ", " para a ",
];

/// Whether a (folded) part only names the topic a question after it is about: it opens with
/// "pour le…", "as for…" and holds no verb of its own (a handful of words).
pub fn names_a_topic_first(folded: &str) -> bool {
    let padded = format!(" {} ", folded.trim());
    TOPIC_FIRST.iter().any(|t| padded.starts_with(t)) && words(folded).count() <= 4
}

/// Pronouns that take up a topic named just before (folded): "la piscine, elle est chauffée ?",
/// "the pool, is it heated?", "el súper, ¿abre el domingo?" has none (see `only_names`).
#[rustfmt::skip]
const POINTING_BACK: &[&str] = &[
    "il", "elle", "ils", "elles", "ca", "it", "they", "er", "sie", "es", "lui", "lei", "ele",
    "ela", "eles", "elas",
];

/// Whether a (folded) part opens with a pronoun taking up what was named before it, or with a
/// question verb and that pronoun ("is it heated?", "ist sie beheizt?").
pub fn points_back(folded: &str) -> bool {
    let mut words = words(folded);
    match words.next() {
        Some(first) if POINTING_BACK.contains(&first) => true,
        Some(first) if QUESTION_VERBS.contains(&first) => {
            words.next().is_some_and(|w| POINTING_BACK.contains(&w))
        }
        _ => false,
    }
}

/// Whether a (folded) part only names something: a few words, asking and telling nothing.
pub fn only_names(folded: &str) -> bool {
    words(folded).count() <= 5
        && !folded.contains('?')
        && !lexicon::has_interrogative(folded)
        && !opens_like_a_question(folded)
        && !lexicon::has_request_word(folded)
}

/// Words that open a yes/no question (folded): "are we allowed…, and are there bikes?" asks
/// twice, though only the sentence's end has the question mark.
#[rustfmt::skip]
const QUESTION_VERBS: &[&str] = &[
    "are", "is", "do", "does", "did", "can", "could", "may", "will", "would", "should", "have",
    "has", "any", "estce", "est-ce", "peut", "peuton", "pouvez", "pourrait", "puis", "avez",
    "auriez", "yatil", "hay", "puedo", "podemos", "puede", "pueden", "tienen", "teneis",
    "gibt", "gibts", "kann", "konnen", "darf", "durfen", "ist", "sind", "habt", "haben",
    "c'e", "posso", "possiamo", "avete", "tem", "tens", "pode", "podemos", "existe",
];

/// Whether a (folded) part of a questioned sentence opens as a question of its own.
pub fn opens_like_a_question(folded: &str) -> bool {
    words(folded)
        .next()
        .is_some_and(|w| QUESTION_VERBS.contains(&w))
}

/// "Own" in the six languages (folded), and the possessive pronouns that stand for "ours" at the
/// end of a clause: "…or should we bring our own?", "…ou on apporte les nôtres ?", "…oder
/// bringen wir eigene mit?" ask the question before them again.
#[rustfmt::skip]
const OWN: &[&str] = &[
    "own", "propre", "propres", "propio", "propia", "propios", "propias", "eigene", "eigenen",
    "eigenes", "proprio", "propria", "proprios", "proprias", "proprie", "propri",
];
#[rustfmt::skip]
const OURS: &[&str] = &[
    "notres", "notre", "nuestros", "nuestras", "unsere", "unsrigen", "nostri", "nostre",
    "nossos", "nossas", "ours",
];

/// Paying apart or a ban, folded and space-padded: "…incluso o si paga a parte?", "…ou c'est
/// interdit ?", "…or should we step out?".
#[rustfmt::skip]
const APART: &[&str] = &[
    " a parte ", " a part ", " aparte ", " por separado ", " separately ", " separate ",
    " en supplement ", " en plus ", " en sus ", " extra ", " separat ", " gesondert ",
    " zusatzlich ", " in aggiunta ", " separadamente ", " pago ", " paga ", " pagar ", " pay ",
    " payer ", " zahlen ", " pagare ",
    " interdit ", " interdite ", " forbidden ", " prohibited ", " not allowed ", " prohibido ",
    " prohibida ", " verboten ", " vietato ", " vietata ", " proibido ", " proibida ",
    " outside ", " step out ", " go out ", " dehors ", " fuera ", " afuera ", " draussen ",
    " fuori ", " fora ",
];

/// Whether a (folded) clause speaks of the guests' own things, of paying apart or of a ban:
/// after "or", the same question asked the other way round. "Notre voiture" is no such thing:
/// "ours" counts only last.
pub fn says_own(folded: &str) -> bool {
    let padded = format!(" {folded} ");
    words(folded).any(|w| OWN.contains(&w))
        || words(folded).last().is_some_and(|w| OURS.contains(&w))
        || APART.iter().any(|a| padded.contains(a))
}

/// Where a (folded, space-padded) part asks its question again the other way round after "o" /
/// "ou" / "or" / "oder" ("il parcheggio è incluso o si paga a parte", "¿hay toallas o tenemos
/// que llevar las nuestras?"): the part is read up to there. Only with the guests' own things,
/// paying apart or a ban after it, as "o" is also Portuguese's "the". A part that opens with
/// the alternative (", or should we bring our own?") is dropped whole unless it is its
/// sentence's first ("où" folds to a leading "ou").
pub fn restated_alternative(padded: &str, after_another_part: bool) -> Option<usize> {
    [" o ", " ou ", " or ", " oder "]
        .iter()
        .flat_map(|or| padded.match_indices(or).map(|(at, _)| at))
        .filter(|&at| (at > 0 || after_another_part) && says_own(&padded[at..]))
        .min()
}

#[cfg(test)]
mod tests {
    use super::super::text::fold;
    use super::*;

    #[test]
    fn what_guests_tell_around_a_question_is_an_aside() {
        for text in [
            "Es un caniche chiquito, re tranquilo",
            "mio marito soffre molto il caldo",
            "Wir kochen jeden Abend selbst",
            "ta mto quente aqui",
            "Il est vieux et très calme",
            "cant find it anywhere",
            "A nossa é uma shih-tzu bem pequenininha",
            "Travelling with a toddler so there'll be loads of washing",
        ] {
            assert!(is_aside(&fold(text)), "{text}");
        }
    }

    #[test]
    fn our_own_things_are_named_in_six_languages() {
        for text in [
            "should we bring our own",
            "on apporte les nôtres",
            "tenemos que llevar las nuestras",
            "bringen wir eigene mit",
            "portiamo i nostri",
            "levamos as nossas",
        ] {
            assert!(says_own(&fold(text)), "{text}");
        }
        assert!(!says_own(&fold("should we buy some")));
        assert_eq!(
            restated_alternative(" il parcheggio e incluso o si paga a parte ", false),
            Some(24)
        );
        assert_eq!(restated_alternative(" o codigo do wifi ", false), None);
        assert_eq!(
            restated_alternative(" or should we buy our own ", true),
            Some(0)
        );
        assert!(!says_own(&fold("est-ce qu'on peut garer notre voiture")));
    }

    #[test]
    fn requests_problems_and_complaints_are_not_asides() {
        for text in [
            "Les serviettes sont sales",
            "We need a second key",
            "Il y a un souci avec la douche",
            "There are ants in the kitchen",
            "I'd like a refund for the night",
            "Die Heizung funktioniert nicht",
            "Non c'è acqua calda",
            "La télécommande de la télé manque",
            "Please call me back",
            "It's too small for our van",
            "where is the bakery",
        ] {
            assert!(!is_aside(&fold(text)), "{text}");
        }
    }
}
