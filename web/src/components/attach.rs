//! The composer's attachment: a paperclip that uploads one image or PDF
//! (`POST /api/conversations/{id}/attachments`), then a chip showing it, removable, until the
//! reply goes out with it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::icons::{icon, Icon};
use crate::i18n::{Lang, Localized};
use crate::state::drafts::DraftFile;

/// What the browser's file picker offers (the server checks the bytes anyway).
pub const ACCEPT: &str = "image/jpeg,image/png,image/webp,image/gif,application/pdf";

/// The composer's attachment slot, owned by the chat window.
#[derive(Clone, PartialEq)]
pub struct AttachSlot {
    /// Uploaded and waiting for the send (kept with the draft).
    pub file: Option<DraftFile>,
    pub uploading: bool,
    pub on_pick: Callback<web_sys::File>,
    pub on_remove: Callback<()>,
}

impl AttachSlot {
    pub fn blocks_send(&self) -> bool {
        self.uploading
    }
}

/// The paperclip: a label around a hidden file input, so the keyboard and the picker work as usual.
pub fn attach_button(slot: &AttachSlot, disabled: bool, lang: Lang) -> Html {
    let t = lang.t();
    let on_pick = slot.on_pick.clone();
    let onchange = Callback::from(move |e: Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            on_pick.emit(file);
        }
        // The same file can be picked again after a removal.
        input.set_value("");
    });
    html! {
        <label class={classes!("btn-icon", "composer-attach", disabled.then_some("disabled"))}
            title={t.attach_file}>
            <input type="file" id="composer-file" class="visually-hidden" accept={ACCEPT}
                aria-label={t.attach_file} disabled={disabled || slot.uploading} {onchange} />
            { icon(Icon::Paperclip) }
        </label>
    }
}

/// The chip above the text box: the uploaded file (or the upload in progress) and its removal.
pub fn attach_chip(slot: &AttachSlot, lang: Lang) -> Html {
    let t = lang.t();
    if slot.uploading {
        return html! {
            <p class="attach-chip attach-uploading" role="status">
                { icon(Icon::Paperclip) }<span>{ t.attach_uploading }</span>
            </p>
        };
    }
    let Some(DraftFile { name, upload: file }) = &slot.file else {
        return Html::default();
    };
    let label = if file.content_type == "application/pdf" {
        "PDF".to_owned()
    } else {
        file.content_type
            .trim_start_matches("image/")
            .to_uppercase()
    };
    let on_remove = slot.on_remove.clone();
    html! {
        <p class="attach-chip" id="attach-chip">
            if file.content_type.starts_with("image/") {
                <img class="attach-thumb" src={file.url.clone()} alt="" />
            } else {
                { icon(Icon::Paperclip) }
            }
            <span class="attach-name" title={name.clone()}>{ name.clone() }</span>
            <span class="attach-meta">{ label }{ " · " }{ size(file.size, lang) }</span>
            <button type="button" class="btn-icon" id="attach-remove" aria-label={t.attach_remove}
                title={t.attach_remove} onclick={Callback::from(move |_| on_remove.emit(()))}>
                { icon(Icon::Close) }
            </button>
        </p>
    }
}

/// A file size as people read it (`850 Ko`, `1,2 Mo`).
pub fn size(bytes: u64, lang: Lang) -> String {
    let (kb, mb) = lang.pick(("Ko", "Mo"), ("KB", "MB"));
    if bytes < 1024 * 1024 {
        format!("{}\u{a0}{kb}", bytes.div_ceil(1024))
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        let text = format!("{}.{}", tenths / 10, tenths % 10);
        let text = lang.pick(text.replace('.', ","), text);
        format!("{text}\u{a0}{mb}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally_in_both_languages() {
        assert_eq!(size(850 * 1024, Lang::Fr), "850\u{a0}Ko");
        assert_eq!(size(1_258_291, Lang::Fr), "1,2\u{a0}Mo");
        assert_eq!(size(1_258_291, Lang::En), "1.2\u{a0}MB");
    }
}
