//! Command-line interface. Configuration itself comes from the environment (see `config`).

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "majordome",
    version,
    about = "WhatsApp inbox with an AI concierge for conciergeries",
    long_about = "Majordome serves the operator dashboard (/), the admin app (/admin/), the REST API \
(/api), the WebSocket (/ws) and the Twilio webhooks (/webhook) from one port.\n\n\
Configuration comes from environment variables (and a .env file in the working directory): \
DATABASE_URL, HOST, PORT, PUBLIC_BASE_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, \
TWILIO_WHATSAPP_NUMBER, TWILIO_API_BASE, ANTHROPIC_API_KEY, ANTHROPIC_MODEL, ANTHROPIC_API_BASE, \
ADMIN_EMAIL, ADMIN_PASSWORD, SEED_DEMO. See the README for their defaults."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum Command {
    /// Run migrations, then serve everything on one port (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
}
