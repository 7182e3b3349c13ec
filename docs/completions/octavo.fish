function __octavo_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __octavo_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __octavo_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __octavo_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __octavo_parse_tokens -S
    set -l unparsed_tokens (__octavo_tokens -pc)
    switch $unparsed_tokens[1]
    case 'octavo'
        __octavo_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'build'
            __octavo_parse_subcommand 1 'styles=' 'output=' 'format=' 'no-cache' 'profile=' 'pdf' 'engine=' 'draft' 'no-color' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'check'
            __octavo_parse_subcommand 1 'strict' 'format=' 'no-color' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'new'
            __octavo_parse_subcommand 1 'title=' 'author=' 'language=' 'version' 'h/help'
        case 'stats'
            __octavo_parse_subcommand 1 'format=' 'version' 'h/help'
        case 'serve'
            __octavo_parse_subcommand 1 'styles=' 'port=' 'open' 'no-color' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'watch'
            __octavo_parse_subcommand 1 'styles=' 'output=' 'format=' 'no-cache' 'profile=' 'pdf' 'engine=' 'draft' 'no-color' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'import'
            __octavo_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'mdbook'
                __octavo_parse_subcommand 2 'version' 'h/help'
            case 'pandoc'
                __octavo_parse_subcommand 2 'version' 'h/help'
            end
        case 'help'
            __octavo_parse_subcommand -r 1 'version'
        end
    end
end

function __octavo_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __octavo_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __octavo_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __octavo_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__octavo_tokens -p)
    if test -z "$(__octavo_tokens -t)"
        set -l index (count (__octavo_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'octavo' -f
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo" -eq 1' -fa 'build' -d 'Build the EPUB and the print edition.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo" -eq 1' -fa 'check' -d 'Check the manuscript and print every problem found.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo" -eq 1' -fa 'new' -d 'Start a new book: a manuscript that builds at once.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo" -eq 1' -fa 'stats' -d 'Count words, characters, reading time, notes, images and headings.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo" -eq 1' -fa 'serve' -d 'Preview the book in a browser, rebuilt and reloaded as you write.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo" -eq 1' -fa 'watch' -d 'Build, then build again each time a file of the book changes.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo" -eq 1' -fa 'import' -d 'Make an Octavo manuscript from an mdBook book or a pandoc Markdown file.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" styles' -l 'styles' -d 'The folder of style sheets (epub.css, print.css; built-in sheets fill in what is missing). Default: the book\'s own styles folder, else Styles beside the Manuscript folder, else the built-in sheets.' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" output' -l 'output' -d 'Where to write the outputs. Default: Output in the book\'s folder (beside the Manuscript folder for a book kept in one).' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" format' -l 'format' -d 'What to build: epub, print or all.' -rfka 'epub print all'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" no-cache' -l 'no-cache' -d 'Render every chapter again instead of reusing those in <output>/.cache (also: OCTAVO_NO_CACHE=1).'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" profile' -l 'profile' -d 'compatible (NCX, guide and cover meta for older readers) or strict (pure EPUB 3.3).' -rfka 'compatible strict'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" pdf' -l 'pdf' -d 'Also print the print edition to PDF (<slug>.pdf), offline, with WeasyPrint or headless Chromium.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" engine' -l 'engine' -d 'The PDF engine: weasyprint or chromium (default: weasyprint when installed, else chromium).' -rfka 'weasyprint chromium'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" draft' -l 'draft' -d 'Write a draft despite errors a book can survive (a missing image becomes a placeholder); the outputs say "Draft".'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" q quiet' -l 'quiet' -s 'q' -d 'Print errors only: no warnings, no summary.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" v verbose' -l 'verbose' -s 'v' -d 'Print more: each step and its time.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo build" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo check" strict' -l 'strict' -d 'Treat warnings as errors.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo check" format' -l 'format' -d 'How to print the diagnostics: text (compiler style, on standard error) or json (an array on standard output).' -rfka 'text json'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo check" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo check" q quiet' -l 'quiet' -s 'q' -d 'Print errors only: no warnings, no summary.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo check" v verbose' -l 'verbose' -s 'v' -d 'Print more: each step and its time.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo check" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo new" title' -l 'title' -d 'The book\'s title.' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo new" author' -l 'author' -d 'The author\'s name.' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo new" language' -l 'language' -d 'The book\'s language, a BCP 47 tag such as en, fr-CA or ja.' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo new" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo new" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo stats" format' -l 'format' -d 'How to print: text or json.' -rfka 'text json'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo stats" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo stats" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo serve" styles' -l 'styles' -d 'The folder of style sheets (epub.css, print.css; built-in sheets fill in what is missing). Default: the book\'s own styles folder, else Styles beside the Manuscript folder, else the built-in sheets.' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo serve" port' -l 'port' -d 'The port to listen on (0 picks a free one).' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo serve" open' -l 'open' -d 'Open the book in the default browser (with xdg-open or open).'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo serve" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo serve" q quiet' -l 'quiet' -s 'q' -d 'Print errors only: no warnings, no summary.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo serve" v verbose' -l 'verbose' -s 'v' -d 'Print more: each step and its time.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo serve" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" styles' -l 'styles' -d 'The folder of style sheets (epub.css, print.css; built-in sheets fill in what is missing). Default: the book\'s own styles folder, else Styles beside the Manuscript folder, else the built-in sheets.' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" output' -l 'output' -d 'Where to write the outputs. Default: Output in the book\'s folder (beside the Manuscript folder for a book kept in one).' -rfka ''
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" format' -l 'format' -d 'What to build: epub, print or all.' -rfka 'epub print all'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" no-cache' -l 'no-cache' -d 'Render every chapter again instead of reusing those in <output>/.cache (also: OCTAVO_NO_CACHE=1).'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" profile' -l 'profile' -d 'compatible (NCX, guide and cover meta for older readers) or strict (pure EPUB 3.3).' -rfka 'compatible strict'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" pdf' -l 'pdf' -d 'Also print the print edition to PDF (<slug>.pdf), offline, with WeasyPrint or headless Chromium.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" engine' -l 'engine' -d 'The PDF engine: weasyprint or chromium (default: weasyprint when installed, else chromium).' -rfka 'weasyprint chromium'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" draft' -l 'draft' -d 'Write a draft despite errors a book can survive (a missing image becomes a placeholder); the outputs say "Draft".'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" q quiet' -l 'quiet' -s 'q' -d 'Print errors only: no warnings, no summary.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" v verbose' -l 'verbose' -s 'v' -d 'Print more: each step and its time.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo import" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo import" -eq 1' -fa 'mdbook' -d 'Import an mdBook book: book.toml and SUMMARY.md.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_positional "octavo import" -eq 1' -fa 'pandoc' -d 'Import a Markdown file written for pandoc, one chapter per level-1 heading.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo import mdbook" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo import mdbook" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo import pandoc" version' -l 'version' -d 'Show the version.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo import pandoc" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'octavo' -n '__octavo_should_offer_completions_for_flags_or_options "octavo help" version' -l 'version' -d 'Show the version.'
