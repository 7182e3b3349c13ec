/// What `book.yaml` says about the book's accessibility (the `accessibility:` mapping).
///
/// Octavo works out the access modes and features from the content; these settings hold
/// only what the content cannot tell: hazards, a summary written by hand, and a conformance
/// claim with who certified it.
public struct AccessibilitySettings: Sendable, Hashable {
  /// The conformance the author claims, in the exact form EPUB Accessibility 1.1 requires
  /// (`EPUB Accessibility 1.1 - WCAG 2.2 Level AA`), or `nil` for no claim.
  public var conformance: String?
  /// Who evaluated the book (`a11y:certifiedBy`); only written with a conformance claim.
  public var certifiedBy: String?
  /// The hazards (`schema:accessibilityHazard` values); empty means `none`.
  public var hazards: [String] = []
  /// A summary written by the author, replacing the generated one.
  public var summary: String?

  /// Creates settings that claim nothing.
  public init(
    conformance: String? = nil, certifiedBy: String? = nil, hazards: [String] = [],
    summary: String? = nil
  ) {
    self.conformance = conformance
    self.certifiedBy = certifiedBy
    self.hazards = hazards
    self.summary = summary
  }

  /// The hazard values schema.org defines.
  public static let knownHazards: Set<String> = [
    "none", "unknown", "flashing", "noFlashingHazard", "unknownFlashingHazard", "motionSimulation",
    "noMotionSimulationHazard", "unknownMotionSimulationHazard", "sound", "noSoundHazard",
    "unknownSoundHazard",
  ]
}

/// Where footnotes go in the EPUB (`notes:` in `book.yaml`).
public enum NotePlacement: String, Sendable, Hashable, CaseIterable {
  /// Each note right after the end of its chapter's text, as a pop-up footnote.
  case footnotes
  /// All of a chapter's notes in an endnotes section at the chapter's end.
  case chapterEnd = "chapter-end"
  /// All notes of the book in a generated Notes document in the back matter.
  case bookEnd = "book-end"

  /// The id of the generated Notes document that holds the notes with ``bookEnd``.
  package static let bookEndDocumentID = "notes"
}
