import Fluent
import Foundation
import OporaCore

/// A ШНОР paired with a strong school by an agreement (003 items 5–6).
final class MentorAgreement: Model, @unchecked Sendable {
    static let schema = "mentor_agreements"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Parent(key: "mentor_school_id") var mentorSchool: School
    @Parent(key: "school_id") var school: School
    @Field(key: "number") var number: String
    /// ISO dates.
    @Field(key: "date") var date: String
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    /// Предмет сотрудничества.
    @Field(key: "subject") var subject: String
    init() {}
}

/// A seminar, webinar, internship, master class, round table, meeting, visit, interview or open day.
final class SupportEvent: Model, @unchecked Sendable {
    static let schema = "support_events"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Enum(key: "kind") var kind: EventKind
    @Field(key: "title") var title: String
    @Field(key: "date") var date: String
    @Field(key: "organiser") var organiser: String
    /// Set when the event is a mentor school's, under its agreement.
    @OptionalParent(key: "agreement_id") var agreement: MentorAgreement?
    @OptionalField(key: "materials") var materials: String?
    @OptionalField(key: "protocol") var protocolText: String?
    @OptionalField(key: "other_participants") var otherParticipants: String?
    @Field(key: "created_by") var createdBy: String
    @Children(for: \.$event) var schools: [SupportEventSchool]
    @Children(for: \.$event) var participants: [SupportEventParticipant]
    init() {}
}

final class SupportEventSchool: Model, @unchecked Sendable {
    static let schema = "support_event_schools"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: SupportEvent
    @Parent(key: "school_id") var school: School
    init() {}
    init(eventID: Int, schoolID: Int) {
        $event.id = eventID
        $school.id = schoolID
    }
}

final class SupportEventParticipant: Model, @unchecked Sendable {
    static let schema = "support_event_participants"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: SupportEvent
    @Parent(key: "user_id") var user: User
    init() {}
    init(eventID: Int, userID: Int) {
        $event.id = eventID
        $user.id = userID
    }
}

/// What a visit saw at one school.
final class VisitFinding: Model, @unchecked Sendable {
    static let schema = "visit_findings"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: SupportEvent
    @Parent(key: "school_id") var school: School
    @Field(key: "lessons_attended") var lessonsAttended: Int
    /// 004: «уроки ниже ожидаемого уровня».
    @Field(key: "lessons_below_expected") var lessonsBelowExpected: Bool
    @OptionalField(key: "documents_checked") var documentsChecked: String?
    @Field(key: "findings") var findings: String
    init() {}
}

/// A recommendation of a visit for one school, tracked until done.
final class FollowUp: Model, @unchecked Sendable {
    static let schema = "follow_ups"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: SupportEvent
    @Parent(key: "school_id") var school: School
    @Field(key: "text") var text: String
    @Field(key: "due_date") var dueDate: String
    @Field(key: "done") var done: Bool
    @OptionalField(key: "done_at") var doneAt: String?
    @OptionalField(key: "done_note") var doneNote: String?
    init() {}

    var state: FollowUpState? { LocalDate(parsing: dueDate).map { FollowUpState(due: $0, done: done) } }
}

/// One entry of the consultation log.
final class Consultation: Model, @unchecked Sendable {
    static let schema = "consultations"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Enum(key: "kind") var kind: ConsultationKind
    @Field(key: "date") var date: String
    @Field(key: "topic") var topic: String
    @Field(key: "consultant") var consultant: String
    /// Who was consulted (name and position, as the log keeps it).
    @Field(key: "person") var person: String
    @OptionalParent(key: "school_id") var school: School?
    init() {}
}

/// The edited conclusions of a year's analytical report, and the order that approves it.
final class AnnualReportRecord: Model, @unchecked Sendable {
    static let schema = "annual_reports"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Field(key: "school_year") var schoolYear: Int
    @Field(key: "conclusions") var conclusions: String
    @OptionalField(key: "order_number") var orderNumber: String?
    @OptionalField(key: "order_date") var orderDate: String?
    @Field(key: "updated_by") var updatedBy: String
    init() {}
}

/// A school taking part in a support project in a year (the federal «500+» among them).
final class SchoolProject: Model, @unchecked Sendable {
    static let schema = "school_projects"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "school_id") var school: School
    @Field(key: "project") var project: String
    @Field(key: "year") var year: Int
    init() {}
    init(schoolID: Int, project: String, year: Int) {
        $school.id = schoolID
        self.project = project
        self.year = year
    }
}
