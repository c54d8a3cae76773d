# fish completion for rrm(1), the Markdown article linter.
# Install as ~/.config/fish/completions/rrm.fish or in a vendor completions directory.
#
# Commands: lint, new, mv, publish, init, dict, config, lsp, help.
# Its options are those of the option tables in src/cmd/ (rrm --dump-options);
# tests/e2e/options.bats checks this file against them, both ways.
# new --author completes the authors of the site's articles (content/).

# Print the operands given so far, one a line: the command first, then its
# operands; words that are options or the values of options are left out.
function __rrm_operands
    set -l skip 0
    set -l dashdash 0
    set -l seen 0
    for t in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        if test $dashdash -eq 0
            switch $t
                case -C --color -f --format -j --jobs --max-warnings --slug --date --author --dict --cache --baseline --write-baseline --shard
                    set skip 1
                    continue
                case --
                    test $seen -eq 1; and set dashdash 1
                    continue
                case '-*'
                    continue
            end
        end
        set seen 1
        echo $t
    end
end

# Print the command given so far, or nothing if there is none yet.
function __rrm_command
    set -l ops (__rrm_operands)
    test (count $ops) -ge 1; and echo $ops[1]
end

function __rrm_needs_command
    set -l cmd (__rrm_command)
    test -z "$cmd"
end

function __rrm_using_command
    set -l cmd (__rrm_command)
    test "$cmd" = "$argv[1]"
end

# True when the command has exactly $argv[1] operands so far (the command
# itself not counted).
function __rrm_operand_count
    set -l ops (__rrm_operands)
    test (math (count $ops) - 1) -eq $argv[1]
end

# rrm dict add --from-lint: the operands are PATHs.
function __rrm_dict_add_from_lint
    set -l ops (__rrm_operands)
    test (count $ops) -ge 2; and test "$ops[1]" = dict; and test "$ops[2]" = add
    and contains -- --from-lint (commandline -opc)
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

# The author: values of the front matter of the site's articles.  The site is
# the nearest directory upward that holds rrm.yml; its articles are the *.md
# and *.markdown files under its content/ folder.
function __rrm_authors
    set -l root $PWD
    while test -n "$root"; and not test -f "$root/rrm.yml"
        set root (string replace -r '/[^/]*$' '' -- $root)
    end
    test -f "$root/rrm.yml"; or set root $PWD
    test -d "$root/content"; or return 0
    # The same program as in rrm.bash and _rrm.
    set -l prog '
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
        -exec awk $prog '{}' + 2>/dev/null | LC_ALL=C sort -u
end

complete -c rrm -f

# Commands
complete -c rrm -n __rrm_needs_command -a lint -d 'Check the articles of the site'
complete -c rrm -n __rrm_needs_command -a new -d 'Create an article from the site\'s template or schema'
complete -c rrm -n __rrm_needs_command -a mv -d 'Move or rename an article and rewrite the links to it'
complete -c rrm -n __rrm_needs_command -a publish -d 'Turn a draft into a post, dated now'
complete -c rrm -n __rrm_needs_command -a init -d 'Create a new site: rrm.yml, folders, dictionary, template'
complete -c rrm -n __rrm_needs_command -a dict -d 'Keep the house dictionary: add words, check it'
complete -c rrm -n __rrm_needs_command -a config -d 'Print the effective configuration and where each value came from'
complete -c rrm -n __rrm_needs_command -a lsp -d 'Run the language server for editors (LSP)'
complete -c rrm -n __rrm_needs_command -a help -d 'Show help for rrm or for a command'
complete -c rrm -n '__rrm_using_command help; and __rrm_operand_count 0' -a 'lint new mv publish init dict config lsp help' -d Command

# Common options
complete -c rrm -s C -x -a '(__fish_complete_directories (commandline -ct))' -d 'Run as if rrm had been started in DIR'
complete -c rrm -l color -x -a 'auto always never' -d 'When to colour the output'
complete -c rrm -s h -l help -d 'Show help and exit'

# Global options
complete -c rrm -n __rrm_needs_command -s V -l version -d 'Print the versions of rrm and its libraries'

