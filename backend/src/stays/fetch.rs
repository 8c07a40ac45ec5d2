//! Downloading one calendar feed, bounded in time and size: a feed URL is whatever an operator
//! pasted, and a slow or huge answer must not hold the sync.

use std::time::Duration;

/// A busy property's feed is a few dozen KiB.
pub const MAX_FEED_BYTES: usize = 5 * 1024 * 1024;
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(20);

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(FETCH_TIMEOUT)
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!(
            "Majordome/",
            env!("CARGO_PKG_VERSION"),
            " (calendar sync)"
        ))
        .build()
        .expect("the HTTP client's configuration is static")
}

/// The feed's text, or a message an operator can act on.
pub async fn feed(http: &reqwest::Client, url: &str) -> Result<String, String> {
    let mut response = http
        .get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: cannot fetch the calendar ({})", reason(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{url}: the calendar server answered {status}"));
    }
    if response
        .content_length()
        .is_some_and(|n| n as usize > MAX_FEED_BYTES)
    {
        return Err(too_large(url));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("{url}: the download failed ({})", reason(&e)))?
    {
        if body.len() + chunk.len() > MAX_FEED_BYTES {
            return Err(too_large(url));
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body).map_err(|_| format!("{url}: the calendar is not UTF-8 text"))
}

fn too_large(url: &str) -> String {
    format!(
        "{url}: the calendar is larger than {} MiB",
        MAX_FEED_BYTES / (1024 * 1024)
    )
}

fn reason(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "network error"
    }
}
