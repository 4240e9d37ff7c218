import PolicyEval
import RoleGenCore
import XCTest

final class ReachTests: XCTestCase {
    private let app = Principal.role("app")

    private func reach(_ policies: PolicySet, _ actions: [String], context: [String: [String]] = [:], complete: Bool = true) -> [String: String] {
        Dictionary(uniqueKeysWithValues: policies.reach(of: actions, principal: app, context: context, contextIsComplete: complete).map { item in
            let text: String
            switch item.reach {
            case .none: text = "none"
            case .everyResource(when: .always): text = "every"
            case .everyResource: text = "every if"
            case .someResources(let grants):
                text = grants.map { "\($0.pattern.value)\($0.when == .always ? "" : " if")" }.joined(separator: ", ")
            }
            return (item.action, text)
        })
    }

    func testGrantsAreScopedByResourcePatterns() {
        let policy = PolicyJSON.policy("inline policy 'app'", """
        {"Statement": [
          {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-*"},
          {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListAllMyBuckets"], "Resource": "*"},
          {"Effect": "Allow", "Action": "s3:PutObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::data/*"],
           "Condition": {"StringEquals": {"s3:x-amz-acl": "private"}}},
          {"Effect": "Allow", "Action": "sqs:*", "NotResource": "arn:aws:sqs:*:*:secret"}]}
        """)
        XCTAssertEqual(reach(PolicySet(identityPolicies: [policy]),
                             ["iam:PassRole", "s3:GetObject", "s3:ListAllMyBuckets", "s3:PutObject", "sqs:SendMessage", "ec2:RunInstances"],
                             complete: false), [
            "iam:PassRole": "arn:aws:iam::111122223333:role/app-*",
            "s3:GetObject": "every", "s3:ListAllMyBuckets": "every",
            "s3:PutObject": "arn:aws:s3:::logs/* if, arn:aws:s3:::data/* if",
            "sqs:SendMessage": "every",  // coarse: NotResource exceptions do not narrow
            "ec2:RunInstances": "none",
        ])
    }

    func testBoundariesSCPsAndDeniesNarrowTheReach() {
        let admin = PolicyJSON.policy("AWS managed policy 'AdministratorAccess'", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        let boundary = PolicyJSON.policy("boundary 'b'", """
        {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::team-*"},
                       {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}
        """)
        let scp = PolicyJSON.policy("SCP 'no-sqs-deletes'", """
        {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                       {"Effect": "Deny", "Action": "sqs:DeleteQueue", "Resource": "*"},
                       {"Effect": "Deny", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                       {"Effect": "Deny", "Action": "sqs:ReceiveMessage", "Resource": "arn:aws:sqs:*:*:secret"}]}
        """)
        let policies = PolicySet(identityPolicies: [admin], permissionsBoundary: boundary, serviceControlPolicies: [[scp]])
        XCTAssertEqual(reach(policies, ["s3:GetObject", "sqs:DeleteQueue", "sqs:ReceiveMessage", "iam:CreateRole"]), [
            "s3:GetObject": "arn:aws:s3:::team-*",
            "sqs:DeleteQueue": "none",
            "sqs:ReceiveMessage": "every",  // coarse: a Deny on some resources does not narrow
            "iam:CreateRole": "none",
        ])
        XCTAssertEqual(reach(policies, ["sqs:SendMessage"], complete: false), ["sqs:SendMessage": "every if"])
        XCTAssertEqual(reach(policies, ["sqs:SendMessage"], context: ["aws:SecureTransport": ["true"]]), ["sqs:SendMessage": "every"])
    }

    func testPolicyVariablesTheContextKnows() {
        let home = PolicyJSON.policy("inline policy 'home'", """
        {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:PrincipalTag/team}/*"}}
        """)
        let boundary = PolicyJSON.policy("boundary 'b'", #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/red/*"}}"#)
        XCTAssertEqual(reach(PolicySet(identityPolicies: [home], permissionsBoundary: boundary), ["s3:GetObject"],
                             context: ["aws:PrincipalTag/team": ["red"]]), ["s3:GetObject": "arn:aws:s3:::home/${aws:PrincipalTag/team}/*"])
        XCTAssertEqual(reach(PolicySet(identityPolicies: [home], permissionsBoundary: boundary), ["s3:GetObject"],
                             context: ["aws:PrincipalTag/team": ["blue"]]), ["s3:GetObject": "none"])
        XCTAssertEqual(reach(PolicySet(identityPolicies: [home]), ["s3:GetObject"], complete: false),
                       ["s3:GetObject": "arn:aws:s3:::home/${aws:PrincipalTag/team}/* if"])
    }
}
