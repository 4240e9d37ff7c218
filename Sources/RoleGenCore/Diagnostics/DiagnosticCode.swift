/// A stable diagnostic identifier. Codes never change meaning once released:
/// RG00xx input and YAML, RG01xx spec structure, RG02xx resolution and AWS limits,
/// RG1xxx the IAM policy grammar checks (PolicyCheck).
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    public let title: String
    /// A sentence or two on why the check exists and how to fix a finding (SARIF rule help).
    public let help: String?
    /// Where AWS documents the problem, when it does.
    public let helpURI: String?

    public init(_ id: String, _ title: String, help: String? = nil, helpURI: String? = nil) {
        self.id = id
        self.title = title
        self.help = help
        self.helpURI = helpURI
    }

    public var description: String { id }

    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

extension DiagnosticCode {
    // Input and YAML front end.
    public static let ioError = DiagnosticCode("RG0001", "file cannot be read or written")
    public static let yamlSyntax = DiagnosticCode("RG0002", "YAML syntax error")
    public static let encoding = DiagnosticCode("RG0003", "file is not valid UTF-8 text")
    public static let byteOrderMark = DiagnosticCode("RG0004", "byte order mark")
    public static let tabIndentation = DiagnosticCode("RG0005", "tab used for indentation")
    public static let duplicateKey = DiagnosticCode("RG0006", "duplicate mapping key")
    public static let inputTooLarge = DiagnosticCode("RG0007", "input exceeds the size limit")
    public static let nestingTooDeep = DiagnosticCode("RG0008", "nesting exceeds the depth limit")
    public static let aliasExpansion = DiagnosticCode("RG0009", "aliases expand beyond the limit")
    public static let undefinedAlias = DiagnosticCode("RG0010", "alias to an undefined or enclosing anchor")
    public static let invalidMergeKey = DiagnosticCode("RG0011", "invalid merge key value")
    public static let multipleDocuments = DiagnosticCode("RG0012", "more than one YAML document")
    public static let emptyDocument = DiagnosticCode("RG0013", "empty file")
    public static let scalarTooLong = DiagnosticCode("RG0014", "scalar exceeds the length limit")
    public static let unsupportedTag = DiagnosticCode("RG0015", "unsupported YAML tag")
    public static let forbiddenCharacter = DiagnosticCode(
        "RG0016", "character not allowed in text",
        help: "Control characters other than tab, line feed and carriage return, Unicode noncharacters and text not in normalization form C are refused wherever they appear: IAM refuses them, JSON tools choke on them, or Terraform would silently change them.")

    public static let tooManyErrors = DiagnosticCode(
        "RG0017", "too many errors in one file",
        help: "After 10,000 errors in one spec file the rest are counted, not reported: fix the first ones and run again.")

    public static let jsonSyntax = DiagnosticCode(
        "RG0018", "not valid JSON",
        help: "A .json file must be strict JSON, as IAM's parser reads it: double-quoted strings and keys, no comments, no trailing commas, no NaN or Infinity, only JSON's escapes. YAML syntax belongs in .yaml files.",
        helpURI: "https://www.rfc-editor.org/rfc/rfc8259")

    // Spec structure.
    public static let unknownKey = DiagnosticCode("RG0101", "unknown key")
    public static let wrongType = DiagnosticCode("RG0102", "value has the wrong type")
    public static let missingKey = DiagnosticCode("RG0103", "required key missing")
    public static let invalidValue = DiagnosticCode("RG0104", "invalid value")
    public static let unsupportedVersion = DiagnosticCode("RG0105", "unsupported spec version")
    public static let conflictingKeys = DiagnosticCode("RG0106", "keys that exclude each other")
    public static let emptyList = DiagnosticCode("RG0107", "empty list")

    // Resolution: names, variables, references, AWS limits.
    public static let undefinedVariable = DiagnosticCode("RG0201", "undefined variable")
    public static let variableCycle = DiagnosticCode("RG0202", "variables refer to each other in a cycle")
    public static let unknownAccount = DiagnosticCode("RG0203", "unknown account name")
    public static let unknownPolicy = DiagnosticCode("RG0204", "unknown policy reference")
    public static let duplicateName = DiagnosticCode("RG0205", "name defined more than once")
    public static let accountRequired = DiagnosticCode("RG0206", "an account id is needed")
    public static let nameLimit = DiagnosticCode("RG0207", "name breaks an AWS limit")
    public static let pathLimit = DiagnosticCode("RG0208", "path breaks an AWS limit")
    public static let descriptionLimit = DiagnosticCode("RG0209", "description breaks an AWS limit")
    public static let sessionDurationLimit = DiagnosticCode("RG0210", "max_session_duration out of range")
    public static let tagLimit = DiagnosticCode("RG0211", "tags break an AWS limit")
    public static let policyDocument = DiagnosticCode("RG0212", "malformed policy document")
    public static let shadowedPolicy = DiagnosticCode("RG0213", "spec policy shadows an AWS managed policy")
    public static let policySizeLimit = DiagnosticCode("RG0214", "policy document exceeds its size quota")
    public static let attachmentQuota = DiagnosticCode("RG0215", "too many managed policies attached")
    public static let missingInput = DiagnosticCode("RG0216", "a target needs a value for a deploy-time input")
    public static let unknownLinkedService = DiagnosticCode("RG0217", "service not known to have a service-linked role")

    // Custom checks (`checks:` in .rolegen.yaml).
    public static let customCheck = DiagnosticCode(
        "RG3900", "custom check: access not allowed",
        help: "A check of .rolegen.yaml names accesses (action and resource) that no role or permission set may have; the evaluation engine found one that may, through the statements the notes name. Remove or narrow the grant, add a Deny, or list the role under the check's except_roles.")

    /// Every code, for documentation and `rolegen` help.
    public static let all: [DiagnosticCode] = [
        .ioError, .yamlSyntax, .encoding, .byteOrderMark, .tabIndentation, .duplicateKey,
        .inputTooLarge, .nestingTooDeep, .aliasExpansion, .undefinedAlias, .invalidMergeKey,
        .multipleDocuments, .emptyDocument, .scalarTooLong, .unsupportedTag, .forbiddenCharacter, .tooManyErrors, .jsonSyntax,
        .unknownKey, .wrongType, .missingKey, .invalidValue, .unsupportedVersion, .conflictingKeys,
        .emptyList,
        .undefinedVariable, .variableCycle, .unknownAccount, .unknownPolicy, .duplicateName,
        .accountRequired, .nameLimit, .pathLimit, .descriptionLimit, .sessionDurationLimit,
        .tagLimit, .policyDocument, .shadowedPolicy, .policySizeLimit, .attachmentQuota, .missingInput,
        .unknownLinkedService,
    ] + policyGrammar + [.customCheck]
}
