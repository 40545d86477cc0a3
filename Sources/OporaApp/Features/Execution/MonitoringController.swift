import Fluent
import Foundation
import OporaCore
import Vapor

/// Monitoring rounds: dated snapshots of execution, indicator facts, and the execution report.
struct MonitoringController {
    func list(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        let rid = try roadmap.requireID()
        let rounds = try await MonitoringRound.query(on: req.db).filter(\.$roadmap.$id == rid).sort(\.$asOf).all()
        let model = RoundsPage(roadmapID: rid, title: roadmap.title, rounds: rounds.map { r in
            let snap = try? JSONDecoder().decode(ExecutionService.Snapshot.self, from: Data(r.snapshot.utf8))
            return (r.id ?? 0, r.title, LocalDate(parsing: r.asOf)?.russian ?? r.asOf, snap?.overall.percent ?? 0)
        }, canCreate: try await req.scope().canManage(authorityID: roadmap.$authority.id), today: ExecutionService.today())
        return .html(RoundsView(model: model, layout: req.layout("Мониторинг", crumbs: [("Дорожная карта", SiteRoute.roadmap(rid).path)]), csrf: req.csrf).render())
    }

    struct RoundForm: Content {
        var title: String
        var asOf: String
    }

    func create(req: Request) async throws -> Response {
        let roadmap = try req.routeRoadmap()
        guard let form = try? req.content.decode(RoundForm.self), let title = form.title.nilIfBlank, let asOf = LocalDate(parsing: form.asOf) else {
            throw PublicError(.badRequest, "Укажите название и дату среза.")
        }
        let tree = try await RoadmapService(db: req.db).tree(roadmap)
        let snapshot = try await ExecutionService(db: req.db).snapshot(tree, asOf: asOf)
        let round = MonitoringRound()
        round.$roadmap.id = try roadmap.requireID()
        round.title = title
        round.asOf = asOf.iso
        round.snapshot = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        round.createdBy = try req.currentUser().login
        try await req.db.transaction { tx in
            try await round.create(on: tx)
            try await Self.freezeComputed(round, roadmap: roadmap, asOf: asOf, on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Проведён мониторинг",
                                   entity: roadmap.title, entityID: round.id, after: "\(title) на \(asOf.russian): выполнено \(snapshot.overall.percent) %")
        }
        return req.redirect(to: SiteRoute.round(try round.requireID()).path)
    }

    private func load(_ req: Request) async throws -> (MonitoringRound, Roadmap, ExecutionService.Snapshot) {
        guard let id = req.intParameter("roundID"), let round = try await MonitoringRound.find(id, on: req.db) else { throw PublicError.notFound() }
        let roadmap = try await req.readableRoadmap(round.$roadmap.id)
        guard let snapshot = try? JSONDecoder().decode(ExecutionService.Snapshot.self, from: Data(round.snapshot.utf8)) else { throw PublicError.notFound() }
        return (round, roadmap, snapshot)
    }

    /// Typed facts as stored; a bound indicator shows the fact frozen when the round was taken,
    /// or, if none was, the value computed now for the round's date.
    private func indicators(_ req: Request, _ round: MonitoringRound, _ roadmap: Roadmap) async throws -> [(id: Int, name: String, target: String, fact: String?)] {
        try await indicatorsAndStamps(req, round, roadmap).rows
    }

