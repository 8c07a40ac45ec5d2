//! The offline responder, measured: a 20-entry French FAQ (`faq.tsv`) and hand-labelled guest
//! messages in six languages (`messages.tsv`). Prints accuracy per language and per category and
//! fails below the targets, so `cargo test --workspace` keeps the responder honest:
//!
//! ```text
//! cargo test -p majordome --test responder_eval -- --nocapture
//! ```

use std::collections::BTreeMap;

use majordome::ai::offline::{explain, understand, Verdict};

const OVERALL_TARGET: f64 = 0.90;
const PER_LANGUAGE_TARGET: f64 = 0.85;

struct Case {
    language: String,
    category: String,
    expected: String,
    messages: Vec<String>,
}

fn faq() -> Vec<(String, String)> {
    faq_from(include_str!("faq.tsv"))
}

/// A FAQ file's entries: one `question<TAB>answer` a line, `#` lines are comments.
fn faq_from(tsv: &str) -> Vec<(String, String)> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (q, a) = l.split_once('\t').expect("question<TAB>answer");
            (q.to_owned(), a.to_owned())
        })
        .collect()
}

fn cases(tsv: &str) -> Vec<Case> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.splitn(4, '\t').collect();
            let [language, category, expected, text] = fields[..] else {
                panic!("malformed line: {l}");
            };
            Case {
                language: language.to_owned(),
                category: category.to_owned(),
                expected: expected.to_owned(),
                messages: text.split(" || ").map(str::to_owned).collect(),
            }
        })
        .collect()
}

/// The verdict in the label's notation (entries 1-based, sorted).
fn label(verdict: &Verdict) -> String {
    let entries = |v: &[usize]| {
        let mut v: Vec<usize> = v.iter().map(|i| i + 1).collect();
        v.sort_unstable();
        v.iter().map(usize::to_string).collect::<Vec<_>>().join("+")
    };
    match verdict {
        Verdict::Answer(v) => format!("answer:{}", entries(v)),
        Verdict::Handoff { urgent: true, .. } => "urgent".into(),
        Verdict::Handoff { answered, .. } if answered.is_empty() => "handoff".into(),
        Verdict::Handoff { answered, .. } => format!("handoff:{}", entries(answered)),
        Verdict::Welcome => "welcome".into(),
        Verdict::Closing => "closing".into(),
        Verdict::NoReply => "none".into(),
    }
}

fn normalise(expected: &str) -> String {
    match expected.split_once(':') {
        Some((kind, entries)) => {
            let mut v: Vec<usize> = entries
                .split('+')
                .map(|n| n.parse().expect("entry number"))
                .collect();
            v.sort_unstable();
            let v: Vec<String> = v.iter().map(usize::to_string).collect();
            format!("{kind}:{}", v.join("+"))
        }
        None => expected.to_owned(),
    }
}

/// Entries given to the guest that the label does not ask for.
fn unrelated_entries(expected: &str, verdict: &Verdict) -> bool {
    let given = match verdict {
        Verdict::Answer(v) => v.clone(),
        Verdict::Handoff { answered, .. } => answered.clone(),
        _ => Vec::new(),
    };
    let wanted: Vec<usize> = expected
        .split_once(':')
        .map(|(_, e)| {
            e.split('+')
                .map(|n| n.parse::<usize>().unwrap() - 1)
                .collect()
        })
        .unwrap_or_default();
    given.iter().any(|e| !wanted.contains(e))
}

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }
    fn rate(&self) -> f64 {
        self.right as f64 / self.total.max(1) as f64
    }
}

/// The responder's decisions on a labelled set.
struct Report {
    overall: Tally,
    by_language: BTreeMap<String, Tally>,
    by_category: BTreeMap<String, Tally>,
    /// Off-FAQ requests the responder answered with an entry.
    off_faq_answered: Vec<String>,
    /// Urgent messages it did not hand off as urgent.
    urgent_missed: Vec<String>,
    misses: Vec<String>,
}

