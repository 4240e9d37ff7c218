/// What the evaluator knows about one condition key of a request.
enum KeyValue: Equatable {
    /// Present with these values (a single-valued key has one).
    case values([String])
    /// Known not to be in the request.
    case absent
    /// Not known: tests on it stay symbolic.
    case unknown
}

/// The request context as the evaluator reads it: the caller's keys, then what the principal
/// implies, then absent or unknown as the caller said.
struct Facts {
    private var known: [String: [String]]
    private var absent: Set<String>
    private var tagsKnown: Bool
    private var isComplete: Bool

    init(_ request: Request) {
        var known: [String: [String]] = [:]
        var absent: Set<String> = []
        let principal = request.principal
        known["aws:principalaccount"] = [principal.account]
        let kind = PrincipalKind(principal.arn)
        // A session's `aws:PrincipalArn` is its role's ARN, whose path the session ARN lacks.
        if kind == .user || kind == .role { known["aws:principalarn"] = [principal.arn] }
        // `aws:username` exists for IAM users only.
        switch kind {
        case .user: known["aws:username"] = [String(principal.arn.split(separator: "/").last ?? "")]
        case .role, .roleSession, .federatedUser: absent.insert("aws:username")
        case .other: break
        }
        for (key, value) in principal.tags ?? [:] { known["aws:principaltag/" + key.lowercased()] = [value] }
        // The caller's context wins over what the principal implies.
        for (key, values) in request.context { known[key.lowercased()] = values }
        self.known = known
        self.absent = absent
        self.tagsKnown = principal.tags != nil
        self.isComplete = request.contextIsComplete
    }

    /// The value of a key; key names compare ignoring case, as IAM does.
    func value(of key: String) -> KeyValue {
        let key = key.lowercased()
        if let values = known[key] { return .values(values) }
        if isComplete || absent.contains(key) { return .absent }
        // Given tags are all the principal's tags: a tag not among them is absent.
        if tagsKnown && key.hasPrefix("aws:principaltag/") { return .absent }
        return .unknown
    }
}

/// The kinds of principal ARN whose rules differ.
enum PrincipalKind: Equatable {
    case user, role, roleSession, federatedUser, other

    init(_ arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { self = .other; return }
        switch (parts[2], parts[5].prefix { $0 != "/" }) {
        case ("iam", "user"): self = .user
        case ("iam", "role"): self = .role
        case ("sts", "assumed-role"): self = .roleSession
        case ("sts", "federated-user"): self = .federatedUser
        default: self = .other
        }
    }
}

/// The parts of `arn:partition:sts::account:assumed-role/name/session` that name its role.
struct RoleSession {
    var account: Substring
    var name: Substring

    init?(_ arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let path = parts.count == 6 ? parts[5].split(separator: "/") : []
        guard path.count >= 2, path[0] == "assumed-role" else { return nil }
        account = parts[4]
        name = path[1]
    }
}
