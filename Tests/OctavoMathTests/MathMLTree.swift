import OctavoMath

/// A parsed MathML element, for comparing the converter's output with texmath's.
struct MathMLTree: Equatable {
  var name: String
  var attributes: [String: String]
  var children: [MathMLTree]
  var text: String?

  /// Parses the XML (or HTML-serialized MathML) of one element; `nil` when it is not well formed.
  static func parse(_ source: String) -> MathMLTree? {
    var parser = Parser(scalars: Array(source.unicodeScalars))
    parser.skipSpace()
    guard let tree = parser.element() else { return nil }
    parser.skipSpace()
    return parser.position == parser.scalars.count ? tree : nil
  }

  /// A canonical serialization: attributes sorted, text inline.
  var canonical: String {
    var out = "<\(name)"
    for key in attributes.keys.sorted() { out += " \(key)=\"\(attributes[key]!)\"" }
    out += ">"
    if let text { out += text }
    for child in children { out += child.canonical }
    return out + "</\(name)>"
  }

  private struct Parser {
    let scalars: [Unicode.Scalar]
    var position = 0

    mutating func skipSpace() {
      while position < scalars.count, [" ", "\n", "\t", "\r"].contains(scalars[position]) {
        position += 1
      }
    }

    mutating func expect(_ s: Unicode.Scalar) -> Bool {
      guard position < scalars.count, scalars[position] == s else { return false }
      position += 1
      return true
    }

    mutating func name() -> String? {
      var out = ""
      while position < scalars.count {
        let c = scalars[position]
        if c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == ":" || c == "_"
        {
          out.unicodeScalars.append(c)
          position += 1
        } else {
          break
        }
      }
      return out.isEmpty ? nil : out
    }

    mutating func characterData(until end: Unicode.Scalar) -> String? {
      var out = ""
      while position < scalars.count, scalars[position] != end {
        if scalars[position] == "&" {
          guard let semicolon = scalars[position...].firstIndex(of: ";") else { return nil }
          let entity = String(String.UnicodeScalarView(scalars[(position + 1)..<semicolon]))
          switch entity {
          case "amp": out += "&"
          case "lt": out += "<"
          case "gt": out += ">"
          case "quot": out += "\""
          case "apos": out += "'"
          default:
            let hex = entity.hasPrefix("#x") || entity.hasPrefix("#X")
            guard entity.hasPrefix("#"),
              let value = UInt32(entity.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
              let scalar = Unicode.Scalar(value)
            else { return nil }
            out.unicodeScalars.append(scalar)
          }
          position = semicolon + 1
        } else {
          out.unicodeScalars.append(scalars[position])
          position += 1
        }
      }
      return out
    }

    mutating func element() -> MathMLTree? {
      guard expect("<"), let name = self.name() else { return nil }
      var attributes: [String: String] = [:]
      while true {
        skipSpace()
        if expect("/") {
          return expect(">")
            ? MathMLTree(name: name, attributes: attributes, children: [], text: nil) : nil
        }
        if expect(">") { break }
        guard let key = self.name(), expect("="), expect("\"") else { return nil }
        guard let value = characterData(until: "\""), expect("\"") else { return nil }
        attributes[key] = value
      }
      var children: [MathMLTree] = []
      var text = ""
      while position < scalars.count {
        if scalars[position] == "<" {
          if position + 1 < scalars.count, scalars[position + 1] == "/" {
            position += 2
            guard self.name() == name, expect(">") else { return nil }
            let isToken = ["mi", "mn", "mo", "mtext", "ms", "annotation"].contains(name)
            return MathMLTree(
              name: name, attributes: attributes, children: children,
              text: isToken ? text : nil)
          }
          guard let child = element() else { return nil }
          children.append(child)
        } else {
          guard let data = characterData(until: "<") else { return nil }
          text += data
        }
      }
      return nil
    }
  }
}
