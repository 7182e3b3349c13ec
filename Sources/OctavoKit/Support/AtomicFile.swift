import Foundation

/// Writes a file through a temporary file in the same folder and a rename, so readers see
/// the old file or the new one, never half of one, and a failed build leaves the old file.
enum AtomicFile {
  /// Calls `write` with a temporary path, then renames it to `destination`. The temporary
  /// file is removed when `write` throws.
  static func write(to destination: URL, _ write: (URL) throws -> Void) throws {
    try stage(to: destination, write).commit()
  }

  /// A file written under its temporary name and not yet renamed into place: ``commit()``
  /// renames it, ``discard()`` removes it. Lets a build write two outputs at once and put
  /// the second in place only when the first succeeded.
  struct Staged: Sendable {
    /// The temporary file, in the destination's folder.
    let temporary: URL
    /// Where ``commit()`` puts it.
    let destination: URL
    /// Where ``retire()`` keeps the file a commit replaced, for the next build of this file to
    /// write over (``AtomicFile/stage(to:spare:_:)``); nil: ``retire()`` removes it.
    var spare: URL? = nil

    /// Renames the temporary file to the destination; removes it when that fails.
    ///
    /// A file already at the destination is swapped with the temporary one
    /// (``AtomicFile/exchange(_:_:)``) and then removed under the temporary name: ext4
    /// writes out the whole new file before a rename over another returns (its
    /// `auto_da_alloc`: 8 to 10 ms for the print edition of the 1M-word book), and not
    /// before an exchange. Readers see the old file or the new one, as with a rename.
    func commit() throws {
      if try commitLeavingReplaced() { unlink(temporary.path) }
    }

    /// Puts the file in place as ``commit()`` does, but leaves the file it replaced, if any,
    /// under ``temporary`` for the caller to remove (``discard()``) when it suits: removing
    /// a large file takes milliseconds (4 to 6 ms for the print edition of the 1M-word book).
    /// Returns whether it did.
    func commitLeavingReplaced() throws -> Bool {
      if AtomicFile.exchange(temporary.path, destination.path) { return true }
      if rename(temporary.path, destination.path) != 0 {
        let detail = String(cString: strerror(errno))
        discard()
        throw OctavoError(.cannotWrite, path: destination.path, detail: detail)
      }
      return false
    }

    /// Removes the temporary file.
    func discard() { try? FileManager.default.removeItem(at: temporary) }

    /// Disposes of the file a commit replaced (left under ``temporary`` by
    /// ``commitLeavingReplaced()``): kept at ``spare`` when there is one and the file has
    /// no other name, else removed.
    ///
    /// Removing a file frees its blocks and cached pages (2 ms for the print edition of the
    /// 1M-word book, once it is on disk), and the next build's file takes new ones; writing
    /// over a kept one reuses them.
    func retire() {
      var info = stat()
      if let spare, lstat(temporary.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
        info.st_nlink == 1, rename(temporary.path, spare.path) == 0
      {
        return
      }
      discard()
    }
  }

  /// Linux's `renameat2` (not in the Glibc module's headers), looked up once.
  private static let renameAt2:
    (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? =
      {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(
          symbol,
          to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32)
            -> Int32).self)
      }()

  /// Swaps the file at `first` with the regular file at `second` in one step
  /// (`RENAME_EXCHANGE`); false, with nothing changed, when `second` is missing or no
  /// regular file (a folder or a link stays where it is) or the system or file system
  /// cannot.
  static func exchange(_ first: String, _ second: String) -> Bool {
    var info = stat()
    guard let renameAt2, lstat(second, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      return false
    }
    // RENAME_EXCHANGE (linux/fs.h); AT_FDCWD: paths relative to the working folder.
    return renameAt2(AT_FDCWD, first, AT_FDCWD, second, 1 << 1) == 0
  }

  /// Calls `write` with a temporary path and returns it staged, to be renamed to
  /// `destination` by ``Staged/commit()``. The temporary file is removed when `write` throws.
  ///
  /// With a `spare` (a file an earlier build's ``Staged/retire()`` kept), the spare is moved
  /// to the temporary path first, when no process has it open, so `write` finds a file there
  /// and writes over it: a writer given a spare opens the file without truncating it and
  /// cuts it to its new length when done. A spare still open elsewhere (a reader holding the
  /// book an earlier build replaced) is removed, never written over, and `write` starts
  /// from no file.
  static func stage(
    to destination: URL, spare: URL? = nil, _ write: (URL) throws -> Void
  ) throws -> Staged {
    let folder = destination.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw OctavoError(
        .cannotWrite, path: folder.path,
        detail: FileSystemMessage.reason(creatingFolder: folder, error: error))
    }
    let temporary = folder.appending(path: ".\(destination.lastPathComponent).\(getpid()).tmp")
    if let spare { take(spare, to: temporary.path) }
    do {
      try write(temporary)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
    return Staged(temporary: temporary, destination: destination, spare: spare)
  }

