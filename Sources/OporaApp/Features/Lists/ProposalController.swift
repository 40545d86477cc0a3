import Fluent
import OporaCore
import Vapor

/// Next year's lists proposed from the results, reviewed and adopted by the coordinator.
struct ProposalController {
    private func proposals(_ req: Request, authorityID: Int, year: Int) async throws -> [ListProposalRule.Proposal] {
        try await ResultsService(db: req.db).proposals(authorityID: authorityID, year: year)
    }

    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let lastResults = try await ResultImport.query(on: req.db).filter(\.$authority.$id == aid).max(\.$year)
        let year = (try req.queryYear("year")) ?? lastResults ?? ExecutionService.today().year
        let list = try await proposals(req, authorityID: aid, year: year)
        // Adopting is offered only with something to adopt, so the scope is asked only then.
        var canManage = false
        if !list.isEmpty { canManage = try await req.scope().canManage(authorityID: aid) }
        let model = ProposalPage(authorityID: aid, municipality: authority.municipality, year: year, proposals: list, canManage: canManage)
        return .html(ProposalView(model: model, layout: req.layout("Предложение списков", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]), csrf: req.csrf).render())
    }

    func adopt(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let year = try req.queryYear("year") else { throw PublicError(.badRequest, "Укажите год.") }
        let list = try await proposals(req, authorityID: aid, year: year)
        guard !list.isEmpty else { throw PublicError(.conflict, "Предлагать нечего.") }
        let count = try await ResultsService(db: req.db).adopt(list, authorityID: aid, year: year, user: try req.currentUser())
        let done = "Принято в списки: \(RussianPlural.count(count, "школа", "школы", "школ"))."
        return req.redirect(to: SiteRoute.authority(aid, .lists).path(year: year + 1) + "&done=" + (done.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
}
