import Foundation

/// What the book-wide checks found in each chapter, kept in `<output>/.cache/` between builds
/// (one file, ``fileName``), so a rebuild scans only the chapters that changed: the images and
/// heading levels the accessibility report needs (``AccessibilityReport/ChapterScan``) and the
/// first use of each character and style the glyph coverage check looks up
/// (``GlyphCoverageCheck/Uses``).
///
/// Both are worked out from the chapter as loaded, and that depends only on the chapter file
/// (its path and text) and on the book's metadata: the language and typography settings
/// change the text the checks see; ids, link targets and other chapters do not enter them
/// (an image written in Markdown is always a resource of the book, the placeholder of a
/// missing one included). So an entry's key is the SHA-1 of the format (with Octavo's
/// version), the kind of result, the SHA-1 of the metadata as the render cache describes
/// it, the path and the SHA-1 of the text.
///
/// As with the ``RenderCache``: a file that cannot be read, was written by another version or
/// holds an entry that does not decode is ignored; what this build used or found is written
/// only by ``commit()``, after the outputs are in place, and the file then holds nothing
/// else.
final class CheckCache: @unchecked Sendable {
  static let format = "octavo-check-cache 1 " + OctavoVersion.current
  static let fileName = "checks.cache"
  private static let magic = Array("OCTAVO-CHECK-CACHE\n".utf8)

  private let table: CacheTable
  private let metadata: String
  private let lock = NSLock()
  /// Entries decoded by ``holds(_:glyphs:)``, so they are not decoded again when asked for.
  private var scans: [String: AccessibilityReport.ChapterScan] = [:]
  private var uses: [String: GlyphCoverageCheck.Uses] = [:]
  /// The keys worked out, by kind and chapter path, with the digest of the text they were
  /// worked out for: ``holds(_:glyphs:)`` and the two results ask for the same keys.
  private var keys: [String: (digest: [UInt8], key: String)] = [:]

  /// The cache in `folder`, for a book with `metadata`.
  convenience init(folder: URL, metadata: BookMetadata) {
    self.init(table: Self.table(in: folder), metadata: metadata)
  }

  /// The cache read from `table` (``table(in:)``), for a book with `metadata`.
  init(table: CacheTable, metadata: BookMetadata) {
    self.table = table
    self.metadata = Self.described(metadata)
  }

  /// The metadata as every key of the cache takes it: the SHA-1 of its description
  /// (``RenderCache/BookContext/describe(_:)``), hashed once rather than with every key.
  static func described(_ metadata: BookMetadata) -> String {
    var key = RenderCache.KeyBuilder()
    key.add(RenderCache.BookContext.describe(metadata))
    return key.digest
  }

  /// The cache's file in `folder`, read (before the book's metadata is known: a build reads
  /// it while the book loads).
  static func table(in folder: URL) -> CacheTable {
    CacheTable(file: folder.appending(path: fileName), magic: magic, format: format)
  }

  // MARK: - Results

  /// The accessibility scan of `chapter`, from the cache or worked out now.
  func accessibility(of chapter: Chapter) -> AccessibilityReport.ChapterScan {
    let key = key(for: chapter, kind: "accessibility")
    if let bytes = value(for: key) {
      lock.lock()
      let decoded = scans[key]
      lock.unlock()
      if let scan = decoded ?? Self.decodeScan(bytes) { return scan }
    }
    let scan = AccessibilityReport.scan(chapter)
    keep(Self.encode(scan), for: key)
    return scan
  }

  /// The characters and styles `chapter` uses, from the cache or worked out now.
  func glyphUses(of chapter: Chapter) -> GlyphCoverageCheck.Uses {
    let key = key(for: chapter, kind: "glyphs")
    if let bytes = value(for: key) {
      lock.lock()
      let decoded = self.uses[key]
      lock.unlock()
      if let uses = decoded ?? Self.decodeUses(bytes) { return uses }
    }
    let uses = GlyphCoverageCheck.uses(in: chapter)
    keep(Self.encode(uses), for: key)
    return uses
  }

