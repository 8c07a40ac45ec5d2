//! Percentiles and plain-text tables.

use std::fmt::Write;

/// Latency distribution of a run, in milliseconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Latency {
    pub n: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
    pub mean: f64,
}

/// Nearest-rank percentiles of samples given in microseconds.
pub fn latency(samples_us: &[u64]) -> Latency {
    if samples_us.is_empty() {
        return Latency::default();
    }
    let mut sorted = samples_us.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let rank = |p: f64| {
        let index = ((p / 100.0) * n as f64).ceil() as usize;
        sorted[index.clamp(1, n) - 1] as f64 / 1000.0
    };
    Latency {
        n,
        p50: rank(50.0),
        p95: rank(95.0),
        p99: rank(99.0),
        max: sorted[n - 1] as f64 / 1000.0,
        mean: sorted.iter().sum::<u64>() as f64 / n as f64 / 1000.0,
    }
}

/// A left-aligned first column, right-aligned others.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut out = String::from("|");
            for (i, width) in widths.iter().enumerate() {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                let pad = width - cell.chars().count();
                if i == 0 {
                    let _ = write!(out, " {cell}{} |", " ".repeat(pad));
                } else {
                    let _ = write!(out, " {}{cell} |", " ".repeat(pad));
                }
            }
            out.push('\n');
            out
        };
        let mut out = line(&self.header);
        out.push('|');
        for (i, width) in widths.iter().enumerate() {
            let dashes = "-".repeat(*width);
            if i == 0 {
                let _ = write!(out, " {dashes} |");
            } else {
                let _ = write!(out, " {}: |", &dashes[..dashes.len().saturating_sub(1)]);
            }
        }
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

pub fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

pub fn thousands(v: f64) -> String {
    let n = v.round() as u64;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<u64> = (1..=100).map(|i| i * 1000).collect();
        let l = latency(&samples);
        assert_eq!(l.p50, 50.0);
        assert_eq!(l.p95, 95.0);
        assert_eq!(l.p99, 99.0);
        assert_eq!(l.max, 100.0);
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(1234567.0), "1 234 567");
        assert_eq!(thousands(999.0), "999");
    }
}
