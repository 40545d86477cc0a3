import Fluent
import Foundation

/// A registry file kept between preview and apply, so the rows applied are the rows previewed
/// and no server memory is needed between the two requests.
final class RegistryDraft: Model, @unchecked Sendable {
    static let schema = "registry_drafts"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Parent(key: "region_id") var region: Region
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: Data
    @Field(key: "create_municipalities") var createMunicipalities: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
