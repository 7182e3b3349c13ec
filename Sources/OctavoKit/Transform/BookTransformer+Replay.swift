import Foundation

/// The ids pass of a chapter loaded from its record of resolving (``ResolveRecord``) without
/// its summary's skeleton: replayed from what the record says the pass did
/// (``ResolveRecord/Passes``), checked against what the book hands the chapter now.
extension BookTransformer {
  /// Gives `chapter` its ids (``assignIDs(_:rawHTMLNames:)``) and, for a chapter without
  /// labels taken from its summary while records are kept, records what the pass did for
  /// the chapter's record (``passLogs``).
  mutating func assignRecordingIDs(_ chapter: inout Chapter, rawHTMLNames: [RawHTMLName]?) {
    guard resolveRecords != nil, summarizedPaths.contains(chapter.path),
      !chapter.hasLabels
    else { return assignIDs(&chapter, rawHTMLNames: rawHTMLNames) }
    let reported = diagnostics.count
    idLog = ([], [])
    assignIDs(&chapter, rawHTMLNames: rawHTMLNames)
    let log = idLog ?? ([], [])
    idLog = nil
    passLogs[chapter.path] = ResolveRecord.Passes(
      explicitIDs: chapter.explicitHeadingIDs.map { id, location in
        .init(id: id, location: location, owned: explicitOwners[id] == location)
      },
      bases: log.bases, ids: log.ids, diagnostics: Array(diagnostics[reported...]),
      idsInNotes: book.metadata.notes == .bookEnd && !chapter.footnotes.isEmpty
        ? chapter.idsInNotes.sorted() : nil)
  }

  /// The ids pass of a chapter loaded from its record (``replays``), in reading order.
  ///
  /// The names the pass hands the used-id set depend only on the chapter's text and on which
  /// of its explicit ids it owns (``explicitOwners``): when it owns the ones it owned, the
  /// recorded names are handed to the set in their order, which leaves the set as the pass
  /// would. When the set gives back the recorded ids too, the chapter's ids, anchors and
  /// reports are the record's (``replayed``); otherwise its skeleton is decoded and given the
  /// ids the set gave. When it owns other ids, its skeleton is decoded and walked.
  mutating func replayIDs(_ chapter: inout Chapter) {
    guard let passes = replays[chapter.path]?.passes else { return }
    let owns = passes.explicitIDs.allSatisfy {
      (explicitOwners[$0.id] == $0.location) == $0.owned
    }
    var given: [String]?
    if owns {
      let ids = passes.bases.map { usedIDs.make($0) }
      if ids == passes.ids {
        diagnostics += passes.diagnostics
        replayed.insert(chapter.path)
        passLogs[chapter.path] = passes
        return
      }
      given = ids
    }
    guard var skeleton = decodedSkeleton(of: chapter) else {
      // The book is made again with the chapter parsed: only keep it consistent meanwhile.
      undecoded.insert(chapter.path)
      replayed.insert(chapter.path)
      return
    }
    replays[chapter.path] = nil
    if let given {
      scriptedIDs = (passes.bases, given, 0)
      assignRecordingIDs(&skeleton, rawHTMLNames: nil)
      if scriptedIDs?.next != given.count { scriptFailed = true }
      scriptedIDs = nil
      if scriptFailed { undecoded.insert(chapter.path) }
    } else {
      assignRecordingIDs(&skeleton, rawHTMLNames: nil)
    }
    chapter = skeleton
  }

  /// The skeleton of `chapter` (loaded from its record) decoded from its summary, with the
  /// chapter's id; nil when it does not decode.
  func decodedSkeleton(of chapter: Chapter) -> Chapter? {
    guard var skeleton = summarySkeleton?(chapter.path, chapter.sourceDigest),
      skeleton.path == chapter.path
    else { return nil }
    skeleton.id = chapter.id
    return skeleton
  }

  /// The skeleton of `chapter`, a chapter loaded from its record whose ids pass gave what the
  /// record holds (``replayed``), with those ids (the record's `passes`); reports nothing.
  /// Nil when the skeleton does not decode or asks for other names.
  func skeletonWithIDs(of chapter: Chapter, passes: ResolveRecord.Passes) -> Chapter? {
    guard var skeleton = decodedSkeleton(of: chapter) else { return nil }
    var local = self
    local.scriptedIDs = (passes.bases, passes.ids, 0)
    local.scriptFailed = false
    local.assignIDs(&skeleton, rawHTMLNames: nil)
    guard !local.scriptFailed, local.scriptedIDs?.next == passes.ids.count else { return nil }
    return skeleton
  }

  /// The fence names of `chapter`'s code blocks, each with its first block's place, in
  /// reading order (the chapter's blocks, then its notes').
  static func codeLanguages(of chapter: Chapter) -> [(name: String, location: SourceLocation)] {
    var seen: Set<String> = []
    var found: [(name: String, location: SourceLocation)] = []
    func note(_ block: Block) {
      guard case .codeBlock(let code) = block.kind, let name = code.language,
        seen.insert(name).inserted
      else { return }
      found.append((name, block.range.start))
    }
    Block.walk(chapter.blocks, note)
    for footnote in chapter.footnotes { Block.walk(footnote.blocks, note) }
    return found
  }
}
