import AWSCatalog
import RoleGenCore

/// Checks one policy document against the IAM policy grammar and the AWS catalog. Pure:
/// a document and its kind in, diagnostics out, every one at the range of the element
/// (in the spec or the JSON file) that caused it.
public struct PolicyChecker {
    public struct Options: Sendable {
        /// Check the document against its kind's size quota. Off for spec documents, whose
        /// quotas the resolver checks per role (inline policies count together).
        public var checkSize: Bool
        /// The size as IAM counts it, when the caller knows it from the source text.
        public var size: Int?
        /// A document without Version is what it was written as: a raw file is read by IAM as
        /// 2008-10-17 (true); a spec's documents are written out as 2012-10-17 (false).
        public var missingVersionIsOld: Bool
        /// What a resource policy is attached to, when known.
        public var resourceType: ResourcePolicyType?

        public init(checkSize: Bool = true, size: Int? = nil, missingVersionIsOld: Bool = false, resourceType: ResourcePolicyType? = nil) {
            self.checkSize = checkSize
            self.size = size
            self.missingVersionIsOld = missingVersionIsOld
            self.resourceType = resourceType
        }
    }

    let kind: PolicyKind
    let options: Options
    let catalog = Catalog.shared
    /// The document's language version, nil when a raw file has none (IAM reads it as 2008-10-17);
    /// variables are literal text before 2012-10-17.
    let version: String?
    var diagnostics: [Diagnostic] = []
    /// Values of a model document that hold deploy-time inputs, as the checker sees them.
    var deployTimeValues: Set<Located<String>> = []
    /// Services looked up so far, by prefix as written.
    var services: [String: Service?] = [:]
    var lastService: (prefix: String, service: Service?)?

    init(kind: PolicyKind, options: Options, version: String?) {
        self.kind = kind
        self.options = options
        self.version = version
    }

    public static func check(_ document: PolicyDocument, kind: PolicyKind, options: Options = Options()) -> [Diagnostic] {
        var checker = PolicyChecker(kind: kind, options: options, version: document.version?.value ?? (options.missingVersionIsOld ? nil : PolicyVersion.current))
        checker.run(document)
        return checker.diagnostics
    }

    /// Checks a document of the model. A deploy-time input stands for any value ("*") in
    /// actions and resources; elsewhere it reads as one letter, and values that hold one get
    /// only the checks their literal parts allow (no type checks on a value not yet known).
    public static func check(_ document: ModelDocument, kind: PolicyKind, options: Options = Options()) -> [Diagnostic] {
        var deployTime: Set<Located<String>> = []
        let view = document.map { (value: Located<Text>, element: PolicyElement) -> String in
            if let literal = value.value.literal { return literal }
            let filled = value.value.rendered { _ in element == .action || element == .resource ? "*" : "x" }
            deployTime.insert(Located(filled, value.range))
            return filled
        }
        var checker = PolicyChecker(kind: kind, options: options, version: view.version?.value ?? PolicyVersion.current)
        checker.deployTimeValues = deployTime
        checker.run(view)
        return checker.diagnostics
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at range: SourceRange,
                         notes: [Diagnostic.Note] = [], fixIt: String? = nil) {
        report(code, .error, message, at: range, notes: notes, fixIt: fixIt)
    }

    mutating func report(_ code: DiagnosticCode, _ severity: Severity, _ message: String, at range: SourceRange,
                         notes: [Diagnostic.Note] = [], fixIt: String? = nil) {
        diagnostics.append(Diagnostic(code, severity, message, at: range, notes: notes, fixIt: fixIt))
    }

    private mutating func run(_ document: PolicyDocument) {
        var sids: [String: SourceRange] = [:]
        for statement in document.statements {
            if let sid = statement.sid {
                checkSid(sid, seen: &sids)
            }
            checkKindRules(statement)
            let actions = statement.action.map { checkActions($0) } ?? []
            if let resource = statement.resource {
                let resources = checkResources(resource)
                if let action = statement.action, !action.negated, !resource.negated {
                    checkActionResourcePairs(actions, resources)
                }
            }
            if let principal = statement.principal {
                checkPrincipal(principal)
                if kind == .trust || kind == .resource { checkRedundantPrincipals(principal) }
            }
            if kind == .trust { checkTrustActions(statement) }
            if kind == .resource {
                checkResourcePolicyPrincipal(statement)
                if let type = options.resourceType { checkResourceType(statement, type) }
            }
            if kind == .rcp { checkRCPStatement(statement) }
            checkConditions(statement.conditions, actions: actions)
            checkConditionKeySupport(statement, actions: actions)
            checkConditionCombinations(statement)
            if kind == .identity { checkServiceLinkedRoleGrant(statement) }
        }
        if options.checkSize { checkSize(document) }
    }

