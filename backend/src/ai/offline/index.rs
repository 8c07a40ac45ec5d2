//! Ranked retrieval over one conciergerie's FAQ, built once per FAQ content (`FaqIndex::shared`).
//!
//! Every meaningful word becomes one term: its concept from the hospitality lexicon when it has
//! one (so the six languages meet), else its Snowball stems (French, plus the language of the
//! text); a word the FAQ does not know is then tried as a typo, a German compound or a function
//! word's inflection. Entries are ranked by how much of the guest's words they cover, weighted by rarity
//! (BM25's idf), a word of the FAQ question counting fully and a word found only in the answer
//! partly; BM25 breaks ties. A word no entry knows weighs more than any known word, so a request
//! the FAQ does not cover ("a restaurant near the pool?") is not answered by the entry that shares
//! its one familiar word. A question found only in the answers of several entries that tie is
//! no entry's topic and goes to a human; a guest's word may also ask a wider concept (a bakery
//! is a shop, `lexicon::broader`), never the FAQ's.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex};

use rust_stemmers::Stemmer;

use super::lexicon::{
    asks_to_stay_until, broader, concept, concept_despite_typo, function_word_typo, implied,
    inflectable_function_words, is_function_word, leaves_the_place, Concept,
};
use super::no_topic::{self, carries_no_topic};
use super::small_talk::is_courtesy;
use super::text::{fold, hours, misspelling_of, words};
use crate::ai::language::{self, Language};

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Concepts that act on a thing named next to them rather than name one (see `weights`).
const ACTIONS: [Concept; 1] = [Concept::Rental];

/// A word of the question counts this many times more than a word of the answer in BM25.
const QUESTION_WEIGHT: usize = 3;
/// How much more than an unknown word a lexicon topic the FAQ does not know weighs.
const UNKNOWN_TOPIC_FACTOR: f64 = 1.5;
/// Coverage credited for a guest word found only in an entry's answer.
const ANSWER_CREDIT: f64 = 0.6;
/// An unknown word weighs this much more than the rarest known one.
const UNKNOWN_PENALTY: f64 = 1.25;

/// Per language, the stems of the hand-written function words: another form of one ("butta" for
/// "buttare", "stelle" for "stellen") carries no topic either. Built once for all FAQs.
static FUNCTION_STEMS: LazyLock<HashMap<Language, HashSet<String>>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .map(|l| {
            let stemmer = Stemmer::create(l.stemmer());
            let stems = inflectable_function_words()
                .chain(no_topic::inflectable())
                .map(|w| stemmer.stem(w).into_owned())
                // A stem of two letters would swallow unrelated words.
                .filter(|s| s.chars().count() >= 4)
                .collect();
            (l, stems)
        })
        .collect()
});

/// The best entry for a question and its confidence (the weighted share of the question's words
/// it covers, 0–1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub index: usize,
    pub confidence: f64,
}

/// A guest's text as terms: one group of alternative terms per meaningful word.
#[derive(Debug, Clone, Default)]
pub struct Query {
    words: Vec<Vec<String>>,
    /// Asks for an exception the FAQ has no entry for (arriving before the check-in time with
    /// no early-arrival entry): no entry answers it.
    exception: bool,
    /// Asks whether something is open on a given day or month ("auch am Sonntag offen?"): only
    /// an entry whose answer speaks of days or seasons can say.
    on_a_day: bool,
    /// …on a public holiday: only an answer that speaks of holidays can say.
    on_a_holiday: bool,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Only words like "when" or "code", which say what kind of answer is wanted but not about
    /// what: such a fragment belongs to the question next to it ("le wifi" … "c'est quoi le code ?").
    pub fn is_fragment(&self) -> bool {
        let generic = generic_terms();
        self.words
            .iter()
            .all(|group| group.iter().all(|t| generic.contains(t)))
    }
}

