import Foundation

/// Which reading systems an EPUB is made for.
public enum EPUBProfile: String, Sendable, CaseIterable {
  /// EPUB 3.3 plus what older reading systems still use: the NCX, the `<guide>` and the
  /// EPUB 2 `<meta name="cover">`.
  case compatible
  /// Pure EPUB 3.3, without the EPUB 2 extras.
  case strict
}

/// Packages a book whose documents are written out (``SerializedBook``) as an EPUB 3.3 file.
///
/// The container holds, in this order: `mimetype` (first, stored, no extra field),
/// `META-INF/container.xml`, `EPUB/package.opf`, `EPUB/nav.xhtml`, `EPUB/toc.ncx`, the style
/// sheet, the content documents in reading order and the images.
public struct EPUBPackager {
  /// The path of the package document in the container.
  static let packagePath = "EPUB/package.opf"

  /// The book's documents, written out.
  let documents: SerializedBook
  /// The manuscript folder, where images are read from.
  let root: URL
  /// The style sheet to include.
  let stylesheet: [UInt8]
  /// The fonts to embed.
  let fonts: [EmbeddedFont]
  /// Which reading systems to serve: with the EPUB 2 extras, or pure EPUB 3.3.
  var profile: EPUBProfile = .compatible
  /// The book's accessibility report, when the caller has made it already.
  var accessibility: AccessibilityReport?
  /// What an earlier build of the book worked out and wrote that this one can take over.
  var reuse = Reuse()
  /// A file an earlier build left to write the EPUB over (``AtomicFile/stage(to:spare:_:)``),
  /// where the EPUB this one replaces is kept in turn; nil: a new file, and the replaced
  /// EPUB is removed.
  var spare: URL?

  var book: Book { documents.book }

