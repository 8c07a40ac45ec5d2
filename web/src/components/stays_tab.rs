//! Séjours: the bookings, filtered by property and dates; added, edited and cancelled by hand,
//! or imported from a CSV file with a report line by line.

use protocol::properties::Property;
use protocol::stays::{ImportReport, NewStay, Stay, StayPatch};
use protocol::{PropertyId, StayId, StayOrigin, StaySource, StayStatus};
use ui::components::form_field::FormField;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use super::properties_tab::{error_for, general_error, FieldError};
use super::stay_scheduled::StayScheduled;
use crate::api;
use crate::api::Explain;
use crate::i18n::{Lang, Localized};
use crate::state::stays::short_dates;

const SOURCES: [StaySource; 5] = [
    StaySource::Direct,
    StaySource::Airbnb,
    StaySource::Booking,
    StaySource::Vrbo,
    StaySource::Other,
];

/// Brand names stay as they are; the rest is translated.
pub fn source_label(source: StaySource, lang: Lang) -> &'static str {
    match source {
        StaySource::Direct => lang.t().stay_source_direct,
        StaySource::Airbnb => "Airbnb",
        StaySource::Booking => "Booking",
        StaySource::Vrbo => "VRBO",
        StaySource::Other => lang.t().stay_source_other,
    }
}

/// What the stay form holds, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct StayDraft {
    pub property: Option<PropertyId>,
    pub guest_name: String,
    pub whatsapp_number: String,
    pub arrival: String,
    pub departure: String,
    pub guests: String,
    pub source: StaySource,
}

impl StayDraft {
    fn new(property: Option<PropertyId>) -> Self {
        StayDraft {
            property,
            guest_name: String::new(),
            whatsapp_number: String::new(),
            arrival: String::new(),
            departure: String::new(),
            guests: String::new(),
            source: StaySource::Direct,
        }
    }

    fn of(s: &Stay) -> Self {
        StayDraft {
            property: Some(s.property_id),
            guest_name: s.guest_name.clone(),
            whatsapp_number: s.whatsapp_number.clone().unwrap_or_default(),
            arrival: s.arrival.to_string(),
            departure: s.departure.to_string(),
            guests: s.guests.map(|g| g.to_string()).unwrap_or_default(),
            source: s.source,
        }
    }

    fn number(&self) -> Option<String> {
        Some(self.whatsapp_number.trim().to_owned()).filter(|n| !n.is_empty())
    }

    /// `None` when empty; an unreadable count is sent as 0 for the server to refuse by name.
    fn guests(&self) -> Option<i32> {
        let raw = self.guests.trim();
        (!raw.is_empty()).then(|| raw.parse().unwrap_or(0))
    }

    /// The first required field left empty.
    pub fn missing(&self) -> Option<&'static str> {
        if self.property.is_none() {
            Some("property_id")
        } else if self.guest_name.trim().is_empty() {
            Some("guest_name")
        } else if self.arrival.is_empty() {
            Some("arrival")
        } else if self.departure.is_empty() {
            Some("departure")
        } else {
            None
        }
    }

    pub fn to_new(&self, property: PropertyId) -> NewStay {
        NewStay {
            property_id: property,
            guest_name: self.guest_name.trim().to_owned(),
            whatsapp_number: self.number(),
            phone_last_digits: None,
            arrival: self.arrival.clone(),
            departure: self.departure.clone(),
            guests: self.guests(),
            source: Some(self.source),
            external_uid: None,
        }
    }

    pub fn to_patch(&self, property: PropertyId) -> StayPatch {
        StayPatch {
            property_id: Some(property),
            guest_name: Some(self.guest_name.trim().to_owned()),
            whatsapp_number: Some(self.number()),
            phone_last_digits: None,
            arrival: Some(self.arrival.clone()),
            departure: Some(self.departure.clone()),
            guests: Some(self.guests()),
            source: Some(self.source),
            status: None,
        }
    }
}

const STAY_FIELDS: [&str; 7] = [
    "property_id",
    "guest_name",
    "whatsapp_number",
    "arrival",
    "departure",
    "guests",
    "source",
];

