/// A document's bytes handed on as they are written, instead of joined first: the XHTML
/// deflated piece by piece for the zip, the print section adapted and appended to the
/// temporary file run by run. A chapter of 10,000 notes then never holds its whole adapted
/// section (about 20 MB of tree), its section's bytes or its XHTML's bytes at once.
extension SerializedBook {
  /// Where a rendered document's bytes go as they are written, when nothing else needs them
  /// whole (no render cache entry, no live preview memory).
  struct Sinks: Sendable {
    /// The level each XHTML document is deflated at, for the zip; nil when the EPUB's
    /// documents are not deflated.
    var deflateLevel: Int32?
    /// Where print sections wait for the print edition; nil when they stay in memory.
    var printSpill: SpillFile?
  }

  /// `root` written as the EPUB's XHTML document and deflated at `level` as each piece is
  /// written, with whether it holds MathML (``holdsMath(_:)`` of the whole); nil when zlib
  /// fails. Each piece is also given to `entry`, the chapter's cache entry, when there is one.
  static func deflatedDocument(
    _ root: XMLElement, level: Int32, entry: RenderCache.EntryWriter? = nil
  ) throws -> (deflated: Deflate.Output, holdsMath: Bool)? {
    let stream = Deflate.Stream(level: level)
    var scan = MathScan()
    try XMLSerializer.document(root, doctype: "html", nodesPerPiece: 4096) { piece in
      stream.add(piece)
      scan.scan(piece)
      entry?.add(piece)
    }
    return stream.finish().map { ($0, scan.found) }
  }

  /// `section` adapted for print and appended to `spill` as it is written, in runs of about
  /// ``spillRun`` bytes, each run also given to `entry`, the chapter's cache entry, when
  /// there is one; returns where its runs are, in order.
  static func spilledSection(
    _ section: XMLElement, images: ImageURIs, footnoteCalls: PrintSection.FootnoteCalls?,
    splitting: Bool = false, into spill: SpillFile, entry: RenderCache.EntryWriter? = nil
  ) throws -> [SpillFile.Extent] {
    var extents: [SpillFile.Extent] = []
    var run: [UInt8] = []
    func append() throws {
      guard !run.isEmpty else { return }
      entry?.add(run[...])
      let extent = try spill.append(run)
      // Runs that land next to each other are one extent.
      if let last = extents.last, last.offset + last.count == extent.offset {
        extents[extents.count - 1].count += extent.count
      } else {
        extents.append(extent)
      }
      run.removeAll(keepingCapacity: true)
    }
    try PrintSection.writeForPrint(
      section, images: images, footnoteCalls: footnoteCalls, splitting: splitting
    ) { piece in
      run += piece
      if run.count >= spillRun { try append() }
    }
    try append()
    return extents
  }

  /// The size of the runs a print section is appended to the temporary file in.
  static let spillRun = 1 << 18

  /// Looks for `<math` as markup (``holdsMath(_:)``) in bytes given a piece at a time,
  /// across the pieces' edges too.
  struct MathScan {
    /// Whether `<math` followed by a space or `>` was seen.
    private(set) var found = false
    /// The last bytes seen, fewer than the six a match takes.
    private var tail: [UInt8] = []

    mutating func scan(_ piece: ArraySlice<UInt8>) {
      guard !found, !piece.isEmpty else { return }
      // A match across the edge starts in the tail.
      if !tail.isEmpty {
        let edge = tail + piece.prefix(5)
        if SerializedBook.holdsMath(edge) {
          found = true
          return
        }
      }
      if piece.withUnsafeBufferPointer({ SerializedBook.holdsMath($0) }) {
        found = true
        return
      }
      tail = Array((tail + piece).suffix(5))
    }
  }
}
