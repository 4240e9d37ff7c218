import CYAML

/// Reads one YAML (or JSON) document into a `Node` tree with source ranges, using libyaml's
/// event parser. Aliases are expanded within `YAMLLimits`; merge keys are applied;
/// duplicate keys, tabs, BOMs and encoding problems become diagnostics.
public enum YAMLReader {
    public struct Result {
        public var root: Node?
        public var diagnostics: [Diagnostic]
    }

    public static func read(_ bytes: [UInt8], file: String, limits: YAMLLimits = .default) -> Result {
        var reader = EventReader(bytes: bytes, file: file, limits: limits)
        let root = reader.run()
        return Result(root: root, diagnostics: reader.diagnostics)
    }
}

/// Why reading stopped early; the diagnostic has already been recorded.
private struct Abort: Error {}

private struct EventReader {
    let bytes: [UInt8]
    let file: String
    let limits: YAMLLimits
    let lines: LineTable
    var diagnostics: [Diagnostic] = []

    private struct Frame {
        var isMapping: Bool
        var start: SourceLocation
        var anchor: String?
        var tag: String?
        var children: [Node] = []
        /// Nodes in this subtree once aliases are expanded.
        var size = 1
    }

    private var stack: [Frame] = []
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var aliasNodes = 0
    private var root: Node?
    private var documents = 0

