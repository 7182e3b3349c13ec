import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Gives the memory allocator's free pages back to the system.
///
/// Rendering a chapter frees millions of small blocks; glibc keeps the pages they were in,
/// so without this the resident size of a build grows by each chapter's garbage although
/// the heap in use does not. Trimming walks the whole heap, though, and leaves the allocator
/// to split large blocks again: after every chapter of a 4M-word book it cost about 5 % of
/// the build's CPU time and lowered no peak. So the pages are given back once enough has
/// been written since the last time (a chapter of thousands of notes each time, an ordinary
/// chapter rarely).
enum FreeMemory {
  #if canImport(Glibc)
    /// glibc's `malloc_trim` (not in the Glibc module's headers), looked up once.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
      guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
  #endif

  /// The bytes written since pages were last given back, behind ``lock``.
  nonisolated(unsafe) private static var written = 0
  private static let lock = NSLock()

  /// The bytes written since the last trim.
  static var pendingBytes: Int { lock.withLock { written } }

  /// How many bytes of output are written between two trims.
  static let threshold = 8 << 20

  /// Notes that `bytes` of output were written (their making freed about as much), and
  /// returns the free pages of every allocator arena to the system once ``threshold`` bytes
  /// have been written since the last time (no-op where the C library has no `malloc_trim`).
  /// Returns whether it trimmed.
  @discardableResult
  static func release(afterWriting bytes: Int) -> Bool {
    let due = lock.withLock {
      written += bytes
      guard written >= threshold else { return false }
      written = 0
      return true
    }
    guard due else { return false }
    #if canImport(Glibc)
      _ = trim?(0)
    #endif
    return true
  }
}