fn evaluate(faq: &[(String, String)], cases: &[Case]) -> Report {
    let mut report = Report {
        overall: Tally::default(),
        by_language: BTreeMap::new(),
        by_category: BTreeMap::new(),
        off_faq_answered: Vec::new(),
        urgent_missed: Vec::new(),
        misses: Vec::new(),
    };
    for case in cases {
        let verdict = understand(faq, &case.messages).verdict();
        let got = label(&verdict);
        let right = got == normalise(&case.expected);
        let text = case.messages.join(" || ");
        report.overall.add(right);
        report
            .by_language
            .entry(case.language.clone())
            .or_default()
            .add(right);
        report
            .by_category
            .entry(case.category.clone())
            .or_default()
            .add(right);
        if case.category == "offfaq" && unrelated_entries(&case.expected, &verdict) {
            report.off_faq_answered.push(text.clone());
        }
        if case.expected == "urgent" && got != "urgent" {
            report.urgent_missed.push(text.clone());
        }
        if !right {
            report.misses.push(format!(
                "  [{}/{}] expected {:<12} got {:<12} {}",
                case.language, case.category, case.expected, got, text
            ));
        }
    }
    report
}

fn print(title: &str, report: &Report) {
    println!("\n{title} ({} messages)\n", report.overall.total);
    println!("{:<12} {:>8} {:>6}", "language", "accuracy", "n");
    for (language, t) in &report.by_language {
        println!("{language:<12} {:>7.1}% {:>6}", t.rate() * 100.0, t.total);
    }
    println!("\n{:<12} {:>8} {:>6}", "category", "accuracy", "n");
    for (category, t) in &report.by_category {
        println!("{category:<12} {:>7.1}% {:>6}", t.rate() * 100.0, t.total);
    }
    let overall = &report.overall;
    println!(
        "\n{:<12} {:>7.1}% {:>6}",
        "overall",
        overall.rate() * 100.0,
        overall.total
    );
    println!(
        "off-FAQ requests answered with an entry: {}",
        report.off_faq_answered.len()
    );
    println!("\nMisses:\n{}", report.misses.join("\n"));
}

#[test]
fn the_offline_responder_meets_its_accuracy_targets() {
    let faq = faq();
    assert_eq!(faq.len(), 20, "the evaluation FAQ has 20 entries");
    let cases = cases(include_str!("messages.tsv"));
    assert!(cases.len() >= 300, "at least 300 labelled messages");

    let report = evaluate(&faq, &cases);
    print("Offline responder evaluation", &report);

    let overall = &report.overall;
    assert!(
        overall.rate() >= OVERALL_TARGET,
        "overall accuracy {:.1}% is below {:.0}%",
        overall.rate() * 100.0,
        OVERALL_TARGET * 100.0
    );
    for (language, t) in &report.by_language {
        assert!(
            t.rate() >= PER_LANGUAGE_TARGET,
            "{language}: accuracy {:.1}% is below {:.0}%",
            t.rate() * 100.0,
            PER_LANGUAGE_TARGET * 100.0
        );
    }
    assert!(
        report.off_faq_answered.is_empty(),
        "off-FAQ requests answered with an unrelated entry: {:?}",
        report.off_faq_answered
    );
}

/// A held-out set against `faq`: its accuracy must not fall below `floor` (what the responder
/// reached on it, minus a margin, so a change that loses generality fails), and the two rules
/// that protect guests hold there too.
fn held_out(faq: &[(String, String)], title: &str, tsv: &str, floor: f64) {
    let report = evaluate(faq, &cases(tsv));
    print(title, &report);
    assert!(
        report.off_faq_answered.is_empty(),
        "off-FAQ requests answered with an unrelated entry: {:?}",
        report.off_faq_answered
    );
    assert!(
        report.urgent_missed.is_empty(),
        "urgent messages not handed off as urgent: {:?}",
        report.urgent_missed
    );
    assert!(
        report.overall.rate() >= floor,
        "{title}: accuracy {:.1}% is below its floor {:.0}%",
        report.overall.rate() * 100.0,
        floor * 100.0
    );
}

/// Session 2's held-out messages (72.2 %): session 4 reached 80.6 % without targeting them,
/// then 97.2 % once their misses guided general vocabulary, so now optimistic.
#[test]
fn on_held_out_messages_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Held-out messages",
        include_str!("holdout.tsv"),
        0.90,
    );
}

/// Session 4's second set: written before the lexicon was widened, then used to widen it
/// (51.4 % → 97.1 %), so now optimistic.
#[test]
fn on_the_second_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Second held-out set",
        include_str!("holdout2.tsv"),
        0.90,
    );
}

/// Session 4's third set, written after the first changes and run once (67.4 %), then used to
/// widen the lexicon (97.7 %), so now optimistic.
#[test]
fn on_the_third_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Third held-out set",
        include_str!("holdout3.tsv"),
        0.90,
    );
}

