/// Names the catalog lacks that are real all the same. Access Analyzer rejects a name it does
/// not know, and so does rolegen, except for these: services AWS retired, which older
/// policies (AWS's own among them) still name, and names AWS's managed policies use that are
/// newer than the catalog (listed by scripts/update-policy-names).
public enum UncataloguedNames {
    /// Prefixes of services the Service Authorization Reference no longer lists.
    public static let retiredServices: [String: String] = [
        "deepcomposer": "AWS DeepComposer",
        "deeplens": "AWS DeepLens",
        "deepracer": "AWS DeepRacer",
        "elastic-inference": "Amazon Elastic Inference",
        "iot1click": "AWS IoT 1-Click",
        "zocalo": "Amazon WorkDocs (zocalo, its first prefix)",
    ]

    /// Where the names AWS's managed policies use come from (the moto version).
    public static let policySource = AWSPolicyNamesData.source

    /// How many names AWS's managed policies use that the catalog lacks.
    public static var count: Int {
        AWSPolicyNamesData.prefixes.count + AWSPolicyNamesData.actions.count + AWSPolicyNamesData.conditionKeys.count + AWSPolicyNamesData.arnServices.count
    }

    /// Whether an AWS managed policy names the service prefix (any case).
    public static func awsPoliciesName(prefix: String) -> Bool { AWSPolicyNamesData.prefixes.contains(prefix.lowercased()) }

    /// Whether an AWS managed policy names the action, written `prefix:Name` (any case).
    public static func awsPoliciesName(action: String) -> Bool { AWSPolicyNamesData.actions.contains(action.lowercased()) }

    /// Whether an AWS managed policy names the service condition key (any case).
    public static func awsPoliciesName(conditionKey: String) -> Bool { AWSPolicyNamesData.conditionKeys.contains(conditionKey.lowercased()) }

    /// Whether an AWS managed policy names ARNs of this service.
    public static func awsPoliciesName(arnService: String) -> Bool { AWSPolicyNamesData.arnServices.contains(arnService) }
}
