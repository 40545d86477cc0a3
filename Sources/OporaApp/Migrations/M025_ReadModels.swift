import Fluent
import Foundation
import SQLKit

/// 025: read models so a page's cost does not grow with the municipality — due dates of measures
/// as rows (one query for overdue and due-soon across all roadmaps) and evidence files in their
/// own table (a page listing evidence no longer loads every file's bytes). Both are filled from
/// the existing data here.
struct M025_ReadModels: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("measure_occurrences")
            .field(.id, .int, .identifier(auto: true))
            .field("measure_id", .int, .required, .references("measures", "id", onDelete: .cascade))
            .field("roadmap_id", .int, .required, .references("roadmaps", "id", onDelete: .cascade))
            .field("due", .string, .required)
            .unique(on: "measure_id", "due")
            .create()
        try await db.schema("evidence_files")
            .field(.id, .int, .identifier(auto: true))
            .field("evidence_id", .int, .required, .references("evidence", "id", onDelete: .cascade))
            .field("content", .data, .required)
            .unique(on: "evidence_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "measure_occurrences_roadmap_due_idx").on("measure_occurrences").column("roadmap_id").column("due").run()
        try await sql.create(index: "measure_occurrences_due_idx").on("measure_occurrences").column("due").run()

        // Fill the occurrences of existing roadmaps from their measures' schedules.
        for roadmap in try await Roadmap.query(on: db).all() {
            try await MeasureOccurrence.rewrite(roadmap: roadmap, on: db)
        }
        // Move evidence files out of the evidence rows.
        try await sql.raw("INSERT INTO evidence_files (evidence_id, content) SELECT id, file_data FROM evidence WHERE file_data IS NOT NULL").run()
        try await db.schema("evidence").deleteField("file_data").update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("evidence").field("file_data", .data).update()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("UPDATE evidence SET file_data = (SELECT content FROM evidence_files WHERE evidence_files.evidence_id = evidence.id)").run()
        }
        try await db.schema("evidence_files").delete()
        try await db.schema("measure_occurrences").delete()
    }
}
