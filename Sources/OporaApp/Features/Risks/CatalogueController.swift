import Fluent
import OporaCore
import Vapor

/// The region's catalogue of risk factors and its self-assessment questionnaire: readable by
/// everyone signed in, edited by the regional administrator. Questions are never deleted, so
/// past answers keep their meaning; a question no longer asked gets weight 0.
struct CatalogueController {
    func page(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let factors = try await RiskService(db: req.db).catalogue()
        let model = CataloguePage(factors: factors.map { f in
            CataloguePage.Factor(id: f.id ?? 0, title: f.title, reportPhrase: f.reportPhrase, summaryGroup: f.summaryGroup,
                                 questions: f.questions.sorted { $0.position < $1.position }.map { q in
                                     CataloguePage.Question(id: q.id ?? 0, text: q.text, respondent: q.respondent, weight: q.weight)
                                 })
        }, canEdit: user.role.canEditCatalogue)
        return .html(CatalogueView(model: model, layout: req.layout("Факторы риска"), csrf: req.csrf).render())
    }

    private func requireEditor(_ req: Request) throws -> User {
        // The route's permission (`editCatalogue`) admitted only the catalogue's editors.
        try req.currentUser()
    }

    struct FactorForm: Content {
        var title: String
        var reportPhrase: String
        var summaryGroup: String?
    }

    /// What the factor's form shows, for `EditStamp`.
    static func factorStamp(_ title: String, _ phrase: String, _ group: String?) -> String {
        EditStamp.of(values: [title, phrase, group ?? ""])
    }

    /// What a question's form shows.
    static func questionStamp(_ text: String, _ respondent: Respondent, _ weight: Double) -> String {
        EditStamp.of(values: [text, respondent.rawValue, String(format: "%g", weight)])
    }

    func saveFactor(req: Request) async throws -> Response {
        let user = try requireEditor(req)
        guard let id = req.intParameter("factorID"), let factor = try await RiskFactor.find(id, on: req.db) else { throw PublicError.notFound() }
        guard let form = try? req.content.decode(FactorForm.self), let title = form.title.nilIfBlank, let phrase = form.reportPhrase.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите название и формулировку для отчёта.")
        }
        let before = "\(factor.title) | \(factor.reportPhrase) | \(factor.summaryGroup ?? "—")"
        try req.ensureUnchanged(stamp: Self.factorStamp(factor.title, factor.reportPhrase, factor.summaryGroup), now: before, back: SiteRoute.riskFactors.path)
        factor.title = title
        factor.reportPhrase = phrase
        factor.summaryGroup = form.summaryGroup?.nilIfBlank
        try await req.db.transaction { tx in
            try await factor.save(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: nil, action: "Изменён фактор риска", entity: "Справочник факторов риска", entityID: id,
                                   before: before, after: "\(title) | \(phrase) | \(factor.summaryGroup ?? "—")")
        }
        return req.redirect(to: SiteRoute.riskFactors.path)
    }

    struct QuestionForm: Content {
        var text: String
        var respondent: Respondent
        var weight: Double
    }

    private func question(_ req: Request) throws -> (String, Respondent, Double) {
        guard let form = try? req.content.decode(QuestionForm.self), let text = form.text.nilIfBlank, form.weight >= 0, form.weight <= 10 else {
            throw PublicError(.badRequest, "Укажите утверждение, кто отвечает, и вес от 0 до 10.")
        }
        return (text, form.respondent, form.weight)
    }

    func addQuestion(req: Request) async throws -> Response {
        let user = try requireEditor(req)
        guard let id = req.intParameter("factorID"), let factor = try await RiskFactor.find(id, on: req.db) else { throw PublicError.notFound() }
        let (text, respondent, weight) = try question(req)
        let q = RiskQuestion()
        q.$factor.id = id
        q.position = (try await RiskQuestion.query(on: req.db).filter(\.$factor.$id == id).max(\.$position) ?? -1) + 1
        q.text = text
        q.respondent = respondent
        q.weight = weight
        try await req.db.transaction { tx in
            try await q.create(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: nil, action: "Добавлено утверждение анкеты", entity: factor.title, entityID: q.id, after: "\(text) (\(respondent.title), вес \(weight))")
        }
        return req.redirect(to: SiteRoute.riskFactors.path)
    }

    func saveQuestion(req: Request) async throws -> Response {
        let user = try requireEditor(req)
        guard let id = req.intParameter("questionID"), let q = try await RiskQuestion.find(id, on: req.db) else { throw PublicError.notFound() }
        let (text, respondent, weight) = try question(req)
        let before = "\(q.text) (\(q.respondent.title), вес \(q.weight))"
        try req.ensureUnchanged(stamp: Self.questionStamp(q.text, q.respondent, q.weight), now: before, back: SiteRoute.riskFactors.path)
        q.text = text
        q.respondent = respondent
        q.weight = weight
        try await req.db.transaction { tx in
            try await q.save(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: nil, action: "Изменено утверждение анкеты", entity: "Справочник факторов риска", entityID: id,
                                   before: before, after: "\(text) (\(respondent.title), вес \(weight))")
        }
        return req.redirect(to: SiteRoute.riskFactors.path)
    }
}
