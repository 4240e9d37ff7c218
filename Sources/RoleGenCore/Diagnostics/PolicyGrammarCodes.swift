/// Codes of the IAM policy grammar checks (target PolicyCheck). RG10xx document structure,
/// RG11xx actions, RG12xx resources, RG13xx conditions, RG14xx policy variables,
/// RG15xx principals and policy kinds, RG16xx size quotas, RG17xx resource control policies
/// and resource policies of a given resource type. Which IAM Access Analyzer
/// checks each one corresponds to is listed in docs/checks.md.
extension DiagnosticCode {
    /// The anchor of an Access Analyzer check on AWS's "IAM policy validation check reference" page.
    static func accessAnalyzer(_ anchor: String) -> String {
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-" + anchor
    }

    private static func grammar(_ id: String, _ title: String, _ help: String, aa anchor: String? = nil) -> DiagnosticCode {
        DiagnosticCode(id, title, help: help, helpURI: anchor.map(accessAnalyzer))
    }

    // Document structure.
    public static let invalidPolicyVersion = grammar("RG1001", "policy Version is not a policy language version",
        "Version must be \"2012-10-17\" (or the old \"2008-10-17\"); it names the policy language, not a date of yours.", aa: "error-invalid-version")
    public static let oldPolicyVersion = grammar("RG1002", "policy Version 2008-10-17",
        "The 2008-10-17 language has no policy variables and fewer features; write \"2012-10-17\".")
    public static let missingPolicyVersion = grammar("RG1003", "policy has no Version",
        "Without Version IAM uses 2008-10-17, where policy variables are plain text.", aa: "general-warning-missing-version")
    public static let missingStatement = grammar("RG1004", "policy has no Statement",
        "A policy needs a Statement: one statement object or a list of them.", aa: "error-missing-statement")
    public static let policyDataType = grammar("RG1005", "policy element has the wrong JSON type",
        "Each element takes a string, a list of strings or an object, as the IAM grammar says.", aa: "error-data-type-mismatch")
    public static let invalidPolicyElement = grammar("RG1006", "unknown policy element",
        "Top-level elements are Version, Id, Statement; statement elements are Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition (case matters).",
        aa: "error-invalid-policy-element")
    public static let invalidEffect = grammar("RG1007", "Effect is neither Allow nor Deny",
        "Effect is \"Allow\" or \"Deny\", spelled exactly so.", aa: "error-invalid-effect")
    public static let missingEffect = grammar("RG1008", "statement has no Effect",
        "Every statement needs Effect: \"Allow\" or \"Deny\".", aa: "error-missing-effect")
    public static let missingAction = grammar("RG1009", "statement has no Action",
        "Every statement needs Action or NotAction.", aa: "error-missing-action")
    public static let missingResource = grammar("RG1010", "statement has no Resource",
        "Every statement of an identity, resource, boundary or service control policy needs Resource or NotResource.",
        aa: "error-missing-resource")
    public static let elementCombination = grammar("RG1011", "elements that exclude each other",
        "A statement has Action or NotAction, Resource or NotResource, Principal or NotPrincipal, never both of a pair.",
        aa: "error-unsupported-element-combination")
    public static let emptyPolicyElement = grammar("RG1012", "empty element",
        "An empty Action, Resource, Principal or Condition list or object, or an empty Sid, makes the statement do nothing or something other than intended.",
        aa: "suggestion-empty-array-action")
    public static let unsupportedSid = grammar("RG1013", "Sid has characters IAM does not accept",
        "IAM accepts only ASCII letters and digits in a Sid.", aa: "error-unsupported-sid")
    public static let duplicateSid = grammar("RG1014", "Sid used twice",
        "Statement ids must be unique within a policy.", aa: "error-unique-sids-required")