impl Query {
    /// Only words asking when ("so 13 Uhr?", "à quelle heure ?"): after a question, it asks
    /// when about that question or narrows its time.
    pub fn is_only_when(&self) -> bool {
        let time = concept_term(Concept::Time);
        !self.words.is_empty()
            && self
                .words
                .iter()
                .all(|group| group.len() == 1 && group[0] == time)
    }
}

/// Words that say what kind of answer is wanted ("when", "open", "the code") or where ("the room", "the
/// balcony"), but not what about: "is the room ok?" is not about the air conditioning whose
/// answer mentions the bedroom.
fn generic_terms() -> [String; 5] {
    [
        concept_term(Concept::Time),
        // "E a piscina, abre a que horas?": "opens" is about the thing named before it.
        concept_term(Concept::Open),
        concept_term(Concept::Code),
        concept_term(Concept::Room),
        concept_term(Concept::Balcony),
    ]
}

/// Diminutive endings and the plain word's ending, per language: "tiendita" is a "tienda",
/// "caixinha" a "caixa", "cafecito" a "cafe". Not Italian's: a "lettino" is a sunbed, not a
/// small bed.
#[rustfmt::skip]
const DIMINUTIVES: &[(Language, &str, &str)] = &[
    (Language::Spanish, "citos", "s"), (Language::Spanish, "citas", "s"),
    (Language::Spanish, "cito", ""), (Language::Spanish, "cita", ""),
    (Language::Spanish, "itos", "os"), (Language::Spanish, "itas", "as"),
    (Language::Spanish, "ito", "o"), (Language::Spanish, "ita", "a"),
    (Language::Portuguese, "zinhos", "s"), (Language::Portuguese, "zinhas", "s"),
    (Language::Portuguese, "zinho", ""), (Language::Portuguese, "zinha", ""),
    (Language::Portuguese, "inhos", "os"), (Language::Portuguese, "inhas", "as"),
    (Language::Portuguese, "inho", "o"), (Language::Portuguese, "inha", "a"),
];

fn concept_term(c: Concept) -> String {
    format!("#{c:?}")
}

struct Doc {
    tf: HashMap<String, usize>,
    question: HashSet<String>,
    /// The hours its answer gives ("à partir de 16h"), to read a time the guest proposes.
    hours: Vec<f64>,
    /// The hours given next to the arrival (the departure) in its answer: "l'arrivée se fait
    /// à partir de 17h et le départ au plus tard à 10h" gives each its own.
    arrival_hours: Vec<f64>,
    departure_hours: Vec<f64>,
    len: f64,
}

/// The hours an answer gives next to a word of `moment`, piece by piece (split at punctuation
/// and "and" in the six languages).
fn hours_next_to(folded_answer: &str, moment: Concept) -> Vec<f64> {
    let mut pieces = vec![folded_answer.to_owned()];
    for cut in [",", ";", ".", ":", " et ", " and ", " y ", " und ", " e "] {
        pieces = pieces
            .iter()
            .flat_map(|p| p.split(cut).map(str::to_owned).collect::<Vec<_>>())
            .collect();
    }
    pieces
        .iter()
        .filter(|p| words(p).any(|w| concept(w) == Some(moment)))
        .flat_map(|p| hours(p))
        .collect()
}

pub struct FaqIndex {
    docs: Vec<Doc>,
    df: HashMap<String, usize>,
    avg_len: f64,
    /// Folded words of the FAQ with their terms, to recognise them through a typo.
    vocabulary: HashMap<String, Vec<String>>,
    /// Each entry's words (question and answer, folded), space-separated and space-padded, to
    /// find a translated phrase ("lave vaisselle") in the FAQ.
    texts: Vec<String>,
    /// Each entry's question, folded.
    questions: Vec<String>,
    stemmers: Vec<(Language, Stemmer)>,
}

/// Indexes by FAQ content, with the entries they were built from (a hash match is checked).
type IndexCache = HashMap<u64, (Vec<(String, String)>, Arc<FaqIndex>)>;

/// Beyond this many distinct FAQs in memory the cache starts over.
const CACHED_INDEXES: usize = 256;

