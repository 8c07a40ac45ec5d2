//! A new conciergerie's first look at its empty inbox: what to set up before guests write
//! (answers for the AI, saved replies, the team, the WhatsApp number), each with a link to its
//! tab.
//! Once everything is set up the plain "no conversations yet" message is enough.

use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::use_lang;
use super::icons::{icon, Icon};
use crate::api;
use crate::i18n::Localized;

/// One thing to set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Faqs,
    SavedReplies,
    /// Colleagues invited (Réglages → Équipe): done once the owner is not alone.
    Team,
    WhatsAppNumber,
}

impl Step {
    pub const ALL: [Step; 4] = [
        Step::Faqs,
        Step::SavedReplies,
        Step::Team,
        Step::WhatsAppNumber,
    ];

    /// The tab where it is done.
    fn href(self) -> &'static str {
        match self {
            Step::Faqs => "#/faq",
            Step::SavedReplies | Step::Team | Step::WhatsAppNumber => "#/settings",
        }
    }
}

/// What the conciergerie has set up so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Setup {
    pub faqs: usize,
    pub saved_replies: usize,
    pub has_number: bool,
    /// Members of the team, the owner included.
    pub members: usize,
}

impl Setup {
    pub fn done(self, step: Step) -> bool {
        match step {
            Step::Faqs => self.faqs > 0,
            Step::SavedReplies => self.saved_replies > 0,
            Step::Team => self.members > 1,
            Step::WhatsAppNumber => self.has_number,
        }
    }

    pub fn complete(self) -> bool {
        Step::ALL.into_iter().all(|s| self.done(s))
    }
}

/// Reads the setup once; `None` while loading or when it could not be read (the checklist is
/// a help, never a blocker: nothing is shown then).
#[hook]
fn use_setup() -> Option<Setup> {
    let setup = use_state(|| None::<Setup>);
    {
        let setup = setup.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let (faqs, replies, settings, members) = futures::join!(
                    api::faqs(),
                    api::templates(),
                    api::settings(),
                    api::members()
                );
                if let (Ok(faqs), Ok(replies), Ok(settings), Ok(members)) =
                    (faqs, replies, settings, members)
                {
                    setup.set(Some(Setup {
                        faqs: faqs.len(),
                        saved_replies: replies.len(),
                        members: members.len(),
                        has_number: settings
                            .whatsapp_number
                            .is_some_and(|n| !n.trim().is_empty()),
                    }));
                }
            });
        });
    }
    *setup
}

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub setup: Setup,
}

/// The checklist itself (rendered from a known setup, so it can be tested without a server).
#[function_component]
pub fn Checklist(props: &ChecklistProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let label = |step: Step| match step {
        Step::Faqs => t.first_run_faqs,
        Step::SavedReplies => t.first_run_saved_replies,
        Step::Team => t.first_run_team,
        Step::WhatsAppNumber => t.first_run_number,
    };
    html! {
        <section class="first-run" id="first-run" aria-labelledby="first-run-title">
            <h3 id="first-run-title">{ t.first_run_title }</h3>
            <ol>
                { for Step::ALL.into_iter().map(|step| {
                    let done = props.setup.done(step);
                    html! {
                        <li class={classes!("first-run-step", done.then_some("done"))}>
                            <span class="first-run-mark" aria-hidden="true">
                                if done { { icon(Icon::Check) } }
                            </span>
                            <a href={step.href()}>{ label(step) }</a>
                            if done { <span class="visually-hidden">{ t.first_run_done }</span> }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// The checklist for the signed-in conciergerie, while something is left to set up.
#[function_component]
pub fn FirstRun() -> Html {
    match use_setup() {
        Some(setup) if !setup.complete() => html! { <Checklist {setup} /> },
        _ => Html::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn render(setup: Setup) -> String {
        yew::LocalServerRenderer::<Checklist>::with_props(ChecklistProps { setup })
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn a_new_conciergerie_sees_every_step_with_a_link_to_its_tab() {
        let html = render(Setup::default()).await;
        assert!(html.contains("href=\"#/faq\""), "{html}");
        assert_eq!(html.matches("href=\"#/settings\"").count(), 3, "{html}");
        assert!(html.contains("réponses types"), "{html}");
        assert!(html.contains("Invitez votre équipe"), "{html}");
        assert!(!html.contains("class=\"first-run-step done\""), "{html}");
    }

    #[test]
    fn the_checklist_is_done_once_everything_is_set_up() {
        let partial = Setup {
            faqs: 3,
            saved_replies: 0,
            has_number: true,
            members: 2,
        };
        assert!(partial.done(Step::Faqs) && !partial.done(Step::SavedReplies));
        assert!(!partial.complete());
        let all = Setup {
            saved_replies: 1,
            ..partial
        };
        assert!(all.complete());
    }
}
