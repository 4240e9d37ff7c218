public enum Severity: String, Sendable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about the input: what is wrong, where, and how to fix it.
/// Diagnostics are values; stages return them and one formatter prints them.
public struct Diagnostic: Hashable, Sendable {
    public struct Note: Hashable, Sendable {
        public var message: String
        public var range: SourceRange?

        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var range: SourceRange?
    public var notes: [Note]
    /// A short suggested change, e.g. "did you mean `managed_policies`?".
    public var fixIt: String?

    public init(
        _ code: DiagnosticCode, _ severity: Severity = .error, _ message: String,
        at range: SourceRange?, notes: [Note] = [], fixIt: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIt = fixIt
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at range: SourceRange?,
        notes: [Note] = [], fixIt: String? = nil
    ) -> Diagnostic {
        Diagnostic(code, .error, message, at: range, notes: notes, fixIt: fixIt)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at range: SourceRange?,
        notes: [Note] = [], fixIt: String? = nil
    ) -> Diagnostic {
        Diagnostic(code, .warning, message, at: range, notes: notes, fixIt: fixIt)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in reading order: by file, then position; stable for equal positions.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let (l, r) = (a.element.range, b.element.range)
            if l?.file != r?.file { return (l?.file ?? "") < (r?.file ?? "") }
            if let l, let r, l.start.offset != r.start.offset { return l.start.offset < r.start.offset }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// Counts the errors of a diagnostics list that only grows, looking at each diagnostic once:
/// decoders ask after every part they read, and filtering the whole list each time made
/// runs with thousands of findings quadratic.
struct ErrorCounter {
    private var counted = 0
    private var errors = 0

    mutating func count(in diagnostics: [Diagnostic]) -> Int {
        if counted > diagnostics.count { self = ErrorCounter() }
        for diagnostic in diagnostics[counted...] where diagnostic.severity == .error { errors += 1 }
        counted = diagnostics.count
        return errors
    }
}
