//! Which address a request comes from, for the login limiter. The TCP peer, unless that peer is
//! one of the reverse proxies named in `TRUSTED_PROXY`: then the proxy's `X-Forwarded-For` tells,
//! read from the right (entries appended by our own proxies are skipped). A header sent by anyone
//! else is ignored, so a guesser cannot pick a fresh address per attempt.

use std::net::IpAddr;

use actix_web::HttpRequest;

/// A client address as the limiter keys it. IPv6 clients are keyed by their /64: one host gets a
/// whole /64 and could otherwise rotate addresses inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientAddr(String);

impl ClientAddr {
    pub fn from_ip(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => ClientAddr(v4.to_string()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientAddr(v4.to_string()),
                None => {
                    let s = v6.segments();
                    ClientAddr(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
                }
            },
        }
    }

    pub fn unknown() -> Self {
        ClientAddr("unknown".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn client_addr(req: &HttpRequest, trusted_proxies: &[IpAddr]) -> ClientAddr {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return ClientAddr::unknown();
    };
    if !trusted_proxies.contains(&peer) {
        return ClientAddr::from_ip(peer);
    }
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    from_forwarded(&forwarded, trusted_proxies).unwrap_or_else(|| ClientAddr::from_ip(peer))
}

/// The right-most entry that is not one of our proxies: entries further left were written by
/// the client and prove nothing.
fn from_forwarded(entries: &[&str], trusted_proxies: &[IpAddr]) -> Option<ClientAddr> {
    entries
        .iter()
        .rev()
        .map(|e| e.parse::<IpAddr>().ok())
        .find(|ip| !ip.is_some_and(|ip| trusted_proxies.contains(&ip)))
        .flatten()
        .map(ClientAddr::from_ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rightmost_untrusted_forwarded_entry_is_the_client() {
        let proxies: Vec<IpAddr> = vec!["10.0.0.1".parse().unwrap()];
        assert_eq!(
            from_forwarded(&["6.6.6.6", "203.0.113.9", "10.0.0.1"], &proxies),
            Some(ClientAddr("203.0.113.9".into()))
        );
        // Garbage where the client should be: no address rather than the forged left part.
        assert_eq!(from_forwarded(&["6.6.6.6", "garbage"], &proxies), None);
        assert_eq!(from_forwarded(&[], &proxies), None);
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        let a = ClientAddr::from_ip("2001:db8:1:2::1".parse().unwrap());
        let b = ClientAddr::from_ip("2001:db8:1:2:ffff::9".parse().unwrap());
        assert_eq!(a, b);
        assert_eq!(
            ClientAddr::from_ip("::ffff:192.0.2.1".parse().unwrap()).as_str(),
            "192.0.2.1"
        );
    }
}
