import Foundation

/// Packages a rendered book as an EPUB 3.3 file.
///
/// The container holds, in this order: `mimetype` (first, stored, no extra field),
/// `META-INF/container.xml`, `EPUB/package.opf`, `EPUB/nav.xhtml`, `EPUB/toc.ncx`, the style
/// sheet, the content documents in reading order and the images.
public struct EPUBPackager {
  /// The path of the package document in the container.
  static let packagePath = "EPUB/package.opf"

  /// The documents, rendered as trees (written out when packaging) …
  let rendered: RenderedBook?
  /// … or already written out.
  let serialized: SerializedBook?
  /// The manuscript folder, where images are read from.
  let root: URL
  /// The style sheet to include.
  let stylesheet: [UInt8]

  var book: Book { serialized?.book ?? rendered!.book }

  /// Creates a packager for a rendered book.
  public init(rendered: RenderedBook, root: URL, stylesheet: [UInt8]) {
    self.rendered = rendered
    self.serialized = nil
    self.root = root
    self.stylesheet = stylesheet
  }

  /// Creates a packager for a book whose documents are written out already.
  public init(serialized: SerializedBook, root: URL, stylesheet: [UInt8]) {
    self.rendered = nil
    self.serialized = serialized
    self.root = root
    self.stylesheet = stylesheet
  }

  /// One file of the container.
  struct Entry {
    var name: String
    var bytes: [UInt8]
    var compress: Bool
  }

  /// Returns the container's files, in order.
  func entries() throws -> [Entry] {
    let documents = try serialized ?? SerializedBook(rendered: rendered!, root: root, formats: [.epub])
    var items: [ManifestItem] = []
    var files: [Entry] = []

    func addDocument(_ document: SerializedBook.Document) {
      let href = "text/" + document.fileName
      items.append(ManifestItem(id: document.manifestID, href: href, mediaType: "application/xhtml+xml",
                                inSpine: true))
      files.append(Entry(name: "EPUB/" + href, bytes: document.xhtml, compress: true))
    }

    var coverHref: String?
    var coverImageID: String?
    if let cover = documents.cover {
      addDocument(cover.document)
      coverHref = "text/cover.xhtml"
      coverImageID = Self.imageID(cover.image)
    }
    addDocument(documents.titlePage)
    let navIndex = items.count
    var bodyMatterHref: String?
    for document in documents.documents {
      addDocument(document)
      if bodyMatterHref == nil, document.matter == .body { bodyMatterHref = "text/" + document.fileName }
    }

    let contents = TableOfContents(book: book)
    let nav = NavigationDocument(book: book, contents: contents, coverHref: coverHref,
                                 bodyMatterHref: bodyMatterHref)
    // The contents page is part of the reading order, after the title page.
    items.insert(ManifestItem(id: "nav", href: "nav.xhtml", mediaType: "application/xhtml+xml",
                              properties: ["nav"], inSpine: true), at: navIndex)
    items.append(ManifestItem(id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml"))
    items.append(ManifestItem(id: "css", href: "styles/epub.css", mediaType: "text/css"))

    var imageFiles: [Entry] = []
    for image in book.images {
      let url = root.appending(path: image.path)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw OctavoError(.cannotWrite, path: image.path, detail: "cannot read the image")
      }
      var properties: [String] = []
      if image.path == book.metadata.cover { properties.append("cover-image") }
      items.append(ManifestItem(id: Self.imageID(image), href: "images/" + image.fileName,
                                mediaType: image.mediaType, properties: properties))
      // Compressed image formats gain nothing from deflate.
      imageFiles.append(Entry(name: "EPUB/images/" + image.fileName, bytes: [UInt8](data),
                              compress: image.mediaType == "image/svg+xml"))
    }

    let package = PackageDocument(metadata: book.metadata, items: items, coverImageID: coverImageID)
    var all: [Entry] = [
      Entry(name: "mimetype", bytes: Array("application/epub+zip".utf8), compress: false),
      Entry(name: "META-INF/container.xml",
            bytes: try XMLSerializer.document(ContainerDocument(packagePath: Self.packagePath).root),
            compress: true),
      Entry(name: Self.packagePath, bytes: try XMLSerializer.document(package.root), compress: true),
      Entry(name: "EPUB/nav.xhtml", bytes: try Self.xhtml(nav.root(renderer: documents.renderer)), compress: true),
      Entry(name: "EPUB/toc.ncx", bytes: try XMLSerializer.document(NCXDocument(metadata: book.metadata, contents: contents).root), compress: true),
      Entry(name: "EPUB/styles/epub.css", bytes: stylesheet, compress: true),
    ]
    all += files
    all += imageFiles
    return all
  }

  static func imageID(_ image: ImageResource) -> String {
    "img-" + Slugger.asciiSlug(image.fileName)
  }

  static func xhtml(_ root: XMLElement) throws -> [UInt8] {
    try XMLSerializer.document(root, doctype: "html")
  }

  /// Writes the EPUB to `path` (replacing what is there only when all went well).
  public func write(to path: URL) throws {
    let files = try entries()
    try AtomicFile.write(to: path) { temporary in
      let zip = try ZipWriter(path: temporary.path)
      for file in files {
        try zip.add(file.name, file.bytes, compress: file.compress, modified: book.metadata.modified)
      }
      try zip.close()
    }
  }
}