/// Session 4's fourth set, labelled before the last round of changes and run once after it
/// (63.9 %; 69.4 % once its two missed emergencies led to general urgency rules). Session 5
/// did not target it: its general changes took it to 77.8 %, the `embed` helper's (issue 12)
/// to 86.1 %.
/// Session 8 (helper `lexicon2`, which developed on it): 97.2 %; floor raised to 92 %.
#[test]
fn on_the_fourth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Fourth held-out set",
        include_str!("holdout4.tsv"),
        0.92,
    );
}

/// Session 5's fifth set, labelled before any session-5 change (59.3 % on the responder of
/// the session's start), then used to guide the first round of changes (98.1 %), so now
/// optimistic.
#[test]
fn on_the_fifth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Fifth held-out set",
        include_str!("holdout5.tsv"),
        0.90,
    );
}

/// Session 5's sixth set, labelled after the first round of changes and run once (52.5 %, six
/// missed emergencies), then used to guide the second round (98.3 %), so now optimistic.
#[test]
fn on_the_sixth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Sixth held-out set",
        include_str!("holdout6.tsv"),
        0.90,
    );
}

/// Session 5's seventh set, written after all the session's changes and run once, with no
/// change after it (61.8 %; 54.5 % with the session's starting responder). The `embed`
/// helper's changes (issue 12) were not aimed at it: 70.9 %.
/// Session 8 (helper `lexicon2`, which developed on it): 92.7 %; floor raised to 88 %.
#[test]
fn on_the_seventh_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Seventh held-out set",
        include_str!("holdout7.tsv"),
        0.88,
    );
}

/// The `embed` helper's eighth set (issue 12), labelled before any of that work's changes and
/// kept untouched as its final measure: 73.3 % before and 73.3 % after (the honest figure: no
/// gain on wording the changes were not shown). Its one missed emergency (a fall) then led to a
/// general rule for falls, so 75.0 % now, and its urgency figure is no longer unseen.
/// Session 8 (helper `lexicon2`, which developed on it): 95.0 %; floor raised to 90 %.
#[test]
fn on_the_eighth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Eighth held-out set",
        include_str!("holdout8.tsv"),
        0.90,
    );
}

/// The `embed` helper's ninth set (issue 12), labelled before any of that work's changes
/// (71.7 % then, one missed emergency), then its development set (98.3 %), so now optimistic.
#[test]
fn on_the_ninth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Ninth held-out set",
        include_str!("holdout9.tsv"),
        0.93,
    );
}

/// Off-FAQ requests aimed at session 5's general changes (words taken as no topic, compounds,
/// fragments, "no need"): none may be answered with an entry.
#[test]
fn off_faq_requests_near_the_new_rules_are_handed_off() {
    held_out(&faq(), "Precision set", include_str!("precision.tsv"), 0.95);
}

/// The `embed` helper's tenth set (issue 12), labelled after most of that work's changes and
/// run once (86.7 %, one missed emergency), then used for a last round of general changes
/// (98.3 %), so now optimistic.
#[test]
fn on_the_tenth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Tenth held-out set",
        include_str!("holdout10.tsv"),
        0.93,
    );
}

/// Off-FAQ requests aimed at session 6's changes (foreign words the FAQ does not speak of,
/// no-topic words, hours against the FAQ's times): none may be answered with an entry.
#[test]
fn off_faq_requests_near_the_hour_and_wording_rules_are_handed_off() {
    held_out(
        &faq(),
        "Second precision set",
        include_str!("precision2.tsv"),
        0.95,
    );
}

/// The `lexicon` helper's development set (issue 12, session 7): another listing's FAQ
/// (`faq_dev.tsv`: dishwasher, hair dryer, beach, bikes, deposit, lift, shutters…) and guest
/// messages in six languages labelled before the responder was run on them: 34.1 % at the
/// first run (four off-FAQ requests answered), then used to guide the work (89.0 %), so now
/// optimistic.
/// Session 8 (helper `lexicon2`, which developed on it): 98.9 %; floor raised to 95 %.
#[test]
fn on_another_listings_faq_no_off_faq_answer_and_no_missed_emergency() {
    let faq = faq_from(include_str!("faq_dev.tsv"));
    assert_eq!(faq.len(), 20, "the development FAQ has 20 entries");
    held_out(
        &faq,
        "Development set (another listing's FAQ)",
        include_str!("dev_messages.tsv"),
        0.95,
    );
}

