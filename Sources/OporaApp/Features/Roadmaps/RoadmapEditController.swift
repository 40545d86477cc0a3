import Fluent
import OporaCore
import Vapor

/// Building a roadmap by hand: a new empty roadmap, its sections, goal, tasks and indicators,
/// and closing it at the end of the period. Drafts change freely; an approved roadmap changes
/// its structure only through measures added by amendment (RoadmapsController.addMeasure).
struct RoadmapEditController {
    struct NewRoadmapForm: Content {
        var title: String
        var period: String
        var schoolID: String?
    }

    func create(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let form = try? req.content.decode(NewRoadmapForm.self), let title = form.title.nilIfBlank,
              let period = RoadmapPeriod(parsing: form.period) else {
            throw PublicError(.badRequest, "Укажите название и период: год (2025) или учебный год (2024-2025).")
        }
        var schoolID: Int?
        if let raw = form.schoolID?.nilIfBlank {
            guard let sid = Int(raw), let school = try await School.find(sid, on: req.db), school.$authority.id == aid else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
            schoolID = sid
        }
        // One level and one untitled section, so measures can be added straight away.
        let draft = RoadmapDraft(columns: [], levels: [.init(title: nil, sections: [.init(title: nil, measures: [])])], goal: nil, tasks: [], indicators: [], problems: [], warnings: [])
        let roadmap = try await RoadmapService(db: req.db).create(from: draft, authorityID: aid, schoolID: schoolID, title: title, period: period, user: try req.currentUser())
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path)
    }

    private func draftRoadmap(_ req: Request) async throws -> Roadmap {
        let roadmap = try req.routeRoadmap()
        guard roadmap.status == .draft else { throw PublicError(.conflict, "Утверждённая дорожная карта изменяется только приказом об изменении.") }
        return roadmap
    }

    struct SectionForm: Content {
        var levelTitle: String?
        var title: String
    }

    /// Adds a section; a new level title starts a new level (as «УРОВЕНЬ ОБЩЕОБРАЗОВАТЕЛЬНОЙ ОРГАНИЗАЦИИ»).
    func addSection(req: Request) async throws -> Response {
        let roadmap = try await draftRoadmap(req)
        let rid = try roadmap.requireID()
        guard let form = try? req.content.decode(SectionForm.self), let title = form.title.nilIfBlank else { throw PublicError(.badRequest, "Укажите название раздела.") }
        var level = try await RoadmapLevel.query(on: req.db).filter(\.$roadmap.$id == rid).sort(\.$position, .descending).first()
        if let levelTitle = form.levelTitle?.nilIfBlank, level?.title != levelTitle {
            let position = (level?.position ?? -1) + 1
            // The first, untitled and empty level of a hand-made roadmap takes the title instead.
            if let first = level, first.title == nil, try await Measure.query(on: req.db).filter(\.$roadmap.$id == rid).count() == 0 {
                first.title = levelTitle
                try await first.save(on: req.db)
            } else {
                level = RoadmapLevel(roadmapID: rid, position: position, title: levelTitle)
                try await level?.create(on: req.db)
            }
        }
        guard let level, let lid = level.id else { throw PublicError(.conflict, "У дорожной карты нет уровня.") }
        let position = (try await RoadmapSection.query(on: req.db).filter(\.$level.$id == lid).max(\.$position) ?? -1) + 1
        try await req.db.transaction { tx in
            try await RoadmapSection(roadmapID: rid, levelID: lid, position: position, title: title).create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Добавлен раздел", entity: roadmap.title, entityID: rid, after: title)
        }
        return req.redirect(to: SiteRoute.roadmap(rid).path)
    }

    struct GoalForm: Content {
        var goal: String?
        var tasks: String?
    }

    /// Goal and tasks (one task per line).
    /// What the goal form changes (a roadmap's review stage changes beside it without conflict).
    static func goalStamp(_ roadmap: Roadmap) -> String {
        EditStamp.of(values: [roadmap.goal ?? ""] + roadmap.tasks)
    }

    func saveGoal(req: Request) async throws -> Response {
        let roadmap = try await draftRoadmap(req)
        let form = try req.content.decode(GoalForm.self)
        let before = "\(roadmap.goal ?? "—") | \(roadmap.tasks.joined(separator: "; "))"
        try req.ensureUnchanged(stamp: Self.goalStamp(roadmap), now: before, back: SiteRoute.roadmap(try roadmap.requireID()).path)
        roadmap.goal = form.goal?.nilIfBlank
        roadmap.tasks = (form.tasks ?? "").components(separatedBy: .newlines).compactMap { $0.nilIfBlank }
        let user = try req.currentUser()
        try await req.db.transaction { tx in
            try await roadmap.save(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: roadmap.$authority.id, action: "Изменены цель и задачи", entity: roadmap.title,
                                   entityID: roadmap.id, before: before, after: "\(roadmap.goal ?? "—") | \(roadmap.tasks.joined(separator: "; "))")
        }
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path)
    }

    struct IndicatorForm: Content {
        var name: String
        var target: String
        var unit: String?
    }

    func addIndicator(req: Request) async throws -> Response {
        let roadmap = try await draftRoadmap(req)
        let rid = try roadmap.requireID()
        guard let form = try? req.content.decode(IndicatorForm.self), let name = form.name.nilIfBlank, let target = form.target.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите индикатор и целевое значение.")
        }
        let position = (try await RoadmapIndicator.query(on: req.db).filter(\.$roadmap.$id == rid).max(\.$position) ?? -1) + 1
        try await req.db.transaction { tx in
            try await RoadmapIndicator(roadmapID: rid, position: position, name: name, target: target, unit: form.unit?.nilIfBlank ?? "").create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Добавлен индикатор", entity: roadmap.title,
                                   entityID: rid, after: "\(name) — \(target) \(form.unit ?? "")")
        }
        return req.redirect(to: SiteRoute.roadmap(rid).path)
    }

    /// Closes an approved roadmap at the end of its work; nothing is reported on it afterwards.
    func close(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        guard roadmap.status == .approved || roadmap.status == .inProgress else { throw PublicError(.conflict, "Закрыть можно только утверждённую дорожную карту.") }
        let before = roadmap.status.title
        try req.confirm("закрыть дорожную карту",
                        consequence: "Дорожная карта «\(roadmap.title.prefix(200))» будет закрыта: исполнение больше не отмечается, изменения в неё не вносятся. Открыть её снова нельзя.",
                        back: SiteRoute.roadmap(try roadmap.requireID()).path)
        roadmap.status = .closed
        try await req.db.transaction { tx in
            try await roadmap.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Дорожная карта закрыта", entity: roadmap.title,
                                   entityID: roadmap.id, before: before, after: RoadmapStatus.closed.title)
        }
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path)
    }
}