  /// Moves the spare file at `spare` to `path` when it is a regular file with one name that
  /// no other process has open; removes it otherwise. The rename comes first, so of two
  /// builds only one takes it.
  private static func take(_ spare: URL, to path: String) {
    guard rename(spare.path, path) == 0 else { return }
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
      unlink(path)
      return
    }
    // Checked once: no one else knows the temporary name, so no one opens it after.
    let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
    defer { if descriptor >= 0 { close(descriptor) } }
    if descriptor < 0 || !isOpenOnlyHere(descriptor) { unlink(path) }
  }

  /// Whether no other open file (a descriptor or a mapping, of any process) refers to the file
  /// open at `descriptor`: a write lease is granted only then. It is let go at once. False
  /// also where the file system grants no leases.
  static func isOpenOnlyHere(_ descriptor: Int32) -> Bool {
    // F_SETLEASE, F_WRLCK and F_UNLCK (fcntl.h, behind _GNU_SOURCE).
    let setLease: Int32 = 1024
    guard fcntl(descriptor, setLease, Int32(1)) == 0 else { return false }
    _ = fcntl(descriptor, setLease, Int32(2))
    return true
  }

  /// Removes what interrupted writes of `destination` left behind: files named
  /// `.<name>.<pid>.tmp` (and libzip's `.<name>.<pid>.tmp.XXXXXX`) in its folder whose process
  /// is gone. Files of a build still running (its process exists) are left alone.
  static func removeStale(for destination: URL) {
    let folder = destination.deletingLastPathComponent()
    let prefix = "." + destination.lastPathComponent + "."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      return
    }
    for name in names where name.hasPrefix(prefix) {
      let rest = name.dropFirst(prefix.count)
      let parts = rest.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count >= 2, parts[1] == "tmp", let pid = pid_t(parts[0]), pid > 0 else {
        continue
      }
      // kill(pid, 0) fails with ESRCH only when no such process exists.
      if pid != getpid(), kill(pid, 0) == 0 || errno != ESRCH { continue }
      let url = folder.appending(path: name)
      var info = stat()
      // Only regular files: never follow a link or remove a folder.
      guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
      unlink(url.path)
    }
  }

  /// Writes `bytes` to `destination` atomically.
  static func write(_ bytes: [UInt8], to destination: URL) throws {
    try write(pieces: [bytes], to: destination)
  }

  /// Writes the concatenation of `pieces` to `destination` atomically, straight from the
  /// buffers (no joined copy).
  static func write(pieces: [[UInt8]], to destination: URL) throws {
    try write(pieces: pieces.map { Piece.bytes($0) }, to: destination)
  }

  /// Part of a file being written: bytes in memory, or bytes kept in a ``SpillFile``.
  enum Piece {
    case bytes([UInt8])
    case spilled(SpillFile, [SpillFile.Extent])
  }

  /// Writes the concatenation of `pieces` to `destination` atomically, straight from the
  /// buffers and spill files (no joined copy).
  static func write(pieces: [Piece], to destination: URL) throws {
    try stage(pieces: pieces, to: destination).commit()
  }

  /// Writes the concatenation of `pieces` under a temporary name and returns it staged, to be
  /// renamed into place by ``Staged/commit()``;
  /// written over a `spare` when there is one (``stage(to:spare:_:)``).
  static func stage(pieces: [Piece], to destination: URL, spare: URL? = nil) throws -> Staged {
    try stage(to: destination, spare: spare) { temporary in
      // Not truncated on opening: a spare is written over, then cut to its new length.
      let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o666)
      guard descriptor >= 0 else {
        throw OctavoError(
          .cannotWrite, path: temporary.path, detail: String(cString: strerror(errno)))
      }
      defer { close(descriptor) }
      do {
        for piece in pieces {
          switch piece {
          case .bytes(let bytes): try writeAll(bytes, to: descriptor)
          case .spilled(let file, let extents):
            for extent in extents { try file.copy(extent, to: descriptor) }
          }
        }
        let length = lseek(descriptor, 0, SEEK_CUR)
        guard length >= 0, ftruncate(descriptor, length) == 0 else {
          throw OctavoError(.cannotWrite, path: "", detail: String(cString: strerror(errno)))
        }
      } catch let error as OctavoError {
        throw OctavoError(error.kind, path: temporary.path, detail: error.detail)
      }
    }
  }

  /// Writes all of `bytes` to the open file `descriptor`.
  ///
  /// - Throws: ``OctavoError`` when the file cannot be written.
  static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
    try bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(
          descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else {
          throw OctavoError(.cannotWrite, path: "", detail: String(cString: strerror(errno)))
        }
        offset += written
      }
    }
  }
}
