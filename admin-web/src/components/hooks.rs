//! The toolkit's hooks and contexts, and the admin app's session context.

pub use ui::components::hooks::*;

/// The logged-in admin and how to log out.
pub type SessionCtx = ui::components::hooks::SessionCtx<protocol::auth::AdminMeResponse>;
