//! Headless Chromium, driven through chromedriver (WebDriver) with `fantoccini`.
//!
//! Each test gets its own chromedriver on a free port and a fresh browser profile; both go away
//! when the `Browser` is dropped, also when the test panics. Tests take turns (one browser at a
//! time) so that two cores are enough. Waits poll for a condition with a deadline; nothing
//! sleeps for a fixed time and calls that a result.

use std::future::Future;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::{Mutex, MutexGuard};

use crate::helpers::{TestApp, DEMO_EMAIL, DEMO_PASSWORD};

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// How long a condition may take to become true before the test fails: generous, because CI
/// shares two cores between the server, Chromium and the build (a passing wait ends at once).
pub const WAIT: Duration = Duration::from_secs(10);
/// How often a condition is checked.
const POLL: Duration = Duration::from_millis(40);

/// One browser at a time: each test holds this for its whole run.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// The chromedriver process (and the browser it started). Dropping it ends the WebDriver
/// session, which closes Chromium, then kills whatever is left of chromedriver's process group.
struct Driver {
    child: Child,
    port: u16,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            delete_session(self.port, &session);
        }
        // chromedriver was started as the leader of its own process group: take the group down,
        // browser processes included, in case the session could not be closed cleanly.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `DELETE /session/{id}`, blocking (this runs in `Drop`, possibly while unwinding).
fn delete_session(port: u16, session: &str) {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let request = format!(
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return;
    }
    // chromedriver answers once the browser is gone, and may keep the connection open: read
    // the head and the announced body, not until EOF.
    let mut response = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
        if response_complete(&response) {
            return;
        }
    }
}

