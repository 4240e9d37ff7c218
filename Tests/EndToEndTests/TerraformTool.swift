import Foundation
import XCTest

// Shared by the tests that run terraform on rolegen's terraform target.

/// `terraform` with the AWS provider from /opt/tf-plugins, kept away from the user's settings:
/// its own CLI configuration and plugin cache, no checkpoint calls, no input prompts.
struct TerraformTool {
    static let pluginDirectory = "/opt/tf-plugins"

    let executable: String
    /// Holds the CLI configuration and the plugin cache; removed by `cleanUp()`.
    let home: URL

    /// The tool, or a loud skip naming `what` when terraform or the AWS provider is missing.
    static func require(for what: String) throws -> TerraformTool {
        guard let executable = Support.which("terraform") else {
            try Support.skipLoudly("terraform is not on PATH; \(what) not run")
        }
        let provider = pluginDirectory + "/registry.terraform.io/hashicorp/aws"
        guard FileManager.default.fileExists(atPath: provider) else {
            try Support.skipLoudly("no AWS provider under \(provider); \(what) not run")
        }
        let home = try Support.temporaryDirectory()
        let cache = home.appendingPathComponent("plugin-cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try "plugin_cache_dir = \"\(cache.path)\"\ndisable_checkpoint = true\n"
            .write(to: home.appendingPathComponent("terraformrc"), atomically: true, encoding: .utf8)
        return TerraformTool(executable: executable, home: home)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: home) }

    /// Variables of the caller's shell that would change what terraform or the provider does.
    private static let unset = ["TF_LOG", "TF_LOG_PATH", "TF_LOG_CORE", "TF_LOG_PROVIDER", "TF_DATA_DIR", "TF_WORKSPACE",
                                "TF_CLI_ARGS", "TF_CLI_ARGS_init", "TF_CLI_ARGS_plan", "TF_CLI_ARGS_apply", "TF_CLI_ARGS_destroy",
                                "TF_CLI_ARGS_validate", "TF_REATTACH_PROVIDERS", "TF_PLUGIN_CACHE_DIR"] + MotoAccounts.unsetVariables

    /// `terraform ARGUMENTS…` in `directory`.
    func run(_ arguments: [String], in directory: URL) throws -> Support.Run {
        let environment = [
            "TF_CLI_CONFIG_FILE": home.appendingPathComponent("terraformrc").path,
            "TF_IN_AUTOMATION": "1", "TF_INPUT": "0", "CHECKPOINT_DISABLE": "1",
            // The AWS provider spends much of each start collecting garbage while it builds its
            // schema; fewer collections make every terraform run about a third faster.
            "GOGC": "400",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
        ]
        return try Support.run(["/usr/bin/env"] + Self.unset.flatMap { ["-u", $0] } + [executable] + arguments,
                               cwd: directory, environment: environment)
    }

    /// `terraform init -backend=false -plugin-dir=/opt/tf-plugins`, or a failure with its output.
    func initialize(_ directory: URL, _ label: String) throws -> Bool {
        let run = try run(["init", "-backend=false", "-plugin-dir=\(Self.pluginDirectory)", "-input=false", "-no-color"], in: directory)
        if run.status != 0 { XCTFail("\(label): terraform init exited \(run.status)\n\(run.stdout)\n\(run.stderr)") }
        return run.status == 0
    }
}

/// A generated module: its folder and the variables it needs a value for.
struct GeneratedModule {
    let directory: URL
    /// The account folder of a multi-account build (`111122223333`, `any-account`), else nil.
    let accountFolder: String?
    /// Every variable the module declares, and those declared without a default.
    let variables: [String]
    let requiredVariables: [String]

    /// The modules of one build's `terraform/` folder: the folder itself, or one per account.
    static func all(in terraform: URL) throws -> [GeneratedModule] {
        let fm = FileManager.default
        if fm.fileExists(atPath: terraform.appendingPathComponent("versions.tf").path) {
            return [try GeneratedModule(directory: terraform, accountFolder: nil)]
        }
        return try fm.contentsOfDirectory(atPath: terraform.path).sorted()
            .filter { fm.fileExists(atPath: terraform.appendingPathComponent($0).appendingPathComponent("versions.tf").path) }
            .map { try GeneratedModule(directory: terraform.appendingPathComponent($0), accountFolder: $0) }
    }

    init(directory: URL, accountFolder: String?) throws {
        self.directory = directory
        self.accountFolder = accountFolder
        // variables.tf as the backend writes it: `variable "NAME" {` … `}` at the start of lines.
        let text = try String(contentsOf: directory.appendingPathComponent("variables.tf"), encoding: .utf8)
        var all: [String] = [], required: [String] = []
        for block in text.components(separatedBy: "\nvariable \"").dropFirst() {
            let name = String(block.prefix { $0 != "\"" })
            let body = block.components(separatedBy: "\n}").first ?? ""
            all.append(name)
            if !body.contains("\n  default ") { required.append(name) }
        }
        variables = all
        requiredVariables = required
    }
}

