import Foundation

/// A program that prints the print edition's HTML to PDF.
public enum PDFEngine: String, Sendable, CaseIterable {
  /// WeasyPrint (PyPI `weasyprint`): the reference engine, which honours the whole page
  /// design (running heads from `string-set`, TOC page numbers, footnotes, right-hand
  /// openers, bleed and crop marks).
  case weasyprint
  /// Headless Chromium (or Google Chrome): page size, margins, named pages and margin
  /// boxes, but none of the GCPM features (Octavo prints the page numbers of the contents
  /// and cross-references for it).
  case chromium

  /// The program names looked up on `PATH`, in order.
  var programNames: [String] {
    switch self {
    case .weasyprint: ["weasyprint"]
    case .chromium:
      ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]
    }
  }

  /// How to install the engine, for the error when it is not found.
  var installHelp: String {
    switch self {
    case .weasyprint:
      "WeasyPrint with `python3 -m venv .venv && .venv/bin/pip install weasyprint` (Octavo also looks in ./.venv/bin)"
    case .chromium:
      "Chromium with `sudo apt-get install chromium`"
    }
  }
}

/// Prints an HTML file to PDF with WeasyPrint or headless Chromium, offline.
///
/// WeasyPrint runs with `--allowed-protocols data`, so it fetches nothing: no `file:` URL
/// (which it would otherwise embed as an attachment) and no network. The print edition
/// embeds its images as `data:` URIs, so nothing is missing. Chromium runs headless with a
/// throw-away profile, its proxy pointed at a closed port and every host name unresolvable,
/// so it cannot reach the network either. The PDF is written to a temporary file and
/// renamed, so a failed run keeps the last good PDF.
public struct PDFRenderer: Sendable {
  /// The engine.
  package let engine: PDFEngine
  /// The engine's executable.
  package let executable: URL
  /// How long a run may take before it is stopped, in seconds.
  package var timeout: TimeInterval = 600
  /// Why this engine was chosen, in words (`asked for`, `WeasyPrint is not installed`).
  package var reason = "asked for"
  /// The date a Chromium PDF is stamped with instead of the time of printing (the book's
  /// `modified` date), so the same book prints to the same bytes (``ReproduciblePDF``).
  package var date: Date?

  /// Creates a renderer for a known executable.
  init(engine: PDFEngine, executable: URL) {
    self.engine = engine
    self.executable = executable
  }

  /// Finds a PDF engine: `preferred` when given, else WeasyPrint, else Chromium; for a book
  /// with formulas (`hasMath`), Chromium first, since WeasyPrint prints no MathML.
  ///
  /// Programs are looked up on the environment's `PATH`; WeasyPrint is also looked up in
  /// `.venv/bin` of each folder in `projectFolders` (the project's own virtual environment).
  ///
  /// - Throws: ``OctavoError`` (`noPDFEngine`) naming both engines and how to install them.
  package static func locate(
    _ preferred: PDFEngine? = nil, environment: [String: String],
    projectFolders: [URL] = [], hasMath: Bool = false
  ) throws -> PDFRenderer {
    let candidates =
      preferred.map { [$0] } ?? (hasMath ? PDFEngine.allCases.reversed() : PDFEngine.allCases)
    let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(
      String.init)
    for engine in candidates {
      var folders = path.filter { !$0.isEmpty }.map { URL(fileURLWithPath: $0) }
      if engine == .weasyprint {
        folders += projectFolders.map { $0.appending(path: ".venv/bin") }
      }
      for folder in folders {
        for name in engine.programNames {
          let url = folder.appending(path: name)
          if FileManager.default.isExecutableFile(atPath: url.path) {
            var renderer = PDFRenderer(engine: engine, executable: url)
            renderer.reason =
              preferred != nil
              ? "asked for"
              : hasMath && engine == .chromium
                ? "the book has formulas: Chromium prints MathML, WeasyPrint only their TeX"
                : engine == .weasyprint
                  ? "the default engine, which prints the whole page design"
                  : "WeasyPrint, the default engine, was not found on PATH or in .venv/bin; Chromium prints no footnotes at the foot of the page and opens chapters on either side"
            return renderer
          }
        }
      }
    }
    if let preferred {
      throw OctavoError(
        .noPDFEngine,
        detail: "\(preferred.rawValue) was not found on PATH; install \(preferred.installHelp)")
    }
    throw OctavoError(
      .noPDFEngine,
      detail: "neither weasyprint nor chromium was found on PATH; install one: "
        + PDFEngine.allCases.map(\.installHelp).joined(separator: ", or "))
  }

