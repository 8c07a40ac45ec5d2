//! Réglages › Étiquettes: the conciergerie's labels (name and colour from the palette), created,
//! recoloured and deleted here; put on conversations from the chat header.

use std::rc::Rc;

use protocol::labels::{Label, LabelPatch, NewLabel};
use protocol::LabelColour;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::i18n::{Lang, Localized};

#[derive(Properties, PartialEq)]
pub struct LabelsSettingsProps {
    pub labels: Rc<Vec<Label>>,
    /// The list after a change, for every screen that shows labels.
    pub on_labels: Callback<Vec<Label>>,
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// A palette colour's name in the operator's language.
pub fn colour_name(colour: LabelColour, lang: Lang) -> &'static str {
    let (fr, en) = match colour {
        LabelColour::Grey => ("Gris", "Grey"),
        LabelColour::Red => ("Rouge", "Red"),
        LabelColour::Orange => ("Orange", "Orange"),
        LabelColour::Yellow => ("Jaune", "Yellow"),
        LabelColour::Green => ("Vert", "Green"),
        LabelColour::Teal => ("Turquoise", "Teal"),
        LabelColour::Blue => ("Bleu", "Blue"),
        LabelColour::Purple => ("Violet", "Purple"),
        LabelColour::Pink => ("Rose", "Pink"),
    };
    lang.pick(fr, en)
}

fn colour_options(selected: LabelColour, lang: Lang) -> Html {
    html! {
        for LabelColour::ALL.iter().map(|c| html! {
            <option value={c.as_str()} selected={*c == selected}>{ colour_name(*c, lang) }</option>
        })
    }
}

#[function_component]
pub fn LabelsSettings(props: &LabelsSettingsProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let name = use_state(String::new);
    let colour = use_state(|| LabelColour::Blue);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    // Every change reloads the list, so renames and deletions by colleagues show up too.
    let reload = {
        let (on_labels, error) = (props.on_labels.clone(), error.clone());
        move || {
            let (on_labels, error) = (on_labels.clone(), error.clone());
            spawn_local(async move {
                match api::labels().await {
                    Ok(list) => on_labels.emit(list),
                    Err(e) => error.set(Some(e.message(lang))),
                }
            });
        }
    };

    let onsubmit = {
        let (name, colour, error, busy) =
            (name.clone(), colour.clone(), error.clone(), busy.clone());
        let reload = reload.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = NewLabel {
                name: (*name).trim().to_owned(),
                colour: *colour,
            };
            let (name, error, busy, reload) =
                (name.clone(), error.clone(), busy.clone(), reload.clone());
            busy.set(true);
            spawn_local(async move {
                match api::create_label(&body).await {
                    Ok(_) => {
                        name.set(String::new());
                        error.set(None);
                        reload();
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
                busy.set(false);
            });
        })
    };

    let rows = props.labels.iter().map(|label| {
        let id = label.id;
        let on_colour = {
            let (error, reload) = (error.clone(), reload.clone());
            Callback::from(move |e: Event| {
                let Ok(colour) = select_value(&e).parse::<LabelColour>() else {
                    return;
                };
                let (error, reload) = (error.clone(), reload.clone());
                spawn_local(async move {
                    let patch = LabelPatch { colour: Some(colour), ..Default::default() };
                    match api::update_label(id, &patch).await {
                        Ok(_) => reload(),
                        Err(e) => error.set(Some(e.message(lang))),
                    }
                });
            })
        };
        // Renamed when the field is left (or Enter): `change` fires once per edit.
        let on_rename = {
            let (error, reload) = (error.clone(), reload.clone());
            let current = label.name.clone();
            Callback::from(move |e: Event| {
                let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                    return;
                };
                let name = input.value().trim().to_owned();
                if name.is_empty() || name == current {
                    input.set_value(&current);
                    return;
                }
                let (error, reload) = (error.clone(), reload.clone());
                spawn_local(async move {
                    let patch = LabelPatch { name: Some(name), ..Default::default() };
                    match api::update_label(id, &patch).await {
                        Ok(_) => {
                            error.set(None);
                            reload();
                        }
                        Err(e) => error.set(Some(e.message(lang))),
                    }
                });
            })
        };
        let on_delete = {
            let (error, reload) = (error.clone(), reload.clone());
            Callback::from(move |_| {
                let (error, reload) = (error.clone(), reload.clone());
                spawn_local(async move {
                    match api::delete_label(id).await {
                        Ok(()) => reload(),
                        Err(e) => error.set(Some(e.message(lang))),
                    }
                });
            })
        };
        html! {
            <li class="label-row" key={id.0}>
                <span class={classes!("label-chip", format!("label-{}", label.colour))}>{ &label.name }</span>
                <input type="text" class="label-rename" maxlength="40" aria-label={t.label_name}
                    value={label.name.clone()} onchange={on_rename} />
                <select aria-label={t.label_colour} onchange={on_colour}>{ colour_options(label.colour, lang) }</select>
                <button type="button" class="btn-icon" aria-label={t.label_delete} title={t.label_delete}
                    onclick={on_delete}>{ icon(Icon::Trash) }</button>
            </li>
        }
    });

    html! {
        <section class="card labels-settings" id="labels-settings">
            <h2>{ t.labels_settings }</h2>
            <p class="muted">{ t.labels_settings_hint }</p>
            if let Some(e) = &*error {
                <p class="notice notice-error" role="alert">{ e }</p>
            }
            <ul class="label-list">{ for rows }</ul>
            <form class="label-form" {onsubmit}>
                <input id="label-name" type="text" maxlength="40" required=true placeholder={t.label_name}
                    aria-label={t.label_name} value={(*name).clone()}
                    oninput={let name = name.clone(); Callback::from(move |e: InputEvent| name.set(input_value(&e)))} />
                <select id="label-colour" aria-label={t.label_colour}
                    onchange={let colour = colour.clone(); Callback::from(move |e: Event| {
                        if let Ok(c) = select_value(&e).parse() { colour.set(c) }
                    })}>
                    { colour_options(*colour, lang) }
                </select>
                <button type="submit" class="btn btn-primary" disabled={*busy || name.trim().is_empty()}>
                    { icon(Icon::Plus) }{ t.label_add }
                </button>
            </form>
        </section>
    }
}