impl FaqIndex {
    /// The index of these entries, built once and shared: building one stems every entry in six
    /// languages, which costs far more than reading a guest's message, while a conciergerie's FAQ
    /// rarely changes and a burst of conversations all read the same one.
    pub fn shared(faqs: &[(String, String)]) -> Arc<FaqIndex> {
        static CACHE: LazyLock<Mutex<IndexCache>> = LazyLock::new(Mutex::default);
        let mut hasher = DefaultHasher::new();
        faqs.hash(&mut hasher);
        let key = hasher.finish();
        let cached = |cache: &IndexCache| {
            cache
                .get(&key)
                .filter(|(entries, _)| entries.as_slice() == faqs)
                .map(|(_, index)| index.clone())
        };
        if let Some(index) = cached(&CACHE.lock().unwrap_or_else(|e| e.into_inner())) {
            return index;
        }
        // Built outside the lock: another thread may build the same one meanwhile, harmlessly.
        let index = Arc::new(FaqIndex::new(faqs));
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHED_INDEXES {
            cache.clear();
        }
        cache.insert(key, (faqs.to_vec(), index.clone()));
        index
    }

    pub fn new(faqs: &[(String, String)]) -> FaqIndex {
        let stemmers: Vec<(Language, Stemmer)> = Language::ALL
            .into_iter()
            .map(|l| (l, Stemmer::create(l.stemmer())))
            .collect();
        let mut index = FaqIndex {
            docs: Vec::with_capacity(faqs.len()),
            df: HashMap::new(),
            avg_len: 0.0,
            vocabulary: HashMap::new(),
            texts: Vec::with_capacity(faqs.len()),
            questions: Vec::with_capacity(faqs.len()),
            stemmers,
        };
        for (question, answer) in faqs {
            let language = language::detect(&format!("{question} {answer}"));
            let mut tf: HashMap<String, usize> = HashMap::new();
            let mut question_terms = HashSet::new();
            let mut len = 0;
            for (text, weight) in [(question, QUESTION_WEIGHT), (answer, 1)] {
                let folded = fold(text);
                for word in words(&folded) {
                    let Some(terms) = index.word_terms(word, language) else {
                        continue;
                    };
                    if word.len() >= 5 {
                        index
                            .vocabulary
                            .entry(word.to_owned())
                            .or_insert_with(|| terms.clone());
                    }
                    // "Un lit bébé" is also about the baby (see `lexicon::implied`).
                    let implied: Vec<String> = concept(word)
                        .map(implied)
                        .unwrap_or_default()
                        .iter()
                        .map(|c| concept_term(*c))
                        .filter(|t| !terms.contains(t))
                        .collect();
                    for term in terms.into_iter().chain(implied) {
                        if weight == QUESTION_WEIGHT {
                            question_terms.insert(term.clone());
                        }
                        *tf.entry(term).or_default() += weight;
                        len += weight;
                    }
                }
            }
            for term in tf.keys() {
                *index.df.entry(term.clone()).or_default() += 1;
            }
            // An answer that gives a delay ("libérée 7 jours après le départ") answers "when?"
            // about its topic. Not counted in the document frequencies: "when" weighs as much
            // in a question as before.
            let time = concept_term(Concept::Time);
            if !tf.contains_key(&time) && no_topic::gives_a_time(&fold(answer)) {
                tf.insert(time, 1);
                len += 1;
            }
            let folded = fold(&format!("{question} {answer}"));
            index.questions.push(fold(question));
            index.texts.push(format!(
                " {} ",
                words(&folded).collect::<Vec<_>>().join(" ")
            ));
            index.docs.push(Doc {
                tf,
                question: question_terms,
                hours: hours(&fold(answer)),
                arrival_hours: hours_next_to(&fold(answer), Concept::Arrival),
                departure_hours: hours_next_to(&fold(answer), Concept::Departure),
                len: len as f64,
            });
        }
        let total: f64 = index.docs.iter().map(|d| d.len).sum();
        index.avg_len = total / (index.docs.len().max(1) as f64);
        index
    }

