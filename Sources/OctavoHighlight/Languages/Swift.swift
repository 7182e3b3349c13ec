extension Language {
  /// Swift.
  static let swift: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      associatedtype class deinit enum extension fileprivate func import init inout internal let \
      operator private precedencegroup protocol package rethrows static struct subscript \
      typealias var break case catch continue default defer do else fallthrough for guard if in \
      repeat return throw switch where while as is try await async throws some any Self self \
      super convenience dynamic final lazy mutating nonmutating optional override required \
      unowned weak indirect willSet didSet get set consuming borrowing nonisolated isolated \
      actor macro package sending _
      """)
    g.constants = WordTable("true false nil")
    g.types = WordTable(
      """
      Int Int8 Int16 Int32 Int64 UInt UInt8 UInt16 UInt32 UInt64 Double Float Float80 Bool \
      String Character Array Dictionary Set Optional Result Void Never Any AnyObject Error \
      Substring Range ClosedRange Sequence Collection
      """)
    g.functionDeclarators = WordTable("func")
    g.typeDeclarators = WordTable(
      "class struct enum protocol extension actor typealias associatedtype")
    g.nestedComments = true
    g.hashPreprocessor = true
    g.singleQuote = .none
    g.tripleQuotes = true
    g.interpolation = .swift
    g.hashRawStrings = true
    g.annotation = .keyword
    g.dollarDigits = true
    return Language("swift", grammar: g)
  }()

  /// Go.
  static let go: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      break case chan const continue default defer else fallthrough for func go goto if import \
      interface map package range return select struct switch type var
      """)
    g.types = WordTable(
      """
      bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string \
      uint uint8 uint16 uint32 uint64 uintptr any comparable
      """)
    g.constants = WordTable("true false nil iota")
    g.builtins = WordTable(
      "append cap close complex copy delete imag len make new panic print println real recover min max clear"
    )
    g.functionDeclarators = WordTable("func")
    g.singleQuote = .char
    g.backtick = .raw
    g.capitalizedTypes = false
    return Language("go", ["golang"], grammar: g)
  }()

  /// Rust.
  static let rust: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      as async await break const continue crate dyn else enum extern fn for if impl in let loop \
      match mod move mut pub ref return self static struct super trait type unsafe use where \
      while abstract become box do final macro override priv typeof unsized virtual yield try union
      """)
    g.types = WordTable(
      """
      i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String Vec Option \
      Result Box Rc Arc HashMap HashSet BTreeMap Self
      """)
    g.constants = WordTable("true false")
    g.functionDeclarators = WordTable("fn")
    g.typeDeclarators = WordTable("struct enum trait type union")
    g.nestedComments = true
    g.singleQuote = .lifetimeOrChar
    g.stringPrefixes = WordTable("b")
    g.rustRawStrings = true
    g.rustMacros = true
    g.multilineStrings = true
    return Language("rust", ["rs"], grammar: g)
  }()
}
