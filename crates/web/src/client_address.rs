//! Whose address a request came from: the peer's, or — when the peer is a proxy the operator
//! trusts — the client that proxy names in `X-Forwarded-For`.
//!
//! The header is read from the right: each proxy appends the address it was reached from, so
//! the right-most address that is not itself a trusted proxy is the client. Anything left of it
//! was written by the client and proves nothing. A peer that is not trusted is the client,
//! whatever the header says.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use axum::http::HeaderMap;

/// The proxies whose `X-Forwarded-For` is believed: addresses and networks (`10.0.0.0/8`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Network>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Network {
    address: IpAddr,
    prefix: u8,
}

impl Network {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.address, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                prefix_matches(u32::from(net).into(), u32::from(ip).into(), 32, self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                prefix_matches(u128::from(net), u128::from(ip), 128, self.prefix)
            }
            _ => false,
        }
    }
}

fn prefix_matches(network: u128, ip: u128, bits: u8, prefix: u8) -> bool {
    let host_bits = u32::from(bits - prefix);
    network.checked_shr(host_bits).unwrap_or(0) == ip.checked_shr(host_bits).unwrap_or(0)
}

/// A trusted-proxy setting that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadProxy(String);

impl fmt::Display for BadProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not an IP address or network (give e.g. 10.0.0.5, 10.0.0.0/8 or fd00::/8)",
            self.0
        )
    }
}

impl std::error::Error for BadProxy {}

impl FromStr for TrustedProxies {
    type Err = BadProxy;

    /// A comma-separated list; an empty one trusts no proxy.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut networks = Vec::new();
        for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let bad = || BadProxy(item.to_owned());
            let (address, prefix) = match item.split_once('/') {
                Some((address, prefix)) => (address, Some(prefix)),
                None => (item, None),
            };
            let address: IpAddr = address.parse().map_err(|_| bad())?;
            let address = address.to_canonical();
            let bits = if address.is_ipv4() { 32 } else { 128 };
            let prefix = match prefix {
                Some(prefix) => prefix
                    .parse::<u8>()
                    .ok()
                    .filter(|p| *p <= bits)
                    .ok_or_else(bad)?,
                None => bits,
            };
            networks.push(Network { address, prefix });
        }
        Ok(Self(networks))
    }
}

impl TrustedProxies {
    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(ip))
    }

    /// The client of a request that reached us from `peer`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for hop in forwarded.iter().rev() {
            let Some(hop) = parse_hop(hop) else {
                break;
            };
            client = hop;
            if !self.trusts(hop) {
                break;
            }
        }
        client
    }
}

/// One address of `X-Forwarded-For`: `192.0.2.1`, `2001:db8::1`, or either with a port.
fn parse_hop(text: &str) -> Option<IpAddr> {
    text.parse::<IpAddr>()
        .or_else(|_| text.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// The address that sign-in attempts are counted against: an IPv4 address, or the /64 network
/// of an IPv6 address (one household or server is usually given a whole /64, so counting single
/// IPv6 addresses would count nothing).
pub fn throttle_address(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1));
            format!("{network}/64")
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn forwarded(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn reads_addresses_and_networks() {
        let proxies: TrustedProxies = "10.0.0.0/8, 192.0.2.7,fd00::/8".parse().expect("valid");
        assert!(proxies.trusts(ip("10.1.2.3")));
        assert!(proxies.trusts(ip("192.0.2.7")));
        assert!(!proxies.trusts(ip("192.0.2.8")));
        assert!(proxies.trusts(ip("fd12::1")));
        assert!(proxies.trusts(ip("::ffff:10.9.9.9")), "IPv4-mapped");
        assert!(!proxies.trusts(ip("2001:db8::1")));
        assert_eq!("".parse::<TrustedProxies>(), Ok(TrustedProxies::default()));
        let everything: TrustedProxies = "0.0.0.0/0".parse().expect("valid");
        assert!(everything.trusts(ip("203.0.113.9")));
        for bad in [
            "10.0.0.0/33",
            "fd00::/129",
            "proxy.example",
            "10.0.0.1/x",
            "10.0.0",
        ] {
            let error = bad.parse::<TrustedProxies>().expect_err(bad);
            assert!(
                error
                    .to_string()
                    .contains(bad.split('/').next().unwrap_or(bad))
            );
        }
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_the_header_says() {
        let none = TrustedProxies::default();
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(
            none.client(ip("198.51.100.1"), &headers),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_from_the_right() {
        let proxies: TrustedProxies = "10.0.0.0/8".parse().expect("valid");
        let peer = ip("10.0.0.2");
        // The client forged the left-most entry; the proxy appended the real one.
        let headers = forwarded(&["1.1.1.1, 203.0.113.9"]);
        assert_eq!(proxies.client(peer, &headers), ip("203.0.113.9"));
        // Two proxies of ours in a row.
        let headers = forwarded(&["203.0.113.9, 10.0.0.7"]);
        assert_eq!(proxies.client(peer, &headers), ip("203.0.113.9"));
        // Several headers count as one list.
        let headers = forwarded(&["1.1.1.1", "203.0.113.9"]);
        assert_eq!(proxies.client(peer, &headers), ip("203.0.113.9"));
        // With ports, and IPv6.
        let headers = forwarded(&["[2001:db8::5]:4711"]);
        assert_eq!(proxies.client(peer, &headers), ip("2001:db8::5"));
        // No header, or nonsense where the proxy's entry should be: the proxy itself.
        assert_eq!(proxies.client(peer, &HeaderMap::new()), peer);
        assert_eq!(proxies.client(peer, &forwarded(&["unknown"])), peer);
        // Nonsense further left stops the walk at the last address read.
        let headers = forwarded(&["garbage, 10.0.0.9"]);
        assert_eq!(proxies.client(peer, &headers), ip("10.0.0.9"));
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network() {
        assert_eq!(throttle_address(ip("192.0.2.1")), "192.0.2.1");
        assert_eq!(throttle_address(ip("::ffff:192.0.2.1")), "192.0.2.1");
        assert_eq!(
            throttle_address(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            throttle_address(ip("2001:db8:1:2::1")),
            throttle_address(ip("2001:db8:1:2:ffff::9"))
        );
    }
}
