//! The offline FAQ responder (no Anthropic key): understands a guest's burst of messages against
//! the conciergerie's FAQ, in French, English, Spanish, German, Italian and Portuguese.
//!
//! Each message of the burst is understood on its own, sentence by sentence and clause by clause
//! ("check-in time and the wifi code?" is two questions):
//! - small talk (`small_talk`: greetings, thanks, "ok", emoji) needs no FAQ and never hands off;
//!   alone, a greeting gets a welcome, a thanks a closing, an acknowledgement a nod;
//! - a question is matched against the FAQ (`index`, with the `lexicon` bridging languages)
//!   and answered only when the best entry covers enough of it; a fragment such as "c'est quoi
//!   le code ?" is read with the question next to it; an hour the FAQ's own times do not allow
//!   asks for the early-arrival or late-departure entry;
//! - what guests tell about themselves next to a question ("on vient en voiture, où se garer ?",
//!   "… cuando lleguemos") is context: neither answered nor handed off, unless it holds a
//!   request, a problem or a negation (`lexicon::is_context`); a question with no words of its
//!   own ("how do we get there?") is read with the context or question just before it;
//! - what the FAQ cannot answer is handed off, after the answers it could give;
//! - anything urgent (`urgency`) is handed off at once, even if an entry matches.
//!
//! The work is bounded: at most `MAX_MESSAGES` messages of `MAX_CHARS` characters each, and the
//! FAQ index is built once per call. `Responder::answer` runs it off the async threads.

mod aside;
mod index;
mod lexicon;
mod no_topic;
mod small_talk;
mod text;
mod urgency;

use protocol::reasons::HandoffReason;
use protocol::{AiEngine, Sender};

use self::index::FaqIndex;
use self::small_talk::SmallTalk;
use self::urgency::Urgency;
use super::language::{self, Language};
use super::{phrases, AiDecision, AiOutcome, AiRequest};

/// Share of a question's weight the best FAQ entry must cover to answer it: more than half, so
/// a question that is half about one entry and half about another (or about nothing known) goes
/// to a human.
pub const CONFIDENCE_THRESHOLD: f64 = 0.55;
/// Share of an unclear clause's weight that an entry answered elsewhere in the burst must
/// cover for the clause to count as about the same thing.
pub const SAME_TOPIC_THRESHOLD: f64 = 0.3;
/// Only the guest's latest messages are read…
pub const MAX_MESSAGES: usize = 10;
/// …and only the start of each.
pub const MAX_CHARS: usize = 2_000;

/// Words that join two questions in one sentence, in the six languages (folded, space-padded).
const CONJUNCTIONS: &[&str] = &[
    " et ",
    " and ",
    " y ",
    " und ",
    " e ",
    " ainsi que ",
    " as well as ",
    " sowie ",
    " plus ",
    " & ",
    " + ",
    " or ",
    " ou ",
    " oder ",
    " ademas ",
    " inoltre ",
];

/// What the responder made of a burst: the decision it takes, in a form tests and the evaluation
/// can compare with a label.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Answer with these FAQ entries (indexes into the FAQ), in order.
    Answer(Vec<usize>),
    /// A human must take over; `answered` entries are still given to the guest.
    Handoff { answered: Vec<usize>, urgent: bool },
    /// Only a greeting: welcome the guest.
    Welcome,
    /// Only thanks or goodbye: a short closing.
    Closing,
    /// Only an acknowledgement or emoji: nothing needs saying.
    NoReply,
}

/// The understanding of a burst, before it is put into words.
#[derive(Debug, Clone, Default)]
pub struct Understanding {
    pub language: Language,
    pub small_talk: Option<SmallTalk>,
    pub greeted: bool,
    /// FAQ entries that answer a question, in the order asked, without repeats.
    pub answered: Vec<usize>,
    /// The messages holding a question no entry answers, as the guest wrote them.
    pub uncovered: Vec<String>,
    pub urgent: Option<(Urgency, String)>,
}

