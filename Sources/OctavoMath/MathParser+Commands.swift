extension MathParser {
  /// Parses the command `name` (already consumed) with its arguments.
  mutating func parseCommand(_ name: String, _ token: TeXToken) -> Atom? {
    // One lookup in the table of all symbol commands (the tables below, in this order).
    if let symbol = MathSymbols.commands[name] {
      switch symbol {
      case .identifier(let text):
        if let font, font != .normal { return Atom(node: MathNode("mi", text: font.map(text))) }
        return Atom(node: MathNode("mi", text: text))
      case .operator(let text):
        return Atom(node: MathNode("mo", text: text))
      case .largeOperator(let text):
        return Atom(node: MathNode("mo", text: text), limits: .display)
      case .integral(let text):
        return Atom(node: MathNode("mo", text: text))
      case .function(let text, let limits):
        return Atom(node: MathNode("mo", text: text), limits: limits ? .display : .none)
      case .space(let width):
        return Atom(node: MathNode("mspace", [.init("width", width)]))
      case .accent(let text, let under):
        let base = parseArgument(for: name, at: token.offset)
        let mark = MathNode("mo", text: text, [.init("accent", "true")])
        if under {
          return Atom(
            node: MathNode("munder", [.init("accentunder", "true")], children: [base, mark]))
        }
        return Atom(node: MathNode("mover", [.init("accent", "true")], children: [base, mark]))
      case .delimiter(let text, let opens):
        return Atom(node: plainDelimiter(text, opens))
      }
    }
    switch name {
    case "frac", "dfrac", "tfrac", "cfrac":
      let saved = displayStyle
      displayStyle = name == "dfrac" || name == "cfrac"
      let numerator = parseArgument(for: name, at: token.offset)
      let denominator = parseArgument(for: name, at: token.offset)
      displayStyle = saved
      let fraction = MathNode("mfrac", children: [numerator, denominator])
      switch name {
      case "dfrac", "cfrac":
        return Atom(node: MathNode("mstyle", [.init("displaystyle", "true")], children: [fraction]))
      case "tfrac":
        return Atom(
          node: MathNode("mstyle", [.init("displaystyle", "false")], children: [fraction]))
      default: return Atom(node: fraction)
      }
    case "binom", "dbinom", "tbinom":
      let saved = displayStyle
      displayStyle = name == "dbinom"
      let top = parseArgument(for: name, at: token.offset)
      let bottom = parseArgument(for: name, at: token.offset)
      displayStyle = saved
      var node = Self.fenced(
        "(", ")", MathNode("mfrac", [.init("linethickness", "0")], children: [top, bottom]))
      if name != "binom" {
        node = MathNode(
          "mstyle", [.init("displaystyle", name == "dbinom" ? "true" : "false")], children: [node])
      }
      return Atom(node: node)
    case "sqrt":
      let index = parseOptionalArgument()
      let radicand = parseArgument(for: name, at: token.offset)
      if let index { return Atom(node: MathNode("mroot", children: [radicand, index])) }
      return Atom(node: MathNode("msqrt", children: Self.unwrap(radicand)))
    case "left":
      return Atom(node: parseLeftRight(token))
    case "big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr", "biggr",
      "Biggr", "bigm", "Bigm", "biggm", "Biggm":
      return Atom(node: parseBig(name, token))
    case "begin":
      return Atom(node: parseEnvironment(token))
    case "text", "textrm", "textnormal", "mbox", "textup", "hbox", "textbf", "textit", "textsf",
      "texttt", "textmd", "emph":
      return Atom(node: parseText(name, token))
    case "mathbf", "mathit", "mathrm", "mathsf", "mathtt", "mathbb", "mathcal", "mathscr",
      "mathfrak", "boldsymbol", "bm", "mathnormal", "mathbfit", "mathsfit", "mathbfcal",
      "mathbffrak", "mathbfsf", "pmb":
      let alphabet: MathAlphabet? =
        switch name {
        case "mathbf": .bold
        case "mathit": .italic
        case "mathrm": .normal
        case "mathsf": .sansSerif
        case "mathtt": .monospace
        case "mathbb": .doubleStruck
        case "mathcal", "mathscr": .script
        case "mathfrak": .fraktur
        case "boldsymbol", "bm", "mathbfit", "pmb": .boldItalic
        case "mathsfit": .sansSerifItalic
        case "mathbfcal": .boldScript
        case "mathbffrak": .boldFraktur
        case "mathbfsf": .sansSerifBold
        default: nil
        }
      let saved = font
      font = alphabet
      let node = parseArgument(for: name, at: token.offset)
      font = saved
      return Atom(node: node)
    case "operatorname", "operatornamewithlimits":
      var starred = name == "operatornamewithlimits"
      if let star = peek(), star.kind == .char("*") {
        rawNext()
        starred = true
      }
      let text = Self.plainText(parseTextTokens(for: name, at: token.offset))
      return Atom(node: MathNode("mo", text: text), limits: starred ? .display : .none)
    case "mathop":
      let inner = parseArgument(for: name, at: token.offset)
      if let text = Self.flatText(inner) {
        return Atom(node: MathNode("mo", text: text), limits: .display)
      }
      return Atom(node: inner, limits: .display)
    case "mathrel", "mathbin", "mathord", "mathopen", "mathclose", "mathpunct", "mathinner":
      return Atom(node: parseArgument(for: name, at: token.offset))
    case "overbrace", "underbrace":
      let base = parseArgument(for: name, at: token.offset)
      if name == "overbrace" {
        let brace = MathNode("mo", text: "⏞", [.init("accent", "true")])
        return Atom(
          node: MathNode("mover", [.init("accent", "true")], children: [base, brace]),
          limits: .always)
      }
      let brace = MathNode("mo", text: "⏟", [.init("accent", "true")])
      return Atom(
        node: MathNode("munder", [.init("accentunder", "true")], children: [base, brace]),
        limits: .always)
    case "overset", "underset", "stackrel":
      let saved = displayStyle
      displayStyle = false
      let script = parseArgument(for: name, at: token.offset)
      displayStyle = saved
      let base = parseArgument(for: name, at: token.offset)
      return Atom(
        node: MathNode(name == "underset" ? "munder" : "mover", children: [base, script]))
    case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow":
      let below = parseOptionalArgument()
      let above = parseArgument(for: name, at: token.offset)
      let arrows = [
        "xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐",
        "xleftrightarrow": "↔",
      ]
      // Arrows stretch by the operator dictionary: no attribute needed.
      let arrow = MathNode("mo", text: arrows[name] ?? "→")
      if let below { return Atom(node: MathNode("munderover", children: [arrow, below, above])) }
      return Atom(node: MathNode("mover", children: [arrow, above]))
    case "not":
      return Atom(node: parseNot(token))
    case "tag":
      var starred = false
      if let star = peek(), star.kind == .char("*") {
        rawNext()
        starred = true
      }
      let text = Self.plainText(parseTextTokens(for: name, at: token.offset))
      // One \tag per equation; an alignment may tag each of its rows.
      if tag != nil && tableDepth == 0 {
        report(.misplaced("\\tag"), "an equation can have only one \\tag", at: token.offset)
      } else if tag == nil {
        tag = text
        tagIsStarred = starred
      }
      tags.append(text)
      return nil
    case "label":
      labels.append(readRawText().trimmingSpaces())
      return nil
    case "nonumber", "notag", "hline", "limits", "nolimits", "displaylimits", "allowbreak",
      "nobreak", "relax", "strut", "mathstrut":
      return nil
    case "eqref", "ref":
      let label = readRawText().trimmingSpaces()
      references.append(label)
      let shown = name == "eqref" ? "(\(label))" : label
      return Atom(
        node: MathNode(
          "mtext", text: shown,
          [
            .init("class", name == "eqref" ? "octavo-eqref" : "octavo-ref"),
            .init("data-ref", label),
          ]))
    case "pmod", "pod", "mod":
      // amsmath: a space of 18mu in display style (8mu, or 12mu for \mod, inline), "mod" without
      // operator spacing, two thin spaces, the argument; \pmod and \pod add parentheses.
      let argument = parseArgument(for: name, at: token.offset)
      let lead = displayStyle ? "1em" : name == "mod" ? "0.667em" : "0.444em"
      var children = [MathNode("mspace", [.init("width", lead)])]
      if name != "mod" { children.append(plainDelimiter("(", true)) }
      if name != "pod" {
        children += [
          MathNode("mo", text: "mod", [.init("lspace", "0"), .init("rspace", "0")]),
          MathNode("mspace", [.init("width", "0.333em")]),
        ]
      }
      children.append(argument)
      if name != "mod" { children.append(plainDelimiter(")", false)) }
      return Atom(node: MathNode("mrow", children: children))
    case "bmod":
      // A binary operator with 5mu on each side.
      return Atom(
        node: MathNode("mo", text: "mod", [.init("lspace", "0.278em"), .init("rspace", "0.278em")]))
    case "phantom", "hphantom", "vphantom":
      return Atom(
        node: MathNode(
          "mphantom", children: Self.unwrap(parseArgument(for: name, at: token.offset))))
    case "hspace", "mspace", "hskip", "kern", "mkern":
      if let star = peek(), star.kind == .char("*") { rawNext() }
      let length: String
      if let next = peekSkippingSpace(), next.kind == .beginGroup {
        length = readRawText()
      } else {
        var text = ""
        while let t = peek(), case .char(let c) = t.kind, c.isASCII, c != "\\" {
          text.unicodeScalars.append(c)
          rawNext()
          if text.hasSuffix("em") || text.hasSuffix("ex") || text.hasSuffix("pt")
            || text.hasSuffix("mu")
          {
            break
          }
        }
        length = text
      }
      return Atom(node: MathNode("mspace", [.init("width", Self.cssLength(length))]))
    case "boxed", "fbox":
      let inner = parseArgument(for: name, at: token.offset)
      return Atom(
        node: MathNode(
          "mrow", [.init("style", "border: 0.067em solid; padding: 0.2em")],
          children: Self.unwrap(inner)))
    case "{", "}", "|":
      let delimiter = MathSymbols.delimiters["\\" + name]!
      return Atom(node: plainDelimiter(delimiter.text, delimiter.opens))
    case "right", "middle":
      // Reached only through an argument position (`\frac\right)`): report and go on.
      _ = readDelimiter()
      report(.unbalancedLeftRight, "\\\(name) without a matching \\left", at: token.offset)
      return nil
    default:
      reportUnknown(name, token)
      return Atom(node: MathNode("merror", children: [MathNode("mtext", text: "\\" + name)]))
    }
  }

  private mutating func reportUnknown(_ name: String, _ token: TeXToken) {
    var message = "unknown command \\\(name)"
    let suggestion = Self.suggestion(for: name, macros: Array(macros.keys))
    if let suggestion { message += "; did you mean \\\(suggestion)?" }
    report(.unknownCommand(name: name, suggestion: suggestion), message, at: token.offset)
  }

  /// The known command closest to `name`, if one is close enough to be a likely typo.
  static func suggestion(for name: String, macros: [String]) -> String? {
    var best: (String, Int)?
    let limit = max(1, min(3, name.count / 3 + 1))
    func consider(_ candidate: String) {
      guard abs(candidate.count - name.count) <= limit else { return }
      let d = editDistance(name, candidate)
      guard d <= limit else { return }
      if let (current, distance) = best {
        let closerLength = abs(candidate.count - name.count) < abs(current.count - name.count)
        let sameLength = abs(candidate.count - name.count) == abs(current.count - name.count)
        guard
          d < distance || (d == distance && (closerLength || (sameLength && candidate < current)))
        else { return }
      }
      best = (candidate, d)
    }
    for key in MathSymbols.identifiers.keys { consider(key) }
    for key in MathSymbols.operators.keys { consider(key) }
    for key in MathSymbols.largeOperators.keys { consider(key) }
    for key in MathSymbols.integrals.keys { consider(key) }
    for key in MathSymbols.functions.keys { consider(key) }
    for key in MathSymbols.spaces.keys where key.count > 1 { consider(key) }
    for key in MathSymbols.accents.keys { consider(key) }
    for key in MathSymbols.builtinCommands where key.count > 1 { consider(key) }
    for key in macros { consider(key) }
    return best?.0
  }

  /// The edit distance between `a` and `b`, counting a swap of neighbours as one edit.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], before[j - 2] + 1)
        }
      }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
  }

  /// A delimiter written without `\left`/`\big`: it keeps its natural size, as in TeX.
  func plainDelimiter(_ text: String, _ opens: Bool?) -> MathNode {
    var attributes: [MathNode.Attribute] = [.init("stretchy", "false")]
    if let opens { attributes.append(.init("form", opens ? "prefix" : "postfix")) }
    return MathNode("mo", text: text, attributes)
  }

  /// Reads the delimiter after `\left`, `\right`, `\middle` or `\big…`; `nil` text for `.`.
  mutating func readDelimiter() -> (text: String?, opens: Bool?, found: Bool) {
    guard let token = peekSkippingSpace() else { return (nil, nil, false) }
    switch token.kind {
    case .char("."):
      rawNext()
      return (nil, nil, true)
    case .char(let c):
      rawNext()
      if let delimiter = MathSymbols.delimiters[String(c)] {
        return (delimiter.text, delimiter.opens, true)
      }
      return (String(c), nil, true)
    case .command(let name):
      if let delimiter = MathSymbols.delimiters["\\" + name] {
        rawNext()
        return (delimiter.text, delimiter.opens, true)
      }
      if let text = MathSymbols.operators[name] ?? MathSymbols.identifiers[name] {
        rawNext()
        return (text, nil, true)
      }
      return (nil, nil, false)
    default:
      return (nil, nil, false)
    }
  }

  private mutating func parseLeftRight(_ left: TeXToken) -> MathNode {
    let open = readDelimiter()
    if !open.found {
      report(.missingArgument(command: "left"), "\\left needs a delimiter", at: left.offset)
    }
    var children: [MathNode] = []
    if let text = open.text {
      children.append(
        MathNode("mo", text: text, [.init("stretchy", "true"), .init("form", "prefix")]))
    }
    while true {
      children += parseRow()
      guard let token = peek(), case .command(let name) = token.kind,
        name == "middle" || name == "right"
      else {
        report(.unbalancedLeftRight, "\\left without a matching \\right", at: left.offset)
        break
      }
      rawNext()
      let delimiter = readDelimiter()
      if let text = delimiter.text {
        children.append(
          MathNode(
            "mo", text: text,
            [.init("stretchy", "true"), .init("form", name == "right" ? "postfix" : "infix")]))
      }
      if name == "right" { break }
    }
    return MathNode("mrow", children: children)
  }

  private mutating func parseBig(_ name: String, _ token: TeXToken) -> MathNode {
    let delimiter = readDelimiter()
    guard let text = delimiter.text else {
      if !delimiter.found {
        report(.missingArgument(command: name), "\\\(name) needs a delimiter", at: token.offset)
      }
      return MathNode("mrow")
    }
    let size: String
    switch name.lowercased().prefix(4) {
    case "bigg": size = name.hasPrefix("B") ? "2.470em" : "2.047em"
    default: size = name.hasPrefix("B") ? "1.623em" : "1.2em"
    }
    var attributes: [MathNode.Attribute] = [
      .init("minsize", size), .init("maxsize", size), .init("stretchy", "true"),
      .init("symmetric", "true"),
    ]
    let form: String? =
      name.hasSuffix("l")
      ? "prefix"
      : name.hasSuffix("r")
        ? "postfix"
        : name.hasSuffix("m")
          ? "infix"
          : delimiter.opens.map { $0 ? "prefix" : "postfix" }
    if let form { attributes.append(.init("form", form)) }
    return MathNode("mo", text: text, attributes)
  }

  private mutating func parseNot(_ token: TeXToken) -> MathNode {
    guard let next = peekSkippingSpace() else {
      return MathNode("mo", text: "\u{338}")
    }
    var base: String?
    switch next.kind {
    case .char(let c):
      rawNext()
      base = String(c)
    case .command(let name):
      if let text = MathSymbols.operators[name] ?? MathSymbols.identifiers[name] {
        rawNext()
        base = text
      }
    default:
      break
    }
    guard let base else { return MathNode("mo", text: "\u{338}") }
    return MathNode("mo", text: MathSymbols.negations[base] ?? base + "\u{338}")
  }

  /// The tokens of a text argument, with `\ `, `~` and escaped characters resolved.
  private mutating func parseTextTokens(for command: String, at offset: Int) -> [TeXToken] {
    guard let open = peekSkippingSpace() else {
      report(.missingArgument(command: command), "\\\(command) needs an argument", at: offset)
      return []
    }
    guard open.kind == .beginGroup else {
      rawNext()
      return [open]
    }
    rawNext()
    var level = 1
    var result: [TeXToken] = []
    while let t = next() {
      if t.kind == .beginGroup {
        level += 1
        continue
      }
      if t.kind == .endGroup {
        level -= 1
        if level == 0 { return result }
        continue
      }
      result.append(t)
    }
    report(.unbalancedBraces, "unbalanced braces: this { is not closed", at: open.offset)
    return result
  }

  static func plainText(_ tokens: [TeXToken]) -> String {
    var text = ""
    for token in tokens {
      switch token.kind {
      case .char("~"): text += "\u{A0}"
      case .char(let c): text.unicodeScalars.append(c)
      case .space: text += " "
      case .command(let name):
        if let symbol = MathSymbols.identifiers[name] ?? MathSymbols.operators[name], name.count > 1
        {
          text += symbol
        } else if name == " " || name == "," || name == ";" || name == ":" {
          text += " "
        } else if name.count == 1 {
          text += name
        } else {
          text += "\\" + name
        }
      default: text += Self.text(of: token)
      }
    }
    return text
  }

  private mutating func parseText(_ name: String, _ token: TeXToken) -> MathNode {
    var text = Self.plainText(parseTextTokens(for: name, at: token.offset))
    switch name {
    case "textbf": text = MathAlphabet.bold.map(text)
    case "textit", "emph": text = MathAlphabet.italic.map(text)
    case "textsf": text = MathAlphabet.sansSerif.map(text)
    case "texttt": text = MathAlphabet.monospace.map(text)
    default: break
    }
    // Spaces at the ends of a token element are not rendered, so they become mspace.
    var children: [MathNode] = []
    let leading = text.first == " "
    let trailing = text.count > 1 && text.last == " "
    if leading { children.append(MathNode("mspace", [.init("width", "0.333em")])) }
    children.append(MathNode("mtext", text: text))
    if trailing { children.append(MathNode("mspace", [.init("width", "0.333em")])) }
    return Self.row(children)
  }

  /// The text of a node made only of tokens (for `\mathop{\mathrm{Res}}`).
  static func flatText(_ node: MathNode) -> String? {
    if let text = node.text { return text }
    guard node.name == "mrow" || node.name == "mstyle" else { return nil }
    var out = ""
    for child in node.children {
      guard let text = flatText(child) else { return nil }
      out += text
    }
    return out
  }

  /// The children of an `mrow` (or the node itself) for elements with an inferred row.
  static func unwrap(_ node: MathNode) -> [MathNode] {
    node.name == "mrow" && node.attributes.isEmpty ? node.children : [node]
  }

  /// A TeX length as a CSS length (`pt` and `mu` converted to em).
  static func cssLength(_ length: String) -> String {
    let trimmed = length.trimmingSpaces()
    for (unit, factor) in [
      ("em", 1.0), ("ex", 0.5), ("pt", 0.1), ("mu", 1.0 / 18), ("px", 1.0 / 16), ("cm", 2.845),
      ("mm", 0.2845), ("in", 7.227),
    ] {
      if trimmed.hasSuffix(unit), let value = Double(trimmed.dropLast(2).trimmingSpaces()) {
        let em = (value * factor * 1000).rounded() / 1000
        return "\(em)em"
      }
    }
    return "0em"
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}

extension Substring {
  func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
