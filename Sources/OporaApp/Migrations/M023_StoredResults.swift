import Fluent
import Foundation
import OporaCore
import SQLKit

/// 023: results at a region's size — per school and per class the sums every figure needs
/// (read by pages instead of a million participant rows), each school's participants as one
/// compact record, regional imports that route rows to each school's municipality, uploads
/// kept for a region or a municipality, and column mappings that belong to the region.
/// Earlier participant rows and mappings are moved over, then their tables dropped.
struct M023_StoredResults: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("result_region_imports")
            .field(.id, .int, .identifier(auto: true))
            .field("region_id", .int, .required, .references("regions", "id"))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("grade", .int, .required)
            .field("year", .int, .required)
            .field("file_name", .string, .required)
            .field("file_hash", .string, .required)
            .field("imported_by", .string, .required)
            .field("participants", .int, .required)
            .field("skipped", .string)
            .field("created_at", .datetime)
            .unique(on: "region_id", "file_hash")
            .create()
        try await db.schema("result_imports").field("region_import_id", .int, .references("result_region_imports", "id")).update()
        try await db.schema("result_imports").field("participants", .int, .required, .sql(.default(0))).update()
        try await db.schema("result_imports").field("absent", .int, .required, .sql(.default(0))).update()
        try await db.schema("result_imports").field("warnings", .string).update()
        try await db.schema("result_imports").field("total", .string).update()
        try await db.schema("result_sums")
            .field(.id, .int, .identifier(auto: true))
            .field("import_id", .int, .required, .references("result_imports", "id", onDelete: .cascade))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("class_name", .string)
            .field("sums", .string, .required)
            .create()
        try await db.schema("result_participants")
            .field(.id, .int, .identifier(auto: true))
            .field("import_id", .int, .required, .references("result_imports", "id", onDelete: .cascade))
            .field("school_id", .int, .required, .references("schools", "id"))
            .field("count", .int, .required)
            .field("data", .data, .required)
            .create()
        try await db.schema("result_uploads")
            .field(.id, .int, .identifier(auto: true))
            .field("region_id", .int, .required, .references("regions", "id"))
            .field("authority_id", .int, .references("authorities", "id"))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("file_name", .string, .required)
            .field("content", .data, .required)
            .field("subject", .string)
            .field("grade", .int)
            .field("year", .int)
            .field("school_id", .int)
            .field("kind", .string)
            .field("decisions", .string)
            .field("created_at", .datetime)
            .create()
        try await db.schema("result_mappings")
            .field(.id, .int, .identifier(auto: true))
            .field("region_id", .int, .required, .references("regions", "id"))
            .field("header_key", .string, .required)
            .field("column", .string, .required)
            .field("set_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "region_id", "header_key")
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX result_sums_import_school ON result_sums (import_id, school_id)").run()
            try await sql.raw("CREATE INDEX result_sums_school ON result_sums (school_id)").run()
            try await sql.raw("CREATE INDEX result_participants_import_school ON result_participants (import_id, school_id)").run()
            try await sql.raw("CREATE INDEX result_participants_school ON result_participants (school_id)").run()
        }
        try await moveMappings(db)
        try await moveRows(db)
        try await db.schema("result_rows").delete()
        try await db.schema("result_drafts").delete()
        try await db.schema("result_column_maps").delete()
    }

    /// Mappings were kept per municipality; now per region, the first answer for a header wins.
    private func moveMappings(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let rows = try await sql.raw("""
            SELECT a.region_id AS region_id, m.header_key AS header_key, m."column" AS col FROM result_column_maps m
            JOIN authorities a ON a.id = m.authority_id ORDER BY m.id
            """).all()
        var seen = Set<String>()
        for row in rows {
            let region = try row.decode(column: "region_id", as: Int.self)
            let key = try row.decode(column: "header_key", as: String.self)
            guard seen.insert("\(region)|\(key)").inserted else { continue }
            try await sql.insert(into: "result_mappings").columns("region_id", "header_key", "column", "set_by", "updated_at")
                .values(SQLBind(region), SQLBind(key), SQLBind(try row.decode(column: "col", as: String.self)), SQLBind("перенесено"), SQLBind(Date())).run()
        }
    }

    /// Participant rows become each school's sums (whole and per class) and one record of lines.
    private func moveRows(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for imp in try await sql.raw("SELECT id, tasks, max_primary FROM result_imports").all() {
            let id = try imp.decode(column: "id", as: Int.self)
            let tasks = (try? JSONDecoder().decode([AssessmentTask].self, from: Data(try imp.decode(column: "tasks", as: String.self).utf8))) ?? []
            let maxPrimary = try imp.decode(column: "max_primary", as: Double?.self)
            let rows = try await sql.raw("""
                SELECT school_id, code, class_name, variant, scores, absent, primary_score, mark, journal_mark, test_score
                FROM result_rows WHERE import_id = \(bind: id) ORDER BY id
                """).all()
            var bySchool: [Int: [ParticipantResult]] = [:]
            var order: [Int] = []
            for r in rows {
                let school = try r.decode(column: "school_id", as: Int.self)
                let scores = (try? JSONDecoder().decode([Double?].self, from: Data(try r.decode(column: "scores", as: String.self).utf8))) ?? []
                var p = ParticipantResult(schoolLogin: nil, schoolName: nil, code: try r.decode(column: "code", as: String.self),
                                          className: try r.decode(column: "class_name", as: String?.self), variant: try r.decode(column: "variant", as: String?.self),
                                          scores: scores, absent: try r.decode(column: "absent", as: Bool.self), primary: try r.decode(column: "primary_score", as: Double?.self),
                                          mark: try r.decode(column: "mark", as: Int?.self), journalMark: try r.decode(column: "journal_mark", as: Int?.self))
                p.testScore = try r.decode(column: "test_score", as: Double?.self)
                if bySchool[school] == nil { order.append(school) }
                bySchool[school, default: []].append(p)
            }
            let schools = order.map { StoredResults.rows(schoolID: $0, participants: bySchool[$0] ?? [], tasks: tasks, maxPrimary: maxPrimary) }
            try await StoredResults.insert(schools, importID: id, year: nil, on: sql)
            var total = ResultsSums(tasks: tasks.count)
            for s in schools { total.merge(s.whole) }
            try await sql.update("result_imports").set("participants", to: SQLBind(total.present + total.absent)).set("absent", to: SQLBind(total.absent))
                .set("total", to: SQLBind(total.text)).where("id", .equal, SQLBind(id)).run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["result_mappings", "result_uploads", "result_participants", "result_sums"] { try await db.schema(table).delete() }
        for field in ["total", "warnings", "absent", "participants", "region_import_id"] { try await db.schema("result_imports").deleteField(.string(field)).update() }
        try await db.schema("result_region_imports").delete()
    }
}
