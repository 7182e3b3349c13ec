import Foundation

/// The package document (`EPUB/package.opf`): metadata, manifest and spine.
struct PackageDocument {
  let metadata: BookMetadata
  let items: [ManifestItem]
  /// The manifest id of the cover image, if any.
  var coverImageID: String?
  /// The accessibility metadata worked out from the content.
  var accessibility: AccessibilityReport? = nil
  /// The EPUB 2 guide: type, title and href of each reference; none when empty.
  var guide: [(type: String, title: String, href: String)] = []
  /// Whether the spine names the NCX.
  var ncx = true

  static let namespace = "http://www.idpf.org/2007/opf"
  static let dublinCore = "http://purl.org/dc/elements/1.1/"

  /// `dcterms:modified` in the form EPUB requires: `CCYY-MM-DDThh:mm:ssZ`, UTC.
  static func timestamp(_ date: Date) -> String {
    if let written = ISOTimestamp.format(date) { return written }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  var root: XMLElement {
    var meta: [XMLNode] = [
      .el("dc:identifier", [("id", "pub-id")], [.text(metadata.identifier)])
    ]
    if metadata.identifier.hasPrefix("urn:isbn:") {
      meta.append(
        .el(
          "meta",
          [
            ("refines", "#pub-id"), ("property", "identifier-type"),
            ("scheme", "onix:codelist5"),
          ], [.text("15")]))
    }
    meta.append(.el("dc:title", [("id", "title")], [.text(metadata.title)]))
    meta.append(.el("meta", [("refines", "#title"), ("property", "title-type")], [.text("main")]))
    if let subtitle = metadata.subtitle {
      meta.append(.el("dc:title", [("id", "subtitle")], [.text(subtitle)]))
      meta.append(
        .el("meta", [("refines", "#subtitle"), ("property", "title-type")], [.text("subtitle")]))
    }
    meta.append(.el("dc:language", [], [.text(metadata.language)]))
    for (index, contributor) in metadata.contributors.enumerated() {
      let id = "contributor-\(index + 1)"
      let element = contributor.role == .author ? "dc:creator" : "dc:contributor"
      meta.append(.el(element, [("id", id)], [.text(contributor.name)]))
      meta.append(
        .el(
          "meta", [("refines", "#" + id), ("property", "role"), ("scheme", "marc:relators")],
          [.text(contributor.role.marcRelator)]))
      if let fileAs = contributor.fileAs {
        meta.append(.el("meta", [("refines", "#" + id), ("property", "file-as")], [.text(fileAs)]))
      }
    }
    if let date = metadata.date { meta.append(.el("dc:date", [], [.text(date)])) }
    if metadata.isDraft { meta.append(.el("dc:type", [], [.text("draft")])) }
    if let publisher = metadata.publisher {
      meta.append(.el("dc:publisher", [], [.text(publisher)]))
    }
    if let rights = metadata.rights { meta.append(.el("dc:rights", [], [.text(rights)])) }
    if let description = metadata.description {
      meta.append(.el("dc:description", [], [.text(description)]))
    }
    for subject in metadata.subjects { meta.append(.el("dc:subject", [], [.text(subject)])) }
    if let series = metadata.series {
      meta.append(
        .el(
          "meta", [("property", "belongs-to-collection"), ("id", "series")], [.text(series.name)]))
      meta.append(
        .el("meta", [("refines", "#series"), ("property", "collection-type")], [.text("series")]))
      if let text = series.positionText {
        meta.append(
          .el("meta", [("refines", "#series"), ("property", "group-position")], [.text(text)]))
      }
    }
    if let accessibility { meta += Self.accessibilityMetadata(accessibility) }
    meta.append(
      .el("meta", [("property", "dcterms:modified")], [.text(Self.timestamp(metadata.modified))]))
    if let coverImageID {
      // For EPUB 2 reading systems, which find the cover this way.
      meta.append(.el("meta", [("name", "cover"), ("content", coverImageID)]))
    }

    let manifest: [XMLNode] = items.map { item in
      var attributes = [("id", item.id), ("href", item.href), ("media-type", item.mediaType)]
      if !item.properties.isEmpty {
        attributes.append(("properties", item.properties.joined(separator: " ")))
      }
      return .el("item", attributes)
    }
    let spine: [XMLNode] = items.filter(\.inSpine).map { .el("itemref", [("idref", $0.id)]) }
    var spineAttributes: [(String, String)] = ncx ? [("toc", "ncx")] : []
    if metadata.isRightToLeft { spineAttributes.append(("page-progression-direction", "rtl")) }
    var sections: [XMLNode] = [
      .el("metadata", [("xmlns:dc", Self.dublinCore)], XHTMLRenderer.lines(meta)),
      .el("manifest", [], XHTMLRenderer.lines(manifest)),
      .el("spine", spineAttributes, XHTMLRenderer.lines(spine)),
    ]
    if !guide.isEmpty {
      sections.append(
        .el(
          "guide", [],
          XHTMLRenderer.lines(
            guide.map {
              .el("reference", [("type", $0.type), ("title", $0.title), ("href", $0.href)])
            })))
    }
    return XMLElement(
      "package",
      [
        ("xmlns", Self.namespace), ("version", "3.0"), ("unique-identifier", "pub-id"),
        ("xml:lang", metadata.language),
      ], XHTMLRenderer.lines(sections))
  }

  /// The EPUB Accessibility 1.1 discovery metadata: one `<meta>` per value.
  static func accessibilityMetadata(_ report: AccessibilityReport) -> [XMLNode] {
    var meta: [XMLNode] = []
    func add(_ property: String, _ values: [String]) {
      for value in values { meta.append(.el("meta", [("property", property)], [.text(value)])) }
    }
    add("schema:accessMode", report.accessModes)
    add("schema:accessModeSufficient", report.accessModesSufficient)
    add("schema:accessibilityFeature", report.features)
    add("schema:accessibilityHazard", report.hazards)
    add("schema:accessibilitySummary", [report.summary])
    if let conformance = report.conformance {
      add("dcterms:conformsTo", [conformance])
      if let certifier = report.settings.certifiedBy { add("a11y:certifiedBy", [certifier]) }
    }
    return meta
  }
}
