import AWSManagedPolicyData
import AWSCatalog
extension ResolverState {
    mutating func customerPolicy(_ spec: PolicySpec) -> CustomerPolicy? {
        let before = errorCount
        let name = literal(spec.name, "policy name")
        let path = spec.path.flatMap { literal($0, "policy path", code: .pathLimit) } ?? "/"
        let description = spec.description.flatMap { text($0) }
        let document = policyDocument(spec.body)
        if let name { checkName(name, IAMLimits.policyName, "policy name", at: spec.name.range) }
        check(Text(path), IAMLimits.policyPath, .pathLimit, "policy path", at: spec.path?.range ?? spec.range)
        if let description {
            check(description, IAMLimits.policyDescription, .descriptionLimit, "policy description", at: spec.description!.range)
        }
        if let document {
            checkSize(document, quota: PolicyQuota.managedPolicy, what: "managed policy", at: spec.range)
        }
        guard errorCount == before, let name, let document else { return nil }
        return CustomerPolicy(name: name, path: path, description: description, document: document,
                              specFile: file.path, range: spec.range)
    }

    mutating func role(_ spec: RoleSpec) -> Role? {
        let before = errorCount
        let defaults = file.defaults
        let name = literal(spec.name, "role name")
        if let name { checkName(name, IAMLimits.roleName, "role name", at: spec.name.range) }

        let pathSource = spec.path ?? defaults.path
        let path = pathSource.flatMap { literal($0, "role path", code: .pathLimit) } ?? "/"
        check(Text(path), IAMLimits.path, .pathLimit, "role path", at: pathSource?.range ?? spec.range)

        var description = spec.description.flatMap { text($0) }
        if let own = description, let prefix = defaults.descriptionPrefix.flatMap({ text($0) }) {
            description = prefix + own
        }
        if let value = description, let range = spec.description?.range {
            check(value, IAMLimits.roleDescription, .descriptionLimit, "role description", at: range)
        }

        let accountSource = spec.account ?? defaults.account
        let account = accountSource.flatMap { accountID($0) }

        let durationSource = spec.maxSessionDuration ?? defaults.maxSessionDuration
        let duration = durationSource?.value ?? Resolver.defaultSessionDuration
        if let durationSource, !IAMLimits.maxSessionDuration.contains(duration) {
            let limit = IAMLimits.maxSessionDuration
            error(.sessionDurationLimit,
                  "max_session_duration \(duration) is out of range: IAM allows \(limit.min) to \(limit.max) seconds (1 to 12 hours)",
                  at: durationSource.range, fixIt: duration > limit.max ? "use at most \(limit.max)" : "use at least \(limit.min)")
        }

        let trust = trustPolicy(spec, account: account)
        if let trust {
            checkSize(trust, quota: PolicyQuota.trustPolicy, raisedQuota: PolicyQuota.trustPolicyMaximum, what: "trust policy",
                      at: spec.trust.first?.range ?? spec.range)
        }
        // Each reference as written is resolved once: a repeat resolves the same way (a
        // million repeats took seconds).
        var seenWritten: Set<String> = []
        let managed = spec.managedPolicies.filter { seenWritten.insert($0.value).inserted }.compactMap { policyReference($0, account: account) }
        var seenArns: Set<Text> = []
        let uniqueManaged = managed.filter { seenArns.insert($0.arn).inserted }
        if uniqueManaged.count > 10 {
            let message = "role attaches \(uniqueManaged.count) managed policies; IAM allows 10 by default and 20 after a quota increase"
            diagnostics.append(Diagnostic(.attachmentQuota, uniqueManaged.count > 20 ? .error : .warning, message, at: spec.range))
        }
        let inline = inlinePolicies(spec.inlinePolicies)
        let inlineSize = inline.reduce(0) { $0 + PolicyQuota.size(of: $1.document) }
        if inlineSize > PolicyQuota.inlinePolicies {
            error(.policySizeLimit, "the role's inline policies total \(inlineSize) characters; IAM allows \(PolicyQuota.inlinePolicies) per role (whitespace not counted)",
                  at: spec.inlinePolicies.first?.range ?? spec.range, fixIt: "move statements into customer policies (6,144 characters each)")
        }
        let boundarySource = spec.permissionsBoundary ?? defaults.permissionsBoundary
        let boundary = boundarySource.flatMap { policyReference($0, account: account) }
        let tags = mergedTags(defaults.tags, spec.tags, what: "role", limits: .iam, at: spec.range)

        var profile: InstanceProfile?
        switch spec.instanceProfile {
        case .sameNameAsRole?:
            if let name { profile = InstanceProfile(name: name, path: path) }
        case .named(let written)?:
            if let profileName = literal(written, "instance profile name") {
                checkName(profileName, IAMLimits.instanceProfileName, "instance profile name", at: written.range)
                profile = InstanceProfile(name: profileName, path: path)
            }
        case nil:
            break
        }

        guard errorCount == before, let name, let trust else { return nil }
        return Role(name: name, path: path, description: description, account: account, partition: partition,
                    trustPolicy: trust, managedPolicies: uniqueManaged, inlinePolicies: inline,
                    permissionsBoundary: boundary, maxSessionDuration: duration,
                    maxSessionDurationRange: durationSource?.range, tags: tags,
                    instanceProfile: profile, specFile: file.path, range: spec.range)
    }

