import Fluent
import Foundation
import OporaCore
import SQLKit

/// A school as pages that list many schools show it. Read with plain SQL: Fluent finds a
/// model's properties by reflection on every decoded row, and decoding 300 `School` models was
/// a third of the lists page's time (perf, scripts/bench-web).
struct SchoolEntry: Sendable {
    let id: Int
    let authorityID: Int
    let kind: SchoolKind
    let number: Int?
    let shortName: String
    let fullName: String
    let aliases: [String]
    let fisLogin: String?
    let status: SchoolStatus
    let closedOn: String?
    let closedReason: String?

    var isActive: Bool { status == .active }
    var closedYear: Int? { closedOn.flatMap(LocalDate.init(parsing:))?.year }
    var statusText: String? { School.statusText(status, closedOn: closedOn, reason: closedReason) }
}

struct SchoolDirectory {
    let db: any Database

    /// The schools of an authority in natural order of their short names.
    func schools(authorityID: Int, activeOnly: Bool = false) async throws -> [SchoolEntry] {
        try await read { query in
            query.where("authority_id", .equal, SQLBind(authorityID))
            if activeOnly { query.where("status", .equal, SQLBind(SchoolStatus.active.rawValue)) }
        }
    }

    /// These schools, in natural order.
    func schools(ids: [Int]) async throws -> [SchoolEntry] {
        guard !ids.isEmpty else { return [] }
        return try await read { $0.where("id", .in, SQLBind.group(ids)) }
    }

    private func read(_ filter: (SQLSelectBuilder) -> Void) async throws -> [SchoolEntry] {
        guard let sql = db as? any SQLDatabase else { throw PublicError(.internalServerError, "SQL database required") }
        struct Row: Decodable {
            let id: Int; let authority_id: Int; let kind: String; let number: Int?; let short_name: String; let full_name: String
            let aliases: [String]; let fis_login: String?; let status: String; let closed_on: String?; let closed_reason: String?
        }
        let query = sql.select()
            .columns("id", "authority_id", "kind", "number", "short_name", "full_name", "aliases", "fis_login", "status", "closed_on", "closed_reason")
            .from(School.schema)
        filter(query)
        return try await query.all(decoding: Row.self).map { r in
            SchoolEntry(id: r.id, authorityID: r.authority_id, kind: SchoolKind(rawValue: r.kind) ?? .sosh, number: r.number, shortName: r.short_name,
                        fullName: r.full_name, aliases: r.aliases, fisLogin: r.fis_login, status: SchoolStatus(rawValue: r.status) ?? .active,
                        closedOn: r.closed_on, closedReason: r.closed_reason)
        }.sortedNaturally(by: \.shortName)
    }
}