    // Actions.
    public static let invalidActionFormat = grammar("RG1101", "action is not service:action",
        "Actions are written service-prefix:ActionName, such as s3:GetObject, or \"*\".", aa: "error-invalid-action")
    public static let invalidActionService = grammar("RG1102", "unknown service prefix in action",
        "The service prefix is not in the catalog and is close to one that is: probably a typo.", aa: "error-invalid-service-in-action")
    public static let unknownActionService = grammar("RG1103", "service prefix not in the catalog",
        "No source of the catalog knows this service prefix, nor one close to it, so IAM does not know it either: an error, as in Access Analyzer. A warning instead when the service is retired (deepracer, iot1click, zocalo, …) or an AWS managed policy names it: then the catalog is behind.",
        aa: "error-invalid-service-in-action")
    public static let invalidAction = grammar("RG1104", "unknown action",
        "The service has no action of this name, and one of a very similar name: probably a typo.", aa: "error-invalid-action")
    public static let unknownAction = grammar("RG1105", "action not in the catalog",
        "No source of the catalog knows this action, nor one close to it: an error, as in Access Analyzer. A warning instead when an AWS managed policy names it (the catalog is behind, or the action was retired). Check the Service Authorization Reference.",
        aa: "error-invalid-action")
    public static let actionWildcardMatchesNothing = grammar("RG1106", "action wildcard matches no action",
        "A wildcard that matches no action of the service grants or denies nothing.", aa: "error-invalid-action")
    // RG1107 (wildcard inside an SCP action) is retired: since September 2025 service control
    // policies accept wildcards anywhere in an action, as other policies do.
    public static let wildcardInServiceName = grammar("RG1108", "wildcard in a service name",
        "A wildcard in the service part of an action or ARN (*code*:Get*, arn:aws:*code*:…) matches services nobody listed, including ones AWS adds later; name the services.",
        aa: "suggestion-wildcard-in-service-name")
    public static let createServiceLinkedRoleAnywhere = grammar("RG1109", "iam:CreateServiceLinkedRole for any service",
        "iam:CreateServiceLinkedRole on Resource \"*\" or NotResource (granted by name, by a wildcard or through NotAction) lets the holder create the service-linked role of any service; name the role ARNs or add an iam:AWSServiceName condition.",
        aa: "general-warning-create-slr-with-star-in-resource")

    // Resources.
    public static let invalidARNPrefix = grammar("RG1201", "resource is not an ARN",
        "A resource is \"*\" or an ARN starting with arn:.", aa: "error-invalid-arn-prefix")
    public static let missingARNField = grammar("RG1202", "ARN has too few fields",
        "An ARN has six colon-separated fields: arn:partition:service:region:account:resource.", aa: "error-missing-arn-field")
    public static let invalidPartition = grammar("RG1203", "unknown partition in ARN",
        "Partitions are aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f and aws-eusc.", aa: "error-invalid-partition")
    public static let invalidARNServiceCase = grammar("RG1204", "ARN service name not in lower case",
        "Service names in ARNs are lower case.", aa: "error-invalid-arn-service-case")
    public static let arnRegionNotAllowed = grammar("RG1205", "ARN has a region its resource type does not take",
        "Resources of this type are not regional (S3 buckets, IAM roles): leave the region field empty.", aa: "error-arn-region-not-allowed")
    public static let missingARNRegion = grammar("RG1206", "ARN lacks a region",
        "Resources of this type are regional: give the region (or *).", aa: "error-missing-arn-region")
    public static let invalidARNRegion = grammar("RG1207", "ARN region is not a region",
        "Regions are written like us-east-1, eu-west-3, us-gov-west-1.", aa: "error-invalid-arn-region")
    public static let arnAccountNotAllowed = grammar("RG1208", "ARN has an account its resource type does not take",
        "Resources of this type have no account field (S3 buckets and objects): leave it empty.", aa: "error-arn-account-not-allowed")
    public static let missingARNAccount = grammar("RG1209", "ARN lacks an account",
        "Resources of this type belong to an account: give the 12-digit id (or *).", aa: "error-missing-arn-account")
    public static let invalidARNAccount = grammar("RG1210", "ARN account is not a 12-digit id",
        "The account field of an ARN is a 12-digit account id.", aa: "error-invalid-arn-account")
    public static let invalidARNResource = grammar("RG1211", "ARN matches no resource type of its service",
        "The resource part of the ARN fits none of the catalog's resource types of the service: a typo, a type newer than the catalog, or a legacy form IAM still accepts.",
        aa: "error-invalid-arn-resource")
    public static let unknownARNService = grammar("RG1212", "ARN service not in the catalog",
        "No resource type of the catalog has ARNs of this service: an error, as in Access Analyzer. A warning instead when the service is retired (deepracer, iot1click, zocalo, …) or an AWS managed policy names it: then the catalog is behind.", aa: "error-invalid-service")
    public static let actionResourceMismatch = grammar("RG1213", "action cannot act on any resource of the statement",
        "Every resource of the statement is of a type the action does not act on (s3:ListBucket on an object ARN), so the statement grants or denies nothing for that action.")
    public static let unknownARNRegion = grammar("RG1214", "ARN region unknown",
        "The region is well formed but not among the regions of botocore's partition data shipped with rolegen (`rolegen catalog`): a typo, or a region newer than the data.",
        aa: "error-invalid-arn-region")
    public static let arnRegionOfOtherPartition = grammar("RG1215", "ARN region of another partition",
        "Each region belongs to one partition (us-east-1 to aws, cn-north-1 to aws-cn, us-gov-west-1 to aws-us-gov): an ARN with the region of another partition names nothing.",
        aa: "error-invalid-arn-region")

