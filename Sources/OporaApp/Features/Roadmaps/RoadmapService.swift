import Fluent
import Foundation
import OporaCore
import OporaDocuments

/// A roadmap with everything under it, read once for a page or an export.
struct RoadmapTree {
    struct Section {
        let model: RoadmapSection
        let measures: [Measure]
    }
    struct Level {
        let model: RoadmapLevel
        let sections: [Section]
    }
    let roadmap: Roadmap
    let authority: Authority
    let school: School?
    let levels: [Level]
    let indicators: [RoadmapIndicator]
    let amendments: [RoadmapAmendment]

    var measures: [Measure] { levels.flatMap { $0.sections.flatMap(\.measures) } }
    var owner: String { school?.shortName ?? authority.shortName }
}

/// Creating, reading and changing roadmaps: shared by pages, API, CLI and the demo loader.
struct RoadmapService {
    let db: any Database

    /// Saves an imported draft as a new roadmap in one transaction.
    func create(from draft: RoadmapDraft, authorityID: Int, schoolID: Int?, title: String, period: RoadmapPeriod, user: User?) async throws -> Roadmap {
        let roadmap = Roadmap()
        roadmap.$authority.id = authorityID
        roadmap.$school.id = schoolID
        roadmap.title = title
        roadmap.periodStart = period.start.iso
        roadmap.periodEnd = period.end.iso
        roadmap.goal = draft.goal
        roadmap.tasks = draft.tasks
        roadmap.status = .draft
        roadmap.reviewStage = .none
        roadmap.version = 1
        try await db.transaction { tx in
            try await roadmap.create(on: tx)
            let rid = try roadmap.requireID()
            var position = 0
            for (li, level) in draft.levels.enumerated() {
                let l = RoadmapLevel(roadmapID: rid, position: li, title: level.title)
                try await l.create(on: tx)
                for (si, section) in level.sections.enumerated() {
                    let s = RoadmapSection(roadmapID: rid, levelID: try l.requireID(), position: si, title: section.title)
                    try await s.create(on: tx)
                    for m in section.measures {
                        position += 1
                        try await Self.measure(from: m, roadmapID: rid, sectionID: try s.requireID(), position: position).create(on: tx)
                    }
                }
            }
            for (i, ind) in draft.indicators.enumerated() {
                try await RoadmapIndicator(roadmapID: rid, position: i, name: ind.name, target: ind.target, unit: ind.unit).create(on: tx)
            }
            try await Audit.record(on: tx, user: user, authorityID: authorityID, action: "Создана дорожная карта",
                                   entity: title, entityID: rid, after: "\(draft.measures.count) мероприятий, \(period)")
        }
        return roadmap
    }

    static func measure(from m: RoadmapDraft.Measure, roadmapID: Int, sectionID: Int, position: Int) -> Measure {
        let measure = Measure()
        measure.$roadmap.id = roadmapID
        measure.$section.id = sectionID
        measure.position = position
        measure.number = m.number
        measure.name = m.name
        measure.form = m.form
        measure.setDeadline(m.deadline)
        measure.responsible = m.responsible
        measure.expectedResult = m.result
        measure.links = m.links
        return measure
    }

    func tree(_ roadmap: Roadmap) async throws -> RoadmapTree {
        let rid = try roadmap.requireID()
        let levels = try await RoadmapLevel.query(on: db).filter(\.$roadmap.$id == rid).sort(\.$position).all()
        let sections = try await RoadmapSection.query(on: db).filter(\.$roadmap.$id == rid).sort(\.$position).all()
        let measures = try await Measure.query(on: db).filter(\.$roadmap.$id == rid).sort(\.$position).all()
        let tree = RoadmapTree(
            roadmap: roadmap,
            authority: try await roadmap.$authority.get(on: db),
            school: try await roadmap.$school.get(on: db),
            levels: levels.map { level in
                RoadmapTree.Level(model: level, sections: sections.filter { $0.$level.id == level.id }.map { section in
                    RoadmapTree.Section(model: section, measures: measures.filter { $0.$section.id == section.id })
                })
            },
            indicators: try await RoadmapIndicator.query(on: db).filter(\.$roadmap.$id == rid).sort(\.$position).all(),
            amendments: try await RoadmapAmendment.query(on: db).filter(\.$roadmap.$id == rid).sort(\.$version).all())
        return tree
    }

    /// Approval by an order: the roadmap becomes public and can change only by amendment.
    func approve(_ roadmap: Roadmap, orderNumber: String, orderDate: LocalDate, signatory: String, user: User?) async throws {
        roadmap.status = .approved
        roadmap.orderNumber = orderNumber
        roadmap.orderDate = orderDate.iso
        roadmap.orderSignatory = signatory
        if roadmap.publicToken == nil {
            roadmap.publicToken = [UInt8].random(count: 12).map { String(format: "%02x", $0) }.joined()
        }
        try await roadmap.save(on: db)
        try await Audit.record(on: db, user: user, authorityID: roadmap.$authority.id, action: "Дорожная карта утверждена",
                               entity: roadmap.title, entityID: roadmap.id, before: RoadmapStatus.draft.title,
                               after: "\(roadmap.orderText ?? ""), подписал: \(signatory)")
    }

    /// A copy for the next period: same structure, deadlines moved by the same number of years.
    func copyToNextPeriod(_ source: Roadmap, user: User?) async throws -> Roadmap {
        let tree = try await tree(source)
        guard let period = source.period else { throw ImportProblem(file: source.title, row: nil, column: nil, message: "у дорожной карты неверно указан период.") }
        let shift = period.end.year - period.start.year + 1
        let next = RoadmapPeriod(start: LocalDate(year: period.start.year + shift, month: period.start.month, day: 1)!,
                                 end: LocalDate.endOfMonth(year: period.end.year + shift, month: period.end.month))
        let draft = RoadmapDraft(
            columns: [], levels: tree.levels.map { level in
                .init(title: level.model.title, sections: level.sections.map { section in
                    .init(title: section.model.title, measures: section.measures.map { m in
                        .init(line: m.position, number: m.number, name: m.name, form: m.form,
                              deadline: Deadline(parsing: Self.shiftYears(in: m.deadlineText, by: shift)),
                              responsible: m.responsible, result: m.expectedResult, links: m.links)
                    })
                })
            },
            goal: source.goal, tasks: source.tasks,
            indicators: tree.indicators.map { .init(name: $0.name, target: $0.target, unit: $0.unit) },
            problems: [], warnings: [])
        let title = Self.shiftYears(in: source.title, by: shift)
        return try await create(from: draft, authorityID: source.$authority.id, schoolID: source.$school.id,
                                title: title == source.title ? "\(source.title) (копия)" : title, period: next, user: user)
    }

    /// «январь 2024 г.» → «январь 2025 г.»: years written in a deadline move with the period.
    static func shiftYears(in text: String, by years: Int) -> String {
        var out = text
        let found = DeadlineParser.matches(#"\b(20\d{2})\b"#, in: text).compactMap { Int($0[1]) }
        for y in Set(found).sorted(by: >) { out = out.replacingOccurrences(of: String(y), with: "\u{1}\(y + years)") }
        return out.replacingOccurrences(of: "\u{1}", with: "")
    }
}
