import Foundation

/// The file format the check, package and summary caches share: a magic line, the cache's
/// format string (with Octavo's version), then the entries as key and bytes, sorted by key so
/// the same entries always give the same file; then, appended by later builds, zero or more
/// changes (``Change``), each the keys it removes and the entries it sets.
///
/// A build that changes a few entries of a table of megabytes (one chapter's summary, its
/// check results) appends them instead of writing the table again; the table is written
/// whole (through a temporary file and a rename) when it has no file yet, when the file is
/// not the one read, or when what the changes replaced would outweigh what is live.
///
/// A change is written with one `write` to the end of the file, framed by a marker, its
/// length and the CRC-32 of its bytes: a build killed while appending leaves a change cut
/// short (or a file that does not decode), and a file that does not decode to its end is no
/// table at all, a miss. Every entry is found by a key that stands for all it was worked out
/// from, so an entry read is right whatever build wrote it.
enum CacheTableFile {
  /// What starts each change appended to a table.
  static let changeMarker = Array("\nOCTAVO-CACHE-CHANGE\n".utf8)

  /// A table as read: its entries, and the file they came from (its inode and size) with
  /// the bytes it holds (the base table and the changes).
  struct Contents: Sendable {
    var entries: [String: [UInt8]]
    var inode: UInt64
    var size: Int
  }

  /// The entries read from `file`, or nil when it is missing, of another format or version,
  /// or does not decode to its end.
  static func read(_ file: URL, magic: [UInt8], format: String) -> [String: [UInt8]]? {
    readContents(file, magic: magic, format: format)?.entries
  }

  /// The entries read from `file` and the file's identity, or nil as ``read(_:magic:format:)``.
  static func readContents(_ file: URL, magic: [UInt8], format: String) -> Contents? {
    // Read to its end (an append made meanwhile included); what is not whole does not decode.
    guard let (bytes, inode) = FileBytes.readWithInode(file.path),
      let entries = decode(bytes, magic: magic, format: format)
    else { return nil }
    return Contents(entries: entries, inode: inode, size: bytes.count)
  }

  /// The entries held in `bytes` (the table and the changes appended to it), or nil when they
  /// are not a table of this format.
  static func decode(_ bytes: [UInt8], magic: [UInt8], format: String) -> [String: [UInt8]]? {
    var reader = RenderCache.ByteReader(data: bytes)
    guard reader.take(magic.count) == magic, reader.string() == format,
      let count = reader.number(), count < 10_000_000
    else { return nil }
    var table: [String: [UInt8]] = [:]
    table.reserveCapacity(Int(count))
    for _ in 0..<count {
      guard let key = reader.string(), let value = reader.bytes() else { return nil }
      table[key] = value
    }
    while !reader.isAtEnd {
      guard Change.apply(&reader, to: &table) else { return nil }
    }
    return table
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

  /// Appends `change` (``Change/encode(removing:setting:)``) to `file` when it is still the
  /// file whose inode and size are given (the one read); false when it is not, or the
  /// change could not be written whole (the file is then cut back to its size, or, should
  /// that fail, left with a change that does not decode: no table).
  static func append(_ change: [UInt8], to file: URL, inode: UInt64, size: Int) -> Bool {
    let descriptor = open(file.path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
      UInt64(info.st_ino) == inode, Int(info.st_size) == size
    else { return false }
    // One call: appends by two builds at once do not interleave.
    let written = change.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress!, $0.count) }
    if written == change.count { return true }
    _ = ftruncate(descriptor, off_t(size))
    return false
  }

  /// A change appended to a table: the keys it removes and the entries it sets, framed by
  /// ``changeMarker`` and the length of its body before it and the body's CRC-32 after.
  enum Change {
    /// The bytes of a change that removes `removed` and sets `set` (sorted by key, so the
    /// same change always gives the same bytes).
    static func encode(removing removed: [String], setting set: [String: [UInt8]]) -> [UInt8] {
      var writer = RenderCache.ByteWriter()
      writer.bytes.reserveCapacity(
        set.reduce(changeMarker.count + removed.count * 48 + 40) {
          $0 + $1.key.utf8.count + $1.value.count + 16
        })
      writer.bytes += changeMarker
      writer.add(0)  // The body's length, set below.
      let start = writer.bytes.count
      writer.add(UInt64(removed.count))
      for key in removed.sorted() { writer.add(Array(key.utf8)) }
      writer.add(UInt64(set.count))
      for (key, value) in set.sorted(by: { $0.key < $1.key }) {
        writer.add(Array(key.utf8))
        writer.add(value)
      }
      let length = UInt64(writer.bytes.count - start)
      withUnsafeBytes(of: length.littleEndian) { length in
        writer.bytes.replaceSubrange(start - 8..<start, with: length)
      }
      let crc = writer.bytes.withUnsafeBufferPointer { Deflate.crc32($0[start...]) }
      writer.add(UInt64(crc))
      return writer.bytes
    }

