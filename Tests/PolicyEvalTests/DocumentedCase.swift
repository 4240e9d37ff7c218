import PolicyEval
import RoleGenCore
import XCTest

/// One example from AWS's documentation: policies, a request and the answer the page gives.
struct DocumentedCase {
    enum Expected {
        case allowed
        /// Denied by statement `index` of the policy named `origin`.
        case denied(origin: String, index: Int)
        case implicitlyDenied(ImplicitDenial)
        /// Allowed only under conditions on these keys (or resource patterns), in any order.
        case conditional(on: Set<String>)
    }

    var name: String
    var policies: PolicySet
    var request: Request
    var expected: Expected

    func check(file: StaticString = #filePath, line: UInt = #line) {
        let decision = policies.evaluate(request)
        switch (expected, decision) {
        case (.allowed, .allowed):
            break
        case let (.denied(origin, index), .denied(by: reference)):
            XCTAssertEqual([reference.origin, "\(reference.index)"], [origin, "\(index)"], name, file: file, line: line)
        case let (.implicitlyDenied(reason), .implicitlyDenied(actual)):
            XCTAssertEqual(reason, actual, name, file: file, line: line)
        case let (.conditional(keys), .allowedIf(formula)):
            let named = Set(formula.clauses.map { clause -> String in
                switch clause.test {
                case .condition(_, let key, _): key.value
                case .resourceMatches(let pattern): pattern.value
                }
            })
            XCTAssertEqual(named, keys, name, file: file, line: line)
        default:
            XCTFail("\(name): expected \(expected), got \(decision)", file: file, line: line)
        }
    }
}

extension Principal {
    static func user(_ name: String, tags: [String: String]? = nil) -> Principal {
        Principal(account: "111122223333", arn: "arn:aws:iam::111122223333:user/\(name)", tags: tags)
    }

    static func role(_ name: String) -> Principal {
        Principal(account: "111122223333", arn: "arn:aws:iam::111122223333:role/\(name)")
    }

    static func session(_ role: String, _ session: String) -> Principal {
        Principal(account: "111122223333", arn: "arn:aws:sts::111122223333:assumed-role/\(role)/\(session)")
    }
}
