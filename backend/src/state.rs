//! What every handler shares.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::auth::rate_limit::LoginLimiter;
use crate::config::Config;

pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// The URL Twilio calls; signatures are checked against it.
    pub public_base_url: String,
    pub login_limiter: LoginLimiter,
}

impl AppState {
    /// Cookies get `Secure` when the public URL is https.
    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }
}
