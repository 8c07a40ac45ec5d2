//! Logements: the rentals (name, address, check-in and check-out times, arrival instructions,
//! calendar feeds) and each one's own knowledge entries, sensitive ones marked.

use protocol::faqs::{Faq, FaqPatch, NewFaq};
use protocol::properties::{NewProperty, Property, PropertyPatch};
use protocol::{FaqId, PropertyId};
use ui::components::form_field::FormField;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::{ApiError, Explain};
use crate::i18n::{Lang, Localized};

/// An error to show: on the field the API named, else above the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldError {
    pub field: Option<String>,
    pub message: String,
}

impl FieldError {
    pub fn of(e: &ApiError, lang: Lang) -> Self {
        FieldError {
            field: e.field().map(str::to_owned),
            message: e.message(lang),
        }
    }

    fn required(field: &str, lang: Lang) -> Self {
        FieldError {
            field: Some(field.to_owned()),
            message: lang.t().field_required.to_owned(),
        }
    }
}

/// The message for `field`, if the error is about it (a `FormField`'s `error`).
pub fn error_for(error: &Option<FieldError>, field: &str) -> Option<AttrValue> {
    error
        .as_ref()
        .filter(|e| e.field.as_deref() == Some(field))
        .map(|e| AttrValue::from(e.message.clone()))
}

/// The message when it is about no field the form shows.
pub fn general_error(error: &Option<FieldError>, fields: &[&str]) -> Html {
    match error {
        Some(e) if !e.field.as_deref().is_some_and(|f| fields.contains(&f)) => html! {
            <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.message.clone() }</span></p>
        },
        _ => Html::default(),
    }
}

/// What the property form holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PropertyDraft {
    pub name: String,
    pub address: String,
    pub check_in_time: String,
    pub check_out_time: String,
    pub arrival_instructions: String,
    /// IANA name; empty: the conciergerie's default zone (for a new property).
    pub time_zone: String,
    /// One URL per line.
    pub ical_urls: String,
}

/// Offered in the time-zone field (any IANA name may be typed): metropolitan France and its
/// neighbours, then the overseas departments and territories where French conciergeries work.
pub const COMMON_TIME_ZONES: [&str; 16] = [
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Zurich",
    "Europe/Monaco",
    "Europe/Madrid",
    "Europe/Lisbon",
    "Europe/London",
    "America/Guadeloupe",
    "America/Martinique",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Pacific/Tahiti",
    "Pacific/Noumea",
    "America/Montreal",
];

impl PropertyDraft {
    pub fn of(p: &Property) -> Self {
        PropertyDraft {
            name: p.name.clone(),
            address: p.address.clone(),
            check_in_time: p.check_in_time.clone(),
            check_out_time: p.check_out_time.clone(),
            arrival_instructions: p.arrival_instructions.clone(),
            time_zone: p.time_zone.clone(),
            ical_urls: p.ical_urls.join("\n"),
        }
    }