    init(bytes: [UInt8], file: String, limits: YAMLLimits) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        self.lines = LineTable(bytes)
    }

    mutating func run() -> Node? {
        do {
            try checkEncoding()
            try parse()
        } catch {
            return nil
        }
        if documents == 0 || (root?.scalar?.isNull ?? false) {
            diagnostics.append(.error(.emptyDocument, "the file has no content", at: range(at: 0)))
            return nil
        }
        // Problems found while building nodes (duplicate keys, bad merge values) leave a
        // usable tree, so later stages can still report everything else in the file.
        return root
    }

    private mutating func fail(_ diagnostic: Diagnostic) -> Abort {
        diagnostics.append(diagnostic)
        return Abort()
    }

    private func range(at offset: Int) -> SourceRange {
        let location = lines.location(offset: offset)
        return SourceRange(file: file, start: location, end: location)
    }

    private mutating func checkEncoding() throws {
        if bytes.count > limits.maxInputBytes {
            throw fail(.error(
                .inputTooLarge, "file is \(bytes.count) bytes; the limit is \(limits.maxInputBytes)",
                at: .file(file), fixIt: "split the spec into several files, or raise the limit with --max-input-bytes"))
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw fail(.error(.encoding, "file is UTF-16 encoded; rolegen reads UTF-8 only",
                              at: range(at: 0), fixIt: "save the file as UTF-8 without a byte order mark"))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw fail(.error(.byteOrderMark, "file starts with a UTF-8 byte order mark",
                              at: range(at: 0), fixIt: "save the file as UTF-8 without a byte order mark"))
        }
    }

    private mutating func parse() throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw fail(.error(.ioError, "libyaml could not allocate a parser", at: .file(file)))
        }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw fail(syntaxError(parser))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try handle(event)
            }
        }
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        lines.location(line: Int(mark.line), column: Int(mark.column))
    }

    private func string(_ pointer: UnsafePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private mutating func handle(_ event: yaml_event_t) throws {
        let start = location(event.start_mark)
        let end = location(event.end_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw fail(.error(
                    .multipleDocuments, "a spec file holds one YAML document; found a second one here",
                    at: SourceRange(file: file, start: start, end: end),
                    fixIt: "move each document into its own file; rolegen accepts several files"))
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            if scalar.length > limits.maxScalarBytes {
                throw fail(.error(.scalarTooLong, "scalar is \(scalar.length) bytes; the limit is \(limits.maxScalarBytes)",
                                  at: SourceRange(file: file, start: start, end: start),
                                  fixIt: "raise the limit with --max-scalar-bytes if this is intended"))
            }
            let scalarBytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            let value = String(decoding: scalarBytes, as: UTF8.self)
            let style: Node.Scalar.Style
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let range = SourceRange(file: file, start: start, end: end)
            let tag = try checkedTag(string(scalar.tag), at: range)
            if let problem = ScalarText.problem(in: scalarBytes) {
                // Reported, and the tree kept, so the rest of the file is still checked; the
                // error stops the build before any backend sees the text.
                diagnostics.append(.error(.forbiddenCharacter, problem.message, at: range, fixIt: problem.fixIt))
            }
            let node = Node(.scalar(Node.Scalar(value, style: style)), range: range, tag: tag)
            try add(node, size: 1, anchor: string(scalar.anchor))
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            let range = SourceRange(file: file, start: start, end: end)
            guard let anchored = anchors[name] else {
                throw fail(.error(.undefinedAlias, "alias *\(name) refers to no complete anchor &\(name)", at: range,
                                  fixIt: "define the anchor before using it; an alias cannot refer to a node that contains it"))
            }
            aliasNodes += anchored.size
            if aliasNodes > limits.maxAliasNodes {
                throw fail(.error(.aliasExpansion, "aliases expand to more than \(limits.maxAliasNodes) nodes",
                                  at: range, fixIt: "this looks like an alias bomb; raise --max-alias-nodes only for trusted input"))
            }
            try add(anchored.node, size: anchored.size, anchor: nil)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count >= limits.maxDepth {
                throw fail(.error(.nestingTooDeep, "nesting is deeper than \(limits.maxDepth) levels",
                                  at: SourceRange(file: file, start: start, end: end),
                                  fixIt: "raise the limit with --max-depth if this is intended"))
            }
            let rawAnchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            let rawTag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let tag = try checkedTag(string(rawTag), at: SourceRange(file: file, start: start, end: end))
            stack.append(Frame(isMapping: isMapping, start: start, anchor: string(rawAnchor), tag: tag))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let range = SourceRange(file: file, start: frame.start, end: end)
            let node = frame.isMapping
                ? Node(.mapping(buildMapping(frame.children)), range: range, tag: frame.tag)
                : Node(.sequence(frame.children), range: range, tag: frame.tag)
            try add(node, size: frame.size, anchor: frame.anchor)
        default:
            break
        }
    }

    private mutating func add(_ node: Node, size: Int, anchor: String?) throws {
        if let anchor { anchors[anchor] = (node, size) }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
            stack[stack.count - 1].size += size
        }
    }

    private static let coreTags: Set<String> = ["str", "int", "bool", "null", "float", "seq", "map"].reduce(into: []) {
        $0.insert("tag:yaml.org,2002:" + $1)
    }

    private mutating func checkedTag(_ tag: String?, at range: SourceRange) throws -> String? {
        guard let tag, tag != "!" else { return nil }
        if Self.coreTags.contains(tag) { return tag }
        throw fail(.error(.unsupportedTag, "YAML tag \(tag) is not supported in a role spec", at: range,
                          fixIt: "remove the tag; rolegen specs use plain values (CloudFormation tags such as !Ref have no meaning here)"))
    }

    /// Pairs keys with values, reports duplicate keys and applies `<<` merge keys:
    /// explicit keys win over merged ones, earlier merge sources over later ones.
    private mutating func buildMapping(_ children: [Node]) -> [Node.Pair] {
        var pairs: [Node.Pair] = []
        pairs.reserveCapacity(children.count / 2)
        var seen = SeenKeys()
        var merged: [Node.Pair] = []
        var index = 0
        while index + 1 < children.count {
            let key = children[index], value = children[index + 1]
            index += 2
            guard let keyScalar = key.scalar else {
                diagnostics.append(.error(.wrongType, "mapping keys must be scalars, not \(key.kindDescription)", at: key.range))
                continue
            }
            if keyScalar.value == "<<" && keyScalar.style == .plain && key.tag == nil {
                merged.append(contentsOf: mergeSources(value))
                continue
            }
            if let first = seen.range(of: keyScalar.value) {
                diagnostics.append(.error(
                    .duplicateKey, "duplicate key '\(keyScalar.value)'", at: key.range,
                    notes: [.init("first defined here", at: first)],
                    fixIt: "remove one of the two entries; YAML keeps only one of them"))
                continue
            }
            seen.insert(keyScalar.value, at: key.range)
            pairs.append(Node.Pair(key: key, value: value))
        }
        for pair in merged {
            guard let name = pair.key.scalar?.value, seen.range(of: name) == nil else { continue }
            seen.insert(name, at: pair.key.range)
            pairs.append(pair)
        }
        return pairs
    }

    /// The keys of one mapping so far: a list while short, as most mappings are (hashing
    /// each key cost more than comparing), a table beyond.
    private struct SeenKeys {
        private var list: [(name: String, range: SourceRange)] = []
        private var table: [String: SourceRange]?

        func range(of name: String) -> SourceRange? {
            if let table { return table[name] }
            return list.first { $0.name == name }?.range
        }

        mutating func insert(_ name: String, at range: SourceRange) {
            if table != nil {
                table![name] = range
                return
            }
            list.append((name, range))
            if list.count > 16 {
                table = Dictionary(list, uniquingKeysWith: { first, _ in first })
                list = []
            }
        }
    }

    private mutating func mergeSources(_ value: Node) -> [Node.Pair] {
        switch value.content {
        case .mapping(let pairs):
            return pairs
        case .sequence(let items):
            var result: [Node.Pair] = []
            for item in items {
                guard let pairs = item.pairs else {
                    diagnostics.append(.error(.invalidMergeKey, "a merge key (<<) list may hold only mappings, not \(item.kindDescription)", at: item.range))
                    continue
                }
                result.append(contentsOf: pairs)
            }
            return result
        case .scalar:
            diagnostics.append(.error(.invalidMergeKey, "a merge key (<<) needs a mapping or a list of mappings, not \(value.kindDescription)", at: value.range))
            return []
        }
    }

    private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if parser.error == YAML_READER_ERROR {
            let at = range(at: parser.problem_offset)
            let message: String
            if problem.contains("control characters") {
                message = String(format: "control character U+%04X is not allowed in YAML", Int(parser.problem_value))
            } else if problem.contains("UTF-8") {
                message = "invalid UTF-8 byte sequence (\(problem))"
            } else {
                message = problem
            }
            return .error(.encoding, message, at: at, fixIt: "save the file as UTF-8 text")
        }
        let mark = location(parser.problem_mark)
        let at = SourceRange(file: file, start: mark, end: mark)
        let indentation = lines.lineBytes(mark.line).prefix { $0 == 0x20 || $0 == 0x09 }
        if indentation.contains(0x09) {
            var tab = mark
            tab.column = (indentation.firstIndex(of: 0x09)! - indentation.startIndex) + 1
            tab.offset = indentation.firstIndex(of: 0x09)!
            return .error(.tabIndentation, "tab character used for indentation",
                          at: SourceRange(file: file, start: tab, end: tab),
                          fixIt: "YAML indents with spaces only; replace the tab with spaces")
        }
        var message = problem
        var fixIt: String?
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context))"
            // `{` and `}` end a plain scalar inside [ ] and { }: the classic ${var} trap.
            if context.contains("flow") && String(decoding: lines.lineBytes(mark.line), as: UTF8.self).contains("${") {
                fixIt = "inside [ ] or { }, quote values that contain ${...}: [\"arn:aws:s3:::${bucket}\"]"
            }
        }
        var notes: [Diagnostic.Note] = []
        if parser.context != nil && parser.context_mark.line != parser.problem_mark.line {
            let contextMark = location(parser.context_mark)
            notes.append(.init("the construct started here", at: SourceRange(file: file, start: contextMark, end: contextMark)))
        }
        return .error(.yamlSyntax, message, at: at, notes: notes, fixIt: fixIt)
    }
}
