import Foundation

extension RenderCache.BookContext {
  /// Every field of the metadata written out, by name, as ``MetadataDescription`` writes it.
  /// The modification date is left out: it follows the newest manuscript file, so it changes
  /// with every edit, and no chapter's rendering reads it.
  ///
  /// Written field by field rather than by Swift's reflection (`String(reflecting:)`, whose
  /// protocol-conformance lookups took about 2.5 ms of every build); a test compares the
  /// fields written with those `Mirror` finds in ``BookMetadata``, so a field added to it
  /// cannot be left out of the keys unnoticed.
  static func describe(_ metadata: BookMetadata) -> String {
    var description = MetadataDescription()
    description.add(metadata)
    return description.text
  }
}

/// The fields of a ``BookMetadata`` written out one by one for the caches' keys: each as its
/// path (`printSettings.trim.width`), then its value, strings with their length so that no
/// two metadata give the same text.
struct MetadataDescription {
  /// The text the fields make.
  private(set) var text = ""
  /// The path of each field written (or deliberately left out): what the test of the
  /// description compares with the fields of ``BookMetadata``.
  private(set) var paths: Set<String> = []

  /// The fields of ``BookMetadata`` that are not written (see
  /// ``RenderCache/BookContext/describe(_:)``).
  static let leftOut: Set<String> = ["modified"]

  /// Writes every field of `metadata`.
  mutating func add(_ metadata: BookMetadata) {
    string("title", metadata.title)
    string("subtitle", metadata.subtitle)
    count("contributors", metadata.contributors.count)
    for contributor in metadata.contributors {
      string("contributors.name", contributor.name)
      string("contributors.role", contributor.role.rawValue)
      string("contributors.fileAs", contributor.fileAs)
    }
    string("language", metadata.language)
    string("identifier", metadata.identifier)
    value("isIdentifierDerived", metadata.isIdentifierDerived)
    string("date", metadata.date)
    paths.insert("modified")
    string("publisher", metadata.publisher)
    string("rights", metadata.rights)
    string("description", metadata.description)
    strings("subjects", metadata.subjects)
    count("series", metadata.series == nil ? 0 : 1)
    if let series = metadata.series {
      string("series.name", series.name)
      value("series.position", series.position)
    }
    string("cover", metadata.cover)
    string("coverLocation", metadata.coverLocation?.description)
    value("tocDepth", metadata.tocDepth)
    let accessibility = metadata.accessibility
    string("accessibility.conformance", accessibility.conformance)
    string("accessibility.certifiedBy", accessibility.certifiedBy)
    strings("accessibility.hazards", accessibility.hazards)
    string("accessibility.summary", accessibility.summary)
    string("notes", metadata.notes.rawValue)
    value("typography", metadata.typography)
    value("highlightsCode", metadata.highlightsCode)
    // The one dictionary, sorted: its order changes from process to process.
    count("mathMacros", metadata.mathMacros.count)
    for (name, tex) in metadata.mathMacros.sorted(by: { $0.key < $1.key }) {
      text += name.utf8.count.description + ":" + name + "="
      text += tex.utf8.count.description + ":" + tex + ";"
    }
    value("pageList", metadata.pageList)
    value("obfuscateFonts", metadata.obfuscateFonts)
    string("dedication", metadata.dedication)
    value("isLanguageAssumed", metadata.isLanguageAssumed)
    value("copyrightPage", metadata.copyrightPage)
    string("numbering", metadata.numbering.rawValue)
    strings("listsOf", metadata.listsOf.map(\.rawValue))
    let print = metadata.printSettings
    value("printSettings.trim.width", print.trim.width)
    value("printSettings.trim.height", print.trim.height)
    count("printSettings.margins", print.margins == nil ? 0 : 1)
    if let margins = print.margins {
      value("printSettings.margins.inside", margins.inside)
      value("printSettings.margins.outside", margins.outside)
      value("printSettings.margins.top", margins.top)
      value("printSettings.margins.bottom", margins.bottom)
    }
    value("printSettings.bleed", print.bleed)
    value("printSettings.cropMarks", print.cropMarks)
    value("printSettings.fontSize", print.fontSize)
    strings("printSettings.fontFamily", print.fontFamily)
    value("isDraft", metadata.isDraft)
  }

  private mutating func name(_ path: String) {
    paths.insert(path)
    text += path
    text += "="
  }

  private mutating func string(_ path: String, _ value: String?) {
    name(path)
    if let value {
      text += value.utf8.count.description + ":" + value + ";"
    } else {
      text += "nil;"
    }
  }

  private mutating func strings(_ path: String, _ values: [String]) {
    count(path, values.count)
    for value in values { text += value.utf8.count.description + ":" + value + ";" }
  }

  private mutating func count(_ path: String, _ count: Int) {
    name(path)
    text += "#" + count.description + ";"
  }

  /// A number or flag; a `Double` written as its shortest exact form.
  private mutating func value(_ path: String, _ value: (some CustomStringConvertible)?) {
    name(path)
    text += (value?.description ?? "nil") + ";"
  }
}
