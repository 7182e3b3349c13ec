import Foundation

// Writes a Swift file that holds each given style sheet as an escaped string literal,
// keyed by its file name. Used by the EmbedStyles build plugin; not part of the product.
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
  FileHandle.standardError.write(Data("usage: embed-styles OUTPUT INPUT...\n".utf8))
  exit(64)
}
var source = "// Generated from Styles/ by the EmbedStyles plugin. Do not edit.\n\n"
source += "enum DefaultStyles {\n  static let files: [String: String] = [\n"
for path in arguments.dropFirst() {
  let url = URL(fileURLWithPath: path)
  guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("embed-styles: cannot read \(path)\n".utf8))
    exit(1)
  }
  guard let text = String(data: data, encoding: .utf8) else {
    FileHandle.standardError.write(Data("embed-styles: \(path) is not UTF-8\n".utf8))
    exit(1)
  }
  var literal = ""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": literal += "\\\\"
    case "\"": literal += "\\\""
    case "\n": literal += "\\n"
    case "\r": literal += "\\r"
    case "\t": literal += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        literal += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        literal.unicodeScalars.append(scalar)
      }
    }
  }
  source += "    \"\(url.lastPathComponent)\": \"\(literal)\",\n"
}
source += "  ]\n}\n"
do {
  try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
  FileHandle.standardError.write(Data("embed-styles: cannot write \(outputPath): \(error)\n".utf8))
  exit(1)
}
