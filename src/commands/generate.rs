//! The hidden `certenroll generate`: man pages (one per command plus certenroll(1), laid out
//! by `man.rs`) and shell completions, from the clap definitions. The outputs are committed; a test fails when they
//! drift from the CLI.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

mod man;
mod profile_names;

/// Write every generated file under `dir` (man/ and completions/).
pub fn write_all(dir: &Path) -> Result<()> {
    let man = dir.join("man");
    let completions = dir.join("completions");
    fs::create_dir_all(&man).with_context(|| format!("creating {}", man.display()))?;
    fs::create_dir_all(&completions)
        .with_context(|| format!("creating {}", completions.display()))?;

    let cmd = Cli::command();
    man::generate_to(cmd.clone(), &man)
        .with_context(|| format!("writing man pages to {}", man.display()))?;
    let cmd = for_completions(cmd);
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let path = clap_complete::generate_to(shell, &mut cmd.clone(), "certenroll", &completions)
            .with_context(|| format!("writing {shell} completions"))?;
        let script = fs::read_to_string(&path)?;
        fs::write(&path, profile_names::add(shell, &script)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The command as the completions offer it: without hidden commands, and with the values of
/// the flags whose names certenroll parses itself (it takes aliases, and says its own
/// errors), so that a shell can offer them.
fn for_completions(cmd: clap::Command) -> clap::Command {
    use certenroll::lab::options::EstEncoding;
    use certenroll::lab::tls::TlsFault;
    use certenroll::lab::{Fault, digest::DigestAlgorithm};
    use certenroll::pki::digest::Digest;
    use certenroll::pki::envelope::Cipher;
    let values: Vec<(&str, Vec<&'static str>)> = vec![
        ("cipher", Cipher::ALL.iter().map(|c| c.name()).collect()),
        ("digest", Digest::NAMES.to_vec()),
        ("digest_algorithm", DigestAlgorithm::NAMES.to_vec()),
        ("est_encoding", EstEncoding::NAMES.to_vec()),
        ("fault", Fault::NAMES.to_vec()),
        ("tls_fault", TlsFault::NAMES.to_vec()),
        (
            "fail",
            certenroll::scep::FailInfo::ALL
                .iter()
                .map(|f| f.name())
                .collect(),
        ),
        ("key_bits", vec!["2048", "3072", "4096"]),
    ];
    let visible: Vec<clap::Command> = cmd
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .cloned()
        .collect();
    let mut top = clap::Command::new("certenroll")
        .version(env!("CARGO_PKG_VERSION"))
        .args(cmd.get_arguments().cloned())
        .subcommands(visible);
    if let Some(about) = cmd.get_about() {
        top = top.about(about.clone());
    }
    with_values(top, &values)
}

/// `cmd` and its subcommands with each named flag offering its values.
fn with_values(mut cmd: clap::Command, values: &[(&str, Vec<&'static str>)]) -> clap::Command {
    for (id, names) in values {
        if cmd.get_arguments().any(|a| a.get_id() == *id) {
            let names = names.clone();
            cmd = cmd.mut_arg(*id, move |a| {
                a.value_parser(clap::builder::PossibleValuesParser::new(names))
            });
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |sub| with_values(sub, values));
    }
    cmd
}

pub fn run(args: &crate::cli::GenerateArgs) -> Result<u8> {
    write_all(&args.out_dir)?;
    Ok(certenroll::error::exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed man pages and completions must be what the current CLI generates:
    /// run `cargo run -- generate` after changing a flag.
    #[test]
    fn committed_docs_match_the_cli() {
        let fresh = tempfile::tempdir().unwrap();
        write_all(fresh.path()).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for sub in ["man", "completions"] {
            let mut names: Vec<_> = fs::read_dir(fresh.path().join(sub))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            names.sort();
            for name in names {
                let generated = fs::read(fresh.path().join(sub).join(&name)).unwrap();
                let committed = fs::read(root.join(sub).join(&name)).unwrap_or_default();
                assert!(
                    generated == committed,
                    "{sub}/{} is stale or missing: run `cargo run -- generate`",
                    name.to_string_lossy()
                );
            }
        }
    }

    /// A shell offers the values of the flags certenroll parses itself, and never the
    /// hidden `generate` command.
    #[test]
    fn completions_offer_values_and_hide_generate() {
        let fresh = tempfile::tempdir().unwrap();
        write_all(fresh.path()).unwrap();
        let fish = fs::read_to_string(fresh.path().join("completions/certenroll.fish")).unwrap();
        let cipher = fish
            .split("\ncomplete ")
            .find(|l| l.contains("using_subcommand enroll\" -l cipher"))
            .expect("enroll --cipher is completed");
        for name in ["aes128", "aes256", "des3"] {
            assert!(cipher.contains(name), "{cipher}");
        }
        assert!(!fish.contains("-a \"generate\""), "generate is offered");
        let bash = fs::read_to_string(fresh.path().join("completions/certenroll.bash")).unwrap();
        assert!(bash.contains("sha256"), "--digest values missing");
        assert!(
            !bash.contains("certenroll__generate"),
            "generate is offered"
        );
    }

    /// Each name the completions offer is one the flag takes.
    #[test]
    fn offered_names_parse() {
        use certenroll::lab::options::EstEncoding;
        use certenroll::lab::tls::TlsFault;
        use certenroll::lab::{Fault, digest::DigestAlgorithm};
        use certenroll::pki::digest::Digest;
        for n in Digest::NAMES {
            n.parse::<Digest>().unwrap();
        }
        for n in DigestAlgorithm::NAMES {
            n.parse::<DigestAlgorithm>().unwrap();
        }
        for n in EstEncoding::NAMES {
            n.parse::<EstEncoding>().unwrap();
        }
        for n in Fault::NAMES {
            n.parse::<Fault>().unwrap();
        }
        for n in TlsFault::NAMES {
            n.parse::<TlsFault>().unwrap();
        }
        for n in ["2048", "3072", "4096"] {
            crate::cli::parse_key_bits(n).unwrap();
        }
    }
}
