import Fluent
import SQLKit

/// 024: indexes on every foreign key and filter column that no unique constraint already leads.
/// Without them, a page that reads one roadmap's measures or one school's teachers scans the
/// whole table: cost grew with the municipality (60 roadmaps), not with what the page shows.
struct M024_Indexes: AsyncMigration {
    /// (table, columns): each becomes `<table>_<columns>_idx`.
    static let indexes: [(String, [String])] = [
        ("authorities", ["region_id"]),
        ("organizations", ["authority_id"]),
        ("schools", ["merged_into_id"]),
        ("users", ["authority_id"]),
        ("users", ["school_id"]),
        ("curator_assignments", ["school_id"]),
        ("group_members", ["group_id"]),
        ("list_entries", ["school_id"]),
        ("import_drafts", ["authority_id"]),
        ("import_drafts", ["user_id"]),
        ("audit_entries", ["authority_id", "id"]),
        ("audit_entries", ["entity", "entity_id"]),
        ("api_tokens", ["user_id"]),
        ("login_failures", ["login", "at"]),
        ("roadmaps", ["authority_id", "status"]),
        ("roadmaps", ["school_id"]),
        ("roadmap_levels", ["roadmap_id", "position"]),
        ("roadmap_sections", ["roadmap_id", "position"]),
        ("roadmap_sections", ["level_id"]),
        ("measures", ["roadmap_id", "position"]),
        ("measures", ["section_id"]),
        ("roadmap_indicators", ["roadmap_id", "position"]),
        ("roadmap_amendments", ["roadmap_id", "version"]),
        ("roadmap_import_drafts", ["authority_id"]),
        ("roadmap_import_drafts", ["user_id"]),
        ("evidence", ["progress_id"]),
        ("monitoring_rounds", ["roadmap_id"]),
        ("indicator_facts", ["round_id"]),
        ("measure_schools", ["school_id"]),
        ("risk_questions", ["factor_id"]),
        ("self_assessment_answers", ["question_id"]),
        ("risk_profile_entries", ["factor_id"]),
        ("measure_templates", ["authority_id"]),
        ("roadmap_submissions", ["roadmap_id"]),
        ("roadmap_comments", ["roadmap_id"]),
        ("roadmap_comments", ["measure_id"]),
        ("roadmap_comments", ["parent_id"]),
        ("roadmap_interviews", ["roadmap_id"]),
        ("risk_groups", ["authority_id"]),
        ("result_imports", ["region_import_id"]),
        ("result_imports", ["kind", "subject", "grade", "year"]),
        ("mentor_agreements", ["authority_id"]),
        ("mentor_agreements", ["mentor_school_id"]),
        ("mentor_agreements", ["school_id"]),
        ("support_events", ["authority_id", "date"]),
        ("support_events", ["agreement_id"]),
        ("support_event_schools", ["school_id"]),
        ("support_event_participants", ["user_id"]),
        ("visit_findings", ["school_id"]),
        ("follow_ups", ["event_id"]),
        ("follow_ups", ["school_id"]),
        ("consultations", ["authority_id"]),
        ("consultations", ["school_id"]),
        ("teachers", ["school_id"]),
        ("teacher_deficits", ["teacher_id"]),
        ("teacher_courses", ["teacher_id"]),
        ("teacher_mentorships", ["teacher_id"]),
        ("practices", ["authority_id"]),
        ("practices", ["school_id"]),
        ("practice_files", ["practice_id"]),
        ("registry_drafts", ["user_id"]),
        ("registry_drafts", ["region_id"]),
        ("year_turnovers", ["user_id"]),
        ("result_uploads", ["region_id"]),
        ("result_uploads", ["authority_id"]),
        ("result_uploads", ["user_id"]),
    ]

    static func name(_ table: String, _ columns: [String]) -> String {
        ([table] + columns + ["idx"]).joined(separator: "_")
    }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for (table, columns) in Self.indexes {
            var index = sql.create(index: Self.name(table, columns)).on(table)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for (table, columns) in Self.indexes {
            try await sql.drop(index: Self.name(table, columns)).run()
        }
    }
}
