/// The class of a highlighted token; each becomes a CSS class on a `<span>` (``cssClass``).
///
/// docs/markup.md ("Highlighted code") lists them with what each language puts in them.
package enum TokenClass: String, CaseIterable, Hashable, Sendable {
  /// A reserved word of the language (`func`, `if`, `return`, `SELECT`).
  case keyword
  /// A literal constant spelled as a word (`true`, `false`, `nil`, `None`, `null`).
  case constant
  /// A type name: primitive types (`int`, `u8`) and, in most languages, capitalised names.
  case type
  /// The name of a function where it is declared or called.
  case function
  /// A name the language or its standard library provides (`print`, `len`, `echo`).
  case builtin
  /// A variable marked as one by a sigil (`$name`, `@ivar`, `${HOME}`).
  case variable
  /// An attribute: markup attribute names, decorators and annotations (`@Test`, `#[derive]`).
  case attribute
  /// A markup tag name (`div`, `svg:path`).
  case tag
  /// A character reference in markup (`&amp;`, `&#x2014;`).
  case entity
  /// A key or property name in data languages (JSON, YAML and TOML keys).
  case property
  /// A string or character literal.
  case string
  /// An escape or interpolation delimiter inside a string (`\n`, `\(`, `${`).
  case escape
  /// A regular expression literal.
  case regex
  /// A symbol literal (Ruby's `:name`).
  case symbol
  /// A numeric literal.
  case number
  /// A comment.
  case comment
  /// An operator (`+`, `==`, `->`, `&&`).
  case `operator`
  /// Punctuation: brackets, separators.
  case punctuation
  /// A preprocessor directive or pragma (`#include`, `#if`, `<!DOCTYPE>`, `<?xml?>`).
  case preprocessor
  /// A heading (Markdown headings, a diff's file header).
  case heading
  /// A diff hunk header (`@@ -1,3 +1,4 @@`) or other meta line.
  case meta
  /// Emphasised text in a markup language.
  case emphasis
  /// Strong text in a markup language.
  case strong
  /// A link target or URL in a markup language.
  case link
  /// Inline or block code in a markup language (Markdown code spans and fences).
  case code
  /// An added line of a diff.
  case inserted
  /// A removed line of a diff.
  case deleted
  /// A shell prompt in a console session (`$ `).
  case prompt

  /// The CSS class of the token's `<span>`, such as `hl-kw`.
  package var cssClass: String {
    switch self {
    case .keyword: "hl-kw"
    case .constant: "hl-cn"
    case .type: "hl-ty"
    case .function: "hl-fn"
    case .builtin: "hl-bi"
    case .variable: "hl-va"
    case .attribute: "hl-at"
    case .tag: "hl-tg"
    case .entity: "hl-en"
    case .property: "hl-pr"
    case .string: "hl-st"
    case .escape: "hl-es"
    case .regex: "hl-re"
    case .symbol: "hl-sy"
    case .number: "hl-nu"
    case .comment: "hl-co"
    case .operator: "hl-op"
    case .punctuation: "hl-pu"
    case .preprocessor: "hl-pp"
    case .heading: "hl-hd"
    case .meta: "hl-mt"
    case .emphasis: "hl-em"
    case .strong: "hl-sg"
    case .link: "hl-ln"
    case .code: "hl-cd"
    case .inserted: "hl-ins"
    case .deleted: "hl-del"
    case .prompt: "hl-gp"
    }
  }
}
