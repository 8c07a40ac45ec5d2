//! Hooks, icons and the components both apps show.

pub mod bar_chart;
pub mod feature_form;
pub mod form_field;
pub mod hooks;
pub mod icons;
pub mod login;
pub mod nav;
pub mod root;
pub mod segmented;
pub mod widgets;
