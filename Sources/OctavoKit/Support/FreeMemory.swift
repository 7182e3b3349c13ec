#if canImport(Glibc)
  import Glibc
#endif

/// Gives the memory allocator's free pages back to the system.
///
/// Rendering a chapter frees millions of small blocks; glibc keeps the pages they were in,
/// so without this the resident size of a build grows by each chapter's garbage although
/// the heap in use does not.
enum FreeMemory {
  #if canImport(Glibc)
    /// glibc's `malloc_trim` (not in the Glibc module's headers), looked up once.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
      guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
  #endif

  /// Returns the free pages of every allocator arena to the system (no-op where the C
  /// library has no `malloc_trim`).
  static func release() {
    #if canImport(Glibc)
      _ = trim?(0)
    #endif
  }
}
