import Fluent
import Foundation
import Vapor

/// Writes the append-only audit log: who, when, what, before → after.
enum Audit {
    static func record(on db: any Database, user: User?, authorityID: Int?, action: String, entity: String, entityID: Int?, before: String? = nil, after: String? = nil) async throws {
        let e = AuditEntry()
        e.at = Date()
        e.userID = user?.id
        e.userLogin = user?.login ?? "система"
        e.authorityID = authorityID
        e.action = action
        e.entity = entity
        e.entityID = entityID
        e.before = before
        e.after = after
        try await e.create(on: db)
    }
}
