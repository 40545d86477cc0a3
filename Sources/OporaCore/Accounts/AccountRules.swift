/// Who may create, change, reset and deactivate whose account.
///
/// The region creates municipal coordinators and its own observers and administrators; a
/// coordinator creates the accounts of its municipality below its own role and never raises one
/// above it. Plain data in, yes or no out, so the rule is tested without a server.
public enum AccountRules {
    public struct Actor: Sendable, Equatable {
        public let role: Role
        public let authorityID: Int?
        public init(role: Role, authorityID: Int?) {
            self.role = role
            self.authorityID = authorityID
        }
    }

    /// Roles this actor may give to an account (creating it, or changing its role).
    public static func grantableRoles(by actor: Actor) -> [Role] {
        switch actor.role {
        case .regionalAdmin: Role.allCases
        case .coordinator: [.methodologist, .curator, .schoolHead, .schoolStaff]
        default: []
        }
    }

    public static func canGrant(_ role: Role, by actor: Actor) -> Bool { grantableRoles(by: actor).contains(role) }

    /// Whether the actor may create an account with this role in this municipality.
    public static func canCreate(role: Role, authorityID: Int?, by actor: Actor) -> Bool {
        guard canGrant(role, by: actor) else { return false }
        if role.isRegional { return authorityID == nil }
        guard let authorityID else { return false }
        switch actor.role {
        case .regionalAdmin: return true
        case .coordinator: return actor.authorityID == authorityID
        default: return false
        }
    }

    /// Whether the actor may reset the password of, deactivate or edit an existing account.
    public static func canManage(target role: Role, authorityID: Int?, by actor: Actor) -> Bool {
        switch actor.role {
        case .regionalAdmin: return true
        case .coordinator: return authorityID != nil && authorityID == actor.authorityID && canGrant(role, by: actor)
        default: return false
        }
    }

    /// The account needs a school (head and staff) or must not have one.
    public static func needsSchool(_ role: Role) -> Bool { role == .schoolHead || role == .schoolStaff }

    /// Logins: Latin letters, digits, dots, hyphens, underscores; 3 to 40; lower case.
    public static func isValidLogin(_ login: String) -> Bool {
        guard (3...40).contains(login.count), let first = login.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return login.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }
}
