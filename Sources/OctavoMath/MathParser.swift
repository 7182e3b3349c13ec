/// The recursive-descent parser that turns TeX tokens into MathML nodes (internal to the module;
/// ``MathConverter`` is the package face).
struct MathParser {
  /// A parsed item with what the scripts that follow it need to know.
  struct Atom {
    enum Limits { case none, display, always }
    var node: MathNode
    var limits: Limits = .none
  }

  static let maxDepth = 48
  static let maxExpansions = 20_000
  static let maxPending = 2_000_000

  let macros: [String: MathMacro]
  private var macroBodies: [String: [TeXToken]] = [:]
  var tokens: [TeXToken]
  var index = 0
  var pending: [TeXToken] = []
  private var expansions = 0
  private var macrosHalted = false
  private var depth = 0
  private var depthReported = false
  private let endOffset: Int

  /// Whether the current style is display style (limits go below large operators).
  var displayStyle: Bool
  /// The alphabet of the current font command (`\mathbf`…), or `nil` for the default.
  var font: MathAlphabet?

  var diagnostics: [MathDiagnostic] = []
  var tag: String?
  var tagIsStarred = false
  var tags: [String] = []
  /// How many table environments enclose the current position.
  var tableDepth = 0
  var labels: [String] = []
  var references: [String] = []

  init(tex: String, macros: [String: MathMacro], display: Bool) {
    self.macros = macros
    self.tokens = TeXToken.tokenize(tex)
    self.displayStyle = display
    self.endOffset = tex.utf8.count
  }

  // MARK: - Token access

  mutating func rawPeek() -> TeXToken? {
    if let last = pending.last { return last }
    return index < tokens.count ? tokens[index] : nil
  }

  @discardableResult
  mutating func rawNext() -> TeXToken? {
    if let last = pending.popLast() { return last }
    guard index < tokens.count else { return nil }
    index += 1
    return tokens[index - 1]
  }

  /// The next token after expanding user macros.
  mutating func peek() -> TeXToken? {
    while let token = rawPeek() {
      guard !macros.isEmpty, case .command(let name) = token.kind, !macrosHalted,
        let macro = macros[name]
      else {
        return token
      }
      expand(name, macro)
    }
    return nil
  }

  @discardableResult
  mutating func next() -> TeXToken? {
    _ = peek()
    return rawNext()
  }

  /// The next token that is not white space.
  mutating func peekSkippingSpace() -> TeXToken? {
    while let token = peek() {
      guard case .space = token.kind else { return token }
      rawNext()
    }
    return nil
  }

  private mutating func expand(_ name: String, _ macro: MathMacro) {
    guard let call = rawNext() else { return }
    expansions += 1
    if expansions > Self.maxExpansions || pending.count > Self.maxPending {
      macrosHalted = true
      pending.removeAll()
      report(.tooComplex, "macro \\\(name) expands without end", at: call.offset)
      return
    }
    var arguments: [[TeXToken]] = []
    for _ in 0..<macro.arity {
      while let t = rawPeek(), t.kind == .space { rawNext() }
      guard let first = rawNext() else {
        report(
          .missingArgument(command: name), "\\\(name) needs \(macro.arity) argument(s)",
          at: call.offset)
        break
      }
      if first.kind == .beginGroup {
        var level = 1
        var argument: [TeXToken] = []
        while let t = rawNext() {
          if t.kind == .beginGroup { level += 1 }
          if t.kind == .endGroup {
            level -= 1
            if level == 0 { break }
          }
          argument.append(t)
        }
        arguments.append(argument)
      } else {
        arguments.append([first])
      }
    }
    if macroBodies[name] == nil { macroBodies[name] = TeXToken.tokenize(macro.body) }
    var expansion: [TeXToken] = []
    for token in macroBodies[name] ?? [] {
      if case .parameter(let k) = token.kind {
        if k <= arguments.count {
          expansion.append(
            contentsOf: arguments[k - 1].map { TeXToken(kind: $0.kind, offset: call.offset) })
        }
      } else {
        expansion.append(TeXToken(kind: token.kind, offset: call.offset))
      }
    }
    pending.append(contentsOf: expansion.reversed())
  }

  mutating func report(_ kind: MathDiagnostic.Kind, _ message: String, at offset: Int) {
    if diagnostics.count < 100 {
      diagnostics.append(MathDiagnostic(kind: kind, message: message, offset: offset))
    }
  }

  // MARK: - Rows

