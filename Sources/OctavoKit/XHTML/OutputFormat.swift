import Foundation

/// What a build makes.
public enum OutputFormat: String, Sendable, CaseIterable {
  case epub
  case print
}
