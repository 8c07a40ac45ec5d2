//! Spotting the messages a human must see now: safety, lock-outs, water, gas, power, heating or
//! hot water failures, noise, and anything the guest calls urgent, in the six languages.
//!
//! Works on folded text (see `text::fold`). A breakdown is a topic (heating, power, keys…) next
//! to a failure phrase ("ne marche pas", "not working", "no funciona", "kaputt"…), so "comment
//! fonctionne le chauffage ?" is a FAQ question and "le chauffage ne fonctionne pas" is urgent.

use super::lexicon::{concept, Concept};
use super::text::{has_word_of, is_form, words};

/// The kinds are the protocol's, so a hand-off reason names them without translation here.
pub use protocol::reasons::UrgencyKind as Urgency;

/// Words (folded; `*` = any ending) that make a message urgent on their own.
#[rustfmt::skip]
const ALARM_WORDS: &[(Urgency, &[&str])] = &[
    (
        Urgency::Declared,
        &[
            "urgent*", "urgence*", "emergenc*", "urgencia", "emergencia", "dringend*", "notfall",
            "urgenza", "emergenza", "asap", "sos",
        ],
    ),
    (
        Urgency::Safety,
        &[
            "incendie", "fire", "fuego", "incendio", "feuer", "brand", "fuoco", "fogo", "fumee",
            "cambriol*", "burglar*", "robbed", "stolen", "vole", "volee", "robado*", "robo",
            "gestohlen", "einbruch", "derubat*", "rubato", "roubad*", "assalto", "police",
            "polizei", "policia", "polizia", "ambulance", "ambulancia", "krankenwagen",
            "ambulanza", "blesse*", "injured", "herido*", "verletzt", "ferit*", "ferid*",
            "secours", "socorro", "hilfe", "aiuto", "danger*", "dangerous", "peligro*", "gefahr*",
            // Bleeding, or a hospital asked for: someone is hurt.
            "saign*", "bleed*", "bleeding", "sangra*", "sangue", "blutet", "blutung", "sanguin*",
            "hopital", "hospital", "krankenhaus", "ospedale", "urgences", "notaufnahme",

            "pericol*", "perigo*", "rauchmelder", "feuermelder", "brandmelder",
        ],
    ),
    (
        Urgency::Water,
        &[
            "fuite*", "leak*", "fuga", "fugas", "undicht", "wasserschaden", "perdita", "vazamento",
            "vazando", "vaza", "inond*", "flood*", "uberschwemm*", "allagat*", "alagad*",
            "alagamento", "degat*", "inunda*",
            // A blocked or overflowing toilet or sink floods the place before long.
            "bouchee*", "bouches", "clogged", "overflow*", "deborde*", "atascad*", "desbord*",
            "verstopft", "intasat*", "otturat*", "entupid*", "transbord*",
        ],
    ),
    (Urgency::Gas, &["gasgeruch"]),
    (
        Urgency::Noise,
        &[
            "bruit*", "bruyant*", "tapage", "noise", "noisy", "loud", "ruido*", "larm", "laut",
            "rumore", "rumoros*", "chiasso", "barulh*",
        ],
    ),
    (
        Urgency::Lockout,
        &["enferme*", "locked", "ausgesperrt", "aussperr*", "trancad*"],
    ),
];

