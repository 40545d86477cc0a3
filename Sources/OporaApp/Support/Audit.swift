import Fluent
import Foundation
import Vapor

/// Writes the append-only audit log: who, when, what, before → after.
enum Audit {
    /// `user == nil` is the server's own work; `by` names it («командная строка»).
    static func record(on db: any Database, user: User?, by: String? = nil, authorityID: Int?, action: String, entity: String, entityID: Int?, before: String? = nil, after: String? = nil) async throws {
        let e = AuditEntry()
        e.at = Date()
        e.userID = user?.id
        e.userLogin = user?.login ?? by ?? "система"
        e.authorityID = authorityID
        e.action = action
        e.entity = entity
        e.entityID = entityID
        e.before = before
        e.after = after
        try await e.create(on: db)
    }
}
