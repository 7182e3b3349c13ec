import Foundation

/// Headless Chromium (which implements MathML Core) as a test-only judge of "renders the same":
/// two formulas render the same when every glyph and space of one is laid out at the same place
/// and size as in the other (within 1 px at a 40 px font size).
enum ChromiumLayout {
  static var executable: String? {
    PandocOracle.program("chromium", "chromium-browser", "google-chrome")
  }

  struct Report {
    /// For each pair, whether both formulas render the same.
    var same: [Bool]
    /// For each formula rendered alone: its width and height in px (0 when it failed to render).
    var sizes: [(width: Double, height: Double)]
  }

  static let script = """
    function tokens(m) {
      const r = m.getBoundingClientRect();
      return Array.from(m.querySelectorAll('mi,mn,mo,mtext,mspace')).map(e => {
        const b = e.getBoundingClientRect();
        return [e.localName === 'mspace' ? '' : e.textContent, b.left - r.left, b.top - r.top, b.width, b.height];
      }).concat([['box', 0, 0, r.width, r.height]]);
    }
    function same(a, b) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) {
        if (a[i][0] !== b[i][0]) return false;
        for (let k = 1; k < 5; k++) if (Math.abs(a[i][k] - b[i][k]) > 1) return false;
      }
      return true;
    }
    const lines = [];
    for (const p of document.querySelectorAll('.pair')) {
      const m = p.querySelectorAll('math');
      lines.push(m.length === 2 && same(tokens(m[0]), tokens(m[1])) ? 'same' : 'different');
    }
    for (const s of document.querySelectorAll('.solo')) {
      const m = s.querySelector('math');
      const r = m ? m.getBoundingClientRect() : {width: 0, height: 0};
      lines.push('size ' + r.width.toFixed(1) + ' ' + r.height.toFixed(1));
    }
    document.getElementById('out').textContent = lines.join('\\n');
    """

  /// Lays out `pairs` side by side and `solos` alone in one Chromium run.
  static func run(pairs: [(String, String)], solos: [String], chromium: String) throws -> Report {
    var html = """
      <!DOCTYPE html><html><head><meta charset="utf-8"><style>
      math { font-family: "DejaVu Math TeX Gyre", "STIX Two Math", "Latin Modern Math", math; font-size: 40px }
      div { margin: 4px }</style></head><body>

      """
    for (a, b) in pairs { html += "<div class=\"pair\"><div>\(a)</div><div>\(b)</div></div>\n" }
    for solo in solos { html += "<div class=\"solo\">\(solo)</div>\n" }
    html += "<pre id=\"out\"></pre><script>\(script)</script></body></html>\n"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "octavo-math-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("layout.html")
    try Data(html.utf8).write(to: page)
    var arguments = [
      "--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(folder.path)/profile",
      "--virtual-time-budget=10000", "--dump-dom", page.absoluteString,
    ]
    if geteuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
    let dom = String(
      decoding: try PandocOracle.run(chromium, arguments, input: Data()), as: UTF8.self)
    guard let start = dom.range(of: "<pre id=\"out\">"),
      let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
    else {
      throw CocoaError(.fileReadCorruptFile)
    }
    var report = Report(same: [], sizes: [])
    for line in dom[start.upperBound..<end.lowerBound].split(separator: "\n") {
      if line == "same" || line == "different" {
        report.same.append(line == "same")
      } else if line.hasPrefix("size ") {
        let parts = line.split(separator: " ")
        report.sizes.append((Double(parts[1]) ?? 0, Double(parts[2]) ?? 0))
      }
    }
    return report
  }
}
