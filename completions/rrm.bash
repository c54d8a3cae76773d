# bash completion for rrm(1), the Markdown article linter.
# Install as /usr/share/bash-completion/completions/rrm, or source it.
#
# Commands: lint, new, mv, publish, init, dict, config, lsp, help.
# Its options are those of the option tables in src/cmd/ (rrm --dump-options);
# tests/e2e/options.bats checks this file against them, both ways.
# new --author completes the authors of the site's articles (content/).

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

_rrm_dicts()
{
    if declare -F _filedir >/dev/null && [[ -z $2 ]]; then
        _filedir dic
    else
        compopt -o filenames 2>/dev/null
        local IFS=$'\n'
        COMPREPLY=($(compgen -P "$2" -d -- "$1")
                   $(compgen -P "$2" -f -X '!*.dic' -- "$1"))
    fi
}

# The author: values of the front matter of the site's articles, one a line.
# The site is the nearest directory upward that holds rrm.yml; its articles
# are the *.md and *.markdown files under its content/ folder.
_rrm_author_names()
{
    local root=$PWD
    while [[ -n $root && ! -f $root/rrm.yml ]]; do
        root=${root%/*}
    done
    [[ -f $root/rrm.yml ]] || root=$PWD
    [[ -d $root/content ]] || return 0
    # No single quote and no "\\" in this program, so that it reads the same
    # in bash, zsh and fish.
    local prog='
BEGIN { q = sprintf("%c", 39); dq = sprintf("%c", 34); bs = sprintf("%c", 92) }
FNR == 1 { fm = ($0 ~ /^---[ \t\r]*$/); next }
fm && /^(---|[.][.][.])[ \t\r]*$/ { fm = 0; nextfile }
fm && /^author:/ {
    v = $0
    sub(/^author:[ \t]*/, "", v)
    sub(/[ \t\r]+$/, "", v)
    f = substr(v, 1, 1); l = substr(v, length(v), 1)
    if (length(v) > 1 && f == dq && l == dq) {
        v = substr(v, 2, length(v) - 2); s = ""
        for (i = 1; i <= length(v); i++) {
            c = substr(v, i, 1)
            if (c == bs) { i++; c = substr(v, i, 1) }
            s = s c
        }
        v = s
    } else if (length(v) > 1 && f == q && l == q) {
        v = substr(v, 2, length(v) - 2)
        gsub(q q, q, v)
    } else {
        sub(/[ \t]+#.*$/, "", v)
    }
    if (v != "" && index("[{|>&*!", substr(v, 1, 1)) == 0) print v
    fm = 0
    nextfile
}'
    find "$root/content" -type f \( -name '*.md' -o -name '*.markdown' \) \
        -exec awk "$prog" {} + 2>/dev/null | LC_ALL=C sort -u
}

