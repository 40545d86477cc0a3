import OporaCore

struct RegistryImportFormPage {
    let regions: [(id: Int, name: String)]
    var error: String?
}

struct RegistryImportFormView {
    let model: RegistryImportFormPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Импорт реестра школ региона")]
        if let e = model.error { body.append(notice(e, kind: "error")) }
        body.append(para("Один файл на весь регион (CSV в UTF-8 или Windows-1251, либо XLSX) со столбцом муниципалитета — например, список логинов ФИС ОКО "
                         + "«логин; имя (краткое наименование); регион/муниципалитет» или таблица с ИНН, полным наименованием и адресом. "
                         + "Столбцы узнаются по заголовкам в любом порядке; строки над заголовком пропускаются."))
        body.append(para("Сначала показывается, что изменится: какие муниципалитеты и школы будут созданы, какие сведения обновятся. "
                         + "Школа находится по логину ФИС ОКО, затем по ИНН, затем по наименованию в муниципалитете. Ничего не меняется, пока вы не примените файл; "
                         + "тот же файл повторно ничего не изменит.", cls: "muted"))
        var fields: [BodyNode] = [
            el("div", [("class", "field")], [
                el("label", [("for", "f-file")], text: "Файл реестра"),
                voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-file"), ("required", "required"), ("accept", ".csv,.txt,.xlsx")]),
            ]),
        ]
        if model.regions.count > 1 {
            fields.append(selectField("Регион", name: "regionID", options: model.regions.map { ("\($0.id)", $0.name) }, selected: nil))
        }
        fields.append(el("label", [("class", "check")], [
            voidEl("input", [("type", "checkbox"), ("name", "createMunicipalities"), ("value", "on"), ("checked", "checked")]),
            .text(" Создать муниципалитеты, которых ещё нет в реестре"),
        ]))
        fields.append(button("Проверить файл"))
        body.append(postForm(SiteRoute.registryImport.path, csrf: csrf, multipart: true, fields))
        return layout.render(body)
    }
}

struct RegistryPreviewPage {
    let draftID: Int
    let fileName: String
    let plan: RegistryPlan
    /// After applying: what was done.
    var applied: RegistryService.Outcome?
}

struct RegistryPreviewView {
    let model: RegistryPreviewPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let p = model.plan
        var body: [BodyNode] = [heading("Импорт реестра: «\(model.fileName)»")]
        if let done = model.applied {
            body.append(notice("Реестр обновлён: \(done.summary).", kind: "ok"))
            body.append(el("div", [("class", "actions")], [
                link("Муниципалитеты", SiteRoute.authorities.path, cls: "button"),
                link("Учётные записи", SiteRoute.accounts.path, cls: "button secondary"),
            ]))
            return layout.render(body)
        }
        body.append(el("div", [("class", "cards")], [
            card(p.newMunicipalities.count, "новых муниципалитетов", "новый муниципалитет", "новых муниципалитета"),
            card(p.newSchools.count, "новых школ", "новая школа", "новые школы"),
            card(p.updates.count, "школ со сведениями к обновлению", "школа со сведениями к обновлению", "школы со сведениями к обновлению"),
            card(p.unchanged.count, "школ без изменений", "школа без изменений", "школы без изменений"),
        ]))
        if !p.problems.isEmpty {
            body.append(notice("В файле \(RussianPlural.count(p.problems.count, "ошибка", "ошибки", "ошибок")). Ничего не изменено: исправьте файл и загрузите его снова.", kind: "error"))
            body.append(el("ul", [("class", "problems")], p.problems.prefix(500).map { el("li", text: $0.description) }))
            if p.problems.count > 500 { body.append(para("… и ещё \(p.problems.count - 500).", cls: "muted")) }
        } else if p.changesAnything {
            body.append(postForm(SiteRoute.registryDraft(model.draftID, .apply).path, csrf: csrf, [button("Применить: внести изменения в реестр")]))
        } else {
            body.append(notice("Файл ничего не меняет: все школы уже в реестре с этими сведениями.", kind: "ok"))
        }
        for w in p.warnings { body.append(notice(w)) }
        if !p.newMunicipalities.isEmpty {
            body.append(subheading("Будут созданы муниципалитеты"))
            body.append(table(["Муниципалитет", "Код", "Школ в файле"], p.newMunicipalities.map { [.text($0.name), .text($0.code), .text("\($0.lines.count)")] }))
        }
        if !p.newSchools.isEmpty {
            body.append(details("Будут созданы школы (\(p.newSchools.count))", table(["Строка", "Муниципалитет", "Краткое наименование", "Логин ФИС ОКО", "ИНН", "Вид"],
                p.newSchools.map { s in [.text("\(s.line)"), .text(s.municipality), .text(s.record.shortName), .text(s.record.fisLogin ?? "—"),
                                         .text(s.record.inn ?? "—"), .text(s.record.kind.abbreviation)] }), open: p.newSchools.count <= 50))
        }
        if !p.updates.isEmpty {
            body.append(details("Будут обновлены сведения (\(p.updates.count))", table(["Строка", "Школа", "Найдена", "Изменения"],
                p.updates.map { u in [.text("\(u.line)"), .text("\(u.name) (\(u.municipality))"), .text(u.matchedBy.title),
                                      .text(u.changes.map { "\($0.field): «\($0.before)» → «\($0.after)»" }.joined(separator: "; "))] }), open: p.updates.count <= 50))
        }
        return layout.render(body)
    }

    private func card(_ n: Int, _ many: String, _ one: String, _ few: String) -> BodyNode {
        el("div", [("class", "card")], [
            el("span", [("class", "figure")], text: "\(n)"),
            el("span", [("class", "label")], text: RussianPlural.form(n, one, few, many)),
        ])
    }

    private func details(_ summary: String, _ content: BodyNode, open: Bool) -> BodyNode {
        el("details", [("open", open ? "open" : nil)], [el("summary", text: summary), content])
    }
}
