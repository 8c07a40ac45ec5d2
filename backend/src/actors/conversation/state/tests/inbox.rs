//! Labels, closing, snoozing and renaming.

use super::*;

fn patch() -> ConversationPatch {
    ConversationPatch::default()
}

#[test]
fn a_snooze_wakes_when_its_time_comes_and_not_before() {
    let mut conv = conversation();
    let effects = conv.on_patch(
        ConversationPatch {
            snoozed_until: Some(Some(secs(3600))),
            ..patch()
        },
        AUTO,
        secs(0),
    );
    assert_eq!(effects, vec![Effect::SaveRow]);
    assert_eq!(conv.row().snoozed_until, Some(secs(3600)));
    assert!(conv.on_wake(secs(3599)).is_empty());
    assert_eq!(conv.on_wake(secs(3600)), vec![Effect::SaveRow]);
    assert_eq!(conv.row().snoozed_until, None);
    // Woken once: a second sweep finds nothing to do.
    assert!(conv.on_wake(secs(3700)).is_empty());
}

#[test]
fn a_guest_message_wakes_a_snoozed_conversation() {
    let mut conv = conversation();
    conv.on_patch(
        ConversationPatch {
            snoozed_until: Some(Some(secs(86_400))),
            ..patch()
        },
        OFF,
        secs(0),
    );
    let effects = conv.on_guest_message(&guest(1, "Bonjour ?", secs(10)), None, OFF, secs(10));
    assert!(effects.contains(&Effect::SaveRow));
    assert_eq!(conv.row().snoozed_until, None);
    // The AI is off: the woken conversation asks for a human.
    assert_eq!(conv.row().status, ConversationStatus::NeedsHuman);
}

#[test]
fn closing_ends_a_snooze_and_snoozing_a_closed_conversation_reopens_it() {
    let mut conv = conversation();
    conv.on_patch(
        ConversationPatch {
            snoozed_until: Some(Some(secs(3600))),
            ..patch()
        },
        AUTO,
        secs(0),
    );
    conv.on_patch(
        ConversationPatch {
            status: Some(ConversationStatus::Closed),
            ..patch()
        },
        AUTO,
        secs(1),
    );
    assert_eq!(conv.row().status, ConversationStatus::Closed);
    assert_eq!(conv.row().snoozed_until, None);

    conv.on_patch(
        ConversationPatch {
            snoozed_until: Some(Some(secs(7200))),
            ..patch()
        },
        AUTO,
        secs(2),
    );
    assert_eq!(conv.row().status, ConversationStatus::Open);
    assert_eq!(conv.row().snoozed_until, Some(secs(7200)));

    // "Rouvrir" brings it back at once.
    conv.on_patch(
        ConversationPatch {
            status: Some(ConversationStatus::Open),
            ..patch()
        },
        AUTO,
        secs(3),
    );
    assert_eq!(conv.row().snoozed_until, None);
}

#[test]
fn a_closed_conversation_keeps_the_ai_quiet_until_the_guest_writes() {
    let mut conv = conversation();
    conv.on_patch(
        ConversationPatch {
            status: Some(ConversationStatus::Closed),
            ..patch()
        },
        AUTO,
        secs(0),
    );
    assert_eq!(conv.ai_mode(AUTO, secs(1)), None);
    let effects = conv.on_guest_message(&guest(1, "Merci !", secs(5)), None, AUTO, secs(5));
    assert_eq!(conv.row().status, ConversationStatus::Open);
    assert!(scheduled(&effects).is_some());
}

#[test]
fn labels_are_saved_once_and_leave_a_pending_ai_answer_be() {
    let mut conv = conversation();
    let effects = conv.on_guest_message(&guest(1, "Le wifi ?", secs(0)), None, AUTO, secs(0));
    let generation = scheduled(&effects).expect("the AI is asked");
    let effects = conv.on_patch(
        ConversationPatch {
            labels: Some(vec![LabelId(3), LabelId(5)]),
            contact_name: Some("Camille Martin".into()),
            ..patch()
        },
        AUTO,
        secs(1),
    );
    assert_eq!(
        effects,
        vec![
            Effect::SaveLabels(vec![LabelId(3), LabelId(5)]),
            Effect::SaveRow
        ]
    );
    assert_eq!(conv.labels(), [LabelId(3), LabelId(5)]);
    assert_eq!(conv.row().contact_name.as_deref(), Some("Camille Martin"));
    // The burst window still closes on the same generation: the answer is still wanted.
    assert_eq!(
        conv.on_ai_due(generation, AUTO, secs(3)),
        vec![Effect::AskAi { generation }]
    );
    // The same labels again write nothing but the row.
    let effects = conv.on_patch(
        ConversationPatch {
            labels: Some(vec![LabelId(3), LabelId(5)]),
            ..patch()
        },
        AUTO,
        secs(4),
    );
    assert_eq!(effects, vec![Effect::SaveRow]);
}

#[test]
fn an_empty_contact_name_clears_it() {
    let mut conv = conversation();
    conv.on_patch(
        ConversationPatch {
            contact_name: Some("Camille".into()),
            ..patch()
        },
        AUTO,
        secs(0),
    );
    conv.on_patch(
        ConversationPatch {
            contact_name: Some(String::new()),
            ..patch()
        },
        AUTO,
        secs(1),
    );
    assert_eq!(conv.row().contact_name, None);
}
