//! When to act: the random start delay that spreads a fleet's timers (jitter), and the poll
//! policy for pending requests.

use std::time::Duration;

use crate::{Error, Result};

/// The largest jitter accepted, in seconds (what printers offer: 1 to 600 s).
pub const MAX_JITTER_SECS: u64 = 600;

/// A uniform random delay between `min` and `max` seconds (inclusive); zero disables it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Jitter {
    /// Shortest delay, seconds.
    pub min: u64,
    /// Longest delay, seconds.
    pub max: u64,
}

impl std::str::FromStr for Jitter {
    type Err = String;

    /// `MIN..MAX` (e.g. `1..600`), or `MAX` alone for `0..MAX`; `0` disables.
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let number = |t: &str| {
            t.trim().trim_end_matches('s').parse::<u64>().map_err(|_| {
                format!("'{s}' is not a jitter range: write MIN..MAX in seconds, e.g. 1..600")
            })
        };
        let (min, max) = match s.split_once("..") {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (0, number(s)?),
        };
        if min > max {
            return Err(format!("jitter '{s}': the minimum is above the maximum"));
        }
        if max > MAX_JITTER_SECS {
            return Err(format!("jitter '{s}': at most {MAX_JITTER_SECS} seconds"));
        }
        Ok(Jitter { min, max })
    }
}

impl Jitter {
    /// Whether there is any delay to draw.
    pub fn is_off(&self) -> bool {
        self.max == 0
    }

    /// Draw a delay from `random` (a uniformly random 64-bit number).
    pub fn pick(&self, random: u64) -> Duration {
        let span = self.max - self.min + 1;
        Duration::from_secs(self.min + random % span)
    }

    /// Draw a delay from the operating system's random generator.
    pub fn draw(&self) -> Result<Duration> {
        if self.is_off() {
            return Ok(Duration::ZERO);
        }
        let bytes = crate::pki::random_bytes::<8>()
            .map_err(|e| Error::Crypto(format!("drawing the jitter delay failed: {e}")))?;
        Ok(self.pick(u64::from_le_bytes(bytes)))
    }
}

/// How a pending request is polled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollPolicy {
    /// Time between attempts.
    pub interval: Duration,
    /// Attempts in this run (0: do not wait at all).
    pub count: u32,
    /// Whether a communication error is retried (the printer's "poll when a communication
    /// error occurs") instead of ending the run.
    pub retry_on_error: bool,
}

/// Renew once this share of the certificate's lifetime has passed, unless told otherwise.
pub const DEFAULT_RENEW_AT_PERCENT: u8 = 66;

/// A share of a certificate's lifetime, `1%`..`99%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(pub u8);

impl std::str::FromStr for Percent {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let n: u8 = s
            .trim()
            .trim_end_matches('%')
            .parse()
            .map_err(|_| format!("'{s}' is not a percentage: write e.g. 80%"))?;
        if (1..=99).contains(&n) {
            Ok(Percent(n))
        } else {
            Err(format!("'{s}': the percentage must be between 1% and 99%"))
        }
    }
}

/// A span of time written as `30d`, `12h`, `45m` or `90s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span(pub Duration);

impl std::str::FromStr for Span {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let text = s.trim();
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let n: u64 = number
            .parse()
            .map_err(|_| format!("'{s}' is not a duration: write e.g. 30d, 12h, 45m or 90s"))?;
        let unit_secs = match unit {
            "d" => 86_400,
            "h" => 3_600,
            "m" => 60,
            "s" | "" => 1,
            _ => return Err(format!("'{s}': use the units d, h, m or s")),
        };
        Ok(Span(Duration::from_secs(n.saturating_mul(unit_secs))))
    }
}

/// When a certificate should be renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewPolicy {
    /// Renew once this share of the lifetime has passed.
    pub at: Percent,
    /// Or once expiry is this close.
    pub before: Option<Duration>,
}

/// Whether a certificate valid from `not_before` to `not_after` (Unix seconds) is due at
/// `now`, and the moment it becomes due.
pub fn renewal_due(not_before: u64, not_after: u64, now: u64, policy: &RenewPolicy) -> (bool, u64) {
    let lifetime = not_after.saturating_sub(not_before);
    let mut due_at = not_before + lifetime * u64::from(policy.at.0) / 100;
    if let Some(before) = policy.before {
        due_at = due_at.min(not_after.saturating_sub(before.as_secs()));
    }
    (now >= due_at, due_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewal_is_due_at_the_share_or_the_margin() {
        let policy = RenewPolicy {
            at: "66%".parse().unwrap(),
            before: None,
        };
        // A 300-day certificate from day 0: due on day 198.
        let day = 86_400;
        assert_eq!(
            renewal_due(0, 300 * day, 197 * day, &policy),
            (false, 198 * day)
        );
        assert!(renewal_due(0, 300 * day, 198 * day, &policy).0);
        let margin = RenewPolicy {
            at: Percent(99),
            before: Some("30d".parse::<Span>().unwrap().0),
        };
        assert_eq!(
            renewal_due(0, 300 * day, 269 * day, &margin),
            (false, 270 * day)
        );
        assert!(renewal_due(0, 300 * day, 301 * day, &margin).0);
        assert!("0%".parse::<Percent>().is_err() && "100".parse::<Percent>().is_err());
        assert_eq!(
            "12h".parse::<Span>().unwrap().0,
            Duration::from_secs(43_200)
        );
        assert!("3w".parse::<Span>().is_err() && "soon".parse::<Span>().is_err());
    }

    #[test]
    fn jitter_parses_ranges() {
        assert_eq!("1..600".parse::<Jitter>(), Ok(Jitter { min: 1, max: 600 }));
        assert_eq!("30".parse::<Jitter>(), Ok(Jitter { min: 0, max: 30 }));
        assert_eq!("5s..10s".parse::<Jitter>(), Ok(Jitter { min: 5, max: 10 }));
        assert!("0".parse::<Jitter>().unwrap().is_off());
        assert!("601".parse::<Jitter>().is_err());
        assert!("10..5".parse::<Jitter>().is_err());
        assert!("soon".parse::<Jitter>().is_err());
    }

    #[test]
    fn jitter_stays_within_the_range() {
        let jitter = Jitter { min: 1, max: 600 };
        // The edges of the random space map to the edges of the range.
        assert_eq!(jitter.pick(0), Duration::from_secs(1));
        assert_eq!(jitter.pick(599), Duration::from_secs(600));
        assert_eq!(jitter.pick(600), Duration::from_secs(1));
        for _ in 0..2000 {
            let d = jitter.draw().unwrap().as_secs();
            assert!((1..=600).contains(&d), "{d}");
        }
        // Draws spread over the range rather than sticking to one value.
        let draws: std::collections::HashSet<u64> =
            (0..200).map(|_| jitter.draw().unwrap().as_secs()).collect();
        assert!(draws.len() > 100, "{}", draws.len());
        assert_eq!(Jitter::default().draw().unwrap(), Duration::ZERO);
    }
}
