import ArgumentParser
import Foundation
import RoleGen

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter spec."
    )

    @Argument(help: "File to create.")
    var file = "roles.yaml"

    @Flag(help: "Overwrite the file if it exists.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: file) && !force {
            FileHandle.standardError.write(Data("rolegen: error: \(file) already exists; use --force to overwrite it\n".utf8))
            throw Exit.usageOrIO
        }
        do {
            try StarterSpec.text.write(toFile: file, atomically: true, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("rolegen: error: cannot write \(file): \(error.localizedDescription)\n".utf8))
            throw Exit.usageOrIO
        }
        print("wrote \(file); build it with: rolegen build \(file)")
    }
}
