import Fluent
import Foundation
import OporaCore

enum ReviewStage: String, Codable, CaseIterable, Sendable {
    case none, submitted, changesRequested, agreed
    var title: String {
        switch self {
        case .none: "не подана на согласование"
        case .submitted: "на согласовании"
        case .changesRequested: "возвращена на доработку"
        case .agreed: "согласована куратором"
        }
    }
}

/// A submission of a school roadmap for review: a dated, immutable snapshot of what was sent.
final class RoadmapSubmission: Model, @unchecked Sendable {
    static let schema = "roadmap_submissions"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Field(key: "number") var number: Int
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "submitted_by") var submittedBy: String
    @Field(key: "snapshot") var snapshot: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A comment in the review of a school roadmap, on the whole roadmap or on one measure,
/// possibly answering another; `fromSchool` tells the side, so the other side is notified.
final class RoadmapComment: Model, @unchecked Sendable {
    static let schema = "roadmap_comments"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @OptionalParent(key: "measure_id") var measure: Measure?
    @OptionalParent(key: "parent_id") var parent: RoadmapComment?
    @Field(key: "author") var author: String
    @Field(key: "author_name") var authorName: String
    @Field(key: "from_school") var fromSchool: Bool
    @Field(key: "text") var text: String
    @Field(key: "seen") var seen: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// The interview (собеседование) on a school roadmap: date, participants, protocol.
final class RoadmapInterview: Model, @unchecked Sendable {
    static let schema = "roadmap_interviews"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Field(key: "held_on") var heldOn: String
    @Field(key: "participants") var participants: String
    @Field(key: "protocol") var protocolText: String
    @Field(key: "recorded_by") var recordedBy: String
    init() {}
}

/// When schools must have their roadmaps ready and published (000: by 1 and 4 March).
final class SchoolRoadmapDeadline: Model, @unchecked Sendable {
    static let schema = "school_roadmap_deadlines"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Field(key: "year") var year: Int
    @Field(key: "develop_by") var developBy: String
    @Field(key: "publish_by") var publishBy: String
    init() {}
}
