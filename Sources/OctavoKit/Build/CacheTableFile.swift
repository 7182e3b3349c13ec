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

  /// Entries of at least this many bytes are left in the file when a table is read, and
  /// read from it when asked for (``Contents``).
  static let leftInFile = 4_096

  /// An entry as a table read holds it: its bytes, or where they are in the file.
  enum Value: Sendable, Equatable {
    case bytes([UInt8])
    case inFile(SpillFile.Extent)

    var count: Int {
      switch self {
      case .bytes(let bytes): bytes.count
      case .inFile(let extent): extent.count
      }
    }
  }

  /// A table as read: its entries, and the file they came from (its inode and size, open for
  /// reading the entries left in it).
  ///
  /// The entries of a table of megabytes (a chapter's summary, its record of resolving, a
  /// document's ids) stay in the file: a rebuild that uses most of them as they are does
  /// not hold them in memory. The bytes read stay those of the file read: a later build
  /// replaces the file by a rename, or appends after them.
  struct Contents: Sendable {
    var entries: [String: Value]
    var file: SpillFile?
    var inode: UInt64
    var size: Int

    /// The bytes of `value`, an entry of these contents; nil when they cannot be read.
    func bytes(of value: Value) -> [UInt8]? {
      switch value {
      case .bytes(let bytes): bytes
      case .inFile(let extent): try? file?.bytes(at: extent)
      }
    }

    /// Whether the entry read for `key` is `bytes`.
    func holds(_ bytes: [UInt8], for key: String) -> Bool {
      guard let value = entries[key], value.count == bytes.count else { return false }
      return self.bytes(of: value) == bytes
    }
  }

  /// The entries read from `file`, or nil when it is missing, of another format or version,
  /// or does not decode to its end.
  static func read(_ file: URL, magic: [UInt8], format: String) -> [String: [UInt8]]? {
    guard let contents = readContents(file, magic: magic, format: format) else { return nil }
    var entries: [String: [UInt8]] = [:]
    for (key, value) in contents.entries {
      guard let bytes = contents.bytes(of: value) else { return nil }
      entries[key] = bytes
    }
    return entries
  }

  /// The entries read from `file` and the file's identity, or nil as ``read(_:magic:format:)``;
  /// entries of ``leftInFile`` bytes or more are left in the file.
  static func readContents(_ file: URL, magic: [UInt8], format: String) -> Contents? {
    let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    let reading = SpillFile(reading: descriptor)
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    // The bytes up to the size found: a change appended since is not read, and this build
    // then writes the table whole (``append(_:to:inode:size:)`` finds another size).
    let size = Int(info.st_size)
    let entries = FileBytes.withBytes(of: descriptor, count: size) { bytes in
      decode(bytes, magic: magic, format: format, leavingFrom: leftInFile)
    }
    guard let entries else { return nil }
    return Contents(entries: entries, file: reading, inode: UInt64(info.st_ino), size: size)
  }

  /// The entries held in `bytes` (the table and the changes appended to it), or nil when they
  /// are not a table of this format.
  static func decode(_ bytes: [UInt8], magic: [UInt8], format: String) -> [String: [UInt8]]? {
    bytes.withUnsafeBufferPointer { buffer in
      decode(buffer, magic: magic, format: format, leavingFrom: nil)?.mapValues { value in
        guard case .bytes(let bytes) = value else { preconditionFailure("an entry left out") }
        return bytes
      }
    }
  }

  /// The entries held in `bytes`, those of `threshold` bytes or more (when given) left where
  /// they are (``Value/inFile(_:)``, their offsets those in `bytes`).
  private static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, magic: [UInt8], format: String, leavingFrom threshold: Int?
  ) -> [String: Value]? {
    var reader = Reader(data: bytes)
    guard reader.skip(magic), reader.string() == format,
      let count = reader.number(), count < 10_000_000
    else { return nil }
    var table: [String: Value] = [:]
    table.reserveCapacity(Int(count))
    for _ in 0..<count {
      guard let key = reader.string(), let value = reader.value(leavingFrom: threshold) else {
        return nil
      }
      table[key] = value
    }
    while !reader.isAtEnd {
      guard Change.apply(&reader, to: &table, leavingFrom: threshold) else { return nil }
    }
    return table
  }

  /// Reads a table's bytes where they lie: numbers are eight bytes, little-endian; keys and
  /// values are prefixed by their length.
  struct Reader {
    let data: UnsafeBufferPointer<UInt8>
    var offset = 0

    var isAtEnd: Bool { offset == data.count }

    /// Whether `bytes` come next (read past when they do).
    mutating func skip(_ bytes: [UInt8]) -> Bool {
      guard data.count - offset >= bytes.count,
        data[offset..<offset + bytes.count].elementsEqual(bytes)
      else { return false }
      offset += bytes.count
      return true
    }

    mutating func number() -> UInt64? {
      guard data.count - offset >= 8 else { return nil }
      let value = UnsafeRawBufferPointer(data).loadUnaligned(
        fromByteOffset: offset, as: UInt64.self)
      offset += 8
      return UInt64(littleEndian: value)
    }

    /// Where the next run of bytes (its length first) is.
    mutating func run() -> Range<Int>? {
      guard let count = number(), count <= UInt64(data.count - offset) else { return nil }
      defer { offset += Int(count) }
      return offset..<offset + Int(count)
    }

    mutating func string() -> String? {
      run().map { String(decoding: data[$0], as: UTF8.self) }
    }

    /// The next run of bytes: copied, or left where it is when it has `threshold` bytes.
    mutating func value(leavingFrom threshold: Int?) -> Value? {
      guard let run = run() else { return nil }
      if let threshold, run.count >= threshold {
        return .inFile(SpillFile.Extent(offset: run.lowerBound, count: run.count))
      }
      return .bytes(Array(data[run]))
    }
  }

  /// Writes `entries` to `file` atomically. A failure to write is not an error: the next
  /// build works the entries out again.
  static func write(_ entries: [String: [UInt8]], to file: URL, magic: [UInt8], format: String) {
    write(
      entries.mapValues { Pieces(pieces: [.bytes($0)], count: $0.count) }, to: file,
      magic: magic, format: format)
  }

  /// An entry's bytes as they are written: in memory, or in files (an entry left in the
  /// table's file read, one waiting in a spill file), and how many there are.
  struct Pieces {
    var pieces: [AtomicFile.Piece]
    var count: Int
  }

  /// Writes `entries` to `file` atomically, each copied from where its bytes are (the bytes
  /// in files are copied by the kernel: a table of megabytes is not gathered in memory).
  static func write(_ entries: [String: Pieces], to file: URL, magic: [UInt8], format: String) {
    var pieces: [AtomicFile.Piece] = []
    var writer = RenderCache.ByteWriter()
    writer.bytes += magic
    writer.add(Array(format.utf8))
    writer.add(UInt64(entries.count))
    for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
      writer.add(UInt64(key.utf8.count))
      writer.bytes += key.utf8
      writer.add(UInt64(entry.count))
      for piece in entry.pieces {
        if case .bytes(let bytes) = piece {
          writer.bytes += bytes
        } else {
          pieces += [.bytes(writer.bytes), piece]
          writer.bytes = []
        }
      }
    }
    pieces.append(.bytes(writer.bytes))
    guard
      (try? FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)) != nil
    else { return }
    try? AtomicFile.write(pieces: pieces, to: file)
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

    /// Reads the change at `reader` and applies it to `table` (values of `threshold` bytes or
    /// more left where they are); false when it is cut short, does not decode or its bytes
    /// are not those its checksum stands for. The body is checked where it lies.
    static func apply(
      _ reader: inout Reader, to table: inout [String: Value], leavingFrom threshold: Int?
    ) -> Bool {
      guard reader.skip(changeMarker), let length = reader.number(),
        length <= UInt64(reader.data.count - reader.offset),
        UInt64(reader.data.count - reader.offset) - length >= 8
      else { return false }
      let start = reader.offset
      let end = start + Int(length)
      let crc = Deflate.crc32(reader.data[start..<end])
      var trailer = Reader(data: reader.data, offset: end)
      guard trailer.number() == UInt64(crc) else { return false }
      guard let removals = reader.number(), removals < 10_000_000 else { return false }
      for _ in 0..<removals {
        guard let key = reader.string(), reader.offset <= end else { return false }
        table[key] = nil
      }
      guard let sets = reader.number(), sets < 10_000_000 else { return false }
      for _ in 0..<sets {
        guard let key = reader.string(), let value = reader.value(leavingFrom: threshold),
          reader.offset <= end
        else { return false }
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
  /// The entries this build keeps, by key, written by ``commit()``.
  private var kept: [String: Kept] = [:]

  /// An entry kept: its bytes; the entry read, as it is; or a head followed by bytes waiting
  /// in a temporary file (``keep(head:spilled:in:for:)``).
  private enum Kept {
    case bytes([UInt8])
    case asRead
    case spilled(head: [UInt8], extent: SpillFile.Extent, file: SpillFile)
  }

  /// The table in `file`, empty when the file is missing, of another format or version, or
  /// does not decode.
  init(file: URL, magic: [UInt8], format: String) {
    self.file = file
    self.magic = magic
    self.format = format
    contents = Background { CacheTableFile.readContents(file, magic: magic, format: format) }
  }

  /// The entry read for `key`, if any (read from the file when left there: nil when it
  /// cannot be read).
  func stored(_ key: String) -> [UInt8]? {
    guard let contents = contents.value, let value = contents.entries[key] else { return nil }
    return contents.bytes(of: value)
  }

  /// Every entry read whose key starts with `prefix`, by key.
  func stored(prefix: String) -> [(key: String, bytes: [UInt8])] {
    guard let contents = contents.value else { return [] }
    return contents.entries.compactMap { key, value in
      guard key.hasPrefix(prefix), let bytes = contents.bytes(of: value) else { return nil }
      return (key, bytes)
    }
  }

  /// Keeps `bytes` for `key`, to be written by ``commit()``.
  func keep(_ bytes: [UInt8], for key: String) {
    lock.withLock { kept[key] = .bytes(bytes) }
  }

  /// Keeps the entry read for `key` as it is (nothing when there is none), without holding
  /// its bytes: ``commit()`` leaves it in the file, or reads it back to write the table anew.
  func keepStored(_ key: String) {
    guard contents.value?.entries[key] != nil else { return }
    lock.withLock { kept[key] = .asRead }
  }

  /// Keeps for `key` the entry made of `head` and the bytes at `extent` in `file`, read back
  /// by ``commit()``: a large entry made early in a build (a chapter's summary) waits on disk,
  /// not in memory. An entry whose bytes cannot be read back then is not written (the next
  /// build works it out again).
  func keep(head: [UInt8], spilled extent: SpillFile.Extent, in file: SpillFile, for key: String) {
    lock.withLock { kept[key] = .spilled(head: head, extent: extent, file: file) }
  }

  /// Writes the entries this build kept (and no others): nothing when they are the entries
  /// the file held; else, when the file read is still in place, the change is at most half
  /// the live entries' bytes and the file would then hold at most a quarter more bytes than
  /// they, the change appended to it; else the whole table, atomically. A failure to write
  /// is not an error: the next build works them out again.
  func commit() {
    let kept = lock.withLock { self.kept }
    let read = contents.value
    if let read {
      let removed = read.entries.keys.filter { kept[$0] == nil }
      var set: [String: [UInt8]] = [:]
      var live = 0
      for (key, entry) in kept {
        let bytes: [UInt8]
        switch entry {
        case .asRead:
          live += key.utf8.count + (read.entries[key]?.count ?? 0) + 16
          continue
        case .bytes(let kept): bytes = kept
        case .spilled(let head, let extent, let file):
          // Bytes that cannot be read back are not written (the next build works them out).
          guard let spilled = try? file.bytes(at: extent) else { continue }
          bytes = head + spilled
        }
        live += key.utf8.count + bytes.count + 16
        if !read.holds(bytes, for: key) { set[key] = bytes }
      }
      if removed.isEmpty, set.isEmpty { return }
      let change = CacheTableFile.Change.encode(removing: removed, setting: set)
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
    // Written whole: each entry copied from where it is, those left in the file read
    // included, none gathered in memory.
    var entries: [String: CacheTableFile.Pieces] = [:]
    for (key, entry) in kept {
      switch entry {
      case .bytes(let bytes): entries[key] = .init(pieces: [.bytes(bytes)], count: bytes.count)
      case .asRead:
        switch read?.entries[key] {
        case .bytes(let bytes):
          entries[key] = .init(pieces: [.bytes(bytes)], count: bytes.count)
        case .inFile(let extent):
          guard let file = read?.file else { continue }
          entries[key] = .init(pieces: [.spilled(file, [extent])], count: extent.count)
        case nil: continue
        }
      case .spilled(let head, let extent, let file):
        entries[key] = .init(
          pieces: [.bytes(head), .spilled(file, [extent])], count: head.count + extent.count)
      }
    }
    CacheTableFile.write(entries, to: file, magic: magic, format: format)
  }
}
