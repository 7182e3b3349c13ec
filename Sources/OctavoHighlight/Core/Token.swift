/// One highlighted run of a piece of code: a byte range of its UTF-8 and the class of the run.
///
/// Ranges are offsets into `code.utf8` of the string given to ``Language/tokens(of:)``; they
/// always start and end on Unicode scalar boundaries, never overlap, and come in order; two
/// touching runs of one class are one token. Bytes no token covers are plain text
/// (identifiers that are none of the classes, spaces).
package struct Token: Hashable, Sendable {
  /// The bytes of the run, as offsets into the code's UTF-8.
  package var range: Range<Int>
  /// What the run is.
  package var tokenClass: TokenClass

  /// Makes a token.
  package init(_ tokenClass: TokenClass, _ range: Range<Int>) {
    self.tokenClass = tokenClass
    self.range = range
  }
}
