use chrono::TimeZone;

use super::*;

const BURST: Duration = Duration::from_millis(2500);

fn rules() -> Rules {
    Rules {
        burst_window: BURST,
        takeover_quiet: chrono::Duration::minutes(30),
        park_for: chrono::Duration::seconds(60),
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap()
}

fn secs(n: i64) -> DateTime<Utc> {
    t0() + chrono::Duration::seconds(n)
}

const AUTO: TenantAi = TenantAi {
    mode: AiMode::Auto,
    active: true,
};
const SUGGEST: TenantAi = TenantAi {
    mode: AiMode::Suggest,
    active: true,
};
const OFF: TenantAi = TenantAi {
    mode: AiMode::Off,
    active: true,
};

fn row() -> conversation::Model {
    conversation::Model {
        id: 7,
        conciergerie_id: 1,
        phone_number: "+33612345678".into(),
        contact_name: None,
        status: ConversationStatus::Open,
        ai_mode_override: None,
        ai_paused: false,
        ai_paused_until: None,
        last_message_at: None,
        last_message_preview: None,
        last_client_message_at: None,
        last_send_failed: false,
        unread_count: 0,
        ai_suggestion: None,
        handoff_reason: None,
        created_at: t0(),
        last_guest_message_id: None,
        ai_decided_message_id: None,
        urgent: false,
        stay_id: None,
        stay_link_manual: false,
        snoozed_until: None,
        assignee_id: None,
    }
}

fn conversation() -> Conversation {
    Conversation::new(row(), rules())
}

fn guest(id: i64, body: &str, at: DateTime<Utc>) -> message::Model {
    message::Model {
        id,
        conversation_id: 7,
        sender: Sender::Client,
        body: body.into(),
        external_id: Some(format!("SMguest{id}")),
        status: MessageStatus::Received,
        error_code: None,
        error_message: None,
        media: None,
        location: None,
        ai_suggestion: None,
        ai_engine: None,
        input_tokens: None,
        output_tokens: None,
        cache_creation_tokens: None,
        cache_read_tokens: None,
        client_ref: None,
        notice: None,
        author_id: None,
        created_at: at,
    }
}

fn reply(text: &str) -> AiAnswer {
    AiAnswer {
        decision: AiDecision::Reply(text.into()),
        engine: AiEngine::OfflineFaq,
        usage: None,
        failed: false,
        urgent: false,
    }
}

/// A hand-off for an uncovered question (its words as the reason's only parameter).
fn handoff(question: &str) -> AiAnswer {
    AiAnswer {
        decision: AiDecision::Handoff {
            reason: HandoffReason::FaqNotCovered {
                questions: vec![question.into()],
            },
            holding: "Un membre de l'équipe vous répond.".into(),
        },
        engine: AiEngine::OfflineFaq,
        usage: None,
        failed: false,
        urgent: false,
    }
}

fn scheduled(effects: &[Effect]) -> Option<u64> {
    effects.iter().find_map(|e| match e {
        Effect::ScheduleAi { generation, after } => {
            assert_eq!(*after, BURST);
            Some(*generation)
        }
        _ => None,
    })
}

fn inserted(effects: &[Effect]) -> Vec<(&NewOutgoing, bool)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Insert { message, deliver } => Some((message, *deliver)),
            _ => None,
        })
        .collect()
}

fn sent_to_guest(effects: &[Effect]) -> Vec<String> {
    inserted(effects)
        .into_iter()
        .filter(|(_, deliver)| *deliver)
        .map(|(m, _)| m.body.clone())
        .collect()
}

/// A guest message, the burst window closing, and the AI's answer.
fn answered(
    conv: &mut Conversation,
    id: i64,
    at: i64,
    tenant: TenantAi,
    answer: AiAnswer,
) -> Vec<Effect> {
    let effects = conv.on_guest_message(&guest(id, "question", secs(at)), None, tenant, secs(at));
    let generation = scheduled(&effects).expect("the AI is scheduled");
    let due = conv.on_ai_due(generation, tenant, secs(at + 3));
    assert_eq!(due, vec![Effect::AskAi { generation }]);
    conv.on_ai_result(generation, answer, tenant, secs(at + 4))
}

