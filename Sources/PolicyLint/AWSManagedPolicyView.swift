import AWSCatalog
import Foundation
import RoleGenCore

/// An AWS managed policy a role or permission set attaches. Its statements join the role's
/// permissions, so the permission rules judge what it grants; their source ranges point into
/// AWS's document, and a finding there is reported at the spec line that attaches it.
public struct AWSManagedPolicyAttachment: Sendable {
    public let policy: AWSManagedPolicy
    /// The `managed_policies:` entry.
    public let range: SourceRange
    let statements: [LintStatement]

    init(_ policy: AWSManagedPolicy, at range: SourceRange, catalog: Catalog) {
        self.policy = policy
        self.range = range
        statements = Self.statements(of: policy, catalog: catalog)
    }

    /// Whether a range lies in the policy's document.
    func holds(_ range: SourceRange) -> Bool { range.file == policy.document.range.file }

    /// Where in the policy a range it `holds` lies: `statement 'AllowS3' of AWS managed policy X`.
    func place(of range: SourceRange) -> String {
        "\(statementName(at: range)) of AWS managed policy \(policy.name)"
    }

    /// `statement 'AllowS3'`, or `statement 2` when it has no Sid.
    func statementName(at range: SourceRange) -> String {
        let statements = policy.document.statements
        guard let index = statements.firstIndex(where: { $0.range.start.offset <= range.start.offset && range.start.offset < $0.range.end.offset })
        else { return "the document" }
        return statements[index].sid.map { "statement '\($0.value)'" } ?? "statement \(index + 1)"
    }

    /// Each policy's statements are expanded once per process: a spec of ten thousand roles
    /// attaches a handful of policies over and over.
    nonisolated(unsafe) private static var cache: [String: [LintStatement]] = [:]
    private static let lock = NSLock()

    private static func statements(of policy: AWSManagedPolicy, catalog: Catalog) -> [LintStatement] {
        if let known = lock.withLock({ cache[policy.name] }) { return known }
        let made = policy.document.statements.map { LintStatement($0, source: "AWS managed policy '\(policy.name)'", catalog: catalog) }
        lock.withLock { cache[policy.name] = made }
        return made
    }
}

extension Array where Element == PolicyReference {
    /// The AWS managed policies among the references that rolegen ships, each with its line.
    func awsManagedAttachments(catalog: Catalog) -> [AWSManagedPolicyAttachment] {
        compactMap { reference in reference.awsManagedPolicy.map { AWSManagedPolicyAttachment($0, at: reference.range, catalog: catalog) } }
    }
}
