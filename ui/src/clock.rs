//! The browser's clock, time zone and randomness. Everything else takes `now` and the UTC offset
//! as arguments, so it stays pure and testable on the host, where these fall back to UTC.

use protocol::Timestamp;

pub fn now() -> Timestamp {
    #[cfg(target_arch = "wasm32")]
    {
        chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
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

/// A number in `[0, 1)`, for reconnect jitter and generated passwords.
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

/// A number in `[0, 1)` from the browser's cryptographic generator, for generated passwords.
pub fn secure_random() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        let mut bytes = [0u8; 4];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
        if filled {
            f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0)
        } else {
            random()
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        random()
    }
}
