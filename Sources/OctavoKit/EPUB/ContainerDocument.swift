/// `META-INF/container.xml`: tells reading systems where the package document is.
struct ContainerDocument {
  /// The package document's path in the container.
  let packagePath: String

  var root: XMLElement {
    XMLElement(
      "container",
      [
        ("xmlns", "urn:oasis:names:tc:opendocument:xmlns:container"), ("version", "1.0"),
      ],
      XHTMLRenderer.lines([
        .el(
          "rootfiles", [],
          XHTMLRenderer.lines([
            .el(
              "rootfile",
              [("full-path", packagePath), ("media-type", "application/oebps-package+xml")])
          ]))
      ]))
  }
}
