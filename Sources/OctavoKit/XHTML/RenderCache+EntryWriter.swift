import Foundation

extension RenderCache {
  /// A chapter's cache entry written to its temporary file as the chapter's bytes are made,
  /// so the build never holds the chapter's whole XHTML document and print section for it:
  /// the XHTML's pieces are deflated for the zip and written here, the print section's runs
  /// spilled for the print edition and written here. The file's bytes are those
  /// ``encode(_:key:)`` gives for the same entry.
  ///
  /// Used by one thread: ``beginXHTML()``, its pieces, ``beginPrintSection()``, its runs,
  /// then ``finish(diagnostics:)``. An entry not finished, or whose file could not be
  /// written, is removed and not cached (the build goes on).
  final class EntryWriter {
    private let cache: RenderCache
    private let key: String
    private let file: URL
    private var descriptor: Int32
    /// Bytes not yet written to the file.
    private var pending: [UInt8] = []
    /// The file's length so far, `pending` included.
    private var length = 0
    /// Where the length of the part being written goes (its bytes follow those eight).
    private var lengthAt: Int?
    private var failed = false

    /// Opens the entry for `key` in `cache`; `nil` when its file cannot be made.
    init?(cache: RenderCache, key: String) {
      guard let (file, descriptor) = cache.stagingFile(for: key) else { return nil }
      self.cache = cache
      self.key = key
      self.file = file
      self.descriptor = descriptor
      add(RenderCache.head(key: key).bytes[...])
    }

    deinit {
      if descriptor >= 0 {
        close(descriptor)
        unlink(file.path)
      }
    }

    /// Starts the XHTML document: its pieces follow, in order.
    func beginXHTML() { beginPart() }

    /// Starts the print section (which ends the XHTML document): its runs follow, in order.
    func beginPrintSection() {
      endPart()
      beginPart()
    }

    /// The next bytes of the part begun last.
    func add(_ bytes: ArraySlice<UInt8>) {
      guard !failed else { return }
      pending += bytes
      length += bytes.count
      if pending.count >= 1 << 16 { flush() }
    }

    /// Gives up on the entry: it is not cached (a writer that could not hand the cache
    /// every byte, such as an XHTML document zlib failed on, written whole instead).
    func abandon() { failed = true }

    /// Ends the print section, writes `diagnostics` and hands the file to the cache, to be
    /// renamed into place when the build commits. Returns whether the entry was kept.
    @discardableResult
    func finish(diagnostics: [Diagnostic]) -> Bool {
      endPart()
      var tail = ByteWriter()
      RenderCache.encode(diagnostics, into: &tail)
      add(tail.bytes[...])
      flush()
      guard descriptor >= 0 else { return false }
      let closed = close(descriptor) == 0
      descriptor = -1
      guard !failed, closed else {
        unlink(file.path)
        return false
      }
      cache.adoptStaged(file, for: key)
      return true
    }

    private func beginPart() {
      guard !failed else { return }
      lengthAt = length
      add([UInt8](repeating: 0, count: 8)[...])
    }

    /// Writes the part's length in the eight bytes kept for it.
    private func endPart() {
      guard let lengthAt, !failed else { return }
      self.lengthAt = nil
      flush()
      guard !failed else { return }
      var number = UInt64(length - lengthAt - 8).littleEndian
      let written = withUnsafeBytes(of: &number) {
        pwrite(descriptor, $0.baseAddress, 8, off_t(lengthAt))
      }
      if written != 8 { failed = true }
    }

    private func flush() {
      guard !failed, !pending.isEmpty else { return }
      if (try? AtomicFile.writeAll(pending, to: descriptor)) == nil { failed = true }
      pending.removeAll(keepingCapacity: true)
    }
  }
}
