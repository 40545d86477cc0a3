import OporaCore

struct ImportPage {
    let authorityID: Int
    let municipality: String
    let year: Int
    var problems: [String] = []
}

struct ImportView {
    let model: ImportPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Загрузка списка: \(model.municipality)")]
        if !model.problems.isEmpty {
            body.append(notice("Файл не загружен: исправьте ошибки и загрузите снова.", kind: "error"))
            body.append(el("ul", [("class", "problems")], model.problems.map { el("li", text: $0) }))
        }
        body.append(para("Файл CSV (UTF-8 или Windows-1251, разделитель «;» или «,») или XLSX. Первая строка — заголовок со столбцами «Школа», «Статус» (ШНОР, ШНСУ, предШНОР; необязательно) и «Основание» (необязательно). Названия школ можно писать как в приказах: «МБОУ СОШ №5», «СОШ № 5», «школа 5»."))
        body.append(postForm(SiteRoute.authority(model.authorityID, .listImport).path, csrf: csrf, multipart: true, [
            field("Год", name: "year", value: "\(model.year)", type: "number", required: true),
            selectField("Статус по умолчанию", name: "status", options: ListStatus.allCases.map { ($0.rawValue, $0.abbreviation) }, selected: "lowResults"),
            field("Номер приказа", name: "orderNumber"),
            field("Дата приказа", name: "orderDate", type: "date"),
            field("Кем издан", name: "orderIssuer"),
            el("div", [("class", "field")], [
                el("label", [("for", "f-file")], text: "Файл"),
                voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-file"), ("required", "required"), ("accept", ".csv,.xlsx,.txt")]),
            ]),
            button("Проверить файл"),
        ]))
        return layout.render(body)
    }
}

struct ImportPreviewPage {
    let draftID: Int
    let authorityID: Int
    let fileName: String
    let year: Int
    let rows: [ListImportRow]
    let problems: [String]
    let replaced: [ListStatus: Int]
}

struct ImportPreviewView {
    let model: ImportPreviewPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Проверка файла «\(model.fileName)»")]
        if model.problems.isEmpty {
            body.append(notice("Ошибок нет. Будет загружено \(RussianPlural.count(model.rows.count, "строка", "строки", "строк")) в списки \(model.year) года.", kind: "ok"))
            for (status, count) in model.replaced.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where count > 0 {
                body.append(notice("Список \(status.abbreviation) \(model.year) года уже содержит \(RussianPlural.count(count, "школу", "школы", "школ")); он будет заменён содержимым файла.", kind: "info"))
            }
            body.append(postForm(SiteRoute.listDraft(model.draftID, .apply).path, csrf: csrf, [button("Загрузить в систему")]))
        } else {
            body.append(notice("Найдено ошибок: \(model.problems.count). Ничего не сохранено. Исправьте файл и загрузите его снова.", kind: "error"))
            body.append(el("ul", [("class", "problems")], model.problems.map { el("li", text: $0) }))
        }
        body.append(subheading("Распознанные строки"))
        body.append(table(["Строка файла", "Школа", "Список", "Основание"], model.rows.map { r in [
            .text("\(r.line)"), .text(r.schoolName), .text(r.status.abbreviation), .text(r.basis ?? "—"),
        ] }))
        body.append(link("Загрузить другой файл", SiteRoute.authority(model.authorityID, .listImport).path, cls: "button secondary"))
        return layout.render(body)
    }
}
