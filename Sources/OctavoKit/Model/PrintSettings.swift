/// The physical book of the print edition, from the `print:` mapping of `book.yaml`: the
/// trim size, the margins, the bleed and the type.
///
/// Every length is in PostScript points (72 to the inch). The margins are those of a
/// two-sided book: `inside` is the margin at the binding, `outside` the one at the fore-edge,
/// and left-hand pages mirror right-hand ones.
public struct PrintSettings: Sendable, Hashable {
  /// A page size, in points.
  public struct TrimSize: Sendable, Hashable {
    /// The page's width.
    public var width: Double
    /// The page's height.
    public var height: Double

    /// Creates a trim size from its width and height in points.
    public init(width: Double, height: Double) {
      self.width = width
      self.height = height
    }

    /// The trim sizes known by name, as `book.yaml` writes them.
    public static let named: [(name: String, size: TrimSize)] = [
      ("6x9in", TrimSize(width: 6 * 72, height: 9 * 72)),
      ("5.5x8.5in", TrimSize(width: 5.5 * 72, height: 8.5 * 72)),
      ("5x8in", TrimSize(width: 5 * 72, height: 8 * 72)),
      ("a5", TrimSize(width: 148 * pointsPerMillimetre, height: 210 * pointsPerMillimetre)),
      ("a4", TrimSize(width: 210 * pointsPerMillimetre, height: 297 * pointsPerMillimetre)),
      ("letter", TrimSize(width: 8.5 * 72, height: 11 * 72)),
    ]

    /// The default trim, 6 × 9 inches (a US trade paperback).
    public static let sixByNine = TrimSize(width: 6 * 72, height: 9 * 72)
  }

  /// The four margins of a right-hand page, in points.
  public struct Margins: Sendable, Hashable {
    /// The margin at the binding.
    public var inside: Double
    /// The margin at the fore-edge.
    public var outside: Double
    /// The head margin (the running head sits in it).
    public var top: Double
    /// The foot margin.
    public var bottom: Double

    /// Creates margins.
    public init(inside: Double, outside: Double, top: Double, bottom: Double) {
      self.inside = inside
      self.outside = outside
      self.top = top
      self.bottom = bottom
    }

    /// Margins in proportion to a trim size: on a 6 × 9 in page, 0.75 in inside, 0.6 in
    /// outside, 0.75 in at the head and 0.85 in at the foot.
    public static func proportional(to trim: TrimSize) -> Margins {
      Margins(
        inside: (trim.width * 0.125).rounded(), outside: (trim.width * 0.1).rounded(),
        top: (trim.height * 0.75 / 9).rounded(), bottom: (trim.height * 0.85 / 9).rounded())
    }
  }

  /// Points in a millimetre.
  public static let pointsPerMillimetre = 72 / 25.4

  /// The trim size, the page as cut.
  public var trim: TrimSize
  /// The margins; `nil` means in proportion to the trim (see ``Margins/proportional(to:)``).
  public var margins: Margins?
  /// How far the page extends beyond the trim on each side for images that bleed, in
  /// points; 0 for none.
  public var bleed: Double
  /// Whether crop marks are printed outside the trim.
  public var cropMarks: Bool
  /// The body text's size in points; `nil` keeps the style sheet's.
  public var fontSize: Double?
  /// Font family names in order of preference; empty keeps the style sheet's.
  public var fontFamily: [String]

  /// Creates print settings; the defaults are a 6 × 9 in page with proportional margins.
  public init(
    trim: TrimSize = .sixByNine, margins: Margins? = nil, bleed: Double = 0,
    cropMarks: Bool = false, fontSize: Double? = nil, fontFamily: [String] = []
  ) {
    self.trim = trim
    self.margins = margins
    self.bleed = bleed
    self.cropMarks = cropMarks
    self.fontSize = fontSize
    self.fontFamily = fontFamily
  }

  /// The margins in use: those given, else margins in proportion to the trim.
  public var effectiveMargins: Margins { margins ?? .proportional(to: trim) }

  /// The size of the PDF page: the trim plus the bleed on every side.
  public var mediaSize: TrimSize {
    TrimSize(width: trim.width + 2 * bleed, height: trim.height + 2 * bleed)
  }
}
