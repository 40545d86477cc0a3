import Fluent
import SQLKit

/// 029: a school roadmap's submissions are numbered 1, 2, 3… once each: two submissions sent at
/// the same moment cannot both become № 2 (the second is refused as a conflict).
struct M029_SubmissionNumbers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await (db as? any SQLDatabase)?.create(index: "roadmap_submissions_roadmap_number").unique()
            .on("roadmap_submissions").column("roadmap_id").column("number").run()
    }

    func revert(on db: any Database) async throws {
        try await (db as? any SQLDatabase)?.drop(index: "roadmap_submissions_roadmap_number").run()
    }
}
