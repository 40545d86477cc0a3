import Fluent
import Foundation
import OporaCore

/// One municipality's part of an imported results file (a test of one subject and grade in one year).
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
    /// `[AssessmentTask]` as JSON, maxima settled.
    @Field(key: "tasks") var tasksJSON: String
    @OptionalField(key: "max_primary") var maxPrimary: Double?
    @Field(key: "imported_by") var importedBy: String
    /// Where the marks come from: the file itself, the conversion scale that produced them, or «нет шкалы перевода».
    @OptionalField(key: "marks_source") var marksSource: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// The regional file this part came from, when the region imported it.
    @OptionalParent(key: "region_import_id") var regionImport: ResultRegionImport?
    @Field(key: "participants") var participants: Int
    @Field(key: "absent") var absent: Int
    /// What the check said of the file (rescored totals, maxima from the file), one per line.
    @OptionalField(key: "warnings") var warnings: String?
    /// `ResultsSums` of every school of this import together, kept with the import so the
    /// municipality's and the region's figures need no pass over the schools.
    @OptionalField(key: "total") var totalText: String?
    init() {}

    var tasks: [AssessmentTask] { (try? JSONDecoder().decode([AssessmentTask].self, from: Data(tasksJSON.utf8))) ?? [] }
    var total: ResultsSums? { totalText.flatMap(ResultsSums.init(text:)) }
    var test: ResultsTest { ResultsTest(kind: kind, subject: subject, grade: grade, year: year) }
}

/// Which test: ВПР 2025, Математика, 5 класс.
struct ResultsTest: Hashable, Sendable, Codable {
    let kind: AssessmentKind
    let subject: String
    let grade: Int
    let year: Int
    var title: String { "\(kind.title) \(year), \(subject), \(grade) класс" }
}

/// A regional file imported once by the region: its rows went to each school's municipality.
final class ResultRegionImport: Model, @unchecked Sendable {
    static let schema = "result_region_imports"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "region_id") var region: Region
    @Enum(key: "kind") var kind: AssessmentKind
    @Field(key: "subject") var subject: String
    @Field(key: "grade") var grade: Int
    @Field(key: "year") var year: Int
    @Field(key: "file_name") var fileName: String
    @Field(key: "file_hash") var fileHash: String
    @Field(key: "imported_by") var importedBy: String
    @Field(key: "participants") var participants: Int
    /// Schools left out (not in the registry and not created), with their rows: the report of the import.
    @OptionalField(key: "skipped") var skipped: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// The sums of one school (class nil) or one of its classes in one import.
final class ResultSumsRecord: Model, @unchecked Sendable {
    static let schema = "result_sums"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "import_id") var resultImport: ResultImport
    @Parent(key: "school_id") var school: School
    @OptionalField(key: "class_name") var className: String?
    /// `ResultsSums` as JSON.
    @Field(key: "sums") var sumsJSON: String
    init() {}
    var sums: ResultsSums? { ResultsSums(text: sumsJSON) }
}

/// One school's participants in one import, by code only (no names: 152-ФЗ), as `ParticipantCodec` lines.
final class ResultParticipants: Model, @unchecked Sendable {
    static let schema = "result_participants"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "import_id") var resultImport: ResultImport
    @Parent(key: "school_id") var school: School
    @Field(key: "count") var count: Int
    @Field(key: "data") var data: Data
    init() {}

    func participants(tasks: Int) -> [ParticipantResult] { ParticipantCodec.decode([UInt8](data), tasks: tasks) }
}

/// What a header of a results file holds, as answered in the mapping step or on the mappings
/// page: the region's, so every municipality's file of that shape loads without questions.
final class ResultMapping: Model, @unchecked Sendable {
    static let schema = "result_mappings"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "region_id") var region: Region
    @Field(key: "header_key") var headerKey: String
    @Field(key: "column") var column: String
    @Field(key: "set_by") var setBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
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
