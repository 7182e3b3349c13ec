/// A tiny but well-formed TrueType font (one empty glyph, family "OctavoTest"), made here so
/// the font tests need no font installed on the machine.
enum TestFont {
  static func be16(_ value: Int) -> [UInt8] { [UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
  static func be32(_ value: UInt32) -> [UInt8] {
    [
      UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
      UInt8(value & 0xFF),
    ]
  }

  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    var padded = bytes
    while padded.count % 4 != 0 { padded.append(0) }
    var sum: UInt32 = 0
    for index in stride(from: 0, to: padded.count, by: 4) {
      sum &+=
        UInt32(padded[index]) << 24 | UInt32(padded[index + 1]) << 16
        | UInt32(padded[index + 2]) << 8 | UInt32(padded[index + 3])
    }
    return sum
  }

  /// The font's bytes.
  static let ttf: [UInt8] = {
    let head =
      be32(0x0001_0000) + be32(0x0001_0000) + be32(0) + be32(0x5F0F_3CF5) + be16(0x000B)
      + be16(1000) + [UInt8](repeating: 0, count: 16) + be16(0) + be16(0) + be16(0) + be16(0)
      + be16(0) + be16(8) + be16(2) + be16(0) + be16(0)
    let hhea =
      be32(0x0001_0000) + be16(800) + be16(0x10000 - 200) + be16(0) + be16(500) + be16(0)
      + be16(0) + be16(0) + be16(1) + be16(0) + be16(0) + [UInt8](repeating: 0, count: 8) + be16(0)
      + be16(1)
    let maxp =
      be32(0x0001_0000) + be16(1) + be16(0) + be16(0) + be16(0) + be16(0) + be16(2)
      + [UInt8](repeating: 0, count: 16)
    let hmtx = be16(500) + be16(0)
    let loca = be16(0) + be16(0)
    let glyf: [UInt8] = []
    let cmapFormat4 =
      be16(4) + be16(24) + be16(0) + be16(2) + be16(2) + be16(0) + be16(0)
      + be16(0xFFFF) + be16(0) + be16(0xFFFF) + be16(1) + be16(0)
    let cmap = be16(0) + be16(1) + be16(3) + be16(1) + be32(12) + cmapFormat4
    let family = Array("OctavoTest".utf16).flatMap { be16(Int($0)) }
    let name =
      be16(0) + be16(1) + be16(18) + be16(3) + be16(1) + be16(0x0409) + be16(1)
      + be16(family.count) + be16(0) + family
    let post =
      be32(0x0003_0000) + be32(0) + be16(0x10000 - 100) + be16(50)
      + [UInt8](repeating: 0, count: 20)
    let tables: [(String, [UInt8])] = [
      ("cmap", cmap), ("glyf", glyf), ("head", head), ("hhea", hhea), ("hmtx", hmtx),
      ("loca", loca), ("maxp", maxp), ("name", name), ("post", post),
    ]
    var directory =
      be32(0x0001_0000) + be16(tables.count) + be16(128) + be16(3) + be16(tables.count * 16 - 128)
    var body: [UInt8] = []
    var offset = 12 + 16 * tables.count
    var headOffset = 0
    for (tag, data) in tables {
      if tag == "head" { headOffset = offset }
      directory +=
        Array(tag.utf8) + be32(checksum(data)) + be32(UInt32(offset)) + be32(UInt32(data.count))
      var padded = data
      while padded.count % 4 != 0 { padded.append(0) }
      body += padded
      offset += padded.count
    }
    var font = directory + body
    let adjustment = be32(0xB1B0_AFBA &- checksum(font))
    font.replaceSubrange((headOffset + 8)..<(headOffset + 12), with: adjustment)
    return font
  }()
}
