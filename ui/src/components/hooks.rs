//! Small hooks, contexts and DOM helpers shared by the components.

use std::rc::Rc;

use protocol::Timestamp;
use yew::prelude::*;

use crate::i18n::Lang;

/// The interface language and the way to change it.
#[derive(Clone, PartialEq)]
pub struct LangCtx {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

/// The current language (French when no provider, as in component tests).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangCtx>().map(|c| c.lang).unwrap_or_default()
}

/// The signed-in user (`M`: the app's "who am I" answer) and how to log out.
#[derive(PartialEq)]
pub struct SessionCtx<M: PartialEq> {
    pub me: Rc<M>,
    pub logout: Callback<()>,
}

// By hand: a derive would ask `M: Clone`, but only the `Rc` is cloned.
impl<M: PartialEq> Clone for SessionCtx<M> {
    fn clone(&self) -> Self {
        SessionCtx {
            me: self.me.clone(),
            logout: self.logout.clone(),
        }
    }
}

/// The clock, re-read every `every_ms` so "5 min ago" and the 24 h window stay true.
#[hook]
pub fn use_now(every_ms: u32) -> Timestamp {
    let now = use_state(crate::clock::now);
    {
        let now = now.setter();
        use_effect_with(every_ms, move |every| {
            let interval =
                gloo_timers::callback::Interval::new(*every, move || now.set(crate::clock::now()));
            move || drop(interval)
        });
    }
    *now
}

/// The browser's UTC offset now (UTC on the host, in tests).
pub fn offset_now() -> i32 {
    crate::clock::utc_offset_minutes(crate::clock::now())
}

/// Reads an input's or textarea's value from its event.
pub fn input_value(e: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| {
            t.dyn_ref::<web_sys::HtmlTextAreaElement>()
                .map(|x| x.value())
                .or_else(|| t.dyn_ref::<web_sys::HtmlInputElement>().map(|x| x.value()))
        })
        .unwrap_or_default()
}

/// Reads a `<select>`'s value from its change event.
pub fn select_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// Moves keyboard focus to an element by id, once the current render is on screen.
pub fn focus_id(id: &str) {
    let id = id.to_owned();
    gloo_timers::callback::Timeout::new(0, move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            opts.set_behavior(web_sys::ScrollBehavior::Smooth);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
            let _ = el.focus();
        }
    })
    .forget();
}
