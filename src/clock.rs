//! The clock and its formats: Unix seconds now, RFC 3339 for people and JSON, and HTTP dates
//! (RFC 9110 5.6.7: IMF-fixdate written; IMF-fixdate, RFC 850 and asctime read, through the
//! `httpdate` crate).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch.
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A Unix time as RFC 3339 (UTC).
pub fn rfc3339(unix: u64) -> String {
    der::DateTime::from_unix_duration(Duration::from_secs(unix))
        .map_or_else(|_| unix.to_string(), |t| t.to_string())
}

/// Parse an HTTP date (any of the three forms RFC 9110 has recipients accept) into Unix
/// seconds; None for anything else, or a date before 1970.
pub fn parse_http_date(text: &str) -> Option<u64> {
    let at = httpdate::parse_http_date(text.trim()).ok()?;
    at.duration_since(UNIX_EPOCH).ok().map(|d| d.as_secs())
}

/// Format Unix seconds as an HTTP date (IMF-fixdate).
pub fn http_date(unix: u64) -> String {
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(unix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_in_all_three_forms() {
        for form in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date(form), Some(784_111_777), "{form}");
        }
        assert_eq!(parse_http_date("garbage"), None);
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(
            parse_http_date(&http_date(1_800_000_000)),
            Some(1_800_000_000)
        );
        assert_eq!(rfc3339(784_111_777), "1994-11-06T08:49:37Z");
    }
}
