import OporaCore
import Vapor

struct RoadmapSummaryDTO: Content {
    let id: Int
    let authorityId: Int
    let schoolId: Int?
    let title: String
    let periodStart: String
    let periodEnd: String
    let status: String
    let version: Int
    let order: OrderDTO?
    let publicUrl: String?

    init(_ r: Roadmap) throws {
        id = try r.requireID()
        authorityId = r.$authority.id
        schoolId = r.$school.id
        title = r.title
        periodStart = r.periodStart
        periodEnd = r.periodEnd
        status = r.status.rawValue
        version = r.version
        order = r.orderNumber == nil ? nil : OrderDTO(number: r.orderNumber, date: r.orderDate, issuer: r.orderSignatory)
        publicUrl = r.publicToken.map { SiteRoute.publicRoadmap($0).path }
    }
}

struct DeadlineDTO: Content {
    let text: String
    let reading: String
    let needsReview: Bool
}

struct OccurrenceDTO: Content {
    let due: String?
    let status: ProgressStatus
    let review: ReviewState
    let urgency: String
}

struct MeasureDTO: Content {
    let id: Int
    let number: String
    let name: String
    let form: String?
    let deadline: DeadlineDTO
    let responsible: String
    let expectedResult: String?
    let links: [String]
    let occurrences: [OccurrenceDTO]
}

struct RoadmapDTO: Content {
    struct Section: Content { let title: String?; let measures: [MeasureDTO] }
    struct Level: Content { let title: String?; let sections: [Section] }
    struct Indicator: Content { let name: String; let target: String; let unit: String }
    let roadmap: RoadmapSummaryDTO
    let goal: String?
    let tasks: [String]
    let indicators: [Indicator]
    let levels: [Level]

    init(_ tree: RoadmapTree, occurrences: [OccurrenceRow], today: LocalDate) throws {
        roadmap = try RoadmapSummaryDTO(tree.roadmap)
        goal = tree.roadmap.goal
        tasks = tree.roadmap.tasks
        indicators = tree.indicators.map { .init(name: $0.name, target: $0.target, unit: $0.unit) }
        let byMeasure = Dictionary(grouping: occurrences, by: { $0.measure.id ?? -1 })
        levels = try tree.levels.map { level in
            Level(title: level.model.title, sections: try level.sections.map { section in
                Section(title: section.model.title, measures: try section.measures.map { m in
                    let d = m.deadline
                    return MeasureDTO(id: try m.requireID(), number: m.number, name: m.name, form: m.form,
                                      deadline: DeadlineDTO(text: d.text, reading: d.reading, needsReview: d.needsReview),
                                      responsible: m.responsible, expectedResult: m.expectedResult, links: m.links,
                                      occurrences: (byMeasure[m.id ?? -1] ?? []).map { o in
                                          OccurrenceDTO(due: o.due?.iso, status: o.status, review: o.progress?.review ?? .none, urgency: o.urgency(today: today).rawValue)
                                      })
                })
            })
        }
    }
}

struct RoadmapImportDTO: Content {
    let authorityId: Int
    let schoolId: Int?
    let title: String
    /// «2025» or «2024-2025».
    let period: String
    /// The table as pasted from Word or Excel (tab-separated), with its header row.
    let text: String
}

struct ImportProblemsDTO: Content {
    let error: String
    let status: Int
    let problems: [String]
    let warnings: [String]
}

/// A roadmap created from structured JSON (rather than a pasted table).
struct RoadmapCreateDTO: Content {
    struct Measure: Content {
        let number: String
        let name: String
        let form: String?
        let deadline: String
        let responsible: String
        let expectedResult: String?
        let links: [String]?
    }
    struct Section: Content { let title: String?; let measures: [Measure] }
    struct Level: Content { let title: String?; let sections: [Section] }
    struct Indicator: Content { let name: String; let target: String; let unit: String }
    let authorityId: Int
    let schoolId: Int?
    let title: String
    let period: String
    let goal: String?
    let tasks: [String]?
    let indicators: [Indicator]?
    let levels: [Level]
}
