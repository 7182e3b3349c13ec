/// A position in a manuscript file: the file's path relative to the manuscript folder,
/// a 1-based line and a 1-based column counted in UTF-8 bytes (as compilers do).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The file's path relative to the manuscript folder, with `/` separators.
  public var file: String
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column, counted in UTF-8 bytes.
  public var column: Int

  /// The manuscript's metadata file, `book.yaml`, where book-wide diagnostics point.
  static let metadataFile = "book.yaml"

  /// Creates a location.
  public init(file: String, line: Int = 1, column: Int = 1) {
    self.file = file
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }

  public var description: String { "\(file):\(line):\(column)" }
}

/// A span of manuscript text, from `start` to `end` inclusive.
public struct SourceRange: Hashable, Sendable {
  /// The first character of the span.
  public var start: SourceLocation
  /// The last character of the span.
  public var end: SourceLocation

  /// Creates a range.
  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = end
  }

  /// A range that covers a single position.
  public init(_ location: SourceLocation) {
    self.init(start: location, end: location)
  }
}