    // Conditions.
    public static let invalidConditionOperator = grammar("RG1301", "unknown condition operator",
        "Operators are StringEquals, ArnLike, NumericLessThan, Bool, IpAddress, Null and the rest, optionally ...IfExists and ForAllValues:/ForAnyValue:.",
        aa: "error-invalid-condition-operator")
    public static let invalidConditionKeyFormat = grammar("RG1302", "condition key is not prefix:name",
        "Condition keys are written service-prefix:KeyName, such as aws:SourceIp.", aa: "error-invalid-condition-key-format")
    public static let invalidGlobalConditionKey = grammar("RG1303", "unknown global condition key",
        "The aws: key does not exist.", aa: "error-invalid-global-condition-key")
    public static let unsupportedGlobalConditionKey = grammar("RG1304", "unsupported global condition key",
        "aws:ARN is not available in the request context; use aws:PrincipalArn or aws:SourceArn.", aa: "error-unsupported-global-condition-key")
    public static let invalidServiceConditionKey = grammar("RG1305", "unknown service condition key",
        "The service has no condition key of this name, and one of a very similar name: probably a typo.", aa: "error-invalid-service-condition-key")
    public static let unknownServiceConditionKey = grammar("RG1306", "condition key not in the catalog",
        "No source of the catalog knows this condition key, nor one close to it: an error, as in Access Analyzer. A warning instead when the service is retired (deepracer, iot1click, zocalo, …) or an AWS managed policy names it: then the catalog is behind.", aa: "error-invalid-service-condition-key")
    public static let invalidConditionKeyService = grammar("RG1307", "unknown service prefix in condition key",
        "The condition key's prefix is no service of the catalog.", aa: "error-invalid-service")
    public static let duplicateConditionKeys = grammar("RG1308", "condition key repeated with different case",
        "Condition keys ignore case, so the two entries collide.", aa: "error-duplicate-keys-with-different-case")
    public static let missingTagKey = grammar("RG1309", "tag condition key without a tag key",
        "Tag keys are written aws:ResourceTag/TAG-KEY (likewise RequestTag and PrincipalTag).", aa: "error-missing-tag-key-in-condition")
    public static let invalidIPRange = grammar("RG1310", "IP condition value is not an address or CIDR range",
        "IpAddress and NotIpAddress take IPv4 or IPv6 addresses or CIDR ranges.", aa: "error-type-mismatch-ip-range")
    public static let conditionValueType = grammar("RG1311", "condition value does not fit the operator",
        "Bool takes true or false, Numeric operators numbers, Date operators ISO 8601 dates or epoch seconds, Binary base64.",
        aa: "general-warning-type-mismatch-boolean")
    public static let operatorKeyTypeMismatch = grammar("RG1312", "operator does not fit the condition key's type",
        "Use the operator family of the key's type: String, Numeric, Date, Bool, IpAddress, Arn.", aa: "general-warning-type-mismatch")
    public static let multipleBooleans = grammar("RG1313", "Boolean condition with several values",
        "A Boolean key has one value, true or false.", aa: "error-invalid-condition-multiple-boolean")
    public static let missingQualifier = grammar("RG1314", "multivalued key without ForAllValues or ForAnyValue",
        "Keys whose request value is a list need a set operator: ForAnyValue: or ForAllValues:.", aa: "error-missing-qualifier")
    public static let qualifierOnSingleValuedKey = grammar("RG1315", "set operator on a single-valued key",
        "ForAllValues: on a key with one value is true when the key is absent; use the plain operator.",
        aa: "security-warning-forallvalues-with-single-valued-key")
    public static let nullWithIfExists = grammar("RG1316", "Null operator with IfExists",
        "Null already tests whether the key exists; NullIfExists is not an operator.", aa: "error-null-with-if-exists")
    public static let nullWithQualifier = grammar("RG1317", "Null operator with ForAllValues or ForAnyValue",
        "A set operator on Null is always true or always false.", aa: "suggestion-null-with-qualifier")
    public static let wildcardWithoutLike = grammar("RG1318", "wildcard in a value of a non-Like operator",
        "Only ...Like operators treat * and ? as wildcards; others compare them literally.", aa: "general-warning-wildcard-without-like-operator")
    public static let invalidVPCValue = grammar("RG1319", "VPC or VPC endpoint id malformed",
        "aws:SourceVpc takes vpc- and aws:SourceVpce takes vpce- followed by 8 or 17 letters and digits.", aa: "error-invalid-vpc-format")
    public static let privateIPAddress = grammar("RG1320", "aws:SourceIp with private addresses only",
        "aws:SourceIp never holds a private address (use aws:VpcSourceIp), so the condition never or always matches.",
        aa: "error-private-ip-address")
    public static let invalidRegionValue = grammar("RG1321", "condition value is not a region",
        "aws:RequestedRegion takes region names such as us-east-1.", aa: "error-invalid-region")
    public static let mixedConditionTypes = grammar("RG1322", "condition values of mixed JSON types",
        "The values of one condition key are all strings, all numbers or all booleans.", aa: "error-invalid-condition-data-type")
    public static let audienceWithForAnyValue = grammar("RG1323", "ForAnyValue on the audience claim",
        "An OIDC token's aud claim names the client it was issued for; with ForAnyValue a token issued for several clients matches if any one of them is yours. Use the plain operator.",
        aa: "security-warning-foranyvalue-with-audience-claim-type")
    public static let stringLikeOnARNKey = grammar("RG1324", "StringLike on an ARN condition key",
        "StringLike lets a * span the colons of an ARN, so arn:aws:iam::*:role/app also matches ARNs with more fields than meant; ArnLike matches field by field.",
        aa: "security-warning-string-like-operator-with-arn-condition-keys")
    public static let missingPairedConditionKey = grammar("RG1325", "condition key without the key it must be paired with",
        "Private IP addresses repeat across VPCs: aws:VpcSourceIp needs aws:SourceVpc or aws:SourceVpce beside it, aws:Ec2InstanceSourcePrivateIPv4 needs aws:Ec2InstanceSourceVpc.",
        aa: "security-warning-missing-paired-condition-keys")
    public static let untrustworthyConditionKey = grammar("RG1326", "condition key the caller controls",
        "aws:UserAgent and aws:Referer are set by the caller's HTTP client; anyone can send the value the policy expects, so they do not control access.",
        aa: "security-warning-untrustworthy-condition-key")
    public static let s3PrefixInNegativeContext = grammar("RG1327", "s3:prefix in a Deny or negated condition",
        "A Deny (or an Allow with StringNotLike) on s3:prefix is bypassed by listing with a shorter prefix: listing 'sec' returns the keys under 'secret/'. Allow the prefixes that may be listed instead.",
        aa: "security-warning-s3-prefix-in-negative-context")
    public static let dynamoDBAttributesWithoutSelect = grammar("RG1328", "dynamodb:Attributes without dynamodb:Select",
        "Restricting dynamodb:Attributes leaves requests that name no attributes (whole items, ALL_ATTRIBUTES) allowed unless dynamodb:Select is SPECIFIC_ATTRIBUTES too.",
        aa: "security-warning-dynamodb-attributes-without-select")
    public static let ipRangeHostBits = grammar("RG1329", "CIDR range with host bits set",
        "10.0.0.5/24 means 10.0.0.0/24: the bits after the prefix length are ignored, so the range is wider or other than it reads.",
        aa: "suggestion-improve-ip-range")
    public static let privateIPAddressSubset = grammar("RG1330", "private address among the aws:SourceIp values",
        "aws:SourceIp never holds a private address (requests through a VPC endpoint carry aws:VpcSourceIp), so private values in the list match nothing.",
        aa: "suggestion-private-ip-address-subset")
    public static let unknownRegionValue = grammar("RG1331", "condition value names an unknown region",
        "aws:RequestedRegion (and service keys named …Region, such as ec2:Region and kms:ReplicaRegion) take region names; this one is well formed but not among the regions of botocore's partition data (`rolegen catalog`).",
        aa: "error-invalid-region")
    public static let conditionKeyUnsupportedByActions = grammar("RG1332", "condition key no action of the statement supports",
        "A service condition key or aws:ResourceTag/aws:RequestTag/aws:TagKeys is present only in requests for actions that support it. When none of the statement's actions does, the condition never matches (negated operators and ForAllValues: always match): an Allow grants nothing, a Deny denies nothing. Use the key with the actions that support it, or write …IfExists when its absence is meant.",
        aa: "error-unsupported-action-for-condition-key")
    public static let conditionKeyUnsupportedBySomeActions = grammar("RG1333", "condition key some actions of the statement do not support",
        "Some of the statement's actions (or, with NotAction, services without tag support) never carry the key, so for them the condition never matches, or always does with negated operators: they are not allowed, or not denied, as the rest are. Move them to a statement of their own.",
        aa: "suggestion-allow-with-unsupported-tag-condition-key-for-service")
    public static let conditionEquivalentToNull = grammar("RG1340", "condition equivalent to a Null test",
        "A Like operator with the value * matches every value the key can have: the condition only tests whether the key is present (or, negated, absent). Null says that plainly.",
        aa: "suggestion-equivalent-to-null-false")
    public static let conditionAlwaysMatches = grammar("RG1341", "condition key that always matches",
        "StringLikeIfExists (or ArnLikeIfExists) with the value * is true whether the key is present or not: the key restricts nothing and can be removed.",
        aa: "suggestion-redundant-key-due-to-wildcard-in-condition")
    public static let conditionNeverMatches = grammar("RG1342", "condition that never matches",
        "ForAnyValue: with a negated Like operator and the value * is false for every request: the statement never applies.",
        aa: "suggestion-redundant-statement-due-to-wildcard-in-condition")
    public static let redundantNumericValues = grammar("RG1343", "numeric condition values where one suffices",
        "The values of one operator are alternatives: NumericLessThan with 10 and 20 is NumericLessThan 20. Keep the one that decides.",
        aa: "suggestion-redundant-condition-value-num")
    public static let epochDateValue = grammar("RG1344", "date condition value in epoch seconds",
        "Date operators take ISO 8601 (W3C) dates; epoch seconds may not resolve as expected. Write 2026-01-31T00:00:00Z, or compare aws:EpochTime with a Numeric operator.",
        aa: "general-warning-invalid-date-value")
    public static let invalidKMSKeyValue = grammar("RG1345", "condition value is not a KMS key ARN",
        "Condition keys that name a KMS key (s3:x-amz-server-side-encryption-aws-kms-key-id, …KmsKeyId, …KmsKeyArn) are compared with the key's ARN, arn:aws:kms:REGION:ACCOUNT:key/ID; a key id or alias name never matches.",
        aa: "error-invalid-kms-key-value")
    public static let permissiveSensitiveValue = grammar("RG1346", "wildcard too early in a value that identifies principals or accounts",
        "In keys that say who or which account or organization may act (aws:PrincipalArn, aws:SourceArn, aws:PrincipalAccount, aws:PrincipalOrgID, …), a wildcard after fewer than six literal characters matches nearly anything.",
        aa: "error-wildcard-usage-too-permissive")

