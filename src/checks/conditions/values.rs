//! Parsers for condition values: dates, CIDR ranges, numbers, Booleans,
//! base64 and the frame of an ARN.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::Range;

/// How a Date operator's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// The W3C profile of ISO 8601: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a
    /// date with `Thh:mm[:ss[.s...]]` and an optional `Z` or `±hh:mm`.
    Iso,
    /// Seconds since 1970-01-01 (digits only).
    Epoch,
}

/// Reads a Date operator's value; `None` when it is neither form.
pub fn parse_date(s: &str) -> Option<DateForm> {
    if !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit()) && s.len() != 4 {
        return Some(DateForm::Epoch);
    }
    iso_date(s).then_some(DateForm::Iso)
}

fn iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let Some(year) = num(0..4) else { return false };
    if b.len() == 4 {
        return true;
    }
    if b.get(4) != Some(&b'-') {
        return false;
    }
    let Some(month) = num(5..7).filter(|m| (1..=12).contains(m)) else {
        return false;
    };
    if b.len() == 7 {
        return true;
    }
    if b.get(7) != Some(&b'-') {
        return false;
    }
    let Some(day) = num(8..10) else { return false };
    if day == 0 || day > days_in_month(year, month) {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    if b.get(10) != Some(&b'T') {
        return false;
    }
    // hh:mm
    if !matches!(num(11..13), Some(h) if h < 24)
        || b.get(13) != Some(&b':')
        || !matches!(num(14..16), Some(m) if m < 60)
    {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        if !matches!(num(i + 1..i + 3), Some(s) if s < 60) {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return false;
            }
            i += 1 + digits;
        }
    }
    match &b[i..] {
        [] | [b'Z'] => true,
        [sign, ..] if *sign == b'+' || *sign == b'-' => {
            b.len() == i + 6
                && num(i + 1..i + 3).is_some_and(|h| h < 24)
                && b[i + 3] == b':'
                && num(i + 4..i + 6).is_some_and(|m| m < 60)
        }
        _ => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An integer or decimal, as Numeric operators read it (`10`, `-2.5`, `1e3`).
pub fn is_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int)
        && frac.is_none_or(digits)
        && !(int.is_empty() && frac.is_none_or(str::is_empty));
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exp_ok
}

/// `true` or `false`, in any case.
pub fn is_bool(s: &str) -> bool {
    s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false")
}

/// Standard base64 (`A-Z a-z 0-9 + /`), padded with `=` to a multiple of
/// four characters or left unpadded.
pub fn is_base64(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    let body = s.trim_end_matches('=');
    let pad = s.len() - body.len();
    let chars_ok = body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/');
    if !chars_ok || pad > 2 {
        return false;
    }
    if pad > 0 {
        s.len() % 4 == 0
    } else {
        s.len() % 4 != 1
    }
}

/// An IP address or CIDR range, as IpAddress operators read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub addr: IpAddr,
    pub prefix: u8,
    /// The value had a `/prefix` (a bare address is a /32 or /128).
    pub written_prefix: bool,
}

impl Cidr {
    pub fn parse(s: &str) -> Option<Cidr> {
        let (a, p) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = if a.contains(':') {
            IpAddr::V6(a.parse::<Ipv6Addr>().ok()?)
        } else {
            IpAddr::V4(a.parse::<Ipv4Addr>().ok()?)
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => {
                if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let n: u8 = p.parse().ok()?;
                if n > max {
                    return None;
                }
                n
            }
            None => max,
        };
        Some(Cidr {
            addr,
            prefix,
            written_prefix: p.is_some(),
        })
    }

