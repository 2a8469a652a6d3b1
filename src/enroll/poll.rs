//! Waiting for the CA, for both protocols: the random start delay (jitter), sending with
//! retries after communication errors, and polling a pending request by the poll policy (SCEP
//! CertPoll every interval; EST sends the request again after the server's Retry-After),
//! saving the request's state as it goes. What a person sees of it goes through [`Progress`]:
//! the library waits, the binary draws.

use std::time::Duration;

use crate::pki::Certificate;

use super::Answer;
use crate::clock::now_unix;
use crate::schedule::{Jitter, PollPolicy};
use crate::store::pending::{Pending, PendingStore};
use crate::{Error, Result};

/// What a person is shown while certenroll waits (a countdown, a spinner, a warning). The
/// binary draws it; [`Quiet`] only waits.
pub trait Progress {
    /// Wait `delay`, showing `label(seconds left)` meanwhile.
    fn wait(&self, delay: Duration, label: &dyn Fn(u64) -> String);
    /// Run `work`, showing that `what` is under way.
    fn busy(&self, what: &str, work: &mut dyn FnMut());
    /// Something a person should know.
    fn warn(&self, text: &str);
    /// A line of the run's story (what is being waited for).
    fn say(&self, text: &str);
}

/// Progress that shows nothing (tests, and callers without a person).
pub struct Quiet;

impl Progress for Quiet {
    fn wait(&self, delay: Duration, _label: &dyn Fn(u64) -> String) {
        std::thread::sleep(delay);
    }
    fn busy(&self, _what: &str, work: &mut dyn FnMut()) {
        work();
    }
    fn warn(&self, text: &str) {
        tracing::warn!("{text}");
    }
    fn say(&self, text: &str) {
        tracing::info!("{text}");
    }
}

/// Run `work` through [`Progress::busy`] and return what it returned.
pub fn busy<T>(progress: &dyn Progress, what: &str, work: impl FnOnce() -> T) -> T {
    let mut work = Some(work);
    let mut result = None;
    progress.busy(what, &mut || {
        if let Some(work) = work.take() {
            result = Some(work());
        }
    });
    result.expect("Progress::busy runs the work")
}

/// Wait the random start delay, if any.
pub fn jitter(jitter: Jitter, progress: &dyn Progress) -> Result<()> {
    let delay = jitter.draw()?;
    if !delay.is_zero() {
        progress.wait(delay, &|left| {
            format!(
                "waiting {left} s before the first request (jitter {}..{} s)",
                jitter.min, jitter.max
            )
        });
    }
    Ok(())
}

/// Send a request; with `retry_on_error`, communication errors are retried up to the poll
/// count, the poll interval apart. A rejection is never retried.
pub fn send<T>(
    policy: &PollPolicy,
    progress: &dyn Progress,
    mut attempt: impl FnMut() -> Result<T>,
) -> Result<T> {
    let mut tries = 0;
    loop {
        tries += 1;
        match busy(progress, "waiting for the CA", &mut attempt) {
            Err(err)
                if policy.retry_on_error && err.is_communication() && tries <= policy.count =>
            {
                progress.warn(&format!("{err}; trying again (--retry-on-error)"));
                progress.wait(policy.interval, &|left| {
                    format!(
                        "communication error, attempt {tries}/{}, next try in {left} s",
                        policy.count
                    )
                });
            }
            other => return other,
        }
    }
}

/// How a run of polls ended.
pub enum End {
    /// The certificate was issued.
    Issued(Box<Certificate>),
    /// Still pending after the policy's attempts: the request stays saved.
    StillPending,
}

