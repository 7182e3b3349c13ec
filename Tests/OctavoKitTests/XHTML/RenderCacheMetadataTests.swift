import Foundation
import Testing

@testable import OctavoKit

/// The metadata as the caches' keys describe it (``RenderCache/BookContext/describe(_:)``,
/// written field by field): every field of ``BookMetadata`` is written, and a change to any
/// of them changes the text.
@Suite("Render-cache metadata description")
struct RenderCacheMetadataTests {
  /// Metadata with every optional set and every list holding an entry, so `Mirror` sees
  /// every field, nested ones included.
  static func full() -> BookMetadata {
    var metadata = BookMetadata(
      title: "T", subtitle: "S",
      contributors: [Contributor(name: "A", role: .editor, fileAs: "A, B")],
      language: "fr", identifier: "urn:uuid:1", isIdentifierDerived: true, date: "2020",
      modified: Date(timeIntervalSince1970: 5), publisher: "P", rights: "R", description: "D",
      subjects: ["s"], series: Series(name: "N", position: 2), cover: "c.png", tocDepth: 3)
    metadata.coverLocation = OctavoKit.SourceLocation(file: "book.yaml", line: 3, column: 2)
    metadata.accessibility = AccessibilitySettings(
      conformance: "C", certifiedBy: "W", hazards: ["none"], summary: "Y")
    metadata.mathMacros = ["R": "\\mathbb{R}"]
    metadata.dedication = "To"
    metadata.listsOf = [.figure]
    metadata.printSettings = PrintSettings(
      trim: .init(width: 400, height: 600),
      margins: .init(inside: 1, outside: 2, top: 3, bottom: 4), bleed: 9, cropMarks: true,
      fontSize: 11, fontFamily: ["Serif"])
    return metadata
  }

  /// The paths of the fields `Mirror` finds in `value`, down to values that are written as
  /// a whole (strings, numbers, dates, locations, enumerations, dictionaries).
  static func fieldPaths(of value: Any, prefix: String = "") -> Set<String> {
    if value is String || value is Date || value is OctavoKit.SourceLocation { return [prefix] }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional:
      guard let wrapped = mirror.children.first?.value else { return [prefix] }
      return fieldPaths(of: wrapped, prefix: prefix)
    case .collection:
      guard let element = mirror.children.first?.value else { return [prefix] }
      return fieldPaths(of: element, prefix: prefix)
    case .dictionary, .enum, .set, .tuple:
      return [prefix]
    default:
      if mirror.children.isEmpty { return [prefix] }
      var paths: Set<String> = []
      for child in mirror.children {
        let label = child.label ?? "?"
        paths.formUnion(
          fieldPaths(of: child.value, prefix: prefix.isEmpty ? label : prefix + "." + label))
      }
      return paths
    }
  }

  @Test("every field of the metadata is written, and only those")
  func everyField() {
    var description = MetadataDescription()
    description.add(Self.full())
    // A path written for a list or an optional whose fields follow stands for no field.
    let written = description.paths.filter { path in
      !description.paths.contains { $0.hasPrefix(path + ".") }
    }
    let fields = Self.fieldPaths(of: Self.full())
    #expect(fields.contains("printSettings.margins.inside"))
    #expect(fields.contains("contributors.fileAs"))
    #expect(written == fields)
    #expect(MetadataDescription.leftOut.isSubset(of: fields))
  }

  @Test("a change to any field written changes the description; the date does not")
  func changes() {
    let base = RenderCache.BookContext.describe(Self.full())
    let changes: [(inout BookMetadata) -> Void] = [
      { $0.title = "U" }, { $0.subtitle = nil }, { $0.contributors[0].role = .author },
      { $0.contributors[0].fileAs = nil }, { $0.contributors.append(Contributor(name: "B")) },
      { $0.language = "en" }, { $0.identifier = "x" }, { $0.isIdentifierDerived = false },
      { $0.date = nil }, { $0.publisher = "Q" }, { $0.rights = nil }, { $0.description = "E" },
      { $0.subjects = [] }, { $0.series?.position = 3 }, { $0.series = nil }, { $0.cover = nil },
      { $0.coverLocation?.line = 4 }, { $0.tocDepth = 2 },
      { $0.accessibility.conformance = nil }, { $0.accessibility.certifiedBy = "V" },
      { $0.accessibility.hazards = [] }, { $0.accessibility.summary = nil },
      { $0.notes = .bookEnd }, { $0.typography = false }, { $0.highlightsCode = false },
      { $0.mathMacros["R"] = "R" }, { $0.mathMacros["Z"] = "Z" }, { $0.pageList = true },
      { $0.obfuscateFonts = true }, { $0.dedication = nil }, { $0.isLanguageAssumed = true },
      { $0.copyrightPage = true }, { $0.numbering = .book }, { $0.listsOf = [.table] },
      { $0.printSettings.trim.width = 401 }, { $0.printSettings.trim.height = 601 },
      { $0.printSettings.margins?.inside = 1.5 }, { $0.printSettings.margins?.outside = 2.5 },
      { $0.printSettings.margins?.top = 3.5 }, { $0.printSettings.margins?.bottom = 4.5 },
      { $0.printSettings.margins = nil }, { $0.printSettings.bleed = 0 },
      { $0.printSettings.cropMarks = false }, { $0.printSettings.fontSize = nil },
      { $0.printSettings.fontFamily = ["Sans"] }, { $0.isDraft = true },
      // Strings are written with their length: no value runs into the next field.
      { $0.title = "T;subtitle=1:S" },
    ]
    var seen: Set<String> = [base]
    for change in changes {
      var metadata = Self.full()
      change(&metadata)
      let text = RenderCache.BookContext.describe(metadata)
      #expect(text != base)
      seen.insert(text)
    }
    #expect(seen.count == changes.count + 1)
    var later = Self.full()
    later.modified = Date(timeIntervalSince1970: 1_000_000)
    #expect(RenderCache.BookContext.describe(later) == base)
  }
}
