/// What one written action (`s3:Get*`, `iam:PassRole`, `*`) stands for in the catalog, worked
/// out once per process and shared by the grammar checks, lint and review: AWS's managed
/// policies write the same few thousand actions file after file, and each of those stages used
/// to look every one of them up again.
public struct ActionResolution: Sendable {
    public enum Form: Sendable {
        /// `*`.
        case everyAction
        /// Not `service:name` (no colon, two colons, an empty side).
        case malformed
        /// A wildcard in the service part (`s3*:Get*`): the prefixes it matches.
        case wildcardService(prefix: String, name: String, matching: [String])
        /// A service the catalog lacks.
        case unknownService(prefix: String, name: String)
        /// A service the catalog has; `indices` are the actions the name matches (for a plain
        /// name, the one it names, if any).
        case known(service: Service, name: String, indices: [Int], isWildcard: Bool)
    }

    public let form: Form

    init(_ written: String, catalog: Catalog) {
        if written == "*" {
            form = .everyAction
            return
        }
        let fields = written.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
            form = .malformed
            return
        }
        let prefix = String(Substring(fields[0])), name = String(Substring(fields[1]))
        if prefix.utf8.contains(where: Glob.isWildcard) {
            let pattern = Array(prefix.lowercased().utf8)
            form = .wildcardService(prefix: prefix, name: name, matching: catalog.prefixes.filter { Glob.matches(pattern, Array($0.utf8)) })
        } else if let service = catalog.service(prefix) {
            form = .known(service: service, name: name, indices: service.actionIndices(matching: name),
                          isWildcard: name.utf8.contains(where: Glob.isWildcard))
        } else {
            form = .unknownService(prefix: prefix, name: name)
        }
    }
}
