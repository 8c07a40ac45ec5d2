//! The seed-stack peer (`../shared/peers/seed-node`: Express + better-sqlite3 +
//! `twilio.validateRequest`), run next to Majordome in the same run so that the two are compared
//! on the same machine at the same moment. `shared/` is read-only: the peer is copied to a
//! temporary folder and installed there with `npm ci` (kept between runs, reinstalled when its
//! `package-lock.json` changes).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};

use crate::webhook::AUTH_TOKEN;

/// Where the peer's sources are, from the workspace root.
pub fn default_source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/peers/seed-node")
}

pub struct Peer {
    pub port: u16,
    pub pid: u32,
    process: Child,
    _db: tempfile::TempDir,
}

impl Peer {
    /// Installs (if needed) and starts the peer on a free port with a fresh database. It signs
    /// over `http://localhost:{port}`, like the bench's Majordome servers.
    pub fn start(source: &Path, work_dir: &Path) -> anyhow::Result<Peer> {
        let dir = install(source, work_dir)?;
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let db = tempfile::Builder::new()
            .prefix("majordome-bench-peer-")
            .tempdir_in(work_dir)?;
        let process = Command::new("node")
            .arg("server.js")
            .current_dir(&dir)
            .env("PORT", port.to_string())
            .env("DB", db.path().join("peer.db"))
            .env("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
            .env("PUBLIC_BASE_URL", format!("http://localhost:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("start the peer (is `node` on the PATH?)")?;
        let peer = Peer {
            port,
            pid: process.id(),
            process,
            _db: db,
        };
        peer.wait_ready()?;
        Ok(peer)
    }

    fn wait_ready(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!("the peer did not listen on port {} within 30 s", self.port)
    }

    /// Resident memory of the peer process.
    pub fn rss_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.pid))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// CPU seconds (user + system) process `pid` has used so far.
pub fn cpu_secs_of(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last `)`.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the state field.
    (ticks(11) + ticks(12)) / 100.0
}

/// A copy of the peer with its dependencies installed, under `work_dir`.
fn install(source: &Path, work_dir: &Path) -> anyhow::Result<PathBuf> {
    let lock = std::fs::read(source.join("package-lock.json"))
        .with_context(|| format!("the peer's sources at {}", source.display()))?;
    let dir = work_dir.join("majordome-bench-seed-node");
    let installed = dir.join("node_modules/.bench-lock");
    if std::fs::read(&installed).ok().as_deref() == Some(&lock[..]) {
        return Ok(dir);
    }
    std::fs::create_dir_all(&dir)?;
    for file in ["package.json", "package-lock.json", "server.js"] {
        std::fs::copy(source.join(file), dir.join(file))
            .with_context(|| format!("copy the peer's {file}"))?;
    }
    eprintln!(
        "installing the seed-stack peer in {} (npm ci)…",
        dir.display()
    );
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .status()
        .context("run `npm ci` for the peer (is npm on the PATH?)")?;
    ensure!(status.success(), "`npm ci` for the peer failed: {status}");
    std::fs::write(&installed, &lock)?;
    Ok(dir)
}