    // Policy variables.
    public static let malformedVariable = grammar("RG1401", "malformed policy variable",
        "Policy variables are written ${key} or ${key, 'default'}: closing brace, no spaces, not empty, default in single quotes.",
        aa: "error-missing-brace-in-variable")
    public static let variableInElement = grammar("RG1402", "policy variable where IAM does not expand it",
        "Variables are expanded only in Resource, NotResource and Condition values.", aa: "error-variable-unsupported-in-element")
    public static let variableInOldVersion = grammar("RG1403", "policy variable in a 2008-10-17 policy",
        "The 2008-10-17 language takes ${...} literally; write Version 2012-10-17.", aa: "error-variable-unsupported-in-version")
    public static let variableForOperator = grammar("RG1404", "policy variable with an operator that does not expand it",
        "Variables are expanded only with String and Arn operators.", aa: "error-invalid-variable-for-operator")

    // Principals and policy kinds.
    public static let principalNotAllowed = grammar("RG1501", "Principal in a policy kind that has none",
        "Identity policies, permissions boundaries and SCPs apply to whoever holds them: no Principal or NotPrincipal.",
        aa: "error-unsupported-principal")
    public static let missingPrincipal = grammar("RG1502", "statement has no Principal",
        "Trust and resource policy statements name who they apply to in Principal.", aa: "error-missing-principal")
    public static let invalidPrincipalKey = grammar("RG1503", "unknown principal type",
        "Principal types are AWS, Service, Federated and CanonicalUser.", aa: "error-invalid-principal-key")
    public static let invalidPrincipalFormat = grammar("RG1504", "principal value malformed",
        "AWS takes a 12-digit account id, an ARN or *; Service a service principal such as ec2.amazonaws.com; Federated a SAML or OIDC provider ARN or an identity provider domain.",
        aa: "error-invalid-principal-format")
    public static let wildcardInPrincipal = grammar("RG1505", "wildcard in a principal",
        "Principals are matched exactly: a * inside an ARN is no wildcard. Trust policies cannot trust \"*\".",
        aa: "error-unsupported-wildcard-in-principal")
    public static let notPrincipalInTrust = grammar("RG1506", "NotPrincipal in a trust policy",
        "Role trust policies name principals in Principal; NotPrincipal is not supported.",
        aa: "error-role-trust-policy-syntax-error-notprincipal")
    public static let resourceInTrust = grammar("RG1507", "Resource in a trust policy",
        "The resource of a trust policy is the role itself: no Resource or NotResource.", aa: "error-role-trust-policy-syntax-error-resource")
    public static let federatedOutsideTrust = grammar("RG1508", "Federated principal outside a trust policy",
        "SAML and OIDC providers can only be trusted by role trust policies.", aa: "error-federated-principal-not-supported")
    public static let mismatchedActionForPrincipal = grammar("RG1509", "STS action does not fit the principal",
        "SAML providers need sts:AssumeRoleWithSAML, OIDC providers sts:AssumeRoleWithWebIdentity, AWS and service principals sts:AssumeRole.",
        aa: "error-mismatched-action-for-principal")
    public static let rolesAnywhereActions = grammar("RG1510", "IAM Roles Anywhere trust lacks its actions",
        "Trusting rolesanywhere.amazonaws.com needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession.",
        aa: "error-missing-action-for-roles-anywhere-trust-policy")
    public static let principalUniqueID = grammar("RG1511", "principal given by unique id",
        "A role or user unique id (AROA…, AIDA…) stops matching when the entity is recreated; use its ARN.",
        aa: "general-warning-invalid-role-reference")
    public static let unknownServicePrincipal = grammar("RG1512", "service principal unknown",
        "The service principal (in Principal, a service trust entry, iam:PassedToService, aws:PrincipalServiceName or a service-linked role) is not among the known ones: those AWS managed policies name and botocore's signing names (`rolegen catalog`). It may be newer than the list; a principal that does not exist can never assume the role or match.")
    public static let misspeltServicePrincipal = grammar("RG1513", "service principal misspelt",
        "The service principal is not known and within a few edits of a known one (lamda.amazonaws.com for lambda.amazonaws.com): no such service exists, so a role trusting it can never be assumed and a condition on it never matches.")