  /// The engine's arguments for printing `html` to `pdf`.
  func arguments(html: URL, pdf: URL, profile: URL) -> [String] {
    switch engine {
    case .weasyprint:
      return [
        "--allowed-protocols", "data", "--pdf-tags", "--encoding", "utf-8", html.path, pdf.path,
      ]
    case .chromium:
      var arguments = [
        "--headless", "--disable-gpu", "--no-pdf-header-footer", "--generate-pdf-document-outline",
        "--user-data-dir=\(profile.path)", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--disable-sync", "--disable-background-networking",
        "--disable-component-update", "--disable-default-apps", "--mute-audio",
        // No network: every connection goes to a closed port, every host name fails.
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND",
      ]
      // The sandbox cannot start as root; anywhere else it stays on.
      if geteuid() == 0 { arguments.append("--no-sandbox") }
      arguments += ["--print-to-pdf=\(pdf.path)", html.absoluteURL.absoluteString]
      return arguments
    }
  }

  /// Prints the HTML file `html` to `destination`, and returns the engine's warnings about
  /// the book (WeasyPrint's `WARNING:` and `ERROR:` lines, each once), for the build to
  /// report as diagnostics.
  ///
  /// Chromium, which has neither `target-counter()` nor `break-before: right`, prints the
  /// book up to four times: the page each linked element and each section falls on is read
  /// back from the PDF (``PDFDestinations``), and the next print has the page numbers in the
  /// contents, the lists of figures and tables and after each cross-reference, and a blank
  /// page before each chapter that would open on a left-hand page (``ChromiumPages``), until
  /// the pages read are the pages printed.
  ///
  /// - Throws: ``OctavoError`` (`pdfEngineFailed`) with the engine's messages when it fails,
  ///   times out or writes no PDF; `cannotWrite` when the output cannot be written.
  @discardableResult
  func render(html: URL, to destination: URL) throws -> [String] {
    var warnings: [String] = []
    let scratch = FileManager.default.temporaryDirectory
      .appending(path: "octavo-pdf-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    try AtomicFile.write(to: destination) { temporary in
      guard engine == .chromium, let text = try Self.preparedText(html, for: engine) else {
        let input = try Self.prepared(html, for: engine, in: scratch)
        warnings = try run(input, to: temporary, scratch: scratch)
        return
      }
      let sections = ChromiumPages.sections(in: text)
      let firstBody = ChromiumPages.firstBodyID(in: text)
      let copy = scratch.appending(path: html.lastPathComponent)
      guard
        text.contains("class=\"toc") || text.contains("class=\"xref")
          || sections.contains(where: \.opensRight)
      else {
        try Data(text.utf8).write(to: copy)
        _ = try run(copy, to: temporary, scratch: scratch)
        try stamp(temporary)
        return
      }
      var layout = ChromiumPages()
      for _ in 0..<Self.chromiumPasses {
        try Data(layout.document(text, sections: sections, firstBody: firstBody).utf8).write(
          to: copy)
        _ = try run(copy, to: temporary, scratch: scratch)
        guard let read = PDFDestinations(Array(try Data(contentsOf: temporary)))?.pages else {
          break
        }
        let next = layout.next(read, sections: sections, firstBody: firstBody)
        if next == layout { break }
        layout = next
      }
      try stamp(temporary)
    }
    return warnings
  }

