//! The front-end toolkit shared by Majordome's two Yew apps (`web/`, the operator dashboard, and
//! `admin-web/`, the platform admin app). Everything both need lives here once, so the copies
//! cannot drift: each app keeps only its own screens and texts.
//!
//! - [`api`]: the fetch wrapper, session-expiry reporting and [`api::ApiError`] decoding.
//! - [`ws`]: the reconnecting WebSocket client.
//! - [`i18n`]: the language (choice, storage, `<html lang>`), the macro apps declare their texts
//!   with, and the toolkit's own texts.
//! - [`clock`], [`format`]: the browser's clock, and pure formatting of numbers, dates, names.
//! - [`components`]: hooks, icons, and the components both apps show.
//!
//! The base stylesheet both apps use is `ui/base.css`; backend/build.rs puts it in front of each
//! app's own `style.css`.

pub mod api;
pub mod clock;
pub mod components;
pub mod format;
pub mod i18n;
pub mod location;
pub mod ws;
