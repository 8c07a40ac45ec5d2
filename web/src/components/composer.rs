//! The reply box: Enter sends, Shift+Enter goes to the line, `/shortcut` inserts a saved reply
//! (arrows to choose, Enter or Tab to insert, Escape to ignore). Disabled with the reason shown
//! when WhatsApp's 24 h window is closed.

use std::rc::Rc;

use protocol::templates::Template;
use yew::prelude::*;

use super::attach::{attach_button, attach_chip, AttachSlot};
use super::hooks::{input_value, use_lang};
use super::icons::{icon, Icon};
use crate::format::thousands;
use crate::i18n::Localized;
use crate::state::drafts::{Length, WHATSAPP_MAX_CHARS};
use crate::state::templates::{insert, matching, slash_token};

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    pub value: String,
    pub on_input: Callback<String>,
    pub on_send: Callback<()>,
    #[prop_or_default]
    pub templates: Rc<Vec<Template>>,
    /// Why the operator cannot reply now (the composer is disabled when set).
    #[prop_or_default]
    pub disabled_reason: Option<String>,
    /// Bump to move the keyboard focus into the box (e.g. after "edit suggestion").
    #[prop_or_default]
    pub focus_seq: u32,
    /// "Note interne" is on: the text becomes a private note for the team, never sent to the
    /// guest (so WhatsApp's window and length limit do not apply).
    #[prop_or_default]
    pub note: bool,
    /// Flips the note toggle; without it the toggle is not shown.
    #[prop_or_default]
    pub on_note: Option<Callback<bool>>,
    /// The paperclip and the uploaded file; without it no attachment can be added.
    #[prop_or_default]
    pub attach: Option<AttachSlot>,
}