  /// Whether both results of `chapter` are in the cache (`glyphs`: the glyph uses too), so
  /// that a chapter taken from its summary need not be parsed for them.
  func holds(_ chapter: Chapter, glyphs: Bool) -> Bool {
    let scanKey = key(for: chapter, kind: "accessibility")
    let usesKey = key(for: chapter, kind: "glyphs")
    let scanBytes = table.stored(scanKey)
    let usesBytes = glyphs ? table.stored(usesKey) : nil
    // An entry that does not decode would be worked out again, from the summary. What
    // decodes is kept, not decoded again when the build asks for it.
    guard let scan = scanBytes.flatMap(Self.decodeScan) else { return false }
    let decodedUses = usesBytes.flatMap(Self.decodeUses)
    lock.lock()
    scans[scanKey] = scan
    if let decodedUses { uses[usesKey] = decodedUses }
    lock.unlock()
    return !glyphs || decodedUses != nil
  }

  func key(for chapter: Chapter, kind: String) -> String {
    let slot = kind + " " + chapter.path
    if let known = lock.withLock({ keys[slot] }), known.digest == chapter.sourceDigest {
      return known.key
    }
    let key = Self.key(for: chapter, kind: kind, metadata: metadata)
    lock.withLock { keys[slot] = (chapter.sourceDigest, key) }
    return key
  }

  /// The key of the result `kind` of `chapter` in a book described by `metadata`.
  static func key(for chapter: Chapter, kind: String, metadata: String) -> String {
    var key = RenderCache.KeyBuilder()
    key.add(Self.format)
    key.add(kind)
    key.add(metadata)
    key.add(chapter.path)
    key.add(chapter.sourceDigest)
    return key.digest
  }

  /// The SHA-1 of the bytes `image` puts in the book (``ImageURIs/digest(of:root:)``), for
  /// the render cache's keys: for an image file whose identity (``FileIdentity``) is the one
  /// recorded with a digest by an earlier build, that digest, without reading the file;
  /// otherwise worked out now, and recorded when the identity is settled.
  func imageDigest(of image: ImageResource, root: URL) -> [UInt8]? {
    guard image.missingSource == nil, image.replacement == nil,
      let identity = FileIdentity(path: root.appending(path: image.path).path)
    else { return ImageURIs.digest(of: image, root: root) }
    let slot = Self.imageSlot(path: image.path)
    if let bytes = table.stored(slot) {
      var reader = RenderCache.ByteReader(data: bytes)
      if identity.fields.allSatisfy({ reader.number() == $0 }), let digest = reader.take(20),
        reader.isAtEnd
      {
        table.keepStored(slot)
        return digest
      }
    }
    guard let digest = ImageURIs.digest(of: image, root: root) else { return nil }
    if identity.isSettled, digest.count == 20 {
      var writer = RenderCache.ByteWriter()
      for field in identity.fields { writer.add(field) }
      writer.bytes += digest
      table.keep(writer.bytes, for: slot)
    }
    return digest
  }

  /// The key of the entry that records the digest of the image file at `path`.
  static func imageSlot(path: String) -> String {
    var key = RenderCache.KeyBuilder()
    key.add(format)
    key.add("image file")
    key.add(path)
    return key.digest
  }

  /// The entry stored for `key`, kept for the next build.
  private func value(for key: String) -> [UInt8]? {
    guard let bytes = table.stored(key) else { return nil }
    table.keepStored(key)
    return bytes
  }

  private func keep(_ bytes: [UInt8], for key: String) { table.keep(bytes, for: key) }

  /// Writes the entries this build used or made (and no others), atomically. A failure to
  /// write is not an error: the next build scans again.
  func commit() { table.commit() }

  // MARK: - Encoding

  static func decodeTable(_ bytes: [UInt8]) -> [String: [UInt8]]? {
    CacheTableFile.decode(bytes, magic: magic, format: format)
  }

  private static func add(_ location: SourceLocation, to writer: inout RenderCache.ByteWriter) {
    writer.add(Array(location.file.utf8))
    writer.add(UInt64(location.line))
    writer.add(UInt64(location.column))
  }

  private static func location(_ reader: inout RenderCache.ByteReader) -> SourceLocation? {
    var file = FileMemo()
    return location(&reader, &file)
  }

  /// The file name last read and its number (``SourceLocation/init(fileID:line:column:)``):
  /// the locations of one entry are nearly all in the same file.
  private struct FileMemo {
    var name: [UInt8]?
    var id: UInt32 = 0
  }

