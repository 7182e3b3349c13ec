/// The stable code of each kind of diagnostic Octavo reports.
///
/// Codes never change meaning once released; `docs/diagnostics.md` describes each one.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
  // book.yaml
  case yamlSyntax = "OCT101"
  case metadataNotMapping = "OCT102"
  case unknownKey = "OCT103"
  case missingTitle = "OCT104"
  case badLanguage = "OCT105"
  case badDate = "OCT106"
  case badIdentifier = "OCT107"
  case badCover = "OCT108"
  case emptyContents = "OCT109"
  case missingChapterFile = "OCT110"
  case duplicateChapterFile = "OCT111"
  case pathOutsideManuscript = "OCT112"
  case unlistedChapterFile = "OCT113"
  case badMetadataValue = "OCT114"
  case badEnvironment = "OCT115"
  // files
  case notUTF8 = "OCT201"
  case unreadableFile = "OCT202"
  case emptyChapter = "OCT203"
  case fileTooLarge = "OCT204"
  case badFrontMatter = "OCT205"
  case specialFile = "OCT206"
  // content
  case headingLevelSkip = "OCT301"
  case duplicateID = "OCT302"
  case brokenChapterLink = "OCT303"
  case brokenAnchor = "OCT304"
  case linkToNonBookFile = "OCT305"
  case missingImage = "OCT306"
  case unsupportedImage = "OCT307"
  case imageWithoutAlt = "OCT308"
  case remoteImage = "OCT309"
  case undefinedFootnote = "OCT310"
  case unusedFootnote = "OCT311"
  case rawHTMLRepaired = "OCT312"
  case unsafeURL = "OCT313"
  case parseLimit = "OCT314"
  case parseTooComplex = "OCT315"
  case reservedID = "OCT316"
  case unsafeSVG = "OCT317"
  // e-book (accessibility, fonts)
  case badAccessibilityValue = "OCT401"
  case accessibilityClaimContradicted = "OCT402"
  case badFont = "OCT403"
  // print (type, openers, PDF engines)
  case glyphMissing = "OCT501"
  case faceMissing = "OCT502"
  case pdfEngineWarning = "OCT503"
  case titleGuessed = "OCT504"

  // importing (octavo import)
  case importConfiguration = "OCT601"
  case importSummaryLine = "OCT602"
  case importDraftChapter = "OCT603"
  case importMissingChapter = "OCT604"
  case importPreprocessor = "OCT605"
  case importFileOutside = "OCT606"
  case importMetadataKey = "OCT607"
}
