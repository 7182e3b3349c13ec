/// A problem found in a formula, located by a UTF-8 byte offset inside the TeX.
///
/// The converter always produces MathML; a formula with diagnostics is still rendered on a
/// best-effort basis, and the caller decides whether to show it or its TeX.
package struct MathDiagnostic: Sendable, Equatable {
  /// What went wrong.
  package enum Kind: Sendable, Equatable {
    /// A command the converter does not know; `suggestion` is the closest known one.
    case unknownCommand(name: String, suggestion: String?)
    /// An environment the converter does not know.
    case unknownEnvironment(name: String)
    /// A `{` without its `}` or a `}` without its `{`.
    case unbalancedBraces
    /// A `\left` without its `\right`, or a `\right` / `\middle` without a `\left`.
    case unbalancedLeftRight
    /// A `\begin{name}` without its `\end{name}`.
    case environmentNotClosed(name: String)
    /// An `\end{name}` that closes nothing, or closes a different environment.
    case unexpectedEnd(name: String)
    /// A command that needs an argument found none.
    case missingArgument(command: String)
    /// A character or construct that is not allowed where it stands (such as `&` outside a table).
    case misplaced(String)
    /// Macro expansion ran away or nesting went deeper than the converter follows.
    case tooComplex
  }

  /// What went wrong.
  package var kind: Kind
  /// A one-line message for the author, without location.
  package var message: String
  /// The UTF-8 byte offset in the TeX where the problem starts.
  package var offset: Int

  /// Creates a diagnostic.
  package init(kind: Kind, message: String, offset: Int) {
    self.kind = kind
    self.message = message
    self.offset = offset
  }
}