    fn urls(&self) -> Vec<String> {
        self.ical_urls
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Empty times and zone are left to the server's defaults (16:00, 11:00, the conciergerie's
    /// zone).
    pub fn to_new(&self) -> NewProperty {
        let time = |t: &str| Some(t.trim().to_owned()).filter(|t| !t.is_empty());
        NewProperty {
            name: self.name.trim().to_owned(),
            address: self.address.trim().to_owned(),
            check_in_time: time(&self.check_in_time),
            check_out_time: time(&self.check_out_time),
            arrival_instructions: self.arrival_instructions.trim().to_owned(),
            time_zone: time(&self.time_zone),
            ical_urls: self.urls(),
        }
    }

    pub fn to_patch(&self) -> PropertyPatch {
        let new = self.to_new();
        PropertyPatch {
            name: Some(new.name),
            address: Some(new.address),
            check_in_time: new.check_in_time,
            check_out_time: new.check_out_time,
            arrival_instructions: Some(new.arrival_instructions),
            time_zone: new.time_zone,
            ical_urls: Some(new.ical_urls),
        }
    }
}

#[derive(Properties, PartialEq)]
struct PropertyFormProps {
    id: String,
    initial: PropertyDraft,
    submit_label: &'static str,
    error: Option<FieldError>,
    saving: bool,
    on_submit: Callback<PropertyDraft>,
    on_cancel: Callback<()>,
}

const PROPERTY_FIELDS: [&str; 7] = [
    "name",
    "address",
    "check_in_time",
    "check_out_time",
    "time_zone",
    "arrival_instructions",
    "ical_urls",
];

#[function_component]
fn PropertyForm(props: &PropertyFormProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let draft = use_state(|| props.initial.clone());
    let edit = |apply: fn(&mut PropertyDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            apply(&mut next, input_value(&e));
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
        <form class="edit-form card property-form" {onsubmit} novalidate=true>
            { general_error(err, &PROPERTY_FIELDS) }
            <FormField id={id("name")} label={t.property_name} error={error_for(err, "name")}>
                <input id={id("name")} type="text" value={draft.name.clone()} autocomplete="off"
                    oninput={edit(|d, v| d.name = v)} />
            </FormField>
            <FormField id={id("address")} label={t.property_address} error={error_for(err, "address")}>
                <input id={id("address")} type="text" value={draft.address.clone()}
                    oninput={edit(|d, v| d.address = v)} />
            </FormField>
            <div class="field-row">
                <FormField id={id("check-in")} label={t.property_check_in} error={error_for(err, "check_in_time")}>
                    <input id={id("check-in")} type="time" value={draft.check_in_time.clone()}
                        oninput={edit(|d, v| d.check_in_time = v)} />
                </FormField>
                <FormField id={id("check-out")} label={t.property_check_out} error={error_for(err, "check_out_time")}>
                    <input id={id("check-out")} type="time" value={draft.check_out_time.clone()}
                        oninput={edit(|d, v| d.check_out_time = v)} />
                </FormField>
            </div>
            <FormField id={id("time-zone")} label={t.property_time_zone} hint={t.property_time_zone_hint} error={error_for(err, "time_zone")}>
                <input id={id("time-zone")} type="text" list={id("time-zones")} value={draft.time_zone.clone()}
                    placeholder={COMMON_TIME_ZONES[0]} spellcheck="false" autocomplete="off"
                    oninput={edit(|d, v| d.time_zone = v)} />
                <datalist id={id("time-zones")}>
                    { for COMMON_TIME_ZONES.iter().map(|zone| html! { <option value={*zone} /> }) }
                </datalist>
            </FormField>
            <FormField id={id("instructions")} label={t.property_instructions} error={error_for(err, "arrival_instructions")}>
                <textarea id={id("instructions")} rows="3" value={draft.arrival_instructions.clone()}
                    oninput={edit(|d, v| d.arrival_instructions = v)} />
            </FormField>
            <FormField id={id("ical")} label={t.property_ical} hint={t.property_ical_hint} error={error_for(err, "ical_urls")}>
                <textarea id={id("ical")} rows="2" value={draft.ical_urls.clone()} spellcheck="false"
                    oninput={edit(|d, v| d.ical_urls = v)} />
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
    Property(PropertyId),
}

#[function_component]
pub fn PropertiesTab() -> Html {
    let lang = use_lang();
    let t = lang.t();
    let properties = use_state(|| None::<Result<Vec<Property>, String>>);
    let editing = use_state(|| Editing::Nothing);
    let error = use_state(|| None::<FieldError>);
    let saving = use_state(|| false);
    let confirm = use_state(|| None::<PropertyId>);
    let reload = use_state(|| 0u32);

    {
        let properties = properties.clone();
        use_effect_with(*reload, move |_| {
            spawn_local(async move {
                properties.set(Some(api::properties().await.map_err(|e| e.message(lang))));
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
        let (properties, editing, error, saving) = (
            properties.clone(),
            editing.clone(),
            error.clone(),
            saving.clone(),
        );
        Callback::from(move |draft: PropertyDraft| {
            if draft.name.trim().is_empty() {
                error.set(Some(FieldError::required("name", lang)));
                return;
            }
            let (properties, editing, error, saving) = (
                properties.clone(),
                editing.clone(),
                error.clone(),
                saving.clone(),
            );
            let target = *editing;
            saving.set(true);
            spawn_local(async move {
                let result = match target {
                    Editing::Property(id) => api::update_property(id, &draft.to_patch()).await,
                    _ => api::create_property(&draft.to_new()).await,
                };
                saving.set(false);
                match result {
                    Ok(saved) => {
                        let mut list = match &*properties {
                            Some(Ok(list)) => list.clone(),
                            _ => Vec::new(),
                        };
                        match list.iter_mut().find(|p| p.id == saved.id) {
                            Some(p) => *p = saved,
                            None => list.push(saved),
                        }
                        properties.set(Some(Ok(list)));
                        error.set(None);
                        editing.set(Editing::Nothing);
                    }
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
            });
        })
    };
    let delete = |id: PropertyId| {
        let (properties, confirm, error) = (properties.clone(), confirm.clone(), error.clone());
        Callback::from(move |_| {
            let (properties, confirm, error) = (properties.clone(), confirm.clone(), error.clone());
            spawn_local(async move {
                match api::delete_property(id).await {
                    Ok(()) => {
                        if let Some(Ok(list)) = &*properties {
                            properties.set(Some(Ok(list
                                .iter()
                                .filter(|p| p.id != id)
                                .cloned()
                                .collect())));
                        }
                    }
                    Err(e) => {
                        let message = if e.code() == Some("conflict") {
                            lang.t().property_in_use.to_owned()
                        } else {
                            e.message(lang)
                        };
                        error.set(Some(FieldError {
                            field: None,
                            message,
                        }));
                    }
                }
                confirm.set(None);
            });
        })
    };

    let form = |id: String, initial: PropertyDraft, label: &'static str| {
        html! {
            <PropertyForm {id} {initial} submit_label={label} error={(*error).clone()}
                saving={*saving} on_submit={on_submit.clone()} on_cancel={cancel.clone()} />
        }
    };

    let list = match &*properties {
        None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        Some(Err(e)) => html! {
            <div class="notice notice-error" role="alert">
                { icon(Icon::Alert) }<span>{ e.clone() }</span>
                <button type="button" class="btn btn-small btn-outline"
                    onclick={let r = reload.clone(); Callback::from(move |_| r.set(*r + 1))}>{ t.retry }</button>
            </div>
        },
        Some(Ok(list)) if list.is_empty() && *editing != Editing::New => html! {
            <div class="empty-card">
                <div class="empty-illustration">{ icon(Icon::Home) }</div>
                <p>{ t.properties_empty }</p>
            </div>
        },
        Some(Ok(list)) => html! {
            <ul class="card-list">
                { for list.iter().map(|p| {
                    if *editing == Editing::Property(p.id) {
                        return html! { <li key={p.id.0}>{ form(format!("property-{}", p.id), PropertyDraft::of(p), t.save) }</li> };
                    }
                    let confirming = *confirm == Some(p.id);
                    html! {
                        <li key={p.id.0} class="card property-card" data-testid="property-card" data-property-id={p.id.to_string()}>
                            <h3>{ p.name.clone() }</h3>
                            if !p.address.is_empty() { <p class="muted">{ icon(Icon::MapPin) }{ p.address.clone() }</p> }
                            <p class="property-times">
                                <span>{ format!("{} {}", t.property_check_in, p.check_in_time) }</span>
                                <span>{ format!("{} {}", t.property_check_out, p.check_out_time) }</span>
                                <span data-testid="property-time-zone">{ icon(Icon::Clock) }{ p.time_zone.clone() }</span>
                                if !p.ical_urls.is_empty() {
                                    <span>{ icon(Icon::Calendar) }{ format!("{} {}", p.ical_urls.len(), t.property_calendars) }</span>
                                }
                            </p>
                            if !p.arrival_instructions.is_empty() {
                                <p class="property-instructions">{ p.arrival_instructions.clone() }</p>
                            }
                            if let Some(sync_error) = &p.last_sync_error {
                                <p class="notice notice-error">{ icon(Icon::Alert) }<span>{ format!("{} {sync_error}", t.property_sync_failed) }</span></p>
                            }
                            <div class="card-actions">
                                if confirming {
                                    <span class="confirm-text">{ t.confirm_delete }</span>
                                    <button type="button" class="btn btn-small btn-ghost"
                                        onclick={let c = confirm.clone(); Callback::from(move |_| c.set(None))}>{ t.cancel }</button>
                                    <button type="button" class="btn btn-small btn-danger" data-testid="property-delete-confirm" onclick={delete(p.id)}>
                                        { icon(Icon::Trash) }{ t.delete }
                                    </button>
                                } else {
                                    <button type="button" class="btn btn-small btn-ghost" data-testid="property-edit" onclick={start(Editing::Property(p.id))}>
                                        { icon(Icon::Edit) }{ t.edit }
                                    </button>
                                    <button type="button" class="btn btn-small btn-ghost btn-danger-text" data-testid="property-delete"
                                        onclick={let c = confirm.clone(); let id = p.id; Callback::from(move |_| c.set(Some(id)))}>
                                        { icon(Icon::Trash) }{ t.delete }
                                    </button>
                                }
                            </div>
                            <PropertyAnswers property={p.id} />
                        </li>
                    }
                }) }
            </ul>
        },
    };

    html! {
        <section class="page" aria-labelledby="properties-title">
            <header class="page-header">
                <div>
                    <h1 id="properties-title">{ t.properties_title }</h1>
                    <p class="muted">{ t.properties_intro }</p>
                </div>
                if *editing != Editing::New {
                    <button type="button" id="property-add" class="btn btn-primary" onclick={start(Editing::New)}>
                        { icon(Icon::Plus) }{ t.property_add }
                    </button>
                }
            </header>
            if *editing == Editing::New {
                { form("property-new".to_owned(), PropertyDraft::default(), t.property_add) }
            } else if *editing == Editing::Nothing {
                { general_error(&error, &[]) }
            }
            { list }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AnswerFormProps {
    id: String,
    question: String,
    answer: String,
    sensitive: bool,
    error: Option<FieldError>,
    saving: bool,
    on_submit: Callback<NewFaq>,
    on_cancel: Callback<()>,
}

/// Question, answer and the sensitive flag of one property entry.
#[function_component]
fn AnswerForm(props: &AnswerFormProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let question = use_state(|| props.question.clone());
    let answer = use_state(|| props.answer.clone());
    let sensitive = use_state(|| props.sensitive);
    let onsubmit = {
        let (question, answer, sensitive) = (question.clone(), answer.clone(), sensitive.clone());
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit(NewFaq {
                question: question.trim().to_owned(),
                answer: answer.trim().to_owned(),
                property_id: None,
                sensitive: *sensitive,
                translations: Default::default(),
            });
        })
    };
    let id = |field: &str| format!("{}-{field}", props.id);
    let err = &props.error;
    html! {
        <form class="edit-form answer-form" {onsubmit} novalidate=true>
            { general_error(err, &["question", "answer"]) }
            <FormField id={id("question")} label={t.faq_question} error={error_for(err, "question")}>
                <input id={id("question")} type="text" value={(*question).clone()} autocomplete="off"
                    oninput={let q = question.clone(); Callback::from(move |e: InputEvent| q.set(input_value(&e)))} />
            </FormField>
            <FormField id={id("answer")} label={t.faq_answer} error={error_for(err, "answer")}>
                <textarea id={id("answer")} rows="3" value={(*answer).clone()}
                    oninput={let a = answer.clone(); Callback::from(move |e: InputEvent| a.set(input_value(&e)))} />
            </FormField>
            <label class="checkbox">
                <input id={id("sensitive")} type="checkbox" checked={*sensitive}
                    onchange={let s = sensitive.clone(); Callback::from(move |_| s.set(!*s))} />
                <span>{ icon(Icon::Key) }{ t.sensitive }</span>
            </label>
            <small class="field-hint">{ t.sensitive_hint }</small>
            <div class="form-actions">
                <button type="button" class="btn btn-ghost"
                    onclick={let c = props.on_cancel.clone(); Callback::from(move |_| c.emit(()))}>{ t.cancel }</button>
                <button type="submit" id={id("submit")} class="btn btn-primary" disabled={props.saving}>
                    { if props.saving { t.saving } else { t.save } }
                </button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct PropertyAnswersProps {
    property: PropertyId,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum AnswerEditing {
    Nothing,
    New,
    Faq(FaqId),
}

/// The property's own knowledge entries, folded under the property card.
#[function_component]
fn PropertyAnswers(props: &PropertyAnswersProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let property = props.property;
    let open = use_state(|| false);
    let entries = use_state(|| None::<Result<Vec<Faq>, String>>);
    let editing = use_state(|| AnswerEditing::Nothing);
    let error = use_state(|| None::<FieldError>);
    let saving = use_state(|| false);

    {
        let entries = entries.clone();
        use_effect_with(*open, move |open| {
            if *open {
                spawn_local(async move {
                    entries.set(Some(
                        api::property_faqs(property)
                            .await
                            .map_err(|e| e.message(lang)),
                    ));
                });
            }
        });
    }

    let on_submit = {
        let (entries, editing, error, saving) = (
            entries.clone(),
            editing.clone(),
            error.clone(),
            saving.clone(),
        );
        Callback::from(move |mut entry: NewFaq| {
            for (field, value) in [("question", &entry.question), ("answer", &entry.answer)] {
                if value.is_empty() {
                    error.set(Some(FieldError::required(field, lang)));
                    return;
                }
            }
            entry.property_id = Some(property);
            let (entries, editing, error, saving) = (
                entries.clone(),
                editing.clone(),
                error.clone(),
                saving.clone(),
            );
            let target = *editing;
            saving.set(true);
            spawn_local(async move {
                let result = match target {
                    AnswerEditing::Faq(id) => {
                        let patch = FaqPatch {
                            question: Some(entry.question),
                            answer: Some(entry.answer),
                            property_id: None,
                            sensitive: Some(entry.sensitive),
                            // Per-language answers are edited in the FAQ tab; left untouched here.
                            translations: None,
                        };
                        api::update_faq(id, &patch).await
                    }
                    _ => api::create_faq(&entry).await,
                };
                saving.set(false);
                match result {
                    Ok(saved) => {
                        let mut list = match &*entries {
                            Some(Ok(list)) => list.clone(),
                            _ => Vec::new(),
                        };
                        match list.iter_mut().find(|f| f.id == saved.id) {
                            Some(f) => *f = saved,
                            None => list.push(saved),
                        }
                        entries.set(Some(Ok(list)));
                        error.set(None);
                        editing.set(AnswerEditing::Nothing);
                    }
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
            });
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(AnswerEditing::Nothing))
    };
    let start = |what: AnswerEditing| {
        let (editing, error) = (editing.clone(), error.clone());
        Callback::from(move |_| {
            error.set(None);
            editing.set(what);
        })
    };
    let remove = |id: FaqId| {
        let (entries, error) = (entries.clone(), error.clone());
        Callback::from(move |_| {
            let (entries, error) = (entries.clone(), error.clone());
            spawn_local(async move {
                match api::delete_faq(id).await {
                    Ok(()) => {
                        if let Some(Ok(list)) = &*entries {
                            entries.set(Some(Ok(list
                                .iter()
                                .filter(|f| f.id != id)
                                .cloned()
                                .collect())));
                        }
                    }
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
            });
        })
    };
    let form = |id: String, q: String, a: String, sensitive: bool| {
        html! {
            <AnswerForm {id} question={q} answer={a} {sensitive} error={(*error).clone()}
                saving={*saving} on_submit={on_submit.clone()} on_cancel={cancel.clone()} />
        }
    };

    let body = match &*entries {
        None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        Some(Err(e)) => html! { <p class="notice notice-error" role="alert">{ e.clone() }</p> },
        Some(Ok(list)) => html! {
            <>
                if list.is_empty() && *editing != AnswerEditing::New {
                    <p class="muted">{ t.property_answers_empty }</p>
                }
                <ul class="answer-list">
                    { for list.iter().map(|f| {
                        if *editing == AnswerEditing::Faq(f.id) {
                            return html! { <li key={f.id.0}>{ form(format!("answer-{}", f.id), f.question.clone(), f.answer.clone(), f.sensitive) }</li> };
                        }
                        html! {
                            <li key={f.id.0} class="answer" data-testid="property-answer">
                                <strong>{ f.question.clone() }</strong>
                                if f.sensitive {
                                    <span class="chip chip-sensitive" title={t.sensitive_hint}>{ icon(Icon::Key) }{ t.sensitive }</span>
                                }
                                <p>{ f.answer.clone() }</p>
                                <div class="card-actions">
                                    <button type="button" class="btn btn-small btn-ghost" onclick={start(AnswerEditing::Faq(f.id))}>
                                        { icon(Icon::Edit) }{ t.edit }
                                    </button>
                                    <button type="button" class="btn btn-small btn-ghost btn-danger-text" onclick={remove(f.id)}>
                                        { icon(Icon::Trash) }{ t.delete }
                                    </button>
                                </div>
                            </li>
                        }
                    }) }
                </ul>
                if *editing == AnswerEditing::New {
                    { form(format!("answer-new-{property}"), String::new(), String::new(), false) }
                } else {
                    { general_error(&error, &[]) }
                    <button type="button" class="btn btn-small btn-outline" data-testid="property-answer-add"
                        onclick={start(AnswerEditing::New)}>
                        { icon(Icon::Plus) }{ t.property_answer_add }
                    </button>
                }
            </>
        },
    };

    html! {
        <div class="property-answers">
            <button type="button" class="btn btn-small btn-ghost" data-testid="property-answers"
                aria-expanded={open.to_string()}
                onclick={let o = open.clone(); Callback::from(move |_| o.set(!*o))}>
                { icon(Icon::Faq) }{ t.property_answers }
            </button>
            if *open {
                <p class="muted small">{ t.property_answers_hint }</p>
                { body }
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_sends_one_url_per_line_and_leaves_empty_times_to_the_server() {
        let draft = PropertyDraft {
            name: " Studio ".into(),
            ical_urls: "https://a.example/1.ics\n\n  https://b.example/2.ics  \n".into(),
            ..Default::default()
        };
        let new = draft.to_new();
        assert_eq!(new.name, "Studio");
        assert_eq!(
            new.ical_urls,
            ["https://a.example/1.ics", "https://b.example/2.ics"]
        );
        assert_eq!(new.check_in_time, None);
        assert_eq!(draft.to_patch().ical_urls.unwrap().len(), 2);
    }
}
