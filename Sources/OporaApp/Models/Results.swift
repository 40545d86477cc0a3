import Fluent
import Foundation
import OporaCore

/// One imported results file (a test of one subject and grade in one year).
final class ResultImport: Model, @unchecked Sendable {
    static let schema = "result_imports"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Enum(key: "kind") var kind: AssessmentKind
    @Field(key: "subject") var subject: String
    @Field(key: "grade") var grade: Int
    @Field(key: "year") var year: Int
    @Field(key: "file_name") var fileName: String
    /// SHA-256 of the file: importing the same file again changes nothing.
    @Field(key: "file_hash") var fileHash: String
    /// `[AssessmentTask]` as JSON.
    @Field(key: "tasks") var tasksJSON: String
    @OptionalField(key: "max_primary") var maxPrimary: Double?
    @Field(key: "imported_by") var importedBy: String
    /// Where the marks come from: the file itself, or the conversion scale that produced them.
    @OptionalField(key: "marks_source") var marksSource: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}

    var tasks: [AssessmentTask] { (try? JSONDecoder().decode([AssessmentTask].self, from: Data(tasksJSON.utf8))) ?? [] }
}

/// A participant's result, by code only (no names: 152-ФЗ).
final class ResultRow: Model, @unchecked Sendable {
    static let schema = "result_rows"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "import_id") var resultImport: ResultImport
    @Parent(key: "school_id") var school: School
    @Field(key: "code") var code: String
    @OptionalField(key: "class_name") var className: String?
    @OptionalField(key: "variant") var variant: String?
    /// Scores per task as JSON (`[Double?]`).
    @Field(key: "scores") var scoresJSON: String
    @Field(key: "absent") var absent: Bool
    @OptionalField(key: "primary_score") var primary: Double?
    @OptionalField(key: "mark") var mark: Int?
    @OptionalField(key: "journal_mark") var journalMark: Int?
    @OptionalField(key: "test_score") var testScore: Double?
    init() {}

    var participant: ParticipantResult {
        var p = ParticipantResult(schoolLogin: nil, schoolName: nil, code: code, className: className, variant: variant,
                          scores: (try? JSONDecoder().decode([Double?].self, from: Data(scoresJSON.utf8))) ?? [],
                          absent: absent, primary: primary, mark: mark, journalMark: journalMark)
        p.testScore = testScore
        return p
    }
}

/// What the user answered in the mapping step for one header text; the next file with that
/// header is read the same way without asking.
final class ResultColumnMap: Model, @unchecked Sendable {
    static let schema = "result_column_maps"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Field(key: "header_key") var headerKey: String
    @Field(key: "column") var column: String
    init() {}
}

/// One row of a test's task-to-skill table: the content element a task checks.
final class TaskSkill: Model, @unchecked Sendable {
    static let schema = "task_skills"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Enum(key: "kind") var kind: AssessmentKind
    @Field(key: "subject") var subject: String
    @Field(key: "grade") var grade: Int
    @Field(key: "task_label") var taskLabel: String
    @Field(key: "skill") var skill: String
    init() {}
}
