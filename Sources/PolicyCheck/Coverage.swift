import RoleGenCore

/// How rolegen's checks cover IAM Access Analyzer's policy validation: every ERROR check of
/// the "IAM policy validation check reference", and why the ones left out are left out.
/// docs/checks.md is generated from this and from `PolicyChecks.all`.
public enum AccessAnalyzerCoverage {
    /// The 79 ERROR checks of Access Analyzer (issue codes), in the reference's order.
    public static let errorChecks = [
        "ARN_ACCOUNT_NOT_ALLOWED", "ARN_REGION_NOT_ALLOWED", "DATA_TYPE_MISMATCH", "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
        "INVALID_ACTION", "INVALID_ARN_ACCOUNT", "INVALID_ARN_PREFIX", "INVALID_ARN_REGION", "INVALID_ARN_RESOURCE",
        "INVALID_ARN_SERVICE_CASE", "INVALID_CONDITION_DATA_TYPE", "INVALID_CONDITION_KEY_FORMAT",
        "INVALID_CONDITION_MULTIPLE_BOOLEAN", "INVALID_CONDITION_OPERATOR", "INVALID_EFFECT", "INVALID_GLOBAL_CONDITION_KEY",
        "INVALID_PARTITION", "INVALID_POLICY_ELEMENT", "INVALID_PRINCIPAL_FORMAT", "INVALID_PRINCIPAL_KEY", "INVALID_REGION",
        "INVALID_SERVICE", "INVALID_SERVICE_CONDITION_KEY", "INVALID_SERVICE_IN_ACTION", "INVALID_VARIABLE_FOR_OPERATOR",
        "INVALID_VERSION", "JSON_SYNTAX_ERROR", "MISSING_ACTION", "MISSING_ARN_FIELD", "MISSING_ARN_REGION", "MISSING_EFFECT",
        "MISSING_PRINCIPAL", "MISSING_QUALIFIER", "MISSING_RESOURCE", "MISSING_STATEMENT", "NULL_WITH_IF_EXISTS",
        "SCP_SYNTAX_ERROR_ACTION_WILDCARD", "SCP_SYNTAX_ERROR_PRINCIPAL", "UNIQUE_SIDS_REQUIRED", "UNSUPPORTED_ACTION_IN_POLICY",
        "UNSUPPORTED_ELEMENT_COMBINATION", "UNSUPPORTED_GLOBAL_CONDITION_KEY", "UNSUPPORTED_PRINCIPAL",
        "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", "UNSUPPORTED_SID", "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", "MISSING_BRACE_IN_VARIABLE",
        "MISSING_QUOTE_IN_VARIABLE", "UNSUPPORTED_SPACE_IN_VARIABLE", "EMPTY_VARIABLE", "VARIABLE_UNSUPPORTED_IN_ELEMENT",
        "VARIABLE_UNSUPPORTED_IN_VERSION", "PRIVATE_IP_ADDRESS", "PRIVATE_NOT_IP_ADDRESS", "POLICY_SIZE_EXCEEDS_SCP_QUOTA",
        "INVALID_SERVICE_PRINCIPAL_FORMAT", "MISSING_TAG_KEY_IN_CONDITION", "INVALID_VPC_FORMAT", "INVALID_VPCE_FORMAT",
        "FEDERATED_PRINCIPAL_NOT_SUPPORTED", "UNSUPPORTED_ACTION_FOR_CONDITION_KEY", "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
        "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
        "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", "TYPE_MISMATCH_IP_RANGE", "MISSING_ACTION_FOR_CONDITION_KEY",
        "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", "MISMATCHED_ACTION_FOR_PRINCIPAL",
        "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", "POLICY_SIZE_EXCEEDS_RCP_QUOTA", "RCP_SYNTAX_ERROR_PRINCIPAL",
        "RCP_SYNTAX_ERROR_ALLOW", "RCP_SYNTAX_ERROR_NOTACTION", "RCP_SYNTAX_ERROR_ACTION", "MISSING_ARN_ACCOUNT",
        "INVALID_KMS_KEY_VALUE", "VARIABLE_USAGE_TOO_PERMISSIVE", "WILDCARD_USAGE_TOO_PERMISSIVE",
    ]

