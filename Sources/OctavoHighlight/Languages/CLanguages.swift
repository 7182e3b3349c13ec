// C, C++, Objective-C and C#: the languages with a C preprocessor (or C#'s directives).

private let cKeywords = """
  auto break case const continue default do else enum extern for goto if inline register restrict \
  return sizeof static struct switch typedef union volatile while _Alignas _Alignof _Atomic \
  _Generic _Noreturn _Static_assert _Thread_local asm __asm__ __attribute__ __inline __restrict \
  alignas alignof static_assert thread_local typeof
  """
private let cTypes = """
  int char void short long float double signed unsigned _Bool _Complex bool size_t ssize_t \
  ptrdiff_t intptr_t uintptr_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t \
  uint64_t wchar_t FILE va_list off_t time_t clock_t
  """
private let cConstants = "true false"
private let cppKeywords =
  cKeywords + """
     and and_eq bitand bitor catch class compl concept consteval constexpr constinit const_cast \
    co_await co_return co_yield decltype delete dynamic_cast explicit export final friend \
    mutable namespace new noexcept not not_eq operator or or_eq override private protected package \
    reinterpret_cast requires static_cast template this throw try typeid typename using virtual \
    xor xor_eq import module
    """
private let cppTypes = cTypes + " char8_t char16_t char32_t auto"
private let cppConstants = "nullptr true false NULL"
private let objcKeywords =
  cKeywords + """
     @interface @implementation @end @protocol @property @synthesize @dynamic @class @selector \
    @encode @private @protected @package @package @try @catch @finally @throw @autoreleasepool \
    @optional @required @import @synchronized in out inout oneway bycopy byref \
    nonatomic atomic strong weak copy assign readonly readwrite nullable nonnull retain \
    __weak __strong __block __unsafe_unretained
    """
private let objcTypes = cTypes + " id Class SEL IMP BOOL NSInteger NSUInteger CGFloat instancetype"
private let objcConstants = "nil Nil YES NO NULL true false"

private func cFamily(keywords: String, types: String, constants: String, prefixes: String)
  -> CodeGrammar
{
  var g = CodeGrammar()
  g.keywords = WordTable(keywords)
  g.types = WordTable(types)
  g.constants = WordTable(constants)
  g.typeDeclarators = WordTable(
    "struct union enum class typename namespace @interface @implementation @protocol")
  g.hashPreprocessor = true
  g.singleQuote = .char
  g.stringPrefixes = WordTable(prefixes)
  g.builtins = WordTable("NULL")
  g.capitalizedTypes = false
  g.negativeNumbers = true
  return g
}

extension Language {
  /// C.
  static let c = Language(
    "c", ["h"],
    grammar: cFamily(
      keywords: cKeywords, types: cTypes, constants: cConstants, prefixes: "L u U u8"))

  /// C++.
  static let cpp: Language = {
    var g = cFamily(
      keywords: cppKeywords, types: cppTypes, constants: cppConstants,
      prefixes: "L u U u8 R LR uR UR u8R")
    g.cppRawStrings = true
    g.capitalizedTypes = true
    return Language("cpp", ["c++", "cc", "cxx", "hpp", "hh", "hxx", "h++"], grammar: g)
  }()

  /// Objective-C.
  static let objectiveC: Language = {
    var g = cFamily(
      keywords: objcKeywords, types: objcTypes, constants: objcConstants, prefixes: "L u U u8")
    g.builtins = WordTable("self super _cmd NULL")
    g.capitalizedTypes = true
    let lexer = CodeLexer(g)
    return Language(
      "objective-c", ["objc", "objectivec", "obj-c", "m", "mm", "objective-cpp", "objc++"]
    ) { s in
      ObjectiveC.scan(&s, lexer)
    }
  }()

  /// C#.
  static let csharp: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      abstract as base break case catch checked class const continue default delegate do else \
      enum event explicit extern finally fixed for foreach goto if implicit in interface internal \
      is lock namespace new operator out override params private protected package readonly ref \
      return sealed sizeof stackalloc static struct switch this throw try typeof unchecked unsafe \
      using virtual void volatile while add alias ascending async await by descending equals \
      from get global group into join let nameof on orderby partial remove select set value \
      when where yield record init required with not and or file scoped managed
      """)
    g.types = WordTable(
      "bool byte char decimal double float int long object sbyte short string uint ulong ushort nint nuint var dynamic"
    )
    g.constants = WordTable("true false null")
    g.typeDeclarators = WordTable("class struct interface enum record namespace")
    g.hashPreprocessor = true
    g.singleQuote = .char
    g.verbatimStrings = true
    g.tripleQuotes = true
    return Language("csharp", ["cs", "c#"], grammar: g)
  }()
}

/// Objective-C's `@"string"` literals and `@keywords` on top of C.
enum ObjectiveC {
  static func scan(_ s: inout Scanner, _ lexer: CodeLexer) {
    // @-words are keywords in the table; an @"…" string is scanned here, the rest by the C lexer.
    var runStart = s.pos
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      if b == 64
        && (s.peek() == 34 || Scanner.isWordStart(s.peek()) || s.peek() == 91 || s.peek() == 123
          || s.peek() == 40 || Scanner.isDigit(s.peek()))
      {
        // Scan the C code before the @, then the @ construct.
        let at = s.pos
        s.scanRegion(runStart, at) { lexer.scan(&$0) }
        s.pos = at
        if s.peek() == 34 {
          s.pos += 2
          lexer.scanStringBody(
            &s, start: at, quote: 34, triple: false, raw: false, interpolation: .none,
            multiline: false)
        } else if Scanner.isWordStart(s.peek()) {
          s.pos += 1
          s.skipWord()
          if lexer.grammar.keywords.contains(s.bytes, at, s.pos) {
            s.emit(.keyword, from: at)
          } else {
            s.emit(.keyword, at, at + 1)
          }
        } else if Scanner.isDigit(s.peek()) {
          s.pos += 1
          _ = s.skipNumber()
          s.emit(.number, from: at)
        } else {
          s.pos += 1
          s.emit(.punctuation, from: at)
        }
        runStart = s.pos
        continue
      }
      // Skip over strings, chars and comments so an @ inside them is not taken.
      if b == 34 || b == 39 {
        s.pos += 1
        while s.pos < s.limit && s.bytes[s.pos] != b && s.bytes[s.pos] != 10 {
          if s.bytes[s.pos] == 92 { s.pos += 1 }
          s.pos += 1
        }
        s.pos += 1
        continue
      }
      if b == 47 && s.peek() == 47 {
        s.skipToLineEnd()
        continue
      }
      if b == 47 && s.peek() == 42 {
        s.pos += 2
        s.skip(past: [42, 47])
        continue
      }
      s.pos += 1
    }
    let end = min(s.pos, s.limit)
    s.scanRegion(runStart, end) { lexer.scan(&$0) }
  }
}
