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

#[cfg(test)]
mod tests {
    use super::*;

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
