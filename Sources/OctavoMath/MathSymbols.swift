/// The tables of the TeX commands that stand for one character or one word.
enum MathSymbols {
  /// Commands written as `<mi>`: letters and ordinary symbols.
  static let identifiers: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "varkappa": "ϰ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π",
    "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
    "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "varGamma": "𝛤", "varDelta": "𝛥", "varTheta": "𝛩", "varLambda": "𝛬", "varXi": "𝛯",
    "varPi": "𝛱", "varSigma": "𝛴", "varUpsilon": "𝛶", "varPhi": "𝛷", "varPsi": "𝛹",
    "varOmega": "𝛺", "digamma": "ϝ",
    "infty": "∞", "partial": "∂", "nabla": "∇", "hbar": "ℏ", "hslash": "ℏ", "ell": "ℓ",
    "emptyset": "∅", "varnothing": "⌀", "Re": "ℜ", "Im": "ℑ", "wp": "℘", "aleph": "ℵ",
    "beth": "ℶ", "gimel": "ℷ", "imath": "ı", "jmath": "ȷ", "eth": "ð", "mho": "℧",
    "cdots": "⋯", "ldots": "…", "dots": "…", "dotsc": "…", "dotsb": "⋯", "dotsm": "⋯",
    "dotsi": "⋯", "dotso": "…", "vdots": "⋮", "prime": "′", "backprime": "‵",
    "angle": "∠", "measuredangle": "∡", "sphericalangle": "∢", "triangle": "△",
    "square": "□", "Box": "□", "blacksquare": "■", "lozenge": "◊", "blacklozenge": "⧫",
    "top": "⊤", "bot": "⊥", "because": "∵", "flat": "♭", "natural": "♮", "sharp": "♯",
    "clubsuit": "♣", "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠",
    "%": "%", "#": "#", "$": "$", "&": "&", "_": "_", "checkmark": "✓", "maltese": "✠",
    "complement": "∁", "Finv": "Ⅎ", "Game": "⅁", "Bbbk": "𝕜", "surd": "√",
    "infin": "∞", "degree": "°", "textdegree": "°",
  ]

  /// Commands written as `<mo>`: relations, binary operators, arrows and punctuation.
  static let operators: [String: String] = [
    "ddots": "⋱", "iddots": "⋰", "adots": "⋰", "pm": "±", "mp": "∓", "times": "×", "div": "÷",
    "cdot": "⋅", "ast": "*", "star": "⋆",
    "circ": "∘", "bullet": "•", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "oslash": "⊘",
    "odot": "⊙", "dagger": "†", "ddagger": "‡", "amalg": "⨿", "cap": "∩", "cup": "∪",
    "uplus": "⊎", "sqcap": "⊓", "sqcup": "⊔", "vee": "∨", "lor": "∨", "wedge": "∧",
    "land": "∧", "setminus": "\\", "smallsetminus": "∖", "wr": "≀", "diamond": "⋄",
    "bigtriangleup": "△", "bigtriangledown": "▽", "triangleleft": "◃", "triangleright": "▹",
    "lhd": "⊲", "rhd": "⊳", "unlhd": "⊴", "unrhd": "⊵", "bigcirc": "◯", "backslash": "∖",
    "cdotp": "⋅", "centerdot": "⋅", "ltimes": "⋉", "rtimes": "⋊", "dotplus": "∔",
    "intercal": "⊺", "barwedge": "⌅", "veebar": "⊻", "boxplus": "⊞", "boxminus": "⊟",
    "boxtimes": "⊠", "boxdot": "⊡", "divideontimes": "⋇",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "leqslant": "⩽", "geqslant": "⩾",
    "neq": "≠", "ne": "≠", "equiv": "≡", "approx": "≈", "approxeq": "≊", "sim": "∼",
    "simeq": "≃", "cong": "≅", "propto": "∝", "varpropto": "∝", "ll": "≪", "gg": "≫",
    "lll": "⋘", "ggg": "⋙", "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰",
    "preccurlyeq": "≼", "succcurlyeq": "≽", "doteq": "≐", "doteqdot": "≑", "triangleq": "≜",
    "coloneqq": "≔", "eqqcolon": "≕", "asymp": "≍", "bowtie": "⋈", "models": "⊨",
    "vdash": "⊢", "dashv": "⊣", "Vdash": "⊩", "vDash": "⊨", "perp": "⊥", "mid": "∣",
    "parallel": "∥", "nmid": "∤", "nparallel": "∦", "smile": "⌣", "frown": "⌢",
    "in": "∈", "ni": "∋", "owns": "∋", "notin": "∉", "subset": "⊂", "supset": "⊃",
    "subseteq": "⊆", "supseteq": "⊇", "subsetneq": "⊊", "supsetneq": "⊋", "sqsubset": "⊏",
    "sqsupset": "⊐", "sqsubseteq": "⊑", "sqsupseteq": "⊒", "nsubseteq": "⊈",
    "nsupseteq": "⊉", "lesssim": "≲", "gtrsim": "≳", "lessgtr": "≶", "gtrless": "≷",
    "neg": "¬", "lnot": "¬", "forall": "∀", "exists": "∃", "nexists": "∄", "therefore": "∴",
    "nleq": "≰", "ngeq": "≱", "nless": "≮", "ngtr": "≯", "nsim": "≁", "ncong": "≇",
    "lt": "<", "gt": ">", "colon": ":", "vert": "|", "Vert": "‖",
    "to": "→", "rightarrow": "→", "gets": "←", "leftarrow": "←",
    "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔",
    "longrightarrow": "⟶", "longleftarrow": "⟵", "longleftrightarrow": "⟷",
    "Longrightarrow": "⟹", "Longleftarrow": "⟸", "Longleftrightarrow": "⟺",
    "implies": "⟹", "impliedby": "⟸", "iff": "⟺", "mapsto": "↦", "longmapsto": "⟼",
    "uparrow": "↑", "downarrow": "↓", "updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓",
    "Updownarrow": "⇕", "nearrow": "↗", "searrow": "↘", "swarrow": "↙", "nwarrow": "↖",
    "hookrightarrow": "↪", "hookleftarrow": "↩", "rightharpoonup": "⇀",
    "rightharpoondown": "⇁", "leftharpoonup": "↼", "leftharpoondown": "↽",
    "rightleftharpoons": "⇌", "leftrightharpoons": "⇋", "leadsto": "⇝",
    "twoheadrightarrow": "↠", "twoheadleftarrow": "↞", "rightrightarrows": "⇉",
    "leftleftarrows": "⇇", "rightleftarrows": "⇄", "leftrightarrows": "⇆",
    "curvearrowright": "↷", "curvearrowleft": "↶", "circlearrowright": "↻",
    "circlearrowleft": "↺", "Rrightarrow": "⇛", "Lleftarrow": "⇚", "nrightarrow": "↛",
    "nleftarrow": "↚", "nRightarrow": "⇏", "nLeftarrow": "⇍", "nleftrightarrow": "↮",
    "nLeftrightarrow": "⇎", "rightsquigarrow": "⇝", "upharpoonright": "↾",
    "downharpoonright": "⇂", "restriction": "↾",
  ]

  /// Large operators whose scripts go above and below in display style (`\sum`, `\bigcup`…).
  static let largeOperators: [String: String] = [
    "sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁",
    "bigotimes": "⨂", "bigodot": "⨀", "biguplus": "⨄", "bigsqcup": "⨆", "bigvee": "⋁",
    "bigwedge": "⋀",
  ]

  /// Integrals, whose scripts stay at the side unless `\limits` is given.
  static let integrals: [String: String] = [
    "int": "∫", "iint": "∬", "iiint": "∭", "iiiint": "⨌", "oint": "∮", "oiint": "∯",
    "oiiint": "∰", "intop": "∫", "smallint": "∫",
  ]

  /// Function names written upright (`\sin`); `true` when limits go below in display style.
  static let functions: [String: (text: String, limits: Bool)] = [
    "sin": ("sin", false), "cos": ("cos", false), "tan": ("tan", false), "cot": ("cot", false),
    "sec": ("sec", false), "csc": ("csc", false), "arcsin": ("arcsin", false),
    "arccos": ("arccos", false), "arctan": ("arctan", false), "sinh": ("sinh", false),
    "cosh": ("cosh", false), "tanh": ("tanh", false), "coth": ("coth", false),
    "log": ("log", false), "ln": ("ln", false), "lg": ("lg", false), "exp": ("exp", false),
    "deg": ("deg", false), "dim": ("dim", false), "ker": ("ker", false), "hom": ("hom", false),
    "arg": ("arg", false), "det": ("det", true), "gcd": ("gcd", true), "lim": ("lim", true),
    "limsup": ("lim sup", true), "liminf": ("lim inf", true), "max": ("max", true),
    "min": ("min", true), "sup": ("sup", true), "inf": ("inf", true), "Pr": ("Pr", true),
    "injlim": ("inj lim", true), "projlim": ("proj lim", true), "sgn": ("sgn", false),
    "tg": ("tg", false), "ctg": ("ctg", false), "sh": ("sh", false), "ch": ("ch", false),
    "th": ("th", false), "arccot": ("arccot", false), "csch": ("csch", false),
    "sech": ("sech", false),
  ]

  /// Delimiters as written after `\left`, `\right`, `\big…` or alone: the character and whether
  /// it opens (`true`), closes (`false`) or does neither (`nil`).
  static let delimiters: [String: (text: String, opens: Bool?)] = [
    "(": ("(", true), ")": (")", false), "[": ("[", true), "]": ("]", false),
    "\\{": ("{", true), "\\}": ("}", false), "\\lbrace": ("{", true), "\\rbrace": ("}", false),
    "\\langle": ("⟨", true), "\\rangle": ("⟩", false), "<": ("⟨", true), ">": ("⟩", false),
    "\\lfloor": ("⌊", true), "\\rfloor": ("⌋", false), "\\lceil": ("⌈", true),
    "\\rceil": ("⌉", false), "\\lvert": ("|", true), "\\rvert": ("|", false),
    "\\lVert": ("‖", true), "\\rVert": ("‖", false), "|": ("|", nil), "\\vert": ("|", nil),
    "\\|": ("‖", nil), "\\Vert": ("‖", nil), "/": ("/", nil), "\\backslash": ("∖", nil),
    "\\uparrow": ("↑", nil), "\\downarrow": ("↓", nil), "\\updownarrow": ("↕", nil),
    "\\Uparrow": ("⇑", nil), "\\Downarrow": ("⇓", nil), "\\lbrack": ("[", true),
    "\\rbrack": ("]", false), "\\lgroup": ("⟮", true), "\\rgroup": ("⟯", false),
    "\\ulcorner": ("⌜", true), "\\urcorner": ("⌝", false), "\\llcorner": ("⌞", true),
    "\\lrcorner": ("⌟", false), "\\lmoustache": ("⎰", true), "\\rmoustache": ("⎱", false),
  ]

  /// Spacing commands and their widths in em.
  static let spaces: [String: String] = [
    ",": "0.167em", "thinspace": "0.167em", ":": "0.222em", ">": "0.222em",
    "medspace": "0.222em", ";": "0.278em", "thickspace": "0.278em", "!": "-0.167em",
    "negthinspace": "-0.167em", "negmedspace": "-0.222em", "negthickspace": "-0.278em",
    " ": "0.333em", "enspace": "0.5em", "quad": "1em", "qquad": "2em",
  ]

  /// Accents over (or under) their argument: the character, and whether it goes below.
  static let accents: [String: (text: String, under: Bool)] = [
    "hat": ("\u{302}", false), "widehat": ("\u{302}", false), "bar": ("‾", false),
    "overline": ("¯", false), "vec": ("\u{20D7}", false), "dot": ("\u{307}", false),
    "ddot": ("\u{308}", false), "dddot": ("\u{20DB}", false), "tilde": ("\u{303}", false),
    "widetilde": ("\u{303}", false), "check": ("\u{30C}", false), "widecheck": ("\u{30C}", false),
    "breve": ("\u{306}", false), "acute": ("\u{301}", false), "grave": ("\u{300}", false),
    "mathring": ("\u{30A}", false), "overrightarrow": ("\u{20D7}", false),
    "overleftarrow": ("\u{20D6}", false), "overleftrightarrow": ("\u{20E1}", false),
    "underline": ("_", true), "underrightarrow": ("→", true), "underleftarrow": ("←", true),
    "utilde": ("\u{303}", true),
  ]

  /// What `\not` turns a relation into.
  static let negations: [String: String] = [
    "=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "∋": "∌", "⊂": "⊄", "⊃": "⊅",
    "⊆": "⊈", "⊇": "⊉", "≡": "≢", "∼": "≁", "≃": "≄", "≅": "≇", "≈": "≉", "∣": "∤", "∥": "∦",
    "≺": "⊀", "≻": "⊁", "⊢": "⊬", "⊨": "⊭", "∃": "∄", "→": "↛", "←": "↚", "↔": "↮",
    "⇒": "⇏", "⇐": "⇍", "⇔": "⇎", "≍": "≭", "⊑": "⋢", "⊒": "⋣",
  ]

  /// Environments the converter knows.
  static let environments: Set<String> = [
    "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "cases",
    "dcases", "rcases", "aligned", "align", "align*", "alignat", "alignat*", "alignedat",
    "gathered", "gather", "gather*", "split", "array", "subarray", "equation", "equation*",
    "multline", "multline*", "eqnarray", "eqnarray*", "darray",
  ]

  /// Every command name the converter handles, for did-you-mean suggestions.
  static let builtinCommands: Set<String> = [
    "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "sqrt", "left", "right",
    "middle", "big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr",
    "biggr", "Biggr", "bigm", "Bigm", "biggm", "Biggm", "begin", "end", "text", "textrm",
    "textnormal", "mbox", "textup", "textbf", "textit", "textsf", "texttt", "hbox", "mathbf",
    "mathit", "mathrm", "mathsf", "mathtt", "mathbb", "mathcal", "mathscr", "mathfrak",
    "boldsymbol", "bm", "mathnormal", "operatorname", "mathop", "mathrel", "mathbin",
    "mathord", "mathopen", "mathclose", "mathpunct", "overbrace", "underbrace", "overset",
    "underset", "stackrel", "xrightarrow", "xleftarrow", "not", "tag", "label", "nonumber",
    "notag", "eqref", "ref", "pmod", "bmod", "mod", "pod", "displaystyle", "textstyle",
    "scriptstyle", "scriptscriptstyle", "limits", "nolimits", "phantom", "hphantom",
    "vphantom", "hspace", "mspace", "kern", "mkern", "hskip", "choose", "over", "atop",
    "hline", "cr", "\\", "{", "}", "(", ")", "[", "]", "lbrace", "rbrace", "langle", "rangle",
    "lfloor", "rfloor", "lceil", "rceil", "lvert", "rvert", "lVert", "rVert", "lbrack",
    "rbrack", "boxed",
  ]

  /// What a symbol command stands for: the entry of the first table above that has it.
  enum Symbol {
    case identifier(String)
    case `operator`(String)
    case largeOperator(String)
    case integral(String)
    case function(String, limits: Bool)
    case space(String)
    case accent(String, under: Bool)
    case delimiter(String, opens: Bool?)
  }

  /// Every command of ``identifiers``, ``operators``, ``largeOperators``, ``integrals``,
  /// ``functions``, ``spaces``, ``accents`` and the backslashed ``delimiters``, looked up in
  /// that order (a name in two tables means what the first says): one lookup per command.
  static let commands: [String: Symbol] = {
    var table: [String: Symbol] = [:]
    func add(_ name: String, _ symbol: Symbol) {
      if table[name] == nil { table[name] = symbol }
    }
    for (name, text) in identifiers { add(name, .identifier(text)) }
    for (name, text) in operators { add(name, .operator(text)) }
    for (name, text) in largeOperators { add(name, .largeOperator(text)) }
    for (name, text) in integrals { add(name, .integral(text)) }
    for (name, function) in functions {
      add(name, .function(function.text, limits: function.limits))
    }
    for (name, width) in spaces { add(name, .space(width)) }
    for (name, accent) in accents { add(name, .accent(accent.text, under: accent.under)) }
    for (key, delimiter) in delimiters where key.hasPrefix("\\") {
      add(String(key.dropFirst()), .delimiter(delimiter.text, opens: delimiter.opens))
    }
    return table
  }()
}
