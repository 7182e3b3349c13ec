import Foundation
import PackagePlugin

/// Compiles the shipped style sheets in `Styles/` into the library, so the binary's
/// built-in defaults are always the files in the repository, byte for byte.
@main
struct EmbedStyles: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let styles = context.package.directoryURL.appending(path: "Styles")
    let inputs = ["epub.css", "print.css"].map { styles.appending(path: $0) }
    let output = context.pluginWorkDirectoryURL.appending(path: "DefaultStyles.swift")
    return [
      .buildCommand(
        displayName: "Embedding Styles/*.css",
        executable: try context.tool(named: "embed-styles").url,
        arguments: [output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }
}