fn urgent(answer: AiAnswer) -> AiAnswer {
    AiAnswer {
        urgent: true,
        ..answer
    }
}

fn send(body: &str, from_suggestion: bool) -> OperatorReply {
    OperatorReply {
        body: body.into(),
        client_ref: None,
        from_suggestion,
        template: false,
        author: None,
        media: Vec::new(),
    }
}

#[test]
fn a_burst_of_guest_messages_gets_one_ai_request() {
    let mut conv = conversation();
    let first =
        scheduled(&conv.on_guest_message(&guest(1, "Bonjour", secs(0)), None, AUTO, secs(0)))
            .unwrap();
    let second =
        scheduled(&conv.on_guest_message(&guest(2, "Le wifi ?", secs(1)), None, AUTO, secs(1)))
            .unwrap();
    // The first wait ends with nothing to do: the second message restarted it.
    assert!(conv.on_ai_due(first, AUTO, secs(3)).is_empty());
    assert_eq!(
        conv.on_ai_due(second, AUTO, secs(4)),
        vec![Effect::AskAi { generation: second }]
    );
    assert_eq!(conv.row().unread_count, 2);
    assert_eq!(
        conv.row().last_message_preview.as_deref(),
        Some("Le wifi ?")
    );
}

#[test]
fn a_guest_message_handed_over_twice_counts_once() {
    let mut conv = conversation();
    let message = guest(1, "Bonjour", secs(0));
    assert!(!conv
        .on_guest_message(&message, None, AUTO, secs(0))
        .is_empty());
    assert!(conv
        .on_guest_message(&message, None, AUTO, secs(0))
        .is_empty());
    assert_eq!(conv.row().unread_count, 1);
}

#[test]
fn messages_read_by_the_start_up_replay_are_not_applied_again() {
    let mut conv = conversation();
    let replayed: Vec<_> = (1..=100).map(|id| guest(id, "?", secs(id))).collect();
    for message in &replayed {
        conv.on_guest_message(message, None, AUTO, secs(100));
    }
    conv.replayed();
    for message in &replayed {
        assert!(conv
            .on_guest_message(message, None, AUTO, secs(101))
            .is_empty());
    }
    // The hand-over still brings the guest's profile name, which the messages table lacks.
    assert_eq!(
        conv.on_guest_message(&replayed[99], Some("Camille".into()), AUTO, secs(101)),
        vec![Effect::SaveRow]
    );
    assert_eq!(conv.row().contact_name.as_deref(), Some("Camille"));
    assert_eq!(conv.row().unread_count, 100);
    conv.on_guest_message(&guest(101, "?", secs(102)), None, AUTO, secs(102));
    assert_eq!(conv.row().unread_count, 101);
}

#[test]
fn a_guest_message_handed_over_out_of_order_counts_but_keeps_the_newest_preview() {
    let mut conv = conversation();
    conv.on_guest_message(&guest(2, "second", secs(1)), None, AUTO, secs(1));
    conv.on_guest_message(&guest(1, "first", secs(0)), None, AUTO, secs(1));
    assert_eq!(conv.row().unread_count, 2);
    assert_eq!(conv.row().last_message_preview.as_deref(), Some("second"));
    assert_eq!(conv.row().last_guest_message_id, Some(2));
}

#[test]
fn an_ai_answer_overtaken_by_a_newer_guest_message_is_dropped() {
    let mut conv = conversation();
    let first =
        scheduled(&conv.on_guest_message(&guest(1, "Le wifi ?", secs(0)), None, AUTO, secs(0)))
            .unwrap();
    conv.on_ai_due(first, AUTO, secs(3));
    conv.on_guest_message(&guest(2, "Et le parking ?", secs(4)), None, AUTO, secs(4));
    assert!(conv
        .on_ai_result(first, reply("Le code est 1234"), AUTO, secs(5))
        .is_empty());
}

#[test]
fn an_ai_answer_overtaken_by_an_operator_reply_is_dropped() {
    let mut conv = conversation();
    let generation =
        scheduled(&conv.on_guest_message(&guest(1, "Le wifi ?", secs(0)), None, AUTO, secs(0)))
            .unwrap();
    conv.on_ai_due(generation, AUTO, secs(3));
    conv.on_operator_send(send("C'est 1234", false), secs(4))
        .unwrap();
    assert!(conv
        .on_ai_result(generation, reply("Le code est 1234"), AUTO, secs(5))
        .is_empty());
}

