internal import CZip
import Foundation

/// Writes a zip file with libzip: entries in the order they are added, each from a buffer
/// of known size (so libzip never adds ZIP64 extra fields), with the time the caller
/// gives (so the same input always gives the same bytes).
///
/// This is the only file that talks to libzip.
final class ZipWriter {
  /// The deflate level. Measured on a 1,000,000-word book's XHTML (README, Performance):
  /// level 1 deflates 3 to 4 times as fast as the default 6 and the EPUB grows by about a
  /// tenth; level 9 takes longer than 6 for almost nothing.
  static let compressionLevel: UInt32 = 1

  private var archive: OpaquePointer?
  private let path: String
  /// The archives entries are copied from: libzip reads them at ``close()``.
  private var sources: [Previous] = []

  /// Creates (or truncates) the zip file at `path`.
  ///
  /// libzip writes the archive straight into the file, through a source of Octavo's
  /// (``FileSink``): opened by path, libzip would write a temporary file of its own beside it
  /// and rename it over the file, and name that file with random bytes from OpenSSL, whose
  /// random number generator then starts (1.6 MiB of its code read, on every build). The
  /// caller's file is a temporary one already (``AtomicFile``).
  init(path: String) throws {
    self.path = path
    // Not truncated on opening: a file found there (a spare, AtomicFile.stage(to:spare:_:))
    // is written over and cut to the archive's length when it is committed.
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      throw OctavoError(.zip, path: path, detail: String(cString: strerror(errno)))
    }
    var error = zip_error_t()
    zip_error_init(&error)
    defer { zip_error_fini(&error) }
    let sink = Unmanaged.passRetained(FileSink(descriptor: descriptor, path: path)).toOpaque()
    guard let source = zip_source_function_create(fileSinkCallback, sink, &error) else {
      Unmanaged<FileSink>.fromOpaque(sink).release()
      throw OctavoError(.zip, path: path, detail: String(cString: zip_error_strerror(&error)))
    }
    guard let archive = zip_open_from_source(source, ZIP_CREATE | ZIP_TRUNCATE, &error) else {
      zip_source_free(source)  // Frees the sink too (ZIP_SOURCE_FREE).
      throw OctavoError(.zip, path: path, detail: String(cString: zip_error_strerror(&error)))
    }
    self.archive = archive
  }

  deinit {
    if let archive { zip_discard(archive) }
  }

  /// Adds an entry holding `bytes`, stored as is or deflated, dated `modified`.
  func add(_ name: String, _ bytes: [UInt8], compress: Bool, modified: Date) throws {
    guard let archive else { throw OctavoError(.zip, path: path, detail: "archive closed") }
    // libzip reads the buffer at zip_close; hand it a malloc'd copy that it frees itself.
    let count = max(bytes.count, 1)
    guard let copy = malloc(count) else {
      throw OctavoError(.zip, path: path, detail: "out of memory")
    }
    bytes.withUnsafeBytes { raw in
      if let base = raw.baseAddress { memcpy(copy, base, bytes.count) }
    }
    guard let source = zip_source_buffer(archive, copy, UInt64(bytes.count), 1) else {
      free(copy)
      throw libzipError(name)
    }
    let index = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
    guard index >= 0 else {
      zip_source_free(source)  // Not taken over by the archive when adding failed.
      throw libzipError(name)
    }
    let method = compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE
    let level = compress ? Self.compressionLevel : 0
    guard zip_set_file_compression(archive, UInt64(index), method, level) == 0,
      zip_file_set_mtime(archive, UInt64(index), Self.dosTime(for: modified), 0) == 0
    else {
      throw libzipError(name)
    }
  }

  /// Adds an entry whose content was deflated already (``Deflate/raw(_:level:)`` at
  /// ``compressionLevel``), dated `modified`: libzip copies the deflated bytes as they are
  /// and records the method, CRC and sizes it is given, so the entry is the one
  /// ``add(_:_:compress:modified:)`` writes for the same content, deflated (`ZipWriterTests`
  /// compares them). The general-purpose flags and the version needed are those libzip's
  /// deflate gives an entry at that level.
  func addDeflated(_ name: String, _ deflated: Deflate.Output, modified: Date) throws {
    guard let archive else { throw OctavoError(.zip, path: path, detail: "archive closed") }
    let context = Unmanaged.passRetained(DeflatedSource(deflated)).toOpaque()
    guard let source = zip_source_function(archive, deflatedSourceCallback, context) else {
      Unmanaged<DeflatedSource>.fromOpaque(context).release()
      throw libzipError(name)
    }
    let index = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
    guard index >= 0 else {
      zip_source_free(source)  // Frees the context too (ZIP_SOURCE_FREE).
      throw libzipError(name)
    }
    guard zip_file_set_mtime(archive, UInt64(index), Self.dosTime(for: modified), 0) == 0 else {
      throw libzipError(name)
    }
  }

  /// Adds the deflated entry `index` of `previous` as it is stored there: its deflated bytes
  /// are copied, not deflated again, dated `modified`. libzip takes the method, CRC, sizes and
  /// flags from the entry, so the bytes written are those ``add(_:_:compress:modified:)``
  /// writes for the same content, deflated (`PackageReuseTests` compares them). Not for a
  /// stored entry: libzip would mark its copy as needing zip 2.0 to extract, where a fresh
  /// one needs 1.0.
  func copy(_ name: String, from previous: Previous, index: UInt64, modified: Date) throws {
    guard let archive, let from = previous.archive else {
      throw OctavoError(.zip, path: path, detail: "archive closed")
    }
    guard let source = zip_source_zip(archive, from, index, ZIP_FL_COMPRESSED, 0, -1) else {
      throw libzipError(name)
    }
    let added = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
    guard added >= 0 else {
      zip_source_free(source)
      throw libzipError(name)
    }
    sources.append(previous)
    guard zip_file_set_mtime(archive, UInt64(added), Self.dosTime(for: modified), 0) == 0 else {
      throw libzipError(name)
    }
  }

  /// A zip file written earlier, open for reading, whose entries ``copy(_:from:index:modified:)``
  /// can take over without deflating them again.
  final class Previous: @unchecked Sendable {
    fileprivate var archive: OpaquePointer?

    /// What the archive says of one entry.
    struct Entry: Equatable {
      /// The entry's position in the archive.
      var index: UInt64
      /// The size of its content, uncompressed.
      var size: UInt64
      /// The size of its stored bytes.
      var compressedSize: UInt64
      /// The CRC-32 of its content.
      var crc: UInt32
      /// Whether it is deflated (rather than stored).
      var isDeflated: Bool
    }

    /// Opens the zip file at `path`; `nil` when it is missing or not a zip file.
    init?(path: String) {
      var errorCode: Int32 = 0
      guard let archive = zip_open(path, ZIP_RDONLY, &errorCode) else { return nil }
      self.archive = archive
    }

    deinit {
      if let archive { zip_discard(archive) }
    }

    /// The entry named `name`, when there is one.
    func entry(named name: String) -> Entry? {
      guard let archive else { return nil }
      let index = zip_name_locate(archive, name, 0)
      guard index >= 0 else { return nil }
      var stat = zip_stat_t()
      zip_stat_init(&stat)
      let needed = UInt64(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD)
      guard zip_stat_index(archive, UInt64(index), 0, &stat) == 0,
        stat.valid & needed == needed
      else { return nil }
      return Entry(
        index: UInt64(index), size: stat.size, compressedSize: stat.comp_size, crc: stat.crc,
        isDeflated: Int32(stat.comp_method) == ZIP_CM_DEFLATE)
    }
  }

  /// Writes the archive to disk.
  func close() throws {
    guard let archive else { return }
    if zip_close(archive) != 0 {
      let error = libzipError(nil)
      zip_discard(archive)  // On failure the archive is left open and must still be freed.
      self.archive = nil
      throw error
    }
    self.archive = nil
    sources = []
  }

  private func libzipError(_ entry: String?) -> OctavoError {
    let message =
      archive.flatMap { zip_strerror($0) }.map { String(cString: $0) } ?? "unknown error"
    return OctavoError(.zip, path: entry.map { "\(path): \($0)" } ?? path, detail: message)
  }

  /// libzip turns a `time_t` into the zip's DOS date and time in local time; shift the time so
  /// the entry shows the UTC time on every machine, whatever its time zone.
  static func dosTime(for date: Date) -> time_t {
    var time = time_t(date.timeIntervalSince1970)
    var local = tm()
    localtime_r(&time, &local)
    let offset = time_t(local.tm_gmtoff)
    // DOS times start in 1980.
    return max(time - offset, 315_532_800 + 86_400)
  }
}

