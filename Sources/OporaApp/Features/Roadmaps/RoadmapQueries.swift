import Fluent
import SQLKit

/// What start pages need of a roadmap, read without Fluent models (decoding 60 `Roadmap`
/// models was a sixth of the start page's time).
struct RoadmapHeader: Sendable {
    let id: Int
    let schoolID: Int?
    let status: RoadmapStatus
    let title: String
    var isActive: Bool { status == .approved || status == .inProgress }
}

/// Reads over many roadmaps at once, so list pages run the same queries for 1 or 60 roadmaps.
struct RoadmapQueries {
    /// Every roadmap of an authority, as headers.
    func headers(authorityID: Int) async throws -> [RoadmapHeader] {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable { let id: Int; let school_id: Int?; let status: String; let title: String }
        return try await sql.select().columns("id", "school_id", "status", "title").from(Roadmap.schema)
            .where("authority_id", .equal, SQLBind(authorityID)).orderBy("id")
            .all(decoding: Row.self)
            .compactMap { r in RoadmapStatus(rawValue: r.status).map { RoadmapHeader(id: r.id, schoolID: r.school_id, status: $0, title: r.title) } }
    }

    let db: any Database

    /// Measures per roadmap of an authority, in one grouped read.
    func measureCounts(authorityID: Int) async throws -> [Int: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        struct Row: Decodable { let roadmap_id: Int; let n: Int }
        let rows = try await sql.select()
            .column(SQLColumn("roadmap_id", table: "measures"))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from("measures")
            .join("roadmaps", on: SQLColumn("id", table: "roadmaps"), .equal, SQLColumn("roadmap_id", table: "measures"))
            .where(SQLColumn("authority_id", table: "roadmaps"), .equal, SQLBind(authorityID))
            .groupBy(SQLColumn("roadmap_id", table: "measures"))
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.roadmap_id, $0.n) }, uniquingKeysWith: +)
    }
}
