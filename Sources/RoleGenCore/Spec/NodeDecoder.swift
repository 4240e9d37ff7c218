import AWSCatalog
/// Typed access to YAML nodes that records a diagnostic for every mismatch instead of
/// throwing, so one run reports every problem in a file.
struct NodeDecoder {
    var diagnostics: [Diagnostic] = []
    /// `lint:` suppressions met so far, in reading order.
    var lintSuppressions: [LintSuppression] = []
    /// Whether statements may carry `lint:`: in spec files, not in IAM documents read from files.
    var readsLintSuppressions = false
    /// Errors so far; a part is dropped only when it added errors, never for warnings.
    var errorCount: Int { mutating get { errorCounter.count(in: diagnostics) + unreportedErrors } }
    private var errorCounter = ErrorCounter()
    /// Errors past `reportedErrorLimit`, counted but not kept: a file with a million broken
    /// entries would otherwise take most of a minute to report, and nobody reads past the first.
    private(set) var unreportedErrors = 0
    static let reportedErrorLimit = 10_000

    mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) {
        guard errorCounter.count(in: diagnostics) < Self.reportedErrorLimit else {
            unreportedErrors += 1
            return
        }
        diagnostics.append(.error(code, message, at: range, fixIt: fixIt))
    }

    /// The diagnostics, with one more that counts the errors left unreported.
    func closingDiagnostics(file: String) -> [Diagnostic] {
        guard unreportedErrors > 0 else { return diagnostics }
        return diagnostics + [.error(.tooManyErrors, "\(unreportedErrors) more errors in this file are not reported; fix the first \(Self.reportedErrorLimit) and run again",
                                     at: .file(file))]
    }

    /// The keys of a mapping, consumed one by one; `finish` reports the keys nobody took.
    struct Fields {
        let node: Node
        let context: String
        private(set) var values: [String: Node.Pair] = [:]
        private(set) var order: [String] = []
        /// Kept after `take`, so diagnostics can still point at a consumed key.
        private var keyRanges: [String: SourceRange] = [:]

        init(node: Node, pairs: [Node.Pair], context: String) {
            self.node = node
            self.context = context
            for pair in pairs {
                guard let key = pair.key.scalar?.value else { continue }
                values[key] = pair
                keyRanges[key] = pair.key.range
                order.append(key)
            }
        }

        var range: SourceRange { node.range }
        var keys: [String] { order }
        func has(_ key: String) -> Bool { values[key] != nil }
        func keyRange(_ key: String) -> SourceRange? { keyRanges[key] }

        mutating func take(_ key: String) -> Node? {
            values.removeValue(forKey: key)?.value
        }
    }

    mutating func mapping(_ node: Node, _ context: String) -> Fields? {
        guard let pairs = node.pairs else {
            error(.wrongType, "\(context) must be a mapping, found \(node.kindDescription)", at: node.range)
            return nil
        }
        return Fields(node: node, pairs: pairs, context: context)
    }

    /// Reports every key left in `fields` as unknown, with the closest allowed key.
    mutating func finish(_ fields: Fields, allowed: [String]) {
        for key in fields.keys where fields.has(key) {
            let range = fields.keyRange(key)!
            var fixIt: String?
            if let suggestion = Nearest.closest(to: key, in: allowed) {
                fixIt = "did you mean '\(suggestion)'?"
            } else {
                fixIt = "allowed keys: " + allowed.joined(separator: ", ")
            }
            error(.unknownKey, "unknown key '\(key)' in \(fields.context)", at: range, fixIt: fixIt)
        }
    }

    mutating func required(_ fields: inout Fields, _ key: String) -> Node? {
        if let node = fields.take(key) { return node }
        error(.missingKey, "\(fields.context) needs a '\(key)' key", at: fields.range)
        return nil
    }

    mutating func string(_ node: Node, _ what: String) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error(.wrongType, "\(what) must be a string, found \(node.kindDescription)", at: node.range)
            return nil
        }
        return Located(scalar.value, node.range)
    }

    mutating func nonEmptyString(_ node: Node, _ what: String) -> Located<String>? {
        guard let value = string(node, what) else { return nil }
        if value.value.isEmpty {
            error(.invalidValue, "\(what) must not be empty", at: node.range)
            return nil
        }
        return value
    }

    /// A string or a list of strings; YAML authors write both.
    mutating func strings(_ node: Node, _ what: String) -> [Located<String>]? {
        if let items = node.items {
            if items.isEmpty {
                error(.emptyList, "\(what) is an empty list", at: node.range)
                return nil
            }
            let values = items.compactMap { nonEmptyString($0, what) }
            return values.count == items.count ? values : nil
        }
        return nonEmptyString(node, what).map { [$0] }
    }

    mutating func list(_ node: Node, _ what: String) -> [Node]? {
        guard let items = node.items else {
            error(.wrongType, "\(what) must be a list, found \(node.kindDescription)", at: node.range)
            return nil
        }
        return items
    }

    /// Integers are plain decimal scalars; quoted numbers and YAML 1.1 forms (0x1F, 1_000) are rejected.
    mutating func integer(_ node: Node, _ what: String) -> Located<Int>? {
        if let scalar = node.scalar, scalar.style == .plain, !scalar.value.isEmpty,
           scalar.value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || (scalar.value.first == "-" && scalar.value.dropFirst().allSatisfy(\.isNumber)),
           let value = Int(scalar.value) {
            return Located(value, node.range)
        }
        error(.wrongType, "\(what) must be an integer, found \(describe(node))", at: node.range)
        return nil
    }

    /// YAML 1.1 spellings of booleans; rolegen accepts only `true` and `false`.
    static let booleanLike: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE", "Yes", "No", "YES", "NO", "On", "Off", "ON", "OFF"]

    /// Booleans are plain `true` or `false` only: no YAML 1.1 yes/no/on/off.
    mutating func bool(_ node: Node, _ what: String) -> Located<Bool>? {
        if let scalar = node.scalar, scalar.style == .plain {
            if scalar.value == "true" { return Located(true, node.range) }
            if scalar.value == "false" { return Located(false, node.range) }
        }
        var fixIt: String?
        if let scalar = node.scalar, Self.booleanLike.contains(scalar.value) {
            let meant = ["yes", "on", "y", "true"].contains(scalar.value.lowercased())
            fixIt = "write \(meant) (rolegen reads only true and false as booleans)"
        }
        error(.wrongType, "\(what) must be true or false, found \(describe(node))", at: node.range, fixIt: fixIt)
        return nil
    }

    private func describe(_ node: Node) -> String {
        guard let scalar = node.scalar else { return node.kindDescription }
        if scalar.isNull { return "null" }
        let text = scalar.value.count > 40 ? String(scalar.value.prefix(40)) + "…" : scalar.value
        return scalar.style == .plain ? "'\(text)'" : "the quoted string '\(text)'"
    }
}