/// The file a ``ZipWriter`` writes its archive to, as libzip sees it: an archive that does
/// not exist yet, written from its start at ``ZipWriter/close()`` (libzip writes each entry's
/// local header, then its data, and seeks back when it must), never read, and cut to the
/// archive's length when committed (it may be an older file written over).
private final class FileSink {
  let descriptor: Int32
  let path: String
  /// Where the next write goes, and how far the file has been written.
  var offset: UInt64 = 0
  var end: UInt64 = 0
  var error = zip_error_t()
  /// Bytes written but not yet in the file: they go to the file from ``bufferStart`` on,
  /// in one `pwrite`, when the buffer is full, when a write goes elsewhere, and when the
  /// archive is committed. libzip writes in pieces of 8 KiB and less (a header, then the
  /// data a buffer at a time): about 1,300 writes for the EPUB of the 1M-word book.
  var buffer: [UInt8] = []
  var bufferStart: UInt64 = 0
  static let bufferSize = 1 << 18

  init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
    zip_error_init(&error)
  }

  deinit {
    zip_error_fini(&error)
    close(descriptor)
  }

  /// Records a failure (the system's `errno` with it) and returns libzip's -1.
  func fail(_ code: Int32, system: Int32 = errno) -> Int64 {
    zip_error_set(&error, code, system)
    return -1
  }

  /// Writes the buffered bytes to the file; false when the file cannot be written (`errno`
  /// says why).
  func flush() -> Bool {
    defer { buffer.removeAll(keepingCapacity: true) }
    return buffer.withUnsafeBytes { bytes in
      var written = 0
      while written < bytes.count {
        let count = pwrite(
          descriptor, bytes.baseAddress! + written, bytes.count - written,
          off_t(bufferStart) + off_t(written))
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return false }
        written += count
      }
      return true
    }
  }

  /// Takes `length` bytes at `data` for the file at ``offset``; false when buffered bytes
  /// had to be written first and could not be.
  func write(_ data: UnsafeRawPointer, _ length: Int) -> Bool {
    if offset != bufferStart + UInt64(buffer.count) || buffer.count + length > Self.bufferSize {
      guard flush() else { return false }
      bufferStart = offset
    }
    if buffer.capacity < Self.bufferSize { buffer.reserveCapacity(Self.bufferSize) }
    buffer.append(
      contentsOf: UnsafeRawBufferPointer(start: data, count: length).bindMemory(to: UInt8.self))
    return true
  }
}

