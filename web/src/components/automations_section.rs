//! Réglages › Messages automatiques: the conciergerie's automations (a message timed from each
//! stay's arrival or departure, for every property or one), created, edited, switched on and off
//! and deleted. The timing and the form's rules are in `state::automations`.

use protocol::automations::{Automation, AutomationPatch};
use protocol::properties::Property;
use protocol::{AutomationAnchor, AutomationId};
use ui::components::form_field::FormField;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use super::properties_tab::{error_for, general_error, FieldError};
use super::stays_tab::property_options;
use crate::api;
use crate::api::Explain;
use crate::i18n::{Lang, Localized};
use crate::state::automations::{timing, AutomationDraft, DraftError};

const FIELDS: [&str; 8] = [
    "name",
    "property_id",
    "anchor",
    "offset_days",
    "send_time",
    "body",
    "content_sid",
    "content_variables",
];

fn draft_error(e: &DraftError, lang: Lang) -> FieldError {
    let t = lang.t();
    let message = match e {
        DraftError::Required(_) => t.field_required.to_owned(),
        DraftError::OffsetNotANumber => t.automation_not_a_number.to_owned(),
        DraftError::VariableLine(n) => format!("{} {n}", t.automation_variable_line),
    };
    FieldError {
        field: Some(e.field().to_owned()),
        message,
    }
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct AutomationFormProps {
    id: String,
    initial: AutomationDraft,
    properties: Vec<Property>,
    submit_label: &'static str,
    error: Option<FieldError>,
    saving: bool,
    on_submit: Callback<AutomationDraft>,
    on_cancel: Callback<()>,
}

#[function_component]
fn AutomationForm(props: &AutomationFormProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let draft = use_state(|| props.initial.clone());
    let edit = |apply: fn(&mut AutomationDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            apply(&mut next, input_value(&e));
            draft.set(next);
        })
    };
    let choose = |apply: fn(&mut AutomationDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut next = (*draft).clone();
            apply(&mut next, select_value(&e));
            draft.set(next);
        })
    };
    let onsubmit = {
        let (draft, on_submit) = (draft.clone(), props.on_submit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit((*draft).clone());
        })
    };
    let id = |field: &str| format!("{}-{field}", props.id);
    let err = &props.error;
    html! {
        <form class="edit-form card automation-form" {onsubmit} novalidate=true>
            { general_error(err, &FIELDS) }
            <FormField id={id("name")} label={t.automation_name} error={error_for(err, "name")}>
                <input id={id("name")} type="text" value={draft.name.clone()} autocomplete="off"
                    oninput={edit(|d, v| d.name = v)} />
            </FormField>
            <FormField id={id("property")} label={t.automation_property} error={error_for(err, "property_id")}>
                <select id={id("property")} onchange={choose(|d, v| d.property = v.parse().ok())}>
                    <option value="" selected={draft.property.is_none()}>{ t.automation_all_properties }</option>
                    { property_options(&props.properties, draft.property) }
                </select>
            </FormField>
            <div class="field-row">
                <FormField id={id("anchor")} label={t.automation_anchor}>
                    <select id={id("anchor")} onchange={choose(|d, v| {
                        d.anchor = v.parse().unwrap_or(AutomationAnchor::Arrival)
                    })}>
                        <option value="arrival" selected={draft.anchor == AutomationAnchor::Arrival}>{ t.automation_arrival }</option>
                        <option value="departure" selected={draft.anchor == AutomationAnchor::Departure}>{ t.automation_departure }</option>
                    </select>
                </FormField>
                <FormField id={id("offset")} label={t.automation_offset} error={error_for(err, "offset_days")}>
                    <input id={id("offset")} type="number" min="-30" max="30" step="1" value={draft.offset_days.clone()}
                        oninput={edit(|d, v| d.offset_days = v)} />
                </FormField>
                <FormField id={id("time")} label={t.automation_time} error={error_for(err, "send_time")}>
                    <input id={id("time")} type="time" value={draft.send_time.clone()}
                        oninput={edit(|d, v| d.send_time = v)} />
                </FormField>
            </div>
            <FormField id={id("body")} label={t.automation_body} hint={t.automation_body_hint} error={error_for(err, "body")}>
                <textarea id={id("body")} rows="4" value={draft.body.clone()}
                    oninput={edit(|d, v| d.body = v)} />
            </FormField>
            <FormField id={id("sid")} label={t.automation_template} hint={t.automation_template_hint} error={error_for(err, "content_sid")}>
                <input id={id("sid")} type="text" value={draft.content_sid.clone()} spellcheck="false"
                    autocomplete="off" placeholder="HX…" oninput={edit(|d, v| d.content_sid = v)} />
            </FormField>
            <FormField id={id("variables")} label={t.automation_variables} hint={t.automation_variables_hint} error={error_for(err, "content_variables")}>
                <textarea id={id("variables")} rows="2" value={draft.content_variables.clone()} spellcheck="false"
                    oninput={edit(|d, v| d.content_variables = v)} />
            </FormField>
            <div class="form-actions">
                <button type="button" class="btn btn-ghost"
                    onclick={let c = props.on_cancel.clone(); Callback::from(move |_| c.emit(()))}>{ t.cancel }</button>
                <button type="submit" id={id("submit")} class="btn btn-primary" disabled={props.saving}>
                    { if props.saving { t.saving } else { props.submit_label } }
                </button>
            </div>
        </form>
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Editing {
    Nothing,
    New,
    Automation(AutomationId),
}

type Loaded = Option<Result<Vec<Automation>, String>>;

/// Puts the saved automation in the list (replacing its old version).
fn with_saved(list: &Loaded, saved: Automation) -> Loaded {
    let mut list = match list {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    };
    match list.iter_mut().find(|a| a.id == saved.id) {
        Some(a) => *a = saved,
        None => list.push(saved),
    }
    Some(Ok(list))
}

#[function_component]
pub fn AutomationsSection() -> Html {
    let lang = use_lang();
    let t = lang.t();
    let automations = use_state(|| None::<Result<Vec<Automation>, String>>);
    let properties = use_state(Vec::<Property>::new);
    let editing = use_state(|| Editing::Nothing);
    let error = use_state(|| None::<FieldError>);
    let saving = use_state(|| false);
    let confirm = use_state(|| None::<AutomationId>);

    {
        let (automations, properties) = (automations.clone(), properties.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                automations.set(Some(api::automations().await.map_err(|e| e.message(lang))));
                if let Ok(list) = api::properties().await {
                    properties.set(list);
                }
            });
        });
    }

    let start = |what: Editing| {
        let (editing, error, confirm) = (editing.clone(), error.clone(), confirm.clone());
        Callback::from(move |_| {
            error.set(None);
            confirm.set(None);
            editing.set(what);
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(Editing::Nothing))
    };
    let on_submit = {
        let (automations, editing, error, saving) = (
            automations.clone(),
            editing.clone(),
            error.clone(),
            saving.clone(),
        );
        Callback::from(move |draft: AutomationDraft| {
            let target = *editing;
            let request = match target {
                Editing::Automation(id) => draft.to_patch().map(|p| (Some(id), None, Some(p))),
                _ => draft.to_new().map(|n| (None, Some(n), None)),
            };
            let (id, new, patch) = match request {
                Ok(request) => request,
                Err(e) => {
                    error.set(Some(draft_error(&e, lang)));
                    return;
                }
            };
            let (automations, editing, error, saving) = (
                automations.clone(),
                editing.clone(),
                error.clone(),
                saving.clone(),
            );
            saving.set(true);
            spawn_local(async move {
                let result = match (id, new, patch) {
                    (Some(id), _, Some(patch)) => api::update_automation(id, &patch).await,
                    (_, Some(new), _) => api::create_automation(&new).await,
                    _ => return,
                };
                saving.set(false);
                match result {
                    Ok(saved) => {
                        automations.set(with_saved(&automations, saved));
                        error.set(None);
                        editing.set(Editing::Nothing);
                    }
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
            });
        })
    };
    let toggle = |a: &Automation| {
        let (automations, error) = (automations.clone(), error.clone());
        let (id, enabled) = (a.id, !a.enabled);
        Callback::from(move |_| {
            let (automations, error) = (automations.clone(), error.clone());
            spawn_local(async move {
                let patch = AutomationPatch {
                    enabled: Some(enabled),
                    ..Default::default()
                };
                match api::update_automation(id, &patch).await {
                    Ok(saved) => automations.set(with_saved(&automations, saved)),
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
            });
        })
    };
    let delete = |id: AutomationId| {
        let (automations, confirm, error) = (automations.clone(), confirm.clone(), error.clone());
        Callback::from(move |_| {
            let (automations, confirm, error) =
                (automations.clone(), confirm.clone(), error.clone());
            spawn_local(async move {
                match api::delete_automation(id).await {
                    Ok(()) => {
                        if let Some(Ok(list)) = &*automations {
                            automations.set(Some(Ok(list
                                .iter()
                                .filter(|a| a.id != id)
                                .cloned()
                                .collect())));
                        }
                    }
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
                confirm.set(None);
            });
        })
    };

    let form = |id: String, initial: AutomationDraft, label: &'static str| {
        html! {
            <AutomationForm {id} {initial} properties={(*properties).clone()} submit_label={label}
                error={(*error).clone()} saving={*saving} on_submit={on_submit.clone()} on_cancel={cancel.clone()} />
        }
    };
    let property_name = |a: &Automation| match a.property_id {
        None => t.automation_all_properties.to_owned(),
        Some(id) => properties
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    };

    let list = match &*automations {
        None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        Some(Err(e)) => html! {
            <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p>
        },
        Some(Ok(list)) if list.is_empty() && *editing != Editing::New => html! {
            <p class="muted">{ t.automations_empty }</p>
        },
        Some(Ok(list)) => html! {
            <ul class="automation-list">
                { for list.iter().map(|a| {
                    if *editing == Editing::Automation(a.id) {
                        return html! { <li key={a.id.0}>{ form(format!("automation-{}", a.id), AutomationDraft::of(a), t.save) }</li> };
                    }
                    let confirming = *confirm == Some(a.id);
                    html! {
                        <li key={a.id.0} class={classes!("automation-row", (!a.enabled).then_some("automation-off"))}
                            data-testid="automation-card" data-automation-id={a.id.to_string()}>
                            <div class="automation-head">
                                <strong>{ a.name.clone() }</strong>
                                <button type="button" role="switch" aria-checked={a.enabled.to_string()}
                                    class={classes!("btn", "btn-small", if a.enabled { "btn-outline" } else { "btn-ghost" })}
                                    data-testid="automation-toggle" onclick={toggle(a)}>
                                    { icon(Icon::Power) }{ if a.enabled { t.automation_enabled } else { t.automation_disabled } }
                                </button>
                            </div>
                            <p class="muted small">
                                { icon(Icon::Clock) }{ timing(a.anchor, a.offset_days, &a.send_time, lang) }
                                { " · " }{ property_name(a) }
                            </p>
                            <p class="tpl-body">{ a.body.clone() }</p>
                            <p class="muted small">
                                { match &a.content_sid {
                                    Some(sid) => html! { <>{ format!("{} ", t.automation_with_template) }<code>{ sid.clone() }</code></> },
                                    None => html! { { t.automation_no_template } },
                                } }
                            </p>
                            <div class="card-actions">
                                if confirming {
                                    <span class="confirm-text">{ t.confirm_delete }</span>
                                    <button type="button" class="btn btn-small btn-ghost"
                                        onclick={let c = confirm.clone(); Callback::from(move |_| c.set(None))}>{ t.cancel }</button>
                                    <button type="button" class="btn btn-small btn-danger" data-testid="automation-delete-confirm"
                                        onclick={delete(a.id)}>{ t.delete }</button>
                                } else {
                                    <button type="button" class="btn-icon" aria-label={format!("{} {}", t.edit, a.name)}
                                        title={t.edit} data-testid="automation-edit" onclick={start(Editing::Automation(a.id))}>{ icon(Icon::Edit) }</button>
                                    <button type="button" class="btn-icon btn-danger-text" aria-label={format!("{} {}", t.delete, a.name)}
                                        title={t.delete} data-testid="automation-delete"
                                        onclick={let c = confirm.clone(); let id = a.id; Callback::from(move |_| c.set(Some(id)))}>
                                        { icon(Icon::Trash) }
                                    </button>
                                }
                            </div>
                        </li>
                    }
                }) }
            </ul>
        },
    };

    html! {
        <section class="settings-card card" aria-labelledby="automations-title">
            <header class="card-header">
                <div>
                    <h2 id="automations-title">{ icon(Icon::Clock) }{ t.automations_title }</h2>
                    <p class="muted small">{ t.automations_intro }</p>
                </div>
                if *editing != Editing::New {
                    <button type="button" id="automation-add" class="btn btn-primary btn-small" onclick={start(Editing::New)}>
                        { icon(Icon::Plus) }{ t.automation_add }
                    </button>
                }
            </header>
            if *editing == Editing::New {
                { form("automation-new".to_owned(), AutomationDraft::default(), t.automation_add) }
            } else if *editing == Editing::Nothing {
                { general_error(&error, &[]) }
            }
            { list }
        </section>
    }
}