/// The `lexicon` helper's held-out set for the development FAQ (issue 12, session 7): labelled
/// after the first rounds of changes, before any run, and run once at the end of that work:
/// 65.0 % (40.0 % with the session's starting responder), no off-FAQ answer, two missed
/// emergencies (a barbecue on fire, a mother trapped in the lift), which then led to general
/// urgency rules (68.3 %). Its other misses were not worked on.
/// Session 8 (helper `lexicon2`, which developed on it): 93.3 %; floor raised to 90 %.
#[test]
fn on_the_development_faqs_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    let faq = faq_from(include_str!("faq_dev.tsv"));
    held_out(
        &faq,
        "Development FAQ's held-out set",
        include_str!("dev_holdout.tsv"),
        0.90,
    );
}

/// Off-FAQ requests aimed at the `lexicon` helper's concepts (issue 12, session 7), against the
/// development FAQ: appliances it does not list, words that collide across languages, a place
/// it only mentions in answers. None may be answered with an entry. First run 83.3 % (five
/// supermarket requests answered by the bakery entry; the session's starting responder:
/// 60.0 %, ten answered), 100 % since bakeries are their own concept.
#[test]
fn off_faq_requests_near_the_new_concepts_are_handed_off() {
    let faq = faq_from(include_str!("faq_dev.tsv"));
    held_out(
        &faq,
        "Third precision set",
        include_str!("precision3.tsv"),
        0.95,
    );
}

/// Off-FAQ requests near the `lexicon` helper's rules (issue 12, session 7), against the
/// evaluation FAQ: things its entries sit next to (blankets by the linen, a dryer by the
/// washing machine, a heated pool by the pool's hours). None may be answered with an entry.
/// First run 86.7 % (three answered: "swim in the sea" as the pool, "la piscina è riscaldata?"
/// cut in two at the accentless "è"; the session's starting responder also 86.7 %, four
/// answered), 100 % since.
#[test]
fn off_faq_requests_near_the_session_7_rules_are_handed_off() {
    held_out(
        &faq(),
        "Fourth precision set",
        include_str!("precision4.tsv"),
        0.95,
    );
}

/// Session 7's eleventh set (helper `sets`), written and labelled blind — its writer read neither
/// the responder nor the other sets. First run 68.1 % (two off-FAQ answers); then the lead's
/// development set for general changes (95.8 %), so now optimistic.
#[test]
fn on_the_eleventh_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Eleventh held-out set",
        include_str!("holdout11.tsv"),
        0.90,
    );
}

/// Session 7's twelfth set (helper `sets`), blind like the eleventh, in longer chat and regional
/// forms (Québec, Mexico, Argentina, Switzerland, Austria, Brazil). First run 38.9 % (three
/// off-FAQ answers); then a development set (80.6 %).
/// Session 8 (helper `lexicon2`, which developed on it): 87.5 %; floor raised to 84 %.
#[test]
fn on_the_twelfth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Twelfth held-out set",
        include_str!("holdout12.tsv"),
        0.84,
    );
}

/// A second conciergerie (a seaside villa, `faq2.tsv`) whose topics are mostly not the
/// evaluation FAQ's — beach, barbecue, bikes, deposit… — with 96 blind-labelled messages. First
/// run 36.5 % (four off-FAQ answers); then a development set (79.2 %).
/// Session 8 (helper `lexicon2`, which developed on it): 95.8 %; floor raised to 92 %.
#[test]
fn on_a_second_faq_no_off_faq_answer_and_no_missed_emergency() {
    let faq = faq_from(include_str!("faq2.tsv"));
    assert_eq!(faq.len(), 20, "the second FAQ has 20 entries");
    held_out(
        &faq,
        "Second FAQ (seaside villa)",
        include_str!("faq2_messages.tsv"),
        0.92,
    );
}

/// Session 7's thirteenth set (helper `sets2`), written and labelled blind while the lead worked
/// on the eleventh and twelfth: 54.2 % with the session's starting responder, 68.1 % at its
/// first run after most changes (no off-FAQ answer). Not developed on (see docs/NOTES.md for
/// what the lead saw of it).
/// Session 8 (helper `lexicon2`, which developed on it): 91.7 %; floor raised to 88 %.
#[test]
fn on_the_thirteenth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Thirteenth held-out set",
        include_str!("holdout13.tsv"),
        0.88,
    );
}

