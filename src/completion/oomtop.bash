# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for oomtop: options, column names for -s, user names for
# -u, process ids for -p, running process names (and pids) for --protect,
# --set-adj and --renice. Self-contained: works without bash-completion.

# Used when the oomtop being completed cannot be asked (see _oomtop_ask).
_oomtop_columns="pid user ni virt res shr swap mem oom adj rank command anon file shmem cgroup cgmem cgrank start pss"

_oomtop_options="-b --batch -n --iterations -d --delay -p --pid -u --user -s --sort
 -R --reverse -c --command-line -K --kernel-threads -o --output --what-if=
 --oom-history --readonly -h --help -V --version --protect --set-adj --renice --dry-run
 --prometheus --top"

# Options and column names as the oomtop being completed lists them in
# --help, so that new ones complete without editing this file. Asked once
# per command path and shell.
_oomtop_ask()
{
    local cmd=$1 help
    [[ ${_oomtop_asked-} == "$cmd" ]] && return 0
    _oomtop_asked=$cmd
    help=$(command "$cmd" --help 2>/dev/null) || help=""
    _oomtop_help_options=$(grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*=?' <<<"$help" |
        sed 's/^[ ,]*//' | sort -u)
    _oomtop_help_columns=$(sed -n '/--sort COLUMN/,/)/p' <<<"$help" | tr -d '\n' |
        sed -n 's/.*(\([a-z ]*\)).*/\1/p')
}

# Names of running processes (comm), each once. A name with spaces cannot
# be given as one word here and is left out.
_oomtop_process_names()
{
    local f name
    for f in /proc/[0-9]*/comm; do
        IFS= read -r name 2>/dev/null <"$f" || continue
        [[ $name == *[[:space:]]* || -z $name ]] || printf '%s\n' "$name"
    done | sort -u
}

_oomtop_pids()
{
    local d
    for d in /proc/[0-9]*; do
        printf '%s\n' "${d#/proc/}"
    done
}

# Completes a PID|NAME target into COMPREPLY.
_oomtop_targets()
{
    local cur=$1
    if [[ $cur == [0-9]* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_oomtop_pids)" -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -W "$(_oomtop_process_names)" -- "$cur")
    fi
}

# Completes the value of option $1 (current text $2). Returns 1 when $1
# takes no value.
_oomtop_value()
{
    local opt=$1 cur=$2
    case $opt in
    -s | --sort)
        mapfile -t COMPREPLY < <(compgen -W "${_oomtop_help_columns:-$_oomtop_columns}" -- "$cur") ;;
    -o | --output)
        mapfile -t COMPREPLY < <(compgen -W "text json csv" -- "$cur") ;;
    -u | --user)
        mapfile -t COMPREPLY < <(compgen -u -- "$cur") ;;
    -p | --pid)
        mapfile -t COMPREPLY < <(compgen -W "$(_oomtop_pids)" -- "$cur") ;;
    --what-if)
        mapfile -t COMPREPLY < <(compgen -W "0 1 2 2,ratio= 2,kbytes=" -- "$cur") ;;
    --prometheus)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
    --protect)
        _oomtop_targets "$cur" ;;
    -n | --iterations | -d | --delay | --top | --set-adj | --renice)
        COMPREPLY=() ;;     # a number: nothing sensible to offer
    *)
        return 1 ;;
    esac
    return 0
}

_oomtop()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prev2=""
    ((COMP_CWORD > 1)) && prev2=${COMP_WORDS[COMP_CWORD - 2]}
    COMPREPLY=()
    _oomtop_ask "${COMP_WORDS[0]}"

    # bash splits "--sort=res" at '=' when '=' is in COMP_WORDBREAKS.
    if [[ $cur == "=" && $prev == --* ]]; then
        _oomtop_value "$prev" ""
        return 0
    fi
    if [[ $prev == "=" && $prev2 == --* ]]; then
        _oomtop_value "$prev2" "$cur"
        return 0
    fi
    # "--sort=re" as one word (COMP_WORDBREAKS without '=').
    if [[ $cur == --*=* ]]; then
        local opt=${cur%%=*}
        if _oomtop_value "$opt" "${cur#*=}"; then
            COMPREPLY=("${COMPREPLY[@]/#/$opt=}")
            return 0
        fi
    fi
    # --set-adj VALUE PID|NAME and --renice VALUE PID|NAME: the target.
    if [[ $prev2 == --set-adj || $prev2 == --renice ]]; then
        _oomtop_targets "$cur"
        return 0
    fi
    if [[ $cur != -* ]] && _oomtop_value "$prev" "$cur"; then
        return 0
    fi
    mapfile -t COMPREPLY < <(compgen -W "${_oomtop_help_options:-$_oomtop_options}" -- "$cur")
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
    return 0
}

complete -F _oomtop oomtop
