//! What the process costs, read from `/proc`: resident memory, and CPU time per group of threads
//! (so a run shows where the server spends its two cores).

use std::collections::{BTreeMap, HashMap};
use std::fs;

/// Clock ticks per second of `/proc/*/stat` times (`USER_HZ`, 100 on every Linux target we run).
const TICKS_PER_SEC: f64 = 100.0;

/// Resident set size of this process, in KiB (`VmRSS`).
pub fn rss_kib() -> u64 {
    status_field("/proc/self/status", "VmRSS:")
}

fn status_field(path: &str, key: &str) -> u64 {
    fs::read_to_string(path)
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// `utime + stime` (ticks) from a `stat` file.
fn stat_ticks(path: &str) -> Option<u64> {
    let stat = fs::read_to_string(path).ok()?;
    // The command name may contain spaces and parentheses: fields start after the last `)`.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `state` is field 3 of stat(5), so utime (14) and stime (15) are at 11 and 12 here.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// CPU seconds this whole process has used (exited threads included).
pub fn process_cpu_secs() -> f64 {
    stat_ticks("/proc/self/stat").unwrap_or(0) as f64 / TICKS_PER_SEC
}

/// CPU seconds used so far, per role of thread.
#[derive(Debug, Clone, Default)]
pub struct CpuSnapshot {
    pub groups: BTreeMap<&'static str, f64>,
    pub total: f64,
}

/// Threads of this process: id → name (the kernel keeps 15 characters of it).
pub fn threads() -> Vec<(u32, String)> {
    let mut out = Vec::new();
    if let Ok(tasks) = fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let Ok(tid) = task.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let comm = fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            out.push((tid, comm.trim().to_owned()));
        }
    }
    out.sort();
    out
}

/// Roles of the threads a server started, told apart by creation order: actix names every
/// arbiter thread `actix-rt|system:N|arbiter:M`, HTTP workers included, and the registry's
/// arbiter is created (in `Application::build`) before the HTTP workers.
#[derive(Debug, Clone, Default)]
pub struct ThreadRoles(HashMap<u32, &'static str>);

pub const HTTP_WORKERS: &str = "HTTP workers (parse, verify signature, respond)";
pub const ACTORS: &str = "conversation actors (registry arbiter)";
pub const MAIN: &str = "main thread (ingest writer, session hub)";
pub const SQLITE: &str = "SQLite (sqlx connection threads)";

impl ThreadRoles {
    /// `before`: the threads that existed before the server was built.
    pub fn of_new_server(before: &[(u32, String)]) -> ThreadRoles {
        let mut arbiters: Vec<u32> = threads()
            .into_iter()
            .filter(|(tid, comm)| {
                comm.starts_with("actix-rt|system") && !before.iter().any(|(b, _)| b == tid)
            })
            .map(|(tid, _)| tid)
            .collect();
        arbiters.sort_unstable();
        let mut roles = HashMap::new();
        for (i, tid) in arbiters.into_iter().enumerate() {
            roles.insert(tid, if i == 0 { ACTORS } else { HTTP_WORKERS });
        }
        ThreadRoles(roles)
    }

    fn role(&self, tid: u32, comm: &str) -> &'static str {
        if let Some(role) = self.0.get(&tid) {
            role
        } else if tid == std::process::id() {
            MAIN
        } else if comm.starts_with("sqlx-sqlite") {
            SQLITE
        } else if comm.starts_with("actix-rt|system") {
            "idle arbiters (earlier servers, fake Twilio)"
        } else {
            "other threads (tokio blocking pool, acceptor)"
        }
    }
}

/// Per-thread CPU, grouped by role.
pub fn cpu_snapshot(roles: &ThreadRoles) -> CpuSnapshot {
    let mut groups: BTreeMap<&'static str, f64> = BTreeMap::new();
    if let Ok(tasks) = fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let Ok(tid) = task.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let dir = task.path();
            let comm = fs::read_to_string(dir.join("comm")).unwrap_or_default();
            let Some(ticks) = stat_ticks(&dir.join("stat").to_string_lossy()) else {
                continue;
            };
            *groups.entry(roles.role(tid, comm.trim())).or_default() +=
                ticks as f64 / TICKS_PER_SEC;
        }
    }
    CpuSnapshot {
        groups,
        total: process_cpu_secs(),
    }
}

impl CpuSnapshot {
    /// CPU seconds spent between `self` (earlier) and `later`, per group. Threads that exited in
    /// between are only in the total, shown as "exited threads".
    pub fn delta(&self, later: &CpuSnapshot) -> CpuSnapshot {
        let mut groups = BTreeMap::new();
        for (name, secs) in &later.groups {
            let before = self.groups.get(name).copied().unwrap_or(0.0);
            groups.insert(*name, (secs - before).max(0.0));
        }
        let total = (later.total - self.total).max(0.0);
        let accounted: f64 = groups.values().sum();
        if total - accounted > 0.02 {
            groups.insert("exited threads", total - accounted);
        }
        CpuSnapshot { groups, total }
    }
}
