import Foundation
import OporaCore

struct RoadmapPage {
    let tree: RoadmapTree
    var review: ReviewModel? = nil
    let occurrences: [Int: [OccurrenceRow]]
    let today: LocalDate
    /// Measures may be added and changed now (`Request.mayEdit`).
    let canManage: Bool
    let publicURL: String?
    /// The approval form is shown only to whoever may approve: the authority, and a school's
    /// roadmap only once its curator agreed to it.
    var canApprove = false
    var canClose = false
    var canCopy = false
}

/// The roadmap table, shared by the working page and the public page.
struct RoadmapTable {
    let tree: RoadmapTree
    /// Execution per measure, shown on the working page (not on the public one).
    var occurrences: [Int: [OccurrenceRow]]? = nil
    var today: LocalDate? = nil
    /// On the working page each measure opens its own page; the public page has no such links.
    var linkMeasures = false
    /// How the deadline was read («в конце месяцев: январь 2025 → 31.01.2025») is for whoever
    /// edits the roadmap to check; a reader sees the deadline as written, and an unread one
    /// still flagged.
    var showReading = false

    func nodes() -> [BodyNode] {
        var out: [BodyNode] = []
        let period = tree.roadmap.period
        let hasForm = tree.measures.contains { $0.form != nil }
        let hasResult = tree.measures.contains { $0.expectedResult != nil }
        let hasLinks = tree.measures.contains { !$0.links.isEmpty }
        var headers = ["№", "Мероприятие"]
        if hasForm { headers.append("Форма реализации") }
        headers += ["Срок", "Ответственные"]
        if hasResult { headers.append("Результат") }
        if hasLinks { headers.append("Информационное сопровождение") }
        if occurrences != nil { headers.append("Исполнение") }
        for level in tree.levels {
            if let t = level.model.title { out.append(subheading(t)) }
            for section in level.sections where !section.measures.isEmpty {
                if let t = section.model.title { out.append(el("h3", text: t)) }
                out.append(table(headers, section.measures.map { m in
                    var row: [BodyNode] = [linkMeasures ? link(m.number, SiteRoute.measure(m.id ?? 0).path) : .text(m.number), .text(m.name)]
                    if hasForm { row.append(.text(m.form ?? "")) }
                    let d = m.deadline
                    var deadline: [BodyNode] = [el("div", text: d.text)]
                    if showReading || d.needsReview {
                        deadline.append(el("div", [("class", d.needsReview ? "tag chronic" : "muted")],
                                           text: showReading ? RoadmapFormatting.reading(d, period: period) : "срок не распознан"))
                    }
                    row.append(el("div", [], deadline))
                    row.append(.text(m.responsible))
                    if hasResult { row.append(.text(m.expectedResult ?? "")) }
                    if hasLinks { row.append(el("div", [], m.links.map { el("div", [], [link($0, $0)]) })) }
                    if let occurrences, let today {
                        row.append(el("div", [], (occurrences[m.id ?? -1] ?? []).map { o in
                            let u = o.urgency(today: today)
                            let cls = u == .overdue ? "tag chronic" : u == .closed ? "tag firstTime" : u == .dueSoon ? "tag flickering" : "tag"
                            return el("div", [], [el("span", [("class", cls)], text: "\(o.due?.russian ?? "без даты"): \(u == .overdue ? "просрочено" : o.status.title)")])
                        }))
                    }
                    return row
                }))
            }
        }
        return out
    }
}