    private mutating func inlinePolicies(_ specs: [InlinePolicySpec]) -> [InlinePolicy] {
        var seen: [String: SourceRange] = [:]
        var result: [InlinePolicy] = []
        for spec in specs {
            guard let name = literal(spec.name, "inline policy name"), let document = policyDocument(spec.body) else { continue }
            checkName(name, IAMLimits.policyName, "inline policy name", at: spec.name.range)
            if let first = seen[name.lowercased()] {
                error(.duplicateName, "inline policy name '\(name)' is already used in this role", at: spec.name.range,
                      notes: [.init("first defined here", at: first)])
                continue
            }
            seen[name.lowercased()] = spec.name.range
            result.append(InlinePolicy(name: name, document: document, range: spec.range))
        }
        return result
    }

    /// The document of a policy body, with variables expanded in every string.
    mutating func policyDocument(_ body: PolicyBody, _ context: NodeDecoder.StatementContext = .identity) -> ModelDocument? {
        switch body {
        case .statements(let statements):
            guard let expanded = expand(statements), let first = statements.first, let last = statements.last else { return nil }
            var range = first.range
            range.end = last.range.end
            return ModelDocument(version: nil, statements: expanded, range: range)
        case .documentFile(let written):
            // Files are read before variables are expanded, so their paths are literal.
            let relative = written.value
            let path = Resolver.documentPath(relative, relativeTo: file.path)
            guard let node = documents[path] else {
                error(.ioError, "document_file '\(relative)' could not be read (looked for \(path))", at: written.range,
                      fixIt: relative.contains("${") ? "document_file paths are literal; variables are not expanded in them" : nil)
                return nil
            }
            var decoder = NodeDecoder()
            let document = decoder.policyDocument(node, context)
            diagnostics += decoder.diagnostics
            guard let document, let statements = expand(document.statements) else { return nil }
            if let version = document.version, version.value != PolicyVersion.current {
                let message = "policy Version '\(version.value)' in \(relative); use \"\(PolicyVersion.current)\""
                if version.value == "2008-10-17" {
                    diagnostics.append(.warning(.policyDocument, message + " (the old version does not support policy variables)", at: version.range))
                } else {
                    error(.policyDocument, message, at: version.range)
                }
            }
            return ModelDocument(version: document.version, id: document.id.map { $0.map { Text($0) } }, statements: statements,
                                 range: document.range)
        }
    }

