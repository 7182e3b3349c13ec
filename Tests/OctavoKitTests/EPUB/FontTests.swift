import Foundation
import Testing

@testable import OctavoKit

/// Fonts from the styles folder's `fonts/`: sniffed, embedded, declared, obfuscated.
@Suite("Embedded fonts", .serialized)
struct FontTests {
  @Test(
    "formats are told by their bytes",
    arguments: [
      ("wOF2", FontSniffer.Format.woff2), ("wOFF", .woff), ("OTTO", .otf), ("true", .ttf),
    ])
  func sniff(_ magic: String, _ format: FontSniffer.Format) {
    #expect(FontSniffer.format(of: Array(magic.utf8) + [0, 0, 0, 0]) == format)
    #expect(format.mediaType == "font/" + format.rawValue)
  }

  @Test("obfuscation changes only the first 1,040 bytes and undoes itself")
  func obfuscationAlgorithm() {
    let bytes = (0..<3000).map { UInt8($0 % 251) }
    let key = FontObfuscation.key(forIdentifier: " urn:isbn:9780000000002\n")
    #expect(key == FontObfuscation.key(forIdentifier: "urn:isbn:9780000000002"))
    #expect(key.count == 20)
    let obfuscated = FontObfuscation.apply(bytes, key: key)
    #expect(obfuscated[..<1040] != bytes[..<1040])
    #expect(obfuscated[1040...] == bytes[1040...])
    #expect(FontObfuscation.apply(obfuscated, key: key) == bytes)
  }

  @Test("the generated test font is a TrueType font")
  func testFont() {
    #expect(FontSniffer.format(of: TestFont.ttf) == .ttf)
    #expect(TestFont.checksum(TestFont.ttf) == 0xB1B0_AFBA)
  }

  @Test(
    "the file name gives the @font-face family, weight and style",
    arguments: [
      ("Literata-SemiBoldItalic.ttf", "Literata", 600, "italic"),
      ("Literata-Regular.otf", "Literata", 400, "normal"),
      ("Source_Serif_Bold.woff2", "Source Serif", 700, "normal"),
      ("Plain.ttf", "Plain", 400, "normal"),
    ])
  func face(_ name: String, _ family: String, _ weight: Int, _ style: String) {
    let font = EmbeddedFont(fileName: "x.ttf", format: .ttf, bytes: [], originalName: name)
    #expect(font.face.family == family)
    #expect(font.face.weight == weight)
    #expect(font.face.style == style)
  }

  /// Builds `yaml` with a styles folder holding `fonts`; returns the EPUB's entries.
  func build(_ extra: String, fonts: [String: [UInt8]]) throws
    -> (archive: ZipArchiveReader, result: BuildResult, epub: URL)
  {
    var binary: [String: [UInt8]] = [:]
    for (name, bytes) in fonts { binary["styles/fonts/" + name] = bytes }
    let manuscript = try TemporaryManuscript(
      [
        "book/book.yaml": EbookBuild.yaml(
          "identifier: urn:uuid:12345678-1234-5678-1234-567812345678\n" + extra),
        "book/one.md": "# One\n\nText.\n",
      ], binary: binary)
    let output = manuscript.root.appending(path: "out")
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: manuscript.root.appending(path: "book"),
        styles: manuscript.root.appending(path: "styles"),
        output: output, formats: [.epub], environment: ["SOURCE_DATE_EPOCH": "1700000000"]))
    let epub = try #require(result.outputs.first)
    return (try ZipArchiveReader(epub), result, epub)
  }

  static func text(_ archive: ZipArchiveReader, _ name: String) -> String {
    String(decoding: archive.entries[name] ?? [], as: UTF8.self)
  }

  @Test(
    "fonts get manifest entries, @font-face rules and Apple's display options; other files a warning"
  )
  func embedded() throws {
    let built = try build(
      "",
      fonts: [
        "Test-Bold.ttf": TestFont.ttf, "Fake.woff2": Array("wOF2".utf8) + [1, 2, 3],
        "notes.txt": Array("hi".utf8),
      ])
    defer {
      try? FileManager.default.removeItem(
        at: built.epub.deletingLastPathComponent().deletingLastPathComponent())
    }
    #expect(built.archive.entries["EPUB/fonts/test-bold.ttf"] == TestFont.ttf)
    let opf = Self.text(built.archive, "EPUB/package.opf")
    #expect(opf.contains(#"href="fonts/test-bold.ttf" media-type="font/ttf""#))
    #expect(opf.contains(#"href="fonts/fake.woff2" media-type="font/woff2""#))
    let css = Self.text(built.archive, "EPUB/styles/epub.css")
    #expect(css.contains(#"font-family: "Test";"#))
    #expect(css.contains("font-weight: 700;"))
    #expect(css.contains(#"src: url("../fonts/test-bold.ttf") format("truetype");"#))
    #expect(
      Self.text(built.archive, "META-INF/com.apple.ibooks.display-options.xml").contains(
        #"<option name="specified-fonts">true</option>"#))
    #expect(built.archive.entries["META-INF/encryption.xml"] == nil)
    #expect(built.result.diagnostics.map(\.code) == [.badFont])
  }

  @Test("no fonts: no display options, no encryption")
  func none() throws {
    let built = try build("obfuscate-fonts: true", fonts: [:])
    defer {
      try? FileManager.default.removeItem(
        at: built.epub.deletingLastPathComponent().deletingLastPathComponent())
    }
    #expect(
      !built.archive.names.contains { $0.hasPrefix("META-INF/") && $0 != "META-INF/container.xml" })
    #expect(!built.archive.names.contains { $0.hasPrefix("EPUB/fonts/") })
  }

  // EPUBCheck and the Nu checker (java): skipped without them, failed when make test requires them.
  @Test(
    "obfuscated fonts are listed in encryption.xml and de-obfuscate to the original bytes",
    .enabled(if: Validators.enabled))
  func obfuscated() throws {
    try Validators.require()
    let built = try build("obfuscate-fonts: true", fonts: ["Test-Regular.ttf": TestFont.ttf])
    defer {
      try? FileManager.default.removeItem(
        at: built.epub.deletingLastPathComponent().deletingLastPathComponent())
    }
    let stored = try #require(built.archive.entries["EPUB/fonts/test-regular.ttf"])
    #expect(stored != TestFont.ttf)
    #expect(stored.count == TestFont.ttf.count)
    if stored.count > 1040 { #expect(stored[1040...] == TestFont.ttf[1040...]) }
    // The key computed independently: sha1sum of the identifier without white space.
    let identifier = "urn:uuid:12345678-1234-5678-1234-567812345678"
    let sha = try runProcess(
      URL(fileURLWithPath: "/bin/sh"), ["-c", "printf '%s' '\(identifier)' | sha1sum"]
    ).stdout
    let hex = Array(sha.prefix(40))
    let key: [UInt8] = stride(from: 0, to: 40, by: 2).map {
      UInt8(String(hex[$0...($0 + 1)]), radix: 16)!
    }
    var restored = stored
    for index in 0..<min(1040, restored.count) { restored[index] ^= key[index % 20] }
    #expect(restored == TestFont.ttf)
    let encryption = Self.text(built.archive, "META-INF/encryption.xml")
    #expect(
      encryption.contains(
        #"<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>"#))
    #expect(encryption.contains(#"<enc:CipherReference URI="EPUB/fonts/test-regular.ttf"/>"#))
    let report = try Validators.epubcheck(built.epub)
    #expect(
      report.fatals == 0 && report.errors == 0 && report.warnings == 0,
      "\(report.messages.joined(separator: "\n"))")
  }
}