/// Whether `response` holds a whole HTTP response with a `Content-Length` body.
fn response_complete(response: &[u8]) -> bool {
    let Some(head_end) = response.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&response[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    response.len() >= head_end + 4 + length
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free local port")
        .port()
}

/// A headless Chromium window, logged in or not.
pub struct Browser {
    pub client: Client,
    // Fields drop in order: the client, then the driver (ends the session, which closes
    // Chromium, and kills chromedriver), then the profile Chromium used, then the turn.
    _driver: Driver,
    _profile: TempDir,
    /// `None` for the second browser of a pair, which rides on the first one's turn.
    _turn: Option<MutexGuard<'static, ()>>,
}

impl Browser {
    /// Waits for its turn, starts chromedriver on a free port and opens Chromium.
    pub async fn start() -> Browser {
        let turn = ONE_AT_A_TIME.lock().await;
        Browser::open(Some(turn)).await
    }

    /// Two browsers side by side (two people, two sessions), taking one turn together.
    pub async fn start_pair() -> (Browser, Browser) {
        let first = Browser::start().await;
        let second = Browser::open(None).await;
        (first, second)
    }

    async fn open(turn: Option<MutexGuard<'static, ()>>) -> Browser {
        assert!(
            Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists(),
            "the browser tests need Chromium and chromedriver ({CHROMIUM}, {CHROMEDRIVER}): \
             `bash scripts/test.sh` installs them (Debian packages `chromium` and \
             `chromium-driver`)"
        );
        let profile = tempfile::tempdir().expect("browser profile dir");
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
        let mut driver = Driver {
            child,
            port,
            session: None,
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        wait_until_ready(&webdriver).await;

        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--window-size=1400,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        // chromedriver is on loopback, plain HTTP: no TLS (and no process-wide TLS provider).
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&webdriver)
            .await
            .unwrap_or_else(|e| panic!("chromedriver could not open Chromium: {e}"));
        driver.session = client.session_id().await.ok().flatten();
        Browser {
            client,
            _driver: driver,
            _profile: profile,
            _turn: turn,
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Polls `probe` until it gives a value; fails the test after `timeout`, with a screenshot
    /// and the page's text to say what was on screen.
    pub async fn wait_for<T, F, Fut>(&self, what: &str, timeout: Duration, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(value) = probe().await {
                return value;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("timed out after {timeout:?} waiting for {what}"))
                    .await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Fails the test, saving a screenshot and quoting the page.
    pub async fn fail(&self, message: &str) -> ! {
        let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "browser-failure-{}.png",
            std::thread::current()
                .name()
                .unwrap_or("test")
                .replace("::", "-")
        ));
        let saved = match self.client.screenshot().await {
            Ok(png) => std::fs::write(&shot, png).is_ok(),
            Err(_) => false,
        };
        let text = self.body_text().await;
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        panic!(
            "{message}\n  page: {url}\n  screenshot: {}\n  page text:\n{}",
            if saved {
                shot.display().to_string()
            } else {
                "(none)".to_owned()
            },
            text.chars().take(3000).collect::<String>()
        );
    }

    async fn body_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// The first element matching `css`, once there is one.
    pub async fn find(&self, css: &str) -> Element {
        self.wait_for(&format!("`{css}`"), WAIT, || async {
            self.client.find(Locator::Css(css)).await.ok()
        })
        .await
    }

    /// Whether an element matches `css` right now.
    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Waits until nothing matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        self.wait_for(&format!("`{css}` to go away"), WAIT, || async {
            (!self.exists(css).await).then_some(())
        })
        .await
    }

    /// The text of the elements matching `css`, now.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Ok(found) = self.client.find_all(Locator::Css(css)).await {
            for element in found {
                if let Ok(text) = element.text().await {
                    out.push(text);
                }
            }
        }
        out
    }

    /// Waits (up to `timeout`) until an element matching `css` contains `needle`; returns it.
    pub async fn wait_text_within(&self, css: &str, needle: &str, timeout: Duration) -> Element {
        self.wait_for(
            &format!("`{css}` containing {needle:?}"),
            timeout,
            || async {
                let found = self.client.find_all(Locator::Css(css)).await.ok()?;
                for element in found {
                    if element.text().await.is_ok_and(|t| t.contains(needle)) {
                        return Some(element);
                    }
                }
                None
            },
        )
        .await
    }

    /// Waits until an element matching `css` contains `needle`; returns it.
    pub async fn wait_text(&self, css: &str, needle: &str) -> Element {
        self.wait_text_within(css, needle, WAIT).await
    }

    /// Waits until the element matching `css` has `attr` equal to `value`.
    pub async fn wait_attr(&self, css: &str, attr: &str, value: &str) {
        self.wait_for(&format!("`{css}` with {attr}={value:?}"), WAIT, || async {
            let element = self.client.find(Locator::Css(css)).await.ok()?;
            (element.attr(attr).await.ok()?.as_deref() == Some(value)).then_some(())
        })
        .await
    }

    /// Clicks the element matching `css` (waiting for it).
    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.expect("click");
    }

    /// Types into the element matching `css` (waiting for it).
    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.expect("type");
    }

    /// Types `text` into the element matching `css`, then presses Enter.
    pub async fn type_and_enter(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        element.send_keys(text).await.expect("type");
        element.send_keys(&Key::Enter).await.expect("press Enter");
    }

    /// The value of a form field, as the page holds it.
    pub async fn value_of(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }

    /// Runs a script in the page.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .expect("execute script")
    }

    /// Puts a marker on `window`: it survives live updates and disappears on a page reload.
    pub async fn mark_page(&self) {
        self.js("window.__majordomeTestMarker = 'still-here'; return null;")
            .await;
    }

    /// Whether the page was not reloaded since `mark_page`.
    pub async fn page_not_reloaded(&self) -> bool {
        self.js("return window.__majordomeTestMarker || null;")
            .await
            == "still-here"
    }

    /// Opens the dashboard and logs in through the login form as `email`.
    pub async fn login(&self, app: &TestApp, email: &str, password: &str) {
        self.goto(&app.url("/")).await;
        self.type_into("#login-email", email).await;
        self.type_into("#login-password", password).await;
        self.click("#login-submit").await;
    }

    /// Logs in as the demo conciergerie and waits for the dashboard.
    pub async fn login_demo(&self, app: &TestApp) {
        self.login(app, DEMO_EMAIL, DEMO_PASSWORD).await;
        self.find("#nav-inbox").await;
        // The inbox has loaded (its skeleton is gone).
        self.wait_gone(".conv-list.skeleton").await;
    }
}

/// Polls chromedriver's `/status` until it says it is ready.
async fn wait_until_ready(webdriver: &str) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let ready = match client.get(format!("{webdriver}/status")).send().await {
            Ok(response) => response
                .json::<Value>()
                .await
                .is_ok_and(|v| v["value"]["ready"] == true),
            Err(_) => false,
        };
        if ready {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "chromedriver did not start on {webdriver}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