    /// The range's first address (the address with its host bits cleared).
    pub fn network(&self) -> IpAddr {
        match self.addr {
            IpAddr::V4(a) => {
                let bits = u32::from(a);
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - self.prefix)
                };
                IpAddr::V4(Ipv4Addr::from(bits & mask))
            }
            IpAddr::V6(a) => {
                let bits = u128::from(a);
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - self.prefix)
                };
                IpAddr::V6(Ipv6Addr::from(bits & mask))
            }
        }
    }

    /// Bits set to the right of the prefix, as in `10.0.0.1/8`.
    pub fn host_bits_set(&self) -> bool {
        self.network() != self.addr
    }

    /// Wholly inside a private range: 10.0.0.0/8, 172.16.0.0/12,
    /// 192.168.0.0/16 (RFC 1918) or fc00::/7 (unique local IPv6).
    pub fn is_private(&self) -> bool {
        let within = |net: IpAddr, len: u8| {
            self.prefix >= len
                && Cidr {
                    addr: self.addr,
                    prefix: len,
                    written_prefix: true,
                }
                .network()
                    == net
        };
        match self.addr {
            IpAddr::V4(_) => [
                (Ipv4Addr::new(10, 0, 0, 0), 8),
                (Ipv4Addr::new(172, 16, 0, 0), 12),
                (Ipv4Addr::new(192, 168, 0, 0), 16),
            ]
            .into_iter()
            .any(|(n, l)| within(IpAddr::V4(n), l)),
            IpAddr::V6(_) => within(IpAddr::V6(Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0)), 7),
        }
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Why a value of an ARN operator is not an ARN at all: a message and the
/// byte range it is about. Values that start with `arn:` pass: their parts
/// are checked by the ARN rules (`missing-arn-field` and the others), which
/// read `Arn*` condition values too.
pub fn arn_shape(s: &str) -> Result<(), (String, Range<usize>)> {
    // A lone `*` is left alone: what IAM makes of it is not documented.
    if s == "*" || s.starts_with("arn:") {
        return Ok(());
    }
    let prefix = s.split(':').next().unwrap_or("");
    let how = if prefix.eq_ignore_ascii_case("arn") {
        "an ARN starts with lowercase `arn:`"
    } else {
        "an ARN starts with `arn:`"
    };
    Err((format!("\"{s}\" is not an ARN: {how}"), 0..prefix.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_w3c_profile_and_epoch_seconds() {
        for ok in [
            "2025",
            "2025-01",
            "2025-01-31",
            "2024-02-29",
            "2025-01-31T12:00Z",
            "2025-01-31T12:00:00Z",
            "2025-01-31T12:00:00.123Z",
            "2025-01-31T12:00:00+02:00",
            "2025-01-31T23:59:59-05:30",
            "2025-01-31T12:00:00",
        ] {
            assert_eq!(parse_date(ok), Some(DateForm::Iso), "{ok}");
        }
        for epoch in ["1735689600", "0", "86400"] {
            assert_eq!(parse_date(epoch), Some(DateForm::Epoch), "{epoch}");
        }
        for bad in [
            "",
            "2025-13-01",
            "2025-02-29",
            "2025-04-31",
            "2025-1-1",
            "2025/01/31",
            "31-01-2025",
            "2025-01-31 12:00:00",
            "2025-01-31T24:00:00Z",
            "2025-01-31T12:60Z",
            "2025-01-31T12:00:00.Z",
            "2025-01-31T12:00:00+0200",
            "2025-01-31T12:00:00z",
            "2025-01-31T12",
            "2025-*",
            "yesterday",
            "17356896001234",
            "1735689600.5",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers() {
        for ok in ["10", "-1", "2.5", "+3", "1e3", "1.5E-2", "007", ".5", "5."] {
            assert!(is_number(ok), "{ok}");
        }
        for bad in ["", "-", "ten", "1,000", "1.2.3", "1e", "0x10", " 1", "."] {
            assert!(!is_number(bad), "{bad}");
        }
    }

    #[test]
    fn base64() {
        for ok in ["QmluYXJ5", "QQ==", "QUI=", "QUI", "a+/9"] {
            assert!(is_base64(ok), "{ok}");
        }
        for bad in ["", "Q", "QQ=", "Q===", "not base64!", "QQ==QQ=="] {
            assert!(!is_base64(bad), "{bad}");
        }
    }

    #[test]
    fn cidr_ranges() {
        let c = Cidr::parse("203.0.113.0/24").unwrap();
        assert!(!c.host_bits_set() && !c.is_private());
        let c = Cidr::parse("203.0.113.7/24").unwrap();
        assert!(c.host_bits_set());
        assert_eq!(c.network().to_string(), "203.0.113.0");
        let c = Cidr::parse("2001:DB8:1234:5678::/64").unwrap();
        assert!(!c.host_bits_set());
        assert!(Cidr::parse("2001:db8::1/32").unwrap().host_bits_set());
        let bare = Cidr::parse("198.51.100.7").unwrap();
        assert_eq!((bare.prefix, bare.written_prefix), (32, false));
        assert!(Cidr::parse("0.0.0.0/0").is_some_and(|c| !c.host_bits_set()));
        for bad in [
            "",
            "10.0.0.0/33",
            "10.0.0/8",
            "256.0.0.0/8",
            "10.0.0.0/",
            "10.0.0.0/-1",
            "010.0.0.0/8",
            "10.0.0.0 /8",
            "::1/129",
            "10.0.*",
            "2001:db8::g/64",
            "10.0.0.0/8/8",
        ] {
            assert!(Cidr::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn private_ranges() {
        for p in [
            "10.1.0.0/16",
            "172.16.0.0/12",
            "172.31.255.255",
            "192.168.1.0/24",
            "fd00::/8",
        ] {
            assert!(Cidr::parse(p).unwrap().is_private(), "{p}");
        }
        for p in [
            "10.0.0.0/7",
            "172.32.0.0/16",
            "203.0.113.0/24",
            "0.0.0.0/0",
            "2001:db8::/32",
            "fc00::/6",
        ] {
            assert!(!Cidr::parse(p).unwrap().is_private(), "{p}");
        }
    }

    #[test]
    fn arn_frames() {
        assert!(arn_shape("arn:aws:imagebuilder:us-west-2:123456789012:image/my-image/*").is_ok());
        assert!(arn_shape("*").is_ok());
        // The parts are the ARN rules' business.
        assert!(arn_shape("arn:aws:imagebuilder:*").is_ok());
        let (m, r) = arn_shape("ARN:aws:iam::444455556666:root").unwrap_err();
        assert!(m.contains("lowercase") && r == (0..3), "{m}");
        let (m, _) = arn_shape("444455556666").unwrap_err();
        assert!(m.contains("not an ARN"), "{m}");
        assert!(arn_shape("${aws:SourceArn}").is_err());
    }
}