# Authors that start with $1; names with spaces are quoted by readline.
_rrm_authors()
{
    local cur=$1 prefix=$2 name
    case $cur in
    \"* | \'*) cur=${cur:1} ;;
    esac
    cur=${cur//\\/}
    COMPREPLY=()
    compopt -o filenames 2>/dev/null
    while IFS= read -r name; do
        [[ $name == "$cur"* ]] && COMPREPLY+=("$prefix$name")
    done < <(_rrm_author_names)
}

_rrm()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands='lint new mv publish init dict config lsp help'
    local common='-C --color -h --help'
    local global="$common -V --version"
    local lint="-f --format -q --quiet --max-warnings --no-suggest --stats -j --jobs --cache --staged --changed --baseline --write-baseline --fix --diff --fix-anchors --shard $common"
    local new="--slug --date --author --draft -n --dry-run -e --edit -f --format $common"
    local mv="-n --dry-run $common"
    local publish="--date --force -n --dry-run -f --format $common"
    local dict="--dict --from-lint -y --yes -f --format $common"
    local config="-f --format $common"

    # The command: the first word that is neither an option nor an option's
    # value; then its operands.  "--opt=value" may be split into "--opt",
    # "=", "value".
    local i w cmd= nops=0 sub= from_lint= dashdash=
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ -z $dashdash ]]; then
            case $w in
            -C | --color | -f | --format | -j | --jobs | --max-warnings | --shard | --slug | --date | --author | --dict | --baseline | --write-baseline | --cache)
                if [[ ${COMP_WORDS[i+1]} == = ]]; then
                    ((i += 2))
                else
                    ((i++))
                fi
                continue
                ;;
            --)
                [[ -n $cmd ]] && dashdash=1
                continue
                ;;
            --from-lint)
                from_lint=1
                continue
                ;;
            -*)
                continue
                ;;
            esac
        fi
        if [[ -z $cmd ]]; then
            cmd=$w
        else
            ((nops++))
            [[ $nops -eq 1 ]] && sub=$w
        fi
    done

    # The value of an option: "--opt value", "--opt=value" split at "="
    # (the default COMP_WORDBREAKS), or "--opt=value" kept whole.
    local opt= prefix=
    if [[ -n $dashdash ]]; then
        opt=
    elif [[ $cur == = ]]; then
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
        if [[ $cmd == config || $cmd == new || $cmd == publish ]]; then
            COMPREPLY=($(compgen -P "$prefix" -W 'text json' -- "$cur"))
        elif [[ $cmd == dict ]]; then
            COMPREPLY=($(compgen -P "$prefix" -W 'text json github sarif' -- "$cur"))
        else
            COMPREPLY=($(compgen -P "$prefix" -W 'text json github sarif words' -- "$cur"))
        fi
        return
        ;;
    --max-warnings | --shard | --slug | --date | -j | --jobs)
        COMPREPLY=()
        return
        ;;
    --author)
        _rrm_authors "$cur" "$prefix"
        return
        ;;
    --dict)
        _rrm_dicts "$cur" "$prefix"
        return
        ;;
    --baseline | --write-baseline)
        COMPREPLY=($(compgen -P "$prefix" -f -- "$cur"))
        return
        ;;
    --cache)
        COMPREPLY=($(compgen -P "$prefix" -d -- "$cur"))
        return
        ;;
    esac

    if [[ $cur == -* && -z $dashdash ]]; then
        case $cmd in
        '') COMPREPLY=($(compgen -W "$global" -- "$cur")) ;;
        lint) COMPREPLY=($(compgen -W "$lint" -- "$cur")) ;;
        new) COMPREPLY=($(compgen -W "$new" -- "$cur")) ;;
        mv) COMPREPLY=($(compgen -W "$mv" -- "$cur")) ;;
        publish) COMPREPLY=($(compgen -W "$publish" -- "$cur")) ;;
        dict) COMPREPLY=($(compgen -W "$dict" -- "$cur")) ;;
        config) COMPREPLY=($(compgen -W "$config" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "$common" -- "$cur")) ;;
        esac
        return
    fi

    case $cmd in
    '')
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        ;;
    lint)
        _rrm_articles "$cur"
        ;;
    new)
        # the TITLE is free text
        COMPREPLY=()
        ;;
    mv)
        # OLD is an article or a bundle's folder; NEW a new path
        if ((nops == 0)); then
            _rrm_articles "$cur"
        else
            COMPREPLY=($(compgen -P "$prefix" -f -- "$cur"))
        fi
        ;;
    publish)
        # one draft
        if ((nops == 0)); then
            _rrm_articles "$cur"
        fi
        ;;
    init)
        if ((nops == 0)); then
            _rrm_dirs "$cur"
        fi
        ;;
    dict)
        if ((nops == 0)); then
            COMPREPLY=($(compgen -W 'add check' -- "$cur"))
        elif [[ $sub == add && -n $from_lint ]]; then
            _rrm_articles "$cur"
        else
            # dict add WORD...: free text
            COMPREPLY=()
        fi
        ;;
    lsp)
        # no operand: an editor starts it
        COMPREPLY=()
        ;;
    help)
        if ((nops == 0)); then
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        ;;
    esac
}

complete -F _rrm rrm