/// Phrases (folded, space-padded) that are urgent as a whole.
#[rustfmt::skip]
const ALARM_PHRASES: &[(Urgency, &[&str])] = &[
    (
        Urgency::Gas,
        &[
            "odeur de gaz", "sent le gaz", "smell gas", "smells of gas", "smell of gas",
            // Carbon monoxide has no smell: its alarm or its name is enough.
            "monoxyde de carbone", "carbon monoxide", "monoxido de carbono", "kohlenmonoxid",
            "monossido di carbonio", "co alarm", "co detector", "detecteur de co", "alarme co",
            "co-melder", "co melder", "rilevatore di co", "detector de co",
            "smells like gas", "gas smell", "huele a gas", "olor a gas", "riecht nach gas",
            "odore di gas", "puzza di gas", "cheiro de gas", "cheira a gas", "fuite de gaz",
            "gas leak",
        ],
    ),
    (
        Urgency::Lockout,
        &[
            "peux pas entrer", "pouvons pas entrer", "arrive pas a entrer", "bloque dehors",
            "bloques dehors", "coince dehors", "coinces dehors", "can't get in", "cant get in",
            "cannot get in", "can't get inside", "can't open the door", "cannot open the door",
            "locked out", "no puedo entrar", "no podemos entrar", "no consigo entrar",
            "kommen nicht rein", "komme nicht rein", "kommen nicht in", "nicht in die wohnung",
            "tur geht nicht auf", "non riesco ad entrare", "non riesco a entrare",
            "non riusciamo ad entrare", "non riusciamo a entrare", "chiusi fuori", "chiuso fuori",
            "nao consigo entrar", "nao conseguimos entrar", "porta nao abre",
            "la porte ne s'ouvre pas", "porte ne s ouvre pas", "door won't open", "puerta no abre",
            // The key left inside.
            "quedado fuera", "quedamos fuera", "llave dentro", "llaves dentro", "keys inside",
            "key inside", "keys are inside", "key is inside", "cles a l'interieur",
            "cle a l'interieur", "cles dedans", "cle dedans", "schlussel drinnen",
            "schlussel steckt innen", "chiavi dentro", "chiave dentro", "chave dentro",
            "chaves dentro", "ficou dentro", "ficaram dentro",
            "la puerta no se abre", "la porta non si apre",
        ],
    ),
    (
        // A smoke alarm going off, or smoke in the place ("smoke" alone is about smoking).
        Urgency::Safety,
        &[
            "smoke alarm", "smoke detector", "fire alarm", "there's smoke", "there is smoke",
            "smoke coming", "full of smoke", "smoke everywhere", "detecteur de fumee", "alarme incendie",
            "detector de humo", "alarma de incendio", "hay humo", "rilevatore di fumo",
            "allarme antincendio", "c'e fumo", "detetor de fumo", "detector de fumo",
            "alarme de incendio", "ha fumo", "sort de la fumee", "fumee sort", "sale humo",
            "humo sale", "saliendo humo", "rauch kommt", "kommt rauch", "esce fumo", "fumo esce",
            "esce del fumo", "sair fumo", "sai fumo", "saindo fumo", "fumo a sair",
        ],
    ),
    (
        // Someone has fallen, or cannot get up: the guests may need a doctor before they say so.
        Urgency::Safety,
        &[
            "est tombe", "est tombee", "suis tombe", "suis tombee", "peut plus se lever",
            "arrive pas a se relever", "fell down", "fell over", "has fallen", "have fallen",
            "took a fall", "can't get up", "cannot get up", "se ha caido en", "se ha caido y",
            "se cayo en", "se cayo y", "me he caido", "no se puede levantar", "no puede levantarse",
            "ist gesturzt", "bin gesturzt", "hingefallen", "kann nicht aufstehen",
            "e caduto", "e caduta", "sono caduto", "sono caduta", "non riesce ad alzarsi",
            "caiu no", "caiu na", "levou uma queda", "nao consegue levantar",
        ],
    ),
    (
        // Something on fire ("le barbecue a pris feu": "feu" alone is also the fireplace's),
        // or someone trapped, in a lift or elsewhere.
        Urgency::Safety,
        &[
            "pris feu", "prend feu", "prennent feu", " en feu", " au feu", "caught fire",
            " on fire", "in fiamme", "em chamas", "en llamas", " es brennt",
            "trapped", "atrapado", "atrapada", "atrapados", "atrapadas", "intrappolato",
            "intrappolata", "intrappolati", "eingesperrt", "eingeschlossen", "preso no elevador",
            "presa no elevador", "presos no elevador", "stuck in the lift", "stuck in the elevator",
            "coince dans l'ascenseur", "coincee dans l'ascenseur", "coinces dans l'ascenseur",
            "bloque dans l'ascenseur", "bloquee dans l'ascenseur", "bloques dans l'ascenseur",
            "bloccato nell'ascensore", "bloccata nell'ascensore", "bloccati nell'ascensore",
            "im aufzug stecken", "steckt im aufzug", "stecken im aufzug", "im aufzug fest",
            "encerrado en el ascensor", "encerrada en el ascensor",
        ],
    ),
    (
        // Someone has cut themselves: the guests may need a doctor before they say so.
        Urgency::Safety,
        &[
            "s'est coupe", "s'est coupee", "me suis coupe", "me suis coupee", "cut himself",
            "cut herself", "cut myself", "cut themselves", "se corto", "se ha cortado",
            "me he cortado", "me corte", "sich geschnitten", "mich geschnitten",
            "si e tagliato", "si e tagliata", "mi sono tagliato", "mi sono tagliata",
            "cortou-se", "se cortou", "me cortei", "cortei-me",
        ],
    ),
    (
        // A door that no longer closes or locks leaves the guests and the place unprotected.
        Urgency::Safety,
        &[
            "ne ferme pas", "ne ferme plus", "ne se ferme pas", "ne se ferme plus",
            "ne ferme pas a cle", "won't close", "won't lock", "doesn't close", "doesn't lock",
            "can't lock", "cannot lock", "does not lock", "does not close", "no cierra",
            "no se cierra", "schliesst nicht", "nicht abschliessen", "nicht schliessen",
            "non si chiude", "non chiude", "nao fecha", "nao tranca",
        ],
    ),
    (
        Urgency::Water,
        &[
            "lauft uber", "laufen uber", "is blocked", "are blocked",
            "pas d'eau", "plus d'eau", "no water", "sin agua", "kein wasser", "niente acqua",
            "senza acqua", "sem agua", "water everywhere", "de l'eau partout", "agua por todas",
            "acqua dappertutto", "agua por todo",
            // Water that will not stop running floods the place before long.
            "nao para de sair", "nao para de correr", "no para de salir", "no deja de salir",
            "won't stop running", "won't stop leaking", "keeps running", "keeps leaking",
            "hort nicht auf zu laufen", "lauft ununterbrochen", "non smette di uscire",
            "non smette di scorrere", "ne s'arrete pas de couler", "n'arrete pas de couler",
            "coule sans arret",
        ],
    ),
];