    /// A word's terms, or `None` for a word without topic.
    fn word_terms(&self, word: &str, language: Language) -> Option<Vec<String>> {
        // Times, dates and amounts ("13h", "9am") say when or how much, not what about.
        if is_function_word(word)
            || (carries_no_topic(word) && concept(word).is_none())
            || is_courtesy(word)
            || word.chars().count() < 2
            || word.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        if let Some(c) = concept(word) {
            return Some(vec![concept_term(c)]);
        }
        let mut terms = Vec::new();
        for (l, stemmer) in &self.stemmers {
            if *l == Language::French || *l == language {
                let stem = stemmer.stem(word).into_owned();
                if !terms.contains(&stem) {
                    terms.push(stem);
                }
            }
        }
        Some(terms)
    }

    /// The terms of a guest's (folded) text written in `language`.
    pub fn query(&self, folded: &str, language: Language) -> Query {
        let mut query = Query::default();
        let mut after_without = false;
        for word in words(folded) {
            let spelt = self.spelt_plainly(word, language);
            let word = spelt.as_deref().unwrap_or(word);
            if no_topic::WITHOUT.contains(&word) {
                after_without = true;
                continue;
            }
            // "Without a car", "sin coche", "ohne Taxi": how the guest will not come is not
            // what the question is about.
            let without = std::mem::take(&mut after_without);
            if without && concept(word).is_some_and(no_topic::is_a_way_to_travel) {
                continue;
            }
            if without && is_function_word(word) {
                after_without = true;
                continue;
            }
            let Some(mut terms) = self.word_terms(word, language) else {
                continue;
            };
            // A lexicon word the FAQ does not speak of ("lave-linge" where no entry mentions
            // one) is what the guest means, not a typo of another word.
            if concept(word).is_none() && !terms.iter().any(|t| self.df.contains_key(t)) {
                // Perhaps a typo of a word we know, or Spanish spelt as it sounds ("yegar",
                // "yaves": "ll" and "y" sound alike).
                let heard = word
                    .strip_prefix('y')
                    .filter(|_| language == Language::Spanish)
                    .and_then(|rest| concept(&format!("ll{rest}")));
                if let Some(c) = concept_despite_typo(word).or(heard) {
                    terms = vec![concept_term(c)];
                } else if let Some(known) = self
                    .vocabulary
                    .iter()
                    .filter(|(w, _)| word.len() >= 5 && misspelling_of(word, w))
                    // The closest FAQ word, the same one on every run.
                    .min_by_key(|(w, _)| (strsim::osa_distance(word, w), w.as_str()))
                    .map(|(_, t)| t.clone())
                {
                    terms = known;
                } else if let Some(c) = self.compound_head(word, language) {
                    terms = vec![concept_term(c)];
                } else if self.inflected_function_word(word, language) || function_word_typo(word) {
                    continue;
                }
            }
            // "La boulangerie ?" also asks where to shop (see `lexicon::broader`).
            if let Some(wider) = concept(word).and_then(broader) {
                terms.push(concept_term(wider));
            }
            query.words.push(terms);
        }
        let late = vec![concept_term(Concept::Late)];
        if asks_to_stay_until(folded) && !query.words.contains(&late) {
            query.words.push(late);
        }
        // "¿A qué hora hay que dejar la casa?" asks the check-out time.
        let departure = vec![concept_term(Concept::Departure)];
        if leaves_the_place(folded) && !query.words.contains(&departure) {
            query.words.push(departure);
        }
        if let Some(moment) = self.proposed_moment(folded, &query) {
            let term = concept_term(moment);
            // An entry about leaving late asks about the departure and lateness ("au plus tard"
            // in an answer, or "arriving late", is none).
            let base = concept_term(if moment == Concept::Late {
                Concept::Departure
            } else {
                Concept::Arrival
            });
            query.exception = !self
                .docs
                .iter()
                .any(|d| d.question.contains(&term) && d.question.contains(&base));
            query.words.push(vec![term]);
        }
        // "Gegen 13 Uhr auschecken?", "spaeter, so gegen 13 Uhr?": next to an early or late
        // moment, the hour is what the guest proposes, not a question about the times, which
        // the plain times entry would answer.
        let moment = [Concept::Early, Concept::Late].map(concept_term);
        if !hours(folded).is_empty()
            && query
                .words
                .iter()
                .any(|g| moment.iter().any(|m| g.contains(m)))
        {
            let time = concept_term(Concept::Time);
            query.words.retain(|g| !g.contains(&time));
        }
        let open = concept_term(Concept::Open);
        let asks_open = query.words.iter().any(|g| g.contains(&open));
        query.on_a_day = no_topic::names_a_day(folded) && asks_open;
        query.on_a_holiday = no_topic::names_a_holiday(folded) && asks_open;
        query
    }

