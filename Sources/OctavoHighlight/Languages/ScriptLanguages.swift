// Python, Ruby, PHP, Lua, R and Haskell.

extension Language {
  /// Python.
  static let python: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      and as assert async await break class continue def del elif else except finally for from \
      global if import in is lambda nonlocal not or pass raise return try while with yield match \
      case print_function
      """)
    g.constants = WordTable("True False None NotImplemented Ellipsis __debug__")
    g.builtins = WordTable(
      """
      abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex \
      delattr dict dir divmod enumerate eval exec filter float format frozenset getattr globals \
      hasattr hash help hex id input int isinstance issubclass iter len list locals map max \
      memoryview min next object oct open ord pow print property range repr reversed round set \
      setattr slice sorted staticmethod str sum super tuple type vars zip self cls
      """)
    g.functionDeclarators = WordTable("def")
    g.typeDeclarators = WordTable("class")
    g.lineComments = [[35]]
    g.blockComment = nil
    g.tripleQuotes = true
    g.tripleSingleQuotes = true
    g.stringPrefixes = WordTable(
      "r u b f br rb fr rf R U B F BR RB FR RF Rb rB Br bR Fr fR Rf rF", caseInsensitive: false)
    g.interpolation = .braces
    g.annotation = .attribute
    g.capitalizedTypes = false
    return Language("python", ["py", "python3", "py3", "gyp", "bzl", "starlark"], grammar: g)
  }()

  /// Ruby.
  static let ruby: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      BEGIN END alias and begin break case class def defined? do else elsif end ensure for if in \
      module next not or redo rescue retry return super then undef unless until when while yield \
      __FILE__ __LINE__ __method__ self loop raise require require_relative include extend attr_reader \
      attr_writer attr_accessor private protected package module_function
      """)
    g.constants = WordTable("true false nil")
    g.builtins = WordTable("puts print p pp lambda proc format sprintf gets")
    g.functionDeclarators = WordTable("def")
    g.typeDeclarators = WordTable("class module")
    g.lineComments = [[35]]
    g.blockComment = nil
    g.interpolation = .hash
    g.backtick = .command
    g.multilineStrings = true
    g.atVariables = true
    g.identifierSuffix = 63
    g.identifierSuffix2 = 33
    g.regexLiterals = true
    g.ruby = true
    g.functionCalls = false
    g.dollarVariables = true
    return Language("ruby", ["rb", "gemspec", "podspec", "rake"], grammar: g)
  }()

  /// PHP (code after `<?php`; text before it is left plain).
  static let php: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      abstract and array as break callable case catch class clone const continue declare default \
      do echo else elseif empty enddeclare endfor endforeach endif endswitch endwhile enum eval \
      exit extends final finally fn for foreach function global goto if implements include \
      include_once instanceof insteadof interface isset list match namespace new or print private \
      protected package readonly require require_once return static switch throw trait try unset \
      use var while xor yield from die self parent
      """, caseInsensitive: true)
    g.constants = WordTable("true false null TRUE FALSE NULL", caseInsensitive: true)
    g.types = WordTable("int float bool string void mixed object iterable never")
    g.functionDeclarators = WordTable("function fn", caseInsensitive: true)
    g.typeDeclarators = WordTable("class interface trait enum", caseInsensitive: true)
    g.lineComments = [[47, 47], [35]]
    g.dollarVariables = true
    g.interpolation = .php
    g.multilineStrings = true
    g.phpHeredoc = true
    g.annotation = nil
    let lexer = CodeLexer(g)
    return Language("php", ["php3", "php4", "php5", "php7", "php8"]) { s in PHP.scan(&s, lexer) }
  }()

  /// Lua.
  static let lua: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      "and break do else elseif end for function goto if in local not or repeat return then until while"
    )
    g.constants = WordTable("true false nil")
    g.builtins = WordTable(
      """
      assert collectgarbage dofile error getmetatable ipairs load loadfile next pairs pcall print \
      rawequal rawget rawlen rawset require select setmetatable tonumber tostring type xpcall \
      string table math io os coroutine utf8 debug package _G _VERSION
      """)
    g.functionDeclarators = WordTable("function")
    g.lineComments = [[45, 45]]
    g.blockComment = nil
    g.luaLongBrackets = true
    g.capitalizedTypes = false
    return Language("lua", grammar: g)
  }()

  /// R.
  static let r: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable("if else repeat while function for in next break return switch")
    g.constants = WordTable("TRUE FALSE NULL NA NA_integer_ NA_real_ NA_character_ Inf NaN T F")
    g.lineComments = [[35]]
    g.blockComment = nil
    g.identifierExtra = 46
    g.multilineStrings = true
    g.backtick = .identifier
    g.capitalizedTypes = false
    g.leadingDotNumbers = true
    return Language("r", ["rscript", "splus", "s"], grammar: g)
  }()

  /// Haskell.
  static let haskell: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      case class data default deriving do else family if in infix infixl infixr instance let \
      newtype of then type where forall foreign import module qualified as hiding _
      """)
    g.constants = WordTable("True False")
    g.lineComments = [[45, 45]]
    g.blockComment = (Array("{-".utf8), Array("-}".utf8))
    g.nestedComments = true
    g.haskellPragmas = true
    g.reservedOperators = WordTable(":: = -> <- => | \\ @ ~ ..")
    g.identifierExtra = 39
    g.singleQuote = .char
    g.functionCalls = false
    g.multilineStrings = false
    return Language("haskell", ["hs"], grammar: g)
  }()
}

/// PHP: `<?php … ?>` islands of code in text.
enum PHP {
  static func scan(_ s: inout Scanner, _ lexer: CodeLexer) {
    while s.pos < s.limit {
      // Text up to the next open tag stays plain.
      var open = s.pos
      while open < s.limit && !(s.bytes[open] == 60 && s.byte(open + 1) == 63) { open += 1 }
      if open >= s.limit {
        s.pos = s.limit
        return
      }
      var tagEnd = open + 2
      if s.matchesFolded("php", at: tagEnd) {
        tagEnd += 3
      } else if s.byte(tagEnd) == 61 {
        tagEnd += 1
      }
      s.emit(.preprocessor, open, tagEnd)
      // The code runs to `?>` outside strings and comments; find it conservatively.
      var close = tagEnd
      var quote: UInt8 = 0
      while close < s.limit {
        let b = s.bytes[close]
        if quote != 0 {
          if b == 92 {
            close += 2
            continue
          }
          if b == quote { quote = 0 }
        } else if b == 34 || b == 39 {
          quote = b
        } else if b == 63 && s.byte(close + 1) == 62 {
          break
        } else if b == 47 && s.byte(close + 1) == 42 {
          close += 2
          while close < s.limit && !(s.bytes[close] == 42 && s.byte(close + 1) == 47) { close += 1 }
        }
        close += 1
      }
      close = min(close, s.limit)
      s.scanRegion(tagEnd, close) { lexer.scan(&$0) }
      s.pos = close
      if close < s.limit {
        s.emit(.preprocessor, close, close + 2)
        s.pos = close + 2
      }
    }
  }
}
