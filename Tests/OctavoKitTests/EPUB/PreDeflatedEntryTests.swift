import Foundation
import Testing

@testable import OctavoKit

/// EPUB documents are deflated on the thread that wrote them and handed to libzip deflated
/// (``Deflate``, ``ZipWriter/addDeflated(_:_:modified:)``): the zip must be the bytes libzip
/// writes when it deflates the same content itself, and the EPUB a build makes this way must
/// hold the documents as they were written.
@Suite("Entries deflated before zipping")
struct PreDeflatedEntryTests {
  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-deflate-\(UUID().uuidString)")
  }

  /// Text that deflates well, incompressible bytes, a short and an empty entry, and one
  /// larger than zlib's and libzip's buffers.
  static let samples: [(name: String, bytes: [UInt8])] = {
    var state: UInt32 = 54_321
    let noise = (0..<70_000).map { _ -> UInt8 in
      state = state &* 1_103_515_245 &+ 12_345
      return UInt8(truncatingIfNeeded: state >> 16)
    }
    let text = Array(
      String(
        repeating: "<p>A paragraph of the chapter, “quoted”, then another.</p>\n", count: 3_000
      )
      .utf8)
    var mixed: [UInt8] = []
    for index in 0..<400_000 { mixed.append(index % 7 == 0 ? noise[index % noise.count] : 97) }
    return [
      ("EPUB/text/chapter.xhtml", text),
      ("EPUB/text/noise.xhtml", noise),
      ("EPUB/text/short.xhtml", Array("<p>x</p>".utf8)),
      ("EPUB/text/empty.xhtml", []),
      ("EPUB/text/large-é.xhtml", mixed + text + noise),
    ]
  }()

  @Test("deflated bytes inflate to what was deflated, with its CRC-32 and size")
  func roundTrip() throws {
    for sample in Self.samples {
      let deflated = try #require(
        Deflate.raw(sample.bytes, level: Int32(ZipWriter.compressionLevel)))
      #expect(deflated.size == sample.bytes.count, "\(sample.name)")
      #expect(Deflate.inflated(deflated) == sample.bytes, "\(sample.name)")
      #expect(deflated.crc == Deflate.crc32(sample.bytes), "\(sample.name)")
      if sample.name.hasSuffix("chapter.xhtml") {
        // What is kept is the deflated size, not a buffer the size of the input.
        #expect(deflated.bytes.capacity < sample.bytes.count / 4)
      }
      var damaged = deflated
      damaged.size += 1
      #expect(Deflate.inflated(damaged) == nil, "\(sample.name): a wrong size is noticed")
    }
    #expect(Deflate.crc32(Array("123456789".utf8)) == 0xCBF4_3926)  // The standard check value.
  }

  @Test("a zip of entries deflated beforehand is byte for byte the zip libzip deflates")
  func sameArchive() throws {
    let folder = Self.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let date = Date(timeIntervalSince1970: 1_700_000_000)
    let spill = try #require(SpillFile(in: folder))
    func archive(_ name: String, predeflated: Bool, spilled: Bool = false) throws -> [UInt8] {
      let path = folder.appending(path: name).path
      let zip = try ZipWriter(path: path)
      try zip.add(
        "mimetype", Array("application/epub+zip".utf8), compress: false, modified: date)
      for sample in Self.samples {
        if predeflated {
          var deflated = try #require(
            Deflate.raw(sample.bytes, level: Int32(ZipWriter.compressionLevel)))
          // Read back by the zip's source from the temporary file.
          if spilled { try deflated.spill(to: spill) }
          try zip.addDeflated(sample.name, deflated, modified: date)
        } else {
          try zip.add(sample.name, sample.bytes, compress: true, modified: date)
        }
      }
      try zip.close()
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
    let libzip = try archive("libzip.zip", predeflated: false)
    let ours = try archive("ours.zip", predeflated: true)
    let same = ours == libzip
    #expect(same, "\(ours.count) bytes against libzip's \(libzip.count)")
    #expect(try archive("spilled.zip", predeflated: true, spilled: true) == libzip)
    // And libzip reads it back: every entry deflated, with the size and CRC given.
    let previous = try #require(ZipWriter.Previous(path: folder.appending(path: "ours.zip").path))
    for sample in Self.samples {
      let entry = try #require(previous.entry(named: sample.name))
      #expect(entry.isDeflated)
      #expect(entry.size == UInt64(sample.bytes.count))
      #expect(entry.crc == Deflate.crc32(sample.bytes))
    }
  }

  @Test("deflated bytes moved to a temporary file leave memory and read back the same")
  func spilledOutput() throws {
    let spill = try #require(SpillFile())
    for sample in Self.samples {
      let kept = try #require(Deflate.raw(sample.bytes, level: Int32(ZipWriter.compressionLevel)))
      var spilled = kept
      try spilled.spill(to: spill)
      #expect(spilled.bytes.isEmpty && spilled.spilled != nil, "\(sample.name)")
      #expect(spilled.deflatedCount == kept.bytes.count, "\(sample.name)")
      #expect(try spilled.deflatedBytes() == kept.bytes, "\(sample.name)")
      #expect(Deflate.inflated(spilled) == sample.bytes, "\(sample.name)")
      let again = spilled
      try spilled.spill(to: spill)  // Spilled once only.
      #expect(spilled == again)
    }
  }

  @Test("a book rendered with spilling keeps its deflated documents in a temporary file")
  func renderedSpilled() throws {
    let manuscript = try Manuscript.load(
      at: TestPaths.sampleManuscript, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    let root = TestPaths.sampleManuscript
    let kept = try SerializedBook(
      book: manuscript.book, root: root, formats: [.epub, .print],
      deflateLevel: Int32(ZipWriter.compressionLevel))
    let spilled = try SerializedBook(
      book: manuscript.book, root: root, formats: [.epub, .print],
      deflateLevel: Int32(ZipWriter.compressionLevel), spillsXHTML: true)
    #expect(kept.documents.count == spilled.documents.count)
    for (before, after) in zip(kept.documents, spilled.documents) {
      let memory = try #require(before.deflatedXHTML)
      let file = try #require(after.deflatedXHTML)
      #expect(memory.spilled == nil)
      #expect(file.bytes.isEmpty && file.spilled != nil, "\(after.fileName) stayed in memory")
      #expect(try file.deflatedBytes() == memory.bytes, "\(after.fileName)")
      #expect(file.size == memory.size && file.crc == memory.crc)
    }
  }

  @Test("a book rendered with deflating keeps only deflated documents, the same bytes inflated")
  func renderedDeflated() throws {
    let manuscript = try Manuscript.load(
      at: TestPaths.sampleManuscript, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    let root = TestPaths.sampleManuscript
    let plain = try SerializedBook(book: manuscript.book, root: root, formats: [.epub, .print])
    let deflated = try SerializedBook(
      book: manuscript.book, root: root, formats: [.epub, .print],
      deflateLevel: Int32(ZipWriter.compressionLevel))
    #expect(plain.documents.count == deflated.documents.count)
    var holdingMath = 0
    for (before, after) in zip(plain.documents, deflated.documents) {
      #expect(after.xhtml.isEmpty, "\(after.fileName) kept its XHTML")
      let packed = try #require(after.deflatedXHTML, "\(after.fileName) was not deflated")
      #expect(Deflate.inflated(packed) == before.xhtml, "\(after.fileName)")
      #expect(after.printSection == before.printSection, "\(after.fileName)")
      #expect(after.holdsMath == SerializedBook.holdsMath(before.xhtml))
      if after.holdsMath == true { holdingMath += 1 }
    }
    #expect(holdingMath > 0, "the sample's formulas are in some chapter")
    var released = deflated
    released.releaseXHTML()
    #expect(released.documents.allSatisfy { $0.deflatedXHTML == nil && $0.xhtml.isEmpty })
    #expect(released.documents.map(\.printSection) == plain.documents.map(\.printSection))
  }

  @Test("a built EPUB unzips to the documents as they were written")
  func builtEPUBUnzips() throws {
    let unzip = try #require(
      OutsideTool.program("unzip"), "unzip is needed (.ci/install-deps test installs it)")
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let environment = ["SOURCE_DATE_EPOCH": "1700000000"]
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: TestPaths.sampleManuscript, output: output, formats: [.epub],
        environment: environment, useCache: false))
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let epub = try #require(result.outputs.first { $0.pathExtension == "epub" })
    let test = try runProcess(unzip, ["-t", epub.path])
    #expect(test.status == 0, "\(test.stdout)\(test.stderr)")

    let manuscript = try Manuscript.load(at: TestPaths.sampleManuscript, environment: environment)
    let plain = try SerializedBook(
      book: manuscript.book, root: TestPaths.sampleManuscript, formats: [.epub])
    let folder = output.appending(path: "unzipped")
    let extracted = try runProcess(unzip, ["-q", epub.path, "-d", folder.path])
    #expect(extracted.status == 0, "\(extracted.stderr)")
    for document in plain.documents {
      let file = folder.appending(path: "EPUB/text/" + document.fileName)
      let bytes = [UInt8](try Data(contentsOf: file))
      #expect(bytes == document.xhtml, "\(document.fileName)")
    }
  }
}
