import Foundation
import OctavoHighlight
import Testing

/// The public API: fence names, token classes, what a few lines of each language become.
@Suite("Highlighter")
struct HighlighterTests {
  @Test(
    "fence names and aliases select languages, ignoring case",
    arguments: [
      ("swift", "swift"), ("Swift", "swift"), ("c", "c"), ("h", "c"), ("cpp", "cpp"),
      ("C++", "cpp"),
      ("cc", "cpp"), ("hpp", "cpp"), ("objc", "objective-c"), ("Objective-C", "objective-c"),
      ("cs", "csharp"), ("csharp", "csharp"), ("C#", "csharp"), ("java", "java"),
      ("kotlin", "kotlin"),
      ("kt", "kotlin"), ("go", "go"), ("golang", "go"), ("rust", "rust"), ("rs", "rust"),
      ("python", "python"), ("py", "python"), ("python3", "python"), ("ruby", "ruby"),
      ("rb", "ruby"),
      ("php", "php"), ("javascript", "javascript"), ("js", "javascript"), ("mjs", "javascript"),
      ("typescript", "typescript"), ("ts", "typescript"), ("jsx", "jsx"), ("tsx", "tsx"),
      ("sh", "shell"), ("bash", "shell"), ("shell", "shell"), ("zsh", "shell"),
      ("console", "console"),
      ("powershell", "powershell"), ("ps1", "powershell"), ("pwsh", "powershell"), ("sql", "sql"),
      ("html", "html"), ("xhtml", "html"), ("xml", "xml"), ("svg", "xml"), ("css", "css"),
      ("json", "json"), ("yaml", "yaml"), ("yml", "yaml"), ("toml", "toml"),
      ("markdown", "markdown"),
      ("md", "markdown"), ("dockerfile", "dockerfile"), ("Dockerfile", "dockerfile"),
      ("docker", "dockerfile"),
      ("makefile", "makefile"), ("make", "makefile"), ("diff", "diff"), ("patch", "diff"),
      ("lua", "lua"),
      ("haskell", "haskell"), ("hs", "haskell"), ("scala", "scala"), ("r", "r"), ("R", "r"),
      ("text", "text"), ("plaintext", "text"), (" language-Python ", "python"),
    ])
  func fenceNames(name: String, expected: String) {
    #expect(Highlighter.language(named: name)?.name == expected)
  }

  @Test(
    "unknown fence names select nothing", arguments: ["", "cobol", "brainfuck", "c+++", "pythonic"])
  func unknownNames(name: String) {
    #expect(Highlighter.language(named: name) == nil)
  }