    /// The same, with each stored fact's edit stamp by indicator (for the round page's forms):
    /// the facts are read once for both.
    private func indicatorsAndStamps(_ req: Request, _ round: MonitoringRound, _ roadmap: Roadmap) async throws
        -> (rows: [(id: Int, name: String, target: String, fact: String?)], stamps: [Int: String]) {
        let list = try await RoadmapIndicator.query(on: req.db).filter(\.$roadmap.$id == roadmap.requireID()).sort(\.$position).all()
        let facts = try await IndicatorFact.query(on: req.db).filter(\.$round.$id == round.requireID()).all()
        let service = IndicatorService(db: req.db)
        var out: [(id: Int, name: String, target: String, fact: String?)] = []
        for i in list {
            var fact = facts.first { $0.$indicator.id == i.id }.map(\.value)
            if fact == nil, let asOf = LocalDate(parsing: round.asOf) { fact = try await service.fact(i, authorityID: roadmap.$authority.id, asOf: asOf) }
            out.append((i.id ?? 0, i.name + (i.source.flatMap(IndicatorSource.init(rawValue:)).map { " [вычисляется: \($0.title)]" } ?? ""), "\(i.target) \(i.unit)", fact))
        }
        return (out, Dictionary(facts.map { ($0.$indicator.id, EditStamp.of($0)) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Freezes the computed facts of bound indicators into a new round.
    static func freezeComputed(_ round: MonitoringRound, roadmap: Roadmap, asOf: LocalDate, on db: any Database) async throws {
        let service = IndicatorService(db: db)
        for i in try await RoadmapIndicator.query(on: db).filter(\.$roadmap.$id == roadmap.requireID()).filter(\.$source != nil).all() {
            guard let value = try await service.fact(i, authorityID: roadmap.$authority.id, asOf: asOf) else { continue }
            let fact = IndicatorFact()
            fact.$indicator.id = try i.requireID()
            fact.$round.id = try round.requireID()
            fact.value = value
            fact.comment = "вычислено из данных на \(asOf.russian)"
            try await fact.create(on: db)
        }
    }

    /// POST /indicators/:id/source — binds an indicator to a computed fact (or unbinds it).
    func bind(req: Request) async throws -> Response {
        guard let id = req.intParameter("indicatorID"), let indicator = try await RoadmapIndicator.find(id, on: req.db) else { throw PublicError.notFound() }
        let roadmap = try await req.readableRoadmap(indicator.$roadmap.id)
        let raw = (try? req.content.get(String.self, at: "source")) ?? ""
        guard raw.isEmpty || IndicatorSource(rawValue: raw) != nil else { throw PublicError(.badRequest, "Нет такого способа вычисления.") }
        let before = indicator.source
        indicator.source = raw.isEmpty ? nil : raw
        try await req.db.transaction { tx in
            try await indicator.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Изменён способ получения факта индикатора",
                                   entity: indicator.name, entityID: id, before: before.flatMap(IndicatorSource.init(rawValue:))?.title ?? "вносится вручную",
                                   after: IndicatorSource(rawValue: raw)?.title ?? "вносится вручную")
        }
        let rid = try roadmap.requireID()
        let back = (try? req.content.get(String.self, at: "back")).flatMap { $0.hasPrefix("/rounds/") ? $0 : nil } ?? SiteRoute.roadmap(rid, .rounds).path
        return req.redirect(to: back)
    }

    func show(req: Request) async throws -> Response {
        let (round, roadmap, snapshot) = try await load(req)
        let (indicators, stamps) = try await indicatorsAndStamps(req, round, roadmap)
        var model = RoundPage(roundID: try round.requireID(), roadmapID: try roadmap.requireID(), roadmapTitle: roadmap.title, title: round.title,
                              snapshot: snapshot, indicators: indicators,
                              canEdit: try await req.scope().canManage(authorityID: roadmap.$authority.id))
        model.factStamps = stamps
        return .html(RoundView(model: model, layout: req.layout(round.title, crumbs: [("Дорожная карта", SiteRoute.roadmap(try roadmap.requireID()).path), ("Мониторинг", SiteRoute.roadmap(try roadmap.requireID(), .rounds).path)]), csrf: req.csrf).render())
    }

    struct FactForm: Content {
        var indicatorID: Int
        var value: String
        var comment: String?
    }

    func saveFact(req: Request) async throws -> Response {
        let (round, roadmap, _) = try await load(req)
        guard let form = try? req.content.decode(FactForm.self), let value = form.value.nilIfBlank,
              let indicator = try await RoadmapIndicator.find(form.indicatorID, on: req.db), indicator.$roadmap.id == roadmap.id else {
            throw PublicError(.badRequest, "Выберите индикатор этой дорожной карты и укажите значение.")
        }
        let fact = try await IndicatorFact.query(on: req.db).filter(\.$indicator.$id == form.indicatorID).filter(\.$round.$id == round.requireID()).first() ?? IndicatorFact()
        let before = fact.id == nil ? nil : fact.value
        try req.ensureUnchanged(fact.id == nil ? nil : fact, now: before.map { "факт «\($0)»" } ?? "факт не внесён", back: SiteRoute.round(try round.requireID()).path)
        fact.$indicator.id = form.indicatorID
        fact.$round.id = try round.requireID()
        fact.value = value
        fact.comment = form.comment?.nilIfBlank
        try await req.db.transaction { tx in
            try await fact.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: roadmap.$authority.id, action: "Внесён факт индикатора",
                                   entity: indicator.name, entityID: fact.id, before: before, after: value)
        }
        return req.redirect(to: SiteRoute.round(try round.requireID()).path)
    }

    func reportXLSX(req: Request) async throws -> Response {
        let (round, roadmap, snapshot) = try await load(req)
        let data = try ExecutionReport.xlsx(title: "\(round.title). \(roadmap.title)", snapshot: snapshot, indicators: try await indicators(req, round, roadmap))
        return .file(data, name: FileName.make(["Отчёт о мониторинге — \(round.title)"], ext: "xlsx"), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    func reportDOCX(req: Request) async throws -> Response {
        let (round, roadmap, snapshot) = try await load(req)
        let authority = try await roadmap.$authority.get(on: req.db)
        let data = try ExecutionReport.docx(authority: authority.name, title: round.title, roadmapTitle: roadmap.title, snapshot: snapshot,
                                            indicators: try await indicators(req, round, roadmap))
        return .file(data, name: FileName.make(["Отчёт о мониторинге — \(round.title)"], ext: "docx"), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }
}