#[test]
fn an_auto_reply_is_sent_and_previewed() {
    let mut conv = conversation();
    let effects = answered(&mut conv, 1, 0, AUTO, reply("Le code est 1234"));
    assert_eq!(sent_to_guest(&effects), ["Le code est 1234"]);
    assert!(effects.contains(&Effect::SaveRow));
    assert_eq!(
        conv.row().last_message_preview.as_deref(),
        Some("Le code est 1234")
    );
    assert_eq!(conv.row().ai_decided_message_id, Some(1));
}

#[test]
fn an_operator_reply_silences_the_ai_for_the_quiet_period_and_flags_guests_meanwhile() {
    let mut conv = conversation();
    conv.on_guest_message(&guest(1, "Bonjour", secs(0)), None, AUTO, secs(0));
    conv.on_operator_send(send("Bonjour, je suis Léa", false), secs(10))
        .unwrap();
    assert!(conv.row().ai_paused);
    // Ten minutes later: the operator is in charge, the AI stays out, the guest is flagged.
    let later = secs(600);
    let effects = conv.on_guest_message(&guest(2, "Merci !", later), None, AUTO, later);
    assert_eq!(scheduled(&effects), None);
    assert_eq!(conv.row().status, ConversationStatus::NeedsHuman);
    // After the quiet period the AI answers again.
    let after = secs(10 + 31 * 60);
    let effects = conv.on_guest_message(&guest(3, "Le wifi ?", after), None, AUTO, after);
    assert!(scheduled(&effects).is_some());
}

#[test]
fn sending_a_suggestion_is_not_a_takeover_and_the_next_message_gets_one_too() {
    let mut conv = conversation();
    let effects = answered(&mut conv, 1, 0, SUGGEST, reply("Le code est 1234"));
    assert!(
        sent_to_guest(&effects).is_empty(),
        "suggest mode never sends"
    );
    assert_eq!(
        conv.row().ai_suggestion.as_deref(),
        Some("Le code est 1234")
    );
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::RecordSuggestion {
            guest_message_id: 1,
            ..
        }
    )));
    // Sent as proposed, then edited and marked as coming from the suggestion.
    conv.on_operator_send(send("Le code est 1234", false), secs(10))
        .unwrap();
    assert!(!conv.row().ai_paused);
    assert_eq!(conv.row().ai_suggestion, None);
    let effects = answered(&mut conv, 2, 20, SUGGEST, reply("Le parking est devant"));
    assert_eq!(
        conv.row().ai_suggestion.as_deref(),
        Some("Le parking est devant")
    );
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::Publish(ServerEvent::AiSuggestion { .. }))));
    conv.on_operator_send(send("Le parking est juste devant !", true), secs(30))
        .unwrap();
    assert!(!conv.row().ai_paused);
    let effects = conv.on_guest_message(&guest(3, "Merci", secs(40)), None, SUGGEST, secs(40));
    assert!(scheduled(&effects).is_some());
}

#[test]
fn a_hand_off_does_not_silence_the_ai_and_the_guest_gets_one_holding_message() {
    let mut conv = conversation();
    let effects = answered(&mut conv, 1, 0, AUTO, handoff("hors FAQ"));
    assert_eq!(conv.row().status, ConversationStatus::NeedsHuman);
    assert_eq!(sent_to_guest(&effects).len(), 1, "one holding message");
    assert!(inserted(&effects)
        .iter()
        .any(|(m, _)| m.notice == Some(Notice::Handoff)));
    // A later FAQ question is answered although a human is still awaited.
    let effects = answered(&mut conv, 2, 60, AUTO, reply("Le check-in est à 16 h"));
    assert_eq!(sent_to_guest(&effects), ["Le check-in est à 16 h"]);
    assert_eq!(conv.row().status, ConversationStatus::NeedsHuman);
    // A second uncovered question: noted for the operators, no second holding message.
    let effects = answered(&mut conv, 3, 120, AUTO, handoff("hors FAQ encore"));
    assert!(sent_to_guest(&effects).is_empty());
    assert_eq!(
        conv.row()
            .handoff_reason
            .as_deref()
            .map(HandoffReason::from_stored),
        Some(HandoffReason::FaqNotCovered {
            questions: vec!["hors FAQ encore".into()]
        })
    );
}

