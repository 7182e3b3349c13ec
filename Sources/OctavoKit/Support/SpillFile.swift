import Foundation

/// A temporary file that holds bytes a build has made but needs only later, instead of
/// memory: each chapter's print section is appended as soon as it is written (by whichever
/// thread wrote it) and copied into the print edition at the end, and each deflated XHTML
/// document waits there for the zip, so the whole book's sections and documents are never in
/// memory at once.
///
/// The file is unlinked as soon as it is made: nothing is left behind, whatever ends the
/// process. Its pages stay in the kernel's page cache, not in the process's memory.
final class SpillFile: @unchecked Sendable {
  /// Where some appended bytes are in the file.
  struct Extent: Sendable, Equatable {
    var offset: Int
    var count: Int
  }

  private let descriptor: Int32
  private let lock = NSLock()
  private var end = 0

  /// A new, empty spill file in `folder` (the system's temporary folder by default); `nil`
  /// when none can be made there.
  init?(in folder: URL = FileManager.default.temporaryDirectory) {
    var template = Array(folder.appending(path: "octavo-spill-XXXXXX").path.utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { return nil }
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    unlink(path)
    self.descriptor = descriptor
  }

  /// A file opened elsewhere for reading (a render-cache entry, ``RenderCache/StoredEntry``),
  /// read from and copied from like a spill file, never appended to; closed with this object.
  init(reading descriptor: Int32) {
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// Appends `bytes` and returns where they are.
  ///
  /// - Throws: ``OctavoError`` when the file cannot be written (the disk is full).
  func append(_ bytes: [UInt8]) throws -> Extent {
    lock.lock()
    let offset = end
    end += bytes.count
    lock.unlock()
    try bytes.withUnsafeBytes { buffer in
      var done = 0
      while done < buffer.count {
        let written = pwrite(
          descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { throw Self.error() }
        done += written
      }
    }
    return Extent(offset: offset, count: bytes.count)
  }

  /// The bytes at `extent`.
  ///
  /// - Throws: ``OctavoError`` when the file cannot be read.
  func bytes(at extent: Extent) throws -> [UInt8] {
    var result = [UInt8](repeating: 0, count: extent.count)
    let complete = result.withUnsafeMutableBytes { read(into: $0, at: extent.offset) }
    guard complete else { throw Self.error() }
    return result
  }

  /// Fills `buffer` with the bytes from `offset` on; `false` when the file cannot be read or
  /// ends first (`errno` says why).
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
    var done = 0
    while done < buffer.count {
      let read = pread(
        descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if read < 0, errno == EINTR { continue }
      guard read > 0 else { return false }
      done += read
    }
    return true
  }

  /// Writes the bytes at `extent` to the open file `output` (at its position): copied by
  /// the kernel from file to file (`sendfile`), without passing through the process; where
  /// the kernel cannot (`output` is no regular file…), read and written a megabyte at a time.
  ///
  /// - Throws: ``OctavoError`` when either file fails.
  func copy(_ extent: Extent, to output: Int32) throws {
    let done = Self.sendAll(from: descriptor, extent, to: output)
    try copyThroughMemory(extent, from: done, to: output)
  }

  /// How many of the bytes at `extent` of `input` the kernel copied to `output` (from the
  /// first on, advancing `output`'s position), up to the first refusal.
  /// Linux only (elsewhere nothing is copied by the kernel).
  static func sendAll(from input: Int32, _ extent: Extent, to output: Int32) -> Int {
    var done = 0
    #if canImport(Glibc)
      while done < extent.count {
        var offset = extent.offset + done
        let sent = sendfile(output, input, &offset, extent.count - done)
        if sent < 0, errno == EINTR { continue }
        guard sent > 0 else { break }
        done += sent
      }
    #endif
    return done
  }

  /// Writes the bytes at `extent` from its `done`th on to `output`, read into memory a
  /// megabyte at a time.
  ///
  /// - Throws: ``OctavoError`` when either file fails.
  func copyThroughMemory(_ extent: Extent, from done: Int = 0, to output: Int32) throws {
    let chunk = 1 << 20
    var done = done
    while done < extent.count {
      let piece = try bytes(
        at: Extent(offset: extent.offset + done, count: min(chunk, extent.count - done)))
      try AtomicFile.writeAll(piece, to: output)
      done += piece.count
    }
  }

  private static func error() -> OctavoError {
    OctavoError(.cannotWrite, path: "a temporary file", detail: String(cString: strerror(errno)))
  }
}
