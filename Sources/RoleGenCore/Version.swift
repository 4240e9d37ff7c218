/// rolegen's version, shown by `rolegen --version` and recorded in generated output.
public enum RoleGenVersion {
    public static let current = "0.1.0"
}