impl Understanding {
    pub fn verdict(&self) -> Verdict {
        if self.urgent.is_some() {
            return Verdict::Handoff {
                answered: self.answered.clone(),
                urgent: true,
            };
        }
        if !self.uncovered.is_empty() {
            return Verdict::Handoff {
                answered: self.answered.clone(),
                urgent: false,
            };
        }
        if !self.answered.is_empty() {
            return Verdict::Answer(self.answered.clone());
        }
        match self.small_talk {
            Some(SmallTalk::Greeting) => Verdict::Welcome,
            Some(SmallTalk::Thanks) => Verdict::Closing,
            Some(SmallTalk::Ack) | None => Verdict::NoReply,
        }
    }
}

/// The guest's pending messages (the burst), bounded.
fn burst(request: &AiRequest) -> Vec<String> {
    let mut tail: Vec<String> = request
        .history
        .iter()
        .rev()
        .take_while(|t| t.sender == Sender::Client)
        .take(MAX_MESSAGES)
        .map(|t| t.text.chars().take(MAX_CHARS).collect())
        .collect();
    tail.reverse();
    tail
}

/// Words opening a clause about when something happens ("… when we arrive"), folded and
/// space-padded. At the start of a question they ask when ("quand arrive-t-on ?"); after it,
/// they only place it in time.
const SUBORDINATORS: &[&str] = &[
    " when ",
    " quand ",
    " lorsque ",
    " cuando ",
    " wenn ",
    " sobald ",
    " quando ",
    " once ",
];

/// Words opening a condition ("… if we arrive late"), folded and space-padded: only split off
/// when the guests speak of themselves in it (the Italian and Portuguese "se", the Spanish and
/// French "si" are also reflexive or "yes").
const CONDITIONALS: &[&str] = &[" if ", " si ", " se ", " falls "];

/// Whether a condition's first word is the guests: "we", "on", "wir", or a verb in the first
/// person plural ("arriviamo", "llegamos", "chegarmos"). "If the museums are open on Monday"
/// is about the museums, even with a French-looking "on" further on.
fn about_us(after: &str) -> bool {
    let Some(first) = text::words(after).next() else {
        return false;
    };
    ["we", "i", "on", "nous", "je", "j", "wir", "ich"].contains(&first)
        || (first.len() > 5
            && ["iamo", "amos", "emos", "imos", "armos", "ermos"]
                .iter()
                .any(|end| first.ends_with(end)))
}

/// Splits "où sont les clés quand on arrive" into the question and its time clause, which is
/// context when the guests speak of themselves in it.
fn subordinate(text: String, lead: Clause) -> Vec<Clause> {
    let Clause {
        context,
        declined,
        remark,
        aside,
        ..
    } = lead;
    let padded = format!(" {text} ");
    // "…si on arrive tard", "…se arriviamo tardi": a condition about the guests themselves is
    // context too; one about anything else ("come si apre", "como se acende") stays in place.
    let conditional = CONDITIONALS
        .iter()
        .filter_map(|s| padded.find(s).map(|at| (at, s.len())))
        .filter(|&(at, len)| {
            let tail = padded[at..].trim();
            at > 0 && about_us(&padded[at + len..]) && lexicon::is_context(tail)
        })
        .map(|(at, _)| at);
    let cut = SUBORDINATORS
        .iter()
        .filter_map(|s| padded.find(s))
        .filter(|&at| at > 0)
        .chain(conditional)
        .min();
    match cut {
        Some(at) => {
            let (head, tail) = (padded[..at].trim(), padded[at..].trim());
            let mut out = vec![Clause {
                text: head.to_owned(),
                context,
                declined,
                remark,
                aside,
            }];
            out.push(Clause {
                text: tail.to_owned(),
                context: lexicon::is_context(tail),
                declined: false,
                remark: false,
                aside: false,
            });
            out
        }
        None => vec![Clause {
            text,
            context,
            declined,
            remark,
            aside,
        }],
    }
}