    /// Expands variables in every string of the statements.
    mutating func expand(_ statements: [Statement]) -> [StatementOf<Text>]? {
        let before = errorCount
        var result: [StatementOf<Text>] = []
        for statement in statements {
            func list(_ element: ElementList) -> ElementListOf<Text> {
                ElementListOf<Text>(element.values.compactMap { located($0) }, negated: element.negated, range: element.range)
            }
            var principal: PrincipalElementOf<Text>?
            if let written = statement.principal {
                switch written.content {
                case .wildcard:
                    principal = PrincipalElementOf<Text>(.wildcard, negated: written.negated, range: written.range)
                case .typed(let entries):
                    principal = PrincipalElementOf<Text>(.typed(entries.map { ($0.type, $0.values.compactMap { located($0) }) }),
                                                         negated: written.negated, range: written.range)
                }
            }
            result.append(StatementOf<Text>(
                sid: statement.sid.flatMap { located($0) }, effect: statement.effect, principal: principal,
                action: statement.action.map(list), resource: statement.resource.map(list),
                conditions: expandConditions(statement.conditions) ?? [], range: statement.range))
        }
        return errorCount == before ? result : nil
    }

    mutating func expandConditions(_ conditions: [ConditionEntry]) -> [ConditionEntryOf<Text>]? {
        let before = errorCount
        let expanded = conditions.map { entry in
            ConditionEntryOf<Text>(operator: entry.operator,
                                   key: literal(entry.key, "condition key", code: .invalidValue).map { Located($0, entry.key.range) } ?? entry.key,
                                   values: entry.values.compactMap { located($0) })
        }
        return errorCount == before ? expanded : nil
    }

    // MARK: Policy references

    /// Resolves `ReadOnlyAccess`, `job-function/ViewOnlyAccess`, a spec policy name or an ARN.
    mutating func policyReference(_ written: Located<String>, account: Text?) -> PolicyReference? {
        guard let text = text(written) else { return nil }
        if text.hasLiteralPrefix("arn:") {
            if let arn = text.literal { checkAWSManagedARN(arn, at: written.range) }
            return PolicyReference(kind: .arn, arn: text, range: written.range)
        }
        guard let value = text.literal else {
            error(.unknownPolicy, "policy reference '\(text.shown)' uses a deploy-time input; only full ARNs may",
                  at: written.range, fixIt: "write the policy's full ARN, e.g. arn:aws:iam::${account}:policy/NAME")
            return nil
        }
        let awsMatch = AWSManagedPolicyIndex.lookup(value)
        if let policy = customerPolicies[value.lowercased()] {
            if awsMatch != nil {
                diagnostics.append(.warning(.shadowedPolicy, "'\(value)' names both a spec policy and an AWS managed policy; the spec policy is used",
                                            at: written.range, notes: [.init("spec policy defined here", at: policy.range)],
                                            fixIt: "rename the spec policy, or write the AWS managed policy's ARN"))
            }
            guard let account = requireAccount(account, for: "customer policy '\(policy.name)'", at: written.range) else { return nil }
            return PolicyReference(kind: .customer(name: policy.name),
                                   arn: "arn:\(partition):iam::\(text: account):policy\(policy.path)\(policy.name)", range: written.range)
        }
        if let (path, name) = awsMatch {
            return PolicyReference(kind: .awsManaged(path: path, name: name),
                                   arn: Text("arn:\(partition):iam::aws:policy\(path)\(name)"), range: written.range)
        }
        // A spec policy that failed to resolve was reported already.
        if files.contains(where: { $0.policies.contains { $0.name.value.lowercased() == value.lowercased() } }) { return nil }
        let candidates = [Nearest.Index(customerPolicies.values.map(\.name)), AWSManagedPolicyIndex.nearest]
        error(.unknownPolicy, "'\(value)' is not a policy in this spec nor an AWS managed policy", at: written.range,
              fixIt: Nearest.Index.closest(to: value, in: candidates).map { "did you mean '\($0)'?" }
                ?? "write the policy's full ARN if it is a customer managed policy made outside this spec")
        return nil
    }

