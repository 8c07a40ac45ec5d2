//! Paginated lists answer one page as a JSON array and say where the next one is in a `Link`
//! header (RFC 8288): `Link: </api/conversations?limit=50&before=…>; rel="next"`. Clients follow
//! that URL as written instead of building cursors themselves.

/// The `rel="next"` target of a `Link` header value, if there is one.
pub fn next_link(header: &str) -> Option<&str> {
    header.split(',').find_map(|link| {
        let (target, params) = link.trim().split_once(';')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim().to_ascii_lowercase().replace(' ', "");
            p == "rel=\"next\"" || p == "rel=next"
        });
        let url = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        (is_next && !url.is_empty()).then_some(url)
    })
}

#[cfg(test)]
mod tests {
    use super::next_link;

    #[test]
    fn finds_the_next_target_among_several_links() {
        let header = r#"</p1>; rel="prev", </api/conversations?limit=50&before=9>; rel="next""#;
        assert_eq!(
            next_link(header),
            Some("/api/conversations?limit=50&before=9")
        );
    }

    #[test]
    fn accepts_unquoted_and_spaced_relations() {
        assert_eq!(next_link("</p2>;rel=next"), Some("/p2"));
        assert_eq!(next_link("</p2> ; rel = \"NEXT\""), Some("/p2"));
    }

    #[test]
    fn no_next_relation_or_an_empty_target_is_no_next_page() {
        assert_eq!(next_link(r#"</p1>; rel="prev""#), None);
        assert_eq!(next_link(r#"<>; rel="next""#), None);
        assert_eq!(next_link("garbage"), None);
    }
}
