//! Cross-site WebSocket hijacking guard: a cookie-authenticated socket must come from our own
//! pages, i.e. the public URL's origin or the origin of the host the browser addressed.

pub fn allowed(origin: Option<&str>, host: Option<&str>, public_base_url: &str) -> bool {
    let Some(origin) = origin.map(|o| o.trim_end_matches('/')) else {
        return false;
    };
    if let Ok(public) = url::Url::parse(public_base_url) {
        if origin.eq_ignore_ascii_case(public.origin().ascii_serialization().as_str()) {
            return true;
        }
    }
    let Some(host) = host else { return false };
    let Some((_, origin_authority)) = origin.split_once("://") else {
        return false;
    };
    origin_authority.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn same_origin_passes_cross_site_does_not() {
        assert!(allowed(
            Some("https://app.majordome.fr"),
            Some("internal:8080"),
            "https://app.majordome.fr"
        ));
        assert!(allowed(
            Some("http://127.0.0.1:3000"),
            Some("127.0.0.1:3000"),
            "http://localhost:3000"
        ));
        assert!(!allowed(
            Some("https://evil.example"),
            Some("127.0.0.1:3000"),
            "http://localhost:3000"
        ));
        assert!(!allowed(
            None,
            Some("127.0.0.1:3000"),
            "http://localhost:3000"
        ));
        assert!(!allowed(
            Some("null"),
            Some("127.0.0.1:3000"),
            "http://localhost:3000"
        ));
    }
}
