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

  /// Creates (or truncates) the zip file at `path`.
  init(path: String) throws {
    self.path = path
    var errorCode: Int32 = 0
    guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &errorCode) else {
      var error = zip_error_t()
      zip_error_init_with_code(&error, errorCode)
      defer { zip_error_fini(&error) }
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