  /// Parses the whole formula.
  mutating func parseFormula() -> [MathNode] {
    var items: [MathNode] = []
    while true {
      items += parseRow()
      guard let token = next() else { break }
      switch token.kind {
      case .endGroup:
        report(.unbalancedBraces, "unbalanced braces: this } closes no {", at: token.offset)
      case .alignment:
        report(.misplaced("&"), "& outside a table environment", at: token.offset)
      case .command("end"):
        let name = readRawText()
        report(
          .unexpectedEnd(name: name), "\\end{\(name)} without a matching \\begin{\(name)}",
          at: token.offset)
      case .command("right"), .command("middle"):
        _ = readDelimiter()
        if case .command(let name) = token.kind {
          report(.unbalancedLeftRight, "\\\(name) without a matching \\left", at: token.offset)
        }
      default:
        break  // `\\` and `\cr` outside a table: a line break TeX would also ignore here
      }
    }
    return items
  }

  /// Parses items up to (not including) a `}`, `&`, `\\`, `\end`, `\right`, `\middle`, the end,
  /// or, when `bracket` is set, a `]` at this level.
  mutating func parseRow(bracket: Bool = false) -> [MathNode] {
    var items: [MathNode] = []
    var fences: [(String, Int)] = []
    var numerator: [MathNode]? = nil
    var fractionKind = ""
    while let token = peek() {
      switch token.kind {
      case .endGroup, .alignment:
        return finish(items, numerator, fractionKind)
      case .space:
        rawNext()
        continue
      case .char("]") where bracket:
        return finish(items, numerator, fractionKind)
      case .command(let name):
        switch name {
        case "\\", "cr", "end", "right", "middle":
          return finish(items, numerator, fractionKind)
        case "over", "choose", "atop", "brack", "brace":
          rawNext()
          numerator = items
          fractionKind = name
          items = []
          fences = []
          continue
        case "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle":
          rawNext()
          let saved = displayStyle
          displayStyle = name == "displaystyle"
          let rest = parseRow(bracket: bracket)
          let unchanged =
            depth == 0 && displayStyle == saved && name != "scriptstyle"
            && name != "scriptscriptstyle"
          displayStyle = saved
          if unchanged {
            items += rest
            return finish(items, numerator, fractionKind)
          }
          var style = MathNode("mstyle", children: rest)
          switch name {
          case "displaystyle":
            style.attributes = [.init("displaystyle", "true"), .init("scriptlevel", "0")]
          case "textstyle":
            style.attributes = [.init("displaystyle", "false"), .init("scriptlevel", "0")]
          case "scriptstyle":
            style.attributes = [.init("displaystyle", "false"), .init("scriptlevel", "1")]
          default: style.attributes = [.init("displaystyle", "false"), .init("scriptlevel", "2")]
          }
          items.append(style)
          return finish(items, numerator, fractionKind)
        default:
          break
        }
      default:
        break
      }
      guard var atom = parseAtom() else { continue }
      // Plain fences: a matched `(…)`, `[…]`, `|…|` or `‖…‖` becomes one mrow, the base of the
      // scripts that follow it (`(a+b)^2`).
      if atom.node.name == "mo", atom.node.attribute("stretchy") == "false",
        let text = atom.node.text,
        atom.node.attributes.count <= 2
      {
        let bars = text == "|" || text == "‖"
        if bars, let last = fences.last, last.0 == text {
          atom.node.setAttribute("form", "postfix")
        } else if bars {
          atom.node.setAttribute("form", "prefix")
        }
        let form = atom.node.attribute("form")
        if form == "prefix" && (text == "(" || text == "[" || bars) {
          fences.append((text, items.count))
        } else if form == "postfix", let last = fences.last,
          last.0 == text || (last.0 == "(" && text == ")") || (last.0 == "[" && text == "]")
        {
          fences.removeLast()
          var group = Array(items[last.1...])
          group.append(atom.node)
          items.removeSubrange(last.1...)
          atom.node = MathNode("mrow", children: group)
        }
      }
      items.append(parseScripts(atom))
    }
    return finish(items, numerator, fractionKind)
  }

  private func finish(_ items: [MathNode], _ numerator: [MathNode]?, _ kind: String) -> [MathNode] {
    guard let numerator else { return items }
    let top = Self.row(numerator)
    let bottom = Self.row(items)
    switch kind {
    case "over": return [MathNode("mfrac", children: [top, bottom])]
    case "atop": return [MathNode("mfrac", [.init("linethickness", "0")], children: [top, bottom])]
    default:
      let (open, close) = kind == "choose" ? ("(", ")") : kind == "brack" ? ("[", "]") : ("{", "}")
      return [
        Self.fenced(
          open, close, MathNode("mfrac", [.init("linethickness", "0")], children: [top, bottom]))
      ]
    }
  }

