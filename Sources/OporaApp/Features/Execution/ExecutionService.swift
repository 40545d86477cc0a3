import Fluent
import Foundation
import OporaCore
import SQLKit

/// One occurrence of a measure: its due date (nil for no fixed date) and what was reported on it.
struct OccurrenceRow {
    let measure: Measure
    let due: LocalDate?
    let progress: MeasureProgress?
    /// What the occurrence counts as: a report returned for revision is work in progress again.
    var status: ProgressStatus { (progress?.status ?? .notStarted).counted(review: progress?.review ?? .none) }
    func urgency(today: LocalDate) -> Urgency { Urgency.of(due: due, status: status, today: today) }
    /// The key of the occurrence in `MeasureProgress.due`.
    var dueKey: String { due?.iso ?? "" }
}

/// Execution of roadmaps: occurrences from the schedules, progress and evidence, reviews,
/// monitoring rounds. Shared by pages, API and CLI.
struct ExecutionService {
    let db: any Database

    static func today() -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(year: 2000, month: 1, day: 1)!
    }

    /// Every occurrence of every measure of the roadmap, in measure order then date order.
    func occurrences(_ tree: RoadmapTree) async throws -> [OccurrenceRow] {
        let ids = tree.measures.compactMap(\.id)
        let progress = ids.isEmpty ? [] : try await MeasureProgress.query(on: db).filter(\.$measure.$id ~~ ids).with(\.$evidence).all()
        let byKey = Dictionary(progress.map { ("\($0.$measure.id)|\($0.due)", $0) }, uniquingKeysWith: { a, _ in a })
        guard let period = tree.roadmap.period else { return [] }
        return tree.measures.flatMap { m -> [OccurrenceRow] in
            let dates = m.deadline.occurrences(in: period)
            let dues: [LocalDate?] = dates.isEmpty ? [nil] : dates.map { $0 }
            return dues.map { due in OccurrenceRow(measure: m, due: due, progress: byKey["\(m.id ?? 0)|\(due?.iso ?? "")"]) }
        }
    }

    /// The occurrences of one measure, without reading the rest of its roadmap.
    func occurrences(of measure: Measure, in roadmap: Roadmap) async throws -> [OccurrenceRow] {
        let mid = try measure.requireID()
        let progress = try await MeasureProgress.query(on: db).filter(\.$measure.$id == mid).with(\.$evidence).all()
        let byDue = Dictionary(progress.map { ($0.due, $0) }, uniquingKeysWith: { a, _ in a })
        guard let period = roadmap.period else { return [] }
        let dates = measure.deadline.occurrences(in: period)
        let dues: [LocalDate?] = dates.isEmpty ? [nil] : dates.map { $0 }
        return dues.map { due in OccurrenceRow(measure: measure, due: due, progress: byDue[due?.iso ?? ""]) }
    }

    func progress(measureID: Int, due: String) async throws -> MeasureProgress {
        if let p = try await MeasureProgress.query(on: db).filter(\.$measure.$id == measureID).filter(\.$due == due).first() { return p }
        let p = MeasureProgress(measureID: measureID, due: due)
        try await p.create(on: db)
        return p
    }
}

extension ExecutionService {
    /// Who may report on a measure: whoever manages the roadmap, or a user the measure names as
    /// responsible (by surname or by organisation), or — in a school's roadmap — its staff.
    static func mayReport(user: User, measure: Measure, roadmap: Roadmap, canManage: Bool) -> Bool {
        if canManage { return true }
        if let sid = roadmap.$school.id, user.$school.id == sid { return true }
        return ResponsibleMatch.names(user: user, in: measure.responsible)
    }

    /// The snapshot a monitoring round freezes: completion overall, by section and by responsible.
    struct Snapshot: Codable {
        struct Line: Codable { let title: String; let completion: Completion }
        let asOf: String
        let overall: Completion
        let sections: [Line]
        let responsible: [Line]
        /// Completion by the schools the measures concern (tagged, or the school of a school roadmap).
        let schools: [Line]?
        let measures: [MeasureLine]
        struct MeasureLine: Codable {
            let number: String
            let name: String
            let deadline: String
            let responsible: String
            let form: String?
            let result: String?
            let statuses: [String]
            let reports: [String]
            let evidence: [String]
        }
    }

