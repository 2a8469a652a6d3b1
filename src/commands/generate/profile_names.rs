//! `--profile` completes the names of the configuration file's profiles. clap's static
//! scripts cannot know them, so each shell's script gets a small function that asks
//! `certenroll config path` where the file is and reads the `[profile.NAME]` headers from it
//! (nothing is run but certenroll itself and sed/string, and nothing when the file is missing).
//! clap_complete's dynamic completion would do it too, but behind an unstable feature.

use anyhow::{Result, bail};
use clap_complete::Shell;

/// The profile names, one per line, of the file `$1 config path` names.
const BASH: &str = r#"_certenroll_profiles() {
    local file
    file=$("${1:-certenroll}" config path 2>/dev/null) || return 0
    [ -r "$file" ] || return 0
    sed -n 's/^[[:space:]]*\[profile\.\(.*\)\][[:space:]]*$/\1/p' "$file" | tr -d '"'
}

"#;

const ZSH: &str = r#"(( $+functions[_certenroll_profiles] )) ||
_certenroll_profiles() {
    local file
    local -a names
    file=$("${words[1]:-certenroll}" config path 2>/dev/null) || return 1
    [[ -r "$file" ]] || return 1
    names=(${(f)"$(sed -n 's/^[[:space:]]*\[profile\.\(.*\)\][[:space:]]*$/\1/p' "$file" | tr -d '"')"})
    _describe -t profiles 'profile' names
}

"#;

const FISH: &str = r#"function __fish_certenroll_profiles
    set -l bin (commandline -opc)[1]
    set -l file ($bin config path 2>/dev/null)
    or return
    test -r "$file"; or return
    string replace -rf '^\s*\[profile\.(.*)\]\s*$' '$1' < $file | string trim -c '"'
end

# --profile is taken before and after the command; the conditions below fail while the
# value after a global option is still missing (`certenroll --profile <Tab>`).
complete -c certenroll -l profile -r -f -a "(__fish_certenroll_profiles)"

"#;

/// `script` (clap's for `shell`) with `--profile` completing profile names.
pub fn add(shell: Shell, script: &str) -> Result<String> {
    let (function, from, to, before) = match shell {
        Shell::Bash => (
            BASH,
            "--profile)\n                    COMPREPLY=($(compgen -f \"${cur}\"))",
            "--profile)\n                    COMPREPLY=($(compgen -W \"$(_certenroll_profiles \"${COMP_WORDS[0]}\")\" -- \"${cur}\"))",
            "_certenroll() {",
        ),
        Shell::Zsh => (
            ZSH,
            "override it]:NAME:_default'",
            "override it]:NAME:_certenroll_profiles'",
            "if [ \"$funcstack[1]\" = \"_certenroll\" ]; then",
        ),
        Shell::Fish => (
            FISH,
            "flags given here override it' -r\n",
            "flags given here override it' -r -f -a \"(__fish_certenroll_profiles)\"\n",
            "function __fish_certenroll_needs_command",
        ),
        _ => return Ok(script.to_string()),
    };
    if !script.contains(from) || !script.contains(before) {
        bail!("clap_complete's {shell} script changed: teach profile_names.rs its --profile");
    }
    Ok(script
        .replace(from, to)
        .replacen(before, &format!("{function}{before}"), 1))
}