    /// Whether a (folded) word means something here: a concept, a word without topic, or a word
    /// of the FAQ.
    fn means_something(&self, word: &str, language: Language) -> bool {
        concept(word).is_some()
            || is_function_word(word)
            || carries_no_topic(word)
            || self.vocabulary.contains_key(word)
            || self.inflected_function_word(word, language)
    }

    /// A word as it would be written plainly, when it means nothing here as typed and the plain
    /// form does ("Feuer" stays fire): German typed without umlauts ("schluessel", "spaeter",
    /// "muell"), and the diminutives guests use in Spanish and Portuguese ("tiendita",
    /// "caixinha").
    fn spelt_plainly(&self, word: &str, language: Language) -> Option<String> {
        let candidates: Vec<String> = match language {
            Language::German if ["ae", "oe", "ue"].iter().any(|d| word.contains(d)) => vec![word
                .replace("ae", "a")
                .replace("oe", "o")
                .replace("ue", "u")],
            _ => DIMINUTIVES
                .iter()
                .filter(|(l, _, _)| *l == language)
                .filter_map(|(_, suffix, plain)| {
                    let stem = word.strip_suffix(suffix)?;
                    (stem.chars().count() >= 3).then(|| format!("{stem}{plain}"))
                })
                .collect(),
        };
        if candidates.is_empty() || self.means_something(word, language) {
            return None;
        }
        candidates
            .into_iter()
            .find(|plain| self.means_something(plain, language))
    }

    /// An arrival or a departure at an hour the FAQ's own times do not allow: arriving at noon
    /// when check-in is from 16h asks to come early, leaving at 13h when check-out is at 11h
    /// asks to leave late. Only against the entry whose question is about nothing but the
    /// arrival (or the departure) and its time.
    fn proposed_moment(&self, folded: &str, query: &Query) -> Option<Concept> {
        let has = |c: Concept| {
            let term = concept_term(c);
            query.words.iter().any(|g| g.contains(&term))
        };
        if has(Concept::Early) || has(Concept::Late) {
            return None;
        }
        let proposed = hours(folded);
        if proposed.is_empty() {
            return None;
        }
        let time = concept_term(Concept::Time);
        // The times of the entries about nothing but that moment (every hour of their answer),
        // or else the hours said next to it in an entry about both moments.
        let faq_hours = |moment: Concept| {
            let term = concept_term(moment);
            let about = |d: &&Doc| d.question.contains(&term);
            let only = |d: &&Doc| d.question.iter().all(|t| *t == term || *t == time);
            let whole: Vec<f64> = self
                .docs
                .iter()
                .filter(|d| about(d) && only(d))
                .flat_map(|d| d.hours.iter().copied())
                .collect();
            if !whole.is_empty() {
                return whole;
            }
            self.docs
                .iter()
                .filter(about)
                .flat_map(|d| match moment {
                    Concept::Arrival => d.arrival_hours.iter().copied(),
                    _ => d.departure_hours.iter().copied(),
                })
                .collect::<Vec<f64>>()
        };
        // Without an early-arrival (late-departure) entry the request still asks for an
        // exception: the concept, unknown to the FAQ, keeps the plain times entry from
        // answering it ("partir vers midi ?" when check-out is at 10h goes to a person).
        if has(Concept::Arrival) {
            let from = faq_hours(Concept::Arrival).into_iter().reduce(f64::min)?;
            if proposed.iter().any(|&h| h < from) {
                return Some(Concept::Early);
            }
        }
        if has(Concept::Departure) {
            let until = faq_hours(Concept::Departure).into_iter().reduce(f64::max)?;
            if proposed.iter().any(|&h| h > until) {
                return Some(Concept::Late);
            }
        }
        None
    }

