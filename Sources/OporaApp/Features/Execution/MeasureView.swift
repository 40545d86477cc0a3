import Foundation
import OporaCore

struct MeasurePage {
    let roadmapID: Int
    let roadmapTitle: String
    let measure: Measure
    let rows: [OccurrenceRow]
    let today: LocalDate
    let mayReport: Bool
    let mayReview: Bool
    var responsible: [(party: String, match: String?)] = []
    /// Schools of the municipality, with whether the measure concerns each.
    var schools: [(id: Int, name: String, selected: Bool)] = []
    var canManage = false
    /// The roadmap can be changed by the user (a draft freely, an approved one by amendment).
    var canEdit = false
    var approved = false
}

struct MeasureView {
    let model: MeasurePage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model.measure
        let mid = m.id ?? 0
        var body: [BodyNode] = [heading("Мероприятие № \(m.displayNumber)"), para(m.name)]
        body.append(el("dl", [("class", "facts")], [
            el("dt", text: "Дорожная карта"), el("dd", [], [link(model.roadmapTitle, SiteRoute.roadmap(model.roadmapID).path)]),
            el("dt", text: "Срок"), el("dd", text: "\(m.deadlineText) (\(m.deadline.reading))"),
            el("dt", text: "Ответственные"), el("dd", [], [el("ul", [], model.responsible.map { r in
                el("li", [], [.text(r.party), r.match.map { el("span", [("class", "muted")], text: " — в реестре: \($0)") } ?? el("span", [("class", "muted")], text: " — нет в реестре")])
            })]),
            el("dt", text: "Касается школ"), el("dd", text: model.schools.filter(\.selected).map(\.name).joined(separator: ", ").nilIfEmpty ?? "не указано"),
            el("dt", text: "Ожидаемый результат"), el("dd", text: m.expectedResult ?? m.form ?? "—"),
        ]))
        if model.canEdit {
            var fields: [BodyNode] = [
                EditStamp.input(m),
                field("№", name: "number", value: m.number, required: true, id: "e-number"),
                field("Мероприятие", name: "name", value: m.name, required: true, id: "e-name"),
                field("Форма реализации", name: "form", value: m.form, id: "e-form"),
                field("Срок (как в приказе)", name: "deadline", value: m.deadlineText, required: true, id: "e-deadline"),
                field("Ответственные", name: "responsible", value: m.responsible, required: true, id: "e-resp"),
                field("Результат", name: "result", value: m.expectedResult, id: "e-result"),
            ]
            let amendment: [BodyNode] = model.approved ? [
                field("Номер приказа об изменении", name: "amendmentNumber", required: true, id: "e-an"),
                field("Дата приказа", name: "amendmentDate", type: "date", required: true, id: "e-ad"),
                field("Что изменено", name: "amendmentDescription", required: true, id: "e-aw"),
            ] : []
            fields += amendment
            body.append(el("details", [], [
                el("summary", text: model.approved ? "Изменить мероприятие (приказом об изменении)" : "Изменить мероприятие"),
                postForm(SiteRoute.measure(mid, .edit).path, csrf: csrf, fields + [button("Сохранить")]),
                postForm(SiteRoute.measure(mid, .delete).path, csrf: csrf, amendment.isEmpty ? [button("Удалить мероприятие", cls: "button danger")] : [
                    field("Номер приказа об изменении", name: "amendmentNumber", required: true, id: "d-an"),
                    field("Дата приказа", name: "amendmentDate", type: "date", required: true, id: "d-ad"),
                    field("Что изменено", name: "amendmentDescription", required: true, id: "d-aw"),
                    button("Удалить мероприятие", cls: "button danger"),
                ]),
            ]))
        }
        if model.canManage && !model.schools.isEmpty {
            body.append(el("details", [], [
                el("summary", text: "Указать школы, которых касается мероприятие"),
                postForm(SiteRoute.measure(mid, .schools).path, csrf: csrf, [
                    el("div", [("class", "field")], [
                        el("label", [("for", "f-schools")], text: "Школы (несколько — с Ctrl)"),
                        el("select", [("name", "schoolIDs[]"), ("id", "f-schools"), ("multiple", "multiple"), ("size", "8")], model.schools.map { s in
                            el("option", [("value", "\(s.id)"), ("selected", s.selected ? "selected" : nil)], text: s.name)
                        }),
                    ]),
                    button("Сохранить"),
                ]),
            ]))
        }
        for row in model.rows {
            let urgency = row.urgency(today: model.today)
            let due = row.due?.russian ?? "без фиксированной даты"
            body.append(el("section", [("class", "card occurrence"), ("id", "due-\(row.dueKey.isEmpty ? "none" : row.dueKey)")], occurrence(row, mid: mid, due: due, urgency: urgency)))
        }
        return layout.render(body)
    }

    private func occurrence(_ row: OccurrenceRow, mid: Int, due: String, urgency: Urgency) -> [BodyNode] {
        var out: [BodyNode] = [
            el("h2", text: "Срок: \(due)"),
            el("p", [], [
                el("span", [("class", "tag \(urgency == .overdue ? "chronic" : urgency == .closed ? "firstTime" : "flickering")")], text: urgency.title),
                .text(" Статус: \(row.status.shown(due: row.due, today: model.today)). Проверка: \(row.progress?.review.title ?? "—")."),
            ]),
        ]
        if let p = row.progress {
            if !p.report.isEmpty { out.append(para("Отчёт: \(p.report)")) }
            if let c = p.reviewComment, !c.isEmpty { out.append(notice("Комментарий проверяющего: \(c)", kind: p.review == .returned ? "error" : "info")) }
            if !p.evidence.isEmpty {
                out.append(el("ul", [], p.evidence.map { e in
                    e.kind == .file ? el("li", [], [link(e.summary, SiteRoute.evidence(e.id ?? 0, .file).path)]) :
                    e.kind == .link ? el("li", [], [.text(e.title + ": "), link(e.url ?? "", e.url ?? "")]) : el("li", text: e.summary)
                }))
            }
        }
        let dueField = voidEl("input", [("type", "hidden"), ("name", "due"), ("value", row.dueKey)])
        let key = row.dueKey.isEmpty ? "none" : row.dueKey
        if model.mayReport {
            out.append(el("details", [], [
                el("summary", text: "Отметить выполнение"),
                postForm(SiteRoute.measure(mid, .progress).path, csrf: csrf, [
                    dueField,
                    EditStamp.input(row.progress),
                    selectField("Статус", name: "status", options: ProgressStatus.allCases.map { ($0.rawValue, $0.title) }, selected: row.status.rawValue, id: "st-\(key)"),
                    el("div", [("class", "field")], [
                        el("label", [("for", "rp-\(key)")], text: "Отчёт о выполнении"),
                        el("textarea", [("name", "report"), ("id", "rp-\(key)"), ("rows", "3"), ("cols", "80")], [.text(row.progress?.report ?? "")]),
                    ]),
                    button("Сохранить"),
                ]),
            ]))
            out.append(el("details", [], [
                el("summary", text: "Добавить подтверждение"),
                postForm(SiteRoute.measure(mid, .evidence).path, csrf: csrf, multipart: true, [
                    dueField,
                    selectField("Вид", name: "kind", options: EvidenceKind.allCases.map { ($0.rawValue, $0.title) }, selected: "document", id: "ek-\(key)"),
                    field("Название (например, «Приказ УО», «Протокол совещания»)", name: "title", required: true, id: "et-\(key)"),
                    field("Номер документа", name: "docNumber", id: "en-\(key)"),
                    field("Дата документа", name: "docDate", type: "date", id: "ed-\(key)"),
                    field("Ссылка", name: "url", id: "eu-\(key)"),
                    el("div", [("class", "field")], [
                        el("label", [("for", "ef-\(key)")], text: "Файл (до 5 МБ)"),
                        voidEl("input", [("type", "file"), ("name", "file"), ("id", "ef-\(key)")]),
                    ]),
                    button("Добавить"),
                ]),
            ]))
        }
        if model.mayReview, let p = row.progress, p.review == .pending {
            out.append(postForm(SiteRoute.measure(mid, .review).path, csrf: csrf, cls: "row", [
                dueField,
                field("Комментарий", name: "comment", id: "rc-\(key)"),
                el("button", [("type", "submit"), ("name", "decision"), ("value", "accept"), ("class", "button")], text: "Принять"),
                el("button", [("type", "submit"), ("name", "decision"), ("value", "return"), ("class", "button danger")], text: "Вернуть на доработку"),
            ]))
        }
        return out
    }
}

struct TimelinePage {
    let roadmapID: Int
    let title: String
    let svg: String
    let counts: [(Urgency, Int)]
}

struct TimelineView {
    let model: TimelinePage
    let layout: Layout

    func render() -> String {
        layout.render([
            heading("Временная шкала: \(model.title)"),
            para(model.counts.map { "\($0.0.title): \($0.1)" }.joined(separator: " · "), cls: "muted"),
            el("div", [("class", "actions")], [
                link("К дорожной карте", SiteRoute.roadmap(model.roadmapID).path, cls: "button secondary"),
                link("Скачать SVG", SiteRoute.roadmap(model.roadmapID, .timelineSVG).path, cls: "button secondary"),
            ]),
            el("div", [("class", "timeline")], [.raw(model.svg)]),
        ])
    }
}