/// A piece of a guest's message that asks at most one thing.
#[derive(Debug, Clone, PartialEq)]
struct Clause {
    text: String,
    /// What the guests tell about themselves before the question of their sentence ("on vient
    /// en voiture avec notre chien, …") or in a sentence that asks nothing (see
    /// `lexicon::is_context`): next to a question, context rather than a request.
    context: bool,
    /// What the guests say they do not need ("… donc pas besoin de parking, …"): nothing asked.
    declined: bool,
    /// A statement on what was asked ("notre chat ? il est très calme", see
    /// `lexicon::is_remark`): context unless the FAQ answers it.
    remark: bool,
    /// A statement that asks nothing and raises no problem (see `aside::is_aside`): next to a
    /// question, context unless the FAQ answers it.
    aside: bool,
}

/// Splits a folded message into sentences, sentences into their parts at commas (and the
/// Spanish "¿"), and parts into clauses at conjunctions.
fn clauses(folded: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut sentences = Vec::new();
    let mut start = 0;
    for (at, c) in folded.char_indices() {
        if matches!(c, '?' | '!' | '.' | ';' | '\n') {
            sentences.push((&folded[start..at], c == '?'));
            start = at + c.len_utf8();
        }
    }
    sentences.push((&folded[start..], false));
    for (sentence, question) in sentences {
        // A dash between spaces parts a sentence as a comma does ("we land late - how do we
        // get in?"); inside a word it joins ("check-in").
        let sentence = sentence.replace(" - ", ", ");
        let parts: Vec<&str> = sentence
            .split([',', ':', '¿', '¡', '–', '—'])
            .filter(|p| !p.trim().is_empty())
            .collect();
        let last = parts.len().saturating_sub(1);
        // "Pour le lave-vaisselle, faut-il apporter les pastilles ?", "La supérette, elle
        // accepte les cartes ?": the topic named first is read with the question after it, not
        // answered on its own.
        let mut topic: Option<&str> = None;
        for (i, part) in parts.iter().copied().enumerate() {
            let taken_up = parts
                .get(i + 1)
                .is_some_and(|next| aside::points_back(next) && aside::only_names(part));
            if question && i < last && (aside::names_a_topic_first(part) || taken_up) {
                topic = Some(part);
                continue;
            }
            let joined;
            let part = match topic.take() {
                Some(first) => {
                    joined = format!("{first} {part}");
                    joined.as_str()
                }
                None => part,
            };
            let lead_in = !(question && i == last);
            let context = lead_in
                && lexicon::is_context(part)
                && !lexicon::opens_question(part)
                && !lexicon::holds_question_word(part);
            let declined = lead_in && lexicon::declines(part);
            let remark =
                lead_in && lexicon::is_remark(part) && !urgency::reports_failure(part.trim());
            // "Are we allowed to have friends over, and are there bikes?" asks in its first
            // part too.
            let aside = lead_in
                && aside::is_aside(part)
                && !(question && aside::opens_like_a_question(part));
            // "Are towels provided, or should we bring our own?": the other way of asking the same
            // question asks nothing new.
            let mut rest = format!(" {} ", part.trim());
            if let Some(at) = aside::restated_alternative(&rest, i > 0) {
                rest = format!("{} ", &rest[..at]);
            }
            loop {
                let cut = CONJUNCTIONS
                    .iter()
                    .filter_map(|c| conjunction_at(&rest, c).map(|at| (at, c.len())))
                    .min();
                let (text, next) = match cut {
                    Some((at, len)) => (
                        rest[..at].trim().to_owned(),
                        Some(format!(" {}", &rest[at + len - 1..])),
                    ),
                    None => (rest.trim().to_owned(), None),
                };
                if !text.is_empty() {
                    let lead = Clause {
                        text: String::new(),
                        context,
                        declined,
                        remark,
                        aside,
                    };
                    out.extend(subordinate(text, lead));
                }
                match next {
                    Some(next) => rest = next,
                    None => break,
                }
            }
        }
    }
    out
}

/// Where conjunction `c` first joins two questions in `padded`: the French "il y a" holds a
/// " y " that joins nothing.
fn conjunction_at(padded: &str, c: &str) -> Option<usize> {
    padded.match_indices(c).map(|(at, _)| at).find(|&at| {
        c != " y " || {
            let before = padded[..at].rsplit(' ').next().unwrap_or("");
            before != "il" && !before.ends_with("'il")
        }
    })
}