#[function_component]
pub fn Composer(props: &ComposerProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let textarea = use_node_ref();
    let highlight = use_state(|| 0usize);
    let dismissed = use_state(|| None::<String>);
    let note = props.note;
    let disabled = props.disabled_reason.is_some() && !note;

    {
        let textarea = textarea.clone();
        use_effect_with(props.focus_seq, move |seq| {
            if *seq > 0 {
                if let Some(el) = textarea.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let token = slash_token(&props.value)
        .filter(|tok| !disabled && dismissed.as_deref() != Some(*tok))
        .map(str::to_owned);
    let matches: Vec<Template> = token
        .as_deref()
        .map(|tok| {
            matching(&props.templates, tok)
                .into_iter()
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let popup_open = token.is_some();
    let hl = (*highlight).min(matches.len().saturating_sub(1));

    let choose = {
        let value = props.value.clone();
        let on_input = props.on_input.clone();
        let highlight = highlight.clone();
        Callback::from(move |tpl: Template| {
            on_input.emit(insert(&value, &tpl));
            highlight.set(0);
        })
    };

    let onkeydown = {
        let matches = matches.clone();
        let on_send = props.on_send.clone();
        let highlight = highlight.clone();
        let dismissed = dismissed.clone();
        let choose = choose.clone();
        let token = token.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.is_composing() {
                return;
            }
            let key = e.key();
            if popup_open && !matches.is_empty() {
                match key.as_str() {
                    "ArrowDown" => {
                        e.prevent_default();
                        highlight.set((hl + 1) % matches.len());
                        return;
                    }
                    "ArrowUp" => {
                        e.prevent_default();
                        highlight.set((hl + matches.len() - 1) % matches.len());
                        return;
                    }
                    "Enter" | "Tab" if !e.shift_key() => {
                        e.prevent_default();
                        choose.emit(matches[hl].clone());
                        return;
                    }
                    _ => {}
                }
            }
            if popup_open && key == "Escape" {
                e.prevent_default();
                dismissed.set(token.clone());
                return;
            }
            if key == "Enter" && !e.shift_key() {
                e.prevent_default();
                on_send.emit(());
            }
        })
    };

    let oninput = {
        let on_input = props.on_input.clone();
        let highlight = highlight.clone();
        Callback::from(move |e: InputEvent| {
            highlight.set(0);
            on_input.emit(input_value(&e));
        })
    };

    let open_templates = {
        let value = props.value.clone();
        let on_input = props.on_input.clone();
        let textarea = textarea.clone();
        let dismissed = dismissed.clone();
        Callback::from(move |_| {
            dismissed.set(None);
            if slash_token(&value).is_none() {
                let sep = if value.is_empty() || value.ends_with(char::is_whitespace) {
                    ""
                } else {
                    " "
                };
                on_input.emit(format!("{value}{sep}/"));
            }
            if let Some(el) = textarea.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let send = {
        let on_send = props.on_send.clone();
        Callback::from(move |_| on_send.emit(()))
    };

    let popup = popup_open.then(|| {
        if props.templates.is_empty() {
            // None saved yet: say where they are made, rather than a dead end.
            html! {
                <div class="tpl-popup tpl-empty tpl-first" role="status">
                    <span>{ t.templates_none_yet }</span>
                    <a href="#/settings" id="tpl-create" class="btn btn-small btn-outline">{ icon(Icon::Plus) }{ t.templates_create_first }</a>
                </div>
            }
        } else if matches.is_empty() {
            html! { <div class="tpl-popup tpl-empty" role="status">{ lang.no_template(token.as_deref().unwrap_or_default()) }</div> }
        } else {
            html! {
                <ul class="tpl-popup" id="tpl-list" role="listbox" aria-label={t.templates_popup}>
                    { for matches.iter().enumerate().map(|(i, tpl)| {
                        let choose = choose.clone();
                        let tpl_clone = tpl.clone();
                        html! {
                            <li id={format!("tpl-{i}")} role="option" aria-selected={(i == hl).to_string()}
                                class={classes!("tpl-option", (i == hl).then_some("active"))}
                                onmousedown={Callback::from(move |e: MouseEvent| {
                                    e.prevent_default();
                                    choose.emit(tpl_clone.clone());
                                })}>
                                <span class="tpl-shortcut">{ format!("/{}", tpl.shortcut) }</span>
                                <span class="tpl-body">{ tpl.body.clone() }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        }
    });

    // A note is text only; a reply may be a file alone.
    let attach = props.attach.as_ref().filter(|_| !note);
    let has_file = attach.is_some_and(|a| a.file.is_some());
    let can_send = !disabled
        && (!props.value.trim().is_empty() || has_file)
        && !attach.is_some_and(AttachSlot::blocks_send);
    // Warns before WhatsApp's limit; sending stays possible (the server says what it accepts).
    let length = if note {
        Length::Fine
    } else {
        Length::of(&props.value)
    };
    let counter = match length {
        Length::Fine => Html::default(),
        Length::Near { chars } | Length::Over { chars } => {
            let over = chars > WHATSAPP_MAX_CHARS;
            let (used, max) = (
                thousands(chars as i64, lang),
                thousands(WHATSAPP_MAX_CHARS as i64, lang),
            );
            html! {
                <p id="composer-count" class={classes!("composer-count", over.then_some("over"))} aria-live="polite">
                    if over { { icon(Icon::Alert) }<span>{ t.length_over }{ " · " }</span> }
                    <span>{ lang.chars_of(&used, &max) }</span>
                </p>
            }
        }
    };
    html! {
        <div class={classes!("composer", disabled.then_some("disabled"), note.then_some("composer-note"))}>
            if let Some(on_note) = &props.on_note {
                <label class="note-toggle" title={t.note_toggle_title}>
                    <input type="checkbox" id="note-toggle" checked={note}
                        onchange={let on_note = on_note.clone(); Callback::from(move |_| on_note.emit(!note))} />
                    { icon(Icon::Edit) }<span>{ t.note_label }</span>
                </label>
            }
            if let (Some(reason), false) = (&props.disabled_reason, note) {
                <p class="composer-blocked" id="composer-blocked" role="note">{ icon(Icon::Clock) }<span>{ reason.clone() }</span></p>
            }
            { popup }
            if let Some(slot) = attach {
                { attach_chip(slot, lang) }
            }
            <div class="composer-row">
                <button type="button" class="btn-icon composer-tpl" aria-label={t.insert_template}
                    title={t.insert_template} disabled={disabled} onclick={open_templates}>
                    { icon(Icon::Bolt) }
                </button>
                if let Some(slot) = attach {
                    { attach_button(slot, disabled, lang) }
                }
                <label class="visually-hidden" for="composer-input">{ t.composer_label }</label>
                <textarea id="composer-input" ref={textarea} rows="1" dir="auto"
                    placeholder={if note { t.note_placeholder } else { t.composer_placeholder }}
                    value={props.value.clone()} {oninput} {onkeydown} {disabled}
                    aria-describedby={if disabled { "composer-blocked" } else { "composer-hint" }}
                    aria-autocomplete="list"
                    aria-expanded={(popup_open && !matches.is_empty()).to_string()}
                    aria-controls={(popup_open && !matches.is_empty()).then_some("tpl-list")}
                    aria-activedescendant={(popup_open && !matches.is_empty()).then(|| format!("tpl-{hl}"))} />
                <button type="button" class="btn-send" aria-label={if note { t.note_add } else { t.send }}
                    title={if note { t.note_add } else { t.send }}
                    disabled={!can_send} onclick={send}>
                    { icon(Icon::Send) }
                </button>
            </div>
            if !disabled {
                <p class="composer-hint" id="composer-hint">{ t.composer_hint }</p>
            }
            { counter }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use protocol::TemplateId;

    fn tpl(id: i64, shortcut: &str, body: &str) -> Template {
        let at = chrono::Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        Template {
            id: TemplateId(id),
            shortcut: shortcut.into(),
            body: body.into(),
            created_at: at,
            updated_at: at,
        }
    }

    async fn render(value: &str, disabled_reason: Option<&str>) -> String {
        let templates = vec![
            tpl(1, "wifi", "Le code Wi-Fi est 1234."),
            tpl(2, "checkout", "Départ avant 11 h."),
        ];
        render_with(value, disabled_reason, templates).await
    }

    async fn render_with(
        value: &str,
        disabled_reason: Option<&str>,
        templates: Vec<Template>,
    ) -> String {
        let props = ComposerProps {
            value: value.into(),
            on_input: Callback::noop(),
            on_send: Callback::noop(),
            templates: Rc::new(templates),
            disabled_reason: disabled_reason.map(str::to_owned),
            focus_seq: 0,
            note: false,
            on_note: None,
            attach: None,
        };
        yew::LocalServerRenderer::<Composer>::with_props(props)
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn a_note_can_be_written_while_the_window_is_closed() {
        let props = ComposerProps {
            value: "Plombier prévenu".into(),
            on_input: Callback::noop(),
            on_send: Callback::noop(),
            templates: Rc::new(Vec::new()),
            disabled_reason: Some("Fenêtre 24 h fermée".into()),
            focus_seq: 0,
            note: true,
            on_note: Some(Callback::noop()),
            attach: None,
        };
        let html = yew::LocalServerRenderer::<Composer>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("composer-note"), "{html}");
        assert!(html.contains("id=\"note-toggle\""), "{html}");
        assert!(!html.contains("composer-blocked"), "{html}");
        assert!(!html.contains("disabled"), "{html}");
        assert!(html.contains("Ajouter la note"), "{html}");
    }

    #[tokio::test]
    async fn slash_opens_the_matching_saved_replies() {
        let html = render("Bonjour /wi", None).await;
        assert!(html.contains("role=\"listbox\""), "{html}");
        assert!(
            html.contains("/wifi") && !html.contains("/checkout"),
            "{html}"
        );
        assert!(html.contains("aria-selected=\"true\""));
        assert!(html.contains("aria-expanded=\"true\""));
        let html = render("/zz", None).await;
        assert!(
            html.contains("Aucune réponse type pour «\u{a0}/zz\u{a0}»"),
            "{html}"
        );
        let html = render("Bonjour", None).await;
        assert!(!html.contains("tpl-popup"));
    }

    #[tokio::test]
    async fn without_saved_replies_slash_offers_to_create_the_first() {
        let html = render_with("/", None, Vec::new()).await;
        assert!(html.contains("id=\"tpl-create\""), "{html}");
        assert!(html.contains("href=\"#/settings\""));
        assert!(!render("/wi", None).await.contains("tpl-create"));
    }

    #[tokio::test]
    async fn the_counter_warns_before_whatsapps_limit() {
        assert!(!render("Bonjour", None).await.contains("composer-count"));
        let near = render(&"a".repeat(1_500), None).await;
        assert!(
            near.contains("1\u{202f}500\u{a0}/ 1\u{202f}600 caractères"),
            "{near}"
        );
        assert!(!near.contains("composer-count over"));
        let over = render(&"a".repeat(1_700), None).await;
        assert!(over.contains("composer-count over"));
        assert!(over.contains("Trop long pour un seul message WhatsApp"));
    }

    #[tokio::test]
    async fn an_uploaded_file_shows_as_a_removable_chip_and_can_go_alone() {
        let slot = AttachSlot {
            file: Some(crate::state::drafts::DraftFile {
                name: "plan-d-acces.pdf".into(),
                upload: protocol::conversations::Attachment {
                    id: "0123456789abcdef0123456789abcdef".into(),
                    content_type: "application/pdf".into(),
                    size: 2048,
                    url: "/media/out/0123456789abcdef0123456789abcdef".into(),
                },
            }),
            uploading: false,
            on_pick: Callback::noop(),
            on_remove: Callback::noop(),
        };
        let props = ComposerProps {
            value: String::new(),
            on_input: Callback::noop(),
            on_send: Callback::noop(),
            templates: Rc::new(Vec::new()),
            disabled_reason: None,
            focus_seq: 0,
            note: false,
            on_note: None,
            attach: Some(slot),
        };
        let html = yew::LocalServerRenderer::<Composer>::with_props(props)
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("id=\"attach-chip\""), "{html}");
        assert!(html.contains("plan-d-acces.pdf"), "the file's name: {html}");
        assert!(html.contains("PDF · 2\u{a0}Ko"), "{html}");
        assert!(html.contains("id=\"attach-remove\""), "{html}");
        assert!(html.contains("id=\"composer-file\""), "{html}");
        // No text, but a file: the send button is enabled.
        let send = html.split("class=\"btn-send\"").nth(1).unwrap();
        let send = send.split('>').next().unwrap();
        assert!(!send.contains("disabled"), "{send}");
    }

    #[tokio::test]
    async fn closed_window_disables_the_composer_and_says_why() {
        let html = render("", Some("Fenêtre fermée : le voyageur doit écrire.")).await;
        assert!(html.contains("composer disabled"), "{html}");
        assert!(html.contains("Fenêtre fermée : le voyageur doit écrire."));
        assert!(html.contains("aria-describedby=\"composer-blocked\""));
        assert!(html.contains("disabled"), "{html}");
        // Nothing to send yet: the send button is disabled too.
        let open = render("", None).await;
        assert!(open.contains("composer-hint"));
        assert!(!open.contains("composer-blocked"));
    }
}
