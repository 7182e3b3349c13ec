import Foundation
import Testing

@testable import OctavoKit

/// What an author sees in `octavo serve`, looked at by headless Chromium: the real binary on a
/// free port, each page opened in the harness (Fixtures/preview/harness.html, served on the
/// same origin by harness.py) at 1,200 and 390 px, measured, searched, themed and pressed.
/// `make preview-images` runs the screenshots test with OCTAVO_PREVIEW_IMAGES=docs/images.
// Chromium and python3 (the harness): skipped without them, failed when make test requires them.
@Suite(
  "Preview pages in Chromium", .serialized,
  .enabled(if: PreviewHarness.installed || OutsideTool.required))
struct PreviewPageTests {
  static let draftBook = TestPaths.fixtures.appending(path: "preview/draft-book")

  @Test(
    "a chapter: no sideways scrolling, at most 75 characters a line, the current chapter marked",
    arguments: [1200, 390])
  func chapter(width: Int) throws {
    let harness = try PreviewHarness(TestPaths.sampleManuscript)
    defer { harness.stop() }
    let page = try harness.look("/text/writing.xhtml", width: width)
    #expect(page["title"] as? String == "Writing a Manuscript")
    #expect(page["scrollWidth"] as? Int == page["clientWidth"] as? Int, "\(page)")
    #expect((page["overflowing"] as? [String])?.isEmpty == true, "\(page["overflowing"] ?? "")")
    let longest = try #require(page["longestLine"] as? Int)
    #expect((40...75).contains(longest), "\(longest) characters on the longest line")
    #expect(page["current"] as? String == "Writing a Manuscript")
    // The contents are beside the text on a wide screen, behind the ☰ button on a phone.
    #expect(page["sidebarShown"] as? Bool == (width > 900))
    if width < 900 {
      let opened = try harness.look("/text/writing.xhtml", width: width, extra: "&contents=1")
      #expect(opened["sidebarShown"] as? Bool == true)
    }
  }

  @Test(
    "light, dark and sepia themes, remembered from one page to the next",
    arguments: [
      ("light", "rgb(255, 255, 255)"), ("dark", "rgb(28, 30, 33)"), ("sepia", "rgb(245, 237, 220)"),
    ])
  func themes(theme: String, background: String) throws {
    let harness = try PreviewHarness(Self.draftBook)
    defer { harness.stop() }
    let page = try harness.look("/text/winter.xhtml", width: 1200, extra: "&theme=" + theme)
    #expect(page["theme"] as? String == theme)
    #expect(page["background"] as? String == background)
  }

