use clap::Parser;
use majordome::cli::{Cli, Command};
use majordome::config::Config;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    // A `.env` in the working directory is optional; real environment variables win.
    let _ = dotenvy::dotenv();
    majordome::telemetry::init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("majordome: invalid configuration: {e}");
            std::process::exit(2);
        }
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            majordome::Application::build(config)
                .await?
                .run_until_stopped()
                .await?
        }
        Command::Migrate => majordome::db::migrate_only(&config).await?,
    }
    Ok(())
}
