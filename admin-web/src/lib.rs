//! Majordome's platform admin app, in Yew: the conciergeries (tenants) and their activity, the
//! feature-request board, webhooks that matched no conciergerie, and the platform's health.
//!
//! - [`api`] and [`ws`] talk to the server, using only the `protocol` crate's types; the
//!   machinery (fetch, errors, reconnection) is the shared `ui` toolkit's.
//! - [`state`] holds the pure reducers and form logic the components render (sorting, live board
//!   updates, validation, what a PATCH should contain); they are unit-tested on the host.
//! - [`components`] has one file per component; [`i18n`] the French and English texts.
//!
//! `main.rs` only calls [`run`].

pub mod api;
pub mod components;
pub mod format;
pub mod i18n;
pub mod route;
pub mod state;

// The toolkit's modules, under the names the components have always used.
pub use ui::{clock, ws};

/// Mounts the admin app on `<body>`.
pub fn run() {
    yew::Renderer::<components::app::App>::new().render();
}
