/// What Chromium cannot lay out itself and Octavo does for it from the pages of a previous
/// print: the page numbers of links' targets (the contents, the lists of figures and tables,
/// "on page N" after a cross-reference) and a blank left-hand page before each chapter that
/// would otherwise open on one.
///
/// Chromium has neither `target-counter()` nor `break-before: right`. It does write a named
/// destination for every element a link points to, so a print tells where each target and
/// each top-level section fell (``PDFDestinations``). A blank page moves everything after it
/// by one page and reflows nothing, so the next print's pages can be told in advance; the
/// renderer prints again until the pages it read are the pages it printed.
struct ChromiumPages: Equatable {
  /// A top-level section or list of the print edition, in reading order.
  struct Section: Equatable {
    var id: String
    /// Whether the style sheet opens it on a right-hand page.
    var opensRight: Bool
  }

  /// The ids of the sections that get a blank page before them.
  var blanks: Set<String> = []
  /// Each target's page once the blanks are in, from 1; nil before the first print.
  var pages: [String: Int]?
  /// The page the body matter starts on, where the folios turn from Roman to Arabic and
  /// start again at 1.
  var firstBodyPage: Int?

  /// The top-level sections of `html`, and whether each opens on a right-hand page: those
  /// the default print style sheet sends to the right (front, body and back matter, parts,
  /// the contents and lists) but the title and copyright pages. None when the style sheet
  /// has no `break-before: right`.
  static func sections(in html: String) -> [Section] {
    let opensRight = html.contains("break-before: right")
    return html.matches(of: /<(?:section|nav) id="([^"]*)" class="([^"]*)"/).map { match in
      let classes = Set(match.2.split(separator: " ").map(String.init))
      let right =
        opensRight
        && !classes.isDisjoint(with: ["frontmatter", "bodymatter", "backmatter", "part", "toc"])
        && classes.isDisjoint(with: ["titlepage", "copyright-page"])
      return Section(id: unescaped(String(match.1)), opensRight: right)
    }
  }

  /// The layout for the next print, from the pages `read` from a print laid out as `self`:
  /// the pages as they would be without this layout's blanks, a blank wherever a section
  /// that opens right would start on an even page, and every target moved by the blanks
  /// before it. `firstBody` is the id of the first body-matter section.
  func next(_ read: [String: Int], sections: [Section], firstBody: String?) -> ChromiumPages {
    var blanks: Set<String> = []
    // For each section found, in reading order: the page it starts on as printed, and the
    // old and the new blank pages up to it (its own included).
    var marks: [(printed: Int, removed: Int, added: Int)] = []
    var removed = 0
    var added = 0
    for section in sections {
      guard let printed = read[section.id] else { continue }
      if self.blanks.contains(section.id) { removed += 1 }
      // Right-hand pages are the odd ones.
      if !marks.isEmpty, section.opensRight, (printed - removed + added) % 2 == 0 {
        blanks.insert(section.id)
        added += 1
      }
      marks.append((printed, removed, added))
    }
    // A page belongs to the last section that starts on or before it.
    func moved(_ page: Int) -> Int {
      var low = 0
      var high = marks.count
      while low < high {
        let middle = (low + high) / 2
        if marks[middle].printed <= page { low = middle + 1 } else { high = middle }
      }
      guard low > 0 else { return page }
      return page - marks[low - 1].removed + marks[low - 1].added
    }
    var pages: [String: Int] = [:]
    for (name, page) in read { pages[name] = moved(page) }
    return ChromiumPages(
      blanks: blanks, pages: pages, firstBodyPage: firstBody.flatMap { pages[$0] })
  }

  /// `html` as Chromium is to print it: the blank pages before their sections, a hidden link
  /// to every section (so that Chromium writes a destination for each), and the style sheet
  /// of the blank pages and page numbers at the end of the head.
  func document(_ html: String, sections: [Section], firstBody: String?) -> String {
    var text = html
    // Blank pages in the body matter count towards its folios; those before it, the one
    // before its first section included, do not.
    let body = Set(sections.drop { $0.id != firstBody }.dropFirst().map(\.id))
    for id in blanks.sorted() {
      let blank =
        body.contains(id)
        ? "<div class=\"octavo-blank octavo-blank-body\"></div>"
        : "<div class=\"octavo-blank\"></div>"
      for tag in ["<section id=\"", "<nav id=\""] {
        if let range = text.range(of: tag + Self.escaped(id) + "\"") {
          text.insert(contentsOf: blank, at: range.lowerBound)
          break
        }
      }
    }
    let links = sections.map { "<a href=\"#\(Self.escaped($0.id))\"></a>" }.joined()
    if let end = text.range(of: "</body>", options: .backwards) {
      text.insert(contentsOf: "<div hidden=\"\">\(links)</div>\n", at: end.lowerBound)
    }
    guard let head = text.range(of: "</head>") else { return text }
    return text.replacingCharacters(
      in: head, with: "<style id=\"page-numbers\">\n\(style)</style>\n</head>")
  }

  /// The style sheet of the blank pages and of the page numbers: each link to a target
  /// shows its page in `--octavo-page`, Roman before the body matter and Arabic from 1 on
  /// its first page, as the generated page style numbers them. Before the first
  /// print every entry and reference holds room for three digits, so that the real
  /// numbers, no wider, leave the pages as they are.
  var style: String {
    var style = """
      div.octavo-blank {
        page: octavo-blank;
        break-before: page;
      }
      div.octavo-blank-body {
        page: octavo-blank-body;
      }

      """
    // A blank page has no head and no folio; one in the body matter still counts.
    let empty = [
      "top-left", "top-center", "top-right", "bottom-left", "bottom-center", "bottom-right",
    ]
    .map { "  @\($0) { content: none; }\n" }.joined()
    style += "@page octavo-blank {\n  counter-increment: none;\n\(empty)}\n"
    style += "@page octavo-blank-body {\n  counter-increment: octavo-folio;\n\(empty)}\n"
    guard let pages else {
      return style + "nav.toc a, a.xref {\n  --octavo-page: \"000\";\n}\n"
    }
    for (name, page) in pages.sorted(by: { $0.key < $1.key }) {
      let first = firstBodyPage ?? 1
      let folio = page < first ? Self.lowerRoman(page) : String(page - first + 1)
      style += "[href=\(CSSText.string("#" + name))] { --octavo-page: \"\(folio)\"; }\n"
    }
    return style
  }

  /// The id of the first body-matter section.
  static func firstBodyID(in html: String) -> String? {
    html.firstMatch(of: /<section id="([^"]*)" class="(?:[^"]* )?first-bodymatter[ "]/)
      .map { unescaped(String($0.1)) }
  }

  /// `number` in lower-case Roman numerals (`xiv`).
  static func lowerRoman(_ number: Int) -> String {
    guard number > 0, number < 4000 else { return String(number) }
    let values: [(Int, String)] = [
      (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
      (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]
    var rest = number
    var result = ""
    for (value, letters) in values {
      while rest >= value {
        result += letters
        rest -= value
      }
    }
    return result
  }

  /// An attribute value as libxml2's HTML writer escapes it.
  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
      of: "\"", with: "&quot;")
  }

  /// An attribute value as written, unescaped.
  static func unescaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