    /// Reads the change at `reader` and applies it to `table`; false when it is cut short,
    /// does not decode or its bytes are not those its checksum stands for. The body is
    /// checked and read where it lies in the file's bytes.
    static func apply(_ reader: inout RenderCache.ByteReader, to table: inout [String: [UInt8]])
      -> Bool
    {
      guard reader.take(changeMarker.count) == changeMarker, let length = reader.number(),
        length <= UInt64(reader.data.count - reader.offset),
        UInt64(reader.data.count - reader.offset) - length >= 8
      else { return false }
      let start = reader.offset
      let end = start + Int(length)
      let crc = reader.data.withUnsafeBufferPointer { Deflate.crc32($0[start..<end]) }
      var trailer = RenderCache.ByteReader(data: reader.data, offset: end)
      guard trailer.number() == UInt64(crc) else { return false }
      guard let removals = reader.number(), removals < 10_000_000 else { return false }
      for _ in 0..<removals {
        guard let key = reader.string(), reader.offset <= end else { return false }
        table[key] = nil
      }
      guard let sets = reader.number(), sets < 10_000_000 else { return false }
      for _ in 0..<sets {
        guard let key = reader.string(), let value = reader.bytes(), reader.offset <= end else {
          return false
        }
        table[key] = value
      }
      guard reader.offset == end else { return false }
      reader.offset = end + 8
      return true
    }
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
  /// The file's entries and identity, read on another thread from the moment the table is
  /// made (the summaries' tables are made as the build begins, and most of the book's
  /// loading comes before their first lookup); waited for, or read then, when first asked.
  private let contents: Background<CacheTableFile.Contents?>
  private var kept: [String: [UInt8]] = [:]
  /// Entries kept mostly in a temporary file (``keep(head:spilled:in:for:)``): each is its
  /// head followed by the bytes at its extent.
  private var spilled: [String: (head: [UInt8], extent: SpillFile.Extent, file: SpillFile)] = [:]

  /// The table in `file`, empty when the file is missing, of another format or version, or
  /// does not decode.
  init(file: URL, magic: [UInt8], format: String) {
    self.file = file
    self.magic = magic
    self.format = format
    contents = Background { CacheTableFile.readContents(file, magic: magic, format: format) }
  }

  /// The entry read for `key`, if any.
  func stored(_ key: String) -> [UInt8]? { contents.value?.entries[key] }

  /// Every entry read whose key starts with `prefix`, by key.
  func stored(prefix: String) -> [(key: String, bytes: [UInt8])] {
    (contents.value?.entries ?? [:]).filter { $0.key.hasPrefix(prefix) }.map { ($0.key, $0.value) }
  }

  /// Keeps `bytes` for `key`, to be written by ``commit()``.
  func keep(_ bytes: [UInt8], for key: String) {
    lock.withLock {
      kept[key] = bytes
      spilled[key] = nil
    }
  }

  /// Keeps for `key` the entry made of `head` and the bytes at `extent` in `file`, read back
  /// by ``commit()``: a large entry made early in a build (a chapter's summary) waits on disk,
  /// not in memory. An entry whose bytes cannot be read back then is not written (the next
  /// build works it out again).
  func keep(head: [UInt8], spilled extent: SpillFile.Extent, in file: SpillFile, for key: String) {
    lock.withLock {
      spilled[key] = (head, extent, file)
      kept[key] = nil
    }
  }

  /// Writes the entries this build kept (and no others): nothing when they are the entries
  /// the file held; else, when the file read is still in place, the change is at most half
  /// the live entries' bytes and the file would then hold at most a quarter more bytes than
  /// they, the change appended to it; else the whole table, atomically. A failure to write
  /// is not an error: the next build works them out again.
  func commit() {
    let (inMemory, waiting) = lock.withLock { (kept, spilled) }
    var entries = inMemory
    for (key, entry) in waiting {
      if let bytes = try? entry.file.bytes(at: entry.extent) { entries[key] = entry.head + bytes }
    }
    if let read = contents.value {
      let stored = read.entries
      let removed = stored.keys.filter { entries[$0] == nil }
      let set = entries.filter { stored[$0.key] != $0.value }
      if removed.isEmpty, set.isEmpty { return }
      let change = CacheTableFile.Change.encode(removing: removed, setting: set)
      let live = entries.reduce(0) { $0 + $1.key.utf8.count + $1.value.count + 16 }
      // A change of at most half the live bytes (a table that was empty, or mostly
      // replaced, is written whole: its next reader would check the whole change), and
      // replaced bytes up to a quarter of the live ones: the file read by the next build is
      // at most that much larger than the table.
      if change.count * 2 <= live, read.size + change.count <= live + live / 4 + 65_536,
        CacheTableFile.append(change, to: file, inode: read.inode, size: read.size)
      {
        return
      }
    }
    CacheTableFile.write(entries, to: file, magic: magic, format: format)
  }
}
