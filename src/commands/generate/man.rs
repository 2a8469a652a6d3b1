//! Man pages that read like man pages: NAME, SYNOPSIS (the usage line, option arguments
//! included), DESCRIPTION, OPTIONS, COMMANDS, then EXIT STATUS, ENVIRONMENT, FILES and
//! EXAMPLES taken from the command's long help, and SEE ALSO.
//!
//! The long help stays the one source: its "Heading:" lines start the sections, its prose is
//! filled, and every indented block (examples, tables, configuration snippets) is kept
//! verbatim. clap_mangen renders the parts clap knows (name, options, commands); it would put
//! the whole long help, reflowed, into one section called EXTRA.

use std::io::Write;

use clap_mangen::Man;
use roff::{Inline, Roff, bold, italic, roman};

/// Write `cmd`'s page and those of its visible subcommands into `dir`.
pub fn generate_to(cmd: clap::Command, dir: &std::path::Path) -> std::io::Result<()> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    generate(&cmd, None, dir)
}

fn generate(
    cmd: &clap::Command,
    parent: Option<&str>,
    dir: &std::path::Path,
) -> std::io::Result<()> {
    let name = page_name(cmd);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        generate(sub, Some(&name), dir)?;
    }
    let mut file = std::fs::File::create(dir.join(format!("{name}.1")))?;
    render(cmd, parent, &mut file)
}

/// certenroll-enroll for `certenroll enroll` (clap sets the display name when building).
fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

fn render(cmd: &clap::Command, parent: Option<&str>, w: &mut dyn Write) -> std::io::Result<()> {
    let version = cmd.get_version().unwrap_or(env!("CARGO_PKG_VERSION"));
    let man = Man::new(cmd.clone().subcommand_help_heading("COMMANDS"));
    let mut roff = Roff::new();
    // No date: the pages are committed and checked against the CLI, not against the day.
    roff.control(
        "TH",
        [
            page_name(cmd).to_uppercase().as_str(),
            "1",
            "\"\"",
            &format!("certenroll {version}"),
            "User Commands",
        ],
    );
    roff.to_writer(w)?;
    clap_part(w, |b| man.render_name_section(b))?;

    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    let usage = cmd.clone().render_usage().to_string();
    for line in usage.lines() {
        let line = line.trim().trim_start_matches("Usage:").trim();
        if !line.is_empty() {
            roff.text(synopsis_line(line));
            roff.control("br", [] as [&str; 0]);
        }
    }
    clap_part(w, |b| roff.to_writer(b))?;

    clap_part(w, |b| man.render_description_section(b))?;
    let sections = sections(
        cmd.get_after_long_help()
            .or(cmd.get_after_help())
            .map(|h| h.to_string())
            .unwrap_or_default()
            .as_str(),
    );
    let mut roff = Roff::new();
    for section in &sections {
        match section.heading.as_deref().map(man_heading) {
            None if section.lines.iter().any(|l| !l.trim().is_empty()) => {
                roff.control("PP", [] as [&str; 0]);
                body(&mut roff, &section.lines);
            }
            Some(("DESCRIPTION", Some(ss))) => {
                roff.control("SS", [ss.as_str()]);
                body(&mut roff, &section.lines);
            }
            _ => {}
        }
    }
    clap_part(w, |b| roff.to_writer(b))?;

    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        clap_part(w, |b| man.render_options_section(b))?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        clap_part(w, |b| man.render_subcommands_section(b))?;
    }

    // The standard order of the remaining sections.
    let mut roff = Roff::new();
    let mut order: Vec<&Section> = sections
        .iter()
        .filter(|s| {
            s.heading
                .as_deref()
                .is_some_and(|h| man_heading(h).0 != "DESCRIPTION")
        })
        .collect();
    order.sort_by_key(|s| rank(s.heading.as_deref().unwrap_or_default()));
    let mut open = None;
    for section in order {
        let heading = section.heading.as_deref().unwrap_or_default();
        let (sh, ss) = man_heading(heading);
        if open != Some(sh) {
            roff.control("SH", [sh]);
            open = Some(sh);
        }
        if let Some(ss) = ss {
            roff.control("SS", [ss.as_str()]);
        }
        body(&mut roff, &section.lines);
    }
    see_also(&mut roff, cmd, parent);
    clap_part(w, |b| roff.to_writer(b))
}

