//! The only module that prints. Data goes to stdout (human text, or one JSON object with
//! `--json`), diagnostics to stderr. A closed stdout (`certenroll ... | head`) is not an error.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use certenroll::error::exit;
use serde::Serialize;

use crate::cli::{ColorChoice, GlobalArgs};

/// A command's log lines (`-v`, `-vv`) in the voice of its warnings: "certenroll: ...".
struct Voice;

impl<S, N> tracing_subscriber::fmt::FormatEvent<S, N> for Voice
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    N: for<'a> tracing_subscriber::fmt::FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &tracing_subscriber::fmt::FmtContext<'_, S, N>,
        mut writer: tracing_subscriber::fmt::format::Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let level = match *event.metadata().level() {
            tracing::Level::ERROR => "error: ",
            tracing::Level::WARN => "warning: ",
            tracing::Level::INFO => "",
            _ => "debug: ",
        };
        write!(writer, "certenroll: {level}")?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Where output goes: the process's stdout and stderr, or any writers (cargo's
/// `Shell::from_write`), so that a command can run in-process in a test.
type Sink = std::sync::Mutex<Box<dyn Write + Send>>;

/// How results are shown.
pub struct Output {
    json: bool,
    quiet: bool,
    verbose: u8,
    /// Colors on stdout, and on stderr.
    color_out: bool,
    color_err: bool,
    /// Data (stdout).
    out: Sink,
    /// Diagnostics (stderr).
    err: Sink,
    /// Whether stderr is a terminal that progress may be drawn on.
    terminal: bool,
    /// While one profile of several runs (`renew --all`): its name, which starts every line
    /// and goes into every JSON object, so that a mail from cron says whose line it is.
    label: std::sync::Mutex<Option<String>>,
}

/// What a colored piece of text says.
#[derive(Debug, Clone, Copy)]
pub enum Tone {
    /// Fine (green).
    Good,
    /// Works, but worth knowing (yellow).
    Warn,
    /// Broken (red).
    Bad,
}

impl Tone {
    fn style(self) -> anstyle::Style {
        let color = match self {
            Tone::Good => anstyle::AnsiColor::Green,
            Tone::Warn => anstyle::AnsiColor::Yellow,
            Tone::Bad => anstyle::AnsiColor::Red,
        };
        anstyle::Style::new().fg_color(Some(color.into())).bold()
    }
}

/// Whether to color a stream: --color always/never, else a terminal without NO_COLOR.
fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

impl Output {
    pub fn new(global: &GlobalArgs) -> Self {
        Output {
            json: global.json,
            quiet: global.quiet,
            verbose: global.verbose,
            color_out: use_color(global.color, std::io::stdout().is_terminal()),
            color_err: use_color(global.color, std::io::stderr().is_terminal()),
            out: std::sync::Mutex::new(Box::new(std::io::stdout())),
            err: std::sync::Mutex::new(Box::new(std::io::stderr())),
            terminal: std::io::stderr().is_terminal(),
            label: std::sync::Mutex::new(None),
        }
    }

    /// Run `work` with every line and JSON object labelled with `label`.
    pub fn labelled<T>(&self, label: &str, work: impl FnOnce() -> T) -> T {
        *self.label.lock().unwrap_or_else(|e| e.into_inner()) = Some(label.to_string());
        let result = work();
        *self.label.lock().unwrap_or_else(|e| e.into_inner()) = None;
        result
    }

