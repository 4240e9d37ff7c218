import AWSCatalog
import Foundation

/// A `lint.exclude` entry of `.rolegen.yaml`: findings in the files its pattern matches are not
/// reported, for the listed rules or for every rule.
public struct LintExclude: Sendable, Equatable {
    /// A glob relative to `directory`: `*` and `?` stay within one path component, `**` spans
    /// any number of them. A pattern that matches a directory matches every file inside it.
    public var pattern: String
    /// Rule codes; empty for every rule.
    public var rules: Set<String>
    /// The directory of the configuration file, standardized.
    public var directory: String
    private var components: [Substring]

    public init(pattern: String, rules: Set<String> = [], relativeTo directory: String) {
        self.pattern = pattern
        self.rules = rules
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        var trimmed = Substring(pattern)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        self.components = trimmed.split(separator: "/")
    }

    func applies(to description: RuleDescription) -> Bool {
        rules.isEmpty || rules.contains(description.id)
    }

    /// Whether `file` (as the finding names it, relative to the working directory or absolute)
    /// or a directory holding it matches the pattern.
    public func matches(file: String) -> Bool {
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        guard path.hasPrefix(base) else { return false }
        let relative = path.dropFirst(base.count).split(separator: "/")
        return (1...max(relative.count, 1)).contains { Self.match(components[...], relative.prefix($0)) }
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            return match(pattern.dropFirst(), path) || (!path.isEmpty && match(pattern, path.dropFirst()))
        }
        guard let name = path.first, Glob.matches(Array(first.utf8), Array(name.utf8)) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
