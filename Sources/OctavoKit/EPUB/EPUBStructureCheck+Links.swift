import Foundation

extension EPUBStructureCheck {
  /// Where a content document's links led when they were last checked, file by file: for
  /// each file they lead into, the key that file had then (``EPUBStructureCheck/keys``;
  /// `nil` when it was no content document, so no id of it was looked up, or had no key)
  /// and which of the scan's links (``DocumentScan/links``, by position) lead there. Links
  /// that leave the container lead nowhere and are in none.
  ///
  /// Where a link leads depends only on the link and the document's name, both stood for by
  /// the document's key; whether it is sound depends on the file it leads into being there
  /// and, for a content document, on that document's ids, which its key stands for. So a
  /// document whose scan is known need only have the links into files whose key changed
  /// checked again. A check that finds a problem fails the build, and nothing of it is kept.
  struct LinkTargets: Sendable, Equatable {
    /// One file the links lead into.
    struct Target: Sendable, Equatable {
      /// The file's entry name.
      var path: String
      /// The key the file had, when it was a content document with a key.
      var key: String?
      /// The positions of the links that lead there, in ``DocumentScan/links``.
      var links: [Int]
    }

    /// The files, in the order the links first lead into them.
    var targets: [Target] = []

    /// Whether every position is one of `links`' (a record made for another scan is not).
    func fits(_ links: [String]) -> Bool {
      targets.allSatisfy { $0.links.allSatisfy { links.indices.contains($0) } }
    }
  }

  /// The checks across documents: every link of every content document in `documents`
  /// resolved, and checked against the files and the ids of the document it leads to
  /// (`documentIDs`). A document with a known scan and known targets (``knownTargets``)
  /// has only its links into files whose key changed checked, in the order of its links.
  /// Where each document's links led goes to `targets`.
  func linkProblems(
    documents: [String], scans found: [String: DocumentScan], files: [String: [UInt8]],
    documentIDs: [String: IDSet], targets: inout [String: LinkTargets]
  ) -> [String] {
    var problems: [String] = []
    // A link to another file is resolved once per folder and href (most documents share a
    // folder, and many links a target); one that starts with `#`, or is empty, each time:
    // a `#` that is a character of its own (the next byte is ASCII, so nothing combines
    // with it) leads to this document and to what follows it, as ``resolve(_:from:)`` finds.
    var resolved: [String: [String: (path: String, fragment: String?)?]] = [:]
    /// The key a link's target is recorded with: its key when it is a content document.
    func recordedKey(_ path: String) -> String? {
      documentIDs[path] != nil ? keys[path] : nil
    }
    for from in documents {
      guard let scan = found[from] else { continue }
      let folder = String(from.split(separator: "/").dropLast().joined(separator: "/"))
      var inFolder = resolved.removeValue(forKey: folder) ?? [:]
      defer { resolved[folder] = inFolder }
      func target(of href: String) -> (path: String, fragment: String?)? {
        if let fragment = Self.withinDocument(href) {
          // Not in a new scan (checked as it ended); a known scan may hold one.
          return (from, fragment)
        }
        if href.isEmpty || href.utf8.first == UInt8(ascii: "#") {
          // Empty, or a `#` followed by a byte that is not ASCII: it may lead to this
          // document, so it is not remembered for the folder.
          return Self.resolve(href, from: from)
        }
        if let known = inFolder[href] { return known }
        let target = Self.resolve(href, from: from)
        inFolder[href] = .some(target)
        return target
      }
      func check(_ href: String, _ target: (path: String, fragment: String?)) {
        guard files[target.path] != nil else {
          problems.append("\(from): '\(href)' leads to no file in the container")
          return
        }
        if let fragment = target.fragment, !fragment.isEmpty, let ids = documentIDs[target.path],
          !ids.contains(fragment)
        {
          problems.append("\(from): '\(href)' leads to no element with that id")
        }
      }
      if knownScans[from] != nil, var known = knownTargets[from], known.fits(scan.links) {
        var again: [Int] = []
        for index in known.targets.indices {
          let path = known.targets[index].path
          let key = recordedKey(path)
          if files[path] != nil, known.targets[index].key == key,
            key != nil || documentIDs[path] == nil
          {
            continue
          }
          again += known.targets[index].links
          known.targets[index].key = key
        }
        for index in again.sorted() {
          let href = scan.links[index]
          if let target = target(of: href) { check(href, target) }
        }
        targets[from] = known
        continue
      }
      var record = LinkTargets()
      var positions: [String: Int] = [:]
      for (index, href) in scan.links.enumerated() {
        guard let target = target(of: href) else { continue }
        check(href, target)
        if let position = positions[target.path] {
          record.targets[position].links.append(index)
        } else {
          positions[target.path] = record.targets.count
          record.targets.append(
            LinkTargets.Target(path: target.path, key: recordedKey(target.path), links: [index]))
        }
      }
      targets[from] = record
    }
    return problems
  }
}
