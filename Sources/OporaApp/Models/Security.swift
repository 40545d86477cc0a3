import Fluent
import Foundation
import Vapor

/// Append-only: rows are inserted and never updated or deleted (no route or command does either).
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "user_login") var userLogin: String
    @OptionalField(key: "authority_id") var authorityID: Int?
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @OptionalField(key: "entity_id") var entityID: Int?
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    init() {}
}

/// A personal API token; only its SHA-256 is stored.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// A revoked token answers 401 from then on; the row stays for the record.
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    init() {}
    init(userID: Int, name: String, tokenHash: String) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = tokenHash
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }
}

/// Failed logins, kept in the database so throttling holds across instances.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "login") var login: String
    @Field(key: "at") var at: Date
    init() {}
    init(login: String, at: Date) {
        self.login = login
        self.at = at
    }
}
