// The allow-list: which elements the sanitizer keeps, renames, unwraps or removes, where
// each may appear and what it may contain.

// MARK: - Element table

extension HTMLSanitizer {
  /// Where an element may appear.
  enum Level {
    /// In phrasing and flow content.
    case phrasing
    /// In flow content only.
    case flow
    /// Only inside a particular parent (`li`, `td`, `summary`, …).
    case part
  }

  /// What an element may contain.
  enum Model {
    case phrasing, flow, empty
    /// What its parent may contain (`a`, `ins`, `del`).
    case transparent
    /// Particular children, assembled by a dedicated builder (lists, tables, …).
    case structured
  }

  /// An element the sanitizer keeps.
  struct Kind {
    var level: Level
    var model: Model
  }

  /// An obsolete element written under another name.
  struct Renaming {
    /// The name in flow content.
    var name: String
    /// The name in phrasing content, if different.
    var phrasingName: String? = nil
    /// A class to add.
    var className: String? = nil
  }

  /// What the sanitizer does with an element.
  enum Treatment {
    /// Kept, possibly renamed and with an extra class.
    case keep(name: String, className: String?)
    /// Removed with its content, with a note.
    case remove
    /// Removed with a note, its children kept: libxml2 puts the siblings that follow some
    /// void elements it does not know (`source`, `embed`) inside them.
    case removeTag
    /// Removed silently, its children kept.
    case dropTag
    /// Replaced by its children, silently.
    case unwrap
    /// Replaced by its children, with a note.
    case unknown
    /// Replaced by its `img`.
    case picture
  }

  static let headings = ContentModel.headings

  /// The elements kept, and their content models.
  static let kinds: [String: Kind] = {
    var kinds: [String: Kind] = [:]
    func add(_ names: [String], _ level: Level, _ model: Model) {
      for name in names { kinds[name] = Kind(level: level, model: model) }
    }
    add(
      [
        "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
      ], .phrasing, .phrasing)
    add(["a", "ins", "del"], .phrasing, .transparent)
    add(["br", "img"], .phrasing, .empty)
    add(["ruby"], .phrasing, .structured)
    add(
      ["address", "article", "aside", "blockquote", "div", "footer", "header", "section"], .flow,
      .flow)
    add(["p", "pre"] + headings, .flow, .phrasing)
    add(["hr"], .flow, .empty)
    add(["ul", "ol", "dl", "table", "details", "figure"], .flow, .structured)
    add(["li", "dd", "dt", "td", "th", "caption", "figcaption"], .part, .flow)
    add(["rt", "rp"], .part, .phrasing)
    add(["col"], .part, .empty)
    add(["colgroup", "thead", "tbody", "tfoot", "tr", "summary"], .part, .structured)
    return kinds
  }()

  /// Obsolete and unsupported elements written as others.
  static let renamings: [String: Renaming] = [
    "center": Renaming(name: "div", phrasingName: "span", className: "center"),
    "font": Renaming(name: "span"), "big": Renaming(name: "span", className: "big"),
    "tt": Renaming(name: "code"), "strike": Renaming(name: "s"), "acronym": Renaming(name: "abbr"),
    "nobr": Renaming(name: "span"), "marquee": Renaming(name: "span"),
    "blink": Renaming(name: "span"),
    "label": Renaming(name: "span"), "image": Renaming(name: "img"),
    "listing": Renaming(name: "pre"), "xmp": Renaming(name: "pre"),
    "plaintext": Renaming(name: "pre"),
    "dir": Renaming(name: "ul"), "menu": Renaming(name: "ul"),
    "main": Renaming(name: "div"), "nav": Renaming(name: "div"), "hgroup": Renaming(name: "div"),
    "search": Renaming(name: "div"), "fieldset": Renaming(name: "div"),
    "legend": Renaming(name: "p"),
  ]

  /// Elements removed with their content.
  static let removed: Set<String> = [
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "noframes",
    "noembed", "object", "applet", "form", "button", "select", "textarea", "option", "optgroup",
    "datalist", "output", "meter", "progress", "canvas", "audio", "video", "map", "head", "title",
    "svg", "dialog", "xml", "portal", "fencedframe",
  ]

  /// Void elements removed, whose children (misplaced siblings) are kept.
  static let removedTags: Set<String> = [
    "embed", "source", "track", "param", "input", "meta", "link", "base", "basefont", "bgsound",
    "keygen", "area", "isindex", "command", "menuitem",
  ]

  /// Elements dropped silently, their children kept.
  static let droppedTags: Set<String> = ["wbr", "spacer"]

  /// Elements replaced by their children, silently.
  static let unwrapped: Set<String> = ["html", "body", "rb", "rtc"]

  /// Elements that may not appear inside others, by ancestor (HTML5 and EPUBCheck rules).
  static let exclusions: [String: [String]] = [
    "a": ["a", "details"],
    "dfn": ["dfn"],
    "time": ["time"],
    "caption": ["table"],
    "header": ["header", "footer"],
    "footer": ["header", "footer"],
    "address": ["address", "header", "footer", "section", "article", "aside"] + headings,
    "th": ["header", "footer", "section", "article", "aside"] + headings,
    "dt": ["header", "footer", "section", "article", "aside"] + headings,
  ]

  /// What excluded elements become; the others are unwrapped.
  static let exclusionReplacements: [String: String] = {
    var replacements = [
      "section": "div", "article": "div", "aside": "div", "header": "div",
      "footer": "div", "address": "div",
    ]
    for heading in headings { replacements[heading] = "p" }
    return replacements
  }()

  /// Elements whose `align` attribute becomes an `align-*` class.
  static let alignable = Set([
    "div", "p", "pre", "blockquote", "section", "article", "aside", "header", "footer", "address",
    "figure", "figcaption", "details", "summary", "ul", "ol", "li", "dl", "dt", "dd", "hr",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
  ]).union(headings)

  /// Presentational attributes, dropped with a note.
  static let presentational: Set<String> = [
    "align", "valign", "bgcolor", "border", "cellpadding", "cellspacing", "width", "height",
    "color", "face", "size", "hspace", "vspace", "nowrap", "background", "clear", "frame", "rules",
    "noshade", "compact", "char", "charoff", "axis", "summary", "text", "link", "vlink", "alink",
    "bordercolor", "marginwidth", "marginheight",
  ]

  /// What to do with the element named `name` (lower case), in phrasing or flow content.
  static func treatment(of name: String, phrasing: Bool) -> Treatment {
    if kinds[name] != nil { return .keep(name: name, className: nil) }
    if let renaming = renamings[name] {
      let target = phrasing ? renaming.phrasingName ?? renaming.name : renaming.name
      return .keep(name: target, className: renaming.className)
    }
    if removed.contains(name) { return .remove }
    if removedTags.contains(name) { return .removeTag }
    if droppedTags.contains(name) { return .dropTag }
    if unwrapped.contains(name) { return .unwrap }
    if name == "picture" { return .picture }
    return .unknown
  }
}