/// Poll a saved request up to `policy.count` times: wait (`first` before the first attempt,
/// then the server's Retry-After if it named one, else the poll interval), `ask` once, and
/// record the attempt in `pending` (saved before each wait and after each answer, so that
/// `status` and a killed run see where it stands). With `retry_on_error`, communication errors
/// count as attempts; any other error ends the run.
pub fn poll(
    pending: &mut Pending,
    store: &PendingStore,
    policy: &PollPolicy,
    first: Duration,
    progress: &dyn Progress,
    what: &str,
    mut ask: impl FnMut() -> Result<Answer>,
) -> Result<End> {
    let mut delay = first;
    for attempt in 1..=policy.count {
        if !delay.is_zero() {
            pending.next_attempt = Some(now_unix().saturating_add(delay.as_secs()));
            store.save(pending)?;
            progress.wait(delay, &|left| {
                format!(
                    "pending, attempt {attempt}/{}, next try in {left} s",
                    policy.count
                )
            });
        }
        let answer = busy(progress, what, &mut ask);
        pending.attempts = pending.attempts.saturating_add(1);
        pending.last_attempt = now_unix();
        pending.next_attempt = None;
        delay = policy.interval;
        pending.last_error = answer.as_ref().err().map(ToString::to_string);
        match answer {
            Ok(Answer::Issued(cert)) => return Ok(End::Issued(cert)),
            Ok(Answer::Pending(retry_after)) => {
                tracing::info!(attempt, "still pending");
                if let Some(retry_after) = retry_after {
                    // RFC 7030 4.2.3: not before the server said, and at least a second.
                    delay = retry_after.max(Duration::from_secs(1));
                    pending.next_attempt = Some(now_unix().saturating_add(delay.as_secs()));
                }
                store.save(pending)?;
            }
            Err(err) if policy.retry_on_error && err.is_communication() => {
                progress.warn(&format!("{err}; trying again (--retry-on-error)"));
                store.save(pending)?;
            }
            Err(err) => {
                store.save(pending)?;
                return Err(err);
            }
        }
    }
    Ok(End::StillPending)
}

impl Error {
    /// Whether this is worth retrying with --retry-on-error: the exchange failed, the CA did
    /// not say no.
    pub fn is_communication(&self) -> bool {
        matches!(self, Error::Communication { .. } | Error::HttpStatus { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::pending::tests::sample;

    /// Progress that records the waits instead of waiting.
    #[derive(Default)]
    struct Recorded(std::cell::RefCell<Vec<u64>>);

    impl Progress for Recorded {
        fn wait(&self, delay: Duration, _label: &dyn Fn(u64) -> String) {
            self.0.borrow_mut().push(delay.as_secs());
        }
        fn busy(&self, _what: &str, work: &mut dyn FnMut()) {
            work();
        }
        fn warn(&self, _text: &str) {}
        fn say(&self, _text: &str) {}
    }

    fn policy(count: u32, retry_on_error: bool) -> PollPolicy {
        PollPolicy {
            interval: Duration::from_secs(30),
            count,
            retry_on_error,
        }
    }

    #[test]
    fn waits_the_interval_or_the_servers_retry_after_and_records_each_attempt() {
        let dir = tempfile::tempdir().unwrap();
        let store = PendingStore::new(dir.path());
        let mut pending = sample("AAA", 1);
        let progress = Recorded::default();
        let mut answers = vec![
            Ok(Answer::Pending(None)),
            Ok(Answer::Pending(Some(Duration::from_secs(90)))),
            Ok(Answer::Pending(Some(Duration::ZERO))),
        ]
        .into_iter();
        let end = poll(
            &mut pending,
            &store,
            &policy(3, false),
            Duration::from_secs(5),
            &progress,
            "asking",
            || answers.next().unwrap(),
        )
        .unwrap();
        assert!(matches!(end, End::StillPending));
        assert_eq!(*progress.0.borrow(), [5, 30, 90]);
        assert_eq!(pending.attempts, 4);
        // The Retry-After of the last answer (at least a second) is when to ask next.
        let next = pending.next_attempt.unwrap();
        assert!(next >= now_unix() && next <= now_unix() + 1);
        assert_eq!(store.load("AAA").unwrap(), pending);
    }

    #[test]
    fn a_communication_error_is_retried_only_when_asked_and_a_rejection_never() {
        let dir = tempfile::tempdir().unwrap();
        let store = PendingStore::new(dir.path());
        let down = || {
            Err(Error::HttpStatus {
                url: "http://ca".into(),
                status: 503,
                body: String::new(),
            })
        };
        let mut pending = sample("AAA", 1);
        let result = poll(
            &mut pending,
            &store,
            &policy(3, false),
            Duration::ZERO,
            &Quiet,
            "a",
            down,
        );
        assert!(result.is_err());
        assert_eq!(pending.attempts, 2);
        let mut pending = sample("BBB", 1);
        let progress = Recorded::default();
        let end = poll(
            &mut pending,
            &store,
            &policy(3, true),
            Duration::ZERO,
            &progress,
            "a",
            down,
        )
        .unwrap();
        assert!(matches!(end, End::StillPending));
        assert_eq!(pending.attempts, 4);
        let mut calls = 0;
        let rejected = poll(
            &mut sample("CCC", 1),
            &store,
            &policy(3, true),
            Duration::ZERO,
            &Quiet,
            "a",
            || {
                calls += 1;
                Err(Error::ScepFailure {
                    fail_info: Some(crate::error::FailInfo::BadRequest),
                    text: None,
                })
            },
        );
        assert!(rejected.is_err());
        assert_eq!(calls, 1);
    }
}
