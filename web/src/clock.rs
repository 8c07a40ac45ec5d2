//! The browser's clock and time zone. Everything else takes `now` and the UTC offset as arguments,
//! so it stays pure and testable on the host, where these fall back to UTC.

use chrono::DateTime;
use protocol::Timestamp;

pub fn now() -> Timestamp {
    #[cfg(target_arch = "wasm32")]
    {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
    }
}

/// Minutes to add to UTC to get the browser's local time at `at` (daylight saving included).
pub fn utc_offset_minutes(at: Timestamp) -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            at.timestamp_millis() as f64
        ));
        -(date.get_timezone_offset() as i32)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = at;
        0
    }
}

/// A number in `[0, 1)`, for reconnect jitter.
pub fn random() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::random()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.5
    }
}