/// Write a part rendered on its own without the two-line preamble (the apostrophe string)
/// that each rendering starts with: the title wrote it once.
fn clap_part(
    w: &mut dyn Write,
    render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    render(&mut buf)?;
    let text = String::from_utf8_lossy(&buf);
    let body: Vec<&str> = text
        .lines()
        .skip_while(|l| l.starts_with(".ie \\n(.g .ds Aq") || l.starts_with(".el .ds Aq"))
        .collect();
    for line in body {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

/// A part of the long help: what comes before the first heading, or one headed part.
struct Section {
    heading: Option<String>,
    lines: Vec<String>,
}

/// A heading is an unindented short line ending in ':' ("Exit codes:", "Examples:").
fn sections(help: &str) -> Vec<Section> {
    let mut out = vec![Section {
        heading: None,
        lines: Vec::new(),
    }];
    for line in help.lines() {
        let is_heading = !line.starts_with(char::is_whitespace)
            && line.ends_with(':')
            && line.len() <= 40
            && !line.contains(". ");
        if is_heading {
            out.push(Section {
                heading: Some(line.trim_end_matches(':').to_string()),
                lines: Vec::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.lines.push(line.to_string());
        }
    }
    out
}

/// The man section (and subsection) a long-help heading goes to.
fn man_heading(heading: &str) -> (&'static str, Option<String>) {
    match heading {
        "Exit codes" => ("EXIT STATUS", None),
        "SCEP failInfo codes" => ("EXIT STATUS", Some(heading.to_string())),
        "Environment" => ("ENVIRONMENT", None),
        "Files" => ("FILES", None),
        "Examples" => ("EXAMPLES", None),
        // Any other heading ("States:") is a part of the description.
        _ => ("DESCRIPTION", Some(heading.to_string())),
    }
}

fn rank(heading: &str) -> usize {
    ["EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"]
        .iter()
        .position(|h| *h == man_heading(heading).0)
        .unwrap_or(usize::MAX)
}

/// Prose lines are filled into paragraphs; indented blocks (blank lines inside them
/// included) are kept as they are.
fn body(roff: &mut Roff, lines: &[String]) {
    let blank = |l: &String| l.trim().is_empty();
    let indented = |l: &String| !blank(l) && l.starts_with(char::is_whitespace);
    let mut i = 0;
    let mut first = true;
    while i < lines.len() {
        if blank(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let verbatim = indented(&lines[i]);
        if verbatim {
            let mut last = i;
            while i < lines.len() && (blank(&lines[i]) || indented(&lines[i])) {
                if indented(&lines[i]) {
                    last = i;
                }
                i += 1;
            }
            i = last + 1;
        } else {
            while i < lines.len() && !blank(&lines[i]) && !indented(&lines[i]) {
                i += 1;
            }
        }
        if !first {
            roff.control("PP", [] as [&str; 0]);
        }
        first = false;
        let block = &lines[start..i];
        if verbatim {
            verbatim_block(roff, block);
        } else {
            roff.text([roman(block.join("\n"))]);
        }
    }
}

/// `block` without its common indentation, line for line, indented as a whole.
fn verbatim_block(roff: &mut Roff, block: &[String]) {
    let indent = block
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    roff.control("RS", ["4"]);
    roff.control("nf", [] as [&str; 0]);
    for line in block {
        let line = line.get(indent..).unwrap_or("").trim_end();
        if line.is_empty() {
            // An empty text line is not kept by every formatter.
            roff.control("sp", [] as [&str; 0]);
        } else {
            roff.text([roman(line)]);
        }
    }
    roff.control("fi", [] as [&str; 0]);
    roff.control("RE", [] as [&str; 0]);
}

/// A usage line with the flags in bold and their arguments in italics.
fn synopsis_line(line: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let flush = |plain: &mut String, out: &mut Vec<Inline>| {
        if !plain.is_empty() {
            out.push(roman(std::mem::take(plain)));
        }
    };
    while i < chars.len() {
        let starts_word = i == 0 || matches!(chars[i - 1], ' ' | '[' | '<' | '|' | '{');
        if chars[i] == '-' && starts_word {
            let end = (i..chars.len())
                .find(|&j| !(chars[j].is_ascii_alphanumeric() || chars[j] == '-'))
                .unwrap_or(chars.len());
            flush(&mut plain, &mut out);
            out.push(bold(chars[i..end].iter().collect::<String>()));
            i = end;
        } else if chars[i] == '<'
            && let Some(len) = chars[i + 1..].iter().position(|&c| c == '>')
            && chars[i + 1..i + 1 + len]
                .iter()
                .all(|c| c.is_ascii_uppercase() || matches!(c, '_' | '|' | '.'))
            && len > 0
        {
            flush(&mut plain, &mut out);
            out.push(italic(chars[i + 1..i + 1 + len].iter().collect::<String>()));
            i += len + 2;
        } else if i == 0 || (out.is_empty() && plain.chars().all(|c| c != ' ' && c != '[')) {
            // The command's own name, e.g. "certenroll enroll", in bold.
            let end = (i..chars.len())
                .find(|&j| matches!(chars[j], '[' | '<' | '-' | '{'))
                .unwrap_or(chars.len());
            let name: String = chars[i..end].iter().collect();
            out.push(bold(name.trim_end().to_string()));
            plain.push_str(&name[name.trim_end().len()..]);
            i = end;
        } else {
            plain.push(chars[i]);
            i += 1;
        }
    }
    flush(&mut plain, &mut out);
    out
}

/// The parent page, the pages of the subcommands, and the one for the configuration file.
fn see_also(roff: &mut Roff, cmd: &clap::Command, parent: Option<&str>) {
    let name = page_name(cmd);
    let mut pages: Vec<String> = Vec::new();
    if let Some(parent) = parent {
        pages.push(parent.to_string());
        if parent != "certenroll" {
            pages.insert(0, "certenroll".to_string());
        }
    }
    pages.extend(
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(page_name),
    );
    for related in ["certenroll-doctor", "certenroll-config"] {
        if name != related && !pages.iter().any(|p| p == related) && name != "certenroll" {
            pages.push(related.to_string());
        }
    }
    if pages.is_empty() {
        return;
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut inlines = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            inlines.push(roman(", "));
        }
        inlines.push(bold(page.as_str()));
        inlines.push(roman("(1)"));
    }
    roff.text(inlines);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_sections_and_indented_blocks_stay_verbatim() {
        let help = "Prose one\nprose two.\n\nExamples:\n  # a comment\n  certenroll enroll --cn a\n\n  certenroll renew --all\n\nExit codes:\n  0  done\n";
        let parts = sections(help);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[1].heading.as_deref(), Some("Examples"));
        let mut roff = Roff::new();
        body(&mut roff, &parts[1].lines);
        let text = roff.to_roff();
        assert!(
            text.starts_with(".RS 4\n.nf\n# a comment\ncertenroll enroll \\-\\-cn a\n"),
            "{text}"
        );
        assert!(text.contains("\n.sp\ncertenroll renew"), "{text}");
        assert_eq!(text.matches(".nf").count(), 1, "one block: {text}");
        let mut roff = Roff::new();
        body(&mut roff, &parts[0].lines);
        assert_eq!(roff.to_roff(), "Prose one\nprose two.\n");
    }

    #[test]
    fn the_synopsis_puts_flags_in_bold_and_arguments_in_italics() {
        let line =
            synopsis_line("certenroll enroll [OPTIONS] --url <URL> <--cn <NAME>|--subject <DN>>");
        assert_eq!(line[0], bold("certenroll enroll"));
        assert!(line.contains(&bold("--url")) && line.contains(&italic("URL")));
        assert!(line.contains(&bold("--subject")) && line.contains(&italic("DN")));
    }

    /// The enroll page has the classic sections in the classic order, no EXTRA, the usage
    /// line with its option arguments, and the examples line for line.
    #[test]
    fn the_enroll_page_reads_like_a_man_page() {
        let dir = tempfile::tempdir().unwrap();
        generate_to(
            <crate::cli::Cli as clap::CommandFactory>::command(),
            dir.path(),
        )
        .unwrap();
        let page = std::fs::read_to_string(dir.path().join("certenroll-enroll.1")).unwrap();
        let headings: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH ")).collect();
        let position = |h: &str| {
            headings
                .iter()
                .position(|l| *l == h)
                .unwrap_or_else(|| panic!("{h} missing: {headings:?}"))
        };
        let order = [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH OPTIONS",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH EXAMPLES",
            ".SH \"SEE ALSO\"",
        ];
        for pair in order.windows(2) {
            assert!(position(pair[0]) < position(pair[1]), "{headings:?}");
        }
        assert!(!page.contains(".SH EXTRA"), "{headings:?}");
        assert_eq!(page.matches(".ds Aq").count(), 2, "one preamble");
        assert!(page.contains("\\fB\\-\\-url\\fR \\fIURL\\fR"), "synopsis");
        // An example's continuation lines keep their indentation.
        assert!(
            page.contains("\n.nf\n# New RSA\\-2048 key"),
            "examples are verbatim"
        );
        assert!(
            page.contains("\n    \\-\\-cn printer\\-42.example.net"),
            "indentation kept"
        );
        let root = std::fs::read_to_string(dir.path().join("certenroll.1")).unwrap();
        assert!(root.contains(".SH COMMANDS") && root.contains(".SH EXAMPLES"));
    }
}
