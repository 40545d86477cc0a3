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
        let year = (try req.queryYear("year")) ?? ExecutionService.today().year
        let deadline = try await SchoolRoadmapDeadline.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$year == year).first()
        let developBy = deadline.flatMap { LocalDate(parsing: $0.developBy) }
        let publishBy = deadline.flatMap { LocalDate(parsing: $0.publishBy) }
        let today = ExecutionService.today()
        let records = try await ListQueries(db: req.db).records(authorityID: aid).filter { $0.lowResultYears.contains(year) }
            .sorted { ($0.schoolNumber ?? Int.max, $0.schoolName) < ($1.schoolNumber ?? Int.max, $1.schoolName) }
        var rows: [[BodyNode]] = []
        for rec in records {
            let roadmaps = try await Roadmap.query(on: req.db).filter(\.$school.$id == rec.schoolID).sort(\.$id, .descending).all()
            let roadmap = roadmaps.first { r in
                guard let p = r.period else { return false }
                return developBy.map(p.contains) ?? (p.start.year == year || p.end.year == year)
            }
            guard let roadmap, let rid = roadmap.id else {
                let late = developBy.map { today > $0 } ?? false
                rows.append([.text(rec.schoolName), el("span", [("class", late ? "tag chronic" : "tag")], text: late ? "не разработана, срок \(developBy?.russian ?? "") прошёл" : "не разработана"), .text("—"), .text("—")])
                continue
            }
            let first = try await RoadmapSubmission.query(on: req.db).filter(\.$roadmap.$id == rid).sort(\.$number).first()
            let submitted = first.flatMap { LocalDate(parsing: $0.submittedOn) }
            var developed = submitted.map { "подана \($0.russian)" } ?? "проект, не подана"
            var developedLate = false
            if let by = developBy {
                if let s = submitted { developedLate = s > by; if developedLate { developed += " (с опозданием)" } } else if today > by { developedLate = true; developed += ", срок \(by.russian) прошёл" }
            }
            let published = roadmap.sitePublishedOn.flatMap(LocalDate.init(parsing:))
            var site = published.map { "размещена \($0.russian)" } ?? "не размещена"
            var siteLate = false
            if let by = publishBy {
                if let p = published { siteLate = p > by; if siteLate { site += " (с опозданием)" } } else if today > by { siteLate = true; site += ", срок \(by.russian) прошёл" }
            }
            rows.append([
                link(rec.schoolName, SiteRoute.roadmap(rid).path),
                el("span", [("class", developedLate ? "tag chronic" : "tag firstTime")], text: developed),
                .text("\(roadmap.reviewStage.title); \(roadmap.status.title.lowercased())\(roadmap.orderText.map { ", \($0)" } ?? "")"),
                el("span", [("class", siteLate ? "tag chronic" : published == nil ? "tag" : "tag firstTime")], text: site),
            ])
        }
        var body: [BodyNode] = [heading("Школьные дорожные карты ШНОР \(year) года: \(authority.municipality)")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Год", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(para(developBy.map { "Срок разработки: до \($0.russian); размещения на сайте: до \(publishBy?.russian ?? "—")." } ?? "Сроки разработки и размещения на этот год не установлены.", cls: "muted"))
        if try await req.scope().canManage(authorityID: aid) {
            body.append(el("details", [], [
                el("summary", text: "Установить сроки"),
                postForm(SiteRoute.authority(aid, .schoolRoadmaps).path, csrf: req.csrf, cls: "row", [
                    voidEl("input", [("type", "hidden"), ("name", "year"), ("value", "\(year)")]),
                    field("Разработать до", name: "developBy", value: developBy?.iso, type: "date", required: true),
                    field("Разместить на сайте до", name: "publishBy", value: publishBy?.iso, type: "date", required: true),
                    button("Сохранить"),
                ]),
            ]))
        }
        body.append(table(["Школа", "Разработка", "Согласование и утверждение", "Размещение на сайте"], rows))
        return .html(req.layout("Школьные дорожные карты", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]).render(body))
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
