// Java, Kotlin and Scala.

extension Language {
  /// Java.
  static let java: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      abstract assert break case catch class const continue default do else enum extends final \
      finally for goto if implements import instanceof interface native new package private \
      protected package return static strictfp super switch synchronized this throw throws \
      transient try volatile while var record yield sealed permits non-sealed module exports \
      requires
      """)
    g.types = WordTable("boolean byte char double float int long short void")
    g.constants = WordTable("true false null")
    g.typeDeclarators = WordTable("class interface enum record")
    g.singleQuote = .char
    g.tripleQuotes = true
    g.annotation = .attribute
    g.identifierExtra = 36
    return Language("java", grammar: g)
  }()

  /// Kotlin.
  static let kotlin: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      as break class continue do else for fun if in interface is object package return super \
      this throw try typealias typeof val var when while by catch constructor delegate dynamic \
      field file finally get import init param property receiver set setparam where actual \
      abstract annotation companion const crossinline data enum expect external final infix \
      inline inner internal lateinit noinline open operator out override private protected \
      package reified sealed suspend tailrec vararg value
      """)
    g.types = WordTable(
      "Int Long Short Byte Double Float Boolean Char String Unit Any Nothing Array List Map Set")
    g.constants = WordTable("true false null")
    g.functionDeclarators = WordTable("fun")
    g.typeDeclarators = WordTable("class interface object typealias")
    g.nestedComments = true
    g.singleQuote = .char
    g.tripleQuotes = true
    g.interpolation = .dollar
    g.annotation = .attribute
    g.backtick = .identifier
    return Language("kotlin", ["kt", "kts"], grammar: g)
  }()

  /// Scala.
  static let scala: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      abstract case catch class def do else extends final finally for forSome if implicit import \
      lazy match new object override package private protected return sealed super this throw \
      trait try type val var while with yield given using enum export then end extension derives \
      opaque inline transparent open infix
      """)
    g.constants = WordTable("true false null")
    g.types = WordTable(
      "Int Long Short Byte Double Float Boolean Char String Unit Any AnyRef AnyVal Nothing Null Option Some None List Seq Map Set Vector Array Future Either"
    )
    g.functionDeclarators = WordTable("def")
    g.typeDeclarators = WordTable("class trait object type enum")
    g.nestedComments = true
    g.singleQuote = .char
    g.tripleQuotes = true
    g.interpolation = .dollar
    g.stringPrefixes = WordTable("s f raw")
    g.annotation = .attribute
    g.backtick = .identifier
    return Language("scala", ["sc"], grammar: g)
  }()
}
