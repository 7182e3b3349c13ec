/// The outcome of converting one formula: the MathML tree, the equation number and labels found,
/// the `\eqref` targets used, and any diagnostics.
package struct MathResult: Sendable, Equatable {
  /// The `<math>` element, with the TeX in `alttext` and in a `<semantics>` annotation.
  package var math: MathNode
  /// The argument of `\tag{…}` (or `\tag*{…}`), if any; it is not part of ``math``.
  package var tag: String?
  /// Whether the tag was given as `\tag*` (shown without parentheses).
  package var tagIsStarred: Bool
  /// Every `\tag`, in order: an alignment (`align`, `aligned`…) may tag each row.
  package var tags: [String]
  /// The arguments of every `\label{…}`, in order.
  package var labels: [String]
  /// The arguments of every `\eqref{…}` and `\ref{…}`, in order; each appears in ``math`` as an
  /// `mtext` with `class="octavo-eqref"` (or `octavo-ref`) and `data-ref` naming the label.
  package var references: [String]
  /// The problems found, in source order.
  package var diagnostics: [MathDiagnostic]

  /// The `<math>` element serialized as XML.
  package var mathML: String { math.xml }
}
