//! Hooks, icons and the components both apps show.

pub mod bar_chart;
pub mod hooks;
pub mod icons;
pub mod login;
pub mod root;
pub mod segmented;
