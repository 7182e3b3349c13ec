/// The named destinations of a PDF file and the page each one is on.
///
/// Chromium writes a named destination for every element a link points to (a heading the
/// contents lists, a figure a cross-reference names). Reading them back gives each target's
/// page, which Chromium cannot print itself (it has no `target-counter()`). This reads what a
/// PDF printer writes: a classic cross-reference table, the catalog's `/Dests` dictionary or a
/// `/Names` tree, and the page tree. A file it cannot read (an xref stream, compressed object
/// streams, a damaged table) gives nil rather than wrong pages.
struct PDFDestinations {
  /// Destination name to its page, numbered from 1 in the order the pages are printed.
  var pages: [String: Int]

  /// Reads the destinations of the PDF in `bytes`; nil when the file is not one this reader
  /// understands.
  init?(_ bytes: [UInt8]) {
    guard let file = PDFFile(bytes), let root = file.trailer["Root"]?.reference,
      let catalog = file.object(root)?.dictionary,
      let pageTree = catalog["Pages"]?.reference
    else { return nil }
    var order: [PDFFile.Reference: Int] = [:]
    var visited: Set<PDFFile.Reference> = []
    guard file.collectPages(pageTree, into: &order, visited: &visited, depth: 0) else {
      return nil
    }
    var pages: [String: Int] = [:]
    func add(_ name: String, _ target: PDFValue?) {
      var target = target
      if let reference = target?.reference { target = file.object(reference) }
      // A destination is `[page /XYZ …]` or `<< /D [page /XYZ …] >>`.
      if let dictionary = target?.dictionary { target = dictionary["D"] }
      if let page = target?.array?.first?.reference, let number = order[page] {
        pages[name] = number
      }
    }
    if let dests = catalog["Dests"].flatMap({ file.resolve($0)?.dictionary }) {
      for (name, target) in dests { add(name, target) }
    }
    if let names = catalog["Names"].flatMap({ file.resolve($0)?.dictionary }),
      let tree = names["Dests"]?.reference
    {
      var seen: Set<PDFFile.Reference> = []
      file.walkNameTree(tree, seen: &seen, depth: 0) { add($0, $1) }
    }
    self.pages = pages
  }
}