    public static let allowWithNotPrincipal = grammar("RG1514", "Allow with NotPrincipal",
        "An Allow statement with NotPrincipal grants everyone not listed, anonymous users included; name the principals in Principal.",
        aa: "security-warning-allow-with-not-principal")
    public static let servicePrincipalWithoutSource = grammar("RG1515", "service principal allowed without a source condition",
        "A resource policy that allows an AWS service principal should say for whose resources the service acts (aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths); otherwise any account's use of the service can reach this resource (confused deputy).",
        aa: "security-warning-restrict-access-to-service-principal")
    public static let conditionKeyForServicePrincipal = grammar("RG1516", "condition key a service principal never sends",
        "AWS service principals belong to no organization: aws:PrincipalOrgID and aws:PrincipalOrgPaths are absent from their requests, so a statement whose only principals are services and that requires one never matches. Use aws:SourceOrgID or aws:SourceOrgPaths.",
        aa: "error-unsupported-condition-key-for-service-principal")
    public static let redundantPrincipal = grammar("RG1517", "principal listed twice",
        "The principal is already named in this statement: the same value twice, an account id and its :root ARN, or a role's session next to the role.",
        aa: "suggestion-redundant-principal-in-role-trust-policy")

    // Size quotas.
    public static let policySizeQuota = grammar("RG1601", "policy exceeds its size quota",
        "IAM counts characters without whitespace: managed policies and boundaries 6,144, inline policies of a role 10,240 together, trust policies 2,048 (4,096 after a quota increase).",
        aa: "general-warning-policy-size-exceeds-identity-policy-quota")
    public static let scpSizeQuota = grammar("RG1602", "SCP exceeds 5,120 characters",
        "A service control policy holds at most 5,120 characters (whitespace not counted).",
        aa: "error-policy-size-exceeds-scp-quota")
    public static let rcpSizeQuota = grammar("RG1603", "RCP exceeds 5,120 characters",
        "A resource control policy holds at most 5,120 characters; every character counts, whitespace too.",
        aa: "error-policy-size-exceeds-rcp-quota")