  /// One node for a list of items: the item itself when there is one, else an `mrow`.
  static func row(_ items: [MathNode]) -> MathNode {
    items.count == 1 ? items[0] : MathNode("mrow", children: items)
  }

  /// `content` between stretchy fences (as `\left…\right` and the matrix environments write).
  static func fenced(_ open: String?, _ close: String?, _ content: MathNode) -> MathNode {
    var children: [MathNode] = []
    if let open {
      children.append(MathNode("mo", text: open, Self.stretchyPrefix))
    }
    children.append(content)
    if let close {
      children.append(MathNode("mo", text: close, Self.stretchyPostfix))
    }
    return MathNode("mrow", children: children)
  }

  // MARK: - Atoms and scripts

  /// Parses the scripts (`^`, `_`, primes, `\limits`) following `atom`.
  mutating func parseScripts(_ atom: Atom) -> MathNode {
    var sub: MathNode?
    var sup: MathNode?
    var primes = 0
    var limits = atom.limits
    var explicitLimits: Bool?
    while let token = peekSkippingSpace() {
      switch token.kind {
      case .superscript:
        rawNext()
        if sup != nil { report(.misplaced("^"), "double superscript", at: token.offset) }
        sup = parseScriptArgument(token)
      case .subscript:
        rawNext()
        if sub != nil { report(.misplaced("_"), "double subscript", at: token.offset) }
        sub = parseScriptArgument(token)
      case .char("'") where sup == nil:
        rawNext()
        primes += 1
      case .command("limits"):
        rawNext()
        explicitLimits = true
      case .command("nolimits"):
        rawNext()
        explicitLimits = false
      default:
        return build(atom.node, sub, sup, primes, limits, explicitLimits)
      }
      if limits == .none && explicitLimits == true && atom.limits == .none { limits = .display }
    }
    return build(atom.node, sub, sup, primes, limits, explicitLimits)
  }

  private func build(
    _ base: MathNode, _ sub: MathNode?, _ sup: MathNode?, _ primes: Int, _ limits: Atom.Limits,
    _ explicitLimits: Bool?
  ) -> MathNode {
    var superscript = sup
    if primes > 0 && sup == nil {
      // Without a superscript, the prime follows the (subscripted) base as its own character:
      // the prime glyphs of math fonts are already raised.
      let marks = ["′", "″", "‴", "⁗"]
      let prime = MathNode(
        "mi", text: primes <= 4 ? marks[primes - 1] : String(repeating: "′", count: primes))
      let scripted = build(base, sub, nil, 0, limits, explicitLimits)
      return MathNode("mrow", children: [scripted, prime])
    }
    if primes > 0 {
      let marks = ["′", "″", "‴", "⁗"]
      let prime = MathNode(
        "mo", text: primes <= 4 ? marks[primes - 1] : String(repeating: "′", count: primes))
      superscript = sup.map { MathNode("mrow", children: [prime, $0]) } ?? prime
    }
    if sub == nil && superscript == nil { return base }
    let under: Bool
    switch limits {
    case .always: under = explicitLimits ?? true
    case .display: under = explicitLimits ?? displayStyle
    case .none: under = explicitLimits ?? false
    }
    switch (sub, superscript) {
    case (let b?, let t?):
      return MathNode(under ? "munderover" : "msubsup", children: [base, b, t])
    case (let b?, nil): return MathNode(under ? "munder" : "msub", children: [base, b])
    case (nil, let t?): return MathNode(under ? "mover" : "msup", children: [base, t])
    default: return base
    }
  }

  private mutating func parseScriptArgument(_ script: TeXToken) -> MathNode {
    let saved = displayStyle
    displayStyle = false
    defer { displayStyle = saved }
    guard let token = peekSkippingSpace() else {
      report(
        .missingArgument(command: script.kind == .superscript ? "^" : "_"),
        "missing script after \(script.kind == .superscript ? "^" : "_")", at: script.offset)
      return MathNode("mrow")
    }
    switch token.kind {
    case .beginGroup, .command:
      return parseAtom().map { $0.node } ?? MathNode("mrow")
    case .char(let c):
      rawNext()
      return charNode(c, token)
    default:
      report(
        .missingArgument(command: script.kind == .superscript ? "^" : "_"),
        "missing script after \(script.kind == .superscript ? "^" : "_")", at: script.offset)
      return MathNode("mrow")
    }
  }