/// `<option>`s of the properties, the selected one marked.
pub fn property_options(properties: &[Property], selected: Option<PropertyId>) -> Html {
    html! {
        { for properties.iter().map(|p| html! {
            <option value={p.id.to_string()} selected={selected == Some(p.id)}>{ p.name.clone() }</option>
        }) }
    }
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct StayFormProps {
    id: String,
    initial: StayDraft,
    properties: Vec<Property>,
    submit_label: &'static str,
    error: Option<FieldError>,
    saving: bool,
    on_submit: Callback<StayDraft>,
    on_cancel: Callback<()>,
}

#[function_component]
fn StayForm(props: &StayFormProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let draft = use_state(|| props.initial.clone());
    let edit = |apply: fn(&mut StayDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            apply(&mut next, input_value(&e));
            draft.set(next);
        })
    };
    let choose = |apply: fn(&mut StayDraft, String)| {
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
        <form class="edit-form card stay-form" {onsubmit} novalidate=true>
            { general_error(err, &STAY_FIELDS) }
            <FormField id={id("property")} label={t.stay_property} error={error_for(err, "property_id")}>
                <select id={id("property")} onchange={choose(|d, v| d.property = v.parse().ok())}>
                    <option value="" selected={draft.property.is_none()} disabled=true>{ t.stay_property }</option>
                    { property_options(&props.properties, draft.property) }
                </select>
            </FormField>
            <FormField id={id("guest")} label={t.stay_guest} error={error_for(err, "guest_name")}>
                <input id={id("guest")} type="text" value={draft.guest_name.clone()} autocomplete="off"
                    oninput={edit(|d, v| d.guest_name = v)} />
            </FormField>
            <FormField id={id("whatsapp")} label={t.stay_whatsapp} error={error_for(err, "whatsapp_number")}>
                <input id={id("whatsapp")} type="tel" value={draft.whatsapp_number.clone()} placeholder="+33612345678"
                    oninput={edit(|d, v| d.whatsapp_number = v)} />
            </FormField>
            <div class="field-row">
                <FormField id={id("arrival")} label={t.stay_arrival} error={error_for(err, "arrival")}>
                    <input id={id("arrival")} type="date" value={draft.arrival.clone()}
                        oninput={edit(|d, v| d.arrival = v)} />
                </FormField>
                <FormField id={id("departure")} label={t.stay_departure} error={error_for(err, "departure")}>
                    <input id={id("departure")} type="date" value={draft.departure.clone()}
                        oninput={edit(|d, v| d.departure = v)} />
                </FormField>
            </div>
            <div class="field-row">
                <FormField id={id("guests")} label={t.stay_guests} error={error_for(err, "guests")}>
                    <input id={id("guests")} type="number" min="1" max="100" value={draft.guests.clone()}
                        oninput={edit(|d, v| d.guests = v)} />
                </FormField>
                <FormField id={id("source")} label={t.stay_source}>
                    <select id={id("source")} onchange={choose(|d, v| d.source = v.parse().unwrap_or(StaySource::Other))}>
                        { for SOURCES.into_iter().map(|s| html! {
                            <option value={s.as_str()} selected={draft.source == s}>{ source_label(s, lang) }</option>
                        }) }
                    </select>
                </FormField>
            </div>
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
    Stay(StayId),
}

/// The list's filters, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct ListFilter {
    property: Option<PropertyId>,
    from: String,
    to: String,
}

/// The import's outcome: the server's report, or why the file was refused as a whole.
#[derive(Debug, Clone, PartialEq)]
enum Imported {
    Running,
    Report(ImportReport),
    Refused(String),
}

/// A file's bytes, as the input gave it (sent untouched: the server says if it is not UTF-8).
async fn file_bytes(file: web_sys::File) -> Result<js_sys::Uint8Array, ()> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(drop)?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