    func snapshot(_ tree: RoadmapTree, asOf: LocalDate) async throws -> Snapshot {
        let rows = try await occurrences(tree)
        var overall = Completion()
        var bySection: [(String, Completion)] = []
        var byResponsible: [String: Completion] = [:]
        // Only occurrences due by the round's date count; those without a date count once.
        let counted = rows.filter { $0.due.map { $0 <= asOf } ?? true }
        for level in tree.levels {
            for section in level.sections {
                var c = Completion()
                let ids = Set(section.measures.compactMap(\.id))
                for r in counted where ids.contains(r.measure.id ?? -1) { c.add(status: r.status, urgency: r.urgency(today: asOf)) }
                let title = [level.model.title, section.model.title].compactMap { $0 }.joined(separator: " / ")
                bySection.append((title.isEmpty ? "Все мероприятия" : title, c))
            }
        }
        for r in counted {
            overall.add(status: r.status, urgency: r.urgency(today: asOf))
            for name in ResponsibleMatch.parties(r.measure.responsible) {
                byResponsible[name, default: Completion()].add(status: r.status, urgency: r.urgency(today: asOf))
            }
        }
        var bySchool: [String: Completion] = [:]
        let ids = tree.measures.compactMap(\.id)
        let tags = ids.isEmpty ? [] : try await MeasureSchool.query(on: db).filter(\.$measure.$id ~~ ids).with(\.$school).all()
        let schoolsByMeasure = Dictionary(grouping: tags, by: { $0.$measure.id }).mapValues { $0.map(\.school.shortName) }
        for r in counted {
            var names = schoolsByMeasure[r.measure.id ?? -1] ?? []
            if let own = tree.school?.shortName, !names.contains(own) { names.append(own) }
            for name in names { bySchool[name, default: Completion()].add(status: r.status, urgency: r.urgency(today: asOf)) }
        }
        let measures = tree.measures.map { m -> Snapshot.MeasureLine in
            let mine = rows.filter { $0.measure.id == m.id }
            return .init(number: m.number, name: m.name, deadline: m.deadlineText, responsible: m.responsible, form: m.form, result: m.expectedResult,
                         statuses: mine.map { ($0.due?.russian ?? "без даты") + ": " + $0.status.shown(due: $0.due, today: asOf) },
                         reports: mine.compactMap { $0.progress?.report }.filter { !$0.isEmpty },
                         evidence: mine.flatMap { $0.progress?.evidence.map(\.summary) ?? [] })
        }
        return Snapshot(asOf: asOf.iso, overall: overall, sections: bySection.map { .init(title: $0.0, completion: $0.1) },
                        responsible: byResponsible.sorted { $0.key < $1.key }.map { .init(title: $0.key, completion: $0.value) },
                        schools: bySchool.sortedNaturally(by: \.key).map { .init(title: $0.key, completion: $0.value) },
                        measures: measures)
    }
}

