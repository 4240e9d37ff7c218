/// Known service principals (Generated/ServicePrincipalData.swift): what AWS managed policies
/// name and botocore's signing names. Only `….amazonaws.com` and `….amazonaws.com.cn` are
/// checked; a regional principal (`logs.eu-west-1.amazonaws.com`) is its service's.
public enum ServicePrincipals {
    public enum Verdict: Equatable, Sendable {
        /// Known, or of a form the list does not cover.
        case known
        /// Not known, and one edit (two for names of 8 or more characters) from a known
        /// principal, the suggestion: a typo.
        case misspelt(String)
        /// Not known; the closest known principal when one is within `Nearest`'s reach.
        case unknown(String?)
    }

    public static let source = ServicePrincipalData.source
    public static let count = ServicePrincipalData.names.count
    private static let known = Set(ServicePrincipalData.names)
    private static let index = Nearest.Index(ServicePrincipalData.names)
    private static let suffixes = [".amazonaws.com", ".amazonaws.com.cn"]

    public static func check(_ principal: String) -> Verdict {
        guard let suffix = suffixes.last(where: { principal.hasSuffix($0) }) else { return .known }
        var name = Substring(principal.dropLast(suffix.count))
        var region: Substring = ""
        if let dot = name.lastIndex(of: "."), Regions.partition(of: name[name.index(after: dot)...]) != nil {
            region = name[dot...]
            name = name[..<dot]
        }
        if name.isEmpty || known.contains(String(name)) { return .known }
        guard let close = index.closest(to: String(name)) else { return .unknown(nil) }
        let edits = Nearest.distance(Array(name.lowercased().utf8), Array(close.utf8), limit: 3) ?? 3
        let suggestion = close + region + suffix
        return edits <= (name.count >= 8 ? 2 : 1) ? .misspelt(suggestion) : .unknown(suggestion)
    }
}
