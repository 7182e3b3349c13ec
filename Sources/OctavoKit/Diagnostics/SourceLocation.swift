import Foundation

/// A position in a manuscript file: the file's path relative to the manuscript folder,
/// a 1-based line and a 1-based column counted in UTF-8 bytes (as compilers do).
///
/// Every block and inline of a book carries two, so a location is stored in 12 bytes and
/// holds no reference: the file as its number in a process-wide table of file names
/// (``SourceFileNames``), the line and column as 32-bit numbers (values beyond them are
/// clamped). Equality, hashing and ordering are those of the file name, line and column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The file's number in ``SourceFileNames``.
  package var fileID: UInt32
  private var storedLine: Int32
  private var storedColumn: Int32

  /// The file's path relative to the manuscript folder, with `/` separators.
  public var file: String {
    get { SourceFileNames.name(of: fileID) }
    set { fileID = SourceFileNames.id(of: newValue) }
  }
  /// The 1-based line number.
  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(clamping: newValue) }
  }
  /// The 1-based column, counted in UTF-8 bytes.
  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(clamping: newValue) }
  }

  /// The manuscript's metadata file, `book.yaml`, where book-wide diagnostics point.
  static let metadataFile = "book.yaml"

  /// Creates a location.
  public init(file: String, line: Int = 1, column: Int = 1) {
    self.init(fileID: SourceFileNames.id(of: file), line: line, column: column)
  }

  /// Creates a location in the file numbered `fileID` (``SourceFileNames/id(of:)``), without
  /// looking the name up.
  package init(fileID: UInt32, line: Int, column: Int) {
    self.fileID = fileID
    storedLine = Int32(clamping: line)
    storedColumn = Int32(clamping: column)
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    if a.fileID != b.fileID { return a.file < b.file }
    return (a.storedLine, a.storedColumn) < (b.storedLine, b.storedColumn)
  }

  public var description: String { "\(file):\(line):\(column)" }
}

/// The file names of source locations, each stored once for the process and known by its
/// number. Thread-safe; a name is never removed (a book has a few hundred files at most).
package enum SourceFileNames {
  private final class NameTable: @unchecked Sendable {
    let lock = NSLock()
    var names: [String] = [""]
    var ids: [String: UInt32] = ["": 0]
  }

  private static let table = NameTable()

  /// The number of `name`, given to it the first time it is asked for.
  package static func id(of name: String) -> UInt32 {
    if name.isEmpty { return 0 }
    table.lock.lock()
    defer { table.lock.unlock() }
    if let id = table.ids[name] { return id }
    let id = UInt32(table.names.count)
    table.names.append(name)
    table.ids[name] = id
    return id
  }

  /// The name numbered `id`.
  package static func name(of id: UInt32) -> String {
    if id == 0 { return "" }
    table.lock.lock()
    defer { table.lock.unlock() }
    return table.names[Int(id)]
  }
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
