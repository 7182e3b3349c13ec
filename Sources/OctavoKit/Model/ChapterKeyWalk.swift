/// What a chapter's blocks and notes give its render-cache key
/// (``RenderCache/BookContext/key(for:firstBody:)``, made by ``RenderCache/keyWalk(of:)``): a digest of each heading's id, each label's
/// number, each formula's number, each link's target (and a reference's words), each
/// image's target with the images named by their order of first use, and the images'
/// indices in that order (whose names, types and bytes the key adds from the book).
///
/// Naming images by their order of first use makes the digest the same before and after
/// the book's images are numbered (``BookTransformer/resolveChapters(chapters:)``), so
/// the record of resolving a chapter (``ResolveRecord``), made once its typographic
/// punctuation is set, keeps it and a rebuild does not walk the chapter again: nothing
/// the walk reads changes after that (the math pass sets formulas' MathML).
struct ChapterKeyWalk: Sendable, Equatable {
  /// The digest of what the walk found.
  var digest: [UInt8]
  /// The book's (or, in a record, the chapter's) image indices in order of first use.
  var images: [Int]
  /// Whether the chapter holds raw HTML (which may name any chapter's ids and images).
  var hasRawHTML: Bool
  /// Whether a link among the inlines of the chapter's blocks (its notes and captions left
  /// out) is a cross-reference: ``PrintEditionRenderer/hasCrossReference(_:)`` reads it
  /// instead of walking the chapter again.
  var hasCrossReference = false

  /// The walk with its image indices replaced by `map`'s entries.
  func renumbered(_ map: [Int]) -> ChapterKeyWalk {
    var walk = self
    walk.images = images.map { $0 < map.count ? map[$0] : $0 }
    return walk
  }
}
