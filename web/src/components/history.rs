//! Scrolling up a thread: older messages load when the reader reaches the top, and the message
//! they were reading stays where it was on screen instead of jumping down by a page.

use protocol::MessageId;
use yew::prelude::*;

/// Returns "load the older page now". `first` is the oldest message shown: when it changes, the
/// page arrived, and the scroll position is put back at the same distance from the bottom.
#[hook]
pub fn use_history(
    log: NodeRef,
    first: Option<MessageId>,
    has_older: bool,
    load: Callback<()>,
) -> Callback<()> {
    // Distance from the bottom of the log when the older page was asked for.
    let anchor = use_mut_ref(|| None::<i32>);
    {
        let log = log.clone();
        let anchor = anchor.clone();
        use_effect_with(first, move |_| {
            let from_bottom = anchor.borrow_mut().take();
            if let (Some(from_bottom), Some(el)) = (from_bottom, log.cast::<web_sys::Element>()) {
                el.set_scroll_top(el.scroll_height() - from_bottom);
            }
        });
    }
    Callback::from(move |_| {
        if !has_older {
            return;
        }
        if let Some(el) = log.cast::<web_sys::Element>() {
            *anchor.borrow_mut() = Some(el.scroll_height() - el.scroll_top());
        }
        load.emit(());
    })
}