/// Words that turn thanks into something else ("merci, mais…").
const CONTRASTS: &[&str] = &[
    "mais", "but", "pero", "aber", "ma", "mas", "however", "sauf",
];

/// Understands a burst of guest messages against a FAQ.
pub fn understand(faqs: &[(String, String)], messages: &[String]) -> Understanding {
    let index = FaqIndex::shared(faqs);
    let language = language::detect(&messages.join("\n"));
    let mut reading = Reading {
        index: &index,
        language,
        // A question word asks too: guests often leave out the question mark ("como
        // recogemos las llaves cuando lleguemos").
        asks: messages.iter().any(|m| {
            m.contains('?') || opens_with_greeting(m) || lexicon::has_interrogative(&text::fold(m))
        }),
        questioned: messages.iter().any(|m| m.contains('?')),
        context: None,
        last: None,
        pending: None,
        doubts: Vec::new(),
        u: Understanding {
            language,
            ..Understanding::default()
        },
    };
    for message in messages {
        reading.message(message);
    }
    if let Some((_, message)) = reading.pending.take() {
        push_unique(&mut reading.u.uncovered, message);
    }
    reading.settle_doubts();
    reading.u
}

/// "Hola, somos la familia García…": a greeting, then what follows introduces the guests.
fn opens_with_greeting(message: &str) -> bool {
    clauses(&text::fold(message))
        .first()
        .is_some_and(|c| small_talk::classify(&c.text) == Some(SmallTalk::Greeting))
}

/// How each clause of a burst is read, for diagnosing the evaluation's misses: its terms, the
/// best entry (1-based) and that entry's confidence.
#[doc(hidden)]
pub fn explain(faqs: &[(String, String)], messages: &[String]) -> Vec<String> {
    let index = FaqIndex::shared(faqs);
    let language = language::detect(&messages.join("\n"));
    let mut out = vec![format!("language {language:?}")];
    for message in messages {
        for clause in clauses(&text::fold_for_questions(message)) {
            let query = index.query(&clause.text, language);
            let best = index.best(&query);
            let context = if clause.context { " (context)" } else { "" };
            out.push(format!(
                "{:?}{context} -> {query:?} -> {:?}",
                clause.text,
                best.map(|m| (m.index + 1, (m.confidence * 100.0).round()))
            ));
        }
    }
    out
}

/// The state of reading a burst, message after message.
struct Reading<'a> {
    index: &'a FaqIndex,
    language: Language,
    /// Whether the burst asks something with a question mark or opens with a greeting: then
    /// what the guests tell about themselves around it ("we land at 8", "somos la familia
    /// García") is context, not a request.
    asks: bool,
    /// The last clause read as context, for a question that only points at it ("how do we get
    /// there from here?").
    context: Option<String>,
    /// The question last answered (folded) and its entry, to read a following fragment with it.
    last: Option<(String, usize)>,
    /// A fragment seen before any question ("à quelle heure…" then "le check-in"), with the
    /// message it came from.
    pending: Option<(String, String)>,
    /// Whether the burst holds a question mark: then a statement that asks nothing is an aside.
    questioned: bool,
    /// Clauses no entry answered with confidence, with the entry that came closest: handed off
    /// at the end of the burst unless that entry answers another question of it (see
    /// `settle_doubts`).
    doubts: Vec<(String, Option<usize>)>,
    u: Understanding,
}

