import Testing

@testable import OctavoKit

/// The caches' byte format: what ``RenderCache/ByteWriter`` writes, ``RenderCache/ByteReader``
/// reads back, and a reader stops (nil) where the bytes run out.
@Suite("Cache bytes")
struct CacheByteReaderTests {
  static let numbers: [UInt64] = [0, 1, 0xFF, 0x100, 0x0102_0304_0506_0708, UInt64.max]
  static let strings = [
    "", "a", "Chapter 3", "café", "日本語の見出し", String(repeating: "x", count: 300),
  ]

  @Test("numbers and strings read back as written", arguments: numbers, strings)
  func roundTrip(_ number: UInt64, _ text: String) {
    var writer = RenderCache.ByteWriter()
    writer.add(number)
    writer.add(Array(text.utf8))
    writer.add(number)
    #expect(writer.bytes.count == 8 + 8 + text.utf8.count + 8)
    // Little-endian, as written.
    #expect(writer.bytes[0] == UInt8(number & 0xFF))
    var reader = RenderCache.ByteReader(data: writer.bytes)
    #expect(reader.number() == number)
    #expect(reader.string() == text)
    #expect(reader.number() == number)
    #expect(reader.isAtEnd)
    #expect(reader.number() == nil)
  }

  @Test("a reader stops where the bytes run out", arguments: strings)
  func truncated(_ text: String) {
    var writer = RenderCache.ByteWriter()
    writer.add(Array(text.utf8))
    for length in 0..<writer.bytes.count {
      var reader = RenderCache.ByteReader(data: Array(writer.bytes.prefix(length)))
      #expect(reader.string() == nil, "\(length) bytes")
      var numbers = RenderCache.ByteReader(data: Array(writer.bytes.prefix(length)))
      #expect((numbers.number() != nil) == (length >= 8))
    }
  }
}
