//! SeaORM entities, one module per table. Enum columns reuse the `protocol` enums, so the
//! database, the server and the apps agree on every value.

pub mod admin;
pub mod attachment;
pub mod automation;
pub mod conciergerie;
pub mod conversation;
pub mod conversation_label;
pub mod convert;
pub mod faq;
pub mod feature_request;
pub mod label;
pub mod member;
pub mod message;
pub mod message_translation;
pub mod property;
pub mod scheduled_message;
pub mod session;
pub mod stay;
pub mod template;
pub mod unrouted_message;

pub use sea_orm;
