import Fluent
import SQLKit

/// Reads over many roadmaps at once, so list pages run the same queries for 1 or 60 roadmaps.
struct RoadmapQueries {
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
