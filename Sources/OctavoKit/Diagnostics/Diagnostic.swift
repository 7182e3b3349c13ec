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
    self.location = location.map {
      SourceLocation(file: DisplayText.escaped($0.file), line: $0.line, column: $0.column)
    }
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
    return
      "\(path):\(location.line):\(location.column): \(severity.rawValue): \(message) [\(code.rawValue)]"
  }
}

extension Diagnostic: Comparable {
  /// Diagnostics sort by file and position; book-wide ones come first.
  public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
    switch (a.location, b.location) {
    case (nil, nil): return (a.severity, a.message) < (b.severity, b.message)
    case (nil, _): return true
    case (_, nil): return false
    case (let x?, let y?): return x == y ? (a.severity, a.message) < (b.severity, b.message) : x < y
    }
  }
}

extension Diagnostic {
  /// The codes of errors a draft is built with (``BuildOptions/draft``): the book is still
  /// whole and valid without what they concern. A missing, unusable or outside image becomes
  /// a placeholder; a chapter file that is missing, listed twice, unreadable or too complex
  /// is left out; an empty chapter stays empty; a bad cover is left off; front matter that
  /// is not a mapping is ignored; an id used twice gets a number.
  public static let draftSurvivable: Set<DiagnosticCode> = [
    .missingImage, .unsupportedImage, .pathOutsideManuscript, .badCover, .missingChapterFile,
    .duplicateChapterFile, .emptyChapter, .badFrontMatter, .duplicateID, .notUTF8, .unreadableFile,
    .fileTooLarge, .parseTooComplex,
  ]

  /// Whether a draft can be built with this diagnostic: not an error, or an error in
  /// ``draftSurvivable`` that is not about `book.yaml` itself (which a book cannot do without).
  public var allowsDraft: Bool {
    guard severity == .error else { return true }
    guard Self.draftSurvivable.contains(code) else { return false }
    let fileLevel: Set<DiagnosticCode> = [.notUTF8, .unreadableFile, .fileTooLarge]
    return !(fileLevel.contains(code) && location?.file == SourceLocation.metadataFile)
  }
}

extension Array where Element == Diagnostic {
  /// Whether every error allows a draft to be built (``Diagnostic/allowsDraft``).
  public var allowsDraft: Bool { allSatisfy(\.allowsDraft) }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }
  /// The number of errors.
  public var errorCount: Int { filter { $0.severity == .error }.count }
  /// The number of warnings.
  public var warningCount: Int { filter { $0.severity == .warning }.count }
}
