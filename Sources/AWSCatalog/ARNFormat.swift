/// The ARN format of a resource type, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
public struct ARNFormat: Sendable {
    /// What an ARN field of the format holds.
    public enum Field: Sendable, Equatable {
        /// Nothing: the ARN must leave the field empty (no region in S3 bucket ARNs).
        case empty
        /// A `${Variable}`: any value of that kind.
        case variable
        /// Fixed text, such as `aws` in `arn:aws:iam::aws:policy/…`.
        case literal(String)
    }

    public let text: String
    public let service: String
    public let region: Field
    public let account: Field
    /// The resource part as a wildcard pattern: every `${Variable}` becomes `*`.
    public let resourcePattern: [UInt8]

    public init(_ text: String) {
        self.text = text
        var parts: [Substring] = []
        var start = text.utf8.startIndex
        var index = start
        while index < text.utf8.endIndex && parts.count < 5 {
            if text.utf8[index] == UInt8(ascii: ":") {
                parts.append(text[start..<index])
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        parts.append(text[start...])
        func field(_ index: Int) -> Field {
            guard index < parts.count, !parts[index].isEmpty else { return .empty }
            return parts[index].utf8.contains(UInt8(ascii: "$")) ? .variable : .literal(String(parts[index]))
        }
        service = parts.count > 2 ? String(parts[2]) : ""
        region = field(3)
        account = field(4)
        resourcePattern = ARNFormat.pattern(parts.count > 5 ? parts[5] : "")
    }

    /// `${Name}` → `*`; everything else literal. A resource part that is one variable alone
    /// (`${BucketName}`, `${QueueName}`) names a flat namespace: it becomes `Glob.segment`,
    /// which matches no `/`, so an object ARN is not taken for a bucket.
    static func pattern(_ text: Substring) -> [UInt8] {
        if text.hasPrefix("${"), let close = text.firstIndex(of: "}"), text.index(after: close) == text.endIndex {
            return [Glob.segment]
        }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
               let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) {
                if out.last != UInt8(ascii: "*") { out.append(UInt8(ascii: "*")) }
                i = close + 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// The literal word a resource pattern starts with, up to and with its first `/` or `:`
    /// (`role/`, `function:`); empty when a wildcard or a variable comes first, or no separator.
    public static func head(_ pattern: [UInt8]) -> String {
        for (index, byte) in pattern.enumerated() {
            if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "$") || byte == Glob.segment { return "" }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") { return String(decoding: pattern[...index], as: UTF8.self) }
        }
        return ""
    }

    /// Whether a resource part written in a policy (wildcards `*`, `?`; policy variables
    /// already turned into `*`) can name a resource of this type.
    public func matchesResource(_ pattern: [UInt8]) -> Bool {
        Glob.overlaps(resourcePattern, pattern)
    }
}
