import RoleGenCore
import XCTest

/// Runs the pure stages (YAML → spec → model) on an in-memory spec.
func compile(_ text: String, file: String = "spec.yaml", variables: [String: String] = [:],
             limits: YAMLLimits = .default) -> (model: Model?, diagnostics: [Diagnostic]) {
    compile(bytes: Array(text.utf8), file: file, variables: variables, limits: limits)
}

func compile(bytes: [UInt8], file: String = "spec.yaml", variables: [String: String] = [:],
             limits: YAMLLimits = .default) -> (model: Model?, diagnostics: [Diagnostic]) {
    let read = YAMLReader.read(bytes, file: file, limits: limits)
    guard let root = read.root, !read.diagnostics.hasErrors else { return (nil, read.diagnostics) }
    let (spec, specDiagnostics) = SpecDecoder.decode(root, path: file)
    guard let spec else { return (nil, read.diagnostics + specDiagnostics) }
    let (model, resolveDiagnostics) = Resolver.resolve([spec], documents: [:], commandLineVariables: variables)
    return (model, read.diagnostics + specDiagnostics + resolveDiagnostics)
}

/// A minimal valid role around `body` lines (indented as role keys).
func spec(role body: String = "", top: String = "") -> String {
    """
    version: 1
    \(top)
    roles:
      - name: app
        trust:
          - service: ec2.amazonaws.com
    \(body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))

    """
}

/// Asserts that exactly the given (code, line, column) diagnostics of error severity appear.
func assertErrors(_ diagnostics: [Diagnostic], _ expected: [(DiagnosticCode, Int, Int)],
                  file: StaticString = #filePath, line: UInt = #line) {
    let errors = diagnostics.filter { $0.severity == .error }
    let actual = errors.map { "\($0.code.id) \($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" }
    let wanted = expected.map { "\($0.0.id) \($0.1):\($0.2)" }
    XCTAssertEqual(actual, wanted, errors.map { "\($0.code.id) \($0.message)" }.joined(separator: "\n"), file: file, line: line)
}

extension Model {
    func role(_ name: String) -> Role? { roles.first { $0.name == name } }
}