    /// The concept of a German compound's last part ("Tiefgarage" is a garage), when the FAQ
    /// asks about it. German glues nouns freely and the head comes last; only concepts an entry's
    /// question is about count, so a "Doppelbett" does not find the answer that mentions beds.
    fn compound_head(&self, word: &str, language: Language) -> Option<Concept> {
        if language != Language::German || word.chars().count() < 8 {
            return None;
        }
        word.char_indices()
            .map(|(at, _)| &word[at..])
            .skip(3)
            // A head of six letters or more: "Waschküche" is a laundry room, not a kitchen.
            .take_while(|head| head.chars().count() >= 6)
            .find_map(concept)
            .filter(|&c| {
                let term = concept_term(c);
                self.docs.iter().any(|d| d.question.contains(&term))
            })
    }

    /// Whether a word the FAQ does not know is another form of a function word in the guest's
    /// language ("dove si butta…" as "buttare"). Only for words of five letters or more, so
    /// short unknown words keep their weight.
    fn inflected_function_word(&self, word: &str, language: Language) -> bool {
        if word.chars().count() < 5 {
            return false;
        }
        let Some((_, stemmer)) = self.stemmers.iter().find(|(l, _)| *l == language) else {
            return false;
        };
        FUNCTION_STEMS
            .get(&language)
            .is_some_and(|stems| stems.contains(stemmer.stem(word).as_ref()))
    }

    /// Whether a query holds a word of a topic: one the FAQ knows, or a lexicon concept.
    pub fn mentions_topic(&self, query: &Query) -> bool {
        query
            .words
            .iter()
            .flatten()
            .any(|t| self.df.contains_key(t) || t.starts_with('#'))
    }

    /// Entry `index`'s question, folded.
    pub fn question(&self, index: usize) -> &str {
        self.questions.get(index).map_or("", String::as_str)
    }

    /// Whether the FAQ or the lexicon knows a (folded) word, perhaps through a typo.
    pub fn knows(&self, word: &str, language: Language) -> bool {
        let query = self.query(word, language);
        query
            .words
            .iter()
            .flatten()
            .any(|t| self.df.contains_key(t))
            || concept(word).is_some()
    }

    fn idf(&self, term: &str) -> f64 {
        let n = self.docs.len() as f64;
        let d = *self.df.get(term).unwrap_or(&0) as f64;
        ((n - d + 0.5) / (d + 0.5) + 1.0).ln()
    }

    /// How much of the query entry `index` covers (0–1), as `best` measures it.
    pub fn coverage_of(&self, query: &Query, index: usize) -> f64 {
        if query.is_empty() || index >= self.docs.len() {
            return 0.0;
        }
        let weights = self.weights(query);
        let total: f64 = weights.iter().sum();
        self.covered(query, &weights, &self.docs[index]).0 / total
    }

    /// Each word of the query weighs as its rarest known term, or more than anything known if
    /// unknown. An action on a thing (renting) weighs no more than the thing it acts on: "rent a
    /// car" is not answered by the entry on renting bikes, whose rare word would outweigh the car.
    fn weights(&self, query: &Query) -> Vec<f64> {
        let plain = self.plain_weights(query);
        let among = |group: &Vec<String>, concepts: &[Concept]| {
            group
                .iter()
                .any(|t| concepts.iter().any(|c| *t == concept_term(*c)))
        };
        let things = query
            .words
            .iter()
            .zip(&plain)
            .filter(|(g, _)| !among(g, &ACTIONS))
            .map(|(_, w)| *w)
            .reduce(f64::min);
        query
            .words
            .iter()
            .zip(plain)
            .map(|(g, w)| match things {
                Some(least) if among(g, &ACTIONS) => w.min(least),
                _ => w,
            })
            .collect()
    }