/// Someone is unwell beyond a pharmacy's help: breathing, fainting, a fit, a heart or chest
/// alarm, strong pain, a swelling (a sting or a bite that swells may be an allergy). Phrases
/// (folded, space-padded where a word is short) in the six languages; a plain "doctor nearby?"
/// stays a question for the FAQ.
#[rustfmt::skip]
const MEDICAL_PHRASES: &[&str] = &[
    // Breathing.
    "respirer", "respire mal", "breathe", "breathing", "respirar", "respira mal", "atmen",
    "atemnot", "keine luft", "respirare", "fatica a respirare", "difficolta a respirare",
    // Fainting, fits, the heart.
    "evanoui", "perdu connaissance", "inconscient", "fainted", "passed out", "unconscious",
    "desmay", "inconsciente", "ohnmacht", "bewusstlos", "svenut", "perso i sensi", "desmai",
    "convulsion", "seizure", "krampfanfall", "convulsioni", "convulsao", "crise cardiaque",
    "heart attack", "infarto", "herzinfarkt", "anaphyla", "choc allergique",
    "allergic reaction", "reaccion alergica", "allergische reaktion", "reazione allergica",
    "reacao alergica",
    // The chest, strong pain.
    "poitrine", "chest pain", "pain in his chest", "pain in her chest", "pain in my chest",
    "dolor en el pecho", "dolor de pecho", "brustschmerz", "schmerzen in der brust",
    "dolore al petto", "dor no peito", "tres mal", "tellement mal", "forte douleur",
    "douleur intense", "severe pain", " in pain", "a lot of pain", "so much pain",
    "mucho dolor", "dolor fuerte", "fuerte dolor", "dolor muy fuerte", "starke schmerzen",
    "grosse schmerzen", "forte dolore", "dolore forte", "molto male", "muita dor", "dor forte",
    "dores fortes",
    // Swelling.
    " gonfle ", " gonflee ", " gonfles ", " gonflees ", "swollen", "swelling", "hinchad",
    "hinchazon", "geschwollen", "schwellung", " gonfio ", " gonfia ", "gonfiore", "inchad",
    "inchaco",
];

/// Someone breaking in, or a lock forced: the guests are not safe.
#[rustfmt::skip]
const BREAK_IN_PHRASES: &[&str] = &[
    "effraction", "force la porte", "porte forcee", "serrure forcee", "break in", "broke in",
    "broken into", "breaking in", "break-in", "intruder", "lock is smashed", "smashed the lock",
    "forzaron", "forzado la", "intruso", "eingebrochen", "einbrecher", "aufgebrochen",
    "eindringling", "scassinat", "forzato la", "forzata", "arrombad", "forcaram",
    "intrus ",
];

