/// Octavo's build-time syntax highlighter: finds a ``Language`` by a code fence's name.
///
/// ```swift
/// if let swift = Highlighter.language(named: "Swift") {
///   for token in swift.tokens(of: "let x = 1") { print(token.range, token.tokenClass.cssClass) }
/// }
/// ```
package enum Highlighter {
  /// Every language, in the order docs/markup.md lists them.
  package static let languages: [Language] = [
    .swift, .c, .cpp, .objectiveC, .csharp, .java, .kotlin, .go, .rust, .python, .ruby, .php,
    .javascript, .typescript, .jsx, .tsx, .shell, .console, .powershell, .sql, .html, .xml, .css,
    .json, .yaml, .toml, .markdown, .dockerfile, .makefile, .diff, .lua, .haskell, .scala, .r,
    .text,
  ]

  private static let byName: [String: Language] = {
    var table: [String: Language] = [:]
    for language in languages {
      for alias in language.aliases where table[alias] == nil { table[alias] = language }
    }
    return table
  }()

  /// The language a fence name selects (`swift`, `c++`, `py`, `Shell`…), ignoring case and
  /// surrounding spaces; `nil` when Octavo cannot highlight it.
  package static func language(named name: String) -> Language? {
    var key = name.lowercased()
    while key.first == " " || key.first == "." || key.first == "{" { key.removeFirst() }
    while key.last == " " || key.last == "}" { key.removeLast() }
    if key.hasPrefix("language-") { key.removeFirst(9) }
    return byName[key]
  }
}
