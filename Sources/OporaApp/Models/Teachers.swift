import Fluent
import Foundation
import OporaCore

/// A teacher or a member of the management team of a school.
final class Teacher: Model, @unchecked Sendable {
    static let schema = "teachers"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "school_id") var school: School
    @Field(key: "full_name") var fullName: String
    @Field(key: "position") var position: String
    @OptionalField(key: "subject") var subject: String?
    @Field(key: "management_team") var managementTeam: Bool
    @Children(for: \.$teacher) var deficits: [TeacherDeficit]
    @Children(for: \.$teacher) var courses: [TeacherCourse]
    init() {}
}

/// A professional deficit found by diagnostics in a year.
final class TeacherDeficit: Model, @unchecked Sendable {
    static let schema = "teacher_deficits"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "teacher_id") var teacher: Teacher
    @Field(key: "year") var year: Int
    @Enum(key: "kind") var kind: DeficitKind
    @Field(key: "description") var description: String
    /// Goes on the list of teachers needing subject training sent to the region (004).
    @Field(key: "needs_subject_training") var needsSubjectTraining: Bool
    init() {}
}

/// A course (КПК) of a teacher's development route: planned, then completed.
final class TeacherCourse: Model, @unchecked Sendable {
    static let schema = "teacher_courses"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "teacher_id") var teacher: Teacher
    @Field(key: "title") var title: String
    @OptionalField(key: "provider") var provider: String?
    @OptionalField(key: "hours") var hours: Int?
    /// When it is planned, as the route says it («октябрь 2026», «I полугодие»).
    @Field(key: "planned") var planned: String
    @Field(key: "completed") var completed: Bool
    @OptionalField(key: "completed_at") var completedAt: String?
    init() {}
}

/// A subject mentor of a teacher (003 item 9).
final class TeacherMentorship: Model, @unchecked Sendable {
    static let schema = "teacher_mentorships"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "teacher_id") var teacher: Teacher
    @Field(key: "mentor_name") var mentorName: String
    @OptionalField(key: "mentor_school") var mentorSchool: String?
    @Field(key: "subject") var subject: String
    @Field(key: "since") var since: String
    init() {}
}
