/// The principal that makes a request.
public struct Principal: Sendable {
    /// The 12-digit account id.
    public var account: String
    /// The principal's ARN: `arn:aws:iam::…:user/…`, `…:role/…`, or a session
    /// `arn:aws:sts::…:assumed-role/…/…`, `…:federated-user/…`.
    public var arn: String
    /// The principal's tags, all of them; `nil` when they are not known.
    public var tags: [String: String]?

    public init(account: String, arn: String, tags: [String: String]? = nil) {
        self.account = account
        self.arn = arn
        self.tags = tags
    }
}

/// One API request to decide.
public struct Request: Sendable {
    /// `service:Action`, such as `s3:GetObject`.
    public var action: String
    /// The resource ARN, or `*` when the request names no resource (such as `s3:ListAllMyBuckets`).
    public var resource: String
    public var principal: Principal
    /// Condition keys of the request and their values; a single-valued key has one value.
    /// Keys are compared ignoring case. These win over what `principal` implies.
    public var context: [String: [String]]
    /// Whether a key missing from `context` is absent from the request. When false, a missing
    /// key is unknown, and tests on it stay in the answer as conditions.
    public var contextIsComplete: Bool

    public init(action: String, resource: String, principal: Principal,
                context: [String: [String]] = [:], contextIsComplete: Bool = false) {
        self.action = action
        self.resource = resource
        self.principal = principal
        self.context = context
        self.contextIsComplete = contextIsComplete
    }
}
