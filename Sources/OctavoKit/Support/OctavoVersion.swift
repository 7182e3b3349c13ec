/// Octavo's version.
package enum OctavoVersion {
  /// The version string `octavo --version` prints.
  package static let current = "0.1.0"
}
