import AWSCatalog
import RoleGenCore

extension PolicyChecker {
    /// How a name no source of the catalog knows, and close to no known one, is graded: an
    /// error, as in Access Analyzer, unless its service is retired or AWS's managed policies
    /// name it (then the catalog is behind). Returns the severity, the end of the message and the fix.
    func uncatalogued(prefix: String, namedByAWS: Bool) -> (severity: Severity, why: String, fixIt: String) {
        if let retired = UncataloguedNames.retiredServices[prefix.lowercased()] {
            return (.warning, "; \(retired) is retired and the Service Authorization Reference no longer lists it",
                    "remove it once nothing of yours uses the service")
        }
        if namedByAWS {
            return (.warning, " (\(catalogVersions)), but AWS managed policies name it (\(UncataloguedNames.policySource)): the catalog is behind, or the name was retired",
                    "check the name in the Service Authorization Reference")
        }
        return (.error, " (\(catalogVersions)) and no AWS managed policy names it", "check the name in the Service Authorization Reference")
    }
}
