import Fluent
import Foundation

/// A results file kept between its check and its import, so the rows imported are the rows checked.
final class ResultDraft: Model, @unchecked Sendable {
    static let schema = "result_drafts"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
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
    init() {}
}
