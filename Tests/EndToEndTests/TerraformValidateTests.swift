import Foundation
import XCTest

/// terraform accepts the terraform target as written: for every example (and the specs in
/// TerraformTestSpecs), `terraform fmt -check -recursive` finds nothing to change, and
/// `terraform init -backend=false -plugin-dir=/opt/tf-plugins` and `terraform validate` pass.
///
/// validate loads the AWS provider's schema, which takes seconds per run; one root module
/// that calls every generated module validates them all in a single run.
final class TerraformValidateTests: XCTestCase {
    func testEveryModuleIsFormattedAndValid() throws {
        let terraform = try TerraformTool.require(for: "terraform fmt/validate test")
        defer { terraform.cleanUp() }
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let started = Date()

        let examples = try FileManager.default.contentsOfDirectory(atPath: Support.packageRoot.appendingPathComponent("Examples").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { (String($0.dropLast(".yaml".count)), Support.packageRoot.appendingPathComponent("Examples/\($0)")) }
        XCTAssertFalse(examples.isEmpty)
        let specs = examples + (try TerraformTestSpecs.write(to: work)).map { ($0.name, $0.spec) }

        var calls: [TerraformRoot.Call] = []
        for (name, spec) in specs {
            let output = work.appendingPathComponent("out/\(name)")
            let build = try Support.rolegen(["build", spec.path, "-o", output.path, "--target", "terraform", "--color", "never"])
            guard build.status == 0 else {
                XCTFail("\(name): rolegen build exited \(build.status)\n\(build.stderr)")
                continue
            }
            let module = output.appendingPathComponent("terraform")
            let fmt = try terraform.run(["fmt", "-check", "-recursive", "-diff", "-no-color", module.path], in: work)
            XCTAssertEqual(fmt.status, 0, "\(name): terraform fmt would change the module:\n\(fmt.stdout)\(fmt.stderr)")
            for (index, generated) in try GeneratedModule.all(in: module).enumerated() {
                calls.append(TerraformRoot.Call(name: "\(name.replacingOccurrences(of: "-", with: "_"))_\(index)", module: generated))
            }
        }
        XCTAssertGreaterThan(calls.count, specs.count, "a multi-account example gives several modules")

        // fmt -check must be able to fail, or the checks above prove nothing.
        let misformatted = work.appendingPathComponent("misformatted")
        try FileManager.default.createDirectory(at: misformatted, withIntermediateDirectories: true)
        try "locals {\n  a = 1\n  bb = 2\n}\n".write(to: misformatted.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try terraform.run(["fmt", "-check", misformatted.path], in: work).status, 3, "terraform fmt -check flags unaligned =")

        let root = work.appendingPathComponent("root")
        try TerraformRoot.write(calls, to: root, motoEndpoint: nil)
        guard try terraform.initialize(root, "validate root") else { return }
        let validate = try terraform.run(["validate", "-json", "-no-color"], in: root)
        let result = (try? JSONSerialization.jsonObject(with: Data(validate.stdout.utf8))) as? [String: Any] ?? [:]
        XCTAssertEqual(validate.status, 0, "terraform validate:\n\(validate.stdout)\(validate.stderr)")
        XCTAssertEqual(result["valid"] as? Bool, true, validate.stdout)
        XCTAssertEqual(result["warning_count"] as? Int, 0, validate.stdout)
        print("TerraformValidateTests: \(calls.count) modules of \(specs.count) specs formatted and valid in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
