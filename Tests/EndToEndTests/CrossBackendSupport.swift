import Foundation
import XCTest

// Shared by the tests that put rolegen's CloudFormation, CLI and IAM JSON output into moto
// and read IAM back: accounts, builds, appliers and the IAM dump.

// MARK: - A moto server per test class

/// Starts moto in a test class's `setUp()` and stops it (by its own pid) in `tearDown()`.
final class MotoFixture {
    private var server: MotoServer?
    private var startError: String?

    func start() {
        // Without either tool, `accounts(for:)` skips loudly.
        guard let executable = Support.which("moto_server"), Support.which("aws") != nil else { return }
        do {
            server = try MotoServer.start(executable: executable)
        } catch {
            startError = "\(error)"
        }
    }

    func stop() {
        server?.stop()
        server = nil
    }

    /// moto as accounts; a loud skip when moto_server or the AWS CLI is missing.
    func accounts(for test: String) throws -> MotoAccounts {
        guard Support.which("moto_server") != nil else {
            try Support.skipLoudly("moto_server is not on PATH (pip install 'moto[server]'); \(test) not run")
        }
        guard let aws = Support.which("aws") else { try Support.skipLoudly("the aws CLI is not on PATH; \(test) not run") }
        guard let server else { throw MotoAccounts.Failure("moto_server did not start: \(startError ?? "unknown reason")") }
        return MotoAccounts(server: server, awsExecutable: aws)
    }
}

// MARK: - Accounts in moto

/// moto with one set of credentials per AWS account.
///
/// moto puts a request in the account its access key belongs to, and `sts assume-role`
/// hands out keys that belong to the account of the role ARN (the role need not exist). So
/// each account a spec names gets its own keys, and a multi-account build lands in its own
/// accounts, as it would on AWS. This is also why no test rewrites ARNs: the examples'
/// customer policies live in 111122223333, and so do the roles that attach them, so
/// `arn:aws:iam::111122223333:policy/…` exists where it is attached. moto's own account
/// (123456789012) is used only for builds that name no account.
final class MotoAccounts {
    static let defaultAccount = "123456789012"

    let server: MotoServer
    let awsExecutable: String
    private var environments: [String: [String: String]] = [:]

    init(server: MotoServer, awsExecutable: String) {
        self.server = server
        self.awsExecutable = awsExecutable
    }

    var endpoint: String { server.endpoint }

    /// Forgets every resource and every credential.
    func reset() throws {
        try server.reset()
        environments = [:]
    }

