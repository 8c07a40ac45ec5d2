//! `majordome-bench`: starts the real Majordome server in this process (as the integration tests
//! do) and measures webhook ingest throughput and latency, webhook → dashboard latency, and memory
//! per conversation and per dashboard connection. See docs/BENCHMARKS.md.
//!
//! `cargo run --release -p majordome-bench -- --help`

mod child;
mod fanout;
mod peer;
mod phases;
mod postgres;
mod probe;
mod server;
mod stats;
mod store;
mod webhook;

use std::time::Duration;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "majordome-bench",
    about = "Load benchmark for the Majordome server"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    options: phases::Options,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Internal: a client process driven by the benchmark.
    #[command(hide = true)]
    Child {
        #[arg(long)]
        job: String,
        #[arg(long)]
        lifetime_secs: u64,
    },
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Child { job, lifetime_secs }) => {
            child::run(
                serde_json::from_str(&job)?,
                Duration::from_secs(lifetime_secs),
            )
            .await
        }
        None => phases::run(cli.options).await,
    }
}
