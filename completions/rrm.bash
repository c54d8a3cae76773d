# bash completion for rrm(1), the Markdown article linter.
# Install as /usr/share/bash-completion/completions/rrm, or source it.
#
# Commands: lint, help.
# Common options (before the command and after any command): -C, --color, -h, --help.
# Global only: -V, --version.
# lint: -f, --format, -q, --quiet, --max-warnings, --no-suggest, --stats, then PATHs (*.md, *.markdown, dirs).

_rrm_dirs()
{
    if declare -F _filedir >/dev/null; then
        _filedir -d
    else
        compopt -o filenames 2>/dev/null
        local IFS=$'\n'
        COMPREPLY=($(compgen -d -- "$1"))
    fi
}

_rrm_articles()
{
    if declare -F _filedir >/dev/null; then
        _filedir '@(md|markdown)'
    else
        compopt -o filenames 2>/dev/null
        local IFS=$'\n'
        COMPREPLY=($(compgen -d -- "$1")
                   $(compgen -f -X '!*.md' -- "$1")
                   $(compgen -f -X '!*.markdown' -- "$1"))
    fi
}

_rrm()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands='lint help'
    local common='-C --color -h --help'
    local global="$common -V --version"
    local lint="-f --format -q --quiet --max-warnings --no-suggest --stats $common"

    # Find the command: the first word that is neither an option nor an
    # option's value.  "--opt=value" may be split into "--opt", "=", "value".
    local i w cmd=
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        -C | --color | -f | --format | --max-warnings)
            if [[ ${COMP_WORDS[i+1]} == = ]]; then
                ((i += 2))
            else
                ((i++))
            fi
            ;;
        -*) ;;
        *)
            cmd=$w
            break
            ;;
        esac
    done

    # The value of an option: "--opt value", "--opt=value" split at "="
    # (the default COMP_WORDBREAKS), or "--opt=value" kept whole.
    local opt= prefix=
    if [[ $cur == = ]]; then
        opt=$prev cur=
    elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
        opt=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == --*=* ]]; then
        opt=${cur%%=*} prefix=$opt= cur=${cur#*=}
    else
        opt=$prev
    fi
    case $opt in
    -C)
        _rrm_dirs "$cur"
        return
        ;;
    --color)
        COMPREPLY=($(compgen -P "$prefix" -W 'auto always never' -- "$cur"))
        return
        ;;
    -f | --format)
        COMPREPLY=($(compgen -P "$prefix" -W 'text json words' -- "$cur"))
        return
        ;;
    --max-warnings)
        COMPREPLY=()
        return
        ;;
    esac

    case $cmd in
    '')
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$global" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        ;;
    lint)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$lint" -- "$cur"))
        else
            _rrm_articles "$cur"
        fi
        ;;
    help)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$common" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        ;;
    esac
}

complete -F _rrm rrm
