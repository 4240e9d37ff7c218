/// Catalog actions named in a finding: the first three, then how many more.
struct ActionList: CustomStringConvertible {
    var grants: [ActionGrant]

    init(_ grants: [ActionGrant]) { self.grants = grants }

    var description: String {
        let names = grants.prefix(3).map(\.action).joined(separator: ", ")
        return grants.count > 3 ? "\(names) and \(grants.count - 3) more" : names
    }

    /// The resource types the actions act on, required ones first, at most three:
    /// "role", "accesspointobject or object".
    static func resourceTypes(_ grants: [ActionGrant]) -> String {
        var seen: [String] = []
        for name in grants.flatMap(\.resourceTypes) where !seen.contains(name) { seen.append(name) }
        return seen.prefix(3).joined(separator: " or ")
    }
}
