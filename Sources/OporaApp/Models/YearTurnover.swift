import Fluent
import Foundation

/// The record of one year's turnover, with the past year's curators, groups and open items as
/// they were at the turn.
final class YearTurnover: Model, @unchecked Sendable {
    static let schema = "year_turnovers"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Field(key: "from_year") var fromYear: Int
    @Field(key: "to_year") var toYear: Int
    @OptionalParent(key: "user_id") var user: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// `YearTurnoverService.Summary` as JSON.
    @Field(key: "summary") var summary: String
    init() {}

    var decoded: YearTurnoverService.Summary? { try? JSONDecoder().decode(YearTurnoverService.Summary.self, from: Data(summary.utf8)) }
}