/// Valuables gone: with `GONE_PHRASES`, a theft ("unsere Laptops sind weg", "my wallet has
/// disappeared").
#[rustfmt::skip]
const VALUABLES: &[&str] = &[
    "laptop*", "ordinateur*", "computer*", "portatil*", "phone*", "telephone*", "handy*",
    "celular*", "telemovel*", "wallet*", "portefeuille*", "cartera*", "geldborse*",
    "portafoglio*", "carteira*", "passport*", "passeport*", "pasaporte*", "reisepass*",
    "passaport*", "sac", "sacs", "bag", "bags", "bolso*", "tasche*", "borsa", "borse",
    "bijoux", "jewel*", "schmuck", "gioielli", "joias", "money", "argent", "dinero", "geld",
    "soldi", "dinheiro", "valise*", "suitcase*", "koffer*", "maleta*", "valigi*", "velo*",
    "bike*", "fahrrad*", "bici*",
];
#[rustfmt::skip]
const GONE_PHRASES: &[&str] = &[
    "ont disparu", "a disparu", "disappeared", "are gone", "is gone", "been taken",
    "han desaparecido", "ha desaparecido", "desaparecio", "sind weg", "ist weg", "fehlen",
    "sono spariti", "sono sparite", "e sparito", "e sparita", "desapareceram", "desapareceu",
    "sumiram", "sumiu",
];

/// Water gushing or a pipe bursting floods the place in minutes.
#[rustfmt::skip]
const GUSHING_PHRASES: &[&str] = &[
    "jaillit", "gicle", "gushing", "spraying everywhere", "burst pipe", "pipe burst",
    "pipe has burst", "chorro", "a chorros", "tuberia rota", "rohrbruch", "spritzt",
    "zampilla", "tubo rotto", "jorrar", "jorra", "esguich", "cano rebentou", "cano partido",
    "tuyau perce", "tuyau a eclate", "canalisation",
];

/// Nobody can sleep: a complaint a human must handle at night, whatever its cause.
#[rustfmt::skip]
const SLEEPLESS_PHRASES: &[&str] = &[
    "peut pas dormir", "pouvons pas dormir", "arrive pas a dormir", "arrivons pas a dormir",
    "impossible de dormir", "can't sleep", "cannot sleep", "can't get to sleep",
    "no podemos dormir", "no puedo dormir", "no se puede dormir", "imposible dormir",
    "konnen nicht schlafen", "kann nicht schlafen", "nicht schlafen", "non riusciamo a dormire",
    "non riesco a dormire", "impossibile dormire", "consegue dormir", "conseguimos dormir",
    "consigo dormir", "impossivel dormir", "som alto", "som altissimo", "musica alta",
    "musique a fond", "musique forte", "loud music", "musica a tutto volume",
];

/// Water getting out of where it belongs ("sale agua por debajo del lavavajillas", "water is
/// coming out from under the washing machine"): a leak, whatever the guest calls it. Phrases
/// (folded), each read with a word for water in the same message.
#[rustfmt::skip]
const WATER_ESCAPING: &[&str] = &[
    "coming out", "pouring out", "pouring from", "pouring through", "from under",
    "sort de", "sort du", "sort des", "sort par", "sort sous", "s'ecoule", "de sous",
    "sale agua", "agua sale", "saliendo", "sale por", "sale de", "por debajo",
    "kommt raus", "kommt heraus", "kommt unter", "lauft aus", "ausgelaufen", "unter der",
    "unter dem", "esce acqua", "acqua esce", "esce da", "esce dal", "esce dalla", "uscendo",
    "da sotto", "sai agua", "agua sai", "sai do", "sai da", "sai de", "saindo", "a sair",
    "por baixo",
];

/// A party next door or in the night, reported rather than asked about: a noise complaint a
/// human must handle now ("Sono le 2 di notte e i vicini fanno festa"). Words (folded; `*` =
/// any ending).
#[rustfmt::skip]
const PARTY_WORDS: &[&str] = &[
    "fete", "party", "parties", "partying", "fiesta*", "festa*", "feier*", "fest", "soiree",
];
#[rustfmt::skip]
const NEXT_DOOR: &[&str] = &[
    "voisin*", "neighbo*", "vecin*", "nachbar*", "vicin*", "vizinh*", "accanto", "nebenan",
];
#[rustfmt::skip]
const NIGHT_WORDS: &[&str] = &[
    "nuit", "night", "noche", "madrugada", "nacht", "nachts", "notte", "noite", "minuit",
    "midnight", "medianoche", "mitternacht", "mezzanotte",
];

const NEXT_DOOR_PHRASES: &[&str] = &[
    "next door",
    "d'a cote",
    "de al lado",
    "do lado",
    "da frente",
];

