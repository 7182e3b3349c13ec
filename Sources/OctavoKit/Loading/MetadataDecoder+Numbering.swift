import Yams

/// The `book.yaml` keys about numbered figures, tables, listings and equations: how they are
/// numbered and which lists of them the book gets.
extension MetadataDecoder {
  static let numberingKeys = ["numbering", "lists-of"]

  mutating func decodeNumbering(_ values: [String: Node], into metadata: inout BookMetadata) {
    if let node = values["numbering"], let text = scalar(node, key: "numbering") {
      if let scope = NumberingScope(rawValue: text.lowercased()) {
        metadata.numbering = scope
      } else {
        error(.badMetadataValue, "numbering must be chapter or book", node)
      }
    }
    guard let node = values["lists-of"] else { return }
    let items: [Node]
    if case .sequence(let sequence) = node { items = Array(sequence) } else { items = [node] }
    let names = LabelKind.allCases.compactMap(\.listName)
    var kinds: Set<LabelKind> = []
    for item in items {
      guard let name = scalar(item, key: "lists-of") else { continue }
      if let kind = LabelKind.allCases.first(where: { $0.listName == name.lowercased() }) {
        kinds.insert(kind)
      } else {
        var message = "lists-of takes figures, tables and listings, not '\(name)'"
        if let suggestion = Self.suggestion(for: name, among: names) {
          message += "; did you mean '\(suggestion)'?"
        }
        error(.badMetadataValue, message, item)
      }
    }
    metadata.listsOf = LabelKind.allCases.filter { kinds.contains($0) }
  }
}