/// Reads the «ответственные» cell: «Лукашова И.Б., Сапелкина Л.В., МКУ СЦРО» — parties separated
/// by commas or semicolons; a user matches by surname (with initials when the cell has them)
/// or by the organisation they belong to.
enum ResponsibleMatch {
    static func parties(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func names(user: User, in text: String) -> Bool {
        let cell = squeeze(text)
        let parts = user.fullName.split(separator: " ")
        if let surname = parts.first, surname.count >= 3, cell.contains(squeeze(String(surname))) { return true }
        // «МБУ ДПО «ИМЦ г.Юрги»» and «МБУ ДПО «ИМЦ г. Юрги»» are the same organisation.
        if let org = user.organization.map(squeeze), org.count >= 3, cell.contains(org) { return true }
        return false
    }

    /// Each party of the cell with what it matches in the registry: a person (by surname and
    /// initials) or an organisation (by its short name); nil when it is free text.
    static func registry(_ text: String, users: [User], organizations: [Organization]) -> [(party: String, match: String?)] {
        parties(text).map { party in
            let p = squeeze(party)
            if let org = organizations.first(where: { squeeze($0.shortName).count >= 3 && p.contains(squeeze($0.shortName)) }) {
                return (party, "\(org.shortName): \(org.name)")
            }
            let words = party.split(separator: " ")
            if let surname = words.first, surname.count >= 3, let user = users.first(where: { u in
                let parts = u.fullName.split(separator: " ")
                guard let s = parts.first, squeeze(String(s)) == squeeze(String(surname)) else { return false }
                // «Миронова Е.В.» must agree with «Миронова Елена В…» on the initials it gives.
                let initials = party.dropFirst(surname.count).filter(\.isUppercase)
                let theirs = parts.dropFirst().compactMap(\.first)
                return initials.isEmpty || initials.elementsEqual(theirs.prefix(initials.count)) || squeeze(u.fullName).hasPrefix(p)
            }) {
                return (party, "\(user.fullName), \(user.position)")
            }
            return (party, nil)
        }
    }

    /// Letters and digits only, lower case: spacing and punctuation differ between documents.
    static func squeeze(_ s: String) -> String {
        String(s.lowercased().replacingOccurrences(of: "ё", with: "е").unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}

extension ExecutionService {
    /// One overdue or due-soon date, as the start page shows it.
    struct AttentionItem {
        let measureID: Int
        let number: String
        let name: String
        let roadmapID: Int
        let roadmapTitle: String
        let due: LocalDate
        let urgency: Urgency
        /// The measure's responsible parties as written («Миронова Е.В., руководители ОО»).
        let responsible: String
    }

    /// Overdue and due-soon occurrences of the active roadmaps; with `namedUser`, only the
    /// measures that name that user (or their organisation) as responsible.
    ///
    /// Reads the `measure_occurrences` read model: one query for the dates and their reports,
    /// one for the measures shown, whatever the number of roadmaps and measures.
    func attention(roadmaps: [RoadmapHeader], namedUser: User?, today: LocalDate, limit: Int = 30) async throws -> [AttentionItem] {
        let byID = Dictionary(roadmaps.filter(\.isActive).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard !byID.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        let soon = LocalDate(dayNumber: today.dayNumber + Urgency.soonDays)
        let closed = ProgressStatus.allCases.filter(\.isClosed).map { SQLBind($0.rawValue) }
        var query = sql.select()
            .column(SQLColumn("measure_id", table: "o")).column(SQLColumn("roadmap_id", table: "o")).column(SQLColumn("due", table: "o"))
            .column(SQLColumn("responsible", table: "m")).column(SQLColumn("number", table: "m")).column(SQLColumn("name", table: "m"))
            .from(SQLAlias(SQLIdentifier("measure_occurrences"), as: SQLIdentifier("o")))
            .join(SQLAlias(SQLIdentifier("measures"), as: SQLIdentifier("m")), on: SQLColumn("id", table: "m"), .equal, SQLColumn("measure_id", table: "o"))
            .join(SQLAlias(SQLIdentifier("measure_progress"), as: SQLIdentifier("p")), method: SQLJoinMethod.left,
                  on: SQLBinaryExpression(
                    SQLBinaryExpression(SQLColumn("measure_id", table: "p"), .equal, SQLColumn("measure_id", table: "o")),
                    .and,
                    SQLBinaryExpression(SQLColumn("due", table: "p"), .equal, SQLColumn("due", table: "o"))))
            .where(SQLColumn("roadmap_id", table: "o"), .in, SQLGroupExpression(byID.keys.sorted().map { SQLBind($0) }))
            .where(SQLColumn("due", table: "o"), .notEqual, SQLBind(""))
            .where(SQLColumn("due", table: "o"), .lessThanOrEqual, SQLBind(soon.iso))
            .where { group in
                group.where(SQLColumn("status", table: "p"), .is, SQLLiteral.null)
                    .orWhere(SQLColumn("status", table: "p"), .notIn, SQLGroupExpression(closed))
                    .orWhere(SQLColumn("review", table: "p"), .equal, SQLBind(ReviewState.returned.rawValue))   // open again (`counted(review:)`)
            }
            .orderBy(SQLColumn("due", table: "o")).orderBy(SQLColumn("measure_id", table: "o"))
        if namedUser == nil { query = query.limit(limit) }
        struct Row: Decodable { let measure_id: Int; let roadmap_id: Int; let due: String; let responsible: String; let number: String; let name: String }
        var rows = try await query.all(decoding: Row.self)
        if let user = namedUser {
            rows = Array(rows.filter { ResponsibleMatch.names(user: user, in: $0.responsible) }.prefix(limit))
        }
        return rows.compactMap { row in
            guard let roadmap = byID[row.roadmap_id], let due = LocalDate(parsing: row.due) else { return nil }
            return AttentionItem(measureID: row.measure_id, number: row.number, name: row.name, roadmapID: row.roadmap_id,
                                 roadmapTitle: roadmap.title, due: due, urgency: Urgency.of(due: due, status: .notStarted, today: today),
                                 responsible: row.responsible)
        }
    }
}