  /// Creates a packager for a book whose documents are written out (with the `.epub`
  /// format), embedding `fonts` (obfuscated when the book's metadata asks for it).
  /// A book with formulas gets the math rules after the style sheet and, when it embeds
  /// fonts (and the style sheet leaves the `@font-face` rules to Octavo), STIX Math.
  init(serialized: SerializedBook, root: URL, stylesheet: [UInt8], fonts: [EmbeddedFont] = []) {
    self.documents = serialized
    self.root = root
    let book = serialized.book
    let hasMath = book.hasMath ?? book.chapters.contains(where: \.containsMath)
    self.stylesheet = hasMath ? stylesheet + Array(MathStyle.epub.utf8) : stylesheet
    var fonts = fonts
    if hasMath, !fonts.isEmpty, !fonts.contains(where: { $0.face.family.contains("Math") }),
      String(decoding: stylesheet, as: UTF8.self).firstMatch(of: /@font-face\s*\{/) == nil,
      let math = EmbeddedFont.mathFont()
    {
      fonts.append(math)
    }
    self.fonts = fonts
  }

  /// The style sheet with `@font-face` rules for the embedded fonts, unless it has its own.
  var stylesheetWithFonts: [UInt8] {
    guard !fonts.isEmpty,
      String(decoding: stylesheet, as: UTF8.self).firstMatch(of: /@font-face\s*\{/) == nil
    else {
      return stylesheet
    }
    return stylesheet + Array(EmbeddedFont.fontFaceRules(fonts).utf8)
  }

  /// One file of the container.
  struct Entry {
    var name: String
    var bytes: [UInt8]
    var compress: Bool
    /// The render-cache key of a chapter's document: the same key, the same bytes.
    var key: String?
    /// Whether the document holds MathML (content documents only).
    var holdsMath = false
    /// The content deflated already (``bytes`` is then empty), added to the zip as it is.
    var deflated: Deflate.Output?
    /// Where the content is in the render cache (``bytes`` is then empty): a chapter
    /// document that the last EPUB holds under the same key, whose findings are known, is
    /// read only if its entry cannot be copied after all.
    var stored: RenderCache.StoredEntry?
    /// For an entry made from inputs a digest stands for (the NCX): that digest and, when
    /// the bytes are left unmade (``bytes`` empty) because the last EPUB holds the entry the
    /// same inputs made, its size and how to make it should it not be copied after all.
    var made: Made?

    /// The size of the content, deflated or not.
    var size: Int {
      deflated?.size ?? stored?.xhtml.count ?? (bytes.isEmpty ? made?.size : nil) ?? bytes.count
    }
  }

  /// An entry made from inputs a digest stands for (``NCXDocument/inputDigest``).
  struct Made: Sendable {
    /// The digest of everything the entry is made from.
    var digest: String
    /// The size of the bytes, when they are left unmade.
    var size: Int?
    /// Makes the bytes, when they are left unmade.
    var make: (@Sendable () throws -> [UInt8])?
  }

  /// What the packager works out from a chapter document's bytes: kept by the document's
  /// render-cache key, which stands for the bytes (and the entry's name).
  struct DocumentFacts: Sendable, Equatable {
    /// Whether the document holds MathML (the manifest item's `mathml` property).
    var holdsMath: Bool
    /// What the structure check found in the document on its own.
    var scan: EPUBStructureCheck.DocumentScan
    /// Where its links led when the last build checked them, and the keys the files they
    /// lead into had then (``EPUBStructureCheck/LinkTargets``): not the document's alone,
    /// so kept beside its findings and brought up to date by each build.
    var targets: EPUBStructureCheck.LinkTargets?
  }

  /// What an earlier build of the book left for this one, by render-cache key
  /// (``SerializedBook/Document/cacheKey``).
  struct Reuse {
    /// What was worked out from each chapter document's bytes.
    var documents: [String: DocumentFacts] = [:]
    /// What was worked out from the bytes of another entry, by its key (a digest of its
    /// name and bytes, ``EPUBPackager/contentKey(name:bytes:)``), looked up when the
    /// packager has made the entry.
    var lookup: ((String) -> DocumentFacts?)?
    /// The key and size of the entry the last build made from the inputs a digest stands for
    /// (``Made``), by that digest.
    var made: ((String) -> (key: String, size: Int)?)?
    /// The EPUB file an earlier build wrote, and the key of each chapter document in it (by
    /// entry name), when the file is known to be the one that build wrote: an entry with
    /// the same name and key is copied from it deflated, instead of deflated again.
    var previous: (archive: URL, keys: [String: String])?
  }

  /// What a write worked out that a later build can take over (``Reuse``).
  struct Written {
    /// What was worked out from each chapter document's bytes, by key.
    var documents: [String: DocumentFacts] = [:]
    /// The key of each chapter document's entry, by entry name.
    var keys: [String: String] = [:]
    /// How many entries were copied from the earlier EPUB.
    var copied = 0
    /// The key and size of each entry made from inputs a digest stands for, by digest.
    var made: [String: (key: String, size: Int)] = [:]
    /// The file the EPUB replaced, under the temporary name, for the caller to remove
    /// (``AtomicFile/Staged/discard()``) when it suits: ``writeForReuse(to:)`` leaves it.
    var replaced: AtomicFile.Staged?
  }

  /// Returns the container's files, in order.
  func entries() throws -> [Entry] {
    let words = documents.renderer.words
    var items: [ManifestItem] = []
    var files: [Entry] = []

    func addDocument(_ document: SerializedBook.Document) throws {
      let href = "text/" + document.fileName
      // A document left in the render cache stays there when the last EPUB holds it under
      // the same key and what it holds is known; otherwise it is read now.
      var bytes = document.xhtml
      var stored: RenderCache.StoredEntry?
      if let entry = document.storedEntry, bytes.isEmpty, document.deflatedXHTML == nil {
        if let key = document.cacheKey, reuse.documents[key] != nil,
          reuse.previous?.keys["EPUB/" + href] == key
        {
          stored = entry
        } else {
          bytes = try entry.readXHTML()
        }
      }
      let holdsMath =
        document.cacheKey.flatMap { reuse.documents[$0]?.holdsMath }
        ?? document.holdsMath ?? SerializedBook.holdsMath(bytes)
      items.append(
        ManifestItem(
          id: document.manifestID, href: href, mediaType: "application/xhtml+xml",
          properties: holdsMath ? ["mathml"] : [], inSpine: true))
      files.append(
        Entry(
          name: "EPUB/" + href, bytes: bytes, compress: true, key: document.cacheKey,
          holdsMath: holdsMath, deflated: document.deflatedXHTML, stored: stored))
    }

    var coverHref: String?
    var coverImageID: String?
    if let cover = documents.cover {
      try addDocument(cover.document)
      coverHref = "text/cover.xhtml"
      coverImageID = Self.imageID(cover.image)
    }
    try addDocument(documents.titlePage)
    for page in documents.frontPages { try addDocument(page) }
    // The contents come after the short pages that open the book (dedication, epigraph), as
    // in the print edition.
    let typesByID = Dictionary(
      book.chapters.map { ($0.id, $0.type) }, uniquingKeysWith: { a, _ in a })
    var navIndex = items.count
    var leading = true
    var bodyMatterHref: String?
    for document in documents.documents {
      try addDocument(document)
      if leading, let type = typesByID[document.id],
        PrintEditionRenderer.shortPageTypes.contains(type)
      {
        navIndex = items.count
      } else {
        leading = false
      }
      if bodyMatterHref == nil, document.matter == .body {
        bodyMatterHref = "text/" + document.fileName
      }
    }

    let contents = documents.contents
    let notesHref =
      documents.hasNotes
      ? "text/" + XHTMLRenderer.fileName(forDocument: XHTMLRenderer.notesDocumentID) : nil
    let nav = NavigationDocument(
      book: book, contents: contents, coverHref: coverHref,
      bodyMatterHref: bodyMatterHref, notesHref: notesHref)
    // The contents page is part of the reading order, after the title page.
    items.insert(
      ManifestItem(
        id: "nav", href: "nav.xhtml", mediaType: "application/xhtml+xml",
        properties: ["nav"], inSpine: true), at: navIndex)
    if profile == .compatible {
      items.append(ManifestItem(id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml"))
    }
    items.append(ManifestItem(id: "css", href: "styles/epub.css", mediaType: "text/css"))

    var imageFiles: [Entry] = []
    for image in book.images {
      guard let data = image.bytes(in: root) else {
        throw OctavoError(.cannotWrite, path: image.path, detail: "cannot read the image")
      }
      var properties: [String] = []
      if image.path == book.metadata.cover { properties.append("cover-image") }
      items.append(
        ManifestItem(
          id: Self.imageID(image), href: "images/" + image.fileName,
          mediaType: image.mediaType, properties: properties))
      // Compressed image formats gain nothing from deflate.
      imageFiles.append(
        Entry(
          name: "EPUB/images/" + image.fileName, bytes: data,
          compress: image.mediaType == "image/svg+xml"))
    }

    var fontFiles: [Entry] = []
    let key = FontObfuscation.key(forIdentifier: book.metadata.identifier)
    for font in fonts {
      items.append(
        ManifestItem(
          id: "font-" + Slugger.asciiSlug(font.fileName), href: "fonts/" + font.fileName,
          mediaType: font.format.mediaType))
      let bytes =
        book.metadata.obfuscateFonts ? FontObfuscation.apply(font.bytes, key: key) : font.bytes
      // WOFF and WOFF2 are compressed already.
      fontFiles.append(
        Entry(
          name: "EPUB/fonts/" + font.fileName, bytes: bytes,
          compress: font.format == .ttf || font.format == .otf))
    }
    var metaInf: [Entry] = []
    if !fonts.isEmpty {
      if book.metadata.obfuscateFonts {
        metaInf.append(
          Entry(
            name: "META-INF/encryption.xml",
            bytes: try XMLSerializer.document(
              EncryptionDocument(paths: fontFiles.map(\.name)).root),
            compress: true))
      }
      metaInf.append(
        Entry(
          name: "META-INF/com.apple.ibooks.display-options.xml",
          bytes: try XMLSerializer.document(AppleDisplayOptions().root), compress: true))
    }

    var package = PackageDocument(
      metadata: book.metadata, items: items, coverImageID: coverImageID,
      accessibility: accessibility ?? AccessibilityReport(book: book))
    if profile == .compatible {
      // For EPUB 2 reading systems (and Kindle, which still reads the guide's start).
      package.guide = [("toc", words.contents, "nav.xhtml#toc")]
      if let coverHref { package.guide.insert(("cover", words.cover, coverHref), at: 0) }
      if let bodyMatterHref { package.guide.append(("text", words.startOfContent, bodyMatterHref)) }
    } else {
      package.coverImageID = nil
      package.ncx = false
    }
    var all: [Entry] =
      [
        Entry(name: "mimetype", bytes: Array("application/epub+zip".utf8), compress: false),
        Entry(
          name: "META-INF/container.xml",
          bytes: try XMLSerializer.document(ContainerDocument(packagePath: Self.packagePath).root),
          compress: true),
      ] + metaInf + [
        Entry(
          name: Self.packagePath, bytes: try XMLSerializer.document(package.root), compress: true),
        try navigationEntry(nav),
      ]
    if profile == .compatible {
      // The NCX is made only when the last EPUB does not hold the one made from the same
      // inputs (or should that entry not be copied after all).
      let ncx = NCXDocument(
        metadata: book.metadata, contents: contents, pages: documents.renderer.pagePlan.pages,
        pagesLabel: words.pages)
      all.append(
        try madeEntry(name: "EPUB/toc.ncx", digest: ncx.inputDigest) {
          try XMLSerializer.document(ncx.root)
        })
    }
    all.append(Entry(name: "EPUB/styles/epub.css", bytes: stylesheetWithFonts, compress: true))
    all += files
    all += imageFiles
    all += fontFiles
    return all
  }

  /// The navigation document's entry: left unmade (as the NCX is) when the last EPUB holds
  /// the one made from the same inputs and the structure check's findings in it are known.
  private func navigationEntry(_ nav: NavigationDocument) throws -> Entry {
    let renderer = documents.renderer
    return try madeEntry(
      name: "EPUB/nav.xhtml", digest: nav.inputDigest(renderer: renderer), needsFindings: true
    ) { try Self.xhtml(nav.root(renderer: renderer)) }
  }

  /// The entry `name`, whose bytes `make` makes from inputs `digest` stands for: left unmade
  /// (to be copied) when the last EPUB holds the one made from the same inputs and, with
  /// `needsFindings`, the structure check's findings in it are known; `make` stays with it
  /// should the copy not happen.
  private func madeEntry(
    name: String, digest: String, needsFindings: Bool = false,
    make: @escaping @Sendable () throws -> [UInt8]
  ) throws -> Entry {
    if let known = reuse.made?(digest), reuse.previous?.keys[name] == known.key,
      !needsFindings || reuse.lookup?(known.key) != nil
    {
      return Entry(
        name: name, bytes: [], compress: true, key: known.key,
        made: Made(digest: digest, size: known.size, make: make))
    }
    return Entry(name: name, bytes: try make(), compress: true, made: Made(digest: digest))
  }

  /// The structure check of the container's files on their own (``EPUBStructureCheck``
  /// without the zip file): their problems and the scan of every content document.
  static func contentCheck(
    _ files: [Entry], known: [String: DocumentFacts]
  ) -> EPUBStructureCheck.Result {
    var check = EPUBStructureCheck(
      entries: files.map { .init(name: $0.name, bytes: $0.bytes, deflated: $0.deflated) },
      knownScans: known.mapValues(\.scan))
    for file in files {
      if let key = file.key { check.keys[file.name] = key }
    }
    check.knownTargets = known.compactMapValues(\.targets)
    return check.check()
  }

  /// The key of an entry made here (not a chapter's document, whose render-cache key stands
  /// for it): its name and the SHA-1 of its bytes. Entries with the same key hold the same
  /// bytes under the same name, so one can be copied from the last EPUB and its findings
  /// taken over like a chapter document's.
  static func contentKey(name: String, bytes: [UInt8]) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var digest: [UInt8] = []
    for byte in SHA1.hash(bytes) {
      digest.append(hex[Int(byte >> 4)])
      digest.append(hex[Int(byte & 15)])
    }
    return "content " + String(decoding: digest, as: UTF8.self) + " " + name
  }

  static func imageID(_ image: ImageResource) -> String {
    "img-" + Slugger.asciiSlug(image.fileName)
  }

  static func xhtml(_ root: XMLElement) throws -> [UInt8] {
    try XMLSerializer.document(root, doctype: "html")
  }

  /// Writes the EPUB to `path` (replacing what is there only when all went well).
  ///
  /// The finished container passes ``EPUBStructureCheck`` before it is put in place.
  ///
  /// - Throws: ``OctavoError`` when the file cannot be written, or, with the kind
  ///   `.invalidEPUB`, when the structure check finds a problem (a bug in Octavo).
  public func write(to path: URL) throws {
    try writeForReuse(to: path).replaced?.retire()
  }

  /// Writes the EPUB to `path` as ``write(to:)`` does, taking over what ``reuse`` holds: a
  /// chapter document whose key is known is not scanned again (its findings still count), and
  /// its entry is copied deflated from the earlier EPUB when that holds it under the same
  /// key. The other entries made in memory (the package document, navigation, NCX, style
  /// sheet…) get a key of their bytes (``contentKey(name:bytes:)``) and are taken over the
  /// same way. Returns what a later build can take over; the file the EPUB replaced is left
  /// for the caller to remove (``Written/replaced``).
  func writeForReuse(to path: URL) throws -> Written {
    var files = try entries()
    var written = Written()
    for index in files.indices {
      let file = files[index]
      if file.key == nil, file.compress, file.deflated == nil, file.stored == nil,
        !file.bytes.isEmpty
      {
        files[index].key = Self.contentKey(name: file.name, bytes: file.bytes)
      }
    }
    var known: [String: DocumentFacts] = [:]
    for file in files {
      if let key = file.key, let facts = reuse.documents[key] ?? reuse.lookup?(key) {
        known[file.name] = facts
      }
    }
    // The check of what the container holds needs nothing of the zip file: it runs while the
    // zip is written, unless a document left in the render cache has no known scan (its
    // bytes are read only as the zip is written). The zip's own check follows the writing.
    var early =
      files.allSatisfy { $0.stored == nil || known[$0.name] != nil }
      ? Background { [files, known] in Self.contentCheck(files, known: known) } : nil
    let staged = try AtomicFile.stage(to: path, spare: spare) { temporary in
      let zip = try ZipWriter(path: temporary.path)
      let previous = reuse.previous.flatMap { ZipWriter.Previous(path: $0.archive.path) }
      let previousKeys = reuse.previous?.keys ?? [:]
      var copied = 0
      for index in files.indices {
        let file = files[index]
        if let key = file.key, file.compress, let previous, previousKeys[file.name] == key,
          let entry = previous.entry(named: file.name), entry.isDeflated,
          entry.size == UInt64(file.size)
        {
          try zip.copy(
            file.name, from: previous, index: entry.index, modified: book.metadata.modified)
          copied += 1
        } else if file.bytes.isEmpty, let make = file.made?.make {
          // Left unmade, and not copied after all: made now, and deflated.
          files[index].bytes = try make()
          files[index].key = Self.contentKey(name: file.name, bytes: files[index].bytes)
          if files[index].key != file.key {
            // Not the bytes whose findings the check took: it runs again, on these.
            known[file.name] = nil
            early = nil
          }
          try zip.add(
            file.name, files[index].bytes, compress: file.compress,
            modified: book.metadata.modified)
        } else if let stored = file.stored {
          // Not copied after all: read from the render cache and deflated.
          files[index].bytes = try stored.readXHTML()
          files[index].stored = nil
          try zip.add(
            file.name, files[index].bytes, compress: file.compress,
            modified: book.metadata.modified)
        } else if let deflated = file.deflated {
          try zip.addDeflated(file.name, deflated, modified: book.metadata.modified)
        } else {
          try zip.add(
            file.name, file.bytes, compress: file.compress, modified: book.metadata.modified)
        }
      }
      try zip.close()
      // Only the zip's first bytes and its end are read back for the check.
      guard let archive = ZipEnds(path: temporary.path) else {
        throw OctavoError(.zip, path: temporary.path, detail: "cannot read the zip file back")
      }
      let content = early?.value ?? Self.contentCheck(files, known: known)
      let problems =
        EPUBStructureCheck.zipProblems(archive, expected: files.map(\.name)) + content.problems
      guard problems.isEmpty else {
        throw OctavoError(
          .invalidEPUB, path: path.lastPathComponent,
          detail: problems.prefix(20).joined(separator: "; "))
      }
      for file in files {
        guard let key = file.key else { continue }
        written.keys[file.name] = key
        if let made = file.made { written.made[made.digest] = (key, file.size) }
        guard let scan = content.scans[file.name] else { continue }
        written.documents[key] = DocumentFacts(
          holdsMath: file.holdsMath, scan: scan, targets: content.targets[file.name])
      }
      written.copied = copied
    }
    if try staged.commitLeavingReplaced() { written.replaced = staged }
    return written
  }
}
