import RoleGenCore

/// Resource addresses and variable names, derived from IAM names.
///
/// A name that is already an HCL identifier (letters, digits, `_`, `-`, not starting with a
/// digit or `-`) is its own address, so `aws_iam_role.web-app-ec2` is the role `web-app-ec2`.
/// That is collision-free because IAM names are unique ignoring case. Other names (with
/// `+ = , . @`, or a leading digit or `-`) cannot be written as identifiers; they become the
/// name with those characters as `_`, plus `_` and 8 hex digits of a hash of the exact name,
/// so `app.v2` is `app_v2_…` and never meets `app_v2` or `app+v2`. An address depends on its
/// own name only: adding or removing other roles never moves a resource in the state.
enum TerraformNames {
    /// The preferred address of one name.
    static func address(for name: String) -> String {
        if HCL.isIdentifier(name) { return name }
        var slug = String(String.UnicodeScalarView(name.unicodeScalars.map {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") ? $0 : "_"
        }))
        if let first = slug.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") { slug = "_" + slug }
        return slug + "_" + OutputNames.hash(name)
    }

    /// Addresses for names that are unique ignoring case, in the order given. Should a hash
    /// ever make two addresses equal, the later name gets `_2`, `_3`, … so the module stays
    /// valid; for names AWS accepts this does not happen in practice.
    static func addresses(for names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var taken: Set<String> = []
        for name in names where result[name] == nil {
            let preferred = address(for: name)
            var candidate = preferred
            var counter = 2
            while taken.contains(candidate) {
                candidate = preferred + "_\(counter)"
                counter += 1
            }
            taken.insert(candidate)
            result[name] = candidate
        }
        return result
    }

    /// Addresses of service-linked roles: the service's name before `.amazonaws.com` with `.`
    /// as `_`, then `_` and the suffix (`autoscaling_batch`, `ecs_application-autoscaling`).
    static func linkedRoleAddresses(for roles: [ServiceLinkedRole]) -> [String: String] {
        let preferred = roles.map { role -> (key: String, name: String) in
            let service = role.service
            let prefix = service.hasSuffix(".amazonaws.com") ? String(service.dropLast(".amazonaws.com".count)) : service
            let name = prefix.replacingOccurrences(of: ".", with: "_") + (role.suffix.map { "_" + $0 } ?? "")
            return (role.key, name)
        }
        let byName = addresses(for: preferred.map(\.name))
        return Dictionary(uniqueKeysWithValues: preferred.map { ($0.key, byName[$0.name]!) })
    }

    /// Names Terraform does not allow for variables, plus the module's own `tags`.
    static let reservedVariableNames: Set<String> = [
        "source", "version", "providers", "count", "for_each", "lifecycle", "depends_on", "locals", "tags",
    ]

    /// Module variable names for deploy-time inputs: the input's own name, or with `_input`
    /// appended when Terraform reserves that name or the module uses it already.
    /// `alsoReserved` names variables of the module's own, such as `sso_instance_arn`.
    static func variableNames(for inputs: [String], alsoReserved: Set<String> = []) -> [String: String] {
        let reserved = reservedVariableNames.union(alsoReserved)
        var taken = reserved.union(inputs.filter { !reserved.contains($0) })
        var result: [String: String] = [:]
        for input in inputs.sorted() {
            guard reserved.contains(input) else {
                result[input] = input
                continue
            }
            var candidate = input + "_input"
            while taken.contains(candidate) { candidate += "_input" }
            taken.insert(candidate)
            result[input] = candidate
        }
        return result
    }
}

extension ServiceLinkedRole {
    /// The role's name in the module's outputs, since AWS chooses its IAM name: the service,
    /// and `/` and the suffix when there is one (a suffix cannot hold `/`).
    var key: String { service + (suffix.map { "/" + $0 } ?? "") }
}
