import Fluent
import Foundation
import OporaCore
import Vapor

final class User: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "login") var login: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "full_name") var fullName: String
    @Field(key: "position") var position: String
    @OptionalField(key: "organization") var organization: String?
    @Enum(key: "role") var role: Role
    @OptionalParent(key: "authority_id") var authority: Authority?
    @OptionalParent(key: "school_id") var school: School?
    @Field(key: "active") var active: Bool
    /// A one-time password was handed out: every page leads to the change form until it is changed.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
    init(login: String, passwordHash: String, fullName: String, position: String, organization: String?, role: Role, authorityID: Int?, schoolID: Int?) {
        self.login = login
        self.passwordHash = passwordHash
        self.fullName = fullName
        self.position = position
        self.organization = organization
        self.role = role
        self.$authority.id = authorityID
        self.$school.id = schoolID
        self.active = true
        self.mustChangePassword = false
    }
}

extension User: ModelSessionAuthenticatable {}

/// Signs in the session's user only while the account is active: a deactivated account's
/// open sessions stop working on their next request.
struct ActiveUserSessionAuthenticator: AsyncSessionAuthenticator {
    typealias User = OporaApp.User

    func authenticate(sessionID: Int, for request: Request) async throws {
        if let user = try await User.find(sessionID, on: request.db), user.active {
            request.auth.login(user)
        }
    }
}

/// A curator assigned to a school by an order.
final class CuratorAssignment: Model, @unchecked Sendable {
    static let schema = "curator_assignments"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Parent(key: "school_id") var school: School
    @OptionalField(key: "order_number") var orderNumber: String?
    @OptionalField(key: "order_date") var orderDate: String?
    init() {}
    init(userID: Int, schoolID: Int, orderNumber: String?, orderDate: String?) {
        self.$user.id = userID
        self.$school.id = schoolID
        self.orderNumber = orderNumber
        self.orderDate = orderDate
    }
}

enum GroupKind: String, Codable, CaseIterable, Sendable {
    case working, mobile
    var title: String {
        switch self {
        case .working: "Муниципальная рабочая группа"
        case .mobile: "Муниципальная мобильная группа"
        }
    }
}

/// The working group and the mobile group of order 003.
final class StandingGroup: Model, @unchecked Sendable {
    static let schema = "standing_groups"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Enum(key: "kind") var kind: GroupKind
    @OptionalField(key: "order_number") var orderNumber: String?
    @OptionalField(key: "order_date") var orderDate: String?
    @Children(for: \.$group) var members: [GroupMember]
    init() {}
    init(authorityID: Int, kind: GroupKind, orderNumber: String?, orderDate: String?) {
        self.$authority.id = authorityID
        self.kind = kind
        self.orderNumber = orderNumber
        self.orderDate = orderDate
    }
}

final class GroupMember: Model, @unchecked Sendable {
    static let schema = "group_members"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "group_id") var group: StandingGroup
    @Field(key: "position_in_list") var order: Int
    @Field(key: "full_name") var fullName: String
    @Field(key: "position") var position: String
    @OptionalField(key: "comment") var comment: String?
    init() {}
    init(groupID: Int, order: Int, fullName: String, position: String, comment: String?) {
        self.$group.id = groupID
        self.order = order
        self.fullName = fullName
        self.position = position
        self.comment = comment
    }
}
