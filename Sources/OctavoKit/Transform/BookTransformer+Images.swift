import Foundation

/// Images: each source resolved in the manuscript, checked, typed and given a file name
/// (raw HTML's images and the cover too).
extension BookTransformer {
  mutating func resolveImage(_ image: inout Image, chapter: Chapter, at range: SourceRange) {
    if image.altText.trimmingCharacters(in: .whitespaces).isEmpty, !image.isDecorative {
      diagnostics.append(
        Diagnostic(
          .warning, .imageWithoutAlt,
          "image '\(image.source)' has no alt text", at: range.start))
    }
    image.target = imageTarget(image.source, chapter: chapter.path, at: range)
  }

  /// Resolves an image source written in `chapter`. Problems with images in raw HTML are
  /// warnings (`isRawHTML`): the image is then shown as its alt text.
  mutating func imageTarget(
    _ source: String, chapter: String, at range: SourceRange,
    isRawHTML: Bool = false
  ) -> ImageTarget {
    switch LinkResolver.classify(source) {
    case .external(let url):
      if url.hasPrefix("mailto:") || url.hasPrefix("tel:") { return .none }
      diagnostics.append(
        Diagnostic(
          .warning, .remoteImage,
          "remote image '\(source)' is not fetched; its alt text links to it",
          at: range.start))
      return .remote(url)
    case .unsafe(let scheme):
      diagnostics.append(
        Diagnostic(
          .warning, .unsafeURL,
          "image with the '\(scheme):' scheme removed", at: range.start))
      return .none
    case .invalid(let url):
      diagnostics.append(
        Diagnostic(
          .warning, .unsafeURL,
          "image '\(url)' is not a valid URL; its alt text is shown",
          at: range.start))
      return .none
    case .local(let path, _):
      guard let resolved = LinkResolver.resolve(path, relativeTo: chapter) else {
        diagnostics.append(
          Diagnostic(
            isRawHTML ? .warning : .error, .pathOutsideManuscript,
            "image '\(source)' is outside the manuscript folder",
            at: range.start))
        return isRawHTML ? .none : .resource(placeholder(for: source, key: "outside:" + source))
      }
      if let index = imageIndex[resolved] { return .resource(index) }
      guard
        let index = registerImage(
          resolved, source: source, at: range.start, code: .missingImage,
          severity: isRawHTML ? .warning : .error)
      else {
        // An error: a draft is built with a placeholder in its place.
        return isRawHTML ? .none : .resource(placeholder(for: source, key: resolved))
      }
      return .resource(index)
    }
  }

  /// Adds the image at manuscript path `path` to the book; reports a problem and returns
  /// `nil` when it is missing, outside the folder or not a supported image. The file is read
  /// (and an SVG sanitized) once per build, whichever chapters show it (``ImageFileMemo``);
  /// each use reports its problems at its own place.
  mutating func registerImage(
    _ path: String, source: String, at location: SourceLocation,
    code: DiagnosticCode, severity: Diagnostic.Severity = .error
  ) -> Int? {
    let files = files
    let (outcome, answer) = imageFiles.outcome(
      for: path, answer: { ResolveRecord.FileAnswer.now(path, isImage: true, in: files) },
      { ImageFileMemo.read(path, in: files) })
    record(answer)
    switch outcome {
    case .outside:
      diagnostics.append(
        Diagnostic(
          severity, .pathOutsideManuscript,
          "image '\(source)' is outside the manuscript folder", at: location))
      return nil
    case .missing:
      diagnostics.append(
        Diagnostic(severity, code, "image '\(source)' does not exist", at: location))
      return nil
    case .special(let kind):
      diagnostics.append(
        Diagnostic(
          severity, .specialFile, "image '\(source)' is \(kind), not a file; it is not read",
          at: location))
      return nil
    case .unreadable:
      diagnostics.append(Diagnostic(severity, code, "cannot read image '\(source)'", at: location))
      return nil
    case .notAnImage:
      diagnostics.append(
        Diagnostic(
          severity, code == .badCover ? .badCover : .unsupportedImage,
          "'\(source)' is not a PNG, JPEG, GIF, WebP or SVG image",
          at: location))
      return nil
    case .badSVG(let failure):
      diagnostics.append(
        Diagnostic(
          severity, code == .badCover ? .badCover : .unsupportedImage,
          "'\(source)' is not a well-formed SVG image (\(failure ?? "unreadable"))",
          at: location))
      return nil
    case .image(let mediaType, let replacement, let removed):
      if !removed.isEmpty {
        diagnostics.append(
          Diagnostic(
            .warning, .unsafeSVG,
            "SVG image '\(source)': removed \(removed.joined(separator: ", "))",
            at: location))
      }
      return addImage(path, mediaType: mediaType, replacement: replacement)
    }
  }

