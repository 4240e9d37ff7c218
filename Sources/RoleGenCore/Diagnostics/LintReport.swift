/// What lint said about a model that built: the findings that did not stop the build and the
/// suppressions the spec wrote. Review outputs (the review report, Terraform READMEs) show it,
/// so a reviewer sees what was accepted and why.
public struct LintReport: Sendable {
    /// The role, policy or service control policy a finding or suppression lies in.
    public struct Part: Sendable, Hashable {
        /// `role`, `policy`, `service control policy` or `permission set`.
        public var kind: String
        public var name: String

        public init(_ kind: String, _ name: String) {
            self.kind = kind
            self.name = name
        }

        public var description: String { "\(kind) \(name)" }
    }

    public struct Finding: Sendable, Equatable {
        public var code: String
        public var title: String
        public var severity: Severity
        public var message: String
        /// `file:line:col` as the diagnostic formatter prints it.
        public var location: String
        public var part: Part?
    }

    public struct Suppression: Sendable, Equatable {
        public var rule: String
        public var reason: String
        public var location: String
        public var part: Part?
    }

    public var findings: [Finding]
    public var suppressions: [Suppression]

    /// `diagnostics`: lint's findings (errors among them stop the build before any backend runs).
    public init(diagnostics: [Diagnostic], suppressions: [LintSuppression], model: Model) {
        let parts: [(part: Part, range: SourceRange)] =
            model.roles.map { (Part("role", $0.name), $0.range) }
            + model.policies.map { (Part("policy", $0.name), $0.range) }
            + model.serviceControlPolicies.map { (Part("service control policy", $0.name), $0.range) }
            + model.permissionSets.map { (Part("permission set", $0.name), $0.range) }
        func part(of range: SourceRange?) -> Part? {
            guard let range else { return nil }
            return parts.first {
                $0.range.file == range.file && $0.range.start.offset <= range.start.offset && range.start.offset < $0.range.end.offset
            }?.part
        }
        findings = diagnostics.map {
            Finding(code: $0.code.id, title: $0.code.title, severity: $0.severity, message: $0.message,
                    location: Self.location($0.range), part: part(of: $0.range))
        }
        self.suppressions = suppressions.map {
            Suppression(rule: $0.rule.value, reason: $0.reason.value, location: Self.location($0.range), part: part(of: $0.scope))
        }
    }

    private static func location(_ range: SourceRange?) -> String {
        guard let range else { return "" }
        return "\(range.file):\(range.start.line):\(range.start.column)"
    }
}
