import Fluent
import OporaCore
import Vapor

/// Students at risk of a school and their learning routes; the task-to-skill tables they use.
struct StudentsAtRiskService {
    let db: any Database

    typealias Test = ResultsTest

    /// Tests the school has results in, newest first; by default only Russian and mathematics.
    func tests(schoolID: Int, atRiskSubjectsOnly: Bool = true) async throws -> [Test] {
        // A school's results include those of schools merged into it.
        let lineage = try await SchoolLineage.ids(of: schoolID, on: db)
        let importIDs = Array(Set(try await ResultSumsRecord.query(on: db).filter(\.$school.$id ~~ lineage).filter(\.$className == nil)
            .field(\.$resultImport.$id).all().map(\.$resultImport.id)))
        guard !importIDs.isEmpty else { return [] }
        let imports = try await ResultImport.query(on: db).filter(\.$id ~~ importIDs).all()
        return Set(imports.filter { !atRiskSubjectsOnly || AtRiskRule.covers(subject: $0.subject) }.map(\.test))
            .sorted { ($1.year, $0.subject, $0.grade) < ($0.year, $1.subject, $1.grade) }
    }

    func students(schoolID: Int, authorityID: Int, test: Test) async throws -> (tasks: [AssessmentTask], students: [StudentAtRisk]) {
        let lineage = try await SchoolLineage.ids(of: schoolID, on: db)
        let (last, participants) = try await ResultsService(db: db).participants(schoolIDs: lineage, authorityID: authorityID, test: test)
        guard let last else { return ([], []) }
        return (last.tasks, AtRiskRule.find(participants, tasks: last.tasks))
    }

    /// Task label → content element, for one test (the same table serves every year).
    func skills(authorityID: Int, kind: AssessmentKind, subject: String, grade: Int) async throws -> [String: String] {
        let rows = try await TaskSkill.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$kind == kind)
            .filter(\.$subject == subject).filter(\.$grade == grade).all()
        return Dictionary(rows.map { ($0.taskLabel, $0.skill) }, uniquingKeysWith: { a, _ in a })
    }

    /// Replaces the table's entries; an empty text removes the task's entry.
    func saveSkills(_ skills: [String: String], authorityID: Int, kind: AssessmentKind, subject: String, grade: Int) async throws {
        try await db.transaction { tx in
            try await TaskSkill.query(on: tx).filter(\.$authority.$id == authorityID).filter(\.$kind == kind)
                .filter(\.$subject == subject).filter(\.$grade == grade).delete()
            for (label, skill) in skills.sorted(by: { $0.key < $1.key }) where !skill.isEmpty {
                let row = TaskSkill()
                row.$authority.id = authorityID
                row.kind = kind
                row.subject = subject
                row.grade = grade
                row.taskLabel = label
                row.skill = skill
                try await row.create(on: tx)
            }
        }
    }
}

import Foundation