    // Resource control policies and resource types.
    public static let rcpPrincipal = grammar("RG1701", "RCP principal other than \"*\"",
        "A resource control policy applies to every principal: Principal is \"*\", and NotPrincipal is not supported; use conditions such as aws:PrincipalOrgID to exempt principals.",
        aa: "error-rcp-syntax-error-principal")
    public static let rcpAllow = grammar("RG1702", "RCP Allow other than the full-access statement",
        "Only RCPFullAWSAccess allows in a resource control policy: Effect Allow needs Principal, Action and Resource \"*\" and no Condition. Restrict with Deny statements.",
        aa: "error-rcp-syntax-error-allow")
    public static let rcpNotAction = grammar("RG1703", "NotAction in an RCP",
        "Resource control policies do not support NotAction; list the actions to deny.",
        aa: "error-rcp-syntax-error-notaction")
    public static let rcpActionService = grammar("RG1704", "RCP action of a service RCPs do not support",
        "Resource control policies apply to a few services only (see docs/checks.md, from the AWS Organizations User Guide); an action of another service is refused.",
        aa: "error-rcp-syntax-error-action")
    public static let rcpMissingPrincipalTypeCondition = grammar("RG1705", "RCP principal or source key without aws:PrincipalIsAWSService",
        "A Deny on principal keys (aws:PrincipalOrgID, …) also denies AWS services, which send none: pair it with BoolIfExists aws:PrincipalIsAWSService false. A Deny on source keys (aws:SourceOrgID, …) is meant for services: pair it with Bool aws:PrincipalIsAWSService true.",
        aa: "general-warning-rcp-missing-related-principal-condition-key")
    public static let rcpMissingSourceNullCheck = grammar("RG1706", "RCP source key without a Null check",
        "Services send aws:SourceAccount and aws:SourceArn only when they act for a resource; a Deny on source keys should hold only then: add Null {\"aws:SourceAccount\": \"false\"}.",
        aa: "general-warning-rcp-missing-service-condition-key-null-check")
    public static let unsupportedActionForResourceType = grammar("RG1711", "action of another service in a resource policy",
        "A resource policy names actions of its resource's service only (no kms: actions in a bucket policy); `--resource-type` says which resource the policy is for.",
        aa: "error-unsupported-action-in-policy")
    public static let unsupportedResourceForResourceType = grammar("RG1712", "resource of another type in a resource policy",
        "A resource policy names its own resource (or \"*\"): a bucket policy names the bucket and its objects, a queue policy the queue; `--resource-type` says which resource the policy is for.",
        aa: "error-unsupported-resource-arn-in-policy")

