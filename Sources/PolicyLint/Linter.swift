import EffectiveAccess
import AWSCatalog
import RoleGenCore

/// Which rules run, at what severity, with which options, and where not.
public struct LintConfiguration: Sendable {
    /// Codes or names of rules that do not run.
    public var disabled: Set<String> { didSet { disabledIDs = Self.ids(disabled); rules = Self.rules(disabledIDs, options) } }
    /// Code or name → severity replacing the rule's default.
    public var severities: [String: Severity] { didSet { severityByID = Self.ids(severities) } }
    /// Files (or rules in files) whose findings are not reported.
    public var excludes: [LintExclude]
    /// Rule code → the options the rule runs with.
    public var options: [String: RuleOptions] { didSet { rules = Self.rules(disabledIDs, options) } }
    /// Accesses no role or permission set may have (`checks:`), judged by the evaluation engine.
    public var checks: [CustomCheck] = []
    // By rule code, resolved once: lint asks for every rule in every file.
    private var disabledIDs: Set<String>
    private var severityByID: [String: Severity]
    /// The enabled rules, each built with its options, in registry order: built once, as
    /// `validate` lints file after file with them.
    private(set) var rules: [(description: RuleDescription, rule: any LintRule)]

    public init(disabled: Set<String> = [], severities: [String: Severity] = [:], excludes: [LintExclude] = [],
                options: [String: RuleOptions] = [:]) {
        self.disabled = disabled
        self.severities = severities
        self.excludes = excludes
        self.options = options
        disabledIDs = Self.ids(disabled)
        severityByID = Self.ids(severities)
        rules = Self.rules(disabledIDs, options)
    }

    private static func ids(_ keys: Set<String>) -> Set<String> {
        Set(keys.compactMap { RuleRegistry.rule($0)?.description.id })
    }

    private static func ids(_ severities: [String: Severity]) -> [String: Severity] {
        var byID: [String: Severity] = [:]
        for (key, severity) in severities {
            if let id = RuleRegistry.rule(key)?.description.id { byID[id] = severity }
        }
        return byID
    }

    public static let `default` = LintConfiguration()

    func isEnabled(_ description: RuleDescription) -> Bool {
        !disabledIDs.contains(description.id)
    }

    func severity(_ description: RuleDescription) -> Severity {
        severityByID[description.id] ?? description.severity
    }

    func isExcluded(_ description: RuleDescription, in file: String) -> Bool {
        excludes.contains { $0.applies(to: description) && $0.matches(file: file) }
    }