/// The answer to `ZIP_SOURCE_SUPPORTS`: a bit for each of `commands`.
private func commandBitmap(_ commands: [zip_source_cmd_t]) -> Int64 {
  commands.reduce(Int64(0)) { $0 | Int64(1) << Int64($1.rawValue) }
}

/// The source callback of a ``FileSink``.
private let fileSinkCallback: zip_source_callback = { userdata, data, length, command in
  guard let userdata else { return -1 }
  let sink = Unmanaged<FileSink>.fromOpaque(userdata).takeUnretainedValue()
  switch command {
  case ZIP_SOURCE_STAT:
    // "No such file": libzip makes a new archive (ZIP_CREATE) and reads nothing.
    return sink.fail(ZIP_ER_READ, system: ENOENT)
  case ZIP_SOURCE_OPEN, ZIP_SOURCE_CLOSE, ZIP_SOURCE_READ, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL:
    return 0
  case ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_REMOVE:
    // The archive is written from the file's start; what the file held beyond its end is
    // cut off when it is committed.
    sink.buffer.removeAll()
    sink.bufferStart = 0
    sink.offset = 0
    sink.end = 0
    if command == ZIP_SOURCE_REMOVE, unlink(sink.path) != 0 { return sink.fail(ZIP_ER_REMOVE) }
    return 0
  case ZIP_SOURCE_WRITE:
    guard let data else { return sink.fail(ZIP_ER_INVAL, system: 0) }
    guard sink.write(data, Int(length)) else { return sink.fail(ZIP_ER_WRITE) }
    sink.offset += length
    sink.end = max(sink.end, sink.offset)
    return Int64(length)
  case ZIP_SOURCE_SEEK_WRITE:
    guard let data else { return sink.fail(ZIP_ER_INVAL, system: 0) }
    let offset = zip_source_seek_compute_offset(sink.offset, sink.end, data, length, &sink.error)
    guard offset >= 0 else { return -1 }
    sink.offset = UInt64(offset)
    return 0
  case ZIP_SOURCE_TELL_WRITE:
    return Int64(sink.offset)
  case ZIP_SOURCE_COMMIT_WRITE:
    guard sink.flush(), ftruncate(sink.descriptor, off_t(sink.end)) == 0 else {
      return sink.fail(ZIP_ER_WRITE)
    }
    return 0
  case ZIP_SOURCE_ERROR:
    return zip_error_to_data(&sink.error, data, length)
  case ZIP_SOURCE_FREE:
    Unmanaged<FileSink>.fromOpaque(userdata).release()
    return 0
  case ZIP_SOURCE_SUPPORTS:
    return commandBitmap([
      ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
      ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS,
      ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_COMMIT_WRITE, ZIP_SOURCE_ROLLBACK_WRITE,
      ZIP_SOURCE_WRITE, ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE,
    ])
  default:
    return sink.fail(ZIP_ER_OPNOTSUPP, system: 0)
  }
}

