/// Reads PDF tokens and values from a byte offset.
struct PDFReader {
  let bytes: [UInt8]
  var position: Int
  private var depth = 0

  init(bytes: [UInt8], position: Int) {
    self.bytes = bytes
    self.position = position
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0
  }

  private static func isDelimiter(_ byte: UInt8) -> Bool {
    isSpace(byte) || "()<>[]{}/%".utf8.contains(byte)
  }

  private mutating func skipSpace() {
    while position < bytes.count {
      if Self.isSpace(bytes[position]) {
        position += 1
      } else if bytes[position] == UInt8(ascii: "%") {
        while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D {
          position += 1
        }
      } else {
        return
      }
    }
  }

  /// A bare word (`obj`, `xref`, `R`, `true`); nil at a delimiter.
  mutating func keyword() -> String? {
    skipSpace()
    let start = position
    while position < bytes.count, !Self.isDelimiter(bytes[position]) { position += 1 }
    return start == position ? nil : String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// The next value; a number followed by `G R` is read as a reference.
  mutating func value() -> PDFValue? {
    skipSpace()
    guard position < bytes.count, depth < 64 else { return nil }
    depth += 1
    defer { depth -= 1 }
    switch bytes[position] {
    case UInt8(ascii: "/"):
      position += 1
      return .name(name())
    case UInt8(ascii: "("):
      return literalString().map(PDFValue.string)
    case UInt8(ascii: "["):
      position += 1
      var items: [PDFValue] = []
      while true {
        skipSpace()
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "]") {
          position += 1
          return .array(items)
        }
        guard let item = value() else { return nil }
        items.append(item)
      }
    case UInt8(ascii: "<"):
      if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
        position += 2
        var dictionary: [String: PDFValue] = [:]
        while true {
          skipSpace()
          guard position + 1 < bytes.count else { return nil }
          if bytes[position] == UInt8(ascii: ">"), bytes[position + 1] == UInt8(ascii: ">") {
            position += 2
            return .dictionary(dictionary)
          }
          guard case .name(let key) = value(), let item = value() else { return nil }
          dictionary[key] = item
        }
      }
      return hexString().map(PDFValue.string)
    default:
      guard let word = keyword() else { return nil }
      guard let number = Double(word) else { return .other }
      // `12 0 R` is a reference; anything else leaves the reader after the number.
      let mark = position
      if let whole = Int(exactly: number), case .number(let generation)? = value(),
        let second = Int(exactly: generation), keyword() == "R"
      {
        return .reference(PDFFile.Reference(number: whole, generation: second))
      }
      position = mark
      return .number(number)
    }
  }

  /// A name's characters after the slash, with `#xx` escapes decoded.
  private mutating func name() -> String {
    var result: [UInt8] = []
    while position < bytes.count, !Self.isDelimiter(bytes[position]) {
      if bytes[position] == UInt8(ascii: "#"), position + 2 < bytes.count,
        let value = UInt8(
          String(decoding: bytes[position + 1...position + 2], as: UTF8.self),
          radix: 16)
      {
        result.append(value)
        position += 3
      } else {
        result.append(bytes[position])
        position += 1
      }
    }
    return String(decoding: result, as: UTF8.self)
  }

  /// A `( … )` string with its escapes decoded (UTF-16 with a byte-order mark when it has one).
  private mutating func literalString() -> String? {
    position += 1
    var result: [UInt8] = []
    var nesting = 1
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { return nil }
        let next = bytes[position]
        position += 1
        switch next {
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
          var value = Int(next - UInt8(ascii: "0"))
          for _ in 0..<2 {
            guard position < bytes.count,
              (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[position])
            else { break }
            value = value * 8 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
          }
          result.append(UInt8(truncatingIfNeeded: value))
        case 0x0A: break
        case 0x0D:
          if position < bytes.count, bytes[position] == 0x0A { position += 1 }
        default: result.append(next)
        }
      case UInt8(ascii: "("):
        nesting += 1
        result.append(byte)
      case UInt8(ascii: ")"):
        nesting -= 1
        if nesting == 0 { return Self.text(result) }
        result.append(byte)
      default:
        result.append(byte)
      }
    }
    return nil
  }

  /// A `< … >` hexadecimal string.
  private mutating func hexString() -> String? {
    position += 1
    var digits: [UInt8] = []
    while position < bytes.count, bytes[position] != UInt8(ascii: ">") {
      if !Self.isSpace(bytes[position]) { digits.append(bytes[position]) }
      position += 1
    }
    guard position < bytes.count else { return nil }
    position += 1
    if digits.count % 2 == 1 { digits.append(UInt8(ascii: "0")) }
    var result: [UInt8] = []
    var index = 0
    while index < digits.count {
      guard let value = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)
      else { return nil }
      result.append(value)
      index += 2
    }
    return Self.text(result)
  }

  /// A string's bytes as text: UTF-16BE after a byte-order mark, else UTF-8 (the names
  /// Chromium writes are the ids, which are UTF-8).
  private static func text(_ bytes: [UInt8]) -> String {
    if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
      var units: [UInt16] = []
      var index = 2
      while index + 1 < bytes.count {
        units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
        index += 2
      }
      return String(decoding: units, as: UTF16.self)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// A value of PDF's object syntax, as far as destinations need it.
indirect enum PDFValue {
  case number(Double)
  case name(String)
  case string(String)
  case array([PDFValue])
  case dictionary([String: PDFValue])
  case reference(PDFFile.Reference)
  case other

  var reference: PDFFile.Reference? {
    if case .reference(let value) = self { value } else { nil }
  }
  var dictionary: [String: PDFValue]? {
    if case .dictionary(let value) = self { value } else { nil }
  }
  var array: [PDFValue]? {
    if case .array(let value) = self { value } else { nil }
  }
  var name: String? {
    if case .name(let value) = self { value } else { nil }
  }
}