#[function_component]
pub fn StaysTab() -> Html {
    let lang = use_lang();
    let t = lang.t();
    let properties = use_state(Vec::<Property>::new);
    let stays = use_state(|| None::<Result<Vec<Stay>, String>>);
    let filter = use_state(ListFilter::default);
    let editing = use_state(|| Editing::Nothing);
    let error = use_state(|| None::<FieldError>);
    let saving = use_state(|| false);
    let imported = use_state(|| None::<Imported>);
    let reload = use_state(|| 0u32);

    {
        let properties = properties.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(list) = api::properties().await {
                    properties.set(list);
                }
            });
        });
    }
    {
        let stays = stays.clone();
        use_effect_with(((*filter).clone(), *reload), move |(f, _)| {
            let f = f.clone();
            spawn_local(async move {
                let result = api::stays(f.property, &f.from, &f.to).await;
                stays.set(Some(result.map_err(|e| e.message(lang))));
            });
        });
    }

    let start = |what: Editing| {
        let (editing, error) = (editing.clone(), error.clone());
        Callback::from(move |_| {
            error.set(None);
            editing.set(what);
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(Editing::Nothing))
    };
    let refresh = {
        let reload = reload.clone();
        move || reload.set(*reload + 1)
    };
    let on_submit = {
        let (editing, error, saving) = (editing.clone(), error.clone(), saving.clone());
        let refresh = refresh.clone();
        Callback::from(move |draft: StayDraft| {
            if let Some(field) = draft.missing() {
                error.set(Some(FieldError {
                    field: Some(field.to_owned()),
                    message: lang.t().field_required.to_owned(),
                }));
                return;
            }
            let Some(property) = draft.property else {
                return;
            };
            let (editing, error, saving) = (editing.clone(), error.clone(), saving.clone());
            let refresh = refresh.clone();
            let target = *editing;
            saving.set(true);
            spawn_local(async move {
                let result = match target {
                    Editing::Stay(id) => api::update_stay(id, &draft.to_patch(property)).await,
                    _ => api::create_stay(&draft.to_new(property)).await,
                };
                saving.set(false);
                match result {
                    Ok(_) => {
                        error.set(None);
                        editing.set(Editing::Nothing);
                        refresh();
                    }
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
            });
        })
    };
    let set_status = |id: StayId, status: StayStatus| {
        let (error, refresh) = (error.clone(), refresh.clone());
        Callback::from(move |_| {
            let (error, refresh) = (error.clone(), refresh.clone());
            spawn_local(async move {
                let patch = StayPatch {
                    status: Some(status),
                    ..Default::default()
                };
                match api::update_stay(id, &patch).await {
                    Ok(_) => refresh(),
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
            });
        })
    };
    let remove = |id: StayId| {
        let (error, refresh) = (error.clone(), refresh.clone());
        Callback::from(move |_| {
            let (error, refresh) = (error.clone(), refresh.clone());
            spawn_local(async move {
                match api::delete_stay(id).await {
                    Ok(()) => refresh(),
                    Err(e) => error.set(Some(FieldError::of(&e, lang))),
                }
            });
        })
    };
    let on_file = {
        let (imported, refresh) = (imported.clone(), refresh.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // The same file can be chosen again after fixing it.
            input.set_value("");
            let (imported, refresh) = (imported.clone(), refresh.clone());
            imported.set(Some(Imported::Running));
            spawn_local(async move {
                let outcome = match file_bytes(file).await {
                    Err(()) => Imported::Refused(lang.t().csv_unreadable.to_owned()),
                    Ok(bytes) => match api::import_stays(bytes).await {
                        Ok(report) => Imported::Report(report),
                        Err(e) => Imported::Refused(e.message(lang)),
                    },
                };
                if matches!(outcome, Imported::Report(_)) {
                    refresh();
                }
                imported.set(Some(outcome));
            });
        })
    };

    let property_name = |id: PropertyId| {
        properties
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| format!("#{id}"))
    };
    let form = |id: String, initial: StayDraft, label: &'static str| {
        html! {
            <StayForm {id} {initial} properties={(*properties).clone()} submit_label={label}
                error={(*error).clone()} saving={*saving} on_submit={on_submit.clone()}
                on_cancel={cancel.clone()} />
        }
    };

    let list = match &*stays {
        None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        Some(Err(e)) => html! {
            <div class="notice notice-error" role="alert">
                { icon(Icon::Alert) }<span>{ e.clone() }</span>
                <button type="button" class="btn btn-small btn-outline"
                    onclick={let r = refresh.clone(); Callback::from(move |_| r())}>{ t.retry }</button>
            </div>
        },
        Some(Ok(list)) if list.is_empty() => html! {
            <div class="empty-card">
                <div class="empty-illustration">{ icon(Icon::Calendar) }</div>
                <p>{ if properties.is_empty() { t.stays_need_property } else { t.stays_empty } }</p>
            </div>
        },
        Some(Ok(list)) => html! {
            <ul class="card-list stay-list">
                { for list.iter().map(|s| {
                    if *editing == Editing::Stay(s.id) {
                        return html! { <li key={s.id.0}>{ form(format!("stay-{}", s.id), StayDraft::of(s), t.save) }</li> };
                    }
                    let cancelled = s.status == StayStatus::Cancelled;
                    let origin = match s.origin {
                        StayOrigin::Manual => None,
                        StayOrigin::Csv => Some(t.stay_origin_csv),
                        StayOrigin::Ical => Some(t.stay_origin_ical),
                    };
                    html! {
                        <li key={s.id.0} class={classes!("card", "stay-card", cancelled.then_some("stay-cancelled"))}
                            data-testid="stay-card" data-stay-id={s.id.to_string()}>
                            <div class="stay-main">
                                <h3>{ s.guest_name.clone() }
                                    if cancelled { <span class="chip chip-closed">{ t.stay_cancelled }</span> }
                                </h3>
                                <p class="stay-line">
                                    <span>{ icon(Icon::Home) }{ property_name(s.property_id) }</span>
                                    <span>{ icon(Icon::Calendar) }{ short_dates(s.arrival, s.departure, lang) }</span>
                                    if let Some(n) = s.guests { <span>{ icon(Icon::User) }{ n }</span> }
                                </p>
                                <p class="stay-line muted small">
                                    if let Some(number) = &s.whatsapp_number { <span>{ icon(Icon::Phone) }{ number.clone() }</span> }
                                    if let Some(digits) = &s.phone_last_digits { <span>{ icon(Icon::Phone) }{ format!("…{digits}") }</span> }
                                    <span>{ source_label(s.source, lang) }</span>
                                    if let Some(origin) = origin { <span>{ origin }</span> }
                                </p>
                            </div>
                            <div class="card-actions">
                                <button type="button" class="btn btn-small btn-ghost" data-testid="stay-edit" onclick={start(Editing::Stay(s.id))}>
                                    { icon(Icon::Edit) }{ t.edit }
                                </button>
                                if cancelled {
                                    <button type="button" class="btn btn-small btn-ghost" onclick={set_status(s.id, StayStatus::Confirmed)}>
                                        { icon(Icon::Undo) }{ t.stay_restore }
                                    </button>
                                    <button type="button" class="btn btn-small btn-ghost btn-danger-text" onclick={remove(s.id)}>
                                        { icon(Icon::Trash) }{ t.delete }
                                    </button>
                                } else {
                                    <button type="button" class="btn btn-small btn-ghost btn-danger-text" data-testid="stay-cancel"
                                        onclick={set_status(s.id, StayStatus::Cancelled)}>
                                        { icon(Icon::Close) }{ t.stay_cancel }
                                    </button>
                                }
                            </div>
                            <StayScheduled stay={s.id} />
                        </li>
                    }
                }) }
            </ul>
        },
    };

    let report = imported.as_ref().map(|outcome| match outcome {
        Imported::Running => html! { <p class="muted" role="status" aria-busy="true">{ t.csv_importing }</p> },
        Imported::Refused(message) => html! {
            <p class="notice notice-error" role="alert" id="csv-report">{ icon(Icon::Alert) }<span>{ message.clone() }</span></p>
        },
        Imported::Report(r) => html! {
            <div class={classes!("notice", if r.errors.is_empty() { "notice-ok" } else { "notice-warn" })} role="status" id="csv-report">
                <p>
                    <strong>{ format!("{} {}", r.created.len(), t.csv_created) }</strong>{ " · " }
                    <strong>{ format!("{} {}", r.updated.len(), t.csv_updated) }</strong>
                    if !r.errors.is_empty() { { " · " }<strong>{ format!("{} {}", r.errors.len(), t.csv_errors) }</strong> }
                </p>
                if !r.errors.is_empty() {
                    <ul class="csv-errors">
                        { for r.errors.iter().map(|e| html! {
                            <li data-testid="csv-error"><strong>{ format!("{} {}", t.csv_line, e.line) }</strong>{ format!("\u{a0}: {}", e.message) }</li>
                        }) }
                    </ul>
                }
            </div>
        },
    });

    let set_filter = |apply: fn(&mut ListFilter, String)| {
        let filter = filter.clone();
        Callback::from(move |value: String| {
            let mut next = (*filter).clone();
            apply(&mut next, value);
            filter.set(next);
        })
    };
    let on_property = set_filter(|f, v| f.property = v.parse().ok());
    let on_from = set_filter(|f, v| f.from = v);
    let on_to = set_filter(|f, v| f.to = v);
    let first_property = properties.first().map(|p| p.id);

    html! {
        <section class="page" aria-labelledby="stays-title">
            <header class="page-header">
                <div>
                    <h1 id="stays-title">{ t.stays_title }</h1>
                    <p class="muted">{ t.stays_intro }</p>
                </div>
                if *editing != Editing::New && !properties.is_empty() {
                    <button type="button" id="stay-add" class="btn btn-primary" onclick={start(Editing::New)}>
                        { icon(Icon::Plus) }{ t.stay_add }
                    </button>
                }
            </header>
            <div class="card csv-import">
                <label class="btn btn-outline" for="csv-file">{ icon(Icon::Paperclip) }{ t.csv_import }</label>
                <input id="csv-file" class="visually-hidden" type="file" accept=".csv,text/csv,text/plain" onchange={on_file} />
                <small class="field-hint">{ t.csv_hint }</small>
                { for report }
            </div>
            if *editing == Editing::New {
                { form("stay-new".to_owned(), StayDraft::new(filter.property.or(first_property)), t.stay_add) }
            } else if *editing == Editing::Nothing {
                { general_error(&error, &[]) }
            }
            <div class="filters stay-filters" role="group" aria-label={t.filters_label}>
                <select id="stay-filter-property" aria-label={t.stay_property}
                    onchange={Callback::from(move |e: Event| on_property.emit(select_value(&e)))}>
                    <option value="" selected={filter.property.is_none()}>{ t.stay_all_properties }</option>
                    { property_options(&properties, filter.property) }
                </select>
                <label class="inline-field">{ t.stay_from }
                    <input id="stay-filter-from" type="date" value={filter.from.clone()}
                        oninput={Callback::from(move |e: InputEvent| on_from.emit(input_value(&e)))} />
                </label>
                <label class="inline-field">{ t.stay_to }
                    <input id="stay-filter-to" type="date" value={filter.to.clone()}
                        oninput={Callback::from(move |e: InputEvent| on_to.emit(input_value(&e)))} />
                </label>
            </div>
            { list }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stay_draft_names_the_first_missing_field_and_sends_what_was_typed() {
        let mut draft = StayDraft::new(None);
        assert_eq!(draft.missing(), Some("property_id"));
        draft.property = Some(PropertyId(3));
        assert_eq!(draft.missing(), Some("guest_name"));
        draft.guest_name = " Alice ".into();
        draft.arrival = "2026-12-01".into();
        draft.departure = "2026-12-04".into();
        draft.guests = "x".into();
        assert_eq!(draft.missing(), None);
        let new = draft.to_new(PropertyId(3));
        assert_eq!(new.guest_name, "Alice");
        assert_eq!(new.whatsapp_number, None);
        assert_eq!(new.guests, Some(0), "left for the server to refuse by name");
        let patch = draft.to_patch(PropertyId(3));
        assert_eq!(
            patch.whatsapp_number,
            Some(None),
            "an emptied number is cleared"
        );
    }
}