struct RoadmapView {
    let model: RoadmapPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let r = model.tree.roadmap
        let rid = r.id ?? 0
        var body: [BodyNode] = [heading(r.title)]
        var facts: [BodyNode] = [
            el("dt", text: "Чья"), el("dd", text: model.tree.owner),
            el("dt", text: "Период"), el("dd", text: r.period?.description ?? "\(r.periodStart) – \(r.periodEnd)"),
            el("dt", text: "Статус"), el("dd", text: r.status.title + (r.version > 1 ? ", редакция \(r.version)" : "")),
        ]
        if let order = r.orderText { facts += [el("dt", text: "Утверждена"), el("dd", text: order + (r.orderSignatory.map { ", подписал: \($0)" } ?? ""))] }
        if let url = model.publicURL { facts += [el("dt", text: "Публичная ссылка"), el("dd", [], [link(url, url)])] }
        let unread = model.tree.measures.filter { $0.deadline.needsReview }.count
        facts += [el("dt", text: "Мероприятий"), el("dd", text: "\(model.tree.measures.count)" + (unread > 0 ? " (сроков не распознано: \(unread))" : ""))]
        body.append(el("dl", [("class", "facts")], facts))
        body.append(el("div", [("class", "actions")], [
            link("Скачать приказ с приложением (DOCX)", SiteRoute.roadmap(rid, .orderDOCX).path, cls: "button"),
            link("Скачать таблицу (XLSX)", SiteRoute.roadmap(rid, .exportXLSX).path, cls: "button secondary"),
            link("Временная шкала", SiteRoute.roadmap(rid, .timeline).path, cls: "button secondary"),
            link("Мониторинг", SiteRoute.roadmap(rid, .rounds).path, cls: "button secondary"),
        ]))
        if model.canCopy {
            body.append(postForm(SiteRoute.roadmap(rid, .copy).path, csrf: csrf, cls: "inline", [button("Создать копию на следующий период", cls: "button secondary")]))
        }
        if model.canClose {
            body.append(postForm(SiteRoute.roadmap(rid, .close).path, csrf: csrf, cls: "inline", [button("Закрыть дорожную карту", cls: "button secondary")]))
        }
        if model.canApprove {
            if r.status == .draft {
                body.append(el("details", [], [
                    el("summary", text: "Утвердить приказом"),
                    postForm(SiteRoute.roadmap(rid, .approve).path, csrf: csrf, cls: "row", [
                        field("Номер приказа", name: "orderNumber", required: true),
                        field("Дата приказа", name: "orderDate", type: "date", required: true),
                        field("Подписал (И.О. Фамилия)", name: "signatory", required: true),
                        button("Утвердить"),
                    ]),
                ]))
            }
            if r.status == .draft {
                body.append(el("details", [], [
                    el("summary", text: "Цель и задачи"),
                    postForm(SiteRoute.roadmap(rid, .goal).path, csrf: csrf, [
                        stampField(RoadmapEditController.goalStamp(r)),
                        el("div", [("class", "field")], [el("label", [("for", "f-goal")], text: "Цель"),
                                                         el("textarea", [("name", "goal"), ("id", "f-goal"), ("rows", "2"), ("cols", "80")], [.text(r.goal ?? "")])]),
                        el("div", [("class", "field")], [el("label", [("for", "f-tasks")], text: "Задачи (по одной в строке)"),
                                                         el("textarea", [("name", "tasks"), ("id", "f-tasks"), ("rows", "4"), ("cols", "80")], [.text(r.tasks.joined(separator: "\n"))])]),
                        button("Сохранить"),
                    ]),
                ]))
                body.append(el("details", [], [
                    el("summary", text: "Добавить индикатор"),
                    postForm(SiteRoute.roadmap(rid, .indicators).path, csrf: csrf, cls: "row", [
                        field("Индикатор", name: "name", required: true, id: "ind-name"),
                        field("Целевое значение", name: "target", required: true, id: "ind-target"),
                        field("Единица", name: "unit", placeholder: "%", id: "ind-unit"),
                        button("Добавить"),
                    ]),
                ]))
                body.append(el("details", [], [
                    el("summary", text: "Добавить раздел"),
                    postForm(SiteRoute.roadmap(rid, .sections).path, csrf: csrf, cls: "row", [
                        field("Уровень (необязательно; новый уровень — новое название)", name: "levelTitle", placeholder: "МУНИЦИПАЛЬНЫЙ УРОВЕНЬ", id: "sec-level"),
                        field("Раздел", name: "title", required: true, placeholder: "I. Мероприятия по организации работы", id: "sec-title"),
                        button("Добавить"),
                    ]),
                ]))
            }
        }
        if let goal = r.goal { body.append(subheading("Цель")); body.append(para(goal)) }
        if !r.tasks.isEmpty { body.append(subheading("Задачи")); body.append(el("ol", [], r.tasks.map { el("li", text: $0) })) }
        if !model.tree.indicators.isEmpty {
            body.append(subheading("Индикаторы"))
            body.append(table(["Индикатор", "Целевое значение"], model.tree.indicators.map { [.text($0.name), .text("\($0.target) \($0.unit)")] }))
        }
        // Execution is shown once the roadmap is approved; a draft has nothing to report yet.
        body += RoadmapTable(tree: model.tree, occurrences: r.status == .draft ? nil : model.occurrences, today: model.today, linkMeasures: true,
                             showReading: model.canManage).nodes()
        if model.canManage {
            body.append(subheading(r.status == .draft ? "Добавить мероприятие" : "Изменение утверждённой дорожной карты"))
            if r.status != .draft {
                body.append(para("Утверждённая дорожная карта изменяется только через изменение, утверждённое приказом: укажите приказ и что изменено. Будет создана новая редакция.", cls: "muted"))
            }
            var fields: [BodyNode] = [
                selectField("Раздел", name: "sectionID", options: model.tree.levels.flatMap { level in
                    level.sections.map { s in ("\(s.model.id ?? 0)", [level.model.title, s.model.title].compactMap { $0 }.joined(separator: " / ").nilIfEmpty ?? "Без раздела") }
                }, selected: nil),
                field("№", name: "number", required: true),
                field("Мероприятие", name: "name", required: true),
                field("Форма реализации", name: "form"),
                field("Срок (как в приказе)", name: "deadline", required: true, placeholder: "например, ежеквартально"),
                field("Ответственные", name: "responsible", required: true),
                field("Результат", name: "result"),
            ]
            if r.status != .draft {
                fields += [
                    field("Номер приказа об изменении", name: "amendmentNumber", required: true),
                    field("Дата приказа", name: "amendmentDate", type: "date", required: true),
                    field("Что изменено", name: "amendmentDescription", required: true),
                ]
            }
            body.append(postForm(SiteRoute.roadmap(rid, .measures).path, csrf: csrf, fields + [button("Добавить мероприятие")]))
        }
        if let review = model.review { body += ReviewBlock(model: review, csrf: csrf).nodes() }
        if !model.tree.amendments.isEmpty {
            body.append(subheading("Изменения"))
            body.append(table(["Редакция", "Приказ", "Что изменено", "Кто"], model.tree.amendments.map { a in [
                .text("\(a.version)"), .text("от \(LocalDate(parsing: a.orderDate)?.russian ?? a.orderDate) № \(a.orderNumber)"), .text(a.description), .text(a.userLogin),
            ] }))
        }
        return layout.render(body)
    }
}

struct PublicRoadmapView {
    let tree: RoadmapTree

    func render() -> String {
        let r = tree.roadmap
        var body: [BodyNode] = [heading(r.title)]
        body.append(para("\(tree.owner), \(tree.authority.municipality). \(r.period?.description ?? ""). Утверждена: \(r.orderText ?? "—").", cls: "muted"))
        if let goal = r.goal { body.append(subheading("Цель")); body.append(para(goal)) }
        if !r.tasks.isEmpty { body.append(subheading("Задачи")); body.append(el("ol", [], r.tasks.map { el("li", text: $0) })) }
        if !tree.indicators.isEmpty {
            body.append(subheading("Индикаторы"))
            body.append(table(["Индикатор", "Целевое значение"], tree.indicators.map { [.text($0.name), .text("\($0.target) \($0.unit)")] }))
        }
        body += RoadmapTable(tree: tree).nodes()
        return Layout(title: r.title, user: nil, csrf: nil).render(body)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
