//! One file per component. `app` is the root: session, language, then the dashboard.

pub mod app;
pub mod banners;
pub mod conciergerie_editor;
pub mod conciergeries_page;
pub mod dashboard;
pub mod feature_card;
pub mod features_page;
pub mod health_page;
pub mod hooks;
pub mod login;
pub mod nav;
pub mod password_field;
pub mod password_reset;
pub mod team_panel;
pub mod unrouted_page;

// The toolkit's components, under the names the screens have always used.
pub use ui::components::{bar_chart, icons, segmented};
