import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest

/// Applies every `Examples/*.yaml`, as `rolegen build` writes it for the iam-json target, to a
/// local moto IAM server with the AWS CLI, then reads each role back and checks that IAM holds
/// exactly what the files say.
///
/// Needs `moto_server` (`pip install 'moto[server]'`) and `aws` on PATH; without them the test
/// is skipped with a loud banner. Set ROLEGEN_MOTO_EXAMPLES to a folder to apply its *.yaml
/// instead of Examples/ (for debugging one spec).
final class MotoApplyTests: XCTestCase {
    /// One server for the whole class; its state is reset before each example.
    private static var server: MotoServer?
    private static var serverStartError: String?

    override class func setUp() {
        super.setUp()
        // Without either tool the test skips loudly.
        guard let executable = Support.which("moto_server"), Support.which("aws") != nil else { return }
        do {
            server = try MotoServer.start(executable: executable)
        } catch {
            serverStartError = "\(error)"
        }
    }

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    func testExamplesApplyToMoto() throws {
        guard Support.which("moto_server") != nil else {
            try Support.skipLoudly("moto_server is not on PATH (pip install 'moto[server]'); IAM apply test not run")
        }
        guard let awsExecutable = Support.which("aws") else {
            try Support.skipLoudly("the aws CLI is not on PATH; IAM apply test not run")
        }
        guard let server = Self.server else {
            return XCTFail("moto_server did not start: \(Self.serverStartError ?? "unknown reason")")
        }
        let specs = try exampleSpecs()
        guard !specs.isEmpty else { return XCTFail("no *.yaml found in \(examplesFolder.path)") }

        let aws = AWSCLI(executable: awsExecutable, endpoint: server.endpoint)
        for spec in specs {
            let started = Date()
            try server.reset()
            try apply(spec, with: aws)
            print("MotoApplyTests: applied \(spec.lastPathComponent) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }

    // MARK: - One example

    private var examplesFolder: URL {
        if let folder = ProcessInfo.processInfo.environment["ROLEGEN_MOTO_EXAMPLES"], !folder.isEmpty {
            return URL(fileURLWithPath: folder)
        }
        return Support.packageRoot.appendingPathComponent("Examples")
    }

    private func exampleSpecs() throws -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examplesFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { examplesFolder.appendingPathComponent($0) }
    }

    /// Builds one spec, creates everything its manifest lists, then reads it all back.
    private func apply(_ spec: URL, with aws: AWSCLI) throws {
        let example = spec.lastPathComponent
        let output = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }

        let build = try Support.rolegen(["build", spec.path, "--target", "iam-json", "-o", output.path, "--color", "never"])
        guard build.status == 0 else {
            return XCTFail("\(example): rolegen build exited \(build.status)\n\(build.stderr)")
        }
        let files = output.appendingPathComponent("iam-json")
        let manifest = try Manifest.load(files.appendingPathComponent("manifest.json"))
        let roles = try manifest.roles.map { try ($0, CreateRoleInput.load(files.appendingPathComponent($0.createRoleInput))) }
        XCTAssertFalse(roles.isEmpty && manifest.policies.isEmpty, "\(example): the manifest lists no roles and no policies")
        func file(_ relativePath: String) -> URL { files.appendingPathComponent(relativePath) }

        // Step 1: what depends on nothing else.
        var first: [[String]] = manifest.policies.map { policy in
            ["create-policy", "--policy-name", policy.policyName, "--path", policy.path,
             "--policy-document", fileArgument(file(policy.documentFile))]
                + (policy.description.map { ["--description", $0] } ?? [])
        }
        for (entry, _) in roles {
            first.append(["create-role", "--cli-input-json", fileArgument(file(entry.createRoleInput))])
            if let profile = entry.instanceProfile {
                first.append(["create-instance-profile", "--instance-profile-name", profile.instanceProfileName,
                              "--path", profile.path])
            }
        }
        let created = aws.callAll(first)
        guard succeeded(created, example) else { return }
        let createdPolicies = created.prefix(manifest.policies.count).map { $0.json?["Policy"] as? [String: Any] ?? [:] }

        // Customer-managed policy ARNs carry the spec's account ids, but moto puts everything in
        // its own account (123456789012), so those ARNs do not exist there. For a customer policy
        // that this build defines we attach the ARN moto gave it when it was created instead: the
        // role's ARN must end with ":policy<Path><PolicyName>" of that manifest policy. AWS managed
        // ARNs (":iam::aws:policy/") exist in moto as written (MOTO_IAM_LOAD_MANAGED_POLICIES).
        var motoARNs: [String: String] = [:] // ":policy/path/name" -> ARN in moto
        for (policy, created) in zip(manifest.policies, createdPolicies) {
            motoARNs[":policy" + policy.path + policy.policyName] = created["Arn"] as? String
        }
        func arnInMoto(_ arn: String) -> String? {
            if arn.contains(":iam::aws:policy/") { return arn }
            return motoARNs.first { arn.hasSuffix($0.key) }?.value
        }

        // Step 2: what hangs on a role.
        var second: [[String]] = []
        for (entry, _) in roles {
            for policy in entry.inlinePolicies {
                second.append(["put-role-policy", "--role-name", entry.roleName, "--policy-name", policy.policyName,
                               "--policy-document", fileArgument(file(policy.documentFile))])
            }
            for arn in entry.managedPolicyArns {
                guard let attachable = arnInMoto(arn) else {
                    print("MotoApplyTests: note: \(example): \(entry.roleName): \(arn) is not defined by this build; not attached")
                    continue
                }
                second.append(["attach-role-policy", "--role-name", entry.roleName, "--policy-arn", attachable])
            }
            if let profile = entry.instanceProfile {
                second.append(["add-role-to-instance-profile", "--instance-profile-name", profile.instanceProfileName,
                               "--role-name", entry.roleName])
            }
        }
        guard succeeded(aws.callAll(second), example) else { return }

        // Step 3: read everything back; each read comes with the check of its answer. (A role with
        // no inline or managed policies needs no listing: moto was reset and we added none.)
        var reads: [(arguments: [String], check: ([String: Any]) throws -> Void)] = []
        for (policy, created) in zip(manifest.policies, createdPolicies) {
            let context = "\(example): policy \(policy.policyName)"
            let arn = created["Arn"] as? String ?? "(no Arn in the create-policy answer)"
            let version = created["DefaultVersionId"] as? String ?? "v1"
            reads.append((["get-policy", "--policy-arn", arn], { self.checkPolicy($0, policy, context) }))
            reads.append((["get-policy-version", "--policy-arn", arn, "--version-id", version], {
                try self.checkDocument(($0["PolicyVersion"] as? [String: Any])?["Document"], file: file(policy.documentFile), context)
            }))
        }
        for (entry, input) in roles {
            let context = "\(example): role \(entry.roleName)"
            let name = entry.roleName
            let trustFile = file("roles/\(name)/trust-policy.json")
            reads.append((["get-role", "--role-name", name], { try self.checkRole($0, input: input, trustFile: trustFile, context) }))
            if !entry.inlinePolicies.isEmpty {
                reads.append((["list-role-policies", "--role-name", name], { self.checkInlinePolicyNames($0, entry, context) }))
            }
            for policy in entry.inlinePolicies {
                reads.append((["get-role-policy", "--role-name", name, "--policy-name", policy.policyName], {
                    try self.checkDocument($0["PolicyDocument"], file: file(policy.documentFile),
                                           "\(context), inline policy \(policy.policyName)")
                }))
            }
            if !entry.managedPolicyArns.isEmpty {
                let expected = Set(entry.managedPolicyArns.compactMap(arnInMoto))
                reads.append((["list-attached-role-policies", "--role-name", name], {
                    self.checkAttachedPolicies($0, expected: expected, context)
                }))
            }
            if let profile = entry.instanceProfile {
                reads.append((["get-instance-profile", "--instance-profile-name", profile.instanceProfileName], {
                    self.checkInstanceProfile($0, profile, role: name, context)
                }))
            }
        }
        let answers = aws.callAll(reads.map(\.arguments))
        _ = succeeded(answers, example) // failed reads are reported there and not compared
        for (read, answer) in zip(reads, answers) where answer.run.status == 0 {
            guard let json = answer.json else {
                XCTFail("\(example): `aws iam \(answer.arguments.joined(separator: " "))` printed no JSON object:\n\(answer.run.stdout)")
                continue
            }
            try read.check(json)
        }
    }

    // MARK: - Checks

    /// Every call exited 0; otherwise one failure per call with its stderr.
    private func succeeded(_ calls: [AWSCLI.Call], _ example: String) -> Bool {
        let failed = calls.filter { $0.run.status != 0 }
        for call in failed {
            XCTFail("\(example): `aws iam \(call.arguments.joined(separator: " "))` exited \(call.run.status)\n\(call.run.stderr)")
        }
        return failed.isEmpty
    }

    private func checkRole(_ answer: [String: Any], input: CreateRoleInput, trustFile: URL, _ context: String) throws {
        let role = answer["Role"] as? [String: Any] ?? [:]
        let trust = try canonicalJSON(Data(contentsOf: trustFile))
        XCTAssertEqual(try canonicalPolicy(role["AssumeRolePolicyDocument"]), trust, "\(context): trust policy")
        XCTAssertEqual(try canonicalPolicy(input.assumeRolePolicyDocument), trust,
                       "\(context): role.json AssumeRolePolicyDocument differs from trust-policy.json")
        XCTAssertEqual(role["RoleName"] as? String, input.roleName, "\(context): RoleName")
        XCTAssertEqual(role["Path"] as? String, input.path, "\(context): Path")
        XCTAssertEqual(role["Description"] as? String, input.description, "\(context): Description")
        XCTAssertEqual((role["MaxSessionDuration"] as? NSNumber)?.intValue, input.maxSessionDuration, "\(context): MaxSessionDuration")
        let boundary = (role["PermissionsBoundary"] as? [String: Any])?["PermissionsBoundaryArn"] as? String
        XCTAssertEqual(boundary, input.permissionsBoundary, "\(context): PermissionsBoundary")
        let tags = (role["Tags"] as? [[String: Any]] ?? []).map {
            Tag(key: $0["Key"] as? String ?? "?", value: $0["Value"] as? String ?? "?")
        }
        XCTAssertEqual(Set(tags), Set(input.tags ?? []), "\(context): Tags")
        XCTAssertEqual(tags.count, input.tags?.count ?? 0, "\(context): number of tags")
    }

    private func checkInlinePolicyNames(_ answer: [String: Any], _ entry: Manifest.Role, _ context: String) {
        let names = answer["PolicyNames"] as? [String] ?? []
        XCTAssertEqual(names.sorted(), entry.inlinePolicies.map(\.policyName).sorted(), "\(context): inline policy names")
    }

    private func checkDocument(_ document: Any?, file: URL, _ context: String) throws {
        XCTAssertEqual(try canonicalPolicy(document), try canonicalJSON(Data(contentsOf: file)), "\(context): document")
    }

    private func checkPolicy(_ answer: [String: Any], _ policy: Manifest.Policy, _ context: String) {
        let found = answer["Policy"] as? [String: Any] ?? [:]
        XCTAssertEqual(found["PolicyName"] as? String, policy.policyName, "\(context): PolicyName")
        XCTAssertEqual(found["Path"] as? String, policy.path, "\(context): Path")
        XCTAssertEqual(found["Description"] as? String, policy.description, "\(context): Description")
    }

    private func checkAttachedPolicies(_ answer: [String: Any], expected: Set<String>, _ context: String) {
        let attached = (answer["AttachedPolicies"] as? [[String: Any]] ?? []).compactMap { $0["PolicyArn"] as? String }
        XCTAssertEqual(Set(attached), expected, "\(context): attached managed policies")
    }

    private func checkInstanceProfile(_ answer: [String: Any], _ profile: Manifest.InstanceProfile, role: String, _ context: String) {
        let found = answer["InstanceProfile"] as? [String: Any] ?? [:]
        XCTAssertEqual(found["Path"] as? String, profile.path, "\(context): instance profile path")
        let roles = (found["Roles"] as? [[String: Any]] ?? []).compactMap { $0["RoleName"] as? String }
        XCTAssertEqual(roles, [role], "\(context): roles in instance profile \(profile.instanceProfileName)")
    }

    // MARK: - JSON

    /// How the CLI takes a parameter from a file.
    private func fileArgument(_ file: URL) -> String {
        "file://" + file.path
    }

    /// JSON text with sorted keys, so equal documents give equal strings (and readable failures).
    private func canonicalJSON(_ data: Data) throws -> String {
        try canonicalJSON(object: JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    private func canonicalJSON(object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]),
               as: UTF8.self)
    }