    fn plain_weights(&self, query: &Query) -> Vec<f64> {
        let n = self.docs.len() as f64;
        let rarest = ((n - 1.0 + 0.5) / 1.5 + 1.0).ln();
        query
            .words
            .iter()
            .map(|group| {
                group
                    .iter()
                    .filter(|t| self.df.contains_key(t.as_str()))
                    .map(|t| self.idf(t))
                    .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
                    .unwrap_or_else(|| {
                        // A hospitality topic the FAQ never mentions ("does it dry the clothes
                        // too?") is surely something it does not answer.
                        let topic = group.iter().any(|t| t.starts_with('#'));
                        rarest * UNKNOWN_PENALTY * if topic { UNKNOWN_TOPIC_FACTOR } else { 1.0 }
                    })
            })
            .collect()
    }

    /// Whether an entry's question holds none of the query's words: it covers the query only
    /// through its answer.
    fn only_in_answer(&self, query: &Query, doc: &Doc) -> bool {
        !query
            .words
            .iter()
            .any(|group| group.iter().any(|t| doc.question.contains(t)))
    }

    /// The weight of the query's words an entry covers, and its BM25 score.
    fn covered(&self, query: &Query, weights: &[f64], doc: &Doc) -> (f64, f64) {
        let (mut covered, mut score) = (0.0, 0.0);
        for (group, weight) in query.words.iter().zip(weights) {
            let in_question = group.iter().any(|t| doc.question.contains(t));
            let bm25 = group
                .iter()
                .filter_map(|t| doc.tf.get(t).map(|f| (t, *f as f64)))
                .map(|(t, f)| {
                    self.idf(t) * f * (K1 + 1.0) / (f + K1 * (1.0 - B + B * doc.len / self.avg_len))
                })
                .fold(0.0, f64::max);
            if bm25 > 0.0 {
                covered += weight * if in_question { 1.0 } else { ANSWER_CREDIT };
                score += bm25;
            }
        }
        (covered, score)
    }

    pub fn best(&self, query: &Query) -> Option<Match> {
        if self.docs.is_empty() || query.is_empty() || query.exception {
            return None;
        }
        // Renting with nothing to rent named ("can we rent it one more week?") asks about no
        // entry's thing.
        let actions: Vec<String> = ACTIONS.iter().map(|c| concept_term(*c)).collect();
        if query
            .words
            .iter()
            .all(|g| g.iter().any(|t| actions.contains(t)))
        {
            return None;
        }
        let weights = self.weights(query);
        let total: f64 = weights.iter().sum();
        let mut best: Option<(f64, f64, usize)> = None;
        let mut coverages = Vec::with_capacity(self.docs.len());
        for (index, doc) in self.docs.iter().enumerate() {
            let (covered, score) = self.covered(query, &weights, doc);
            let coverage = covered / total;
            coverages.push(coverage);
            let better = match best {
                None => score > 0.0,
                Some((c, s, _)) => {
                    coverage > c + 1e-9 || ((coverage - c).abs() <= 1e-9 && score > s)
                }
            };
            if better && score > 0.0 {
                best = Some((coverage, score, index));
            }
        }
        best.map(|(confidence, _, index)| {
            // Found only in the answers of several entries ("le garage" where the bikes, the
            // parasol and the charging point are kept): none of them is about it, so a
            // question on it ("on se gare où ?") is for a human.
            let ties = coverages
                .iter()
                .filter(|&&c| (c - confidence).abs() <= 1e-9)
                .count();
            let ambiguous = (ties > 1 && self.only_in_answer(query, &self.docs[index]))
                || (query.on_a_day && !no_topic::names_a_day(&self.texts[index]))
                || (query.on_a_holiday && !no_topic::names_a_holiday(&self.texts[index]));
            Match {
                index,
                confidence: if ambiguous {
                    confidence / 2.0
                } else {
                    confidence
                },
            }
        })
    }
}