  /// Parses one item (without its scripts); `nil` when the token produced nothing.
  mutating func parseAtom() -> Atom? {
    guard let token = peek() else { return nil }
    if depth >= Self.maxDepth {
      rawNext()
      if !depthReported {
        depthReported = true
        report(.tooComplex, "formula nested too deeply", at: token.offset)
      }
      if token.kind == .beginGroup { skipGroup() }
      return nil
    }
    depth += 1
    defer { depth -= 1 }
    switch token.kind {
    case .beginGroup:
      return Atom(node: parseGroup())
    case .superscript, .subscript:
      return Atom(node: MathNode("mrow"))
    case .char(let c):
      rawNext()
      if Self.isDigit(c) {
        return Atom(node: parseNumber(first: c))
      }
      return Atom(node: charNode(c, token))
    case .command(let name):
      rawNext()
      return parseCommand(name, token)
    case .parameter(let k):
      rawNext()
      return Atom(node: MathNode("mi", text: "#\(k)"))
    case .space, .endGroup, .alignment:
      rawNext()
      return nil
    }
  }

  private mutating func skipGroup() {
    var level = 1
    while let t = rawNext() {
      if t.kind == .beginGroup { level += 1 }
      if t.kind == .endGroup {
        level -= 1
        if level == 0 { return }
      }
    }
  }

  /// Parses `{…}` (the `{` not yet consumed) into one node.
  mutating func parseGroup() -> MathNode {
    guard let open = next() else { return MathNode("mrow") }
    let items = parseRow()
    if let close = peek(), case .endGroup = close.kind {
      rawNext()
    } else {
      report(.unbalancedBraces, "unbalanced braces: this { is not closed", at: open.offset)
    }
    return Self.row(items)
  }

  /// Parses a command's argument: a group, or a single token.
  mutating func parseArgument(for command: String, at offset: Int) -> MathNode {
    guard let token = peekSkippingSpace() else {
      report(.missingArgument(command: command), "\\\(command) needs an argument", at: offset)
      return MathNode("mrow")
    }
    switch token.kind {
    case .beginGroup, .command:
      return parseAtom()?.node ?? MathNode("mrow")
    case .char(let c):
      rawNext()
      return charNode(c, token)
    default:
      report(.missingArgument(command: command), "\\\(command) needs an argument", at: offset)
      return MathNode("mrow")
    }
  }

  /// Parses an optional `[…]` argument, if one follows.
  mutating func parseOptionalArgument() -> MathNode? {
    guard let token = peekSkippingSpace(), token.kind == .char("[") else { return nil }
    rawNext()
    let items = parseRow(bracket: true)
    if let close = peek(), close.kind == .char("]") {
      rawNext()
    } else {
      report(.unbalancedBraces, "unbalanced brackets: this [ is not closed", at: token.offset)
    }
    return Self.row(items)
  }

  /// Reads a `{…}` argument as plain text (for names, labels, column specifications, lengths).
  mutating func readRawText() -> String {
    guard let token = peekSkippingSpace() else { return "" }
    guard token.kind == .beginGroup else {
      rawNext()
      return Self.text(of: token)
    }
    rawNext()
    var level = 1
    var text = ""
    while let t = rawNext() {
      if t.kind == .beginGroup { level += 1 }
      if t.kind == .endGroup {
        level -= 1
        if level == 0 { return text }
      }
      text += Self.text(of: t)
    }
    report(.unbalancedBraces, "unbalanced braces: this { is not closed", at: token.offset)
    return text
  }

  static func text(of token: TeXToken) -> String {
    switch token.kind {
    case .command(let name): return name.count == 1 && !name.first!.isLetter ? name : "\\" + name
    case .char(let c): return String(c)
    case .beginGroup: return "{"
    case .endGroup: return "}"
    case .superscript: return "^"
    case .subscript: return "_"
    case .alignment: return "&"
    case .space: return " "
    case .parameter(let k): return "#\(k)"
    }
  }

  private mutating func parseNumber(first: Unicode.Scalar) -> MathNode {
    var text = String(first)
    while let token = rawPeek(), case .char(let c) = token.kind {
      if Self.isDigit(c) {
        text.unicodeScalars.append(c)
        rawNext()
      } else if c == ".", index < tokens.count, pending.isEmpty,
        index + 1 < tokens.count, case .char(let d) = tokens[index + 1].kind,
        Self.isDigit(d)
      {
        text += "."
        rawNext()
      } else {
        break
      }
    }
    if let font, font != .normal, font != .italic { text = font.map(text) }
    return MathNode("mn", text: text)
  }
}
