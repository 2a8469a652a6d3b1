//! The hidden `certenroll generate`: man pages (one per command plus certenroll(1)) and shell
//! completions, from the clap definitions. The outputs are committed; a test fails when they
//! drift from the CLI.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Write every generated file under `dir` (man/ and completions/).
pub fn write_all(dir: &Path) -> Result<()> {
    let man = dir.join("man");
    let completions = dir.join("completions");
    fs::create_dir_all(&man).with_context(|| format!("creating {}", man.display()))?;
    fs::create_dir_all(&completions)
        .with_context(|| format!("creating {}", completions.display()))?;

    let cmd = Cli::command();
    clap_mangen::generate_to(cmd.clone(), &man)
        .with_context(|| format!("writing man pages to {}", man.display()))?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        clap_complete::generate_to(shell, &mut cmd.clone(), "certenroll", &completions)
            .with_context(|| format!("writing {shell} completions"))?;
    }
    Ok(())
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
}
