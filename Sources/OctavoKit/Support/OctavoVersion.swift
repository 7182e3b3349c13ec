/// Octavo's version.
public enum OctavoVersion {
  /// The version string `octavo --version` prints.
  public static let current = "0.1.0"
}
