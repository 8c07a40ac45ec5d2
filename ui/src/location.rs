//! The page's `#` route, which both apps keep their screen in (so the back button and a reload
//! land on the same screen).

/// The current `#…` part of the URL (empty on the host, in tests).
pub fn hash() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Sets the `#…` part, unless it is already that (which would add a history entry for nothing).
pub fn set_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        if w.location().hash().ok().as_deref() != Some(hash) {
            let _ = w.location().set_hash(hash);
        }
    }
}