    /// Checks done by other stages of rolegen.
    public static let elsewhere: [String: (code: DiagnosticCode, how: String)] = [
        "JSON_SYNTAX_ERROR": (.jsonSyntax, "`.json` files are read as strict JSON first: single quotes, bare keys, comments, trailing commas, NaN and Infinity, bad escapes and numbers are reported at their exact position"),
    ]

    /// ERROR checks left out, and why.
    public static let notCovered: [String: String] = [
        "SCP_SYNTAX_ERROR_ACTION_WILDCARD": "Retired rule: since September 2025 service control policies support the full IAM policy language, including wildcards at the start or in the middle of an action (AWS Organizations User Guide, \"SCP syntax\"). rolegen's former RG1107 was removed.",
        "VARIABLE_USAGE_TOO_PERMISSIVE": "Access Analyzer's list of sensitive condition keys and of the variables it deems too permissive is not published; a variable such as ${aws:PrincipalAccount} as a whole value is exact, and AWS's own managed policies use it so.",
    ]

    /// The checks whose descriptions name `issueCode`.
    public static func checks(for issueCode: String) -> [CheckDescription] {
        PolicyChecks.all.filter { $0.accessAnalyzer.contains(issueCode) }
    }

    /// docs/checks.md.
    public static func markdown() -> String {
        var out = """
        # Policy grammar checks

        Generated from `Sources/PolicyCheck/Checks.swift` and `Sources/PolicyCheck/Coverage.swift` by the test suite
        (`ROLEGEN_RECORD=1 scripts/test` rewrites it). `rolegen validate` and `rolegen build` run these checks on every
        policy a spec compiles to (trust, inline, customer and `document_file` policies) and on raw IAM policy files;
        the catalog they use is described by `rolegen catalog`.

        Each check names the IAM Access Analyzer policy checks (issue codes of `ValidatePolicy`) it corresponds to.
        Severities follow Access Analyzer's grading unless the note says why not. Kinds: identity, trust, resource,
        scp, rcp, boundary (empty: all).

        | code | check | severity | kinds | Access Analyzer | note |
        | --- | --- | --- | --- | --- | --- |

        """
        for check in PolicyChecks.all {
            let kinds = check.kinds.map(\.rawValue).joined(separator: ", ")
            let aa = check.accessAnalyzer.map { "`\($0)`" }.joined(separator: ", ")
            out += "| \(check.code.id) | \(check.code.title) | \(check.severity.rawValue) | \(kinds) | \(aa.isEmpty ? "—" : aa) | \(check.note ?? "") |\n"
        }
        let covered = errorChecks.filter { !checks(for: $0).isEmpty || elsewhere[$0] != nil }
        out += """

        ## Coverage of Access Analyzer's ERROR checks

        Access Analyzer has \(errorChecks.count) ERROR checks; rolegen covers \(covered.count) of them and leaves out
        \(errorChecks.count - covered.count), each for the reason given.

        | Access Analyzer ERROR check | rolegen | how |
        | --- | --- | --- |

        """
        for issue in errorChecks {
            let matching = checks(for: issue)
            if !matching.isEmpty {
                let codes = matching.map { "\($0.code.id) (\($0.severity.rawValue))" }.joined(separator: ", ")
                let graded = matching.contains { $0.severity != .error } ? "graded: see the note of each code" : "same grading"
                out += "| `\(issue)` | \(codes) | \(graded) |\n"
            } else if let other = elsewhere[issue] {
                out += "| `\(issue)` | \(other.code.id) (error) | \(other.how) |\n"
            } else {
                out += "| `\(issue)` | not covered | \(notCovered[issue] ?? "") |\n"
            }
        }
        return out
    }
}
