import OporaCore

struct ListsPage {
    struct ListBlock {
        let id: Int
        let status: ListStatus
        let order: String?
        let orderNumber: String?
        let orderDate: String?
        let orderIssuer: String?
        let entries: [(id: Int, schoolID: Int, school: String, basis: String?, consecutive: Int, stamp: String)]
        var draft = false
        /// `EditStamp` of the list as shown (for its order form).
        var stamp = ""
    }
    let authorityID: Int
    let municipality: String
    let year: Int
    let years: [Int]
    let lists: [ListBlock]
    let groups: [(years: Int, schools: [String])]
    let schools: [(id: Int, name: String)]
    let canManage: Bool
    var message: String?
}

struct ListsView {
    let model: ListsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Списки \(model.year) года: \(model.municipality)")]
        if let m = model.message { body.append(notice(m, kind: "ok")) }
        body.append(el("nav", [("class", "actions"), ("aria-label", "Годы")],
            model.years.map { y in y == model.year ? el("strong", [("class", "button")], text: "\(y)") : link("\(y)", SiteRoute.authority(model.authorityID, .lists).path(year: y), cls: "button secondary") }))
        if model.canManage {
            body.append(el("div", [("class", "actions")], [
                link("Загрузить список из файла (CSV, XLSX)", SiteRoute.authority(model.authorityID, .listImport).path, cls: "button"),
                link("Новый учебный год", SiteRoute.authority(model.authorityID, .newYear).path, cls: "button secondary"),
            ]))
        }
        if model.lists.isEmpty { body.append(para("За \(model.year) год списков нет.", cls: "muted")) }
        for list in model.lists {
            body.append(subheading("\(list.status.abbreviation): \(list.status.title.lowercased())" + (list.draft ? " — черновик" : "")))
            if list.draft {
                body.append(notice("Черновик, перенесённый из прошлого года: проверьте состав и утвердите приказом. До утверждения список не входит в историю и динамику."))
                if model.canManage {
                    body.append(postForm(SiteRoute.list(list.id, .approve).path, csrf: csrf, cls: "row", [
                        field("Номер приказа", name: "orderNumber", required: true, id: "ap-on-\(list.id)"),
                        field("Дата приказа", name: "orderDate", type: "date", required: true, id: "ap-od-\(list.id)"),
                        field("Кем издан", name: "orderIssuer", id: "ap-oi-\(list.id)"),
                        button("Утвердить список"),
                    ]))
                }
            } else {
                body.append(para(list.order.map { "Утверждён: \($0)." } ?? "Приказ не указан.", cls: "muted"))
            }
            body.append(para("В списке \(RussianPlural.count(list.entries.count, "школа", "школы", "школ")).", cls: "muted"))
            var headers = ["№", "Школа", "Основание включения"]
            if list.status == .lowResults { headers.append("Год в списке") }
            if model.canManage { headers.append("Действия") }
            body.append(table(headers, list.entries.enumerated().map { n, e in
                var row: [BodyNode] = [.text("\(n + 1)"), link(e.school, SiteRoute.school(e.schoolID).path)]
                if model.canManage {
                    row.append(postForm(SiteRoute.entry(e.id, .edit).path, csrf: csrf, cls: "row", [
                        voidEl("input", [("type", "hidden"), ("name", EditStamp.field), ("value", e.stamp)]),
                        el("label", [("class", "visually-hidden"), ("for", "basis-\(e.id)")], text: "Основание"),
                        voidEl("input", [("type", "text"), ("name", "basis"), ("id", "basis-\(e.id)"), ("value", e.basis ?? "")]),
                        button("Сохранить", cls: "button secondary"),
                    ]))
                } else {
                    row.append(.text(e.basis ?? "—"))
                }
                if list.status == .lowResults { row.append(.text(ListHistory.consecutiveYearsLabel(e.consecutive))) }
                if model.canManage {
                    row.append(postForm(SiteRoute.entry(e.id, .delete).path, csrf: csrf, cls: "inline", [button("Исключить", cls: "button danger")]))
                }
                return row
            }))
            if model.canManage {
                body.append(el("details", [], [
                    el("summary", text: "Добавить школу в этот список"),
                    postForm(SiteRoute.list(list.id, .entries).path, csrf: csrf, cls: "row", [
                        selectField("Школа", name: "schoolID", options: model.schools.map { ("\($0.id)", $0.name) }, selected: nil, id: "school-\(list.id)"),
                        field("Основание", name: "basis", id: "basis-new-\(list.id)"),
                        button("Добавить"),
                    ]),
                ]))
                if !list.draft { body.append(el("details", [], [
                    el("summary", text: "Изменить приказ"),
                    postForm(SiteRoute.list(list.id, .order).path, csrf: csrf, cls: "row", [
                        stampField(list.stamp),
                        field("Номер приказа", name: "orderNumber", value: list.orderNumber, id: "on-\(list.id)"),
                        field("Дата приказа", name: "orderDate", value: list.orderDate, type: "date", id: "od-\(list.id)"),
                        field("Кем издан", name: "orderIssuer", value: list.orderIssuer, id: "oi-\(list.id)"),
                        button("Сохранить"),
                    ]),
                ])) }
            }
        }
        if !model.groups.isEmpty {
            body.append(subheading("ШНОР \(model.year) года по годам в списке"))
            let total = model.groups.reduce(0) { $0 + $1.schools.count }
            body.append(table(["Год в списке", "Школ", "Школы"], model.groups.map { g in [
                .text(ListHistory.consecutiveYearsLabel(g.years)), .text("\(g.schools.count)"), .text(g.schools.joined(separator: ", ")),
            ] } + [[el("strong", text: "Всего"), el("strong", text: "\(total)"), .text("")]]))
        }
        if model.canManage {
            body.append(subheading("Новый список"))
            body.append(postForm(SiteRoute.authority(model.authorityID, .lists).path, csrf: csrf, cls: "row", [
                field("Год", name: "year", value: "\(model.year)", type: "number", required: true, id: "new-year"),
                selectField("Статус", name: "status", options: ListStatus.allCases.map { ($0.rawValue, $0.abbreviation) }, selected: "lowResults", id: "new-status"),
                field("Номер приказа", name: "orderNumber", id: "new-on"),
                field("Дата приказа", name: "orderDate", type: "date", id: "new-od"),
                field("Кем издан", name: "orderIssuer", id: "new-oi"),
                button("Создать список"),
            ]))
        }
        return layout.render(body)
    }
}
