//! The feature-request form of both apps: title (required), description, priority. It files the
//! request itself (the operators' and the admin's routes differ) and hands the stored request to
//! the screen, which puts it on its board.

use protocol::feature_requests::{FeatureRequest, NewFeatureRequest};
use protocol::Priority;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{focus_id, input_value, select_value, use_lang};
use super::icons::{icon, Icon};
use crate::api::FeatureRequests;
use crate::i18n::{priority_label, Lang};

/// The server's limits (`feature_requests`), checked before sending.
pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;

/// What is wrong with the form before anything is sent, if anything.
pub fn check(title: &str, description: &str, lang: Lang) -> Option<&'static str> {
    let t = lang.ui();
    if title.trim().is_empty() {
        Some(t.field_required)
    } else if title.chars().count() > TITLE_MAX || description.chars().count() > DESCRIPTION_MAX {
        Some(t.too_long)
    } else {
        None
    }
}

#[derive(Properties, PartialEq)]
pub struct FeatureFormProps {
    /// Where it is filed: the operators' board, or the admin's.
    pub board: FeatureRequests,
    /// The fields' ids start with it (`idea` → `idea-title`, `idea-description`, …).
    pub id_prefix: &'static str,
    /// The submit button's words.
    pub submit: &'static str,
    #[prop_or_default]
    pub class: Classes,
    /// A line under the title.
    #[prop_or_default]
    pub help: Option<&'static str>,
    pub on_created: Callback<FeatureRequest>,
    /// Shows "Annuler" (and Escape closes the form).
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
}

#[function_component]
pub fn FeatureForm(props: &FeatureFormProps) -> Html {
    let lang = use_lang();
    let t = lang.ui();
    let title = use_state(String::new);
    let description = use_state(String::new);
    let priority = use_state(|| Priority::Medium);
    let title_error = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let saving = use_state(|| false);
    let id = |field: &str| format!("{}-{field}", props.id_prefix);
    let title_id = id("title");

    let onsubmit = {
        let (title, description, priority) = (title.clone(), description.clone(), priority.clone());
        let (title_error, error, saving) = (title_error.clone(), error.clone(), saving.clone());
        let (board, on_created, title_id) =
            (props.board, props.on_created.clone(), title_id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            if let Some(problem) = check(&title, &description, lang) {
                title_error.set(Some(problem.to_owned()));
                focus_id(&title_id);
                return;
            }
            title_error.set(None);
            let body = NewFeatureRequest {
                title: title.trim().to_owned(),
                description: description.trim().to_owned(),
                priority: *priority,
            };
            let (title, description, title_error, error, saving, on_created) = (
                title.clone(),
                description.clone(),
                title_error.clone(),
                error.clone(),
                saving.clone(),
                on_created.clone(),
            );
            saving.set(true);
            spawn_local(async move {
                match board.create(&body).await {
                    Ok(created) => {
                        title.set(String::new());
                        description.set(String::new());
                        error.set(None);
                        on_created.emit(created);
                    }
                    Err(e) if e.field() == Some("title") => {
                        title_error.set(Some(e.common_message(lang)))
                    }
                    Err(e) => error.set(Some(e.common_message(lang))),
                }
                saving.set(false);
            });
        })
    };
    let onkeydown = props.on_cancel.clone().map(|cancel| {
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                cancel.emit(());
            }
        })
    });
    let heading = id("heading");
    let title_error_id = id("title-error");
    html! {
        <form class={classes!("card", "feature-form", props.class.clone())} {onsubmit} {onkeydown}
            novalidate=true aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ icon(Icon::Bulb) }{ t.fr_new }</h2>
            if let Some(help) = props.help {
                <p class="muted small">{ help }</p>
            }
            if let Some(e) = &*error {
                <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p>
            }
            <div class="field">
                <label class="field-label" for={title_id.clone()}>{ t.fr_title }</label>
                <input id={title_id} type="text" value={(*title).clone()} maxlength={TITLE_MAX.to_string()}
                    aria-invalid={title_error.is_some().to_string()}
                    aria-describedby={title_error.is_some().then(|| title_error_id.clone())}
                    oninput={let s = title.clone(); Callback::from(move |e: InputEvent| s.set(input_value(&e)))} />
                if let Some(err) = &*title_error {
                    <p class="field-error" id={title_error_id.clone()}>{ icon(Icon::Alert) }{ err.clone() }</p>
                }
            </div>
            <div class="field">
                <label class="field-label" for={id("description")}>{ t.fr_description }</label>
                <textarea id={id("description")} rows="4" value={(*description).clone()}
                    oninput={let s = description.clone(); Callback::from(move |e: InputEvent| s.set(input_value(&e)))} />
            </div>
            <div class="field">
                <label class="field-label" for={id("priority")}>{ t.fr_priority }</label>
                <select id={id("priority")}
                    onchange={let p = priority.clone(); Callback::from(move |e: Event| {
                        if let Ok(v) = select_value(&e).parse::<Priority>() { p.set(v) }
                    })}>
                    { for Priority::ALL.iter().map(|p| html! {
                        <option value={p.as_str()} selected={*p == *priority}>{ priority_label(*p, lang) }</option>
                    }) }
                </select>
            </div>
            <div class="form-actions">
                if let Some(cancel) = &props.on_cancel {
                    <button type="button" class="btn btn-ghost" onclick={cancel.reform(|_: MouseEvent| ())}>{ t.cancel }</button>
                }
                <button type="submit" class="btn btn-primary" disabled={*saving}>
                    { if *saving { t.saving } else { props.submit } }
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_needs_a_title_within_the_servers_limits() {
        assert_eq!(check(" ", "", Lang::Fr), Some(Lang::Fr.ui().field_required));
        assert_eq!(check("Export PDF", "", Lang::Fr), None);
        assert_eq!(
            check(&"a".repeat(TITLE_MAX + 1), "", Lang::En),
            Some(Lang::En.ui().too_long)
        );
        assert_eq!(
            check("Export", &"é".repeat(DESCRIPTION_MAX + 1), Lang::En),
            Some(Lang::En.ui().too_long)
        );
    }

    #[tokio::test]
    async fn the_form_names_its_fields_after_the_screen_and_offers_cancel_when_asked() {
        let render = |on_cancel: Option<Callback<()>>| async move {
            yew::LocalServerRenderer::<FeatureForm>::with_props(FeatureFormProps {
                board: FeatureRequests::OPERATOR,
                id_prefix: "idea",
                submit: "Proposer",
                class: classes!("idea-form"),
                help: Some("Visible par l'équipe"),
                on_created: Callback::noop(),
                on_cancel,
            })
            .hydratable(false)
            .render()
            .await
        };
        let html = render(None).await;
        for id in [
            "idea-title",
            "idea-description",
            "idea-priority",
            "idea-heading",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
        }
        assert!(
            html.contains("Nouvelle demande") && html.contains("Proposer"),
            "{html}"
        );
        assert!(html.contains("Visible par l'équipe"));
        assert!(html.contains("Moyenne"), "medium priority offered: {html}");
        assert!(!html.contains("Annuler"), "{html}");
        assert!(render(Some(Callback::noop())).await.contains("Annuler"));
    }
}
