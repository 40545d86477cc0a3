import OporaCore

struct ScalesPage {
    struct Scale {
        let kind: AssessmentKind
        let year: Int
        let subject: String
        let grade: Int
        /// nil when the stored thresholds do not make a scale.
        let scale: ConversionScale?
        let source: String
    }
    /// Newest year first, then by subject.
    let scales: [Scale]
    var message: String?
    /// Why the uploaded file of scales was rejected; empty unless it was.
    var problems: [String] = []
    /// Only those who keep the region's results add scales.
    let canEdit: Bool
}

struct ScalesView {
    let model: ScalesPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Шкалы перевода первичных баллов в отметки")]
        body.append(para("Применяются, когда в файле результатов есть первичные баллы, но нет отметок. Файл без отметок и без шкалы загружается: "
                         + "показатели по первичным баллам считаются сразу, а отметки выставляются, когда шкалу добавят. Источник указывается для каждой шкалы.", cls: "muted"))
        if let message = model.message { body.append(notice(message, kind: "ok")) }
        if !model.problems.isEmpty {
            body.append(notice("Файл шкал не загружен: ошибок — \(model.problems.count). Ничего не сохранено.", kind: "error"))
            body.append(el("ul", [("class", "problems")], model.problems.map { el("li", text: $0) }))
        }
        body.append(table(["Процедура", "Год", "Предмет", "Класс", "Шкала", "Источник"], model.scales.map { s in
            [.text(s.kind.title), .text("\(s.year)"), .text(s.subject), .text("\(s.grade)"), .text(s.scale?.text ?? "—"), .text(s.source)]
        }))
        if model.canEdit {
            body.append(subheading("Добавить или заменить шкалу"))
            body.append(postForm(SiteRoute.conversionScales.path, csrf: csrf, [
                selectField("Процедура", name: "kind", options: AssessmentKind.allCases.map { ($0.rawValue, $0.title) }, selected: "vpr"),
                field("Год", name: "year", type: "number", required: true),
                field("Предмет", name: "subject", required: true),
                field("Класс", name: "grade", type: "number", required: true),
                field("Наименьший балл «3», «4», «5» (например, 6–10–14)", name: "scale", required: true),
                field("Источник (документ ФИОКО, письмо)", name: "source", required: true),
                button("Сохранить"),
            ]))
            body.append(subheading("Загрузить шкалы из файла"))
            body.append(para("CSV или XLSX со столбцами «Процедура», «Год», «Предмет», «Класс», «3», «4», «5» (наименьший первичный балл отметки) или «Шкала», «Источник».", cls: "muted"))
            body.append(postForm(SiteRoute.conversionScalesImport.path, csrf: csrf, multipart: true, [
                el("div", [("class", "field")], [el("label", [("for", "f-sfile")], text: "Файл"), voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-sfile"), ("required", "required")])]),
                button("Загрузить шкалы"),
            ]))
        }
        return layout.render(body)
    }
}