    /// A policy document as the CLI returns it: an object (the CLI decodes IAM's URL-encoded
    /// text), or still a string, plain JSON or URL-encoded.
    private func canonicalPolicy(_ value: Any?) throws -> String? {
        switch value {
        case let text as String:
            if let json = try? canonicalJSON(Data(text.utf8)) { return json }
            guard let decoded = text.removingPercentEncoding else { return text }
            return try canonicalJSON(Data(decoded.utf8))
        case let object?:
            return try canonicalJSON(object: object)
        case nil:
            return nil
        }
    }
}

// MARK: - rolegen's files

private struct Tag: Decodable, Hashable {
    var key: String
    var value: String
}

/// `iam-json/manifest.json`.
private struct Manifest: Decodable {
    struct Role: Decodable {
        var roleName: String
        var createRoleInput: String
        var inlinePolicies: [InlinePolicy]
        var managedPolicyArns: [String]
        var instanceProfile: InstanceProfile?
    }
    struct InlinePolicy: Decodable {
        var policyName: String
        var documentFile: String
    }
    struct InstanceProfile: Decodable {
        var instanceProfileName: String
        var path: String
    }
    struct Policy: Decodable {
        var policyName: String
        var path: String
        var description: String?
        var documentFile: String
    }

    var roles: [Role]
    var policies: [Policy]

    static func load(_ file: URL) throws -> Manifest { try decodeAWSStyle(Manifest.self, from: file) }
}

/// `roles/<name>/role.json`, the `create-role --cli-input-json` input.
private struct CreateRoleInput: Decodable {
    var roleName: String
    var path: String
    var assumeRolePolicyDocument: String
    var description: String?
    var maxSessionDuration: Int
    var permissionsBoundary: String?
    var tags: [Tag]?

    static func load(_ file: URL) throws -> CreateRoleInput { try decodeAWSStyle(CreateRoleInput.self, from: file) }
}

/// Decodes AWS-style `PascalCase` keys into `camelCase` properties.
private func decodeAWSStyle<T: Decodable>(_ type: T.Type, from file: URL) throws -> T {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .custom { path in CamelCaseKey(stringValue: path.last!.stringValue) }
    return try decoder.decode(type, from: Data(contentsOf: file))
}

private struct CamelCaseKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue.prefix(1).lowercased() + stringValue.dropFirst() }
    init?(intValue: Int) { nil }
}
