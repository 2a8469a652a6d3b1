//! `--profile` completes the names of the configuration file's profiles. clap's static
//! scripts cannot know them, so each shell's script gets a small function that asks
//! `certenroll config path` where the file is and reads the `[profile.NAME]` headers from it
//! (nothing is run but certenroll itself and sed/string, and nothing when the file is missing).
//! clap_complete's dynamic completion would do it too, but behind an unstable feature.

use anyhow::{Result, bail};
use clap_complete::Shell;

/// The profile names, one per line, of the file `certenroll config path` names (with the
/// `--config` typed earlier on the line, if any).
const BASH: &str = r#"_certenroll_profiles() {
    local file i config=()
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        case "${COMP_WORDS[i]}" in
            --config)
                # COMP_WORDBREAKS splits --config=FILE into --config, =, FILE.
                if [ "${COMP_WORDS[i+1]}" = "=" ]; then
                    config=(--config "${COMP_WORDS[i+2]}")
                else
                    config=(--config "${COMP_WORDS[i+1]}")
                fi ;;
            --config=*) config=("${COMP_WORDS[i]}") ;;
        esac
    done
    file=$("${COMP_WORDS[0]:-certenroll}" "${config[@]}" config path 2>/dev/null) || return 0
    [ -r "$file" ] || return 0
    sed -n 's/^[[:space:]]*\[profile\.\(.*\)\][[:space:]]*$/\1/p' "$file" | tr -d '"'
}

"#;

const ZSH: &str = r#"(( $+functions[_certenroll_profiles] )) ||
_certenroll_profiles() {
    local file i
    local -a names config
    for ((i = 2; i < CURRENT; i++)); do
        case $words[i] in
            --config) config=(--config "$words[i+1]") ;;
            --config=*) config=("$words[i]") ;;
        esac
    done
    file=$("${words[1]:-certenroll}" "${config[@]}" config path 2>/dev/null) || return 1
    [[ -r "$file" ]] || return 1
    names=(${(f)"$(sed -n 's/^[[:space:]]*\[profile\.\(.*\)\][[:space:]]*$/\1/p' "$file" | tr -d '"')"})
    _describe -t profiles 'profile' names
}

"#;

const FISH: &str = r#"function __fish_certenroll_profiles
    set -l words (commandline -opc)
    set -l config
    for i in (seq 2 (count $words))
        if test "$words[$i]" = --config; and set -q words[(math $i + 1)]
            set config --config $words[(math $i + 1)]
        else if string match -q -- '--config=*' $words[$i]
            set config $words[$i]
        end
    end
    set -l file ($words[1] $config config path 2>/dev/null)
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
            "--profile)\n                    COMPREPLY=($(compgen -W \"$(_certenroll_profiles)\" -- \"${cur}\"))",
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
