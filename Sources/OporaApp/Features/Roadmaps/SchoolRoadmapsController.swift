import Fluent
import Foundation
import OporaCore
import Vapor

/// The coordinator's view of the schools' own roadmaps for a year: developed and published on
/// time (000: «разработать … в срок до 1 марта», «разместить на сайте … до 4 марта»)?
struct SchoolRoadmapsController {
    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        // The year asked for, else the latest with a list or deadlines set (`ShownYear`).
        // The municipality's deadlines are a row a year: read once, for the default year and the shown one.
        let deadlines = try await SchoolRoadmapDeadline.query(on: req.db).filter(\.$authority.$id == aid).all()
        let working = Season.listYear(on: ExecutionService.today())
        let asked = try req.queryYear("year")
        let listYears = asked == nil ? try await ListQueries(db: req.db).years(authorityID: aid) : []
        let shown = ShownYear(asked: asked, latest: (deadlines.map(\.year) + listYears).filter { $0 <= working }.max(), current: working)
        let year = shown.year
        let deadline = deadlines.first { $0.year == year }
        let developBy = deadline.flatMap { LocalDate(parsing: $0.developBy) }
        let publishBy = deadline.flatMap { LocalDate(parsing: $0.publishBy) }
        let today = ExecutionService.today()
        let records = try await ListQueries(db: req.db).records(authorityID: aid).filter { $0.lowResultYears.contains(year) }
            .sorted { ($0.schoolNumber ?? Int.max, $0.schoolName) < ($1.schoolNumber ?? Int.max, $1.schoolName) }
        var rows: [SchoolRoadmapsPage.Row] = []
        for rec in records {
            let roadmaps = try await Roadmap.query(on: req.db).filter(\.$school.$id == rec.schoolID).sort(\.$id, .descending).all()
            let roadmap = roadmaps.first { r in
                guard let p = r.period else { return false }
                return developBy.map(p.contains) ?? (p.start.year == year || p.end.year == year)
            }
            guard let roadmap, let rid = roadmap.id else {
                rows.append(.init(schoolName: rec.schoolName, progress: nil, late: developBy.map { today > $0 } ?? false))
                continue
            }
            let first = try await RoadmapSubmission.query(on: req.db).filter(\.$roadmap.$id == rid).sort(\.$number).first()
            let submitted = first.flatMap { LocalDate(parsing: $0.submittedOn) }
            // Late: submitted after the deadline, or not submitted and the deadline has passed.
            let developedLate = developBy.map { by in submitted.map { $0 > by } ?? (today > by) } ?? false
            let published = roadmap.sitePublishedOn.flatMap(LocalDate.init(parsing:))
            let publishedLate = publishBy.map { by in published.map { $0 > by } ?? (today > by) } ?? false
            rows.append(.init(schoolName: rec.schoolName, progress: SchoolRoadmapsPage.Row.Progress(
                roadmapID: rid, submittedOn: submitted, developedLate: developedLate,
                reviewStage: roadmap.reviewStage.title, status: roadmap.status.title, order: roadmap.orderText,
                publishedOn: published, publishedLate: publishedLate), late: false))
        }
        let model = SchoolRoadmapsPage(authorityID: aid, municipality: authority.municipality, year: year, developBy: developBy, publishBy: publishBy,
                                       rows: rows, canManage: try await req.scope().canManage(authorityID: aid))
        var layout = req.layout("Школьные дорожные карты", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)])
        layout.yearNote = shown.note
        return .html(SchoolRoadmapsView(model: model, layout: layout, csrf: req.csrf).render())
    }

    struct DeadlineForm: Content {
        var year: Int
        var developBy: String
        var publishBy: String
    }

    func save(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let form = try? req.content.decode(DeadlineForm.self), Request.askableYears.contains(form.year), let d = LocalDate(parsing: form.developBy), let p = LocalDate(parsing: form.publishBy) else {
            throw PublicError(.badRequest, "Укажите обе даты.")
        }
        let record = try await SchoolRoadmapDeadline.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$year == form.year).first() ?? SchoolRoadmapDeadline()
        let shown = [record.id == nil ? "" : record.developBy, record.id == nil ? "" : record.publishBy]
        try req.ensureUnchanged(stamp: EditStamp.of(values: shown), now: record.id == nil ? "сроки не установлены"
                                    : "разработать до \(LocalDate(parsing: record.developBy)?.russian ?? record.developBy), разместить до \(LocalDate(parsing: record.publishBy)?.russian ?? record.publishBy)",
                                back: SiteRoute.authority(aid, .schoolRoadmaps).path(year: form.year))
        record.$authority.id = aid
        record.year = form.year
        record.developBy = d.iso
        record.publishBy = p.iso
        try await req.db.transaction { tx in
            try await record.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Установлены сроки школьных дорожных карт",
                                   entity: "\(form.year)", entityID: record.id, after: "разработать до \(d.russian), разместить до \(p.russian)")
        }
        return req.redirect(to: SiteRoute.authority(aid, .schoolRoadmaps).path + "?year=\(form.year)")
    }
}