  @Test("every alias of every language selects it, and no two languages share one")
  func aliasesAreUnique() {
    var seen: [String: String] = [:]
    for language in Highlighter.languages {
      for alias in language.aliases {
        #expect(
          seen[alias] == nil, "\(alias) is an alias of \(seen[alias] ?? "") and \(language.name)")
        seen[alias] = language.name
        #expect(Highlighter.language(named: alias) == language)
      }
    }
  }

  @Test("CSS class names are distinct and start with hl-")
  func cssClasses() {
    let names = TokenClass.allCases.map(\.cssClass)
    #expect(Set(names).count == names.count)
    #expect(names.allSatisfy { $0.hasPrefix("hl-") })
  }

  /// The classified runs of `code`, as "class:text" (touching runs of one class are one run).
  static func runs(_ language: String, _ code: String) -> [String] {
    guard let language = Highlighter.language(named: language) else { return ["no language"] }
    let bytes = Array(code.utf8)
    return language.tokens(of: code).map {
      "\($0.tokenClass.rawValue):\(String(decoding: bytes[$0.range], as: UTF8.self))"
    }
  }

  @Test(
    "a line of each language becomes the expected tokens",
    arguments: [
      (
        "swift", #"let n = 42 // answer"#,
        ["keyword:let", "operator:=", "number:42", "comment:// answer"]
      ),
      ("swift", #""a\(b)c""#, ["string:\"a", "escape:\\(", "escape:)", "string:c\""]),
      ("c", "#include <stdio.h>", ["preprocessor:#include", "string:<stdio.h>"]),
      (
        "c", "unsigned x = 0x1FUL; /* hex */",
        ["type:unsigned", "operator:=", "number:0x1FUL", "punctuation:;", "comment:/* hex */"]
      ),
      (
        "python", "def f(x): return f'{x!r}'",
        [
          "keyword:def", "function:f", "punctuation:(", "punctuation:):", "keyword:return",
          "string:f'", "escape:{", "operator:!", "escape:}", "string:'",
        ]
      ),
      (
        "rust", "fn main() { println!(\"hi\"); }",
        [
          "keyword:fn", "function:main", "punctuation:()", "punctuation:{", "function:println!",
          "punctuation:(", "string:\"hi\"", "punctuation:);", "punctuation:}",
        ]
      ),
      ("go", "var s string = `raw`", ["keyword:var", "type:string", "operator:=", "string:`raw`"]),
      (
        "javascript", "const re = /a+b/g;",
        ["keyword:const", "operator:=", "regex:/a+b/g", "punctuation:;"]
      ),
      (
        "ruby", "puts :sym, @x # note",
        ["builtin:puts", "symbol::sym", "punctuation:,", "variable:@x", "comment:# note"]
      ),
      (
        "shell", "echo \"$HOME\" # home",
        ["builtin:echo", "string:\"", "variable:$HOME", "string:\"", "comment:# home"]
      ),
      (
        "sql", "SELECT name FROM t WHERE id = 1;",
        [
          "keyword:SELECT", "keyword:FROM", "keyword:WHERE", "operator:=", "number:1",
          "punctuation:;",
        ]
      ),
      (
        "html", "<a href=\"x\">&amp;</a>",
        [
          "punctuation:<", "tag:a", "attribute:href", "operator:=", "string:\"x\"", "punctuation:>",
          "entity:&amp;", "punctuation:</", "tag:a", "punctuation:>",
        ]
      ),
      (
        "css", "p { margin: 0 2px; }",
        [
          "tag:p", "punctuation:{", "keyword:margin", "punctuation::", "number:0", "number:2",
          "type:px", "punctuation:;", "punctuation:}",
        ]
      ),
      (
        "json", "{\"a\": [1, true, null]}",
        [
          "punctuation:{", "property:\"a\"", "punctuation::", "punctuation:[", "number:1",
          "punctuation:,", "constant:true", "punctuation:,", "constant:null", "punctuation:]}",
        ]
      ),
      ("yaml", "key: 'v' # c", ["property:key", "punctuation::", "string:'v'", "comment:# c"]),
      ("toml", "[a]\nb = 1.5", ["keyword:[a]", "property:b", "operator:=", "number:1.5"]),
      (
        "markdown", "# Title\n\nSome `code` and *em*.",
        ["heading:# Title", "code:`code`", "emphasis:*em*"]
      ),
      (
        "diff", "@@ -1 +1 @@\n-old\n+new\n same",
        ["meta:@@ -1 +1 @@", "deleted:-old", "inserted:+new"]
      ),
      (
        "dockerfile", "FROM swift:6.0 AS build\nRUN echo hi",
        [
          "keyword:FROM", "string:swift:6.0", "keyword:AS", "string:build", "keyword:RUN",
          "builtin:echo",
        ]
      ),
      (
        "makefile", "all: $(OUT)\n\tcc -o $@ x.c",
        ["function:all", "operator::", "keyword:$(", "variable:OUT", "keyword:)", "variable:$@"]
      ),
      (
        "haskell", "f :: Int -> Int -- c",
        ["keyword:::", "type:Int", "keyword:->", "type:Int", "comment:-- c"]
      ),
      (
        "lua", "local t = { [[long]] } --[[ c ]]",
        [
          "keyword:local", "operator:=", "punctuation:{", "string:[[long]]", "punctuation:}",
          "comment:--[[ c ]]",
        ]
      ),
      (
        "powershell", "$x = Get-Item -Path 'a' # c",
        ["variable:$x", "operator:=", "builtin:Get-Item", "string:'a'", "comment:# c"]
      ),
      ("console", "$ echo hi\nhi", ["prompt:$", "builtin:echo"]),
      ("text", "let x = 1 // nothing", []),
    ])
  func tokens(language: String, code: String, expected: [String]) {
    #expect(Self.runs(language, code) == expected)
  }

  @Test("fenced code in Markdown is highlighted in its own language")
  func markdownFences() {
    let runs = Self.runs("markdown", "Text\n\n```swift\nlet x = 1\n```\n")
    #expect(runs == ["code:```swift", "keyword:let", "operator:=", "number:1", "code:```"])
  }

  @Test("HTML scripts and styles are highlighted as JavaScript and CSS")
  func htmlEmbeds() {
    let runs = Self.runs("html", "<script>let a = 'x';</script><style>b { color: red }</style>")
    #expect(runs.contains("keyword:let"))
    #expect(runs.contains("string:'x'"))
    #expect(runs.contains("keyword:color"))
    #expect(runs.contains("constant:red"))
  }
}
