import PolicyEval
import RoleGenCore
import XCTest

/// AWS's documented examples as a table: the pages are the oracle (no emulator simulates IAM).
/// Each group names the page it comes from; policies are the page's, trimmed to what matters.
final class DocumentedCaseTests: XCTestCase {
    func testEvaluationLogicExample() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policies_evaluation_example
        // (Carlos, his identity policy with DenyS3Logs, and the bucket policy naming him).
        let carlos = Principal(account: "123456789012", arn: "arn:aws:iam::123456789012:user/carlossalazar")
        let identity = PolicyJSON.policy("inline policy 'carlos'", """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "AllowS3ListRead", "Effect": "Allow",
           "Action": ["s3:GetBucketLocation", "s3:GetAccountPublicAccessBlock", "s3:ListAccessPoints", "s3:ListAllMyBuckets"],
           "Resource": "arn:aws:s3:::*"},
          {"Sid": "AllowS3Self", "Effect": "Allow", "Action": "s3:*",
           "Resource": ["arn:aws:s3:::carlossalazar/*", "arn:aws:s3:::carlossalazar"]},
          {"Sid": "DenyS3Logs", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::*log*"}]}
        """)
        let bucketPolicy = PolicyJSON.policy("bucket policy 'carlossalazar'", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/carlossalazar"}, "Action": "s3:*",
           "Resource": ["arn:aws:s3:::carlossalazar/*", "arn:aws:s3:::carlossalazar"]}]}
        """)
        let onlyBucketPolicy = PolicyJSON.policy("inline policy 'carlos-read'", """
        {"Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}
        """)
        let cases = [
            DocumentedCase(
                name: "an explicit Deny in the identity policy wins over Allows",
                policies: PolicySet(identityPolicies: [identity]),
                request: Request(action: "s3:PutObject", resource: "arn:aws:s3:::carlossalazar-logs/today.log", principal: carlos),
                expected: .denied(origin: "inline policy 'carlos'", index: 2)),
            DocumentedCase(
                name: "identity and bucket policy both allow",
                policies: PolicySet(identityPolicies: [identity], resourcePolicy: bucketPolicy),
                request: Request(action: "s3:PutObject", resource: "arn:aws:s3:::carlossalazar/today.txt", principal: carlos),
                expected: .allowed),
            DocumentedCase(
                name: "one allowing policy type suffices within an account: the bucket policy alone",
                policies: PolicySet(identityPolicies: [onlyBucketPolicy], resourcePolicy: bucketPolicy),
                request: Request(action: "s3:PutObject", resource: "arn:aws:s3:::carlossalazar/today.txt", principal: carlos),
                expected: .allowed),
            DocumentedCase(
                name: "no Allow anywhere",
                policies: PolicySet(identityPolicies: [onlyBucketPolicy]),
                request: Request(action: "s3:PutObject", resource: "arn:aws:s3:::carlossalazar/today.txt", principal: carlos),
                expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(
                name: "action names compare ignoring case",
                policies: PolicySet(identityPolicies: [identity]),
                request: Request(action: "S3:putobject", resource: "arn:aws:s3:::carlossalazar/today.txt", principal: carlos),
                expected: .allowed),
            DocumentedCase(
                name: "ARNs compare case-sensitively",
                policies: PolicySet(identityPolicies: [identity]),
                request: Request(action: "s3:PutObject", resource: "arn:aws:s3:::CarlosSalazar/today.txt", principal: carlos),
                expected: .implicitlyDenied(.noAllow)),
        ]
        cases.forEach { $0.check() }
        let allowed = PolicySet(identityPolicies: [identity], resourcePolicy: bucketPolicy)
            .evaluate(Request(action: "s3:PutObject", resource: "arn:aws:s3:::carlossalazar/today.txt", principal: carlos))
        guard case .allowed(let grants) = allowed else { return XCTFail("\(allowed)") }
        XCTAssertEqual(grants.map { "\($0.origin) #\($0.index) \($0.sid ?? "-")" },
                       ["inline policy 'carlos' #1 AllowS3Self", "bucket policy 'carlossalazar' #0 -"])
    }

    func testPermissionsBoundaries() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html:
        // Shirley's boundary (S3, CloudWatch, EC2) and a permissions policy allowing iam:CreateUser;
        // then resource-based policies within the account.
        let boundary = PolicyJSON.policy("boundary policy 'shirley'", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "cloudwatch:*", "ec2:*"], "Resource": "*"}]}
        """)
        let createUser = PolicyJSON.policy("inline policy 'create-user'", """
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"}}
        """)
        let s3 = PolicyJSON.policy("inline policy 's3'", """
        {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}
        """)
        let onlyCallerIdentity = PolicyJSON.policy("boundary policy 'caller-identity'", """
        {"Statement": [{"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}]}
        """)
        func bucketPolicy(naming principal: String) -> NamedPolicy {
            PolicyJSON.policy("bucket policy 'shared'", """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "\(principal)"}, "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::shared/*"}]}
            """)
        }
        let getObject = { (principal: Principal) in
            Request(action: "s3:GetObject", resource: "arn:aws:s3:::shared/report.csv", principal: principal)
        }
        let shirley = Principal.user("ShirleyRodriguez")
        let cases = [
            DocumentedCase(
                name: "the boundary does not allow iam:CreateUser although the permissions policy does",
                policies: PolicySet(identityPolicies: [createUser], permissionsBoundary: boundary),
                request: Request(action: "iam:CreateUser", resource: "arn:aws:iam::111122223333:user/new", principal: shirley),
                expected: .implicitlyDenied(.notAllowedByPermissionsBoundary)),
            DocumentedCase(
                name: "the intersection of boundary and permissions policy is allowed",
                policies: PolicySet(identityPolicies: [createUser, s3], permissionsBoundary: boundary),
                request: getObject(shirley),
                expected: .allowed),
            DocumentedCase(
                name: "a boundary grants nothing by itself",
                policies: PolicySet(identityPolicies: [], permissionsBoundary: boundary),
                request: getObject(shirley),
                expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(
                name: "a resource policy naming the IAM user is not limited by the boundary",
                policies: PolicySet(identityPolicies: [], permissionsBoundary: onlyCallerIdentity,
                                    resourcePolicy: bucketPolicy(naming: shirley.arn)),
                request: getObject(shirley),
                expected: .allowed),
            DocumentedCase(
                name: "a resource policy naming the role ARN is limited by the boundary",
                policies: PolicySet(identityPolicies: [], permissionsBoundary: onlyCallerIdentity,
                                    resourcePolicy: bucketPolicy(naming: "arn:aws:iam::111122223333:role/path/app")),
                request: getObject(.session("app", "worker")),
                expected: .implicitlyDenied(.notAllowedByPermissionsBoundary)),
            DocumentedCase(
                name: "a resource policy naming the role ARN suffices without a boundary",
                policies: PolicySet(identityPolicies: [], resourcePolicy: bucketPolicy(naming: "arn:aws:iam::111122223333:role/path/app")),
                request: getObject(.session("app", "worker")),
                expected: .allowed),
            DocumentedCase(
                name: "a resource policy naming the role session ARN grants to the session directly",
                policies: PolicySet(identityPolicies: [], permissionsBoundary: onlyCallerIdentity,
                                    resourcePolicy: bucketPolicy(naming: "arn:aws:sts::111122223333:assumed-role/app/worker")),
                request: getObject(.session("app", "worker")),
                expected: .allowed),
            DocumentedCase(
                name: "a resource policy naming the account delegates to identity policies",
                policies: PolicySet(identityPolicies: [], resourcePolicy: bucketPolicy(naming: "arn:aws:iam::111122223333:root")),
                request: getObject(shirley),
                expected: .implicitlyDenied(.noAllow)),
        ]
        cases.forEach { $0.check() }
    }

    func testNotPrincipalDenyWithBoundary() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html (Important):
        // a Deny with NotPrincipal always denies a principal that has a permissions boundary, whatever
        // NotPrincipal lists.
        let shirley = Principal.user("ShirleyRodriguez")
        let bucketPolicy = PolicyJSON.policy("bucket policy 'shared'", """
        {"Statement": [
          {"Effect": "Allow", "Principal": {"AWS": "\(shirley.arn)"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"},
          {"Effect": "Deny", "NotPrincipal": {"AWS": "\(shirley.arn)"}, "Action": "s3:*", "Resource": "arn:aws:s3:::shared/*"}]}
        """)
        let boundary = PolicyJSON.policy("boundary policy 'all'", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        let request = Request(action: "s3:GetObject", resource: "arn:aws:s3:::shared/a", principal: shirley)
        DocumentedCase(name: "NotPrincipal lists the user: no boundary, not denied",
                       policies: PolicySet(identityPolicies: [], resourcePolicy: bucketPolicy),
                       request: request, expected: .allowed).check()
        DocumentedCase(name: "NotPrincipal lists the user, who has a boundary: denied",
                       policies: PolicySet(identityPolicies: [], permissionsBoundary: boundary, resourcePolicy: bucketPolicy),
                       request: request, expected: .denied(origin: "bucket policy 'shared'", index: 1)).check()
    }

    func testServiceControlPolicies() {
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html:
        // an Allow is needed at every level from the root to the account; a Deny at any level wins.
        // The Region example is from
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html
        let fullAccess = PolicyJSON.policy("SCP 'FullAWSAccess'", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        let onlyS3 = PolicyJSON.policy("SCP 'AllowS3'", #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#)
        let denyDynamo = PolicyJSON.policy("SCP 'DenyDynamoDB'", #"{"Statement": {"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*"}}"#)
        let regions = PolicyJSON.policy("SCP 'DenyAllOutsideEU'", """
        {"Version": "2012-10-17", "Statement": [{"Sid": "DenyAllOutsideEU", "Effect": "Deny",
          "NotAction": ["cloudfront:*", "iam:*", "route53:*", "support:*"], "Resource": "*",
          "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]}}}]}
        """)
        let admin = PolicyJSON.policy("AWS managed policy 'AdministratorAccess'", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        let ec2 = { (context: [String: [String]]) in
            Request(action: "ec2:RunInstances", resource: "arn:aws:ec2:eu-west-1:111122223333:instance/*",
                    principal: .role("admin"), context: context, contextIsComplete: true)
        }
        let cases = [
            DocumentedCase(
                name: "the OU level allows only S3",
                policies: PolicySet(identityPolicies: [admin], serviceControlPolicies: [[fullAccess], [onlyS3], [fullAccess]]),
                request: ec2(["aws:RequestedRegion": ["eu-west-1"]]), expected: .implicitlyDenied(.notAllowedByServiceControlPolicies(level: 1))),
            DocumentedCase(
                name: "every level allows",
                policies: PolicySet(identityPolicies: [admin], serviceControlPolicies: [[fullAccess], [fullAccess, onlyS3], [fullAccess]]),
                request: ec2(["aws:RequestedRegion": ["eu-west-1"]]), expected: .allowed),
            DocumentedCase(
                name: "a Deny at one level wins",
                policies: PolicySet(identityPolicies: [admin], serviceControlPolicies: [[fullAccess], [fullAccess, denyDynamo]]),
                request: Request(action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/t", principal: .role("admin")),
                expected: .denied(origin: "SCP 'DenyDynamoDB'", index: 0)),
            DocumentedCase(
                name: "no SCP levels: no SCP applies (management account)",
                policies: PolicySet(identityPolicies: [admin]),
                request: ec2([:]), expected: .allowed),
            DocumentedCase(
                name: "an SCP does not grant",
                policies: PolicySet(identityPolicies: [], serviceControlPolicies: [[fullAccess]]),
                request: ec2([:]), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(
                name: "Region outside the list: the NotAction Deny applies",
                policies: PolicySet(identityPolicies: [admin], serviceControlPolicies: [[fullAccess, regions]]),
                request: ec2(["aws:RequestedRegion": ["us-east-1"]]), expected: .denied(origin: "SCP 'DenyAllOutsideEU'", index: 0)),
            DocumentedCase(
                name: "Region in the list",
                policies: PolicySet(identityPolicies: [admin], serviceControlPolicies: [[fullAccess, regions]]),
                request: ec2(["aws:RequestedRegion": ["eu-central-1"]]), expected: .allowed),
            DocumentedCase(
                name: "IAM is exempt through NotAction",
                policies: PolicySet(identityPolicies: [admin], serviceControlPolicies: [[fullAccess, regions]]),
                request: Request(action: "iam:ListRoles", resource: "*", principal: .role("admin"),
                                 context: ["aws:RequestedRegion": ["us-east-1"]], contextIsComplete: true),
                expected: .allowed),
            DocumentedCase(
                name: "StringNotEquals on an absent key holds: the Deny applies",
                policies: PolicySet(identityPolicies: [admin], serviceControlPolicies: [[fullAccess, regions]]),
                request: ec2([:]), expected: .denied(origin: "SCP 'DenyAllOutsideEU'", index: 0)),
            DocumentedCase(
                name: "an unknown Region leaves the Deny's condition open",
                policies: PolicySet(identityPolicies: [admin], serviceControlPolicies: [[fullAccess, regions]]),
                request: Request(action: "ec2:RunInstances", resource: "*", principal: .role("admin")),
                expected: .conditional(on: ["aws:RequestedRegion"])),
        ]
        cases.forEach { $0.check() }
    }

    func testResourceControlPolicies() {
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
        // (RCPFullAWSAccess at every level; a Deny at any level wins) and the secure-transport example of
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html
        let fullAccess = PolicyJSON.policy("RCP 'RCPFullAWSAccess'", #"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}}"#)
        let secureTransport = PolicyJSON.policy("RCP 'EnforceSecureTransport'", """
        {"Statement": [{"Sid": "EnforceSecureTransport", "Effect": "Deny", "Principal": "*",
          "Action": ["sts:*", "s3:*", "sqs:*", "secretsmanager:*", "kms:*"], "Resource": "*",
          "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}]}
        """)
        let reader = PolicyJSON.policy("inline policy 'read'", #"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#)
        let get = { (context: [String: [String]]) in
            Request(action: "s3:GetObject", resource: "arn:aws:s3:::data/a", principal: .role("app"), context: context, contextIsComplete: true)
        }
        let cases = [
            DocumentedCase(name: "plain HTTP is denied by the RCP",
                           policies: PolicySet(identityPolicies: [reader], resourceControlPolicies: [[fullAccess, secureTransport], [fullAccess]]),
                           request: get(["aws:SecureTransport": ["false"]]), expected: .denied(origin: "RCP 'EnforceSecureTransport'", index: 0)),
            DocumentedCase(name: "HTTPS passes",
                           policies: PolicySet(identityPolicies: [reader], resourceControlPolicies: [[fullAccess, secureTransport], [fullAccess]]),
                           request: get(["aws:SecureTransport": ["true"]]), expected: .allowed),
            DocumentedCase(name: "a level without an allowing RCP",
                           policies: PolicySet(identityPolicies: [reader], resourceControlPolicies: [[fullAccess], [secureTransport]]),
                           request: get(["aws:SecureTransport": ["true"]]), expected: .implicitlyDenied(.notAllowedByResourceControlPolicies(level: 1))),
        ]
        cases.forEach { $0.check() }
    }

    func testMultiFactorAuthenticationWithNotAction() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_mfa-selfmanage.html
        // (DenyAllExceptListedIfNoMFA, trimmed) and
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html:
        // NotAction with Deny, BoolIfExists on aws:MultiFactorAuthPresent.
        let admin = PolicyJSON.policy("AWS managed policy 'AdministratorAccess'", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        let mfa = PolicyJSON.policy("inline policy 'require-mfa'", """
        {"Version": "2012-10-17", "Statement": [{"Sid": "DenyAllExceptListedIfNoMFA", "Effect": "Deny",
          "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices",
                        "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"],
          "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}
        """)
        let policies = PolicySet(identityPolicies: [admin, mfa])
        let listBuckets = { (context: [String: [String]], complete: Bool) in
            Request(action: "s3:ListAllMyBuckets", resource: "*", principal: .user("alice"), context: context, contextIsComplete: complete)
        }
        let cases = [
            DocumentedCase(name: "long-term keys: the key is absent, BoolIfExists holds, denied",
                           policies: policies, request: listBuckets([:], true), expected: .denied(origin: "inline policy 'require-mfa'", index: 0)),
            DocumentedCase(name: "signed in without MFA", policies: policies,
                           request: listBuckets(["aws:MultiFactorAuthPresent": ["false"]], true), expected: .denied(origin: "inline policy 'require-mfa'", index: 0)),
            DocumentedCase(name: "signed in with MFA (Bool compares ignoring case)", policies: policies,
                           request: listBuckets(["aws:MultiFactorAuthPresent": ["TRUE"]], true), expected: .allowed),
            DocumentedCase(name: "MFA not known: allowed only if the Deny's condition fails", policies: policies,
                           request: listBuckets([:], false), expected: .conditional(on: ["aws:MultiFactorAuthPresent"])),
            DocumentedCase(name: "listed actions are exempt through NotAction", policies: policies,
                           request: Request(action: "iam:EnableMFADevice", resource: "arn:aws:iam::111122223333:mfa/alice",
                                            principal: .user("alice"), contextIsComplete: true), expected: .allowed),
        ]
        cases.forEach { $0.check() }
        guard case .allowedIf(let formula) = policies.evaluate(listBuckets([:], false)), case .not(.clause(let clause)) = formula else {
            return XCTFail("expected NOT of the Deny's condition")
        }
        XCTAssertEqual(clause.statement.sid, "DenyAllExceptListedIfNoMFA")
        XCTAssertEqual(clause.statement.origin, "inline policy 'require-mfa'")
    }

    func testNotResource() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html:
        // an Allow with NotResource on the payroll folder, and a Deny with NotResource that confines
        // access to one bucket.
        let allowButPayroll = PolicyJSON.policy("inline policy 'hr'", """
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
          "NotResource": ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]}}
        """)
        let admin = PolicyJSON.policy("AWS managed policy 'AdministratorAccess'", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        let onlyOneBucket = PolicyJSON.policy("inline policy 'one-bucket'", """
        {"Statement": {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::mybucket", "arn:aws:s3:::mybucket/*"]}}
        """)
        let put = { (resource: String) in Request(action: "s3:PutObject", resource: resource, principal: .user("hr")) }
        let cases = [
            DocumentedCase(name: "outside the payroll folder", policies: PolicySet(identityPolicies: [allowButPayroll]),
                           request: put("arn:aws:s3:::HRBucket/Benefits/plan.pdf"), expected: .allowed),
            DocumentedCase(name: "inside the payroll folder", policies: PolicySet(identityPolicies: [allowButPayroll]),
                           request: put("arn:aws:s3:::HRBucket/Payroll/2026.csv"), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "Deny NotResource: another bucket", policies: PolicySet(identityPolicies: [admin, onlyOneBucket]),
                           request: put("arn:aws:s3:::otherbucket/a"), expected: .denied(origin: "inline policy 'one-bucket'", index: 0)),
            DocumentedCase(name: "Deny NotResource: the bucket itself", policies: PolicySet(identityPolicies: [admin, onlyOneBucket]),
                           request: put("arn:aws:s3:::mybucket/a"), expected: .allowed),
        ]
        cases.forEach { $0.check() }
    }

    func testPolicyVariables() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html:
        // the per-user home folder in S3, principal tags with a default value, and variables with no
        // value matching nothing.
        let home = PolicyJSON.policy("group policy 'home'", """
        {"Version": "2012-10-17", "Statement": [
          {"Action": ["s3:ListBucket"], "Effect": "Allow", "Resource": ["arn:aws:s3:::mybucket"],
           "Condition": {"StringLike": {"s3:prefix": ["${aws:username}/*"]}}},
          {"Action": ["s3:GetObject", "s3:PutObject"], "Effect": "Allow", "Resource": ["arn:aws:s3:::mybucket/${aws:username}/*"]}]}
        """)
        let team = PolicyJSON.policy("inline policy 'team'", """
        {"Statement": {"Effect": "Allow", "Action": "s3:*",
          "Resource": "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}"}}
        """)
        let literalStar = PolicyJSON.policy("inline policy 'star'", """
        {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${*}"}}
        """)
        let get = { (resource: String, principal: Principal) in
            Request(action: "s3:GetObject", resource: resource, principal: principal)
        }
        let cases = [
            DocumentedCase(name: "David reads his folder", policies: PolicySet(identityPolicies: [home]),
                           request: get("arn:aws:s3:::mybucket/David/notes.txt", .user("David")), expected: .allowed),
            DocumentedCase(name: "David cannot read Adele's folder", policies: PolicySet(identityPolicies: [home]),
                           request: get("arn:aws:s3:::mybucket/Adele/notes.txt", .user("David")), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "user names in ARNs are case-sensitive", policies: PolicySet(identityPolicies: [home]),
                           request: get("arn:aws:s3:::mybucket/david/notes.txt", .user("David")), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "a role has no aws:username: the variable has no value and matches nothing",
                           policies: PolicySet(identityPolicies: [home]),
                           request: get("arn:aws:s3:::mybucket/app/notes.txt", .role("app")), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "a principal of unknown kind: the match stays symbolic",
                           policies: PolicySet(identityPolicies: [home]),
                           request: get("arn:aws:s3:::mybucket/x/notes.txt", Principal(account: "111122223333", arn: "arn:aws:iam::111122223333:thing/x")),
                           expected: .conditional(on: ["arn:aws:s3:::mybucket/${aws:username}/*"])),
            DocumentedCase(name: "the variable in a condition value", policies: PolicySet(identityPolicies: [home]),
                           request: Request(action: "s3:ListBucket", resource: "arn:aws:s3:::mybucket", principal: .user("David"),
                                            context: ["s3:prefix": ["David/photos/"]]), expected: .allowed),
            DocumentedCase(name: "another prefix", policies: PolicySet(identityPolicies: [home]),
                           request: Request(action: "s3:ListBucket", resource: "arn:aws:s3:::mybucket", principal: .user("David"),
                                            context: ["s3:prefix": ["Adele/"]]), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "team tag present", policies: PolicySet(identityPolicies: [team]),
                           request: get("arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow", .user("y", tags: ["team": "yellow"])), expected: .allowed),
            DocumentedCase(name: "no team tag: the default value", policies: PolicySet(identityPolicies: [team]),
                           request: get("arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", .user("n", tags: [:])), expected: .allowed),
            DocumentedCase(name: "no team tag: not another team's bucket", policies: PolicySet(identityPolicies: [team]),
                           request: get("arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow", .user("n", tags: [:])), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "${*} is a literal asterisk", policies: PolicySet(identityPolicies: [literalStar]),
                           request: get("arn:aws:s3:::b/*", .user("n")), expected: .allowed),
            DocumentedCase(name: "${*} is no wildcard", policies: PolicySet(identityPolicies: [literalStar]),
                           request: get("arn:aws:s3:::b/file", .user("n")), expected: .implicitlyDenied(.noAllow)),
        ]
        cases.forEach { $0.check() }
    }

    func testSourceIPAndDates() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html
        // (Deny unless from given ranges or through an AWS service) and
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws-dates.html
        // (DateGreaterThan and DateLessThan on aws:CurrentTime).
        let admin = PolicyJSON.policy("AWS managed policy 'AdministratorAccess'", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        let denyIP = PolicyJSON.policy("inline policy 'deny-ip'", """
        {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
          "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24", "2001:DB8:1234:5678::/64"]},
                        "Bool": {"aws:ViaAWSService": "false"}}}}
        """)
        let dates = PolicyJSON.policy("inline policy 'dates'", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*",
          "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2020-04-01T00:00:00Z"},
                        "DateLessThan": {"aws:CurrentTime": "2020-06-30T23:59:59Z"}}}]}
        """)
        let call = { (context: [String: [String]]) in
            Request(action: "ec2:DescribeInstances", resource: "*", principal: .role("ops"), context: context, contextIsComplete: true)
        }
        let scan = { (time: String) in
            Request(action: "dynamodb:Scan", resource: "arn:aws:dynamodb:us-east-1:111122223333:table/t", principal: .role("ops"),
                    context: ["aws:CurrentTime": [time]], contextIsComplete: true)
        }
        let cases = [
            DocumentedCase(name: "inside an allowed range", policies: PolicySet(identityPolicies: [admin, denyIP]),
                           request: call(["aws:SourceIp": ["192.0.2.17"], "aws:ViaAWSService": ["false"]]), expected: .allowed),
            DocumentedCase(name: "inside the IPv6 range", policies: PolicySet(identityPolicies: [admin, denyIP]),
                           request: call(["aws:SourceIp": ["2001:db8:1234:5678::99"], "aws:ViaAWSService": ["false"]]), expected: .allowed),
            DocumentedCase(name: "outside the ranges", policies: PolicySet(identityPolicies: [admin, denyIP]),
                           request: call(["aws:SourceIp": ["198.51.100.7"], "aws:ViaAWSService": ["false"]]),
                           expected: .denied(origin: "inline policy 'deny-ip'", index: 0)),
            DocumentedCase(name: "outside the ranges, through an AWS service", policies: PolicySet(identityPolicies: [admin, denyIP]),
                           request: call(["aws:SourceIp": ["198.51.100.7"], "aws:ViaAWSService": ["true"]]), expected: .allowed),
            DocumentedCase(name: "within the dates", policies: PolicySet(identityPolicies: [dates]),
                           request: scan("2020-05-15T12:00:00Z"), expected: .allowed),
            DocumentedCase(name: "within the dates, given as epoch seconds", policies: PolicySet(identityPolicies: [dates]),
                           request: scan("1589544000"), expected: .allowed),
            DocumentedCase(name: "after the end date", policies: PolicySet(identityPolicies: [dates]),
                           request: scan("2020-07-01T00:00:00Z"), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "after the end in local time, before it in UTC", policies: PolicySet(identityPolicies: [dates]),
                           request: scan("2020-07-01T00:30:00+02:00"), expected: .allowed),
        ]
        cases.forEach { $0.check() }
    }

    func testStringLikeIfExists() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists:
        // instance types by StringLikeIfExists with wildcards; the test is skipped when the key is absent.
        let instances = PolicyJSON.policy("inline policy 'instances'", """
        {"Version": "2012-10-17", "Statement": [{"Sid": "THISALLOWSEC2READACCESS", "Effect": "Allow",
          "Action": ["ec2:RunInstances", "ec2:StartInstances"], "Resource": "*",
          "Condition": {"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}}]}
        """)
        let run = { (context: [String: [String]]) in
            Request(action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/*",
                    principal: .role("ops"), context: context, contextIsComplete: true)
        }
        let cases = [
            DocumentedCase(name: "t2.micro", policies: PolicySet(identityPolicies: [instances]),
                           request: run(["ec2:InstanceType": ["t2.micro"]]), expected: .allowed),
            DocumentedCase(name: "m5.large", policies: PolicySet(identityPolicies: [instances]),
                           request: run(["ec2:InstanceType": ["m5.large"]]), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "StringLike is case-sensitive", policies: PolicySet(identityPolicies: [instances]),
                           request: run(["ec2:InstanceType": ["T2.micro"]]), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "the key is absent (another resource type)", policies: PolicySet(identityPolicies: [instances]),
                           request: run([:]), expected: .allowed),
        ]
        cases.forEach { $0.check() }
    }

    func testSetOperators() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html:
        // ForAllValues holds for a missing key or an empty set, ForAnyValue fails for them; the DynamoDB
        // attribute examples.
        let tagKeys = PolicyJSON.policy("inline policy 'tag-keys'", """
        {"Statement": {"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
          "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}}}}
        """)
        let allowDynamo = PolicyJSON.policy("inline policy 'dynamodb'", #"{"Statement": {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}}"#)
        let denyAttributes = PolicyJSON.policy("inline policy 'deny-attributes'", """
        {"Statement": {"Effect": "Deny", "Action": ["dynamodb:PutItem"], "Resource": "arn:aws:dynamodb:*:*:table/Thread",
          "Condition": {"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["ID", "PostDateTime"]}}}}
        """)
        let tag = { (keys: [String]?) in
            Request(action: "ec2:CreateTags", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1", principal: .role("ops"),
                    context: keys.map { ["aws:TagKeys": $0] } ?? [:], contextIsComplete: true)
        }
        let put = { (attributes: [String]?) in
            Request(action: "dynamodb:PutItem", resource: "arn:aws:dynamodb:us-east-1:111122223333:table/Thread", principal: .role("ops"),
                    context: attributes.map { ["dynamodb:Attributes": $0] } ?? [:], contextIsComplete: true)
        }
        let dynamo = PolicySet(identityPolicies: [allowDynamo, denyAttributes])
        let cases = [
            DocumentedCase(name: "ForAllValues: every key listed", policies: PolicySet(identityPolicies: [tagKeys]),
                           request: tag(["environment"]), expected: .allowed),
            DocumentedCase(name: "ForAllValues: one key not listed", policies: PolicySet(identityPolicies: [tagKeys]),
                           request: tag(["environment", "owner"]), expected: .implicitlyDenied(.noAllow)),
            DocumentedCase(name: "ForAllValues: missing key holds", policies: PolicySet(identityPolicies: [tagKeys]),
                           request: tag(nil), expected: .allowed),
            DocumentedCase(name: "ForAllValues: empty set holds", policies: PolicySet(identityPolicies: [tagKeys]),
                           request: tag([]), expected: .allowed),
            DocumentedCase(name: "ForAnyValue: one attribute listed, the Deny applies", policies: dynamo,
                           request: put(["PostDateTime", "Message"]), expected: .denied(origin: "inline policy 'deny-attributes'", index: 0)),
            DocumentedCase(name: "ForAnyValue: no attribute listed", policies: dynamo,
                           request: put(["UserName"]), expected: .allowed),
            DocumentedCase(name: "ForAnyValue: missing key fails", policies: dynamo, request: put(nil), expected: .allowed),
            DocumentedCase(name: "ForAnyValue: empty set fails", policies: dynamo, request: put([]), expected: .allowed),
        ]
        cases.forEach { $0.check() }
    }
}
