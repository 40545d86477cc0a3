import Vapor

/// A path parameter: `.key` when a route is registered (`:authorityID`), `.value(id)` when a
/// link is built. The shape of SwiftPackageIndex-Server's `SiteURL`: one enum both registers
/// every route and builds every link, so a renamed path cannot leave a dead link behind.
enum Parameter<Value: Hashable & CustomStringConvertible & Sendable>: Hashable, Sendable {
    case key
    case value(Value)
}

/// Every address the application answers, web pages and API alike. Routes are registered from
/// these cases (`routes.swift`) and views link to them; `RouteTableTests` checks that every
/// registered route is a case here and that every case's path reads back to the same case.
enum SiteRoute: Hashable, Sendable {
    case page(Page)
    case authority(Parameter<Int>, AuthorityResource)
    case groupMembers(authority: Parameter<Int>, kind: Parameter<String>)
    case school(Parameter<Int>, SchoolResource)
    case roadmap(Parameter<Int>, RoadmapResource)
    case measure(Parameter<Int>, MeasureResource)
    case list(Parameter<Int>, ListResource)
    case entry(Parameter<Int>, EntryResource)
    case listDraft(Parameter<Int>, DraftResource)
    case registryDraft(Parameter<Int>, DraftResource)
    case roadmapDraft(Parameter<Int>, DraftResource)
    case resultDraft(Parameter<Int>, ResultDraftResource)
    case evidence(Parameter<Int>, EvidenceResource)
    case round(Parameter<Int>, RoundResource)
    case riskGroup(Parameter<Int>, RiskGroupResource)
    case resultMapping(Parameter<Int>, ResultMappingResource)
    case event(Parameter<Int>, EventResource)
    case followUp(Parameter<Int>, FollowUpResource)
    case teacher(Parameter<Int>, TeacherResource)
    case teacherCourse(Parameter<Int>, TeacherCourseResource)
    case practice(Parameter<Int>, PracticeResource)
    case practiceFile(Parameter<Int>, PracticeFileResource)
    case publicPractice(Parameter<Int>)
    case publicPracticeFile(Parameter<Int>)
    case publicRoadmap(Parameter<String>)
    case indicator(Parameter<Int>, IndicatorResource)
    case riskFactor(Parameter<Int>, RiskFactorResource)
    case riskQuestion(Parameter<Int>)
    case user(Parameter<Int>, UserResource)
    case organization(Parameter<Int>, OrganizationResource)
    case groupMember(Parameter<Int>, GroupMemberResource)
    case token(Parameter<Int>, TokenResource)
    case api(APIRoute)

    /// Pages and actions without an object in their address.
    enum Page: String, CaseIterable {
        case home = ""
        case login, logout, health, metrics
        case styles = "styles.css"
        case script = "app.js"
        case profile
        case password = "profile/password"
        case tokens = "profile/tokens"
        case audit, authorities, accounts
        case registryImport = "registry/import"
        case regionResults = "results"
        case resultMappings = "results/mappings"
        case regionLists = "region/lists"
        case conversionScales = "conversion-scales"
        case conversionScalesImport = "conversion-scales/import"
        case riskFactors = "risk-factors"
        case publicPractices = "public/practices"
    }

    enum AuthorityResource: String, CaseIterable {
        case card = "", edit, close, organizations, schools, lists
        case listImport = "lists/import"
        case newYear = "new-year"
        case dynamics
        case dynamicsXLSX = "dynamics.xlsx"
        case dynamicsCSV = "dynamics.csv"
        case settings, people
        case peopleUsers = "people/users"
        case peopleCurators = "people/curators"
        case peopleSchoolHeads = "people/school-heads"
        case roadmaps
        case roadmapImport = "roadmaps/import"
        case schoolRoadmaps = "school-roadmaps"
        case riskSummary = "risk-summary"
        case riskGroups = "risk-groups"
        case results, support, events, agreements, consultations, projects, practices
        case annualReport = "annual-report"
        case annualReportDOCX = "annual-report.docx"
        case annualReportOrderDOCX = "annual-report-order.docx"
        case annualReportXLSX = "annual-report.xlsx"
        case teachersTraining = "teachers-training"
        case teachersTrainingXLSX = "teachers-training.xlsx"
        case taskSkills = "task-skills"
        case listProposal = "list-proposal"
        case templates
    }

