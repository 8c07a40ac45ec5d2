//! Hand-off reasons in the operator's language. The server stores a code with parameters
//! (`protocol::reasons::HandoffReason`); the sentence is written here, in French and English side
//! by side. A reason stored as a sentence before codes existed is shown as it was written.

use protocol::reasons::{HandoffReason, UrgencyKind};
use ui::i18n::Lang;

/// The sentence an operator reads for a hand-off reason.
pub fn describe(reason: &HandoffReason, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    match reason {
        HandoffReason::FaqNotCovered { questions } => {
            let quoted: Vec<String> = questions.iter().map(|q| quote(q, lang)).collect();
            match (fr, quoted.is_empty()) {
                (true, true) => "La FAQ ne couvre pas cette question".to_owned(),
                (false, true) => "The FAQ does not cover this question".to_owned(),
                (true, false) => format!("La FAQ ne couvre pas\u{a0}: {}", quoted.join(", ")),
                (false, false) => format!("The FAQ does not cover: {}", quoted.join(", ")),
            }
        }
        HandoffReason::Urgent { kind, excerpt } => {
            let what = kind.map(|k| urgency(k, lang));
            let head = match what {
                Some(what) => format!("URGENT ({what})"),
                None => "URGENT".to_owned(),
            };
            match excerpt {
                Some(words) => format!(
                    "{head}{}{}",
                    lang.pick("\u{a0}: ", ": "),
                    quote(words, lang)
                ),
                None => head,
            }
        }
        HandoffReason::SensitiveOutsideStay => lang
            .pick(
                "Information sensible (code d'accès) demandée hors de la période du séjour",
                "Sensitive information (access code) asked for outside the stay",
            )
            .to_owned(),
        HandoffReason::AiUnavailable { error } => match lang {
            Lang::Fr => format!("IA indisponible\u{a0}: {error}"),
            Lang::En => format!("AI unavailable: {error}"),
        },
        HandoffReason::AiRequested { detail } if detail.trim().is_empty() => lang
            .pick("L'IA demande un humain", "The AI asks for a human")
            .to_owned(),
        HandoffReason::AiRequested { detail } => match lang {
            Lang::Fr => format!("L'IA demande un humain\u{a0}: {detail}"),
            Lang::En => format!("The AI asks for a human: {detail}"),
        },
        HandoffReason::AiTruncated => lang
            .pick(
                "Réponse de l'IA tronquée (max_tokens)",
                "The AI's reply was cut off (max_tokens)",
            )
            .to_owned(),
        HandoffReason::AiEmpty => lang
            .pick("L'IA n'a renvoyé aucun texte", "The AI returned no text")
            .to_owned(),
        HandoffReason::AiDailyBudget {
            spent_usd,
            budget_usd,
        } => match lang {
            Lang::Fr => format!(
                "Budget IA du jour atteint ({spent_usd:.2}\u{a0}$ / {budget_usd:.2}\u{a0}$)\u{a0}: l'IA reprend demain à 00:00 UTC"
            ),
            Lang::En => format!(
                "Today's AI budget is spent (${spent_usd:.2} / ${budget_usd:.2}): the AI resumes at 00:00 UTC"
            ),
        },
        HandoffReason::AiHourlyCeiling { calls } => match lang {
            Lang::Fr => format!("Plafond de {calls} appels IA par heure atteint pour cette conversation"),
            Lang::En => format!("This conversation reached its ceiling of {calls} AI calls per hour"),
        },
        HandoffReason::Note { text } => text.clone(),
    }
}

fn quote(words: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("«\u{a0}{words}\u{a0}»"),
        Lang::En => format!("“{words}”"),
    }
}

fn urgency(kind: UrgencyKind, lang: Lang) -> &'static str {
    match kind {
        UrgencyKind::Declared => lang.pick(
            "signalé urgent par le voyageur",
            "the guest says it is urgent",
        ),
        UrgencyKind::Safety => lang.pick("sécurité", "safety"),
        UrgencyKind::Lockout => lang.pick("voyageur bloqué dehors", "guest locked out"),
        UrgencyKind::Water => lang.pick("fuite ou dégât des eaux", "water leak or damage"),
        UrgencyKind::Gas => lang.pick("gaz", "gas"),
        UrgencyKind::Electricity => lang.pick("panne d'électricité", "power cut"),
        UrgencyKind::Heating => lang.pick(
            "panne de chauffage ou d'eau chaude",
            "heating or hot water failure",
        ),
        UrgencyKind::Noise => lang.pick("plainte pour bruit", "noise complaint"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_in_the_operators_language() {
        let reason = HandoffReason::FaqNotCovered {
            questions: vec!["restaurant ?".into()],
        };
        assert_eq!(
            describe(&reason, Lang::Fr),
            "La FAQ ne couvre pas\u{a0}: «\u{a0}restaurant ?\u{a0}»"
        );
        assert_eq!(
            describe(&reason, Lang::En),
            "The FAQ does not cover: “restaurant ?”"
        );
        let urgent = HandoffReason::Urgent {
            kind: Some(UrgencyKind::Water),
            excerpt: None,
        };
        assert_eq!(describe(&urgent, Lang::En), "URGENT (water leak or damage)");
        assert_eq!(
            describe(&urgent, Lang::Fr),
            "URGENT (fuite ou dégât des eaux)"
        );
    }

    #[test]
    fn a_legacy_sentence_is_shown_as_written_in_both_languages() {
        let legacy = HandoffReason::from_stored("la FAQ ne couvre pas : « resto »");
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(describe(&legacy, lang), "la FAQ ne couvre pas : « resto »");
        }
    }
}