  private static func location(_ reader: inout RenderCache.ByteReader, _ file: inout FileMemo)
    -> SourceLocation?
  {
    guard let name = reader.bytes(), let line = reader.number(), let column = reader.number(),
      line < 1 << 40, column < 1 << 40
    else { return nil }
    if file.name != name {
      file.name = name
      file.id = SourceFileNames.id(of: String(decoding: name, as: UTF8.self))
    }
    return SourceLocation(fileID: file.id, line: Int(line), column: Int(column))
  }

  static func encode(_ scan: AccessibilityReport.ChapterScan) -> [UInt8] {
    var writer = RenderCache.ByteWriter()
    writer.add(UInt64(scan.images.count))
    for image in scan.images {
      writer.add(Array(image.source.utf8))
      writer.add(UInt64((image.hasAlt ? 1 : 0) | (image.isDecorative ? 2 : 0)))
      add(image.location, to: &writer)
    }
    writer.add(UInt64(scan.headingSkips.count))
    for location in scan.headingSkips { add(location, to: &writer) }
    writer.add(UInt64(scan.formulas))
    writer.add(UInt64(scan.undescribedFormulas))
    return writer.bytes
  }

  static func decodeScan(_ bytes: [UInt8]) -> AccessibilityReport.ChapterScan? {
    var reader = RenderCache.ByteReader(data: bytes)
    var scan = AccessibilityReport.ChapterScan()
    guard let images = reader.number(), images < 1_000_000 else { return nil }
    for _ in 0..<images {
      guard let source = reader.string(), let flags = reader.number(), flags < 4,
        let at = location(&reader)
      else { return nil }
      scan.images.append(
        .init(source: source, hasAlt: flags & 1 != 0, isDecorative: flags & 2 != 0, location: at))
    }
    guard let skips = reader.number(), skips < 1_000_000 else { return nil }
    for _ in 0..<skips {
      guard let at = location(&reader) else { return nil }
      scan.headingSkips.append(at)
    }
    guard let formulas = reader.number(), let undescribed = reader.number(),
      formulas < 1 << 40, undescribed <= formulas
    else { return nil }
    scan.formulas = Int(formulas)
    scan.undescribedFormulas = Int(undescribed)
    return reader.isAtEnd ? scan : nil
  }

  static func encode(_ uses: GlyphCoverageCheck.Uses) -> [UInt8] {
    var writer = RenderCache.ByteWriter()
    for map in [uses.text, uses.code] {
      writer.add(UInt64(map.count))
      for (scalar, location) in map.sorted(by: { $0.key.value < $1.key.value }) {
        writer.add(UInt64(scalar.value))
        add(location, to: &writer)
      }
    }
    writer.add(UInt64(uses.styles.count))
    func flags(_ style: FontLookup.Style) -> UInt64 {
      (style.bold ? 1 : 0) | (style.italic ? 2 : 0)
    }
    for (style, location) in uses.styles.sorted(by: { flags($0.key) < flags($1.key) }) {
      writer.add(flags(style))
      add(location, to: &writer)
    }
    return writer.bytes
  }

  static func decodeUses(_ bytes: [UInt8]) -> GlyphCoverageCheck.Uses? {
    var reader = RenderCache.ByteReader(data: bytes)
    var maps: [[Unicode.Scalar: SourceLocation]] = []
    var file = FileMemo()
    for _ in 0..<2 {
      guard let count = reader.number(), count < 2_000_000 else { return nil }
      var map: [Unicode.Scalar: SourceLocation] = [:]
      map.reserveCapacity(Int(count))
      for _ in 0..<count {
        guard let value = reader.number(), value <= 0x10FFFF,
          let scalar = Unicode.Scalar(UInt32(value)), let at = location(&reader, &file)
        else { return nil }
        map[scalar] = at
      }
      maps.append(map)
    }
    var uses = GlyphCoverageCheck.Uses(text: maps[0], code: maps[1])
    guard let count = reader.number(), count <= 4 else { return nil }
    for _ in 0..<count {
      guard let flags = reader.number(), flags < 4, let at = location(&reader) else { return nil }
      uses.styles[FontLookup.Style(bold: flags & 1 != 0, italic: flags & 2 != 0)] = at
    }
    return reader.isAtEnd ? uses : nil
  }
}
