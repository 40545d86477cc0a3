import Fluent
import OporaCore
import Vapor

/// «Новый учебный год»: the coordinator previews and makes the turn; the municipality reads it.
struct YearTurnoverController {
    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let service = YearTurnoverService(db: req.db)
        let years = try await ListQueries(db: req.db).years(authorityID: aid)
        guard let last = years.last else { throw PublicError(.badRequest, "У муниципалитета ещё нет утверждённых списков: начинать новый год не с чего.") }
        let from = (try req.queryYear("from")).flatMap { years.contains($0) ? $0 : nil } ?? last
        let record = try await YearTurnover.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$toYear == from + 1).with(\.$user).first()
        let summary: YearTurnoverService.Summary
        if let stored = record?.decoded { summary = stored } else { summary = try await service.summary(authorityID: aid, from: from) }
        let done = record.map { r in (r.createdAt.map(Formatting.dateTime) ?? "") + (r.user.map { " (\($0.login))" } ?? "") }
        let model = YearTurnoverPage(authorityID: aid, municipality: authority.municipality, years: years, summary: summary, done: done,
                                     canManage: try await req.scope().canManage(authorityID: aid))
        return .html(YearTurnoverView(model: model, layout: req.layout("Новый учебный год", crumbs: [
            ("Муниципалитеты", SiteRoute.authorities.path), (authority.municipality, SiteRoute.authority(aid).path),
        ]), csrf: req.csrf).render())
    }

    struct Form: Content { var from: Int }

    func carryOver(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let form = try? req.content.decode(Form.self), (2000...2100).contains(form.from) else { throw PublicError(.badRequest, "Укажите год.") }
        _ = try await YearTurnoverService(db: req.db).carryOver(authorityID: aid, from: form.from, user: try req.currentUser())
        return req.redirect(to: SiteRoute.authority(aid, .newYear).path + "?from=\(form.from)")
    }
}
