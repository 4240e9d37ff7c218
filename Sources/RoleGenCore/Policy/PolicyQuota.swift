/// IAM's size quotas for policy documents, in characters with whitespace not counted.
/// (These are account quotas, not API shapes, so botocore's model does not carry them.)
public enum PolicyQuota {
    public static let managedPolicy = 6_144
    /// All inline policies of one role together.
    public static let inlinePolicies = 10_240
    public static let trustPolicy = 2_048
    /// The trust policy quota can be raised to this through Service Quotas.
    public static let trustPolicyMaximum = 4_096
    /// AWS Organizations' limit, counting every character of the content sent.
    public static let serviceControlPolicy = 5_120

    /// The size IAM counts: the document's characters except whitespace. A model document's
    /// deploy-time inputs count as their `${name}` spelling, a rough stand-in for the eventual value.
    public static func size(of document: ModelDocument) -> Int { size(of: document.shown) }

    public static func size(of document: PolicyDocument) -> Int {
        let json = CanonicalJSON.encode(document, pretty: false)
        // Compact JSON has whitespace only inside strings, where JSON escapes all but spaces.
        return json.utf8.reduce(0) { count, byte in
            count + (byte & 0xC0 == 0x80 || byte == 0x20 ? 0 : 1)
        }
    }

    /// Characters of the compact JSON rolegen sends where every character counts
    /// (service control policies, permission set inline policies).
    public static func compactLength(of document: ModelDocument) -> Int {
        CanonicalJSON.encode(document.shown, pretty: false).unicodeScalars.count
    }
}
