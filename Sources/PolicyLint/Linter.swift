import AWSCatalog
import RoleGenCore

/// Which rules run and at what severity.
public struct LintConfiguration: Sendable {
    /// Codes or names of rules that do not run.
    public var disabled: Set<String>
    /// Code or name → severity replacing the rule's default.
    public var severities: [String: Severity]

    public init(disabled: Set<String> = [], severities: [String: Severity] = [:]) {
        self.disabled = disabled
        self.severities = severities
    }

    public static let `default` = LintConfiguration()

    func isEnabled(_ description: RuleDescription) -> Bool {
        !disabled.contains { RuleRegistry.rule($0)?.description.id == description.id }
    }

    func severity(_ description: RuleDescription) -> Severity {
        severities.first { RuleRegistry.rule($0.key)?.description.id == description.id }?.value ?? description.severity
    }
}

public enum Linter {
    /// A `lint.ignore` entry that suppresses nothing: a stale suppression hides the next real finding.
    public static let unusedSuppression = DiagnosticCode(
        "RG3000", "lint suppression matches no finding",
        help: "Remove the lint.ignore entry, or fix its rule code; suppressions that match nothing are reported so they do not outlive the finding.")

    /// Lint findings for every role and service control policy of the model, in reading order. `specs` are the decoded spec
    /// files the model was resolved from: their `lint.ignore` entries drop the findings they
    /// cover (entries that cover nothing are reported as RG3000), and the accounts they declare
    /// under `accounts:` count as the owner's own, not third parties.
    public static func lint(_ model: Model, configuration: LintConfiguration = .default,
                            specs: [SpecFile] = [], catalog: Catalog = .shared) -> [Diagnostic] {
        let suppressions = specs.flatMap(\.lintSuppressions)
        let ownAccounts = Set(specs.flatMap { $0.accounts.map(\.id.value) })
        let policies = Dictionary(model.policies.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let rules = RuleRegistry.rules.filter { configuration.isEnabled($0.description) }
        let controlPolicies = model.serviceControlPolicies.map { LintServiceControlPolicy($0, catalog: catalog) }
        var diagnostics: [Diagnostic] = []
        var used = Set<Int>()
        let roleViews = model.roles.map {
            LintRole($0, policies: policies, ownAccounts: ownAccounts, controlPolicies: controlPolicies, catalog: catalog)
        }
        for rule in rules {
            let description = rule.description
            let instance = rule.init()
            let findings = roleViews.flatMap { instance.check($0) } + controlPolicies.flatMap { instance.check($0) }
            for finding in findings {
                let covering = suppressions.indices.filter {
                    RuleRegistry.rule(suppressions[$0].rule.value)?.description.id == description.id && suppressions[$0].covers(finding.range)
                }
                if !covering.isEmpty {
                    used.formUnion(covering)
                    continue
                }
                diagnostics.append(Diagnostic(
                    description.code, configuration.severity(description), finding.message,
                    at: finding.range, notes: finding.notes, fixIt: description.fix))
            }
        }
        for (index, suppression) in suppressions.enumerated() where !used.contains(index) {
            guard let rule = RuleRegistry.rule(suppression.rule.value) else {
                diagnostics.append(.warning(unusedSuppression, "lint.ignore names no lint rule '\(suppression.rule.value)'",
                                            at: suppression.rule.range, fixIt: "rolegen rules lists the codes"))
                continue
            }
            // A rule switched off by configuration finds nothing to suppress; that is not stale.
            guard configuration.isEnabled(rule.description) else { continue }
            diagnostics.append(.warning(unusedSuppression, "lint.ignore of \(rule.description.id) matches no finding here",
                                        at: suppression.range, fixIt: "remove the entry"))
        }
        // A customer policy attached to several roles yields the same finding once.
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.sortedByLocation()
    }
}
