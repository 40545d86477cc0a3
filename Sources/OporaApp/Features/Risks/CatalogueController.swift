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
        let edit = user.role.canEditCatalogue
        var body: [BodyNode] = [heading("Факторы риска и анкета самодиагностики")]
        body.append(para("Десять факторов риска программы «500+» и утверждения анкеты. Ответ на утверждение: " + AnswerScale.labels.joined(separator: " / ") + ". Вес 0 — вопрос больше не задаётся." + (edit ? "" : " Изменяет региональный администратор."), cls: "muted"))
        for f in factors {
            let fid = f.id ?? 0
            var section: [BodyNode] = [el("h2", text: f.title), para("В отчёте: «\(f.reportPhrase)»" + (f.summaryGroup.map { "; отчитывается вместе с факторами группы «\($0)»" } ?? "") + ".", cls: "muted")]
            section.append(table(["Утверждение", "Отвечает", "Вес"] + (edit ? ["Изменить"] : []), f.questions.sorted { $0.position < $1.position }.map { q in
                var row: [BodyNode] = [.text(q.text), .text(q.respondent.title), .text(String(format: "%g", q.weight))]
                if edit {
                    let qid = q.id ?? 0
                    row.append(postForm(SiteRoute.riskQuestion(qid).path, csrf: req.csrf, cls: "row", [
                        el("label", [("class", "visually-hidden"), ("for", "qt-\(qid)")], text: "Утверждение"),
                        voidEl("input", [("type", "text"), ("name", "text"), ("id", "qt-\(qid)"), ("value", q.text)]),
                        selectField("Отвечает", name: "respondent", options: Respondent.allCases.map { ($0.rawValue, $0.title) }, selected: q.respondent.rawValue, id: "qr-\(qid)"),
                        field("Вес", name: "weight", value: String(format: "%g", q.weight), type: "number", id: "qw-\(qid)"),
                        button("Сохранить", cls: "button secondary"),
                    ]))
                }
                return row
            }))
            if edit {
                section.append(el("details", [], [el("summary", text: "Изменить фактор"), postForm(SiteRoute.riskFactor(fid).path, csrf: req.csrf, [
                    field("Название", name: "title", value: f.title, required: true, id: "ft-\(fid)"),
                    field("Формулировка в отчёте", name: "reportPhrase", value: f.reportPhrase, required: true, id: "fp-\(fid)"),
                    field("Группа для совместного отчёта (необязательно)", name: "summaryGroup", value: f.summaryGroup, id: "fg-\(fid)"),
                    button("Сохранить"),
                ])]))
                section.append(el("details", [], [el("summary", text: "Добавить утверждение"), postForm(SiteRoute.riskFactor(fid, .questions).path, csrf: req.csrf, [
                    field("Утверждение", name: "text", required: true, id: "nq-\(fid)"),
                    selectField("Отвечает", name: "respondent", options: Respondent.allCases.map { ($0.rawValue, $0.title) }, selected: "head", id: "nr-\(fid)"),
                    field("Вес", name: "weight", value: "1", type: "number", id: "nw-\(fid)"),
                    button("Добавить"),
                ])]))
            }
            body.append(el("section", [("class", "card")], section))
        }
        return .html(req.layout("Факторы риска").render(body))
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

    func saveFactor(req: Request) async throws -> Response {
        let user = try requireEditor(req)
        guard let id = req.intParameter("factorID"), let factor = try await RiskFactor.find(id, on: req.db) else { throw PublicError.notFound() }
        guard let form = try? req.content.decode(FactorForm.self), let title = form.title.nilIfBlank, let phrase = form.reportPhrase.nilIfBlank else {
            throw PublicError(.badRequest, "Укажите название и формулировку для отчёта.")
        }
        let before = "\(factor.title) | \(factor.reportPhrase) | \(factor.summaryGroup ?? "—")"
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