/// The deflated bytes a ``ZipWriter/addDeflated(_:_:modified:)`` source reads from (in memory
/// or in a temporary file), and where it is.
private final class DeflatedSource {
  let deflated: Deflate.Output
  var offset = 0

  init(_ deflated: Deflate.Output) { self.deflated = deflated }
}

/// The general-purpose flags libzip's deflate sets at ``ZipWriter/compressionLevel``: bits 1
/// and 2 give the speed (`10`, "fast", below level 3; `01`, "maximum", above 7).
private let deflateFlags: UInt16 =
  ZipWriter.compressionLevel < 3 ? 2 << 1 : ZipWriter.compressionLevel > 7 ? 1 << 1 : 0
/// The flag bits libzip takes from a source (its `GENERAL_PURPOSE_BIT_FLAGS_ALLOWED_MASK`).
private let allowedFlags: UInt16 = 0x0836

/// The libzip source of an entry deflated already: it reads the deflated bytes and says they
/// are deflated, with their size, CRC and the entry's flags, so libzip copies them.
private let deflatedSourceCallback: zip_source_callback = { userdata, data, length, command in
  guard let userdata else { return -1 }
  let source = Unmanaged<DeflatedSource>.fromOpaque(userdata).takeUnretainedValue()
  let deflated = source.deflated
  switch command {
  case ZIP_SOURCE_OPEN:
    source.offset = 0
    return 0
  case ZIP_SOURCE_READ:
    guard let data else { return -1 }
    let count = min(Int(length), deflated.deflatedCount - source.offset)
    if let spilled = deflated.spilled {
      // Read back from the temporary file straight into libzip's buffer.
      guard
        count <= 0
          || spilled.file.read(
            into: UnsafeMutableRawBufferPointer(start: data, count: count),
            at: spilled.extent.offset + source.offset)
      else { return -1 }
    } else {
      deflated.bytes.withUnsafeBytes { bytes in
        if count > 0, let base = bytes.baseAddress {
          memcpy(data, base + source.offset, count)
        }
      }
    }
    source.offset += max(count, 0)
    return Int64(max(count, 0))
  case ZIP_SOURCE_CLOSE:
    return 0
  case ZIP_SOURCE_STAT:
    guard let data, length >= UInt64(MemoryLayout<zip_stat_t>.size) else { return -1 }
    let stat = data.assumingMemoryBound(to: zip_stat_t.self)
    zip_stat_init(stat)
    stat.pointee.size = UInt64(deflated.size)
    stat.pointee.comp_size = UInt64(deflated.deflatedCount)
    stat.pointee.crc = deflated.crc
    stat.pointee.comp_method = UInt16(ZIP_CM_DEFLATE)
    stat.pointee.encryption_method = UInt16(ZIP_EM_NONE)
    stat.pointee.valid = UInt64(
      ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD
        | ZIP_STAT_ENCRYPTION_METHOD)
    return Int64(MemoryLayout<zip_stat_t>.size)
  case ZIP_SOURCE_GET_FILE_ATTRIBUTES:
    guard let data, length >= UInt64(MemoryLayout<zip_file_attributes_t>.size) else { return -1 }
    let attributes = data.assumingMemoryBound(to: zip_file_attributes_t.self)
    attributes.pointee.valid |= UInt64(
      ZIP_FILE_ATTRIBUTES_VERSION_NEEDED | ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS)
    attributes.pointee.version_needed = 20
    attributes.pointee.general_purpose_bit_flags = deflateFlags
    attributes.pointee.general_purpose_bit_mask = allowedFlags
    return Int64(MemoryLayout<zip_file_attributes_t>.size)
  case ZIP_SOURCE_ERROR:
    var error = zip_error_t()
    zip_error_init(&error)
    defer { zip_error_fini(&error) }
    return zip_error_to_data(&error, data, length)
  case ZIP_SOURCE_FREE:
    Unmanaged<DeflatedSource>.fromOpaque(userdata).release()
    return 0
  case ZIP_SOURCE_SUPPORTS:
    return commandBitmap([
      ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
      ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS, ZIP_SOURCE_GET_FILE_ATTRIBUTES,
    ])
  default:
    return -1
  }
}