#[test]
fn marking_a_handed_off_conversation_treated_does_not_ask_the_ai_again() {
    let mut conv = conversation();
    answered(&mut conv, 1, 0, SUGGEST, handoff("hors FAQ"));
    let effects = conv.on_patch(
        ConversationPatch {
            status: Some(ConversationStatus::Open),
            ..Default::default()
        },
        SUGGEST,
        secs(60),
    );
    assert_eq!(effects, vec![Effect::SaveRow]);
    assert_eq!(conv.row().status, ConversationStatus::Open);
    assert_eq!(conv.row().handoff_reason, None);
    // Only a newer guest message brings the AI back.
    let effects =
        conv.on_guest_message(&guest(2, "Et le wifi ?", secs(70)), None, SUGGEST, secs(70));
    assert!(scheduled(&effects).is_some());
}

#[test]
fn handing_back_to_the_ai_answers_a_guest_still_waiting() {
    let mut conv = conversation();
    conv.on_guest_message(&guest(1, "Bonjour", secs(0)), None, AUTO, secs(0));
    conv.on_operator_send(send("Je regarde", false), secs(5))
        .unwrap();
    conv.on_guest_message(&guest(2, "Le wifi ?", secs(10)), None, AUTO, secs(10));
    let effects = conv.on_patch(
        ConversationPatch {
            ai_paused: Some(false),
            ..Default::default()
        },
        AUTO,
        secs(20),
    );
    assert!(scheduled(&effects).is_some());
}

#[test]
fn with_the_ai_off_a_guest_message_is_flagged_for_a_human_at_once() {
    let mut conv = conversation();
    let effects = conv.on_guest_message(&guest(1, "Bonjour", secs(0)), None, OFF, secs(0));
    assert_eq!(scheduled(&effects), None);
    assert_eq!(conv.row().status, ConversationStatus::NeedsHuman);
    assert!(effects.contains(&Effect::SaveRow));
    // The operator's reply clears the flag.
    conv.on_operator_send(send("Bonjour !", false), secs(5))
        .unwrap();
    assert_eq!(conv.row().status, ConversationStatus::Open);
}

#[test]
fn a_closed_conversation_is_reopened_by_a_guest_message() {
    let mut conv = Conversation::new(
        conversation::Model {
            status: ConversationStatus::Closed,
            ..row()
        },
        rules(),
    );
    let effects = conv.on_guest_message(
        &guest(1, "Re-bonjour", secs(0)),
        Some("Camille".into()),
        AUTO,
        secs(0),
    );
    assert_eq!(conv.row().status, ConversationStatus::Open);
    assert_eq!(conv.row().contact_name.as_deref(), Some("Camille"));
    assert!(scheduled(&effects).is_some());
}

#[test]
fn an_operator_reply_outside_the_24h_window_is_refused() {
    let mut conv = conversation();
    conv.on_guest_message(&guest(1, "Bonjour", secs(0)), None, OFF, secs(0));
    let a_day_later = secs(24 * 3600 + 1);
    assert_eq!(
        conv.on_operator_send(send("Bonjour", false), a_day_later),
        Err(SendRefused::OutsideWindow)
    );
    let just_in = secs(24 * 3600 - 1);
    let effects = conv
        .on_operator_send(send("Bonjour", false), just_in)
        .unwrap();
    assert_eq!(sent_to_guest(&effects), ["Bonjour"]);
}

#[test]
fn an_approved_template_goes_outside_the_24h_window() {
    let mut conv = conversation();
    conv.on_guest_message(&guest(1, "Bonjour", secs(0)), None, OFF, secs(0));
    let two_days_later = secs(48 * 3600);
    let template = OperatorReply {
        template: true,
        ..send("Votre arrivée demain", true)
    };
    let effects = conv.on_operator_send(template, two_days_later).unwrap();
    assert_eq!(sent_to_guest(&effects), ["Votre arrivée demain"]);
}

#[test]
fn a_conversation_without_guest_messages_cannot_be_written_to() {
    let mut conv = conversation();
    assert_eq!(
        conv.on_operator_send(send("Bonjour", false), secs(0)),
        Err(SendRefused::OutsideWindow)
    );
}

