enum Token: Equatable {
  case number(Double)
  case op(Character)
  case paren(open: Bool)
}

func tokenize(_ input: String) throws -> [Token] {
  var tokens: [Token] = []
  var index = input.startIndex
  while index < input.endIndex {
    let c = input[index]
    switch c {
    case " ", "\t":
      index = input.index(after: index)
    case "0"..."9", ".":
      var end = index
      while end < input.endIndex, input[end].isNumber || input[end] == "." {
        end = input.index(after: end)
      }
      guard let value = Double(input[index..<end]) else { throw ParseError.badNumber }
      tokens.append(.number(value))
      index = end
    case "+", "-", "*", "/":
      tokens.append(.op(c))
      index = input.index(after: index)
    case "(", ")":
      tokens.append(.paren(open: c == "("))
      index = input.index(after: index)
    default:
      throw ParseError.unexpected(c)
    }
  }
  return tokens
}

enum ParseError: Error { case badNumber, unexpected(Character) }