impl Reading<'_> {
    fn message(&mut self, message: &str) {
        let folded = text::fold(message);
        if let Some(kind) = urgency::detect(&folded) {
            self.u.urgent.get_or_insert((kind, message.to_owned()));
        }
        if let Some(kind) = small_talk::classify_message(&folded) {
            self.u.greeted |= kind == SmallTalk::Greeting;
            self.u.small_talk = self.u.small_talk.max(Some(kind));
            return;
        }
        if let Some(kind) = self.courtesy_only(&folded) {
            self.u.greeted |= kind == SmallTalk::Greeting;
            self.u.small_talk = self.u.small_talk.max(Some(kind));
            return;
        }
        let mut asked = false;
        for clause in clauses(&text::fold_for_questions(message)) {
            if let Some(kind) = small_talk::classify(&clause.text) {
                self.u.greeted |= kind == SmallTalk::Greeting;
                // "Bonsoir, nous sommes les voyageurs du week-end": a greeting, then context.
                self.u.small_talk = self.u.small_talk.max(Some(kind));
                continue;
            }
            if clause.declined {
                continue;
            }
            if clause.remark
                && self.asks
                && self
                    .confident(&self.index.query(&clause.text, self.language))
                    .is_none()
            {
                continue;
            }
            if clause.context && self.asks {
                // Names are dropped from context only: in a question ("is the Louvre open?")
                // the name is what it is about.
                let names = self.names(message);
                let text = text::words(&clause.text)
                    .filter(|w| !names.iter().any(|n| n == w))
                    .collect::<Vec<_>>()
                    .join(" ");
                self.context = Some(text);
                continue;
            }
            if clause.aside
                && self.questioned
                && self
                    .confident(&self.index.query(&clause.text, self.language))
                    .is_none()
            {
                // "¿se puede llevar al perro? Es un caniche chiquito": told, not asked.
                continue;
            }
            asked |= self.clause(clause.text, message);
        }
        if !asked && folded.contains('?') {
            // "How do we get there?" after "just landed at the airport": about what came before.
            match self.follow_up() {
                Some(entry) => push_unique(&mut self.u.answered, entry),
                // "??" or "et alors ?": the guest expects something, only a person knows what.
                None => push_unique(&mut self.u.uncovered, message.to_owned()),
            }
        }
    }

    /// Whether a (folded) message only thanks, with words that ask nothing around the thanks:
    /// no question mark or question word, no request, problem or contrast, no topic of the FAQ
    /// or the lexicon ("thanks, the towels are dirty" is about towels).
    /// Thanks or a greeting with words about the stay around them, and nothing asked: "Grazie
    /// ancora, tutto perfetto!", "¡Hola! Ya estamos instalados, el chalet es una maravilla",
    /// "Thanks so much, the kids love the garden". A part naming a topic is told, not asked,
    /// only when it praises and no entry answers it with confidence: "Bonjour, je cherche le
    /// code wifi" asks without a question mark.
    fn courtesy_only(&self, folded: &str) -> Option<SmallTalk> {
        let kind = if text::words(folded).any(small_talk::is_thanks) {
            SmallTalk::Thanks
        } else if text::words(folded).any(small_talk::is_greeting) {
            SmallTalk::Greeting
        } else {
            return None;
        };
        let told = !folded.contains('?')
            && !text::words(folded).any(|w| CONTRASTS.contains(&w))
            && !lexicon::has_request_word(folded)
            && !lexicon::has_interrogative(folded)
            && !aside::asks_or_complains(folded)
            && !urgency::reports_failure(folded)
            && urgency::detect(folded).is_none()
            && clauses(folded).iter().all(|c| {
                let query = self.index.query(&c.text, self.language);
                small_talk::classify(&c.text).is_some()
                    || small_talk::is_pleasantry(&c.text)
                    || !self.index.mentions_topic(&query)
                    // "The kids love the garden": praise names a topic without asking of it.
                    || (small_talk::praises(&c.text) && self.confident(&query).is_none())
            });
        told.then_some(kind)
    }

    /// Proper names in a message (folded): capitalised words inside a sentence that neither the
    /// FAQ nor the lexicon knows ("on atterrit à Nice, …"). In what guests tell about their
    /// journey they name a place or a person, not a topic, so they must not weigh as an unknown
    /// topic when a later question is read with it. German capitalises every noun: there, none
    /// is taken for a name.
    fn names(&self, message: &str) -> Vec<String> {
        if self.language == Language::German {
            return Vec::new();
        }
        let mut names = Vec::new();
        let mut sentence_start = true;
        for token in message.split_whitespace() {
            let word: String = token.chars().filter(|c| c.is_alphanumeric()).collect();
            let capitalised = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase);
            if capitalised && !sentence_start {
                let folded = text::fold(&word);
                if !self.index.knows(&folded, self.language) {
                    names.push(folded);
                }
            }
            sentence_start = token.ends_with(['.', '!', '?', ':', '¿', '¡'])
                || (sentence_start && word.is_empty());
        }
        names
    }

    /// The entry a question without words of its own is about: the context the guest just gave,
    /// or else the question just answered.
    fn follow_up(&self) -> Option<usize> {
        let before = [
            self.context.as_deref(),
            self.last.as_ref().map(|(c, _)| c.as_str()),
        ];
        before
            .into_iter()
            .flatten()
            .find_map(|b| self.confident(&self.index.query(b, self.language)))
    }

    /// Reads one clause of `message`; `false` if it asks nothing.
    fn clause(&mut self, clause: String, message: &str) -> bool {
        let clause = match self.pending.take() {
            Some((before, _)) => format!("{before} {clause}"),
            None => clause,
        };
        let query = self.index.query(&clause, self.language);
        if query.is_empty() {
            return false;
        }
        if !query.is_fragment() {
            let confident = self.confident(&query);
            // "Pourriez-vous nous réserver une place ?": a service only a person performs,
            // whatever entry shares its words — unless the entry is about that service.
            if aside::asks_the_host_to_act(&clause)
                && !confident.is_some_and(|e| aside::asks_the_host_to_act(self.index.question(e)))
            {
                push_unique(&mut self.u.uncovered, message.to_owned());
                return true;
            }
            if let Some(entry) = confident {
                push_unique(&mut self.u.answered, entry);
                self.last = Some((clause, entry));
                return true;
            }
            // An unclear clause with words of its own is not read with the previous question:
            // "le wifi" must not cover "et un sèche-cheveux ?".
            // A complaint or a request about the same thing ("les draps sont sales") is not
            // covered by that thing's answer; the guests' own plans ("will need to wash a few
            // shirts") are.
            let near = self
                .index
                .best(&query)
                .filter(|m| m.confidence >= SAME_TOPIC_THRESHOLD)
                .filter(|_| {
                    (!aside::asks_or_complains(&clause) || aside::tells_a_plan(&clause))
                        && !urgency::reports_failure(&clause)
                })
                .map(|m| m.index);
            self.doubts.push((message.to_owned(), near));
            return true;
        }
        // A fragment completes the previous question (or the context the guest just gave: "on
        // quitte le logement demain, c'est jusqu'à quelle heure ?"), or waits for the next one.
        let before = self
            .last
            .as_ref()
            .map(|(b, _)| b.clone())
            .or_else(|| self.context.clone());
        match &before {
            Some(before) => {
                let joined = format!("{before} {clause}");
                let whole = self.index.query(&joined, self.language);
                // "late checkout, so 13 uhr?": the fragment narrows the question just answered;
                // when it only asks or gives a time, or that entry still covers the whole, the
                // entry is the answer, not a neighbour that happens to mention hours.
                if let Some((_, entry)) = self.last {
                    if query.is_only_when()
                        || self.index.coverage_of(&whole, entry) >= CONFIDENCE_THRESHOLD
                    {
                        return true;
                    }
                }
                match self.confident(&whole) {
                    Some(entry) => {
                        push_unique(&mut self.u.answered, entry);
                        self.last = Some((joined, entry));
                    }
                    None => push_unique(&mut self.u.uncovered, message.to_owned()),
                }
            }
            None => self.pending = Some((clause, message.to_owned())),
        }
        true
    }

    /// Hands off the unclear clauses, except one about the same thing as a question the burst
    /// has answered ("Is there a washing machine? … will need to wash a few shirts"): the
    /// guest gets that entry's answer anyway.
    fn settle_doubts(&mut self) {
        for (message, near) in std::mem::take(&mut self.doubts) {
            if near.is_some_and(|entry| self.u.answered.contains(&entry)) {
                continue;
            }
            push_unique(&mut self.u.uncovered, message);
        }
    }

    fn confident(&self, query: &index::Query) -> Option<usize> {
        self.index
            .best(query)
            .filter(|m| m.confidence >= CONFIDENCE_THRESHOLD)
            .map(|m| m.index)
    }
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Puts an understanding into words for the guest.
fn decide(request: &AiRequest, u: &Understanding) -> AiDecision {
    let language = u.language;
    let mut answers: Vec<String> = Vec::new();
    // The entry's answer in the guest's language when the operators gave one, else as written.
    let chosen: Vec<&str> = u
        .answered
        .iter()
        .map(|&i| {
            request
                .translated_answer(i, language)
                .unwrap_or(&request.faqs[i].1)
        })
        .collect();
    let french_answers = chosen
        .iter()
        .any(|a| language::detect(a) == Language::French);
    if french_answers {
        if let Some(note) = phrases::answer_in_french(language) {
            answers.push(note.to_owned());
        }
    }
    answers.extend(chosen.iter().map(|a| (*a).to_owned()));
    let with_hello = |mut parts: Vec<String>| {
        if u.greeted {
            parts.insert(0, phrases::hello(language).to_owned());
        }
        parts.join("\n\n")
    };
    if !u.uncovered.is_empty() {
        let reason = HandoffReason::FaqNotCovered {
            questions: u.uncovered.iter().map(|q| excerpt(q)).collect(),
        };
        let holding = if u.answered.is_empty() {
            phrases::holding_message(language)
        } else {
            answers.push(phrases::rest_follows(language).to_owned());
            with_hello(answers)
        };
        return AiDecision::Handoff { reason, holding };
    }
    match u.verdict() {
        Verdict::Answer(_) => AiDecision::Reply(with_hello(answers)),
        Verdict::Welcome => {
            AiDecision::Reply(phrases::welcome(language, &request.conciergerie_name))
        }
        Verdict::Closing => AiDecision::Reply(phrases::closing(language).to_owned()),
        Verdict::NoReply | Verdict::Handoff { .. } => AiDecision::Reply(phrases::NOD.to_owned()),
    }
}

