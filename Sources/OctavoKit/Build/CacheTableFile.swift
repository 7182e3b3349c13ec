import Foundation

/// The file format the check cache and the summary cache share: a magic line, the cache's
/// format string (with Octavo's version), then the entries as key and bytes, sorted by key so
/// the same entries always give the same file.
enum CacheTableFile {
  /// The entries read from `file`, or nil when it is missing, of another format or version,
  /// or does not decode to its end.
  static func read(_ file: URL, magic: [UInt8], format: String) -> [String: [UInt8]]? {
    guard let bytes = FileBytes.read(file.path) else { return nil }
    return decode(bytes, magic: magic, format: format)
  }

  /// The entries held in `bytes`, or nil when they are not a table of this format.
  static func decode(_ bytes: [UInt8], magic: [UInt8], format: String) -> [String: [UInt8]]? {
    var reader = RenderCache.ByteReader(data: bytes)
    guard reader.take(magic.count) == magic, reader.string() == format,
      let count = reader.number(), count < 10_000_000
    else { return nil }
    var table: [String: [UInt8]] = [:]
    for _ in 0..<count {
      guard let key = reader.string(), let value = reader.bytes() else { return nil }
      table[key] = value
    }
    return reader.isAtEnd ? table : nil
  }

  /// Writes `entries` to `file` atomically. A failure to write is not an error: the next
  /// build works the entries out again.
  static func write(_ entries: [String: [UInt8]], to file: URL, magic: [UInt8], format: String) {
    var writer = RenderCache.ByteWriter()
    // The file's size is known: one buffer of that size, not one grown (and its pages
    // touched) again and again as the entries are appended.
    writer.bytes.reserveCapacity(
      entries.reduce(magic.count + format.utf8.count + 16) {
        $0 + $1.key.utf8.count + $1.value.count + 16
      })
    writer.bytes += magic
    writer.add(Array(format.utf8))
    writer.add(UInt64(entries.count))
    for (key, bytes) in entries.sorted(by: { $0.key < $1.key }) {
      writer.add(UInt64(key.utf8.count))
      writer.bytes += key.utf8
      writer.add(bytes)
    }
    guard
      (try? FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)) != nil
    else { return }
    try? AtomicFile.write(writer.bytes, to: file)
  }
}

/// One cache file of `<output>/.cache/` in a build: the entries read when the build began,
/// and those the build used or made, which ``commit()`` writes (and no others). Safe to use
/// from concurrent tasks.
final class CacheTable: @unchecked Sendable {
  private let file: URL
  private let magic: [UInt8]
  private let format: String
  private let lock = NSLock()
  private let stored: [String: [UInt8]]
  private var kept: [String: [UInt8]] = [:]

  /// The table in `file`, empty when the file is missing, of another format or version, or
  /// does not decode.
  init(file: URL, magic: [UInt8], format: String) {
    self.file = file
    self.magic = magic
    self.format = format
    stored = CacheTableFile.read(file, magic: magic, format: format) ?? [:]
  }

  /// The entry read for `key`, if any.
  func stored(_ key: String) -> [UInt8]? { stored[key] }

  /// Keeps `bytes` for `key`, to be written by ``commit()``.
  func keep(_ bytes: [UInt8], for key: String) {
    lock.withLock { kept[key] = bytes }
  }

  /// Writes the entries this build kept (and no others), atomically; nothing when they are
  /// the entries the file held (the bytes it would write are those it holds). A failure to
  /// write is not an error: the next build works them out again.
  func commit() {
    let entries = lock.withLock { kept }
    if !stored.isEmpty, entries.count == stored.count,
      entries.allSatisfy({ stored[$0.key] == $0.value })
    {
      return
    }
    CacheTableFile.write(entries, to: file, magic: magic, format: format)
  }
}
