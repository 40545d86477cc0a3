import OporaCore

struct RoadmapsPage {
    struct Row {
        let id: Int
        let title: String
        let owner: String
        let period: String
        let status: String
        let measures: Int
        let order: String?
    }
    let authorityID: Int
    let municipality: String
    let rows: [Row]
    let canManage: Bool
    var schools: [(id: Int, name: String)] = []
}

struct RoadmapsView {
    let model: RoadmapsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Дорожные карты: \(model.municipality)")]
        if model.canManage {
            body.append(el("div", [("class", "actions")], [
                link("Импортировать дорожную карту (таблица, XLSX, DOCX)", SiteRoute.authority(model.authorityID, .roadmapImport).path, cls: "button"),
            ]))
        }
        if model.rows.isEmpty {
            body.append(para("Дорожных карт пока нет.", cls: "muted"))
        } else {
            body.append(table(["Дорожная карта", "Чья", "Период", "Статус", "Мероприятий", "Приказ"], model.rows.map { r in [
                link(r.title, SiteRoute.roadmap(r.id).path), .text(r.owner), .text(r.period), .text(r.status), .text("\(r.measures)"), .text(r.order ?? "—"),
            ] }))
        }
        if model.canManage {
            body.append(el("details", [], [
                el("summary", text: "Создать дорожную карту вручную"),
                postForm(SiteRoute.authority(model.authorityID, .roadmaps).path, csrf: csrf, [
                    field("Название", name: "title", required: true, id: "new-title"),
                    field("Период: год (2025) или учебный год (2024-2025)", name: "period", required: true, id: "new-period"),
                    selectField("Чья дорожная карта", name: "schoolID", options: [("", "Муниципальная")] + model.schools.map { ("\($0.id)", "Школьная: \($0.name)") }, selected: "", id: "new-school"),
                    button("Создать"),
                ]),
            ]))
        }
        return layout.render(body)
    }
}

struct RoadmapImportPage {
    let authorityID: Int
    let municipality: String
    let schools: [(id: Int, name: String)]
    var title: String = ""
    var period: String = ""
    var problems: [String] = []
}

struct RoadmapImportView {
    let model: RoadmapImportPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Импорт дорожной карты: \(model.municipality)")]
        if !model.problems.isEmpty {
            body.append(notice("Не удалось принять данные:", kind: "error"))
            body.append(el("ul", [("class", "problems")], model.problems.map { el("li", text: $0) }))
        }
        body.append(para("Вставьте таблицу, скопированную из Word или Excel (вместе со строкой заголовка), или загрузите файл DOCX, XLSX или текстовый. Распознаются строки заголовка, уровни («МУНИЦИПАЛЬНЫЙ УРОВЕНЬ»), разделы («I. …»), перенесённые строки и многострочные ячейки; цель, задачи и индикаторы над таблицей. Перед сохранением вы увидите всё, что распознано, и все ошибки."))
        body.append(postForm(SiteRoute.authority(model.authorityID, .roadmapImport).path, csrf: csrf, multipart: true, [
            field("Название", name: "title", value: model.title, required: true, placeholder: "Дорожная карта по работе со ШНОР на 2025 год"),
            field("Период: год (2025) или учебный год (2024-2025)", name: "period", value: model.period, required: true),
            selectField("Чья дорожная карта", name: "schoolID", options: [("", "Муниципальная")] + model.schools.map { ("\($0.id)", "Школьная: \($0.name)") }, selected: ""),
            el("div", [("class", "field")], [
                el("label", [("for", "f-text")], text: "Таблица (вставьте из Word или Excel)"),
                el("textarea", [("name", "text"), ("id", "f-text"), ("rows", "10"), ("cols", "100")], []),
            ]),
            el("div", [("class", "field")], [
                el("label", [("for", "f-file")], text: "…или файл"),
                voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-file"), ("accept", ".docx,.xlsx,.txt,.tsv,.csv")]),
            ]),
            button("Проверить"),
        ]))
        return layout.render(body)
    }
}

struct RoadmapPreviewPage {
    let draftID: Int
    let authorityID: Int
    let title: String
    let period: String
    let fileName: String
    let draft: RoadmapDraft
    let periodValue: RoadmapPeriod?
}

struct RoadmapPreviewView {
    let model: RoadmapPreviewPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let d = model.draft
        var body: [BodyNode] = [heading("Проверка: «\(model.title)»"), para("Источник: \(model.fileName). Период: \(model.periodValue?.description ?? model.period).", cls: "muted")]
        if d.isValid {
            let sections = d.levels.reduce(0) { $0 + $1.sections.count }
            body.append(notice("Ошибок нет. Распознано: \(RussianPlural.count(d.measures.count, "мероприятие", "мероприятия", "мероприятий")), \(RussianPlural.count(sections, "раздел", "раздела", "разделов")), уровней — \(d.levels.count).", kind: "ok"))
            body.append(postForm(SiteRoute.roadmapDraft(model.draftID, .apply).path, csrf: csrf, [button("Сохранить как проект дорожной карты")]))
        } else {
            body.append(notice("Найдено ошибок: \(d.problems.count). Ничего не сохранено.", kind: "error"))
            body.append(el("ul", [("class", "problems")], d.problems.map { el("li", text: $0.description) }))
        }
        if !d.warnings.isEmpty {
            body.append(notice("Требуют проверки: \(d.warnings.count).", kind: "info"))
            body.append(el("ul", [("class", "problems")], d.warnings.map { el("li", text: $0.description) }))
        }
        if let goal = d.goal { body.append(subheading("Цель")); body.append(para(goal)) }
        if !d.tasks.isEmpty { body.append(subheading("Задачи")); body.append(el("ol", [], d.tasks.map { el("li", text: $0) })) }
        if !d.indicators.isEmpty {
            body.append(subheading("Индикаторы"))
            body.append(table(["Индикатор", "Целевое значение"], d.indicators.map { [.text($0.name), .text("\($0.target) \($0.unit)")] }))
        }
        for level in d.levels {
            if let t = level.title { body.append(subheading(t)) }
            for section in level.sections {
                if let t = section.title { body.append(el("h3", text: t)) }
                body.append(table(["Строка", "№", "Мероприятие", "Срок", "Как понят срок", "Ответственные"], section.measures.map { m in [
                    .text("\(m.line)"), .text(m.number), .text(m.name), .text(m.deadline.text),
                    .text(RoadmapFormatting.reading(m.deadline, period: model.periodValue)), .text(m.responsible),
                ] }))
            }
        }
        return layout.render(body)
    }
}

enum RoadmapFormatting {
    /// «ежеквартально: 31.03.2024, 30.06.2024, …» — the reading and the due dates it gives.
    static func reading(_ d: Deadline, period: RoadmapPeriod?) -> String {
        let dates = period.map { d.occurrences(in: $0).map(\.russian) } ?? []
        if dates.isEmpty { return d.reading }
        return d.reading + " → " + dates.joined(separator: ", ")
    }
}