    enum SchoolResource: String, CaseIterable {
        case card = "", edit, close, merge, risks
        case riskOverride = "risks/override"
        case selfAssessment = "self-assessment"
        case diagnosticCard = "diagnostic-card"
        case results, support, teachers
        case teacherDeficits = "teachers/deficits"
        case practices
        case studentsAtRisk = "students-at-risk"
        case studentsAtRiskXLSX = "students-at-risk.xlsx"
        case constructor
    }

    enum RoadmapResource: String, CaseIterable {
        case card = "", sections, goal, indicators, close, approve, copy, measures
        case orderDOCX = "order.docx"
        case exportXLSX = "export.xlsx"
        case timeline
        case timelineSVG = "timeline.svg"
        case rounds, submit, comments, decision, interviews, site
    }

    enum MeasureResource: String, CaseIterable { case card = "", progress, evidence, review, schools, edit, delete }
    enum ListResource: String, CaseIterable { case entries, order, approve }
    enum EntryResource: String, CaseIterable { case edit, delete }
    enum DraftResource: String, CaseIterable { case card = "", apply }
    enum ResultDraftResource: String, CaseIterable { case card = "", mapping, schools, apply }
    enum EvidenceResource: String, CaseIterable { case file }
    enum RoundResource: String, CaseIterable {
        case card = "", facts
        case reportXLSX = "report.xlsx"
        case reportDOCX = "report.docx"
    }
    enum RiskGroupResource: String, CaseIterable { case name }
    enum ResultMappingResource: String, CaseIterable { case forget }
    enum EventResource: String, CaseIterable {
        case card = "", findings
        case followUps = "follow-ups"
    }
    enum FollowUpResource: String, CaseIterable { case done }
    enum TeacherResource: String, CaseIterable { case card = "", deficits, courses, mentors }
    enum TeacherCourseResource: String, CaseIterable { case done }
    enum PracticeResource: String, CaseIterable { case card = "", publish, files }
    enum PracticeFileResource: String, CaseIterable { case card = "" }
    enum IndicatorResource: String, CaseIterable { case source }
    enum RiskFactorResource: String, CaseIterable { case card = "", questions }
    enum UserResource: String, CaseIterable {
        case card = ""
        case resetPassword = "reset-password"
        case deactivate
    }
    enum OrganizationResource: String, CaseIterable { case card = "", close }
    enum GroupMemberResource: String, CaseIterable { case delete }
    enum TokenResource: String, CaseIterable { case revoke }
}

/// The JSON API under `/api/v1`.
enum APIRoute: Hashable, Sendable {
    case openAPI
    case authorities
    case authority(Parameter<Int>, AuthorityResource)
    case school(Parameter<Int>, SchoolResource)
    case resultsSummary
    case resultImports
    case roadmaps
    case roadmapImport
    case roadmap(Parameter<Int>, RoadmapResource)

    enum AuthorityResource: String, CaseIterable {
        case card = "", schools
        case listEntries = "list-entries"
        case listDynamics = "list-dynamics"
        case riskSummary = "risk-summary"
    }
    enum SchoolResource: String, CaseIterable {
        case card = ""
        case riskProfiles = "risk-profiles"
        case roadmaps
        case diagnosticCard = "diagnostic-card"
    }
    enum RoadmapResource: String, CaseIterable {
        case card = ""
        case exportDOCX = "export.docx"
        case exportXLSX = "export.xlsx"
    }
}