    static let policyGrammar: [DiagnosticCode] = [
        .invalidPolicyVersion, .oldPolicyVersion, .missingPolicyVersion, .missingStatement, .policyDataType,
        .invalidPolicyElement, .invalidEffect, .missingEffect, .missingAction, .missingResource, .elementCombination,
        .emptyPolicyElement, .unsupportedSid, .duplicateSid,
        .invalidActionFormat, .invalidActionService, .unknownActionService, .invalidAction, .unknownAction,
        .actionWildcardMatchesNothing, .wildcardInServiceName, .createServiceLinkedRoleAnywhere,
        .invalidARNPrefix, .missingARNField, .invalidPartition, .invalidARNServiceCase, .arnRegionNotAllowed,
        .missingARNRegion, .invalidARNRegion, .arnAccountNotAllowed, .missingARNAccount, .invalidARNAccount,
        .invalidARNResource, .unknownARNService, .actionResourceMismatch, .unknownARNRegion, .arnRegionOfOtherPartition,
        .invalidConditionOperator, .invalidConditionKeyFormat, .invalidGlobalConditionKey, .unsupportedGlobalConditionKey,
        .invalidServiceConditionKey, .unknownServiceConditionKey, .invalidConditionKeyService, .duplicateConditionKeys,
        .missingTagKey, .invalidIPRange, .conditionValueType, .operatorKeyTypeMismatch, .multipleBooleans,
        .missingQualifier, .qualifierOnSingleValuedKey, .nullWithIfExists, .nullWithQualifier, .wildcardWithoutLike,
        .invalidVPCValue, .privateIPAddress, .invalidRegionValue, .mixedConditionTypes, .audienceWithForAnyValue,
        .stringLikeOnARNKey, .missingPairedConditionKey, .untrustworthyConditionKey, .s3PrefixInNegativeContext,
        .dynamoDBAttributesWithoutSelect, .ipRangeHostBits, .privateIPAddressSubset, .unknownRegionValue,
        .conditionKeyUnsupportedByActions, .conditionKeyUnsupportedBySomeActions,
        .conditionEquivalentToNull, .conditionAlwaysMatches, .conditionNeverMatches, .redundantNumericValues, .epochDateValue,
        .invalidKMSKeyValue, .permissiveSensitiveValue,
        .malformedVariable, .variableInElement, .variableInOldVersion, .variableForOperator,
        .principalNotAllowed, .missingPrincipal, .invalidPrincipalKey, .invalidPrincipalFormat, .wildcardInPrincipal,
        .notPrincipalInTrust, .resourceInTrust, .federatedOutsideTrust, .mismatchedActionForPrincipal,
        .rolesAnywhereActions, .principalUniqueID, .unknownServicePrincipal, .misspeltServicePrincipal,
        .allowWithNotPrincipal, .servicePrincipalWithoutSource, .conditionKeyForServicePrincipal, .redundantPrincipal,
        .policySizeQuota, .scpSizeQuota, .rcpSizeQuota,
        .rcpPrincipal, .rcpAllow, .rcpNotAction, .rcpActionService, .rcpMissingPrincipalTypeCondition, .rcpMissingSourceNullCheck,
        .unsupportedActionForResourceType, .unsupportedResourceForResourceType,
    ]
}