    /// `text` with the label, if one is set, before each of its lines.
    fn with_label(&self, text: &str) -> String {
        match &*self.label.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(label) => text
                .lines()
                .map(|line| format!("[{label}] {line}"))
                .collect::<Vec<_>>()
                .join("\n"),
            None => text.to_string(),
        }
    }

    /// Output into `out` and `err` instead of the process's streams: no colors, no progress.
    #[cfg(test)]
    pub fn to_writers(
        global: &GlobalArgs,
        out: Box<dyn Write + Send>,
        err: Box<dyn Write + Send>,
    ) -> Self {
        Output {
            json: global.json,
            quiet: global.quiet,
            verbose: global.verbose,
            color_out: false,
            color_err: false,
            out: std::sync::Mutex::new(out),
            err: std::sync::Mutex::new(err),
            terminal: false,
            label: std::sync::Mutex::new(None),
        }
    }

    /// Write a line to stdout (or its stand-in); a closed pipe is not an error.
    fn line_out(&self, text: &str) {
        let text = self.with_label(text);
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }

    /// Write a line to stderr (or its stand-in).
    fn line_err(&self, text: &str) {
        let text = self.with_label(text);
        let mut err = self.err.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(err, "{text}");
        let _ = err.flush();
    }

    /// The width to wrap text for stdout at: the terminal's, when stdout is one (text for a
    /// pipe or a file is not wrapped).
    pub fn width(&self) -> Option<usize> {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        terminal_size::terminal_size().map(|(terminal_size::Width(w), _)| usize::from(w))
    }

    /// Whether the terminal shows UTF-8 (the locale says so): else only ASCII marks are used.
    pub fn utf8(&self) -> bool {
        ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
            .is_none_or(|locale| {
                let locale = locale.to_ascii_lowercase();
                locale.contains("utf-8") || locale.contains("utf8")
            })
    }

    /// `text` in the color of `tone`, for stdout (as it is when stdout gets no colors).
    pub fn tint(&self, tone: Tone, text: &str) -> String {
        paint(self.color_out, tone, text)
    }

    /// Install the log subscriber: warnings by default (info for a server, whose log is its
    /// output), -v info, -vv debug, -q errors only.
    pub fn init_logging(&self, server: bool) {
        let level = match (self.quiet, self.verbose) {
            (true, _) => tracing::Level::ERROR,
            (false, 0) if server => tracing::Level::INFO,
            (false, 0) => tracing::Level::WARN,
            (false, 1) => tracing::Level::INFO,
            (false, _) => tracing::Level::DEBUG,
        };
        let builder = tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(level)
            .with_target(false)
            .without_time()
            .with_ansi(self.color_err);
        if server {
            // A server's log: one line per event, its level first.
            builder.init();
        } else {
            builder.event_format(Voice).init();
        }
    }

    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Whether progress (spinners) may be drawn: a terminal on stderr, not quiet, not JSON.
    pub fn shows_progress(&self) -> bool {
        !self.quiet && !self.json && self.terminal
    }

    /// Run `work`, with a spinner saying `message` on a terminal (key generation, waiting for
    /// a server).
    pub fn while_busy<T>(&self, message: &str, work: impl FnOnce() -> T) -> T {
        if !self.shows_progress() {
            return work();
        }
        let (done, stopped) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let mut spinner = Spinner::default();
                loop {
                    spinner.draw(message);
                    if stopped.recv_timeout(Duration::from_millis(100))
                        != Err(std::sync::mpsc::RecvTimeoutError::Timeout)
                    {
                        break;
                    }
                }
                spinner.clear();
            });
            let result = work();
            drop(done);
            result
        })
    }

    /// Wait `total`, showing a countdown on a terminal: `label(seconds_left)`.
    pub fn countdown(&self, total: Duration, label: impl Fn(u64) -> String) {
        if total.is_zero() {
            return;
        }
        if !self.shows_progress() {
            tracing::info!("{}", label(total.as_secs()));
            std::thread::sleep(total);
            return;
        }
        let mut spinner = Spinner::default();
        let end = Instant::now() + total;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            spinner.draw(&label(left.as_secs_f64().ceil() as u64));
            std::thread::sleep(left.min(Duration::from_millis(250)));
        }
        spinner.clear();
    }

    /// Print human-readable result text (not with --json or -q).
    pub fn human(&self, text: &str) {
        if !self.json && !self.quiet {
            self.line_out(text);
        }
    }

    /// Print the JSON result object (only with --json).
    pub fn json<T: Serialize>(&self, value: &T) {
        if !self.json {
            return;
        }
        let Ok(mut value) = serde_json::to_value(value) else {
            return;
        };
        let label = self.label.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if let (Some(label), Some(object)) = (label, value.as_object_mut()) {
            object
                .entry("profile")
                .or_insert(serde_json::Value::String(label));
        }
        if let Ok(line) = serde_json::to_string(&value) {
            // One JSON object per line, unlabelled: the label is inside it.
            let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    }

    /// A warning for a person, on stderr (not with -q).
    pub fn warn(&self, text: &str) {
        if !self.quiet {
            self.line_err(&format!(
                "certenroll: {} {text}",
                paint(self.color_err, Tone::Warn, "warning:")
            ));
        }
    }

    /// Report a failed command and return its exit code.
    pub fn report_error(&self, err: &anyhow::Error) -> u8 {
        if is_broken_pipe(err) {
            return exit::OK;
        }
        let lib = err.downcast_ref::<certenroll::Error>();
        let code = lib.map_or(exit::OTHER, certenroll::Error::exit_code);
        self.line_err(&format!(
            "certenroll: {} {err:#}",
            paint(self.color_err, Tone::Bad, "error:")
        ));
        if let Some(hint) = lib.and_then(certenroll::Error::hint) {
            self.line_err(&format!("certenroll: hint: {hint}"));
        }
        if self.json {
            let fail_info = match lib {
                Some(certenroll::Error::ScepFailure {
                    fail_info: Some(info),
                    ..
                }) => Some(FailInfoJson::from(*info)),
                _ => None,
            };
            self.json(&ErrorJson {
                status: "error",
                exit_code: code,
                error: format!("{err:#}"),
                fail_info,
            });
        }
        code
    }
}

