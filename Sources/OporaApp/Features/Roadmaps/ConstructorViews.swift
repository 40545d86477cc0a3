import OporaCore

struct ConstructorPage {
    let schoolID: Int
    let schoolName: String
    let profileYear: Int?
    let factors: [(code: String, title: String, significance: Significance?)]
    let defaultPeriod: String
    var problem: String?
}

struct ConstructorView {
    let model: ConstructorPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Конструктор дорожной карты: \(model.schoolName)")]
        if let p = model.problem { body.append(notice(p, kind: "error")) }
        guard let year = model.profileYear else {
            body.append(para("Сначала проведите самодиагностику: конструктор подбирает мероприятия по рисковому профилю школы.", cls: "muted"))
            body.append(link("Рисковый профиль", SiteRoute.school(model.schoolID, .risks).path, cls: "button"))
            return layout.render(body)
        }
        body.append(para("Рисковый профиль \(year) года. Выберите до трёх факторов средней или высокой значимости: для каждого будет предложена антирисковая программа из мероприятий библиотеки. Получится проект школьной дорожной карты, который можно свободно изменить.", cls: "muted"))
        body.append(postForm(SiteRoute.school(model.schoolID, .constructor).path, csrf: csrf, [
            field("Период: учебный год (2025-2026) или год", name: "period", value: model.defaultPeriod, required: true),
            el("fieldset", [("class", "card")], [el("legend", text: "Факторы риска")] + model.factors.map { f in
                let eligible = (f.significance ?? .low) >= .medium
                return el("div", [], [
                    el("label", [], [
                        voidEl("input", [("type", "checkbox"), ("name", "factors[]"), ("value", f.code), ("disabled", eligible ? nil : "disabled")]),
                        .text(" \(f.title) "),
                        significanceTag(f.significance),
                    ]),
                ])
            }),
            button("Собрать проект дорожной карты"),
        ]))
        return layout.render(body)
    }
}

struct TemplatesPage {
    let authorityID: Int
    let municipality: String
    let templates: [(text: String, form: String, deadline: String, result: String, level: String, factors: String, own: Bool)]
    let factors: [(code: String, title: String)]
    let canManage: Bool
}

struct TemplatesView {
    let model: TemplatesPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Библиотека мероприятий: \(model.municipality)")]
        body.append(para("Шаблоны, из которых конструктор собирает школьные дорожные карты. Шаблоны без факторов риска входят в каждую дорожную карту; остальные — в антирисковые программы по своим факторам.", cls: "muted"))
        body.append(table(["Мероприятие", "Форма", "Типовой срок", "Результат", "Уровень", "Факторы риска", ""], model.templates.map { t in
            [.text(t.text), .text(t.form), .text(t.deadline), .text(t.result), .text(t.level), .text(t.factors.isEmpty ? "для всех школ" : t.factors), .text(t.own ? "муниципальный" : "базовый")]
        }))
        if model.canManage {
            body.append(subheading("Добавить шаблон"))
            body.append(postForm(SiteRoute.authority(model.authorityID, .templates).path, csrf: csrf, [
                field("Мероприятие", name: "text", required: true),
                field("Форма реализации", name: "form", required: true),
                field("Типовой срок (без года: «сентябрь», «до 1 марта», «ежеквартально»)", name: "deadline", required: true),
                field("Ожидаемый результат", name: "result", required: true),
                selectField("Уровень", name: "level", options: MeasureTemplate.Level.allCases.map { ($0.rawValue, $0.title) }, selected: "school"),
                el("div", [("class", "field")], [
                    el("label", [("for", "f-factors")], text: "Факторы риска (несколько — с Ctrl; ни одного — для всех школ)"),
                    el("select", [("name", "factors[]"), ("id", "f-factors"), ("multiple", "multiple"), ("size", "6")], model.factors.map { el("option", [("value", $0.code)], text: $0.title) }),
                ]),
                button("Добавить"),
            ]))
        }
        return layout.render(body)
    }
}