fn party_next_door(folded: &str) -> bool {
    !folded.contains('?')
        && has_any(folded, PARTY_WORDS)
        && (has_any(folded, NEXT_DOOR)
            || NEXT_DOOR_PHRASES.iter().any(|p| folded.contains(p))
            || has_any(folded, NIGHT_WORDS))
}

/// Phrases saying that something does not work (folded, space-padded where it matters).
#[rustfmt::skip]
const FAILURE_PHRASES: &[&str] = &[
    " ne marche", "marche pas", "marche plus", "fonctionne pas", "fonctionne plus", "en panne",
    " panne", " plus de ", " pas de ", " plus d'", " pas d'", "not working", "doesn't work", "doesnt work",
    "does not work", "isn't working", "stopped working", "won't work", " broken", " no heat",
    " no power", " no electricity", " no hot", "there is no", "there's no", " can't open",
    " cannot open", "no funciona", " sin ", "no hay", " roto", " rota ", "averiad",
    "funktioniert nicht", "geht nicht", "kaputt", " kein ", " keine ", " keinen ", "ausgefallen",
    "non funziona", "guast", " rotto", " rotta", " niente ", " senza ", "non c'e", "nao funciona",
    " sem ", "quebrad", "avariad", "estragad", " parou", "coupure", "outage", "stromausfall",
    "blackout", "saute", "sautee", " falta", " manca", " il manque", " cassee", " casse ", " casses", " kapot", " partid", " rompid",
    // "We have no hot water": having none is a failure too.
    "n'avons pas", "n'avons plus", "n'a pas", "n'a plus", "n'y a pas", "n'y a plus", "have no",
    "don't have", "haven't got", "has no", "no tenemos", "no tengo", "non abbiamo", "non ho",
    "nao temos", "nao tenho", "nao ha",
    // Something that will not start.
    "isn't coming on", "not coming on", "won't come on", "doesn't come on", "won't turn on",
    "doesn't turn on", "not turning on", "ne demarre", "ne s'allume", "ne se lance", "no enciende",
    "no arranca", "no se enciende", "springt nicht an", "geht nicht an", "non parte",
    "non si accende", "nao liga", "nao acende", "nao arranca",
    // Freezing indoors is the heating failing.
    "freezing", "glacial", "gele", "congelando", "eiskalt", "freddissimo", "gelado", "gelando",
];

/// Phrases (folded) saying that the lights or the power went out: only about electricity ("we
/// went out for dinner" is no emergency).
#[rustfmt::skip]
const POWER_FAILURES: &[&str] = &[
    " went out", " gone out", " are out", " is out", "went off", "tripped", "tripping", " weg",
    "sind raus", "sind rausgesprungen",
    "wont reset", "won't reset", "ont saute", "a saute", "sont tombes", "s'est coupe",
    "se fue", "se ha ido", "se cayo", "salto", "ist raus", "rausgeflogen", "geflogen",
    "e saltat", "andata via", "e saltata", "se foi", "caiu", "acabou", "desarm",
];

/// Words that make a mention of noise a complaint rather than a question about the area.
#[rustfmt::skip]
const COMPLAINT_WORDS: &[&str] = &[
    "voisin*", "neighbo*", "vecin*", "nachbar*", "vicin*", "vizinh*", "trop", "too", "demasiado",
    "zu", "troppo", "muito", "dormir", "sleep", "schlafen", "dormire", "impossible", "imposible",
    "unmoglich", "impossibile", "impossivel", "fete", "party", "fiesta", "festa", "musique",
    "music", "musica", "musik",
];

/// "Les voisins font trop de bruit" is a complaint; "le quartier est-il bruyant ?" is not.
fn is_complaint(folded: &str) -> bool {
    !folded.contains('?') || has_any(folded, COMPLAINT_WORDS)
}

/// Whether `phrase` occurs in `text` ending at a word boundary ("pas d'eau", not "pas d'eauchaude").
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        !text[at + phrase.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    })
}

/// Words for a smell: gas next to one of them is a leak, whatever the phrasing.
#[rustfmt::skip]
const SMELL_WORDS: &[&str] = &[
    "odeur*", "sent", "sens", "smell*", "stink*", "huele*", "olor*", "riecht", "geruch*", "stinkt",
    "odore", "puzza", "cheiro*", "cheira*",
];

