import Foundation
import OporaCore

struct CataloguePage {
    struct Factor {
        let id: Int
        let title: String
        let reportPhrase: String
        let summaryGroup: String?
        /// In the order the questionnaire asks them.
        let questions: [Question]
    }
    struct Question {
        let id: Int
        let text: String
        let respondent: Respondent
        let weight: Double
    }
    let factors: [Factor]
    /// Only the regional administrator edits the catalogue.
    let canEdit: Bool
}

struct CatalogueView {
    let model: CataloguePage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let edit = model.canEdit
        var body: [BodyNode] = [heading("Факторы риска и анкета самодиагностики")]
        body.append(para("Десять факторов риска программы «500+» и утверждения анкеты. Ответ на утверждение: " + AnswerScale.labels.joined(separator: " / ") + ". Вес 0 — вопрос больше не задаётся." + (edit ? "" : " Изменяет региональный администратор."), cls: "muted"))
        for f in model.factors {
            let fid = f.id
            var section: [BodyNode] = [el("h2", text: f.title), para("В отчёте: «\(f.reportPhrase)»" + (f.summaryGroup.map { "; отчитывается вместе с факторами группы «\($0)»" } ?? "") + ".", cls: "muted")]
            section.append(table(["Утверждение", "Отвечает", "Вес"] + (edit ? ["Изменить"] : []), f.questions.map { q in
                var row: [BodyNode] = [.text(q.text), .text(q.respondent.title), .text(String(format: "%g", q.weight))]
                if edit {
                    let qid = q.id
                    row.append(postForm(SiteRoute.riskQuestion(qid).path, csrf: csrf, cls: "row", [
                        stampField(CatalogueController.questionStamp(q.text, q.respondent, q.weight)),
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
                section.append(el("details", [], [el("summary", text: "Изменить фактор"), postForm(SiteRoute.riskFactor(fid).path, csrf: csrf, [
                    stampField(CatalogueController.factorStamp(f.title, f.reportPhrase, f.summaryGroup)),
                    field("Название", name: "title", value: f.title, required: true, id: "ft-\(fid)"),
                    field("Формулировка в отчёте", name: "reportPhrase", value: f.reportPhrase, required: true, id: "fp-\(fid)"),
                    field("Группа для совместного отчёта (необязательно)", name: "summaryGroup", value: f.summaryGroup, id: "fg-\(fid)"),
                    button("Сохранить"),
                ])]))
                section.append(el("details", [], [el("summary", text: "Добавить утверждение"), postForm(SiteRoute.riskFactor(fid, .questions).path, csrf: csrf, [
                    field("Утверждение", name: "text", required: true, id: "nq-\(fid)"),
                    selectField("Отвечает", name: "respondent", options: Respondent.allCases.map { ($0.rawValue, $0.title) }, selected: "head", id: "nr-\(fid)"),
                    field("Вес", name: "weight", value: "1", type: "number", id: "nw-\(fid)"),
                    button("Добавить"),
                ])]))
            }
            body.append(el("section", [("class", "card")], section))
        }
        return layout.render(body)
    }
}
