import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Gives the memory allocator's free pages back to the system.
///
/// Rendering a chapter frees millions of small blocks; the allocator keeps the pages they
/// were in (jemalloc, the `octavo` executable's, for ten seconds), so without this the
/// resident size of a build grows by each chapter's garbage although the heap in use does
/// not. Giving pages back costs system calls and new page faults, though (glibc's trim
/// walks the whole heap: after every chapter of a 4M-word book it cost about 5 % of the
/// build's CPU time). So the pages are given back once enough has been written since the
/// last time (a chapter of thousands of notes each time, an ordinary chapter rarely), and
/// once when loading ends (``purge()``, called by the build).
enum FreeMemory {
  #if canImport(Glibc)
    /// glibc's `malloc_trim` (not in the Glibc module's headers), looked up once.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
      guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    /// jemalloc's `mallctl(name, oldp, oldlenp, newp, newlen)`.
    private typealias MallocControl =
      @convention(c) (
        UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?,
        UnsafeMutableRawPointer?, Int
      ) -> Int32

    /// jemalloc's `mallctl`, when jemalloc is the process's allocator (the `octavo`
    /// executable links it; glibc's `malloc_trim` then trims a heap nobody uses).
    private static let mallctl: MallocControl? = {
      guard let symbol = dlsym(nil, "mallctl") else { return nil }
      return unsafeBitCast(symbol, to: MallocControl.self)
    }()
  #endif

  /// Gives every arena's unused dirty pages back to the system (jemalloc's
  /// `arena.<all>.purge`), or trims glibc's heap when jemalloc is not the allocator.
  static func purge() {
    #if canImport(Glibc)
      if let mallctl {
        _ = mallctl("arena.4096.purge", nil, nil, nil, 0)
      } else {
        _ = trim?(0)
      }
    #endif
  }

  /// The bytes written since pages were last given back, behind ``lock``.
  /// Runs `body` with the calling thread's allocations in jemalloc's first arena when
  /// `when` holds (and jemalloc is the allocator), then in the thread's own again.
  ///
  /// Each thread allocates from an arena of its own, and pages freed in one arena are not
  /// reused by another. Large chapters, parsed or rendered one at a time but on whichever
  /// thread is free, each took fresh pages while the last one's stayed dirty in another
  /// arena (96 MiB against 75 for the notes book); in one arena, each reuses the last one's.
  /// The passes that read a parked chapter back work on it there too: left in the workers'
  /// arenas, they made one build in six peak 12 MiB higher.
  static func onFirstArena<T>(when: Bool = true, _ body: () throws -> T) rethrows -> T {
    #if canImport(Glibc)
      guard when, let mallctl else { return try body() }
      var old: UInt32 = 0
      var oldSize = MemoryLayout<UInt32>.size
      var first: UInt32 = 0
      guard mallctl("thread.arena", &old, &oldSize, &first, MemoryLayout<UInt32>.size) == 0
      else { return try body() }
      defer { _ = mallctl("thread.arena", nil, nil, &old, MemoryLayout<UInt32>.size) }
    #endif
    return try body()
  }

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
    purge()
    return true
  }
}