/// A root module that calls generated modules, for `validate` and `apply` in one terraform run.
/// Module arguments come from root variables (values in terraform.tfvars.json, so no value is
/// read as an HCL template), and every module's outputs are passed through.
struct TerraformRoot {
    struct Call {
        var name: String
        var module: GeneratedModule
        /// Variable → value, for the variables the module declares; a required variable without
        /// a value stays unknown (fine for validate).
        var values: [String: String] = [:]
        var tags: [String: String]? = nil
    }

    static func write(_ calls: [Call], to directory: URL, motoEndpoint endpoint: String?) throws {
        var text = """
        terraform {
          required_providers {
            aws = {
              source = "hashicorp/aws"
            }
          }
        }

        """
        if let endpoint {
            text += """

            provider "aws" {
              region                      = "us-east-1"
              access_key                  = "testing"
              secret_key                  = "testing"
              skip_credentials_validation = true
              skip_requesting_account_id  = true
              skip_metadata_api_check     = true

              endpoints {
                iam           = "\(endpoint)"
                sts           = "\(endpoint)"
                organizations = "\(endpoint)"
                ssoadmin      = "\(endpoint)"
              }
            }

            """
        }
        var values: [String: Any] = [:]
        for call in calls {
            var arguments = ["  source = \"\(call.module.directory.path)\""]
            if let tags = call.tags {
                text += "\nvariable \"\(call.name)__tags\" {\n  type = map(string)\n}\n"
                arguments.append("  tags = var.\(call.name)__tags")
                values["\(call.name)__tags"] = tags
            }
            let extra = call.values.keys.filter { call.module.variables.contains($0) && !call.module.requiredVariables.contains($0) }.sorted()
            for variable in call.module.requiredVariables + extra {
                let root = "\(call.name)__\(variable)"
                text += "\nvariable \"\(root)\" {\n  type = string\n}\n"
                arguments.append("  \(variable) = var.\(root)")
                if let value = call.values[variable] { values[root] = value }
            }
            text += "\nmodule \"\(call.name)\" {\n" + arguments.joined(separator: "\n") + "\n}\n"
            text += "\noutput \"\(call.name)\" {\n  value = module.\(call.name)\n}\n"
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        if !values.isEmpty {
            try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])
                .write(to: directory.appendingPathComponent("terraform.tfvars.json"))
        }
    }
}

/// Specs that exist only for the terraform tests: deploy-time inputs (a sensitive external id,
/// an account, values that look like HCL templates), and names and tag keys that need care.
enum TerraformTestSpecs {
    static let inputs = #"""
    version: 1
    variables:
      external_id:
        input: true
        description: External id agreed with the partner
        sensitive: true
      partner_account:
        input: true
        default: "210987654321"
      data_bucket:
        input: true
        description: Bucket the partner reads
      dollar: "$"
    accounts:
      home: "111122223333"
      partner: ${partner_account}
    defaults:
      account: home
      tags:
        owner: platform
    policies:
      - name: tf-input-read
        description: Objects of ${data_bucket}
        statements:
          - allow: s3:GetObject
            resources: arn:aws:s3:::${data_bucket}/${aws:username}/*
    roles:
      - name: tf-input-partner
        description: Partner access to ${data_bucket} for ${dollar}${data_bucket}; literal $${data_bucket} and %{x}
        trust:
          - account: partner
            external_id: ${external_id}
        managed_policies: [tf-input-read]
        inline_policies:
          - name: list-own-prefix
            statements:
              - allow: s3:ListBucket
                resources: arn:aws:s3:::${data_bucket}
                conditions:
                  StringLike:
                    s3:prefix: ["${data_bucket}/${aws:username}/*", "home/"]
        tags:
          bucket: ${data_bucket}
        instance_profile: true

    """#

    /// Values for `inputs`; `partner_account` keeps its default. They look like HCL templates
    /// on purpose: a variable's value must reach AWS as it is.
    static let inputValues = ["external_id": #"ext-${aws:username} %{if} "q" \ end"#, "data_bucket": "tf-input-bucket"]

    static let names = #"""
    version: 1
    defaults:
      account: "111122223333"
      tags:
        Zürich: a
        東京東京: b
        x: ""
    policies:
      - name: policy.v2@team
        path: /team/
        statements:
          - allow: sqs:SendMessage
            resources: "*"
    roles:
      - name: role.v2@team
        path: /team/
        trust: [{service: ec2.amazonaws.com}]
        managed_policies: [policy.v2@team]
        instance_profile: profile+v2
      - name: 1-numeric-start
        max_session_duration: 5400
        trust: [{service: ec2.amazonaws.com}]

    """#

    /// Writes the specs into `directory`: name → path.
    static func write(to directory: URL) throws -> [(name: String, spec: URL, inputs: [String: String])] {
        let specs = [("tf-inputs", inputs, inputValues), ("tf-names", names, [:])]
        return try specs.map { name, text, values in
            let url = directory.appendingPathComponent(name + ".yaml")
            try text.write(to: url, atomically: true, encoding: .utf8)
            return (name, url, values)
        }
    }
}
