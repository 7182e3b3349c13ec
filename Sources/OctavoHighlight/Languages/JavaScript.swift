// JavaScript, TypeScript, and their JSX flavours.

private let jsKeywords = """
  break case catch class const continue debugger default delete do else export extends finally \
  for function if import in instanceof let new return super switch this throw try typeof var void \
  while with yield async await of static get set from as
  """
private let tsKeywords =
  jsKeywords + """
     abstract declare enum implements interface keyof namespace private protected package readonly \
    type infer is asserts satisfies override module global unique accessor
    """

private func javascriptGrammar(typescript: Bool) -> CodeGrammar {
  var g = CodeGrammar()
  g.keywords = WordTable(typescript ? tsKeywords : jsKeywords)
  g.constants = WordTable("true false null undefined NaN Infinity")
  g.builtins = WordTable(
    """
    Array Boolean Date Error Function Math Number Object RegExp String Promise Symbol Map Set \
    WeakMap WeakSet JSON console window document globalThis parseInt parseFloat isNaN isFinite \
    setTimeout setInterval clearTimeout require module exports process
    """)
  if typescript {
    g.types = WordTable("string number boolean any unknown never void object symbol bigint")
  }
  g.functionDeclarators = WordTable("function")
  g.typeDeclarators = WordTable(typescript ? "class interface type enum" : "class")
  g.backtick = .template
  g.regexLiterals = true
  g.identifierExtra = 36
  g.annotation = typescript ? .attribute : nil
  return g
}

extension Language {
  /// JavaScript.
  static let javascript = Language(
    "javascript", ["js", "mjs", "cjs", "node", "ecmascript"],
    grammar: javascriptGrammar(typescript: false))
  /// TypeScript.
  static let typescript = Language(
    "typescript", ["ts", "mts", "cts"], grammar: javascriptGrammar(typescript: true))
  /// JavaScript with JSX elements.
  static let jsx: Language = {
    let lexer = CodeLexer(javascriptGrammar(typescript: false))
    return Language("jsx", ["react"]) { s in JSX.scan(&s, lexer) }
  }()
  /// TypeScript with JSX elements.
  static let tsx: Language = {
    let lexer = CodeLexer(javascriptGrammar(typescript: true))
    return Language("tsx") { s in JSX.scan(&s, lexer) }
  }()
}

/// JSX: elements inside JavaScript. The script is scanned by the JavaScript lexer up to each
/// element; an element's tags are scanned here, its `{…}` expressions by the lexer again.
enum JSX {
  static func scan(_ s: inout Scanner, _ lexer: CodeLexer) {
    var codeStart = s.pos
    var i = s.pos
    var quote: UInt8 = 0
    while i < s.limit {
      let b = s.bytes[i]
      if quote != 0 {
        if b == 92 {
          i += 2
          continue
        }
        if b == quote || (b == 10 && quote != 96) { quote = 0 }
        i += 1
        continue
      }
      if b == 34 || b == 39 || b == 96 {
        quote = b
        i += 1
        continue
      }
      if b == 47 && s.byte(i + 1) == 47 {
        i = s.lineEnd(from: i)
        continue
      }
      if b == 47 && s.byte(i + 1) == 42 {
        i += 2
        while i < s.limit && !(s.bytes[i] == 42 && s.byte(i + 1) == 47) { i += 1 }
        i += 2
        continue
      }
      if b == 60 && startsElement(s, at: i) {
        s.scanRegion(codeStart, i) { lexer.scan(&$0) }
        s.pos = i
        element(&s, lexer)
        i = max(s.pos, i + 1)
        codeStart = i
        continue
      }
      i += 1
    }
    s.scanRegion(codeStart, s.limit) { lexer.scan(&$0) }
    s.pos = s.limit
  }

  /// Whether a `<` at `i` opens an element: it follows `(`, `=`, `return`, `,`, `?`, `:`,
  /// `&&`, `||`, `=>` or a line start, and a name or `>` follows it.
  static func startsElement(_ s: Scanner, at i: Int) -> Bool {
    let next = s.byte(i + 1)
    guard Scanner.isAlpha(next) || next == 62 else { return false }
    var j = i - 1
    while j >= 0 && Scanner.isSpace(s.bytes[j]) { j -= 1 }
    if j < 0 { return true }
    let p = s.bytes[j]
    if p == 40 || p == 61 || p == 44 || p == 63 || p == 58 || p == 38 || p == 124 || p == 62
      || p == 123 || p == 91
    {
      return true
    }
    if p == 110 && j >= 5 && s.matches("return", at: j - 5) { return true }
    return false
  }

  /// Scans one element (and its children) starting at `<`.
  static func element(_ s: inout Scanner, _ lexer: CodeLexer) {
    var level = 0
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      if b == 60 && (Scanner.isAlpha(s.peek()) || s.peek() == 62 || s.peek() == 47) {
        let closing = s.peek() == 47
        tag(&s, lexer)
        if closing { level -= 1 } else if s.byte(s.pos - 2) != 47 { level += 1 }
        if level <= 0 { return }
        continue
      }
      if b == 123 {
        expression(&s, lexer)
        continue
      }
      s.pos += 1
    }
  }

  /// A `{…}` expression: braces as punctuation, the inside as code.
  static func expression(_ s: inout Scanner, _ lexer: CodeLexer) {
    let open = s.pos
    s.emit(.punctuation, open, open + 1)
    var j = open + 1
    var level = 1
    while j < s.limit {
      if s.bytes[j] == 123 {
        level += 1
      } else if s.bytes[j] == 125 {
        level -= 1
        if level == 0 { break }
      }
      j += 1
    }
    s.scanRegion(open + 1, j) { inner in
      if inner.depth < Scanner.maxDepth { JSX.scan(&inner, lexer) }
    }
    s.pos = j
    if j < s.limit {
      s.emit(.punctuation, j, j + 1)
      s.pos = j + 1
    }
  }

  /// One tag: `<Name attr="v" attr={x}>` or `</Name>`.
  static func tag(_ s: inout Scanner, _ lexer: CodeLexer) {
    let start = s.pos
    s.pos += 1
    if s.current == 47 { s.pos += 1 }
    s.emit(.punctuation, from: start)
    let nameStart = s.pos
    s.skipWord(extra: 46, extra2: 45)
    s.emit(.tag, from: nameStart)
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      if b == 62 {
        s.emit(.punctuation, s.pos, s.pos + 1)
        s.pos += 1
        return
      }
      if b == 47 && s.peek() == 62 {
        s.emit(.punctuation, s.pos, s.pos + 2)
        s.pos += 2
        return
      }
      if Scanner.isWordStart(b) {
        let attrStart = s.pos
        s.skipWord(extra: 45, extra2: 58)
        s.emit(.attribute, from: attrStart)
        continue
      }
      if b == 34 || b == 39 {
        let stringStart = s.pos
        s.pos += 1
        while s.pos < s.limit && s.bytes[s.pos] != b { s.pos += 1 }
        if s.pos < s.limit { s.pos += 1 }
        s.emit(.string, from: stringStart)
        continue
      }
      if b == 123 {
        expression(&s, lexer)
        continue
      }
      if b == 61 { s.emit(.operator, s.pos, s.pos + 1) }
      s.pos += 1
    }
  }
}