  @Test("search finds the chapter that holds the words, and marks them")
  func search() throws {
    let harness = try PreviewHarness(Self.draftBook)
    defer { harness.stop() }
    let page = try harness.look("/text/arrival.xhtml", width: 1200, extra: "&search=albatross")
    #expect(page["searchSummary"] as? String == "1 result for “albatross”")
    let hits = try #require(page["hits"] as? [[String: Any]])
    #expect(
      (hits.first?["href"] as? String ?? "").hasPrefix("/text/departure.xhtml?highlight=albatross#")
    )
    #expect(hits.first?["title"] as? String == "Departure")
    let two = try harness.look("/text/arrival.xhtml", width: 390, extra: "&search=boat%20letters")
    let titles = (two["hits"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    #expect(titles == ["Winter › Letters"], "\(titles)")
    #expect(two["scrollWidth"] as? Int == two["clientWidth"] as? Int)
  }

  @Test(
    "the arrow keys go to the previous and next chapters",
    arguments: [
      ("ArrowRight", "/text/departure.xhtml"), ("ArrowLeft", "/text/arrival.xhtml"),
    ])
  func arrowKeys(key: String, destination: String) throws {
    let harness = try PreviewHarness(Self.draftBook)
    defer { harness.stop() }
    let page = try harness.look("/text/winter.xhtml", width: 1200, extra: "&key=" + key)
    #expect(page["afterKey"] as? String == destination)
  }

  @Test(
    "a draft: the missing image is a placeholder and the diagnostics are in a banner on every page",
    arguments: [1200, 390])
  func draft(width: Int) throws {
    let harness = try PreviewHarness(Self.draftBook)
    defer { harness.stop() }
    for path in ["/text/arrival.xhtml", "/text/departure.xhtml", "/nav.xhtml"] {
      let page = try harness.look(path, width: width)
      let banner = try #require(page["banner"] as? String, "\(path) has no banner")
      #expect(banner.contains("Draft: 1 error, 0 warnings"))
      #expect(
        banner.contains(
          "arrival.md:7:1: error: image 'images/lighthouse.jpg' does not exist [OCT306]"))
      #expect(page["scrollWidth"] as? Int == page["clientWidth"] as? Int, "\(path) at \(width)")
    }
    let page = try harness.look("/text/arrival.xhtml", width: width)
    let images = try #require(page["images"] as? [[String: Any]])
    #expect(images.count == 1)
    #expect(
      images.first?["alt"] as? String
        == "Missing image: images/lighthouse.jpg (The lighthouse from the jetty, white against a grey sky)"
    )
    #expect(images.first?["loaded"] as? Bool == true)
  }

  @Test("the print edition is shown as pages when a PDF engine is installed, else in a frame")
  func printPages() throws {
    let harness = try PreviewHarness(Self.draftBook)
    defer { harness.stop() }
    let page = try harness.look(PreviewSite.printPagesPath, width: 1200, budget: 60_000)
    let images = try #require(page["images"] as? [[String: Any]])
    let environment = ProcessInfo.processInfo.environment
    let engine = try? PDFRenderer.locate(
      nil, environment: environment, projectFolders: [TestPaths.packageRoot])
    if engine != nil, PrintPages.program("pdftoppm", environment: environment) != nil {
      #expect(images.count >= 6, "\(images.count) pages")
      #expect(images.allSatisfy { $0["loaded"] as? Bool == true })
      #expect(images.first?["alt"] as? String == "Page 1 of the print edition")
    } else {
      #expect(images.isEmpty)
    }
    #expect(page["scrollWidth"] as? Int == page["clientWidth"] as? Int)
  }

  /// The screenshots in docs/images: written there by `make preview-images`
  /// (OCTAVO_PREVIEW_IMAGES), else into a temporary folder and checked.
  @Test(
    "screenshots of the contents, a chapter in light and dark, search, the print pages and a draft")
  func screenshots() throws {
    let environment = ProcessInfo.processInfo.environment
    let folder =
      environment["OCTAVO_PREVIEW_IMAGES"].map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory.appending(
        path: "octavo-preview-images-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer {
      if environment["OCTAVO_PREVIEW_IMAGES"] == nil {
        try? FileManager.default.removeItem(at: folder)
      }
    }
    let sample = try PreviewHarness(TestPaths.sampleManuscript)
    defer { sample.stop() }
    let draft = try PreviewHarness(Self.draftBook)
    defer { draft.stop() }
    let shots: [(name: String, harness: PreviewHarness, path: String, extra: String, budget: Int)] =
      [
        ("preview-contents", sample, "/nav.xhtml", "", 5_000),
        ("preview-chapter-light", sample, "/text/writing.xhtml", "&theme=light", 5_000),
        ("preview-chapter-dark", sample, "/text/writing.xhtml", "&theme=dark", 5_000),
        ("preview-search", sample, "/text/writing.xhtml", "&search=figure%20caption", 5_000),
        ("preview-print", sample, PreviewSite.printPagesPath, "", 120_000),
        ("preview-draft", draft, "/text/arrival.xhtml", "", 5_000),
      ]
    for shot in shots {
      for width in [1200, 390] {
        let extra =
          shot.name == "preview-contents" && width == 390 ? shot.extra + "&contents=1" : shot.extra
        let file = folder.appending(path: "\(shot.name)-\(width).png")
        try shot.harness.screenshot(
          shot.path, width: width, extra: extra, to: file, budget: shot.budget)
        let png = try [UInt8](Data(contentsOf: file))
        #expect(png.count > 5_000, "\(file.lastPathComponent) is \(png.count) bytes")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: the width, big-endian, at byte 16.
        let pixels = png.count > 24 ? png[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
        #expect(pixels == width, "\(file.lastPathComponent) is \(pixels) px wide")
      }
    }
  }
}

