/// What the shared code lexer (``CodeLexer``) needs to know about one language: its words,
/// its comments, its strings and a few switches. One value per language lives in
/// `Languages/`; the lexer itself is shared by every C-like and script-like language.
struct CodeGrammar: Sendable {
  /// How a language uses `'`.
  enum SingleQuote: Sendable { case string, char, lifetimeOrChar, none }
  /// How a language uses `` ` ``.
  enum Backtick: Sendable { case none, raw, template, command, identifier }
  /// The interpolation of double-quoted strings.
  enum Interpolation: Sendable {
    case none
    case swift  // \( … )
    case dollar  // $name and ${ … } (Kotlin, Scala s"", Groovy)
    case hash  // #{ … } (Ruby)
    case braces  // { … } in prefixed strings (C# $"", Python f"")
    case php  // $name, {$ … }
  }

  var keywords = WordTable([String]())
  var constants = WordTable([String]())
  var types = WordTable([String]())
  var builtins = WordTable([String]())
  /// Keywords after which the next name is a function being declared (`func`, `def`).
  var functionDeclarators = WordTable([String]())
  /// Keywords after which the next name is a type being declared (`class`, `struct`).
  var typeDeclarators = WordTable([String]())
  /// Words that, directly followed by a quote, prefix a string (`r`, `f`, `b`, `u8`).
  var stringPrefixes = WordTable([String]())
  /// Operators the language reserves, which read as keywords (Haskell's `::`, `=`, `->`).
  var reservedOperators = WordTable([String]())
  var lineComments: [[UInt8]] = [Array("//".utf8)]
  var blockComment: (open: [UInt8], close: [UInt8])? = (Array("/*".utf8), Array("*/".utf8))
  var nestedComments = false
  /// A `#` first on a line starts a preprocessor line (C, C++, Objective-C, C#, Swift).
  var hashPreprocessor = false
  var singleQuote = SingleQuote.string
  var backtick = Backtick.none
  var tripleQuotes = false
  var tripleSingleQuotes = false
  var interpolation = Interpolation.none
  /// Whether strings may run over line ends.
  var multilineStrings = false
  /// A doubled quote inside a string stands for one quote (SQL).
  var doubledQuoteEscape = false
  /// Backslash escapes in strings.
  var backslashEscapes = true
  /// `$name` is a variable (PHP, Perl).
  var dollarVariables = false
  /// `@name` is an annotation of this class (`nil`: `@` is an operator).
  var annotation: TokenClass? = nil
  /// Instance variables: `@name` and `@@name` are variables (Ruby).
  var atVariables = false
  /// Names starting with a capital letter (and holding a lowercase one) are types.
  var capitalizedTypes = true
  /// A name followed by `(` is a function.
  var functionCalls = true
  /// Another byte that may appear inside names (`$` in JavaScript, `'` in Haskell, `.` in R).
  var identifierExtra: UInt8 = 0
  /// A byte that may end a name (`?` and `!` in Ruby).
  var identifierSuffix: UInt8 = 0
  var identifierSuffix2: UInt8 = 0
  /// `/…/` after an operator is a regular expression (JavaScript, Ruby).
  var regexLiterals = false
  /// Ruby's `:symbol`, `%w[]`, heredocs and `=begin`.
  var ruby = false
  /// `<<<EOT` heredocs (PHP).
  var phpHeredoc = false
  /// Lua's `[[long strings]]` and `--[[long comments]]`.
  var luaLongBrackets = false
  /// Raw strings: Swift `#"…"#`, Rust `r#"…"#`, C# `@"…"`, C++ `R"(…)"`.
  var hashRawStrings = false
  var rustRawStrings = false
  var verbatimStrings = false
  var cppRawStrings = false
  /// Haskell's `{-# pragma #-}`.
  var haskellPragmas = false
  /// Rust's `name!(` macro calls and `#[attributes]`.
  var rustMacros = false
  /// `$0`, `$1` are variables (Swift's closure arguments).
  var dollarDigits = false
  /// A `-` before a digit after an operator or an opening bracket belongs to the number.
  var negativeNumbers = false
  /// Numbers may start with `.` (`.5`).
  var leadingDotNumbers = true
  /// A word made entirely of capitals is a constant-like name, left plain.
  var keywordsCaseInsensitive: Bool { keywords.caseInsensitive }
}
