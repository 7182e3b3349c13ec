import Foundation

/// The print edition as pages, for the preview: printed to PDF by the PDF engine `build
/// --pdf` uses (WeasyPrint, else headless Chromium), then each page drawn as a PNG by
/// `pdftoppm` (Poppler). Made on demand, once per print edition: the files are kept in a
/// folder of the temporary directory named after a hash of the edition's bytes, so a
/// rebuild that does not change the print edition finds its pages ready.
enum PrintPages {
  /// What the preview can show.
  enum Outcome: Sendable {
    /// The pages, `page-1.png`… in `folder`, with `book.pdf`.
    case pages(folder: URL, count: Int, engine: PDFEngine)
    /// Why there are no pages: no engine, no `pdftoppm`, or the engine failed.
    case unavailable(String)
  }

  /// One PDF at a time: engines are heavy, and two requests for the same pages wait for one.
  private static let lock = NSLock()
  /// How many editions' pages are kept.
  static let kept = 4
  /// The longer side of a page image, in pixels.
  static let pixels = 1_000

  /// The folder where every edition's pages are kept.
  static var cacheRoot: URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-preview-pages-\(getuid())")
  }

  /// The pages of the print edition `html`, made now unless already made.
  static func make(html: [UInt8], environment: [String: String], projectFolders: [URL]) -> Outcome {
    let renderer: PDFRenderer
    do {
      renderer = try PDFRenderer.locate(
        nil, environment: environment, projectFolders: projectFolders)
    } catch {
      return .unavailable("\(error)")
    }
    guard let rasterizer = program("pdftoppm", environment: environment) else {
      return .unavailable("pdftoppm was not found on PATH; install poppler-utils to see the pages")
    }
    let key = SHA1.hash(html + Array(renderer.engine.rawValue.utf8)).map {
      String(format: "%02x", $0)
    }.joined()
    let folder = cacheRoot.appending(path: key)
    lock.lock()
    defer { lock.unlock() }
    if let count = finishedPages(in: folder) {
      touch(folder)
      return .pages(folder: folder, count: count, engine: renderer.engine)
    }
    let fileManager = FileManager.default
    let scratch = cacheRoot.appending(path: "making-\(UUID().uuidString)")
    do {
      try fileManager.createDirectory(at: scratch, withIntermediateDirectories: true)
      let source = scratch.appending(path: "print.html")
      try Data(html).write(to: source)
      let pdf = scratch.appending(path: "book.pdf")
      try renderer.render(html: source, to: pdf)
      try? fileManager.removeItem(at: source)
      let process = Process()
      process.executableURL = rasterizer
      process.arguments = [
        "-png", "-scale-to", "\(pixels)", pdf.path, scratch.appending(path: "page").path,
      ]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        try? fileManager.removeItem(at: scratch)
        return .unavailable("pdftoppm failed with status \(process.terminationStatus)")
      }
      // pdftoppm pads the numbers (page-01.png); the preview asks for page-1.png.
      var count = 0
      for name in try fileManager.contentsOfDirectory(atPath: scratch.path)
      where name.hasPrefix("page-") {
        guard let number = Int(name.dropFirst(5).dropLast(4)) else { continue }
        try fileManager.moveItem(
          at: scratch.appending(path: name), to: scratch.appending(path: "page-\(number).png.tmp"))
        count = max(count, number)
      }
      for number in stride(from: 1, through: count, by: 1) {
        try fileManager.moveItem(
          at: scratch.appending(path: "page-\(number).png.tmp"),
          to: scratch.appending(path: "page-\(number).png"))
      }
      try Data("\(count)\n".utf8).write(to: scratch.appending(path: "pages"))
      try? fileManager.removeItem(at: folder)
      try fileManager.moveItem(at: scratch, to: folder)
    } catch {
      try? fileManager.removeItem(at: scratch)
      return .unavailable("\(error)")
    }
    prune()
    return finishedPages(in: folder).map {
      .pages(folder: folder, count: $0, engine: renderer.engine)
    }
      ?? .unavailable("no pages were made")
  }

  /// The number of pages in a finished folder, or `nil`.
  private static func finishedPages(in folder: URL) -> Int? {
    guard let data = FileManager.default.contents(atPath: folder.appending(path: "pages").path)
    else { return nil }
    return Int(
      String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  private static func touch(_ folder: URL) {
    try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: folder.path)
  }

  /// Removes all but the most recently used editions' pages.
  private static func prune() {
    let fileManager = FileManager.default
    guard let names = try? fileManager.contentsOfDirectory(atPath: cacheRoot.path) else { return }
    let folders = names.filter { !$0.hasPrefix("making-") }.map { cacheRoot.appending(path: $0) }
    let dated = folders.map { folder in
      (
        folder,
        (try? fileManager.attributesOfItem(atPath: folder.path)[.modificationDate] as? Date)
          ?? .distantPast
      )
    }.sorted { $0.1 > $1.1 }
    for (folder, _) in dated.dropFirst(kept) { try? fileManager.removeItem(at: folder) }
  }

  /// A program on the environment's `PATH`.
  static func program(_ name: String, environment: [String: String]) -> URL? {
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let url = URL(fileURLWithPath: String(folder)).appending(path: name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }
}
