import Fluent
import Foundation
import OporaCore
import Vapor

/// «Новый учебный год»: the year's lists carried into the next year as drafts for review, the
/// curators and standing groups carried on (their composition at the turn is kept in the record),
/// and what is left open — recommendations not reported done, roadmap measures not done — listed.
/// Nothing of the past year changes.
struct YearTurnoverService {
    let db: any Database
    /// Long lists of open items are cut on the page and in the record; the counts stay whole.
    static let maxItems = 500

    struct Summary: Codable, Equatable {
        struct ListLine: Codable, Equatable {
            let status: ListStatus
            let schools: Int
            /// Schools left out: closed or merged before the new year.
            let leftOut: [String]
            /// The new year already has this list: it is not touched.
            let exists: Bool
        }
        struct Curator: Codable, Equatable { let curator: String; let school: String; let order: String? }
        struct Group: Codable, Equatable { let kind: String; let order: String?; let members: [String] }
        struct OpenItem: Codable, Equatable { let school: String; let text: String; let due: String; let source: String }

        let fromYear: Int
        let toYear: Int
        let lists: [ListLine]
        let curators: [Curator]
        let groups: [Group]
        let openFollowUps: [OpenItem]
        let openFollowUpCount: Int
        let unfinishedMeasures: [OpenItem]
        let unfinishedMeasureCount: Int
    }

    /// The last year with approved lists: the year to carry from.
    func defaultFromYear(authorityID: Int) async throws -> Int? {
        try await ListQueries(db: db).years(authorityID: authorityID).last
    }