    /// Settings of the caller's shell that would send the CLI elsewhere.
    static let unsetVariables = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                                 "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS", "AWS_DEFAULT_OUTPUT",
                                 "AWS_REGION", "AWS_CA_BUNDLE"]

    private var baseEnvironment: [String: String] {
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
         "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_PAGER": "",
         "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"]
    }

    /// Environment variables that make the AWS CLI act as `account` (no endpoint: pass it).
    func environment(_ account: String) throws -> [String: String] {
        if let known = environments[account] { return known }
        var environment = baseEnvironment
        if account != Self.defaultAccount {
            let run = try command(["sts", "assume-role", "--role-arn", "arn:aws:iam::\(account):role/rolegen-test",
                                   "--role-session-name", "rolegen-test", "--output", "text",
                                   "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]"], environment: environment)
            let fields = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t").map(String.init)
            guard run.status == 0, fields.count == 3 else {
                throw Failure("sts assume-role into \(account) failed: \(run.stderr)\(run.stdout)")
            }
            environment["AWS_ACCESS_KEY_ID"] = fields[0]
            environment["AWS_SECRET_ACCESS_KEY"] = fields[1]
            environment["AWS_SESSION_TOKEN"] = fields[2]
        }
        // moto quietly treats an unknown key as its default account; make sure these keys are
        // really for `account` before anything is created with them.
        let identity = try command(["sts", "get-caller-identity", "--query", "Account", "--output", "text"], environment: environment)
        let actual = identity.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard identity.status == 0, actual == account else {
            throw Failure("credentials for \(account) act as '\(actual)': \(identity.stderr)")
        }
        environments[account] = environment
        return environment
    }

    /// `aws ARGUMENTS… --endpoint-url moto` as `account`.
    func aws(_ arguments: [String], account: String) throws -> Support.Run {
        try command(arguments, environment: environment(account))
    }

    /// `aws ARGUMENTS… --output json` as `account`, parsed; throws unless it exits 0.
    func json(_ arguments: [String], account: String) throws -> [String: Any] {
        let run = try aws(arguments + ["--output", "json"], account: account)
        guard run.status == 0 else { throw Failure("aws \(arguments.joined(separator: " ")) exited \(run.status): \(run.stderr)") }
        if run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [:] }
        guard let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] else {
            throw Failure("aws \(arguments.joined(separator: " ")) printed no JSON object: \(run.stdout)")
        }
        return object
    }

    /// Runs independent AWS CLI calls as `account` a few at a time; throws on the first failure.
    func all(_ calls: [[String]], account: String) throws {
        let environment = try environment(account)
        let width = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
        let failures = Locked<[String]>([])
        let done = DispatchGroup(), slots = DispatchSemaphore(value: width)
        for arguments in calls {
            slots.wait()
            done.enter()
            Thread.detachNewThread {
                do {
                    let run = try self.command(arguments, environment: environment)
                    if run.status != 0 {
                        failures.update { $0.append("aws \(arguments.joined(separator: " ")) exited \(run.status): \(run.stderr)") }
                    }
                } catch {
                    failures.update { $0.append("aws \(arguments.joined(separator: " ")): \(error)") }
                }
                slots.signal()
                done.leave()
            }
        }
        done.wait()
        if let first = failures.current.first { throw Failure(first) }
    }

    /// Runs a program (a script, `bash`, …) as `account`; the endpoint is given only by
    /// `--endpoint-url` unless `endpointInEnvironment`, then only by AWS_ENDPOINT_URL.
    func run(_ arguments: [String], account: String, endpointInEnvironment: Bool = false,
             extraEnvironment: [String: String] = [:], unset: [String] = []) throws -> Support.Run {
        var environment = try environment(account).merging(extraEnvironment) { $1 }
        if endpointInEnvironment { environment["AWS_ENDPOINT_URL"] = endpoint }
        let dropped = (endpointInEnvironment ? Self.unsetVariables.filter { $0 != "AWS_ENDPOINT_URL" } : Self.unsetVariables)
            .filter { environment[$0] == nil } + unset
        return try Support.run(["/usr/bin/env"] + dropped.flatMap { ["-u", $0] } + arguments, environment: environment)
    }

    private func command(_ arguments: [String], environment: [String: String]) throws -> Support.Run {
        let dropped = Self.unsetVariables.filter { environment[$0] == nil }
        return try Support.run(["/usr/bin/env"] + dropped.flatMap { ["-u", $0] } + [awsExecutable] + arguments
                               + ["--endpoint-url", endpoint], environment: environment)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

// MARK: - A build of one spec

/// One spec built for several targets, with what the iam-json manifest says about accounts.
struct SpecBuild {
    let name: String
    /// Holds one folder per target.
    let output: URL
    /// Accounts to apply in: those the build names, in first-use order, or moto's own
    /// account when it names none. Parts of a build with no account go into each of them.
    let accounts: [String]
    /// Values for deploy-time inputs (`--var` for iam-json, parameters, environment).
    let inputs: [String: String]

    func directory(_ target: String) -> URL { output.appendingPathComponent(target) }

    /// Builds `spec` for `targets` (iam-json always: its manifest lists the accounts).
    static func make(_ spec: URL, targets: [String], inputs: [String: String] = [:]) throws -> SpecBuild {
        let name = spec.deletingPathExtension().lastPathComponent
        let output = try Support.temporaryDirectory()
        let others = targets.filter { $0 != "iam-json" }
        if !others.isEmpty {
            let run = try Support.rolegen(["build", spec.path, "-o", output.path, "--target", others.joined(separator: ","), "--color", "never"],
                                          cwd: Support.packageRoot)
            guard run.status == 0 else { throw MotoAccounts.Failure("\(name): rolegen build exited \(run.status)\n\(run.stderr)") }
        }
        // iam-json cannot leave inputs open: it gets the same values through --var.
        let variables = inputs.sorted { $0.key < $1.key }.flatMap { ["--var", "\($0.key)=\($0.value)"] }
        let run = try Support.rolegen(["build", spec.path, "-o", output.path, "--target", "iam-json", "--color", "never"] + variables,
                                      cwd: Support.packageRoot)
        guard run.status == 0 else { throw MotoAccounts.Failure("\(name): rolegen build (iam-json) exited \(run.status)\n\(run.stderr)") }
        let manifest = try IAMJSONManifest.load(output.appendingPathComponent("iam-json"))
        var accounts: [String] = []
        for account in manifest.roles.compactMap(\.account) + manifest.policies.flatMap(\.accounts) + manifest.serviceLinkedRoles.compactMap(\.account)
        where !accounts.contains(account) {
            accounts.append(account)
        }
        return SpecBuild(name: name, output: output, accounts: accounts.isEmpty ? [MotoAccounts.defaultAccount] : accounts, inputs: inputs)
    }

    func remove() { try? FileManager.default.removeItem(at: output) }
}

/// `iam-json/manifest.json`, read loosely.
struct IAMJSONManifest {
    struct Role {
        var name: String
        var account: String?
        var createRoleInput: String
        var inlinePolicies: [(name: String, file: String)]
        var managedPolicyArns: [String]
        var instanceProfile: (name: String, path: String)?
    }
    struct Policy {
        var name: String
        var path: String
        var description: String?
        var file: String
        var accounts: [String]
    }

    var roles: [Role]
    var policies: [Policy]
    /// Account (nil: any) and create-service-linked-role input file of each service-linked role.
    var serviceLinkedRoles: [(account: String?, input: String)] = []

    static func load(_ directory: URL) throws -> IAMJSONManifest {
        let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let roles = (object["Roles"] as? [[String: Any]] ?? []).map { role in
            Role(name: role["RoleName"] as? String ?? "",
                 account: role["Account"] as? String,
                 createRoleInput: role["CreateRoleInput"] as? String ?? "",
                 inlinePolicies: (role["InlinePolicies"] as? [[String: Any]] ?? []).map {
                     ($0["PolicyName"] as? String ?? "", $0["DocumentFile"] as? String ?? "")
                 },
                 managedPolicyArns: role["ManagedPolicyArns"] as? [String] ?? [],
                 instanceProfile: (role["InstanceProfile"] as? [String: Any]).map {
                     ($0["InstanceProfileName"] as? String ?? "", $0["Path"] as? String ?? "/")
                 })
        }
        let policies = (object["Policies"] as? [[String: Any]] ?? []).map { policy in
            Policy(name: policy["PolicyName"] as? String ?? "", path: policy["Path"] as? String ?? "/",
                   description: policy["Description"] as? String, file: policy["DocumentFile"] as? String ?? "",
                   accounts: policy["Accounts"] as? [String] ?? [])
        }
        let linked = (object["ServiceLinkedRoles"] as? [[String: Any]] ?? []).map {
            (account: $0["Account"] as? String, input: $0["CreateServiceLinkedRoleInput"] as? String ?? "")
        }
        return IAMJSONManifest(roles: roles, policies: policies, serviceLinkedRoles: linked)
    }
}

// MARK: - Appliers

/// What moto cannot model, by name. An applier lists the gaps that concern it; the
/// comparison leaves out exactly the fields a gap names, for that applier only, and the
/// applier checks those fields another way (`checkGaps`).
enum MotoGap: String, CaseIterable {
    /// moto 5.2's CloudFormation creates an `AWS::IAM::Role` without attaching its
    /// `ManagedPolicyArns` (moto/iam/models.py, `Role.create_from_cloudformation_json`), so
    /// roles have no attached managed policies and customer policies an AttachmentCount of 0.
    case cloudFormationIgnoresManagedPolicyArns
    /// moto 5.2's CloudFormation stores each `Policies` document of an `AWS::IAM::Role` as a
    /// Python dict instead of JSON text: get-role-policy answers with the dict's repr and
    /// get-account-authorization-details fails with HTTP 500 on such a role.
    case cloudFormationStoresRolePoliciesAsPythonDicts
    /// moto 5.2's CloudFormation gives an `AWS::IAM::Role` without `Description` the
    /// description "" (`properties.get("Description", "")`), where create-role leaves none.
    case cloudFormationGivesEmptyDescription
    /// moto 5.2's CloudFormation has no `AWS::IAM::ServiceLinkedRole`: the stack completes
    /// without the role (moto/cloudformation/parsing.py knows no such type).
    case cloudFormationLacksServiceLinkedRoles
}

/// One way of putting a build into IAM. The Terraform backend joins as one more applier.
protocol MotoApplier {
    /// The rolegen target whose output it applies.
    var target: String { get }
    var gaps: Set<MotoGap> { get }
    /// Puts the part of `build` that belongs in `account` (and the parts that belong in no
    /// account) into moto as `account`.
    func apply(_ build: SpecBuild, account: String, moto: MotoAccounts) throws
    /// Checks, while moto still holds what `apply` made, the fields `gaps` leave out of the
    /// comparison, against the reference dump of `account`.
    func checkGaps(_ build: SpecBuild, account: String, moto: MotoAccounts, reference: [String: Any]) throws
}

extension MotoApplier {
    var gaps: Set<MotoGap> { [] }
    func checkGaps(_ build: SpecBuild, account: String, moto: MotoAccounts, reference: [String: Any]) throws {}
}

/// The iam-json files with plain AWS CLI calls: create-policy, create-role --cli-input-json,
/// create-service-linked-role --cli-input-json, put-role-policy, attach-role-policy, create-instance-profile, add-role-to-instance-profile.
struct IAMJSONApplier: MotoApplier {
    let target = "iam-json"

    func apply(_ build: SpecBuild, account: String, moto: MotoAccounts) throws {
        let directory = build.directory(target)
        func file(_ path: String) -> String { "file://" + directory.appendingPathComponent(path).path }
        let manifest = try IAMJSONManifest.load(directory)
        let policies = manifest.policies.filter { $0.accounts.isEmpty || $0.accounts.contains(account) }
        let roles = manifest.roles.filter { $0.account == nil || $0.account == account }
        var first: [[String]] = policies.map {
            ["iam", "create-policy", "--policy-name", $0.name, "--path", $0.path, "--policy-document", file($0.file)]
                + ($0.description == nil ? [] : ["--cli-input-json", Self.descriptionInput($0)])
        }
        for linked in manifest.serviceLinkedRoles where linked.account == nil || linked.account == account {
            first.append(["iam", "create-service-linked-role", "--cli-input-json", file(linked.input)])
        }
        for role in roles {
            first.append(["iam", "create-role", "--cli-input-json", file(role.createRoleInput)])
            if let profile = role.instanceProfile {
                first.append(["iam", "create-instance-profile", "--instance-profile-name", profile.name, "--path", profile.path])
            }
        }
        try moto.all(first, account: account)
        var second: [[String]] = []
        for role in roles {
            for policy in role.inlinePolicies {
                second.append(["iam", "put-role-policy", "--role-name", role.name, "--policy-name", policy.name,
                               "--policy-document", file(policy.file)])
            }
            for arn in role.managedPolicyArns {
                second.append(["iam", "attach-role-policy", "--role-name", role.name, "--policy-arn", arn])
            }
            if let profile = role.instanceProfile {
                second.append(["iam", "add-role-to-instance-profile", "--instance-profile-name", profile.name, "--role-name", role.name])
            }
        }
        try moto.all(second, account: account)
    }

    /// A description as `--cli-input-json` text, so one that looks like `file://…` is not loaded.
    static func descriptionInput(_ policy: IAMJSONManifest.Policy) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["Description": policy.description ?? ""])
        return String(decoding: data, as: UTF8.self)
    }
}

