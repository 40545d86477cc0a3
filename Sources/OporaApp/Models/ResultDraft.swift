import Fluent
import Foundation

/// A results file kept between its check and its import, so the rows imported are the rows
/// checked: uploaded for the whole region (no authority) or for one municipality.
final class ResultDraft: Model, @unchecked Sendable {
    static let schema = "result_uploads"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "region_id") var region: Region
    @OptionalParent(key: "authority_id") var authority: Authority?
    @Parent(key: "user_id") var user: User
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: Data
    @OptionalField(key: "subject") var subject: String?
    @OptionalField(key: "grade") var grade: Int?
    @OptionalField(key: "year") var year: Int?
    /// The school a file without a school column belongs to.
    @OptionalField(key: "school_id") var schoolID: Int?
    /// ВПР, ОГЭ or ЕГЭ when the file does not say.
    @OptionalField(key: "kind") var kind: String?
    /// What to do with each school the registry does not know: `ResultsDecisions` as JSON.
    @OptionalField(key: "decisions") var decisions: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
