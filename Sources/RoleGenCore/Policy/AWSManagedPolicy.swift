import AWSManagedPolicyData
import Foundation

/// The default version of an AWS managed policy, its document read into the policy model.
public struct AWSManagedPolicy: Sendable {
    public let name: String
    public let path: String
    public let versionID: String
    /// Source ranges point into the minified document, whose "file" is the policy's ARN in
    /// the aws partition: a finding on it must be moved to the spec line that attaches it.
    public let document: PolicyDocument

    /// Where the data comes from (`moto 5.2.1`), and the newest update date among the policies.
    public static let source = AWSManagedPolicies.source
    public static let snapshotDate = AWSManagedPolicies.snapshotDate
    public static var count: Int { AWSManagedPolicies.policies.count }

    /// The policy named `name` (exact case), read when first asked for and kept: a spec of
    /// ten thousand roles attaches a handful of policies many times.
    public static func named(_ name: String) -> AWSManagedPolicy? {
        if let known = lock.withLock({ cache[name] }) { return known }
        guard let index = index(of: name) else { return nil }
        let row = AWSManagedPolicies.policies[index]
        let file = "arn:aws:iam::aws:policy\(row.path)\(row.name)"
        // The table holds valid JSON policy documents (scripts/update-aws-data checks them).
        guard let root = YAMLReader.read(Array(row.document.utf8), file: file).root,
              let document = DocumentReader.read(root, isJSON: true).0 else { return nil }
        let policy = AWSManagedPolicy(name: row.name, path: row.path, versionID: row.versionID, document: document)
        lock.withLock { cache[name] = policy }
        return policy
    }

    /// The path of the policy named `name`, nil when AWS has no such policy.
    public static func path(of name: String) -> String? {
        index(of: name).map { AWSManagedPolicies.policies[$0].path }
    }

    /// Every policy name, sorted (code point order).
    public static var names: [String] { AWSManagedPolicies.policies.map(\.name) }

    nonisolated(unsafe) private static var cache: [String: AWSManagedPolicy] = [:]
    private static let lock = NSLock()

    private static func index(of name: String) -> Int? {
        let policies = AWSManagedPolicies.policies
        var low = 0, high = policies.count
        while low < high {
            let middle = (low + high) / 2
            if policies[middle].name < name { low = middle + 1 } else { high = middle }
        }
        return low < policies.count && policies[low].name == name ? low : nil
    }
}

extension AWSManagedPolicy {
    /// The policy an ARN of the `aws` namespace names (`arn:aws:iam::aws:policy/job-function/ViewOnlyAccess`,
    /// any partition), when its path is the policy's own.
    public static func named(arn: String) -> AWSManagedPolicy? {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[2] == "iam", fields[3].isEmpty, fields[4] == "aws",
              fields[5].hasPrefix("policy/"), let slash = fields[5].lastIndex(of: "/") else { return nil }
        let path = String(fields[5][fields[5].index(fields[5].startIndex, offsetBy: "policy".count)...slash])
        let name = String(fields[5][fields[5].index(after: slash)...])
        guard self.path(of: name) == path else { return nil }
        return named(name)
    }
}

extension PolicyReference {
    /// The AWS managed policy the reference attaches, when rolegen ships it: named in the
    /// spec, or written as its ARN.
    public var awsManagedPolicy: AWSManagedPolicy? {
        switch kind {
        case .awsManaged(_, let name): return AWSManagedPolicy.named(name)
        case .arn: return arn.literal.flatMap { AWSManagedPolicy.named(arn: $0) }
        case .customer: return nil
        }
    }
}
