/// Every label of the book and what it names, by the label's ``LabelKind/key(of:)``: what a
/// reference (`@fig:arch`) needs to become a link with the right number.
struct CrossReferenceIndex: Sendable {
  /// One labelled element.
  struct Target: Sendable {
    /// What the element is (which may differ from its label's prefix, a mistake reported).
    var kind: LabelKind
    /// The label as written.
    var label: String
    /// The chapter that holds the element.
    var chapterID: String
    /// The element's id in the outputs.
    var id: String
    /// The number ("3.2"); nil for a section, which references name by its title.
    var number: String?
    /// What a reference shows: "Figure 3.2", "Equation (2.1)", or a section's title.
    var title: String
    /// Where the label is written.
    var location: SourceLocation
  }

  /// The targets by key.
  var targets: [String: Target] = [:]
  /// The keys of labels used more than once whose first place has been noted, so a label
  /// used three times gets one note, not two.
  var notedDuplicates: Set<String> = []

  /// The target of `label`, if the book has it.
  subscript(label: String) -> Target? { targets[LabelKind.key(of: label)] }

  /// The target whose label has the same name as `label` under another prefix
  /// (`tbl:results` for `fig:results`).
  func sameName(as label: String) -> Target? {
    guard let kind = LabelKind(label: label) else { return nil }
    let name = LabelKind.key(of: label).dropFirst(kind.rawValue.count + 1)
    for other in LabelKind.allCases where other != kind {
      if let target = targets[other.rawValue + "-" + name] { return target }
    }
    return nil
  }

  /// The label most like `label`, for a did-you-mean.
  func suggestion(for label: String) -> String? {
    let key = LabelKind.key(of: label)
    let candidates = targets.keys.sorted()
    guard
      let best = MetadataDecoder.suggestion(for: key, among: candidates),
      let target = targets[best]
    else { return nil }
    return target.label
  }
}
