//! One file per component. `app` is the root: session, language, then the dashboard.

pub mod ai_controls;
pub mod analytics_tab;
pub mod app;
pub mod attach;
pub mod automations_section;
pub mod banners;
pub mod chat_window;
pub mod composer;
pub mod conversation_item;
pub mod conversation_list;
pub mod dashboard;
pub mod edit_form;
pub mod faq_tab;
pub mod faq_translations;
pub mod first_run;
pub mod history;
pub mod hooks;
pub mod ideas_tab;
pub mod labels_settings;
pub mod login;
pub mod message_bubble;
pub mod message_search;
pub mod nav;
pub mod notify_settings;
pub mod paging;
pub mod properties_tab;
pub mod scheduled_list;
pub mod settings_tab;
pub mod simulator_panel;
pub mod stay_header;
pub mod stay_scheduled;
pub mod stays_tab;
pub mod suggestion_card;
pub mod team_header;
pub mod team_settings;
pub mod templates_editor;
pub mod time_zone_setting;
pub mod translation;
pub mod triage_controls;

// The toolkit's components, under the names the screens have always used.
pub use ui::components::{bar_chart, icons, segmented};