  /// The placeholder image that stands in for an image that cannot be used (one per
  /// `key`, the path it resolves to), added to the book the first time.
  mutating func placeholder(for source: String, key: String) -> Int {
    let path = "\u{0}missing/" + key
    if let index = imageIndex[path] { return index }
    return addImage(path, mediaType: "image/svg+xml", missingSource: source)
  }

  /// Adds an image found good to the book, under a file name no other image has.
  mutating func addImage(
    _ path: String, mediaType: String, missingSource: String? = nil,
    replacement: [UInt8]? = nil
  ) -> Int {
    var stem = OutputName.cap(
      Slugger.asciiSlug(
        (path as NSString).deletingPathExtension.split(separator: "/").last.map(String.init)
          ?? "image"), bytes: 100)
    if stem.isEmpty { stem = "image" }
    if missingSource != nil { stem = "missing-" + stem }
    let name = imageNames.make(stem, suffix: "." + ImageSniffer.fileExtension(for: mediaType))
    book.images.append(
      ImageResource(
        path: path, mediaType: mediaType, fileName: name,
        missingSource: missingSource, replacement: replacement))
    imageIndex[path] = book.images.count - 1
    return book.images.count - 1
  }

  /// Checks the images and links written in raw HTML the way Markdown ones are checked
  /// (problems are warnings: the sanitizer shows a bad image as its alt text), and adds the
  /// images to the book. Unsafe link URLs are left to the sanitizer, which removes and reports
  /// them.
  mutating func checkRawHTML(
    _ html: RawHTML, chapter: Chapter, chapters: [String: Chapter],
    at range: SourceRange
  ) {
    for element in html.elements {
      if element.name == "img", let source = element[attribute: "src"], !source.isEmpty {
        if element[attribute: "alt"] == nil {
          diagnostics.append(
            Diagnostic(
              .warning, .imageWithoutAlt,
              "image '\(source)' has no alt text", at: range.start))
        }
        _ = imageTarget(source, chapter: chapter.path, at: range, isRawHTML: true)
      } else if element.name == "a", let href = element[attribute: "href"],
        case .local = LinkResolver.classify(href)
      {
        _ = resolveLink(href, from: chapter, chapters: chapters, at: range)
      }
    }
  }

  mutating func resolveCover() {
    guard let cover = book.metadata.cover else { return }
    let location = book.metadata.coverLocation ?? SourceLocation(file: SourceLocation.metadataFile)
    guard let path = LinkResolver.resolve(cover, relativeTo: SourceLocation.metadataFile) else {
      diagnostics.append(
        Diagnostic(
          .error, .pathOutsideManuscript,
          "cover '\(cover)' is outside the manuscript folder", at: location))
      book.metadata.cover = nil
      return
    }
    if imageIndex[path] == nil,
      registerImage(path, source: cover, at: location, code: .badCover) == nil
    {
      book.metadata.cover = nil
      return
    }
    book.metadata.cover = path
  }
}
