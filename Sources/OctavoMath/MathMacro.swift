/// A user macro, the equivalent of `\newcommand{\name}[arity]{body}`.
///
/// In the body, `#1` … `#9` stand for the arguments. Macros may use other macros; expansion
/// stops with a diagnostic when it runs away (a macro that expands to itself).
package struct MathMacro: Sendable, Equatable {
  /// The number of arguments, 0 to 9.
  package var arity: Int
  /// The replacement TeX.
  package var body: String

  /// Creates a macro taking `arity` arguments (clamped to 0…9).
  package init(arity: Int = 0, body: String) {
    self.arity = max(0, min(9, arity))
    self.body = body
  }
}