/// cli/apply.sh, run as the account, endpoint by --endpoint-url; inputs as ROLEGEN_VAR_*.
struct CLIScriptApplier: MotoApplier {
    let target = "cli"

    func apply(_ build: SpecBuild, account: String, moto: MotoAccounts) throws {
        let script = build.directory(target).appendingPathComponent("apply.sh").path
        let run = try moto.run(["bash", script, "--endpoint-url", moto.endpoint], account: account,
                               extraEnvironment: Self.inputEnvironment(build.inputs))
        guard run.status == 0 else { throw MotoAccounts.Failure("\(build.name): apply.sh as \(account) exited \(run.status)\n\(run.stderr)") }
    }

    static func inputEnvironment(_ inputs: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: inputs.map { ("ROLEGEN_VAR_" + $0.key, $0.value) })
    }
}

/// cloudformation/template.json as a stack in the account (create-stack, then wait).
struct CloudFormationApplier: MotoApplier {
    let target = "cloudformation"
    let gaps: Set<MotoGap> = [.cloudFormationIgnoresManagedPolicyArns, .cloudFormationStoresRolePoliciesAsPythonDicts,
                              .cloudFormationGivesEmptyDescription, .cloudFormationLacksServiceLinkedRoles]

    func stackName(_ build: SpecBuild) -> String { "rolegen-" + build.name }

