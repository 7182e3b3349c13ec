extension String {
  /// The text with each run of white space (zero-width spaces included) made one space, and
  /// none at either end: what a reader sees of a title or a heading.
  var collapsingWhitespace: String {
    split(whereSeparator: { $0.isWhitespace || $0 == "\u{200B}" }).joined(separator: " ")
  }
}
