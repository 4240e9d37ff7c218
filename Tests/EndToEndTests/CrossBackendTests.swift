import Foundation
import XCTest

/// Issue 7's acceptance: every backend that deploys creates the same IAM state.
///
/// For every example, each applier puts its backend's output into a freshly reset moto,
/// account by account, and `get-account-authorization-details` of each account is compared
/// with what the first applier (the plain IAM JSON files) produced. Where moto cannot model
/// something for one applier, `MotoGap` names it; only that applier's comparison leaves the
/// field out, and the applier checks it another way.
///
/// To add a backend, add its applier to `appliers` (the Terraform module will be one).
final class CrossBackendTests: XCTestCase {
    static let appliers: [any MotoApplier] = [IAMJSONApplier(), CLIScriptApplier(), CloudFormationApplier()]

    private static let fixture = MotoFixture()

    override class func setUp() {
        super.setUp()
        fixture.start()
    }

    override class func tearDown() {
        fixture.stop()
        super.tearDown()
    }

    private func moto() throws -> MotoAccounts { try Self.fixture.accounts(for: "cross-backend test") }

    func testEveryExampleCreatesTheSameIAMStateWithEveryBackend() throws {
        let moto = try moto()
        let examples = try GoldenTests.examples().map { Support.packageRoot.appendingPathComponent("Examples/" + $0) }
        for spec in examples {
            try compareAppliers(on: spec, moto: moto)
        }
    }

    /// Deploy-time inputs left open (stack parameters, ROLEGEN_VAR_* variables) give what
    /// `--var` with the same values gives, hostile values included.
    func testDeployInputsGiveWhatVarValuesGive() throws {
        let moto = try moto()
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("inputs.yaml")
        // Inputs stay out of inline policy documents here: for those, moto's CloudFormation
        // gap (cloudFormationStoresRolePoliciesAsPythonDicts) has no workaround.
        try """
        version: 1
        variables:
          external_id: {input: true, sensitive: true, description: External id agreed with the partner}
          partner_account: {input: true, default: "444455556666"}
          team: {input: true}
          note: {input: true, default: plain}
        accounts:
          prod: "111122223333"
          partner: ${partner_account}
        defaults:
          account: prod
        policies:
          - name: team-read
            description: "Read for ${team} (${note}); ${aws:username} stays literal"
            statements:
              - allow: s3:GetObject
                resources: "arn:aws:s3:::data-${team}/${aws:username}/*"
        roles:
          - name: partner-audit
            description: "Audit for ${team}: ${note} ${aws:username}"
            trust:
              - account: partner
                external_id: ${external_id}
            managed_policies: [team-read]
            inline_policies:
              - name: literal-variables
                statements:
                  - allow: s3:ListBucket
                    resources: "arn:aws:s3:::data/${aws:username}"
            tags:
              team: ${team}
          - name: partner-local
            account: partner
            trust:
              - service: ec2.amazonaws.com

        """.write(to: spec, atomically: true, encoding: .utf8)
        try compareAppliers(on: spec, moto: moto, inputs: [
            "external_id": #"ext-"quoted" 'single' \back $(id) `id` ; ${x} café"#,
            "partner_account": "777788889999",
            "team": "blue team",
            "note": #"$(touch /tmp/rolegen-pwned) `id`; "quoted" 'single' \back ${HOME} ${aws:username} naïve"#,
        ])
    }

    private func compareAppliers(on spec: URL, moto: MotoAccounts, inputs: [String: String] = [:]) throws {
        let build = try SpecBuild.make(spec, targets: Self.appliers.map(\.target), inputs: inputs)
        defer { build.remove() }
        var reference: [String: [String: Any]] = [:]
        for (index, applier) in Self.appliers.enumerated() {
            let started = Date()
            try moto.reset()
            for account in build.accounts {
                do {
                    try applier.apply(build, account: account, moto: moto)
                } catch {
                    XCTFail("\(build.name) [\(applier.target)] in \(account): \(error)")
                    continue
                }
                let dump = try IAMDump.capture(account: account, moto: moto)
                if index == 0 {
                    reference[account] = dump
                    let roles = (dump["RoleDetailList"] as? [Any] ?? []).count, policies = (dump["Policies"] as? [Any] ?? []).count
                    XCTAssertTrue(roles + policies > 0, "\(build.name) [\(applier.target)]: nothing was created in \(account)")
                    continue
                }
                let expected = reference[account] ?? [:]
                IAMDump.assertEqual(IAMDump.without(applier.gaps, dump), IAMDump.without(applier.gaps, expected),
                                    "\(build.name) [\(applier.target)] in \(account)")
                try applier.checkGaps(build, account: account, moto: moto, reference: expected)
            }
            print("CrossBackendTests: \(build.name) [\(applier.target)] applied and read back in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }
}
