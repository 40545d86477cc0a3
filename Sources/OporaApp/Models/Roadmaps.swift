import Fluent
import Foundation
import OporaCore

enum RoadmapStatus: String, Codable, CaseIterable, Sendable {
    case draft, approved, inProgress, closed
    var title: String {
        switch self {
        case .draft: "Проект"
        case .approved: "Утверждена"
        case .inProgress: "Исполняется"
        case .closed: "Закрыта"
        }
    }
}

/// A roadmap (дорожная карта) of a municipal authority or of a school (ШДК).
final class Roadmap: Model, @unchecked Sendable {
    static let schema = "roadmaps"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @OptionalParent(key: "school_id") var school: School?
    @Field(key: "title") var title: String
    /// ISO dates of the period's first and last day.
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @OptionalField(key: "goal") var goal: String?
    @Field(key: "tasks") var tasks: [String]
    @Enum(key: "status") var status: RoadmapStatus
    @Field(key: "version") var version: Int
    @OptionalField(key: "order_number") var orderNumber: String?
    @OptionalField(key: "order_date") var orderDate: String?
    @OptionalField(key: "order_signatory") var orderSignatory: String?
    /// The unguessable part of the public link; set when the roadmap is approved.
    @OptionalField(key: "public_token") var publicToken: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Review of a school roadmap by its curator (migration 010).
    @Enum(key: "review_stage") var reviewStage: ReviewStage
    /// Where the school published its approved roadmap, and when.
    @OptionalField(key: "site_url") var siteURL: String?
    @OptionalField(key: "site_published_on") var sitePublishedOn: String?
    init() {}

    var period: RoadmapPeriod? {
        guard let s = LocalDate(parsing: periodStart), let e = LocalDate(parsing: periodEnd) else { return nil }
        return RoadmapPeriod(start: s, end: e)
    }

    var orderText: String? {
        guard let orderNumber else { return nil }
        return "приказ" + (orderDate.flatMap(LocalDate.init(parsing:)).map { " от \($0.russian)" } ?? "") + " № \(orderNumber)"
    }
}

final class RoadmapLevel: Model, @unchecked Sendable {
    static let schema = "roadmap_levels"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Field(key: "position") var position: Int
    @OptionalField(key: "title") var title: String?
    init() {}
    init(roadmapID: Int, position: Int, title: String?) {
        self.$roadmap.id = roadmapID
        self.position = position
        self.title = title
    }
}

final class RoadmapSection: Model, @unchecked Sendable {
    static let schema = "roadmap_sections"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Parent(key: "level_id") var level: RoadmapLevel
    @Field(key: "position") var position: Int
    @OptionalField(key: "title") var title: String?
    init() {}
    init(roadmapID: Int, levelID: Int, position: Int, title: String?) {
        self.$roadmap.id = roadmapID
        self.$level.id = levelID
        self.position = position
        self.title = title
    }
}

/// One measure (мероприятие) with its deadline as written and as read.
final class Measure: Model, @unchecked Sendable {
    static let schema = "measures"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Parent(key: "section_id") var section: RoadmapSection
    @Field(key: "position") var position: Int
    @Field(key: "number") var number: String
    @Field(key: "name") var name: String
    @OptionalField(key: "form") var form: String?
    @Field(key: "deadline_text") var deadlineText: String
    /// `Schedule` as JSON: the reading of `deadlineText`.
    @Field(key: "schedule") var scheduleJSON: String
    @Field(key: "responsible") var responsible: String
    @OptionalField(key: "expected_result") var expectedResult: String?
    @Field(key: "links") var links: [String]
    init() {}

    /// «1.» as written, «1» in headings.
    var displayNumber: String { number.hasSuffix(".") ? String(number.dropLast()) : number }

    var deadline: Deadline {
        let schedule = (try? JSONDecoder().decode(Schedule.self, from: Data(scheduleJSON.utf8))) ?? .unrecognized
        return Deadline(text: deadlineText, schedule: schedule)
    }

    func setDeadline(_ d: Deadline) {
        deadlineText = d.text
        scheduleJSON = (try? String(decoding: JSONEncoder().encode(d.schedule), as: UTF8.self)) ?? "{}"
    }
}

final class RoadmapIndicator: Model, @unchecked Sendable {
    static let schema = "roadmap_indicators"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Field(key: "position") var position: Int
    @Field(key: "name") var name: String
    @Field(key: "target") var target: String
    @Field(key: "unit") var unit: String
    /// Set when the fact is computed from the data (`IndicatorSource`), not typed in.
    @OptionalField(key: "source") var source: String?
    init() {}
    init(roadmapID: Int, position: Int, name: String, target: String, unit: String) {
        self.$roadmap.id = roadmapID
        self.position = position
        self.name = name
        self.target = target
        self.unit = unit
    }
}

/// A recorded change of an approved roadmap: what changed and by which order.
final class RoadmapAmendment: Model, @unchecked Sendable {
    static let schema = "roadmap_amendments"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "roadmap_id") var roadmap: Roadmap
    @Field(key: "version") var version: Int
    @Field(key: "order_number") var orderNumber: String
    @Field(key: "order_date") var orderDate: String
    @Field(key: "description") var description: String
    @Field(key: "user_login") var userLogin: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A roadmap file or pasted table kept between preview and apply.
final class RoadmapImportDraft: Model, @unchecked Sendable {
    static let schema = "roadmap_import_drafts"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @OptionalParent(key: "school_id") var school: School?
    @Parent(key: "user_id") var user: User
    @Field(key: "title") var title: String
    @Field(key: "period") var period: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A school a measure concerns.
final class MeasureSchool: Model, @unchecked Sendable {
    static let schema = "measure_schools"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "measure_id") var measure: Measure
    @Parent(key: "school_id") var school: School
    init() {}
    init(measureID: Int, schoolID: Int) {
        self.$measure.id = measureID
        self.$school.id = schoolID
    }
}
