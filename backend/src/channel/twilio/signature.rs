//! `X-Twilio-Signature`: base64(HMAC-SHA1(auth token, URL + sorted POST parameters)).
//!
//! The URL is the one Twilio called: our `PUBLIC_BASE_URL` + path + query. Like Twilio's own
//! validators, a signature made over the URL with or without the scheme's default port is
//! accepted (proxies and Twilio disagree about `:443`), and repeated parameters are sorted by
//! value. Comparison is constant-time.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

pub fn compute(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    sign(auth_token, url, &sorted(params))
}

fn sorted(params: &[(String, String)]) -> Vec<&(String, String)> {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_unstable();
    sorted
}

fn sign(auth_token: &str, url: &str, sorted: &[&(String, String)]) -> String {
    let mut mac =
        Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).expect("HMAC takes any key length");
    mac.update(url.as_bytes());
    for (key, value) in sorted {
        mac.update(key.as_bytes());
        mac.update(value.as_bytes());
    }
    STANDARD.encode(mac.finalize().into_bytes())
}

pub fn is_valid(auth_token: &str, url: &str, params: &[(String, String)], signature: &str) -> bool {
    // Sorted once; the URL variant is only built when the URL as given does not match.
    let sorted = sorted(params);
    let signature = signature.trim().as_bytes();
    let matches = |candidate: &str| -> bool {
        sign(auth_token, candidate, &sorted)
            .as_bytes()
            .ct_eq(signature)
            .into()
    };
    matches(url) || url_variants(url).iter().skip(1).any(|v| matches(v))
}

/// The URL as given, plus the same URL without its port (if it has one) or with the scheme's
/// default port (if it has none). Built by hand: `url::Url` would silently drop `:443`.
fn url_variants(raw: &str) -> Vec<String> {
    let mut variants = vec![raw.to_owned()];
    let Some(scheme_end) = raw.find("://").map(|i| i + 3) else {
        return variants;
    };
    let default_port = match raw[..scheme_end].to_ascii_lowercase().as_str() {
        "https://" => 443,
        "http://" => 80,
        _ => return variants,
    };
    let authority_end = raw[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(raw.len(), |i| i + scheme_end);
    let (prefix, authority, suffix) = (
        &raw[..scheme_end],
        &raw[scheme_end..authority_end],
        &raw[authority_end..],
    );
    match authority.rsplit_once(':') {
        // An IPv6 literal's colons are not a port.
        Some((host, port))
            if !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && !port.contains(']') =>
        {
            variants.push(format!("{prefix}{host}{suffix}"));
        }
        _ => variants.push(format!("{prefix}{authority}:{default_port}{suffix}")),
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vectors published with Twilio's helper libraries (twilio-python's request validator tests).
    const TOKEN: &str = "12345";
    const URI: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";

    fn params() -> Vec<(String, String)> {
        [
            ("CallSid", "CA1234567890ABCDE"),
            ("Digits", "1234"),
            ("From", "+14158675309"),
            ("To", "+18005551212"),
            ("Caller", "+14158675309"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn matches_twilio_reference_signature() {
        assert_eq!(
            compute(TOKEN, URI, &params()),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        );
        assert!(is_valid(
            TOKEN,
            URI,
            &params(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));
    }

    #[test]
    fn repeated_parameters_are_sorted_by_value() {
        let params: Vec<(String, String)> = [
            ("Sid", "CA123"),
            ("SidAccount", "AC123"),
            ("Digits", "5678"),
            ("Digits", "1234"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(compute(TOKEN, URI, &params), "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    #[test]
    fn accepts_a_signature_over_the_url_with_the_default_port() {
        // Signed by Twilio over https://mycompany.com:443/…; we know the URL without the port.
        assert!(is_valid(
            TOKEN,
            URI,
            &params(),
            "kvajT1Ptam85bY51eRf/AJRuM3w="
        ));
        let http = URI.replace("https", "http");
        assert!(is_valid(
            TOKEN,
            &http,
            &params(),
            "0ZXoZLH/DfblKGATFgpif+LLRf4="
        ));
    }

    #[test]
    fn accepts_a_signature_over_the_url_without_our_explicit_port() {
        let with_port = URI.replace(".com", ".com:1234");
        assert!(is_valid(
            TOKEN,
            &with_port,
            &params(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));
        let http_with_port = with_port.replace("https", "http");
        assert!(is_valid(
            TOKEN,
            &http_with_port,
            &params(),
            "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="
        ));
    }

    #[test]
    fn rejects_tampering() {
        let mut tampered = params();
        tampered[1].1 = "9999".into();
        assert!(!is_valid(
            TOKEN,
            URI,
            &tampered,
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));
        assert!(!is_valid(
            "other-token",
            URI,
            &params(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));
        assert!(!is_valid(TOKEN, URI, &params(), ""));
    }
}
