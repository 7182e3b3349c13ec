/// A problem found in a manuscript, with where it is and how serious it is.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable, Hashable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  /// How serious the problem is.
  public var severity: Severity
  /// Where the problem is; `nil` for a problem with the whole book.
  public var location: SourceLocation?
  /// A stable code for the kind of problem (see `docs/diagnostics.md`).
  public var code: DiagnosticCode
  /// The message, one sentence without a final full stop.
  public var message: String

  /// Creates a diagnostic.
  public init(
    _ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation?
  ) {
    self.severity = severity
    self.code = code
    // Whatever came from the manuscript is shown escaped (``DisplayText``), here, once.
    self.message = DisplayText.escaped(message)
    self.location = location.map { SourceLocation(file: DisplayText.escaped($0.file), line: $0.line, column: $0.column) }
  }

  /// The compiler-style line: `path:line:col: error: message`.
  public var description: String { formatted(relativeTo: nil) }

  /// The compiler-style line, with the file's path prefixed by `directory` (the manuscript
  /// folder as the user typed it).
  public func formatted(relativeTo directory: String?) -> String {
    guard let location else { return "\(severity.rawValue): \(message) [\(code.rawValue)]" }
    var path = location.file
    if let directory, !directory.isEmpty, directory != "." {
      path = directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
    return "\(path):\(location.line):\(location.column): \(severity.rawValue): \(message) [\(code.rawValue)]"
  }
}

extension Diagnostic: Comparable {
  /// Diagnostics sort by file and position; book-wide ones come first.
  public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
    switch (a.location, b.location) {
    case (nil, nil): return (a.severity, a.message) < (b.severity, b.message)
    case (nil, _): return true
    case (_, nil): return false
    case let (x?, y?): return x == y ? (a.severity, a.message) < (b.severity, b.message) : x < y
    }
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }
  /// The number of errors.
  public var errorCount: Int { filter { $0.severity == .error }.count }
  /// The number of warnings.
  public var warningCount: Int { filter { $0.severity == .warning }.count }
}