    // MARK: Sid

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private mutating func checkSid(_ sid: Located<String>, seen: inout [String: SourceRange]) {
        guard !sid.value.isEmpty else { return }
        // Resource policies of some services accept more (S3 takes spaces); IAM and
        // Organizations take ASCII letters and digits only.
        if kind != .resource, !sid.value.utf8.allSatisfy(Self.isAlphanumeric),
           let bad = sid.value.firstIndex(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
            let kept = sid.value.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            report(.unsupportedSid, "Sid '\(sid.value)' has '\(sid.value[bad])'; IAM accepts only ASCII letters and digits",
                   at: sid.subrange(offset: sid.value.distance(from: sid.value.startIndex, to: bad), length: 1),
                   fixIt: kept.isEmpty ? "write a Sid of ASCII letters and digits, such as 'ReadObjects'" : "write '\(kept)'")
        }
        if let first = seen[sid.value] {
            report(.duplicateSid, "Sid '\(sid.value)' is already used in this policy", at: sid.range,
                   notes: [.init("first used here", at: first)])
        } else {
            seen[sid.value] = sid.range
        }
    }

    // MARK: Policy kinds

    private mutating func checkKindRules(_ statement: Statement) {
        if let principal = statement.principal, !kind.hasPrincipal {
            let name = principal.negated ? "NotPrincipal" : "Principal"
            let what = kind == .scp ? "a service control policy" : kind == .boundary ? "a permissions boundary" : "an identity policy"
            report(.principalNotAllowed, "\(name) is not allowed in \(what)", at: principal.range,
                   fixIt: kind == .scp ? "use the aws:PrincipalArn condition key to target principals" : "principals belong in trust and resource policies")
        }
        if kind.hasPrincipal && statement.principal == nil {
            let what = kind == .trust ? "a trust policy" : kind == .rcp ? "a resource control policy" : "a resource policy"
            report(.missingPrincipal, "\(what) statement needs Principal", at: statement.range,
                   fixIt: kind == .rcp ? "write \"Principal\": \"*\"" : nil)
        }
        if kind == .trust, let principal = statement.principal, principal.negated {
            report(.notPrincipalInTrust, "NotPrincipal is not supported in a role trust policy", at: principal.range)
        }
        if kind == .trust, let resource = statement.resource {
            report(.resourceInTrust, "a role trust policy has no \(resource.negated ? "NotResource" : "Resource"); the resource is the role",
                   at: resource.range, fixIt: "remove it")
        }
        // ECR repository policies name no Resource: the repository is the one they are set on.
        let repositoryPolicy = kind == .resource && (statement.action?.values ?? []).allSatisfy {
            let lowered = $0.value.lowercased()
            return lowered.hasPrefix("ecr:") || lowered.hasPrefix("ecr-public:")
        }
        if kind != .trust && statement.resource == nil && !repositoryPolicy {
            report(.missingResource, "statement has no Resource", at: statement.range,
                   fixIt: "add \"Resource\" (\"*\" only when the actions support no narrower scope)")
        }
    }

    // MARK: Size

    private mutating func checkSize(_ document: PolicyDocument) {
        let size = options.size ?? PolicyQuota.size(of: document)
        guard size > kind.sizeQuota else { return }
        let what: String
        switch kind {
        case .identity: what = "a managed policy"
        case .boundary: what = "a permissions boundary"
        case .trust: what = "a trust policy (raise the quota to at most 4,096)"
        case .resource: what = "most resource policies (S3 bucket policies)"
        case .scp: what = "a service control policy"
        case .rcp: what = "a resource control policy"
        }
        if kind == .scp || kind == .rcp {
            report(kind == .scp ? .scpSizeQuota : .rcpSizeQuota, "policy is \(size) characters (every character counts, whitespace too); \(what) holds at most \(kind.sizeQuota)",
                   at: document.range)
        } else {
            report(.policySizeQuota, .warning, "policy is \(size) characters (whitespace not counted); \(what) holds at most \(kind.sizeQuota)",
                   at: document.range)
        }
    }
}
