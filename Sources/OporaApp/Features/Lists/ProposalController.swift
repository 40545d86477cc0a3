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
        var body: [BodyNode] = [heading("Предложение списков на \(year + 1) год: \(authority.municipality)")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("По результатам ВПР за годы до", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(para("Правило: доля «2» по ВПР (все классы вместе) по русскому языку и математике сравнивается со средней по муниципалитету за \(year - 1) и \(year) годы. Выше по обоим предметам в оба года — ШНОР; выше хотя бы в одном случае — предШНОР.", cls: "muted"))
        if list.isEmpty {
            body.append(para("По результатам \(year - 1)–\(year) годов школ для списков не предлагается (или результатов нет).", cls: "muted"))
        } else {
            body.append(table(["Школа", "Предлагаемый список", "Основание"], list.map { [link($0.school, SiteRoute.school($0.schoolID).path), .text($0.status.abbreviation), .text($0.basis)] }))
            if try await req.scope().canManage(authorityID: aid) {
                body.append(postForm(SiteRoute.authority(aid, .listProposal).path + "?year=\(year)", csrf: req.csrf, [
                    para("Принятие заменит списки ШНОР и предШНОР \(year + 1) года предложенными; изменить их можно и после.", cls: "muted"),
                    button("Принять в списки \(year + 1) года"),
                ]))
            }
        }
        return .html(req.layout("Предложение списков", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]).render(body))
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