/// Smoke, and where it comes from: smoke out of a socket or an appliance is a fire starting
/// ("smoke" alone is about smoking).
#[rustfmt::skip]
const SMOKE_WORDS: &[&str] = &["smoke", "fumee", "humo", "rauch", "fumo", "fumaca"];
#[rustfmt::skip]
const SMOKE_SOURCES: &[&str] = &[
    "prise", "socket", "outlet", "plug", "enchufe", "steckdose", "presa", "tomada", "four",
    "oven", "horno", "ofen", "forno", "frigo", "fridge", "tableau", "compteur", "cable*",
];

fn smokes(folded: &str) -> bool {
    has_any(folded, SMOKE_WORDS) && has_any(folded, SMOKE_SOURCES)
}

/// Whether a folded text says that something does not work or is missing.
pub fn reports_failure(folded: &str) -> bool {
    let padded = format!(" {folded} ");
    FAILURE_PHRASES.iter().any(|p| padded.contains(p))
}

fn smells_of_gas(folded: &str) -> bool {
    has_any(folded, &["gas", "gaz"]) && has_any(folded, SMELL_WORDS)
}

/// Words (folded; `*` = any ending) for water, for what water must not reach, for wet, and for
/// burning: water on the ceiling or a wet floor is a leak, a smell of burning a fire starting.
#[rustfmt::skip]
const WATER_WORDS: &[&str] = &["eau", "water", "agua", "wasser", "acqua"];
#[rustfmt::skip]
const DAMAGED_PLACES: &[&str] = &[
    "plafond", "ceiling", "techo", "decke", "soffitto", "teto", "mur", "murs", "wall", "walls",
    "pared*", "wand", "parete", "parede*", "sol", "floor", "suelo", "boden", "pavimento", "chao",
];
#[rustfmt::skip]
const WET_WORDS: &[&str] = &[
    "mouille*", "trempe*", "wet", "soaked", "mojad*", "empapad*", "nass", "bagnat*", "molhad*",
    "encharcad*",
];
#[rustfmt::skip]
const BURNING_WORDS: &[&str] = &[
    "brule*", "burn*", "quemad*", "verbrann*", "angebrann*", "bruciat*", "queimad*",
];
#[rustfmt::skip]
const SPARK_WORDS: &[&str] = &["etincelle*", "spark*", "chispa*", "funken", "scintill*", "faisca*"];

fn has_any(folded: &str, list: &[&str]) -> bool {
    has_word_of(folded, list)
}