/// A third conciergerie (a ski chalet, `faq3.tsv`: ski room, passes, fireplace, snow chains,
/// sauna…), blind like the thirteenth set: 39.6 % with the session's starting responder, 57.3 %
/// at its first run after most changes (one missed emergency, carbon monoxide, then a rule).
/// Session 8 (helper `lexicon2`, which developed on it): 93.8 %; floor raised to 90 %.
#[test]
fn on_a_third_faq_no_off_faq_answer_and_no_missed_emergency() {
    let faq = faq_from(include_str!("faq3.tsv"));
    assert_eq!(faq.len(), 20, "the third FAQ has 20 entries");
    held_out(
        &faq,
        "Third FAQ (ski chalet)",
        include_str!("faq3_messages.tsv"),
        0.90,
    );
}

/// Session 7's fourteenth set (helper `sets3`), written and labelled blind while the lead worked
/// and run once at the end: 59.7 % with the session's starting responder, 76.4 % with the
/// session's (one off-FAQ answer, then a rule for a topic named before its question).
/// Session 8 (helper `lexicon2`, which developed on it): 90.3 %; floor raised to 86 %.
#[test]
fn on_the_fourteenth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Fourteenth held-out set",
        include_str!("holdout14.tsv"),
        0.86,
    );
}

/// A fourth conciergerie (a city flat in Paris, `faq4.tsv`: door code, intercom, lift, metro,
/// city tax, parcels…), blind like the fourteenth set and run once at the end: 35.4 % with the
/// session's starting responder, 57.3 % with the session's (one off-FAQ answer and two missed
/// emergencies, then rules for public holidays, thefts and flooding).
/// Session 8 (helper `lexicon2`, which developed on it): 84.4 %; floor raised to 80 %.
#[test]
fn on_a_fourth_faq_no_off_faq_answer_and_no_missed_emergency() {
    let faq = faq_from(include_str!("faq4.tsv"));
    assert_eq!(faq.len(), 20, "the fourth FAQ has 20 entries");
    held_out(
        &faq,
        "Fourth FAQ (city flat)",
        include_str!("faq4_messages.tsv"),
        0.80,
    );
}

/// Session 8's fifteenth set (helper `sets`), written and labelled blind by a helper who read
/// only `faq.tsv`: 72.2 % with the session's starting responder (no off-FAQ answer, one missed
/// emergency — water escaping from under an appliance — which then led to a rule), 76.4 % at
/// the session's end. The lead saw its figures and, through failing runs, two of its messages
/// (see docs/NOTES.md), never its list of misses.
#[test]
fn on_the_fifteenth_held_out_set_no_off_faq_answer_and_no_missed_emergency() {
    held_out(
        &faq(),
        "Fifteenth held-out set",
        include_str!("holdout15.tsv"),
        0.72,
    );
}

/// A fifth conciergerie (a stone farmhouse in Burgundy, `faq5.tsv`: wood stove, septic tank,
/// heated pool, the neighbour's eggs, wine cellars…), blind like the fifteenth set: 47.9 % with
/// the session's starting responder (no off-FAQ answer, one missed emergency — a party next
/// door at 2 am — which then led to a rule), 54.2 % at the session's end.
#[test]
fn on_a_fifth_faq_no_off_faq_answer_and_no_missed_emergency() {
    let faq = faq_from(include_str!("faq5.tsv"));
    assert_eq!(faq.len(), 20, "the fifth FAQ has 20 entries");
    held_out(
        &faq,
        "Fifth FAQ (farmhouse)",
        include_str!("faq5_messages.tsv"),
        0.50,
    );
}

/// `PROBE="msg || msg" cargo test --test responder_eval probe -- --nocapture` shows how the
/// responder reads a burst, clause by clause.
#[test]
fn probe() {
    let Ok(probe) = std::env::var("PROBE") else {
        return;
    };
    // `PROBE_FAQ=dev` reads the bursts against the development FAQ, `PROBE_FAQ=<file>` against
    // that file's.
    let faq = match std::env::var("PROBE_FAQ").as_deref() {
        Ok("dev") => faq_from(include_str!("faq_dev.tsv")),
        Ok(path) => faq_from(&std::fs::read_to_string(path).expect("PROBE_FAQ file")),
        Err(_) => faq(),
    };
    for line in probe.split('\n') {
        let messages: Vec<String> = line.split(" || ").map(str::to_owned).collect();
        println!("{line}\n  {:?}", understand(&faq, &messages).verdict());
        for step in explain(&faq, &messages) {
            println!("  {step}");
        }
    }
}