fn receipt(sid: &str, status: MessageStatus) -> Result<SendReceipt, SendFailure> {
    Ok(SendReceipt {
        external_id: sid.into(),
        status,
    })
}

fn report(sid: &str, status: MessageStatus) -> StatusReport {
    StatusReport {
        sid: sid.into(),
        status,
        error_code: None,
    }
}

fn saved_status(effects: &[Effect]) -> Option<MessageStatus> {
    effects.iter().find_map(|e| match e {
        Effect::SaveStatus(change) => Some(change.status),
        _ => None,
    })
}

#[test]
fn a_delivery_status_never_moves_backwards_and_a_failure_is_final() {
    let mut conv = conversation();
    conv.on_send_result(MessageId(5), receipt("SM1", MessageStatus::Queued));
    let effects = conv.on_status(report("SM1", MessageStatus::Read), secs(1));
    assert_eq!(saved_status(&effects), Some(MessageStatus::Read));
    assert!(conv
        .on_status(report("SM1", MessageStatus::Delivered), secs(2))
        .is_empty());
    assert!(conv
        .on_status(report("SM1", MessageStatus::Read), secs(3))
        .is_empty());

    conv.on_send_result(MessageId(6), receipt("SM2", MessageStatus::Queued));
    let effects = conv.on_status(
        StatusReport {
            error_code: Some("63016".into()),
            ..report("SM2", MessageStatus::Undelivered)
        },
        secs(4),
    );
    let Some(Effect::SaveStatus(change)) = effects.first() else {
        panic!("no status saved: {effects:?}");
    };
    assert_eq!(change.error_code.as_deref(), Some("63016"));
    assert!(change.error_message.is_some());
    assert!(conv.row().last_send_failed);
    assert!(effects.contains(&Effect::SaveRow));
    assert!(conv
        .on_status(report("SM2", MessageStatus::Read), secs(5))
        .is_empty());
}

#[test]
fn a_status_that_arrives_before_its_send_answer_is_parked_then_applied() {
    let mut conv = conversation();
    conv.on_guest_message(&guest(1, "Bonjour", secs(0)), None, OFF, secs(0));
    conv.on_operator_send(send("Bonjour !", false), secs(1))
        .unwrap();
    assert!(conv
        .on_status(report("SM9", MessageStatus::Delivered), secs(2))
        .is_empty());
    // An older status that arrives later still does not win.
    assert!(conv
        .on_status(report("SM9", MessageStatus::Sent), secs(2))
        .is_empty());
    assert!(
        !conv.is_settled(),
        "waits for the send and the parked status"
    );
    let effects = conv.on_send_result(MessageId(3), receipt("SM9", MessageStatus::Queued));
    let Some(Effect::SaveStatus(change)) = effects.first() else {
        panic!("no status saved: {effects:?}");
    };
    assert_eq!(change.status, MessageStatus::Delivered);
    assert_eq!(change.external_id.as_deref(), Some("SM9"));
    assert!(conv.is_settled());
}

#[test]
fn a_parked_status_whose_message_never_shows_up_is_dropped_after_a_while() {
    let mut conv = conversation();
    conv.on_status(report("SMlost", MessageStatus::Sent), secs(0));
    assert!(conv.on_tick(secs(30)).is_empty());
    assert_eq!(
        conv.on_tick(secs(61)),
        vec![Effect::StatusDropped {
            sid: "SMlost".into(),
            status: MessageStatus::Sent
        }]
    );
    assert!(conv.is_settled());
}

#[test]
fn a_failed_send_is_shown_as_failed() {
    let mut conv = conversation();
    let effects = conv.on_send_result(
        MessageId(4),
        Err(SendFailure::certain(
            Some("21211".into()),
            "invalid To".into(),
        )),
    );
    assert_eq!(saved_status(&effects), Some(MessageStatus::Failed));
    assert!(conv.row().last_send_failed);
}

