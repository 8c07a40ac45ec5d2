//! An entry's answer in the guests' other languages, under its card in the FAQ tab: typed by the
//! operator, or drafted by Claude in one click ("fill in missing languages") and reviewed before
//! saving. Offline, the button explains that Claude is needed.

use protocol::faqs::{Faq, FaqPatch, Translations};
use protocol::GuestLanguage;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::i18n::{Lang, Localized};

/// The languages an entry is translated into (the FAQ is written in French).
const TARGETS: [GuestLanguage; 5] = [
    GuestLanguage::English,
    GuestLanguage::Spanish,
    GuestLanguage::German,
    GuestLanguage::Italian,
    GuestLanguage::Portuguese,
];

pub fn language_name(language: GuestLanguage, lang: Lang) -> &'static str {
    match language {
        GuestLanguage::French => lang.pick("Français", "French"),
        GuestLanguage::English => lang.pick("Anglais", "English"),
        GuestLanguage::Spanish => lang.pick("Espagnol", "Spanish"),
        GuestLanguage::German => lang.pick("Allemand", "German"),
        GuestLanguage::Italian => lang.pick("Italien", "Italian"),
        GuestLanguage::Portuguese => lang.pick("Portugais", "Portuguese"),
    }
}

/// Claude's drafts fill the empty fields only: what the operator typed stays.
pub fn merge_drafts(fields: &Translations, drafts: &Translations) -> Translations {
    let mut merged = fields.clone();
    for (language, text) in drafts {
        let empty = merged.get(language).is_none_or(|t| t.trim().is_empty());
        if empty {
            merged.insert(*language, text.clone());
        }
    }
    merged
}

#[derive(Properties, PartialEq)]
pub struct FaqTranslationsProps {
    pub faq: Faq,
    /// Claude is configured: the one-click translation is available.
    pub claude: bool,
    pub on_saved: Callback<Faq>,
}

#[derive(Clone, PartialEq)]
enum Note {
    Info(String),
    Error(String),
}

#[function_component]
pub fn FaqTranslations(props: &FaqTranslationsProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let open = use_state(|| false);
    let fields = use_state(|| props.faq.translations.clone());
    let busy = use_state(|| false);
    let note = use_state(|| None::<Note>);
    let id = props.faq.id;

    let filled = TARGETS
        .iter()
        .filter(|l| props.faq.translations.contains_key(l))
        .count();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let fill = {
        let (fields, busy, note, claude) =
            (fields.clone(), busy.clone(), note.clone(), props.claude);
        Callback::from(move |_| {
            if !claude {
                note.set(Some(Note::Info(t.faq_needs_claude.to_owned())));
                return;
            }
            let (fields, busy, note) = (fields.clone(), busy.clone(), note.clone());
            busy.set(true);
            spawn_local(async move {
                match api::draft_faq_translations(id).await {
                    Ok(draft) => {
                        fields.set(merge_drafts(&fields, &draft.translations));
                        note.set(Some(Note::Info(t.faq_review_drafts.to_owned())));
                    }
                    Err(e) => note.set(Some(Note::Error(e.message(lang)))),
                }
                busy.set(false);
            });
        })
    };
    let save = {
        let (fields, busy, note, on_saved) = (
            fields.clone(),
            busy.clone(),
            note.clone(),
            props.on_saved.clone(),
        );
        Callback::from(move |_| {
            let (fields, busy, note, on_saved) =
                (fields.clone(), busy.clone(), note.clone(), on_saved.clone());
            let patch = FaqPatch {
                translations: Some((*fields).clone()),
                ..Default::default()
            };
            busy.set(true);
            spawn_local(async move {
                match api::update_faq(id, &patch).await {
                    Ok(saved) => {
                        fields.set(saved.translations.clone());
                        note.set(Some(Note::Info(t.faq_translations_saved.to_owned())));
                        on_saved.emit(saved);
                    }
                    Err(e) => note.set(Some(Note::Error(e.message(lang)))),
                }
                busy.set(false);
            });
        })
    };

    html! {
        <div class="faq-translations" data-testid="faq-translations">
            <button type="button" class="btn btn-small btn-ghost" data-testid="faq-translations-toggle"
                aria-expanded={open.to_string()} onclick={toggle}>
                { icon(Icon::Chat) }{ format!("{} ({filled}/{})", t.faq_translations, TARGETS.len()) }
            </button>
            if *open {
                <div class="faq-translations-body">
                    { for TARGETS.iter().map(|language| {
                        let field_id = format!("faq-{id}-{language}");
                        let value = fields.get(language).cloned().unwrap_or_default();
                        let oninput = {
                            let (fields, language) = (fields.clone(), *language);
                            Callback::from(move |e: InputEvent| {
                                let mut next = (*fields).clone();
                                next.insert(language, input_value(&e));
                                fields.set(next);
                            })
                        };
                        html! {
                            <div class="field">
                                <label class="field-label" for={field_id.clone()}>{ language_name(*language, lang) }</label>
                                <textarea id={field_id} rows="2" {value} {oninput}
                                    data-lang={language.as_str()} />
                            </div>
                        }
                    }) }
                    if let Some(n) = &*note {
                        { match n {
                            Note::Info(text) => html! { <p class="muted" role="status">{ text.clone() }</p> },
                            Note::Error(text) => html! { <p class="notice notice-error" role="alert">{ text.clone() }</p> },
                        } }
                    }
                    <div class="form-actions">
                        <button type="button" class="btn btn-small btn-outline" data-testid="faq-fill-languages"
                            disabled={*busy} onclick={fill}>
                            { icon(Icon::Sparkles) }{ t.faq_fill_missing }
                        </button>
                        <button type="button" class="btn btn-small btn-primary" data-testid="faq-translations-save"
                            disabled={*busy} onclick={save}>
                            { if *busy { t.saving } else { t.faq_save_translations } }
                        </button>
                    </div>
                </div>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_fill_only_the_empty_fields() {
        let typed = Translations::from([
            (GuestLanguage::English, "Typed by hand".to_owned()),
            (GuestLanguage::Spanish, "  ".to_owned()),
        ]);
        let drafts = Translations::from([
            (GuestLanguage::English, "Claude's".to_owned()),
            (GuestLanguage::Spanish, "De Claude".to_owned()),
            (GuestLanguage::German, "Von Claude".to_owned()),
        ]);
        let merged = merge_drafts(&typed, &drafts);
        assert_eq!(merged[&GuestLanguage::English], "Typed by hand");
        assert_eq!(merged[&GuestLanguage::Spanish], "De Claude");
        assert_eq!(merged[&GuestLanguage::German], "Von Claude");
    }

    #[test]
    fn every_language_has_a_name_in_both_languages() {
        for language in GuestLanguage::ALL {
            assert!(!language_name(*language, Lang::Fr).is_empty());
            assert!(!language_name(*language, Lang::En).is_empty());
        }
    }
}
