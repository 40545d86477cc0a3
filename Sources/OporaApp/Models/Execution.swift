import Fluent
import Foundation
import OporaCore

/// The report on one occurrence of a measure: its due date (ISO; empty for no fixed date),
/// status, text, and the reviewer's answer.
final class MeasureProgress: Model, @unchecked Sendable {
    static let schema = "measure_progress"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "measure_id") var measure: Measure
    @Field(key: "due") var due: String
    @Enum(key: "status") var status: ProgressStatus
    @Field(key: "report") var report: String
    @Enum(key: "review") var review: ReviewState
    @OptionalField(key: "review_comment") var reviewComment: String?
    @Field(key: "updated_by") var updatedBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Children(for: \.$progress) var evidence: [Evidence]
    init() {}
    init(measureID: Int, due: String) {
        self.$measure.id = measureID
        self.due = due
        self.status = .notStarted
        self.report = ""
        self.review = .none
        self.updatedBy = ""
    }
}

enum EvidenceKind: String, Codable, CaseIterable, Sendable {
    case document, file, link
    var title: String {
        switch self {
        case .document: "документ"
        case .file: "файл"
        case .link: "ссылка"
        }
    }
}

/// Proof of work: a document reference (type, number, date), an uploaded file, or a link.
final class Evidence: Model, @unchecked Sendable {
    static let schema = "evidence"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "progress_id") var progress: MeasureProgress
    @Enum(key: "kind") var kind: EvidenceKind
    @Field(key: "title") var title: String
    @OptionalField(key: "doc_number") var docNumber: String?
    @OptionalField(key: "doc_date") var docDate: String?
    @OptionalField(key: "url") var url: String?
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "content_type") var contentType: String?
    @Field(key: "added_by") var addedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}

    var summary: String {
        switch kind {
        case .document:
            return title + (docDate.flatMap(LocalDate.init(parsing:)).map { " от \($0.russian)" } ?? "") + (docNumber.map { " № \($0)" } ?? "")
        case .file: return "\(title) (\(fileName ?? "файл"))"
        case .link: return "\(title): \(url ?? "")"
        }
    }
}

/// A dated snapshot of a roadmap's execution («1 раз в 3 месяца»), frozen as JSON.
final class MonitoringRound: Model, @unchecked Sendable {
    static let schema = "monitoring_rounds"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Field(key: "title") var title: String
    @Field(key: "as_of") var asOf: String
    @Field(key: "snapshot") var snapshot: String
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// The fact of an indicator at a monitoring round.
final class IndicatorFact: Model, @unchecked Sendable {
    static let schema = "indicator_facts"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "indicator_id") var indicator: RoadmapIndicator
    @Parent(key: "round_id") var round: MonitoringRound
    @Field(key: "value") var value: String
    @OptionalField(key: "comment") var comment: String?
    init() {}
}
