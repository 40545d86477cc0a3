import Fluent
import Foundation

/// An effective practice: what a school did against which risk factors, with materials.
final class Practice: Model, @unchecked Sendable {
    static let schema = "practices"
    enum Status: String, Codable, Sendable { case draft, published }
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @OptionalParent(key: "school_id") var school: School?
    @Field(key: "title") var title: String
    @Field(key: "authors") var authors: String
    /// Codes of the risk factors addressed, comma-separated.
    @Field(key: "risk_factors") var riskFactors: String
    @Field(key: "description") var description: String
    /// One link per line.
    @OptionalField(key: "links") var links: String?
    @Enum(key: "status") var status: Status
    @OptionalField(key: "published_at") var publishedAt: String?
    @Field(key: "created_by") var createdBy: String
    @Children(for: \.$practice) var files: [PracticeFile]
    init() {}

    var factorCodes: [String] { riskFactors.split(separator: ",").map(String.init) }
    var linkList: [String] { (links ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

final class PracticeFile: Model, @unchecked Sendable {
    static let schema = "practice_files"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "practice_id") var practice: Practice
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "content") var content: Data
    init() {}
}
