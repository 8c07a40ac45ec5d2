//! The toolkit's hooks and contexts, and the dashboard's session context.

pub use ui::components::hooks::*;

/// The logged-in operator and how to log out.
pub type SessionCtx = ui::components::hooks::SessionCtx<protocol::auth::MeResponse>;
