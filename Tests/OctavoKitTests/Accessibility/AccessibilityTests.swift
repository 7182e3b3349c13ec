import Foundation
import Testing

@testable import OctavoKit

/// The accessibility metadata is worked out from the content: changing the content changes it.
@Suite("Accessibility metadata")
struct AccessibilityTests {
  static let chapterWithImage = "# One\n\nText.\n\n![A red square](red.png)\n\nMore text.\n"

  func opf(_ files: [String: String], binary: [String: [UInt8]] = ["red.png": tinyPNG]) throws
    -> String
  {
    let (result, epub, folder) = try EbookBuild.build(files, binary: binary)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    return try EbookBuild.text(try #require(epub), "EPUB/package.opf")
  }

  @Test("every image with alt text: visual mode, alternativeText, text alone suffices")
  func imagesWithAlt() throws {
    let package = try opf(["book.yaml": EbookBuild.yaml(), "one.md": Self.chapterWithImage])
    #expect(EbookBuild.metaValues(package, "schema:accessMode") == ["textual", "visual"])
    #expect(
      EbookBuild.metaValues(package, "schema:accessModeSufficient") == [
        "textual", "textual,visual",
      ])
    #expect(
      EbookBuild.metaValues(package, "schema:accessibilityFeature")
        == ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"])
    #expect(EbookBuild.metaValues(package, "schema:accessibilityHazard") == ["none"])
    #expect(EbookBuild.metaValues(package, "dcterms:conformsTo").isEmpty)
    let summary = try #require(EbookBuild.metaValues(package, "schema:accessibilitySummary").first)
    #expect(summary.contains("Every image has a text alternative"))
  }

  @Test("removing one alt text removes alternativeText and text-only sufficiency")
  func oneAltRemoved() throws {
    let chapter = Self.chapterWithImage + "\n![](red.png)\n"
    let package = try opf(["book.yaml": EbookBuild.yaml(), "one.md": chapter])
    let features = EbookBuild.metaValues(package, "schema:accessibilityFeature")
    #expect(!features.contains("alternativeText"))
    #expect(features.contains("tableOfContents"))
    #expect(EbookBuild.metaValues(package, "schema:accessModeSufficient") == ["textual,visual"])
    let summary = try #require(EbookBuild.metaValues(package, "schema:accessibilitySummary").first)
    #expect(summary.contains("1 of 2 images has no text alternative"))
  }

  @Test("a book without images is textual only and claims no alternativeText")
  func noImages() throws {
    let package = try opf(
      ["book.yaml": EbookBuild.yaml(), "one.md": "# One\n\nJust words.\n"], binary: [:])
    #expect(EbookBuild.metaValues(package, "schema:accessMode") == ["textual"])
    #expect(EbookBuild.metaValues(package, "schema:accessModeSufficient") == ["textual"])
    #expect(
      !EbookBuild.metaValues(package, "schema:accessibilityFeature").contains("alternativeText"))
  }

  @Test(
    "decorative images, marked in Markdown or raw HTML, keep alternativeText",
    arguments: ["![](red.png \"decorative\")", "<img src=\"red.png\" alt=\"\">"])
  func decorative(_ markup: String) throws {
    let files = [
      "book.yaml": EbookBuild.yaml(), "one.md": Self.chapterWithImage + "\n" + markup + "\n",
    ]
    let (result, epub, folder) = try EbookBuild.build(files, binary: ["red.png": tinyPNG])
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(!result.diagnostics.contains { $0.code == .imageWithoutAlt })
    let epubURL = try #require(epub)
    let package = try EbookBuild.text(epubURL, "EPUB/package.opf")
    #expect(
      EbookBuild.metaValues(package, "schema:accessibilityFeature").contains("alternativeText"))
    let chapter = try EbookBuild.text(epubURL, "EPUB/text/one.xhtml")
    #expect(chapter.contains("alt=\"\" role=\"presentation\""))
    #expect(!chapter.contains("<figcaption>decorative"))
  }

  @Test("a conformance claim the content bears out is written, with who certified it")
  func claimHolds() throws {
    let yaml = EbookBuild.yaml(
      "accessibility:\n  conformance: WCAG 2.2 AA\n  certified-by: Example Press\n  hazards: [noFlashingHazard, noSoundHazard]\n  summary: Checked by hand."
    )
    let package = try opf(["book.yaml": yaml, "one.md": Self.chapterWithImage])
    #expect(
      EbookBuild.metaValues(package, "dcterms:conformsTo") == [
        "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
      ])
    #expect(EbookBuild.metaValues(package, "a11y:certifiedBy") == ["Example Press"])
    #expect(
      EbookBuild.metaValues(package, "schema:accessibilityHazard") == [
        "noFlashingHazard", "noSoundHazard",
      ])
    #expect(EbookBuild.metaValues(package, "schema:accessibilitySummary") == ["Checked by hand."])
  }

  @Test(
    "a conformance claim the content contradicts fails the build and writes nothing",
    arguments: ["\n![](red.png)\n", "\n#### Too deep\n", "\n<img src=\"red.png\">\n"])
  func claimContradicted(_ addition: String) throws {
    let yaml = EbookBuild.yaml(
      "accessibility: { conformance: \"EPUB Accessibility 1.1 - WCAG 2.2 Level AA\" }")
    let (result, epub, folder) = try EbookBuild.build(
      ["book.yaml": yaml, "one.md": Self.chapterWithImage + addition],
      binary: ["red.png": tinyPNG])
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(epub == nil)
    let errors = result.diagnostics.filter { $0.code == .accessibilityClaimContradicted }
    #expect(errors.count == 1)
    #expect(errors.first?.severity == .error)
    #expect(errors.first?.location?.file == "one.md")
    #expect(errors.first?.location?.line ?? 0 > 1)
  }

  @Test("a conformance claim needs the book's language")
  func claimWithoutLanguage() throws {
    let yaml = "title: T\naccessibility: { conformance: WCAG 2.2 AA }\ncontents: [one.md]\n"
    let (result, epub, folder) = try EbookBuild.build([
      "book.yaml": yaml, "one.md": "# One\n\nText.\n",
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(epub == nil)
    let errors = result.diagnostics.filter { $0.code == .accessibilityClaimContradicted }
    #expect(errors.map { $0.location?.file } == ["book.yaml"])
  }

  @Test(
    "bad accessibility values are errors with the position in book.yaml",
    arguments: [
      "accessibility: { conformance: WCAG 9 }", "accessibility: { hazards: [flashy] }",
      "accessibility: { certified-by: Me }", "accessibility: yes",
    ])
  func badValues(_ line: String) throws {
    let manuscript = try TemporaryManuscript([
      "book.yaml": EbookBuild.yaml(line), "one.md": "# One\n",
    ])
    defer { manuscript.remove() }
    let errors = try manuscript.load().errors
    #expect(errors.map(\.code) == [.badAccessibilityValue], "\(errors)")
    #expect(errors.first?.location?.file == "book.yaml")
  }

  @Test("the sample book carries the derived metadata and its conformance claim")
  func sample() throws {
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-a11y-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: TestPaths.sampleManuscript, output: output,
        formats: [.epub], environment: ["SOURCE_DATE_EPOCH": "1700000000"]))
    let package = try EbookBuild.text(try #require(result.outputs.first), "EPUB/package.opf")
    #expect(EbookBuild.metaValues(package, "schema:accessMode") == ["textual", "visual"])
    #expect(
      EbookBuild.metaValues(package, "schema:accessibilityFeature").contains("alternativeText"))
    #expect(
      EbookBuild.metaValues(package, "dcterms:conformsTo") == [
        "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
      ])
  }
}