#[test]
fn reading_and_discarding_write_only_when_something_changes() {
    let mut conv = conversation();
    assert!(conv.on_read().is_empty());
    assert!(conv.on_discard_suggestion().is_empty());
    answered(&mut conv, 1, 0, SUGGEST, reply("Le code est 1234"));
    assert_eq!(conv.on_read(), vec![Effect::SaveRow]);
    assert_eq!(conv.on_discard_suggestion(), vec![Effect::SaveRow]);
    assert_eq!(conv.row().unread_count, 0);
    assert_eq!(conv.row().ai_suggestion, None);
}

#[test]
fn an_urgent_answer_is_handed_off_even_in_auto_mode_and_flags_the_conversation() {
    let mut conv = conversation();
    let effects = answered(
        &mut conv,
        1,
        0,
        AUTO,
        urgent(reply("Coupez l'arrivée d'eau.")),
    );
    assert_eq!(conv.row().status, ConversationStatus::NeedsHuman);
    assert!(conv.row().urgent);
    assert!(conv.row().handoff_reason.is_some());
    // The AI's advice still reaches the guest, as the holding message.
    assert_eq!(sent_to_guest(&effects), vec!["Coupez l'arrivée d'eau."]);
    assert!(inserted(&effects)
        .iter()
        .any(|(m, _)| m.notice == Some(Notice::Handoff)));
}

#[test]
fn an_urgent_hand_off_stays_urgent_until_an_operator_replies() {
    let mut conv = conversation();
    answered(&mut conv, 1, 0, AUTO, urgent(handoff("URGENT (water)")));
    assert!(conv.row().urgent);
    // A later, ordinary answer does not lower it: nobody has dealt with the emergency yet.
    answered(&mut conv, 2, 10, AUTO, reply("Le wifi est « maison »."));
    assert!(conv.row().urgent);
    conv.on_operator_send(send("J'arrive.", false), secs(20))
        .unwrap();
    assert!(!conv.row().urgent);
}

#[test]
fn marking_an_urgent_conversation_treated_clears_the_flag() {
    let mut conv = conversation();
    answered(&mut conv, 1, 0, AUTO, urgent(handoff("URGENT (gas)")));
    conv.on_patch(
        ConversationPatch {
            status: Some(ConversationStatus::Open),
            ..Default::default()
        },
        AUTO,
        secs(10),
    );
    assert!(!conv.row().urgent);
}

#[test]
fn an_ordinary_hand_off_is_not_urgent() {
    let mut conv = conversation();
    answered(&mut conv, 1, 0, AUTO, handoff("Question hors FAQ"));
    assert_eq!(conv.row().status, ConversationStatus::NeedsHuman);
    assert!(!conv.row().urgent);
}

#[test]
fn a_note_is_stored_undelivered_and_changes_nothing_else() {
    let mut conv = conversation();
    let effects =
        conv.on_guest_message(&guest(1, "Le chauffe-eau ?", secs(0)), None, AUTO, secs(0));
    let generation = scheduled(&effects).expect("the AI is scheduled");
    let before = conv.row().clone();
    let effects = conv.on_note("Plombier prévenu".into(), None);
    let [Effect::Insert { message, deliver }] = effects.as_slice() else {
        panic!("one insert, nothing else: {effects:?}");
    };
    assert!(!deliver);
    assert_eq!(message.sender, Sender::Note);
    // Not a reply nor a takeover: the row is as it was, and the AI's pending answer stands.
    assert_eq!(conv.row(), &before);
    assert_eq!(
        conv.on_ai_due(generation, AUTO, secs(3)),
        vec![Effect::AskAi { generation }]
    );
}

mod inbox;

#[test]
fn assigning_a_conversation_leaves_the_ais_pending_answer_be() {
    let mut conv = conversation();
    let effects = conv.on_guest_message(&guest(1, "Le wifi ?", secs(0)), None, AUTO, secs(0));
    let generation = scheduled(&effects).expect("the AI is scheduled");
    assert_eq!(
        conv.on_assign(Some(protocol::MemberId(2))),
        vec![Effect::SaveRow]
    );
    assert_eq!(conv.row().assignee_id, Some(2));
    // Not a reply, not a takeover: the answer being prepared still goes out.
    assert_eq!(
        conv.on_ai_due(generation, AUTO, secs(3)),
        vec![Effect::AskAi { generation }]
    );
    conv.on_assign(None);
    assert_eq!(conv.row().assignee_id, None);
}