# lint
complete -c rrm -n '__rrm_using_command lint' -s f -l format -x -a 'text json github sarif words' -d 'Write findings in FORMAT'
complete -c rrm -n '__rrm_using_command lint' -s q -l quiet -d 'Report error-level findings only'
complete -c rrm -n '__rrm_using_command lint' -l max-warnings -x -d 'Exit with status 1 if there are more than N warnings'
complete -c rrm -n '__rrm_using_command lint' -l no-suggest -d 'Do not look up spelling suggestions'
complete -c rrm -n '__rrm_using_command lint' -l stats -d 'Print counts and timings on standard error'
complete -c rrm -n '__rrm_using_command lint' -s j -l jobs -x -d 'Use N threads'
complete -c rrm -n '__rrm_using_command lint' -l cache -x -a '(__fish_complete_directories)' -d 'Reuse the results for unchanged articles kept in DIR'
complete -c rrm -n '__rrm_using_command lint' -l fix -d 'Mend what has one right answer, then report what is left'
complete -c rrm -n '__rrm_using_command lint' -l diff -d 'Print the repairs --fix would make as a diff; write nothing'
complete -c rrm -n '__rrm_using_command lint' -l fix-anchors -d 'With --changed: also rewrite links to a heading whose id the change renamed'
complete -c rrm -n '__rrm_using_command lint' -l shard -x -d 'Check only the K-th of N shards of the articles (K/N)'
complete -c rrm -n '__rrm_using_command lint' -l staged -d 'Lint the staged articles'
complete -c rrm -n '__rrm_using_command lint' -l changed -d 'Lint the articles changed since REF (--changed=REF)'
complete -c rrm -n '__rrm_using_command lint' -l baseline -r -F -d 'Report only findings not in the baseline FILE'
complete -c rrm -n '__rrm_using_command lint' -l write-baseline -r -F -d 'Record the findings in FILE'
complete -c rrm -n '__rrm_using_command lint' -a '(__rrm_articles)'

# new: the TITLE is free text
complete -c rrm -n '__rrm_using_command new' -l slug -x -d 'Use SLUG instead of the one made from the title'
complete -c rrm -n '__rrm_using_command new' -l date -x -d 'Date the article DATE (YYYY-MM-DD or RFC 3339)'
complete -c rrm -n '__rrm_using_command new' -l author -x -a '(__rrm_authors)' -d 'Author'
complete -c rrm -n '__rrm_using_command new' -l draft -d 'Mark the article as a draft'
complete -c rrm -n '__rrm_using_command new' -s n -l dry-run -d 'Print what would be written; write nothing'
complete -c rrm -n '__rrm_using_command new' -s e -l edit -d 'Open the new article in $VISUAL or $EDITOR'
complete -c rrm -n '__rrm_using_command new' -s f -l format -x -a 'text json' -d 'Write errors and the result in FORMAT'

# mv: OLD is an article or a bundle's folder, NEW a new path
complete -c rrm -n '__rrm_using_command mv' -s n -l dry-run -d 'Print the plan; write nothing'
complete -c rrm -n '__rrm_using_command mv; and __rrm_operand_count 0' -a '(__rrm_articles)'
complete -c rrm -n '__rrm_using_command mv; and __rrm_operand_count 1' -F

# publish: one draft
complete -c rrm -n '__rrm_using_command publish' -l date -x -d 'Date the post DATE (YYYY-MM-DD or RFC 3339)'
complete -c rrm -n '__rrm_using_command publish' -l force -d 'Publish even when the article has lint errors'
complete -c rrm -n '__rrm_using_command publish' -s n -l dry-run -d 'Print what would change; write nothing'
complete -c rrm -n '__rrm_using_command publish' -s f -l format -x -a 'text json' -d 'Write errors and the result in FORMAT'
complete -c rrm -n '__rrm_using_command publish; and __rrm_operand_count 0' -a '(__rrm_articles)'

# config
complete -c rrm -n '__rrm_using_command config' -s f -l format -x -a 'text json' -d 'Write the configuration in FORMAT'

# init: the site's directory
complete -c rrm -n '__rrm_using_command init; and __rrm_operand_count 0' -x -a '(__fish_complete_directories (commandline -ct))'

# dict
complete -c rrm -n '__rrm_using_command dict; and __rrm_operand_count 0' -a add -d 'Add words to the house dictionary'
complete -c rrm -n '__rrm_using_command dict; and __rrm_operand_count 0' -a check -d 'Check the house dictionary'
complete -c rrm -n '__rrm_using_command dict' -l dict -x -a '(__fish_complete_suffix .dic)' -d 'The house dictionary to change or check'
complete -c rrm -n '__rrm_using_command dict' -l from-lint -d 'Add the words rrm lint reports as unknown in PATHs'
complete -c rrm -n '__rrm_using_command dict' -s y -l yes -d 'Add without asking'
complete -c rrm -n '__rrm_using_command dict' -s f -l format -x -a 'text json github sarif' -d 'Check: write findings in FORMAT'
complete -c rrm -n __rrm_dict_add_from_lint -a '(__rrm_articles)'
