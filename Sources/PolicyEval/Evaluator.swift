import RoleGenCore

extension PolicySet {
    /// Decides a request as AWS does within one account (docs/evaluation.md): an applicable
    /// explicit Deny anywhere wins; then every RCP level and every SCP level must allow; then an
    /// identity policy or the resource policy must allow, and the permissions boundary must
    /// allow whatever is not granted directly to the requester by the resource policy.
    public func evaluate(_ request: Request) -> Decision {
        let facts = Facts(request)
        func judged(_ policy: NamedPolicy) -> [JudgedStatement] {
            policy.referencedStatements.map { reference, statement in
                JudgedStatement(reference: reference, effect: statement.effect.value,
                                applies: applies(statement, reference, request, facts), grantee: nil)
            }
        }
        let identity = identityPolicies.flatMap(judged)
        let boundary = permissionsBoundary.map(judged)
        // RCPs must name `"Principal": "*"`, so their Principal element is not judged.
        let rcpLevels = resourceControlPolicies.map { $0.flatMap(judged) }
        let scpLevels = serviceControlPolicies.map { $0.flatMap(judged) }
        let resource: [JudgedStatement] = resourcePolicy?.referencedStatements.map { reference, statement in
            var judgement = JudgedStatement(reference: reference, effect: statement.effect.value,
                                            applies: applies(statement, reference, request, facts),
                                            grantee: grantee(statement.principal, request.principal))
            // AWS: a Deny with NotPrincipal always denies a principal that has a boundary.
            if statement.effect.value == .deny, statement.principal?.negated == true, permissionsBoundary != nil {
                judgement.grantee = .bounded
            }
            return judgement
        } ?? []

        let everyStatement: [JudgedStatement] = identity + (boundary ?? []) + resource + scpLevels.joined() + rcpLevels.joined()
        let denies = everyStatement.filter { $0.effect == .deny && $0.grantee != .nobody }
        if let deciding = denies.first(where: { $0.applies == .always }) { return .denied(by: deciding.reference) }
        let explicitDeny = Formula.or(denies.map(\.applies))

        let rcpAllows = rcpLevels.map(\.allowed)
        let scpAllows = scpLevels.map(\.allowed)
        let identityAllow = identity.allowed
        let boundaryAllow = boundary?.allowed ?? .always
        let directAllow = resource.filter { $0.grantee == .direct }.allowed
        let boundedAllow = resource.filter { $0.grantee == .bounded }.allowed
        let granted = Formula.or([.and([.or([identityAllow, boundedAllow]), boundaryAllow]), directAllow])

        switch Formula.and([.negation(explicitDeny)] + rcpAllows + scpAllows + [granted]) {
        case .always:
            let throughBoundary: [JudgedStatement] = boundaryAllow == .always ? identity + resource.filter { $0.grantee == .bounded } : []
            let grants: [JudgedStatement] = (throughBoundary + resource.filter { $0.grantee == .direct })
                .filter { $0.effect == .allow && $0.applies == .always }
            return .allowed(by: grants.map(\.reference))
        case .never:
            if let level = rcpAllows.firstIndex(of: .never) { return .implicitlyDenied(.notAllowedByResourceControlPolicies(level: level)) }
            if let level = scpAllows.firstIndex(of: .never) { return .implicitlyDenied(.notAllowedByServiceControlPolicies(level: level)) }
            if Formula.or([identityAllow, boundedAllow, directAllow]) != .never && boundaryAllow == .never {
                return .implicitlyDenied(.notAllowedByPermissionsBoundary)
            }
            return .implicitlyDenied(.noAllow)
        case let conditional:
            return .allowedIf(conditional)
        }
    }
}

/// One statement with what the request makes of it.
struct JudgedStatement {
    var reference: StatementReference
    var effect: Effect
    /// Whether action, resource and conditions match.
    var applies: Formula
    /// How a resource policy's Principal names the requester; `nil` for policies without one.
    var grantee: Grantee?
}

extension [JudgedStatement] {
    /// Whether some Allow statement applies.
    var allowed: Formula {
        .or(filter { $0.effect == .allow && $0.grantee != .nobody && $0.grantee != .account }.map(\.applies))
    }
}
