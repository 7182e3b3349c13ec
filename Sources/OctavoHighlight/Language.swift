/// A language the highlighter knows: its name, the fence names that select it, and its lexer.
///
/// Get one with ``Highlighter/language(named:)``; ``tokens(of:)`` is pure and thread-safe.
package struct Language: Sendable, Hashable {
  /// The language's canonical name, such as `swift` or `cpp`.
  package let name: String
  /// Every fence name that selects it, lowercase, the canonical name first.
  package let aliases: [String]
  let lexer: @Sendable (inout Scanner) -> Void

  init(_ name: String, _ aliases: [String] = [], lexer: @escaping @Sendable (inout Scanner) -> Void)
  {
    self.name = name
    self.aliases = [name] + aliases
    self.lexer = lexer
  }

  init(_ name: String, _ aliases: [String] = [], grammar: CodeGrammar) {
    let lexer = CodeLexer(grammar)
    self.init(name, aliases) { lexer.scan(&$0) }
  }

  /// Splits code into highlighted tokens.
  ///
  /// Returns the classified runs in order, as UTF-8 byte ranges of `code`; bytes between
  /// them are plain text. Never fails: unterminated strings and comments run to the end, and
  /// any input, however long or odd, is scanned in linear time.
  package func tokens(of code: String) -> [Token] {
    var scanner = Scanner(Array(code.utf8))
    lexer(&scanner)
    return scanner.tokens
  }

  /// The same for code already held as UTF-8 bytes (they need not be valid UTF-8).
  package func tokens(ofUTF8 bytes: [UInt8]) -> [Token] {
    var scanner = Scanner(bytes)
    lexer(&scanner)
    return scanner.tokens
  }

  package static func == (a: Language, b: Language) -> Bool { a.name == b.name }
  package func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