fn paint(color: bool, tone: Tone, text: &str) -> String {
    if color {
        let style = tone.style();
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

#[derive(Serialize)]
struct ErrorJson {
    status: &'static str,
    exit_code: u8,
    error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fail_info: Option<FailInfoJson>,
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// One line on stderr, "⠋ message", redrawn in place; the caller knows stderr is a terminal.
#[derive(Default)]
struct Spinner {
    frame: usize,
}

impl Spinner {
    const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

    fn draw(&mut self, message: &str) {
        // Cut to the terminal's width, so that the line never wraps (a wrapped line would not
        // be redrawn in place).
        let width = usize::from(console::Term::stderr().size().1).max(10);
        let text: String = message.chars().take(width - 3).collect();
        let frame = Self::FRAMES[self.frame % Self::FRAMES.len()];
        self.frame += 1;
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K{frame} {text}");
        let _ = stderr.flush();
    }

    fn clear(&self) {
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K");
        let _ = stderr.flush();
    }
}

/// The library's waits, drawn: countdowns and spinners on a terminal, warnings on stderr.
impl certenroll::enroll::poll::Progress for Output {
    fn wait(&self, delay: Duration, label: &dyn Fn(u64) -> String) {
        self.countdown(delay, label);
    }

    fn busy(&self, what: &str, work: &mut dyn FnMut()) {
        self.while_busy(what, work);
    }

    fn warn(&self, text: &str) {
        Output::warn(self, text);
    }

    fn say(&self, text: &str) {
        self.human(text);
    }
}

/// failInfo as JSON: code, name and meaning.
#[derive(Debug, Serialize)]
pub struct FailInfoJson {
    code: u8,
    name: &'static str,
    meaning: &'static str,
}

impl From<certenroll::error::FailInfo> for FailInfoJson {
    fn from(info: certenroll::error::FailInfo) -> Self {
        FailInfoJson {
            code: info.code(),
            name: info.name(),
            meaning: info.meaning(),
        }
    }
}

/// `text`, printed after `indent` columns of something else, wrapped at word boundaries into
/// lines of at most `width` columns (a longer word gets a line of its own), each new line
/// indented by `indent` spaces.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut column = indent;
    let mut line_empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if !line_empty && column + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
            line_empty = true;
        }
        if !line_empty {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
        line_empty = false;
    }
    out
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;

    #[test]
    fn words_wrap_under_the_width_with_the_indent() {
        assert_eq!(wrap("a bb ccc dddd", 10, 2), "a bb ccc\n  dddd");
        assert_eq!(wrap("longword", 4, 2), "longword");
        assert_eq!(wrap("", 10, 4), "");
    }
}