    private static func rules(_ disabledIDs: Set<String>, _ options: [String: RuleOptions]) -> [(description: RuleDescription, rule: any LintRule)] {
        RuleRegistry.rules.filter { !disabledIDs.contains($0.description.id) }.map { type in
            (type.description, type.init(options: options[type.description.id] ?? RuleOptions()))
        }
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
        let suppressedIDs = suppressions.map { RuleRegistry.rule($0.rule.value)?.description.id }
        let ownAccounts = ownAccounts(of: specs)
        let policies = Dictionary(model.policies.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let rules = configuration.rules
        let controlPolicies = model.serviceControlPolicies.map { LintServiceControlPolicy($0, catalog: catalog) }
        let effective = EffectivePolicies.ofRoles(in: model)
        let roleViews = Array(zip(model.roles, effective)).concurrentMap {
            LintRole($0.0, policies: policies, ownAccounts: ownAccounts, controlPolicies: controlPolicies, effective: $0.1, catalog: catalog)
        }
        // A permission set's inline policy is what people get: the permission rules judge it too.
        let permissionSetViews = zip(model.permissionSets, EffectivePolicies.ofPermissionSets(in: model)).compactMap { set, effective -> LintRole? in
            let awsManaged = set.managedPolicies.awsManagedAttachments(catalog: catalog)
            guard set.inlinePolicy != nil || !awsManaged.isEmpty else { return nil }
            let inline = set.inlinePolicy?.shown ?? PolicyDocument(version: nil, statements: [], range: set.range)
            return LintRole(document: inline, scope: .permissions, ownAccounts: ownAccounts, source: "inline policy of permission set '\(set.name)'",
                            awsManagedPolicies: awsManaged, effective: effective, catalog: catalog)
        }
        // A customer policy no role attaches is still created, for users, groups or permission
        // sets to use: the permission rules judge it alone. Boundaries only limit: not judged so.
        var attachedOrBoundary = Set<String>()
        for role in model.roles {
            for case .customer(let name) in role.managedPolicies.map(\.kind) { attachedOrBoundary.insert(name) }
            if case .customer(let name)? = role.permissionsBoundary?.kind { attachedOrBoundary.insert(name) }
        }
        for set in model.permissionSets {
            if case .customer(let reference)? = set.permissionsBoundary { attachedOrBoundary.insert(reference.name) }
        }
        let unattachedViews = model.policies.filter { !attachedOrBoundary.contains($0.name) }.map {
            LintRole(document: $0.document.shown, scope: .permissions, ownAccounts: ownAccounts, source: "policy '\($0.name)'", catalog: catalog)
        }
        var diagnostics: [Diagnostic] = []
        var used = Set<Int>()
        // Rules are pure and independent: they run on all cores, and their findings are
        // handled in rule order.
        // Each finding with the role it is about: a role's suppression covers its findings also
        // where they lie outside the role, in statements it shares through a YAML alias.
        let findingsByRule = rules.concurrentMap { description, rule -> [(finding: Finding, role: SourceRange?)] in
            let views = description.scope == .permissions ? roleViews + permissionSetViews + unattachedViews : roleViews
            return views.flatMap { view in
                view.relocated(rule.check(view), by: description).map { ($0, view.isRole ? view.role.range : nil) }
            }
                + controlPolicies.flatMap { rule.check($0).map { ($0, nil) } }
        }
        for ((description, _), findings) in zip(rules, findingsByRule) {
            for (finding, role) in findings where !configuration.isExcluded(description, in: finding.range.file) {
                let covering = suppressions.indices.filter {
                    suppressedIDs[$0] == description.id && (suppressions[$0].covers(finding.range) || role.map(suppressions[$0].coversRole) == true)
                }
                if !covering.isEmpty {
                    used.formUnion(covering)
                    continue
                }
                diagnostics.append(diagnostic(finding, of: description, configuration: configuration))
            }
        }
        for (index, suppression) in suppressions.enumerated() where !used.contains(index) {
            guard let rule = RuleRegistry.rule(suppression.rule.value) else {
                if let retired = RuleRegistry.retiredRule(suppression.rule.value) {
                    diagnostics.append(.warning(unusedSuppression, "lint.ignore names a retired rule: \(retired.explanation)",
                                                at: suppression.rule.range, fixIt: "suppress the rule that reports the finding now"))
                } else {
                    diagnostics.append(.warning(unusedSuppression, "lint.ignore names no lint rule '\(suppression.rule.value)'",
                                                at: suppression.rule.range, fixIt: "rolegen rules lists the codes"))
                }
                continue
            }
            // A rule switched off by configuration, or excluded where the suppression is
            // written, finds nothing to suppress; that is not stale.
            guard configuration.isEnabled(rule.description),
                  !configuration.isExcluded(rule.description, in: suppression.range.file) else { continue }
            diagnostics.append(.warning(unusedSuppression, "lint.ignore of \(rule.description.id) matches no finding here",
                                        at: suppression.range, fixIt: "remove the entry"))
        }
        // Custom checks run with the rules; `lint.ignore` does not reach them (a check names
        // its exemptions in except_roles).
        diagnostics += CustomChecks.findings(configuration.checks, model: model, roles: effective, catalog: catalog)
        // A customer policy attached to several roles yields the same finding once.
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.sortedByLocation()
    }

    /// Lint findings for a raw policy document (a file given to `rolegen validate`): only the
    /// rules of `scope` run, as the document has no role around it — `.permissions` for
    /// identity policies and boundaries, `.trust` for trust policies, `.serviceControlPolicy`
    /// for SCPs. JSON has no place for
    /// `lint.ignore`; `.rolegen.yaml` (disable, exclude) is the way to silence a finding.
    /// Accounts the `specs` declare under `accounts:` count as the owner's own.
    public static func lint(_ document: PolicyDocument, scope: RuleScope, configuration: LintConfiguration = .default,
                            specs: [SpecFile] = [], catalog: Catalog = .shared) -> [Diagnostic] {
        let view = LintRole(document: document, scope: scope, ownAccounts: ownAccounts(of: specs), catalog: catalog)
        let controlPolicy = scope == .serviceControlPolicy ? LintServiceControlPolicy(document: document, catalog: catalog) : nil
        var diagnostics: [Diagnostic] = []
        for (description, rule) in configuration.rules where description.scope == scope {
            let findings = controlPolicy.map { rule.check($0) } ?? rule.check(view)
            for finding in findings where !configuration.isExcluded(description, in: finding.range.file) {
                diagnostics.append(diagnostic(finding, of: description, configuration: configuration))
            }
        }
        return diagnostics.sortedByLocation()
    }

    private static func ownAccounts(of specs: [SpecFile]) -> Set<String> {
        Set(specs.flatMap { $0.accounts.map(\.id.value) })
    }

    private static func diagnostic(_ finding: Finding, of description: RuleDescription, configuration: LintConfiguration) -> Diagnostic {
        Diagnostic(description.code, configuration.severity(description), finding.message,
                   at: finding.range, notes: finding.notes, fixIt: description.fix)
    }
}