    func summary(authorityID: Int, from year: Int) async throws -> Summary {
        let to = year + 1
        let lists = try await SchoolList.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$year ~~ [year, to]).with(\.$entries).all()
        let schools = try await School.query(on: db).filter(\.$authority.$id == authorityID).all()
        let byID = Dictionary(schools.compactMap { s in s.id.map { ($0, s) } }, uniquingKeysWith: { a, _ in a })
        var lines: [Summary.ListLine] = []
        for status in ListStatus.allCases {
            guard let list = lists.first(where: { $0.year == year && $0.status == status && !$0.draft }) else { continue }
            let exists = lists.contains { $0.year == to && $0.status == status }
            let leftOut = list.entries.compactMap { e -> String? in
                guard let s = byID[e.$school.id], let closed = s.closedYear, closed < to else { return nil }
                return "\(s.shortName) (\(s.statusText ?? "закрыта"))"
            }
            lines.append(.init(status: status, schools: list.entries.count - leftOut.count, leftOut: leftOut, exists: exists))
        }
        let assignments = try await CuratorAssignment.query(on: db).with(\.$user).with(\.$school).all().filter { $0.school.$authority.id == authorityID }
        let groups = try await StandingGroup.query(on: db).filter(\.$authority.$id == authorityID).with(\.$members).all()
        let followUps = try await FollowUp.query(on: db).filter(\.$done == false).with(\.$event).with(\.$school).all()
            .filter { $0.event.$authority.id == authorityID }
            .sorted { $0.dueDate < $1.dueDate }
        let measures = try await unfinishedMeasures(authorityID: authorityID, year: year)
        return Summary(
            fromYear: year, toYear: to, lists: lines,
            curators: assignments.map { .init(curator: $0.user.fullName, school: $0.school.shortName, order: PeopleController.orderText($0.orderNumber, $0.orderDate)) }
                .sorted { ($0.curator, $0.school) < ($1.curator, $1.school) },
            groups: groups.map { g in .init(kind: g.kind.title, order: PeopleController.orderText(g.orderNumber, g.orderDate),
                                            members: g.members.sorted { $0.order < $1.order }.map { "\($0.fullName), \($0.position)" }) },
            openFollowUps: followUps.prefix(Self.maxItems).map { f in
                .init(school: f.school.shortName, text: f.text, due: LocalDate(parsing: f.dueDate)?.russian ?? f.dueDate, source: "\(f.event.kind.title) \(LocalDate(parsing: f.event.date)?.russian ?? f.event.date)")
            },
            openFollowUpCount: followUps.count,
            unfinishedMeasures: Array(measures.prefix(Self.maxItems)), unfinishedMeasureCount: measures.count)
    }

    /// Occurrences due in the year (or without a date) of the municipality's approved roadmaps
    /// whose period touches the year, not reported done.
    private func unfinishedMeasures(authorityID: Int, year: Int) async throws -> [Summary.OpenItem] {
        let roadmaps = try await Roadmap.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$status ~~ [.approved, .inProgress]).all()
        let schools = Dictionary(try await School.query(on: db).filter(\.$authority.$id == authorityID).all().compactMap { s in s.id.map { ($0, s.shortName) } },
                                 uniquingKeysWith: { a, _ in a })
        var out: [Summary.OpenItem] = []
        for roadmap in roadmaps {
            guard let period = roadmap.period, period.start.year <= year, period.end.year >= year else { continue }
            let tree = try await RoadmapService(db: db).tree(roadmap)
            for row in try await ExecutionService(db: db).occurrences(tree) where row.status != .done {
                if let due = row.due, due.year != year { continue }
                out.append(.init(school: roadmap.$school.id.flatMap { schools[$0] } ?? "муниципальный уровень", text: "№ \(row.measure.number) \(row.measure.name)",
                                 due: row.due?.russian ?? row.measure.deadlineText, source: "\(roadmap.title): \(row.status.title)"))
            }
        }
        return out
    }

    /// Carries the lists over as drafts and records the turn; refused when done already.
    func carryOver(authorityID: Int, from year: Int, user: User?) async throws -> Summary {
        let summary = try await summary(authorityID: authorityID, from: year)
        guard !summary.lists.isEmpty else { throw PublicError(.badRequest, "За \(year) год нет утверждённых списков: переносить нечего.") }
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        try await db.transaction { tx in
            if try await YearTurnover.query(on: tx).filter(\.$authority.$id == authorityID).filter(\.$toYear == year + 1).first() != nil {
                throw PublicError(.conflict, "Переход на \(year + 1) год уже выполнен.")
            }
            let lists = try await SchoolList.query(on: tx).filter(\.$authority.$id == authorityID).filter(\.$year == year).filter(\.$draft == false).with(\.$entries).all()
            let closed = Dictionary(try await School.query(on: tx).filter(\.$authority.$id == authorityID).filter(\.$status != .active).all()
                .compactMap { s in s.id.map { ($0, s.closedYear ?? year) } }, uniquingKeysWith: { a, _ in a })
            for line in summary.lists where !line.exists {
                guard let source = lists.first(where: { $0.status == line.status }) else { continue }
                let draft = SchoolList(authorityID: authorityID, year: year + 1, status: line.status)
                draft.draft = true
                try await draft.create(on: tx)
                let draftID = try draft.requireID()
                for e in source.entries where (closed[e.$school.id].map { $0 >= year + 1 } ?? true) {
                    try await ListEntry(listID: draftID, schoolID: e.$school.id, basis: e.basis).create(on: tx)
                }
                try await Audit.record(on: tx, user: user, authorityID: authorityID, action: "Список перенесён в новый год (черновик)",
                                       entity: "Список \(line.status.abbreviation) \(year + 1)", entityID: draftID,
                                       after: RussianPlural.count(line.schools, "школа", "школы", "школ") + (line.leftOut.isEmpty ? "" : "; не перенесены: " + line.leftOut.joined(separator: ", ")))
            }
            let record = YearTurnover()
            record.$authority.id = authorityID
            record.fromYear = year
            record.toYear = year + 1
            record.$user.id = user?.id
            record.summary = json
            try await record.create(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: authorityID, action: "Новый учебный год", entity: "\(year) → \(year + 1)", entityID: record.id,
                                   after: "списков-черновиков: \(summary.lists.filter { !$0.exists }.count); кураторов: \(summary.curators.count); "
                                   + "открытых рекомендаций: \(summary.openFollowUpCount); невыполненных мероприятий: \(summary.unfinishedMeasureCount)")
        }
        return summary
    }
}
