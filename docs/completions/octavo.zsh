#compdef octavo

__octavo_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__octavo_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __octavo_complete "${completions[@]:0:-1}"
    fi
}

__octavo_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_octavo() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'build:Build the EPUB and the print edition.'
            'check:Check the manuscript and print every problem found.'
            'new:Start a new book: a manuscript that builds at once.'
            'stats:Count words, characters, reading time, notes, images and headings.'
            'serve:Preview the book in a browser, rebuilt and reloaded as you write.'
            'watch:Build, then build again each time a file of the book changes.'
            'import:Make an Octavo manuscript from an mdBook book or a pandoc Markdown file.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        build|check|new|stats|serve|watch|import|help)
            "_octavo_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_octavo_build() {
    local -i ret=1
    local -ar ___format=('epub' 'print' 'all')
    local -ar ___profile=('compatible' 'strict')
    local -ar ___engine=('weasyprint' 'chromium')
    local -ar arg_specs=(
        ':manuscript:'
        '--styles[The folder of style sheets (epub.css, print.css; built-in sheets fill in what is missing). Default\: the book'\''s own styles folder, else Styles beside the Manuscript folder, else the built-in sheets.]:folder:'
        '--output[Where to write the outputs. Default\: Output in the book'\''s folder (beside the Manuscript folder for a book kept in one).]:folder:'
        '--format[What to build\: epub, print or all.]:format:{__octavo_complete "${___format[@]}"}'
        '--no-cache[Render every chapter again instead of reusing those in <output>/.cache (also\: OCTAVO_NO_CACHE=1).]'
        '--profile[compatible (NCX, guide and cover meta for older readers) or strict (pure EPUB 3.3).]:profile:{__octavo_complete "${___profile[@]}"}'
        '--pdf[Also print the print edition to PDF (<slug>.pdf), offline, with WeasyPrint or headless Chromium.]'
        '--engine[The PDF engine\: weasyprint or chromium (default\: weasyprint when installed, else chromium).]:engine:{__octavo_complete "${___engine[@]}"}'
        '--draft[Write a draft despite errors a book can survive (a missing image becomes a placeholder); the outputs say "Draft".]'
        '--no-color[Never colour the output (also when NO_COLOR is set).]'
        '(--quiet -q)'{--quiet,-q}'[Print errors only\: no warnings, no summary.]'
        '(--verbose -v)'{--verbose,-v}'[Print more\: each step and its time.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_octavo_check() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':manuscript:'
        '--strict[Treat warnings as errors.]'
        '--format[How to print the diagnostics\: text (compiler style, on standard error) or json (an array on standard output).]:format:{__octavo_complete "${___format[@]}"}'
        '--no-color[Never colour the output (also when NO_COLOR is set).]'
        '(--quiet -q)'{--quiet,-q}'[Print errors only\: no warnings, no summary.]'
        '(--verbose -v)'{--verbose,-v}'[Print more\: each step and its time.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_octavo_new() {
    local -i ret=1
    local -ar arg_specs=(
        ':folder:'
        '--title[The book'\''s title.]:title:'
        '--author[The author'\''s name.]:author:'
        '--language[The book'\''s language, a BCP 47 tag such as en, fr-CA or ja.]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_octavo_stats() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':manuscript:'
        '--format[How to print\: text or json.]:format:{__octavo_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_octavo_serve() {
    local -i ret=1
    local -ar arg_specs=(
        ':manuscript:'
        '--styles[The folder of style sheets (epub.css, print.css; built-in sheets fill in what is missing). Default\: the book'\''s own styles folder, else Styles beside the Manuscript folder, else the built-in sheets.]:folder:'
        '--port[The port to listen on (0 picks a free one).]:port:'
        '--open[Open the book in the default browser (with xdg-open or open).]'
        '--no-color[Never colour the output (also when NO_COLOR is set).]'
        '(--quiet -q)'{--quiet,-q}'[Print errors only\: no warnings, no summary.]'
        '(--verbose -v)'{--verbose,-v}'[Print more\: each step and its time.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_octavo_watch() {
    local -i ret=1
    local -ar ___format=('epub' 'print' 'all')
    local -ar ___profile=('compatible' 'strict')
    local -ar ___engine=('weasyprint' 'chromium')
    local -ar arg_specs=(
        ':manuscript:'
        '--styles[The folder of style sheets (epub.css, print.css; built-in sheets fill in what is missing). Default\: the book'\''s own styles folder, else Styles beside the Manuscript folder, else the built-in sheets.]:folder:'
        '--output[Where to write the outputs. Default\: Output in the book'\''s folder (beside the Manuscript folder for a book kept in one).]:folder:'
        '--format[What to build\: epub, print or all.]:format:{__octavo_complete "${___format[@]}"}'
        '--no-cache[Render every chapter again instead of reusing those in <output>/.cache (also\: OCTAVO_NO_CACHE=1).]'
        '--profile[compatible (NCX, guide and cover meta for older readers) or strict (pure EPUB 3.3).]:profile:{__octavo_complete "${___profile[@]}"}'
        '--pdf[Also print the print edition to PDF (<slug>.pdf), offline, with WeasyPrint or headless Chromium.]'
        '--engine[The PDF engine\: weasyprint or chromium (default\: weasyprint when installed, else chromium).]:engine:{__octavo_complete "${___engine[@]}"}'
        '--draft[Write a draft despite errors a book can survive (a missing image becomes a placeholder); the outputs say "Draft".]'
        '--no-color[Never colour the output (also when NO_COLOR is set).]'
        '(--quiet -q)'{--quiet,-q}'[Print errors only\: no warnings, no summary.]'
        '(--verbose -v)'{--verbose,-v}'[Print more\: each step and its time.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_octavo_import() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'mdbook:Import an mdBook book: book.toml and SUMMARY.md.'
            'pandoc:Import a Markdown file written for pandoc, one chapter per level-1 heading.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        mdbook|pandoc)
            "_octavo_import_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_octavo_import_mdbook() {
    local -i ret=1
    local -ar arg_specs=(
        ':folder:'
        ':destination:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_octavo_import_pandoc() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        ':destination:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_octavo_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _octavo ]]; then
    _octavo "${@}"
else
    compdef _octavo octavo
fi