    /// An `arn:…:iam::aws:policy/…` must name an AWS managed policy: IAM refuses to attach
    /// any other, after the role is made. A known name under the wrong path, or a near miss
    /// of a name, is an error with the right ARN; a name unlike any other only a warning,
    /// since AWS adds policies after the shipped list was made.
    mutating func checkAWSManagedARN(_ arn: String, at range: SourceRange) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "iam", parts[3].isEmpty, parts[4] == "aws", parts[5].hasPrefix("policy/") else { return }
        let pathAndName = parts[5].dropFirst("policy".count)
        let slash = pathAndName.lastIndex(of: "/")!
        let path = String(pathAndName[...slash]), name = String(pathAndName[pathAndName.index(after: slash)...])
        let head = "arn:\(parts[1]):iam::aws:policy"
        if let match = AWSManagedPolicyIndex.lookup(name) {
            guard match.path != path else { return }
            error(.unknownPolicy, "AWS managed policy \(name) is not at path \(path) but at \(match.path)", at: range,
                  fixIt: "write \(head)\(match.path)\(name)")
        } else if let close = AWSManagedPolicyIndex.nearest.closest(to: name), let match = AWSManagedPolicyIndex.lookup(close) {
            error(.unknownPolicy, "'\(name)' is not an AWS managed policy", at: range,
                  fixIt: "did you mean \(head)\(match.path)\(close)?")
        } else {
            diagnostics.append(.warning(.unknownPolicy, "'\(name)' is not in the list of AWS managed policies rolegen ships (\(AWSManagedPolicy.source)); IAM refuses to attach a policy that does not exist",
                                        at: range, fixIt: "check the name in the IAM console or with aws iam get-policy; AWS adds managed policies often"))
        }
    }

    mutating func checkSize(_ document: ModelDocument, quota: Int, raisedQuota: Int? = nil, what: String, at range: SourceRange) {
        let size = PolicyQuota.size(of: document)
        if size > (raisedQuota ?? quota) {
            error(.policySizeLimit, "\(what) is \(size) characters; IAM allows \(raisedQuota ?? quota) (whitespace not counted)", at: range)
        } else if size > quota {
            diagnostics.append(.warning(.policySizeLimit, "\(what) is \(size) characters; IAM allows \(quota) unless the account's quota is raised (up to \(raisedQuota!))",
                                        at: range))
        }
    }

    // MARK: Tags and limits

    /// Defaults' tags overridden by the part's own (a tag of the same key replaces the
    /// default's value), checked against the tag limits of the service that tags the part.
    /// Keys that differ only in case are refused: IAM keeps one tag per key whatever its
    /// case, and conditions on tags (`aws:ResourceTag/…`) match keys whatever their case.
    mutating func mergedTags(_ defaults: [TagSpec], _ own: [TagSpec], what: String, limits: TagLimits, at range: SourceRange) -> [Tag] {
        var byKey: [String: (value: Text, range: SourceRange)] = [:]
        // Each key in lower case → the key as first written, where, and whether in defaults.
        var firstSpelling: [String: (key: String, range: SourceRange, isDefault: Bool)] = [:]
        for (index, tag) in (defaults + own).enumerated() {
            guard let key = literal(tag.key, "tag key", code: .tagLimit), let value = text(tag.value) else { continue }
            if key.lowercased().hasPrefix("aws:") {
                error(.tagLimit, "tag keys starting with 'aws:' are reserved for AWS", at: tag.key.range)
                continue
            }
            if let problem = limits.key.problem(with: key) {
                error(.tagLimit, "tag key '\(key)' \(problem)", at: tag.key.range, fixIt: problem.fixIt)
            }
            if let (problem, how) = limitProblem(value, limits.value) {
                error(.tagLimit, "value of tag '\(key)'\(how) \(problem)", at: tag.value.range, fixIt: problem.fixIt)
            }
            let folded = key.lowercased()
            if let first = firstSpelling[folded], first.key != key {
                error(.tagLimit, "tag key '\(key)' differs from '\(first.key)' only in case: AWS takes them for the same key", at: tag.key.range,
                      notes: [.init("'\(first.key)' is set here", at: first.range)],
                      fixIt: first.isDefault && index >= defaults.count
                          ? "write '\(first.key)' to replace the default's value, or use another key"
                          : "keep one of the two, or use another key")
                continue
            }
            if firstSpelling[folded] == nil { firstSpelling[folded] = (key, tag.key.range, index < defaults.count) }
            byKey[key] = (value, tag.value.range)
        }
        if byKey.count > limits.maxTags {
            error(.tagLimit, "\(what) has \(byKey.count) tags (with defaults); AWS allows \(limits.maxTags)", at: range)
        }
        return byKey.keys.sorted().map { Tag(key: $0, value: byKey[$0]!.value) }
    }

    mutating func checkName(_ name: String, _ limit: StringLimit, _ what: String, at range: SourceRange) {
        if let problem = limit.problem(with: name) {
            error(.nameLimit, "\(what) '\(name)' \(problem)", at: range, fixIt: problem.fixIt)
        } else if name == "." || name == ".." {
            error(.nameLimit, "\(what) '\(name)' cannot be used: rolegen writes a file or folder of that name", at: range)
        }
    }

    mutating func check(_ value: Text, _ limit: StringLimit, _ code: DiagnosticCode, _ what: String, at range: SourceRange) {
        let shown = { () -> String in
            let value = value.shown
            return value.count > 60 ? String(value.prefix(60)) + "…" : value
        }
        if let (problem, how) = limitProblem(value, limit) {
            error(code, "\(what) '\(shown())'\(how) \(problem)", at: range, fixIt: problem.fixIt)
        }
    }

    /// How `value` breaks `limit`: as known at build time (each input as one letter), or else
    /// once the inputs that have defaults take them, since apply.sh, Terraform and
    /// CloudFormation use a default unchecked. The second comes with the words that say so
    /// (" with the default of input 'team'"), the first with none.
    func limitProblem(_ value: Text, _ limit: StringLimit) -> (LimitProblem, String)? {
        if let problem = limit.problem(with: value.checkable) { return (problem, "") }
        guard value.hasInputs else { return nil }
        var defaulted: [String] = []
        let filled = value.rendered { name in
            guard let defaultValue = inputs[name]?.input.defaultValue else { return "x" }
            defaulted.append("'\(name)'")
            return defaultValue
        }
        guard !defaulted.isEmpty, let problem = limit.problem(with: filled) else { return nil }
        return (problem, " with the default of input " + defaulted.joined(separator: ", "))
    }
}

/// AWS managed policies by name: a binary search of the generated, sorted table.
enum AWSManagedPolicyIndex {
    /// The names, prepared once for "did you mean".
    static let nearest = Nearest.Index(AWSManagedPolicy.names)

    /// `(path, name)` for `Name`, `path/Name` or `/path/Name`.
    static func lookup(_ reference: String) -> (path: String, name: String)? {
        // Searched as bytes: a spec may name a million policies.
        guard let slash = reference.utf8.lastIndex(of: UInt8(ascii: "/")) else {
            return path(of: reference).map { ($0, reference) }
        }
        let name = String(reference[reference.index(after: slash)...])
        let directory = reference[...slash]
        let path = directory.hasPrefix("/") ? String(directory) : "/" + directory
        return self.path(of: name) == path ? (path, name) : nil
    }

    private static func path(of name: String) -> String? { AWSManagedPolicy.path(of: name) }
}
