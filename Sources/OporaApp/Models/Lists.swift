import Fluent
import Foundation
import OporaCore

/// The list of one status approved for one year by one order.
final class SchoolList: Model, @unchecked Sendable {
    static let schema = "school_lists"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Field(key: "year") var year: Int
    @Enum(key: "status") var status: ListStatus
    @OptionalField(key: "order_number") var orderNumber: String?
    /// ISO yyyy-MM-dd.
    @OptionalField(key: "order_date") var orderDate: String?
    @OptionalField(key: "order_issuer") var orderIssuer: String?
    /// A list carried over into a new school year for review: not counted in any history or
    /// figure until the coordinator approves it by an order.
    @Field(key: "draft") var draft: Bool
    @Children(for: \.$list) var entries: [ListEntry]
    init() {}
    init(authorityID: Int, year: Int, status: ListStatus) {
        self.$authority.id = authorityID
        self.year = year
        self.status = status
        self.draft = false
    }

    var orderText: String? {
        guard let orderNumber, !orderNumber.isEmpty else { return nil }
        var s = "приказ"
        if let orderIssuer, !orderIssuer.isEmpty { s += " (\(orderIssuer))" }
        if let d = orderDate.flatMap(LocalDate.init(parsing:)) { s += " от \(d.russian)" }
        return s + " № \(orderNumber)"
    }
}

final class ListEntry: Model, @unchecked Sendable {
    static let schema = "list_entries"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "list_id") var list: SchoolList
    @Parent(key: "school_id") var school: School
    @OptionalField(key: "basis") var basis: String?
    init() {}
    init(listID: Int, schoolID: Int, basis: String?) {
        self.$list.id = listID
        self.$school.id = schoolID
        self.basis = basis
    }
}

/// An uploaded list file kept between preview and apply, so the rows applied are exactly
/// the rows previewed and no server memory is needed between the two requests.
final class ImportDraft: Model, @unchecked Sendable {
    static let schema = "import_drafts"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Parent(key: "user_id") var user: User
    @Field(key: "year") var year: Int
    @Enum(key: "status") var status: ListStatus
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: Data
    @OptionalField(key: "order_number") var orderNumber: String?
    @OptionalField(key: "order_date") var orderDate: String?
    @OptionalField(key: "order_issuer") var orderIssuer: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
