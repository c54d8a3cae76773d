# fish completion for rrm(1), the Markdown article linter.
# Install as ~/.config/fish/completions/rrm.fish or in a vendor completions directory.
#
# Commands: lint, help.
# Common options (before the command and after any command): -C, --color, -h, --help.
# Global only: -V, --version.
# lint: -f, --format, -q, --quiet, --max-warnings, --no-suggest, --stats, then PATHs (*.md, *.markdown, dirs).

# Print the command given so far: the first word that is neither an option nor
# the value of an option.  Print nothing if there is none yet.
function __rrm_command
    set -l skip 0
    for t in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $t
            case -C --color -f --format --max-warnings
                set skip 1
            case '-*'
            case '*'
                echo $t
                return
        end
    end
end

function __rrm_needs_command
    set -l cmd (__rrm_command)
    test -z "$cmd"
end

function __rrm_using_command
    set -l cmd (__rrm_command)
    test "$cmd" = "$argv[1]"
end

# Directories, and files whose names end in .md or .markdown.
function __rrm_articles
    set -l token (commandline -ct)
    for f in "$token"*
        if test -d $f
            printf '%s/\tDirectory\n' $f
        else if string match -qr '\.(md|markdown)$' -- $f
            printf '%s\tMarkdown file\n' $f
        end
    end
end

complete -c rrm -f

# Commands
complete -c rrm -n __rrm_needs_command -a lint -d 'Check the articles of the site'
complete -c rrm -n __rrm_needs_command -a help -d 'Show help for rrm or for a command'
complete -c rrm -n '__rrm_using_command help' -a 'lint help' -d Command

# Common options
complete -c rrm -s C -x -a '(__fish_complete_directories (commandline -ct))' -d 'Run as if rrm had been started in DIR'
complete -c rrm -l color -x -a 'auto always never' -d 'When to colour the output'
complete -c rrm -s h -l help -d 'Show help and exit'

# Global options
complete -c rrm -n __rrm_needs_command -s V -l version -d 'Print the versions of rrm and its libraries'

# lint
complete -c rrm -n '__rrm_using_command lint' -s f -l format -x -a 'text json words' -d 'Write findings in FORMAT'
complete -c rrm -n '__rrm_using_command lint' -s q -l quiet -d 'Report error-level findings only'
complete -c rrm -n '__rrm_using_command lint' -l max-warnings -x -d 'Exit with status 1 if there are more than N warnings'
complete -c rrm -n '__rrm_using_command lint' -l no-suggest -d 'Do not look up spelling suggestions'
complete -c rrm -n '__rrm_using_command lint' -l stats -d 'Print counts and timings on standard error'
complete -c rrm -n '__rrm_using_command lint' -a '(__rrm_articles)'