/// `octavo serve` on a book, behind harness.py, looked at with headless Chromium.
final class PreviewHarness {
  let served: ServedBook
  let proxy = Process()
  let port: UInt16
  let browser: URL
  let log: URL

  /// The headless browser the harness drives.
  static var chromium: URL? {
    let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    return candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }).map(
      URL.init(fileURLWithPath:))
  }

  /// Whether Chromium and python3 are installed.
  static var installed: Bool { chromium != nil && OutsideTool.program("python3") != nil }

  /// Starts the server and the harness; throws (failing the test) when Chromium or Python is missing.
  init(_ manuscript: URL) throws {
    try OutsideTool.require(Self.installed, "Chromium or python3", install: ".ci/install-deps test")
    let browser = Self.chromium!
    let python = OutsideTool.program("python3")!
    self.browser = browser
    served = try ServedBook(manuscript)
    log = FileManager.default.temporaryDirectory.appending(
      path: "octavo-harness-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    proxy.executableURL = python
    proxy.arguments = [
      TestPaths.fixtures.appending(path: "preview/harness.py").path,
      "http://127.0.0.1:\(served.port)",
    ]
    proxy.standardOutput = try FileHandle(forWritingTo: log)
    proxy.standardError = FileHandle.nullDevice
    try proxy.run()
    let deadline = Date().addingTimeInterval(30)
    var found: UInt16?
    while found == nil, Date() < deadline, proxy.isRunning {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if let match = text.firstMatch(of: /harness on (\d+)/) { found = UInt16(match.1) }
      if found == nil { Thread.sleep(forTimeInterval: 0.05) }
    }
    guard let found else {
      served.stop()
      kill(proxy.processIdentifier, SIGKILL)
      throw HTTPTestError("the harness did not start")
    }
    port = found
  }

  func stop() {
    if proxy.isRunning {
      // SIGKILL: the test runner's children may inherit SIGTERM blocked.
      kill(proxy.processIdentifier, SIGKILL)
      proxy.waitUntilExit()
    }
    served.stop()
    try? FileManager.default.removeItem(at: log)
  }

  private func url(_ path: String, width: Int, extra: String) -> String {
    let source =
      path.addingPercentEncoding(
        withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/.-_"))) ?? path
    return "http://127.0.0.1:\(port)/_harness.html?src=\(source)&width=\(width)&height=900\(extra)"
  }

  private func chromium(_ arguments: [String], budget: Int) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let profile = FileManager.default.temporaryDirectory.appending(
      path: "octavo-chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    return try runWithDeadline(
      browser,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
        "--hide-scrollbars", "--user-data-dir=\(profile.path)", "--virtual-time-budget=\(budget)",
        "--enable-logging=stderr", "--v=0",
      ] + arguments, seconds: Double(budget) / 1000 + 90)
  }

  /// What the harness measured on `path` at `width` px.
  func look(_ path: String, width: Int, extra: String = "", budget: Int = 5_000) throws -> [String:
    Any]
  {
    let run = try chromium(
      ["--window-size=\(width),900", "--dump-dom", url(path, width: width, extra: extra)],
      budget: budget)
    let console = run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
    guard let match = run.stdout.firstMatch(of: /RESULT (\{.*\}) END/) else {
      throw HTTPTestError(
        "the harness wrote no result for \(path): \(run.stdout.suffix(500)) \(run.stderr.suffix(1000))"
      )
    }
    let object = try JSONSerialization.jsonObject(with: Data(String(match.1).utf8))
    return try #require(object as? [String: Any])
  }

  /// A screenshot of `path` at `width` × 900 px.
  func screenshot(_ path: String, width: Int, extra: String = "", to file: URL, budget: Int) throws
  {
    try? FileManager.default.removeItem(at: file)
    let run = try chromium(
      [
        "--window-size=\(width),900", "--screenshot=\(file.path)",
        url(path, width: width, extra: extra),
      ],
      budget: budget)
    #expect(run.status == 0, "\(run.stderr.suffix(1000))")
  }
}