/// An emergency in the burst: handed to a human, with the answers to the burst's other
/// questions (`answered`: entries answering the messages other than the urgent one) before the
/// urgent holding sentence.
fn urgent_handoff(request: &AiRequest, u: &Understanding, answered: &[usize]) -> AiDecision {
    let Some((kind, message)) = &u.urgent else {
        return decide(request, u);
    };
    let language = u.language;
    let mut parts: Vec<String> = answered
        .iter()
        .map(|&i| {
            request
                .translated_answer(i, language)
                .unwrap_or(&request.faqs[i].1)
                .to_owned()
        })
        .collect();
    parts.push(phrases::urgent_holding(language).to_owned());
    AiDecision::Handoff {
        reason: HandoffReason::Urgent {
            kind: Some(*kind),
            excerpt: Some(excerpt(message)),
        },
        holding: parts.join("\n\n"),
    }
}

/// At most 80 characters of a guest's words, for a hand-off reason.
fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// What kind of emergency a guest's text reports, for the operators, if any.
pub fn urgency_of(text: &str) -> Option<Urgency> {
    urgency::detect(&text::fold(text))
}

pub fn answer(request: &AiRequest) -> AiOutcome {
    let messages = burst(request);
    let understanding = understand(&request.faqs, &messages);
    let decision = match &understanding.urgent {
        // The emergency goes to a human, but the burst's other questions are still answered in
        // the holding message ("check-in at 4 pm … — we are alerting the team").
        Some((_, urgent_message)) => {
            let others: Vec<String> = messages
                .iter()
                .filter(|m| *m != urgent_message)
                .cloned()
                .collect();
            let answered_elsewhere = understand(&request.faqs, &others).answered;
            urgent_handoff(request, &understanding, &answered_elsewhere)
        }
        None => decide(request, &understanding),
    };
    AiOutcome {
        decision,
        engine: AiEngine::OfflineFaq,
        usage: None,
        urgent: understanding.urgent.is_some(),
    }
}

#[cfg(test)]
mod tests;