    func apply(_ build: SpecBuild, account: String, moto: MotoAccounts) throws {
        let template = try JSONSerialization.jsonObject(with: Data(contentsOf: build.directory(target).appendingPathComponent("template.json")))
        // Gap cloudFormationStoresRolePoliciesAsPythonDicts: give moto each inline document as
        // JSON text (the same document, the form CloudFormation also accepts), so the
        // documents themselves are still compared. The untouched template is deployed by
        // CloudFormationApplyTests.
        let deployed = try Self.withInlineDocumentsAsText(template)
        let file = build.output.appendingPathComponent("moto-template-\(account).json")
        try JSONSerialization.data(withJSONObject: deployed, options: [.sortedKeys]).write(to: file)
        try Self.createStack(stackName(build), templateBody: "file://" + file.path, parameters: Self.parameters(template, build.inputs),
                             account: account, moto: moto)
    }

    /// Gap cloudFormationIgnoresManagedPolicyArns: what each role's ManagedPolicyArns names
    /// (a `Ref` resolved to the stack's policy ARN) must be what the reference attached.
    func checkGaps(_ build: SpecBuild, account: String, moto: MotoAccounts, reference: [String: Any]) throws {
        let template = try JSONSerialization.jsonObject(with: Data(contentsOf: build.directory(target).appendingPathComponent("template.json"))) as? [String: Any] ?? [:]
        let resources = template["Resources"] as? [String: Any] ?? [:]
        let stack = try moto.json(["cloudformation", "describe-stack-resources", "--stack-name", stackName(build)], account: account)
        var physical: [String: String] = [:]
        for resource in stack["StackResources"] as? [[String: Any]] ?? [] {
            physical[resource["LogicalResourceId"] as? String ?? ""] = resource["PhysicalResourceId"] as? String
        }
        var intended: [String: [String]] = [:]
        for (logicalID, value) in resources {
            guard let resource = value as? [String: Any], resource["Type"] as? String == "AWS::IAM::Role",
                  physical[logicalID] != nil, let properties = resource["Properties"] as? [String: Any],
                  let name = properties["RoleName"] as? String else { continue }
            intended[name] = try (properties["ManagedPolicyArns"] as? [Any] ?? []).map { arn in
                if let literal = arn as? String { return literal }
                if let ref = (arn as? [String: Any])?["Ref"] as? String, let resolved = physical[ref] { return resolved }
                throw MotoAccounts.Failure("\(build.name): cannot resolve ManagedPolicyArns entry \(arn) of \(name)")
            }.sorted()
        }
        var attached: [String: [String]] = [:]
        for role in reference["RoleDetailList"] as? [[String: Any]] ?? [] where !((role["Path"] as? String)?.hasPrefix("/aws-service-role/") ?? false) {
            attached[role["RoleName"] as? String ?? ""] = (role["AttachedManagedPolicies"] as? [[String: Any]] ?? [])
                .compactMap { $0["PolicyArn"] as? String }.sorted()
        }
        XCTAssertEqual(intended, attached, "\(build.name) [\(account)]: the template's ManagedPolicyArns against the managed policies the reference attached")

        // Gap cloudFormationLacksServiceLinkedRoles: the template's service-linked roles for this
        // account (service, and suffix as the end of the role name) against the reference's.
        let accountCondition = template["Conditions"] as? [String: Any]
        var templateLinked: [String] = []
        for case let resource as [String: Any] in resources.values where resource["Type"] as? String == "AWS::IAM::ServiceLinkedRole" {
            if let condition = resource["Condition"] as? String,
               let equals = ((accountCondition?[condition] as? [String: Any])?["Fn::Equals"] as? [Any]), !equals.contains(where: { $0 as? String == account }) {
                continue
            }
            let properties = resource["Properties"] as? [String: Any] ?? [:]
            templateLinked.append("\(properties["AWSServiceName"] ?? "") \(properties["CustomSuffix"].map { "_\($0)" } ?? "")")
        }
        let referenceLinked = (reference["RoleDetailList"] as? [[String: Any]] ?? []).compactMap { role -> String? in
            guard let path = role["Path"] as? String, path.hasPrefix("/aws-service-role/") else { return nil }
            let name = role["RoleName"] as? String ?? ""
            let suffix = name.firstIndex(of: "_").map { String(name[$0...]) } ?? ""
            return "\(path.dropFirst("/aws-service-role/".count).dropLast()) \(suffix)"
        }
        XCTAssertEqual(templateLinked.sorted(), referenceLinked.sorted(), "\(build.name) [\(account)]: the template's service-linked roles against the reference's")
        if !referenceLinked.isEmpty {
            print("CrossBackendTests: \(build.name) [cloudformation] in \(account): service-linked roles NOT CHECKED in moto (its CloudFormation lacks AWS::IAM::ServiceLinkedRole); the template's were compared with the reference")
        }
    }