  /// Rewrites Chromium's PDF at `pdf` to be the same bytes for the same book.
  private func stamp(_ pdf: URL) throws {
    guard let date else { return }
    let bytes = Array(try Data(contentsOf: pdf))
    try Data(ReproduciblePDF.rewrite(bytes, date: date)).write(to: pdf)
  }

  /// How many times Chromium may print a book before its pages settle.
  static let chromiumPasses = 4

  /// Runs the engine once on `input`, writing the PDF to `pdf`; the engine's warnings.
  private func run(_ input: URL, to pdf: URL, scratch: URL) throws -> [String] {
    let log = scratch.appending(path: "log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments(
      html: input, pdf: pdf, profile: scratch.appending(path: "profile"))
    // Files, not pipes: a chatty engine can never block on a full pipe.
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw OctavoError(
        .pdfEngineFailed, path: executable.path, detail: FileSystemMessage.reason(error))
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
      if Date() > deadline {
        process.terminate()
        process.waitUntilExit()
        throw OctavoError(
          .pdfEngineFailed, path: executable.path,
          detail: "stopped after \(String(format: "%.0f", timeout)) seconds")
      }
      usleep(20_000)
    }
    // Lets Foundation finish with the process (it keeps it alive until exit is observed).
    process.waitUntilExit()
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    let written = FileManager.default.contents(atPath: pdf.path)
    guard process.terminationStatus == 0, let written, written.starts(with: Array("%PDF-".utf8))
    else {
      throw OctavoError(
        .pdfEngineFailed, path: executable.path,
        detail: Self.summary(of: output, status: process.terminationStatus))
    }
    return engine == .weasyprint ? Self.warnings(in: output) : []
  }

  /// The file the engine prints: for Chromium, a copy of ``preparedText(_:for:)``; for
  /// WeasyPrint, which hyphenates itself, the HTML as it is.
  static func prepared(_ html: URL, for engine: PDFEngine, in scratch: URL) throws -> URL {
    guard let text = try preparedText(html, for: engine) else { return html }
    let copy = scratch.appending(path: html.lastPathComponent)
    try Data(text.utf8).write(to: copy)
    return copy
  }

  /// The text Chromium prints: the HTML with soft hyphens in its words from Debian's
  /// patterns for the book's language (``Hyphenator``), since Chromium has no hyphenation
  /// dictionaries; nil for WeasyPrint, which prints the file as it is.
  static func preparedText(_ html: URL, for engine: PDFEngine) throws -> String? {
    guard engine == .chromium, let data = FileManager.default.contents(atPath: html.path) else {
      return nil
    }
    let text = String(decoding: data, as: UTF8.self)
    let language = text.firstMatch(of: /<html[^>]*\slang="([^"]+)"/).map { String($0.1) } ?? "en"
    guard let hyphenator = Hyphenator.forLanguage(language) else { return text }
    return hyphenator.hyphenateHTML(text)
  }

  /// WeasyPrint's messages about the document, each once, in order. Its note that it skips
  /// `@supports` is left out: print.css relies on that (the block is for Chromium).
  static func warnings(in output: String) -> [String] {
    var seen: Set<String> = []
    var result: [String] = []
    for line in output.split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      guard text.hasPrefix("WARNING:") || text.hasPrefix("ERROR:") else { continue }
      if text.contains("Unknown rule <AtRule @supports") { continue }
      if seen.insert(text).inserted { result.append(text) }
    }
    return result
  }

  /// The last lines of an engine's output that say what went wrong, without Chromium's
  /// D-Bus noise.
  static func summary(of output: String, status: Int32) -> String {
    let lines = output.split(separator: "\n").map(String.init)
      .filter {
        !$0.contains("dbus") && !$0.contains("D-Bus")
          && !$0.trimmingCharacters(in: .whitespaces).isEmpty
      }
    let tail = lines.suffix(5).joined(separator: "\n")
    return "exit status \(status)" + (tail.isEmpty ? ", no PDF written" : ": " + tail)
  }
}
