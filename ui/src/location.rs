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

/// A screen an app keeps in the `#` part (its own names for its screens).
pub trait HashRoute: Clone + PartialEq + 'static {
    /// The screen a `#…` names (anything unknown is the app's home).
    fn from_hash(hash: &str) -> Self;
    fn hash(&self) -> String;
}

/// The screen the URL's `#` names, kept in step with it: the back button and hand-edited URLs
/// change the screen, and the returned callback changes both.
#[yew::hook]
pub fn use_hash_route<R>() -> (yew::UseStateHandle<R>, yew::Callback<R>)
where
    R: HashRoute,
{
    use yew::prelude::*;
    let route = use_state(|| R::from_hash(&hash()));
    let navigate = {
        let route = route.clone();
        Callback::from(move |r: R| {
            set_hash(&r.hash());
            route.set(r);
        })
    };
    {
        let route = route.setter();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    route.set(R::from_hash(&hash()))
                })
            });
            move || drop(listener)
        });
    }
    (route, navigate)
}