    static func createStack(_ name: String, templateBody: String, parameters: [String], account: String, moto: MotoAccounts) throws {
        _ = try moto.json(["cloudformation", "create-stack", "--stack-name", name, "--template-body", templateBody,
                           "--capabilities", "CAPABILITY_NAMED_IAM"] + (parameters.isEmpty ? [] : ["--parameters"] + parameters),
                          account: account)
        let deadline = Date().addingTimeInterval(60)
        while true {
            let answer = try moto.json(["cloudformation", "describe-stacks", "--stack-name", name], account: account)
            let stack = (answer["Stacks"] as? [[String: Any]])?.first ?? [:]
            let status = stack["StackStatus"] as? String ?? "?"
            if status == "CREATE_COMPLETE" { return }
            if !status.hasSuffix("IN_PROGRESS") || Date() > deadline {
                let events = try? moto.json(["cloudformation", "describe-stack-events", "--stack-name", name], account: account)
                throw MotoAccounts.Failure("stack \(name) in \(account): \(status) \(stack["StackStatusReason"] ?? "")\n\(events ?? [:])")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// `ParameterKey=…,ParameterValue=…` for each input, through the parameter labels the
    /// template records (`AWS::CloudFormation::Interface`).
    static func parameters(_ template: Any, _ inputs: [String: String]) throws -> [String] {
        guard !inputs.isEmpty else { return [] }
        let metadata = (template as? [String: Any])?["Metadata"] as? [String: Any] ?? [:]
        let labels = (metadata["AWS::CloudFormation::Interface"] as? [String: Any])?["ParameterLabels"] as? [String: Any] ?? [:]
        var byInput: [String: String] = [:]
        for (parameter, label) in labels {
            if let input = (label as? [String: Any])?["default"] as? String { byInput[input] = parameter }
        }
        // The CLI's shorthand would split values at commas; JSON keeps them whole.
        let list = try inputs.sorted { $0.key < $1.key }.map { input, value -> [String: String] in
            guard let parameter = byInput[input] else { throw MotoAccounts.Failure("no parameter labelled \(input) in the template") }
            return ["ParameterKey": parameter, "ParameterValue": value]
        }
        return [String(decoding: try JSONSerialization.data(withJSONObject: list), as: UTF8.self)]
    }

    static func withInlineDocumentsAsText(_ template: Any) throws -> Any {
        guard var root = template as? [String: Any], var resources = root["Resources"] as? [String: Any] else { return template }
        for (id, value) in resources {
            guard var resource = value as? [String: Any], resource["Type"] as? String == "AWS::IAM::Role",
                  var properties = resource["Properties"] as? [String: Any],
                  let policies = properties["Policies"] as? [[String: Any]] else { continue }
            properties["Policies"] = try policies.map { policy -> [String: Any] in
                var policy = policy
                if let document = policy["PolicyDocument"], !(document is String) {
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
                    // An intrinsic function (an input in the document) must stay an object.
                    guard !text.contains("\"Fn::"), !text.contains("\"Ref\"") else {
                        throw MotoAccounts.Failure("inline document of \(id) uses an intrinsic function; moto gap \(MotoGap.cloudFormationStoresRolePoliciesAsPythonDicts) has no workaround for it")
                    }
                    policy["PolicyDocument"] = text
                }
                return policy
            }
            resource["Properties"] = properties
            resources[id] = resource
        }
        root["Resources"] = resources
        return root
    }
}

// MARK: - The IAM dump

/// `aws iam get-account-authorization-details --filter Role LocalManagedPolicy`, normalised
/// so that only what a spec decides remains: ids and dates dropped, lists sorted, documents
/// parsed (IAM returns them URL-encoded or decoded depending on the client). Its role
/// entries have no description and no maximum session duration, so those come from
/// `list-roles`. Account ids in ARNs stay: each account's part is applied with that
/// account's credentials, so they must match exactly.
enum IAMDump {
    static func capture(account: String, moto: MotoAccounts) throws -> [String: Any] {
        var details = try moto.json(["iam", "get-account-authorization-details", "--filter", "Role", "LocalManagedPolicy"], account: account)
        let listed = try moto.json(["iam", "list-roles"], account: account)["Roles"] as? [[String: Any]] ?? []
        var settings: [String: [String: Any]] = [:]
        for role in listed { settings[role["RoleName"] as? String ?? ""] = role }
        details["RoleDetailList"] = (details["RoleDetailList"] as? [[String: Any]] ?? []).map { role in
            var role = role
            let listed = settings[role["RoleName"] as? String ?? ""] ?? [:]
            role["Description"] = listed["Description"] ?? "(none)"
            role["MaxSessionDuration"] = listed["MaxSessionDuration"] ?? "(none)"
            return role
        }
        return normalise(details)
    }

    static func normalise(_ details: [String: Any]) -> [String: Any] {
        let roles = (details["RoleDetailList"] as? [[String: Any]] ?? []).map(role).sorted { name($0, "RoleName") < name($1, "RoleName") }
        let policies = (details["Policies"] as? [[String: Any]] ?? []).map(policy).sorted { name($0, "Arn") < name($1, "Arn") }
        return ["RoleDetailList": roles, "Policies": policies]
    }

    /// The dump without what `gaps` say moto cannot model.
    static func without(_ gaps: Set<MotoGap>, _ dump: [String: Any]) -> [String: Any] {
        var dump = dump
        if gaps.contains(.cloudFormationIgnoresManagedPolicyArns) {
            dump["RoleDetailList"] = (dump["RoleDetailList"] as? [[String: Any]] ?? []).map {
                var role = $0
                role["AttachedManagedPolicies"] = "(left out: moto gap cloudFormationIgnoresManagedPolicyArns)"
                return role
            }
            dump["Policies"] = (dump["Policies"] as? [[String: Any]] ?? []).map {
                var policy = $0
                policy["AttachmentCount"] = "(left out: moto gap cloudFormationIgnoresManagedPolicyArns)"
                return policy
            }
        }
        if gaps.contains(.cloudFormationLacksServiceLinkedRoles) {
            dump["RoleDetailList"] = (dump["RoleDetailList"] as? [[String: Any]] ?? []).filter {
                !(($0["Path"] as? String)?.hasPrefix("/aws-service-role/") ?? false)
            }
        }
        if gaps.contains(.cloudFormationGivesEmptyDescription) {
            dump["RoleDetailList"] = (dump["RoleDetailList"] as? [[String: Any]] ?? []).map {
                var role = $0
                if role["Description"] as? String == "" { role["Description"] = "(none)" }
                return role
            }
        }
        return dump
    }

    static func text(_ dump: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: dump, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Fails with the first differing lines when the dumps differ.
    static func assertEqual(_ actual: [String: Any], _ expected: [String: Any], _ label: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        let a = text(actual), e = text(expected)
        guard a != e else { return }
        let aLines = a.split(separator: "\n", omittingEmptySubsequences: false)
        let eLines = e.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(aLines.count, eLines.count)).first { aLines[$0] != eLines[$0] } ?? min(aLines.count, eLines.count)
        let context = { (lines: [Substring]) in lines[max(0, first - 6)..<min(lines.count, first + 6)].joined(separator: "\n") }
        XCTFail("\(label): IAM differs from the reference at line \(first + 1)\n--- reference\n\(context(eLines))\n--- actual\n\(context(aLines))\n--- full actual dump\n\(a)",
                file: file, line: line)
    }

    private static func name(_ object: [String: Any], _ key: String) -> String { object[key] as? String ?? "" }

    private static func role(_ role: [String: Any]) -> [String: Any] {
        var role = role
        for key in ["RoleId", "CreateDate", "RoleLastUsed"] { role[key] = nil }
        role["AssumeRolePolicyDocument"] = document(role["AssumeRolePolicyDocument"])
        role["RolePolicyList"] = (role["RolePolicyList"] as? [[String: Any]] ?? []).map {
            ["PolicyName": $0["PolicyName"] ?? "", "PolicyDocument": document($0["PolicyDocument"])]
        }.sorted { name($0, "PolicyName") < name($1, "PolicyName") }
        role["AttachedManagedPolicies"] = (role["AttachedManagedPolicies"] as? [[String: Any]] ?? [])
            .sorted { name($0, "PolicyArn") < name($1, "PolicyArn") }
        role["Tags"] = (role["Tags"] as? [[String: Any]] ?? []).sorted { name($0, "Key") < name($1, "Key") }
        role["InstanceProfileList"] = (role["InstanceProfileList"] as? [[String: Any]] ?? []).map { profile in
            var profile = profile
            for key in ["InstanceProfileId", "CreateDate"] { profile[key] = nil }
            // The roles inside repeat the role itself; their names are what the profile holds.
            profile["Roles"] = (profile["Roles"] as? [[String: Any]] ?? []).map { name($0, "RoleName") }.sorted()
            profile["Tags"] = nil
            return profile
        }.sorted { name($0, "InstanceProfileName") < name($1, "InstanceProfileName") }
        return role
    }

    private static func policy(_ policy: [String: Any]) -> [String: Any] {
        var policy = policy
        for key in ["PolicyId", "CreateDate", "UpdateDate"] { policy[key] = nil }
        policy["PolicyVersionList"] = (policy["PolicyVersionList"] as? [[String: Any]] ?? []).map { version in
            var version = version
            version["CreateDate"] = nil
            version["Document"] = document(version["Document"])
            return version
        }.sorted { name($0, "VersionId") < name($1, "VersionId") }
        return policy
    }

    /// A policy document as a JSON object, from an object, JSON text or URL-encoded JSON text.
    static func document(_ value: Any?) -> Any {
        guard let text = value as? String else { return value ?? NSNull() }
        if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) { return object }
        if let decoded = text.removingPercentEncoding, let object = try? JSONSerialization.jsonObject(with: Data(decoded.utf8)) {
            return object
        }
        return "(not JSON) " + text
    }
}
