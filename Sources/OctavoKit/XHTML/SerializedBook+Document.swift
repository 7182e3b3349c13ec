import Foundation

extension SerializedBook {
  /// One document of the book, written out.
  struct Document: Sendable {
    /// The document's id: the chapter's or part's, `notes`, `copyright-page`…
    var id: String
    /// The id of the manifest item (`cover`, `titlepage`, `doc-<chapter id>`).
    var manifestID: String
    /// The file name in `EPUB/text/`.
    var fileName: String
    /// Front, body or back matter.
    var matter: Matter
    /// The XHTML document, or empty when the EPUB is not being made or the document was
    /// deflated (``deflatedXHTML``).
    var xhtml: [UInt8]
    /// The XHTML document deflated for the zip, when the book was made with a
    /// `deflateLevel` and the document was rendered (not read from the cache): only the
    /// deflated bytes are kept, and ``xhtml`` is empty.
    var deflatedXHTML: Deflate.Output?
    /// Whether the XHTML document holds MathML, worked out before it was deflated.
    var holdsMath: Bool?
    /// The section as the print edition writes it, or empty when it is not being made or
    /// the section was spilled (``spilledPrintSection``).
    var printSection: [UInt8]
    /// Where the section is in the book's ``SerializedBook/printSpill``, in order, when it was
    /// written there instead of being kept in memory (empty when it was not): one extent, or
    /// several when the section was spilled as it was written.
    var spilledPrintSection: [SpillFile.Extent] = []
    /// Problems found while rendering.
    var diagnostics: [Diagnostic]
    /// The rendered tree the bytes were written from, kept only when the book was made with
    /// `keepsTrees` (the live preview shows and searches it) and the document was rendered
    /// rather than read from the cache.
    var tree: XHTMLRenderer.Document?
    /// Whether the print section is marked as the first of the body matter.
    var firstBody = false
    /// Whether each note's text is copied to its call in the print section (chapters).
    var footnoteCalls = false
    /// Where the XHTML document and the print section are in the render cache, when the
    /// chapter was read from it without its bytes (``xhtml`` and ``printSection`` are then
    /// empty): the EPUB reads the XHTML only when it cannot copy the entry from the last
    /// EPUB (``xhtmlBytes()``), the print edition copies the section from the file
    /// (``SerializedBook/printPiece(_:)``).
    var storedEntry: RenderCache.StoredEntry?
    /// The key the render cache holds this chapter under
    /// (``RenderCache/BookContext/key(for:firstBody:)``), when the book was made with a cache:
    /// the same key, the same bytes, so what the packager works out from the bytes can be
    /// kept by the key too.
    var cacheKey: String?

    /// The XHTML document: ``xhtml``, or its bytes read from the render cache when they were
    /// left there (``storedEntry``).
    ///
    /// - Throws: ``OctavoError`` when the cache's file cannot be read.
    func xhtmlBytes() throws -> [UInt8] {
      if let storedEntry, xhtml.isEmpty, deflatedXHTML == nil {
        return try storedEntry.readXHTML()
      }
      return xhtml
    }

    /// Keeps only the XHTML document deflated at `level` (and whether it holds MathML).
    mutating func deflateXHTML(level: Int32) {
      guard !xhtml.isEmpty, let deflated = Deflate.raw(xhtml, level: level) else { return }
      holdsMath = SerializedBook.holdsMath(xhtml)
      deflatedXHTML = deflated
      xhtml = []
    }

    /// The bytes of the document's outputs, whether kept, deflated or spilled.
    var writtenBytes: Int {
      xhtml.count + (deflatedXHTML?.size ?? 0) + printSection.count
        + spilledPrintSection.reduce(0) { $0 + $1.count }
    }

    /// The same document without its EPUB bytes, once the EPUB is written.
    mutating func releaseXHTML() {
      xhtml = []
      deflatedXHTML = nil
    }
  }
}
