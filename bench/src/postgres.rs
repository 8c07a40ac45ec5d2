//! A throwaway PostgreSQL database for the cluster phase (like `ThrowawayPostgres` in the
//! integration tests): created on the server given with `--postgres`, dropped afterwards, and the
//! CPU time of its backend processes, which do the storage work that SQLite does in-process.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use sea_orm::{ConnectionTrait, Database};

pub struct ThrowawayPostgres {
    server: String,
    pub name: String,
    pub url: String,
    dropped: bool,
}

impl ThrowawayPostgres {
    /// `server`: `postgres://user@host:port` (no database); the database is created through its
    /// `postgres` maintenance database.
    pub async fn create(server: &str, prefix: &str) -> anyhow::Result<ThrowawayPostgres> {
        let server = server.trim_end_matches('/').to_owned();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("{prefix}_{}_{nanos:09}", std::process::id());
        let admin = Database::connect(format!("{server}/postgres"))
            .await
            .with_context(|| format!("cannot reach PostgreSQL at {server} (--postgres)"))?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .with_context(|| format!("CREATE DATABASE {name}"))?;
        admin.close().await?;
        Ok(ThrowawayPostgres {
            url: format!("{server}/{name}"),
            server,
            name,
            dropped: false,
        })
    }

    /// Drops the database, closing whatever connections are still open to it.
    pub async fn drop_now(mut self) -> anyhow::Result<()> {
        self.dropped = true;
        drop_database(&self.server, &self.name).await
    }
}

async fn drop_database(server: &str, name: &str) -> anyhow::Result<()> {
    let admin = Database::connect(format!("{server}/postgres")).await?;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await?;
    admin.close().await?;
    Ok(())
}

impl Drop for ThrowawayPostgres {
    /// On an early return (a failed phase): dropped from a thread of its own, since `Drop` cannot
    /// await and this runtime may be busy.
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        let (server, name) = (self.server.clone(), self.name.clone());
        let done = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(anyhow::Error::from)
                .and_then(|rt| rt.block_on(drop_database(&server, &name)))
        })
        .join();
        if !matches!(done, Ok(Ok(()))) {
            eprintln!("could not drop the bench database {}", self.name);
        }
    }
}

/// CPU seconds used so far by the PostgreSQL backends connected to database `name`: PostgreSQL
/// titles each backend process `postgres: <user> <database> <client> <state>`. (The shared
/// processes — WAL writer, checkpointer — are not counted: they serve every database.)
pub fn backend_cpu_secs(name: &str) -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    let needle = format!(" {name} ");
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|cmd| {
                let title = String::from_utf8_lossy(&cmd);
                title.starts_with("postgres:") && title.contains(&needle)
            })
        })
        .map(crate::peer::cpu_secs_of)
        .sum()
}