pub fn detect(folded: &str) -> Option<Urgency> {
    if smells_of_gas(folded) {
        return Some(Urgency::Gas);
    }
    if (has_any(folded, BURNING_WORDS) && has_any(folded, SMELL_WORDS))
        || has_any(folded, SPARK_WORDS)
        || smokes(folded)
    {
        return Some(Urgency::Safety);
    }
    if has_any(folded, DAMAGED_PLACES)
        && (has_any(folded, WATER_WORDS) || has_any(folded, WET_WORDS))
    {
        return Some(Urgency::Water);
    }
    for word in words(folded) {
        for (urgency, forms) in ALARM_WORDS {
            if forms.iter().any(|f| is_form(word, f))
                && (*urgency != Urgency::Noise || is_complaint(folded))
            {
                return Some(*urgency);
            }
        }
    }
    let padded = format!(" {folded} ");
    // At a word's start: "cachorro" holds no "chorro".
    let has_phrase = |list: &[&str]| {
        list.iter().any(|p| {
            padded.match_indices(p).any(|(at, _)| {
                !padded[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
        })
    };
    if has_phrase(MEDICAL_PHRASES) || has_phrase(BREAK_IN_PHRASES) {
        return Some(Urgency::Safety);
    }
    if has_phrase(GONE_PHRASES) && has_any(folded, VALUABLES) {
        return Some(Urgency::Safety);
    }
    if has_phrase(GUSHING_PHRASES) {
        return Some(Urgency::Water);
    }
    if has_any(folded, WATER_WORDS) && has_phrase(WATER_ESCAPING) {
        return Some(Urgency::Water);
    }
    if has_phrase(SLEEPLESS_PHRASES) || party_next_door(folded) {
        return Some(Urgency::Noise);
    }
    for (urgency, phrases) in ALARM_PHRASES {
        if phrases.iter().any(|p| contains_phrase(&padded, p)) {
            return Some(*urgency);
        }
    }
    let concepts: Vec<Concept> = words(folded).filter_map(concept).collect();
    let has = |c: Concept| concepts.contains(&c);
    if has(Concept::Electricity) && POWER_FAILURES.iter().any(|p| padded.contains(p)) {
        return Some(Urgency::Electricity);
    }
    if !FAILURE_PHRASES.iter().any(|p| padded.contains(p)) {
        return None;
    }
    if has(Concept::Heating) || has(Concept::HotWater) {
        Some(Urgency::Heating)
    } else if has(Concept::Electricity) {
        Some(Urgency::Electricity)
    } else if has(Concept::Keys) || (has(Concept::Code) && !has(Concept::Wifi)) {
        // The lockbox or door code failing leaves the guest outside.
        Some(Urgency::Lockout)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::fold;
    use super::*;

    fn urgency(text: &str) -> Option<Urgency> {
        detect(&fold(text))
    }

    #[test]
    fn fire_and_people_trapped_are_urgent_but_a_fire_in_the_fireplace_is_not() {
        for text in [
            "Le barbecue a pris feu, on a besoin d'aide vite !",
            "The bbq caught fire!",
            "Se ha roto la puerta del ascensor y mi madre está atrapada dentro",
            "Wir stecken im Aufzug fest",
            "Siamo bloccati nell'ascensore",
        ] {
            assert_eq!(urgency(text), Some(Urgency::Safety), "{text}");
        }
        for text in [
            "Peut-on faire un beau feu dans la cheminée ?",
            "Das Licht im Flur brennt die ganze Nacht, ist das normal?",
        ] {
            assert_eq!(urgency(text), None, "{text}");
        }
    }

    #[test]
    fn emergencies_are_recognised_in_six_languages() {
        let cases = [
            ("Il y a une fuite d'eau sous l'évier", Urgency::Water),
            (
                "We are locked out, the lockbox code doesn't work",
                Urgency::Lockout,
            ),
            ("Huele a gas en la cocina", Urgency::Gas),
            (
                "Wir haben keinen Strom, Stromausfall!",
                Urgency::Electricity,
            ),
            ("Mi scaldabagno non funziona", Urgency::Heating),
            ("Nous n'avons pas d'eau chaude", Urgency::Heating),
            ("Há um cheiro forte a gás na cozinha", Urgency::Gas),
            ("O aquecimento não funciona", Urgency::Heating),
            ("Les voisins font trop de bruit", Urgency::Noise),
            (
                "The neighbours are so loud, what can we do?",
                Urgency::Noise,
            ),
            ("C'est urgent, rappelez-moi", Urgency::Declared),
            ("Es dringend!", Urgency::Declared),
            ("There's water coming through the ceiling!", Urgency::Water),
            ("Der Boden ist ganz nass", Urgency::Water),
            ("Les toilettes sont bouchées", Urgency::Water),
            ("A sanita está entupida", Urgency::Water),
            ("C'è odore di bruciato in cucina", Urgency::Safety),
            ("La prise fait des étincelles", Urgency::Safety),
            ("La porte d'entrée ne ferme plus", Urgency::Safety),
            ("The front door won't lock", Urgency::Safety),
            ("A fechadura está partida", Urgency::Lockout),
            (
                "The smoke alarm is beeping and there is smoke",
                Urgency::Safety,
            ),
            ("Der Rauchmelder piept die ganze Zeit", Urgency::Safety),
            ("Manca la luce in tutta la casa", Urgency::Electricity),
            ("All the lights just went out", Urgency::Electricity),
            ("Les plombs ont sauté", Urgency::Electricity),
            ("Se fue la luz en todo el piso", Urgency::Electricity),
            ("Bei uns ist der Strom weg", Urgency::Electricity),
            (
                "The heating isn't coming on and it's freezing",
                Urgency::Heating,
            ),
            ("il riscaldamento non parte", Urgency::Heating),
            (
                "Nos hemos quedado fuera y la llave está dentro",
                Urgency::Lockout,
            ),
            ("Está a sair fumo da tomada da cozinha!!", Urgency::Safety),
            ("Mon fils s'est coupé, il saigne beaucoup", Urgency::Safety),
            ("My daughter cut herself on a broken glass", Urgency::Safety),
            ("Mi hijo se ha cortado con un cristal", Urgency::Safety),
            ("Mein Sohn hat sich geschnitten", Urgency::Safety),
            ("Il bambino si è tagliato con il vetro", Urgency::Safety),
            ("O meu filho cortou-se no vidro", Urgency::Safety),
            ("L'eau n'arrête pas de couler du robinet", Urgency::Water),
            (
                "Mon fils s'est fait piquer par une vive à la plage, il a très mal et le pied gonfle",
                Urgency::Safety,
            ),
            (
                "Mia moglie ha un forte dolore al petto e fa fatica a respirare",
                Urgency::Safety,
            ),
            ("My husband fainted in the bathroom", Urgency::Safety),
            ("Mi hijo tiene la mano muy hinchada después de una picadura", Urgency::Safety),
            ("Mein Vater hat starke Schmerzen in der Brust", Urgency::Safety),
            ("A minha filha está com dor no peito", Urgency::Safety),
            (
                "Someone tried to break in through the patio door overnight, the lock is smashed",
                Urgency::Safety,
            ),
            ("Bei uns wurde eingebrochen!", Urgency::Safety),
            (
                "Tem água a jorrar de um cano debaixo da pia da cozinha, não conseguimos fechar!",
                Urgency::Water,
            ),
            ("Water is gushing from under the sink", Urgency::Water),
            ("The carbon monoxide alarm keeps beeping", Urgency::Gas),
            (
                "Die Wohnungstür war offen, als wir zurückkamen, und unsere Laptops sind weg!!",
                Urgency::Safety,
            ),
            ("Mon portefeuille a disparu de l'appartement", Urgency::Safety),
            (
                "Está a sair água do autoclismo e a casa de banho está a inundar!",
                Urgency::Water,
            ),
            ("Le détecteur de monoxyde de carbone sonne", Urgency::Gas),
            (
                "O vizinho está com o som altíssimo às 3 da manhã e ninguém consegue dormir",
                Urgency::Noise,
            ),
            ("Les voisins mettent la musique à fond, impossible de dormir", Urgency::Noise),
            ("The shower won't stop running", Urgency::Water),
            ("Ma mère est tombée dans l'escalier", Urgency::Safety),
            ("My husband fell over in the bathroom", Urgency::Safety),
            (
                "Mein Vater ist gestürzt und kann nicht aufstehen",
                Urgency::Safety,
            ),
            ("Mia nonna è caduta in bagno", Urgency::Safety),
            ("A minha avó caiu na cozinha", Urgency::Safety),
            ("Water is coming out from under the washing machine", Urgency::Water),
            ("De l'eau sort de sous le lave-linge", Urgency::Water),
            ("¡Está saliendo agua por debajo del lavavajillas!", Urgency::Water),
            ("Unter der Spülmaschine kommt Wasser raus", Urgency::Water),
            ("Esce acqua da sotto la lavatrice", Urgency::Water),
            ("Está a sair água por baixo da máquina", Urgency::Water),
            ("Sono le 2 di notte e i vicini fanno festa", Urgency::Noise),
            ("It's 1am and there's a party next door", Urgency::Noise),
            ("Les voisins font la fête depuis minuit", Urgency::Noise),
            ("Die Nachbarn feiern eine Party, es ist 2 Uhr nachts", Urgency::Noise),
        ];
        for (text, expected) in cases {
            assert_eq!(urgency(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn questions_about_the_same_things_are_not_urgent() {
        for text in [
            "Comment fonctionne le chauffage ?",
            "Where are the keys?",
            "Can we smoke on the balcony?",
            "¿Cuál es el código de la caja de llaves?",
            "Gibt es eine Heizung?",
            "Le quartier est-il bruyant ?",
            "Is the street noisy at night?",
            "Is the floor heated in winter?",
            "Faut-il fermer la porte à clé en partant ?",
            "Is there a kettle to boil water?",
            "Can we smoke in the garden?",
            "Falta-nos saber o código do wifi",
            "We went out for dinner, where do we leave the keys?",
            "Is there a light in the garden?",
            "Can we smoke on the balcony when we're coming back late?",
            "Is there a doctor nearby? My wife needs a repeat prescription, nothing serious",
            "Y a-t-il une pharmacie ? Pas mal de moustiques ici",
            "Est-ce qu'il y a un matelas gonflable ?",
            "C'è un materassino gonfiabile?",
            "Is the canal nearby nice for a walk?",
            "On dort très bien ici, merci !",
            "Où acheter du pain le matin ?",
            "Gente, vocês aceitam cachorro?",
            "Is the bakery gone from the corner?",
            "Can we have a small party on Saturday evening?",
            "Les voisins sont-ils dérangés si on fait une fête ?",
            "We're celebrating my mum's birthday, a small party with the family",
            "Does the hot water come out quickly from the shower?",
            "Est-ce que l'eau du robinet est potable ?",
        ] {
            assert_eq!(urgency(text), None, "{text}");
        }
    }
}
