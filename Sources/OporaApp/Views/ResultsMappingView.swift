import OporaCore

/// The mapping step of a results import: what the file's columns were taken to be, with a
/// choice for each; and, for school codes the registry does not know, which school each is.
struct MappingStep {
    let draftID: Int
    let fileName: String
    let layout: ResultsLayout
    /// The first data rows, so the user sees what a column holds.
    let samples: [[String]]
    let unknownSchools: [ResultsService.UnknownSchool]
    let missing: [String]
}

enum MappingView {
    static func render(_ step: MappingStep, schools: [(id: Int, name: String)], csrf: String) -> [BodyNode] {
        var body: [BodyNode] = [subheading("Сопоставление столбцов: «\(step.fileName)»")]
        let layout = step.layout
        if !layout.unknown.isEmpty || !step.missing.isEmpty {
            var text = "Не все столбцы файла распознаны. Укажите, что в них; ответ запомнится для следующих файлов муниципалитета."
            if !step.missing.isEmpty { text += " Не хватает: " + step.missing.joined(separator: "; ") + "." }
            body.append(notice(text, kind: "warning"))
        }
        let options = ResultsColumn.allCases.map { (value: $0.rawValue, title: $0.title) }
        let taskCols = Dictionary(uniqueKeysWithValues: layout.taskColumns.map { ($0.col, $0.task) })
        var rows: [[BodyNode]] = []
        for (c, header) in layout.header.enumerated() where !ResultsColumn.key(header).isEmpty {
            let sample = step.samples.compactMap { c < $0.count ? $0[c] : nil }.filter { !$0.isEmpty }.prefix(3).joined(separator: " · ")
            let choice: BodyNode
            if let task = taskCols[c] {
                choice = .text("Задание \(task.label), максимум \(CSVNumber.format(task.maxScore))")
            } else {
                let current = layout.columns[c]?.rawValue ?? (layout.unknown.contains(c) ? ResultsColumn.ignore.rawValue : nil)
                choice = el("select", [("name", "col-\(c)"), ("id", "col-\(c)"), ("aria-label", header),
                                       ("class", layout.unknown.contains(c) ? "unknown" : nil)],
                            options.map { o in el("option", [("value", o.value), ("selected", o.value == current ? "selected" : nil)], text: o.title) })
            }
            rows.append([.text(header), .text(sample), choice, .text(layout.unknown.contains(c) ? "не распознан" : "распознан")])
        }
        var form: [BodyNode] = [table(["Столбец файла", "Примеры значений", "Что в нём", ""], rows)]
        if !step.unknownSchools.isEmpty {
            form.append(subheading("Школы, которых нет в реестре"))
            form.append(para("Укажите, какая это школа: код запомнится за ней, и следующие файлы найдут её сами.", cls: "muted"))
            let choices = [(value: "", title: "— не сопоставлять —")] + schools.map { (value: String($0.id), title: $0.name) }
            form.append(table(["Код в файле", "Название в файле", "Строк", "Школа реестра"], step.unknownSchools.enumerated().map { i, u in
                [.text(u.code ?? "—"), .text(u.name ?? "—"), .text("\(u.rows)"),
                 el("select", [("name", "school-\(i)"), ("id", "school-\(i)"), ("aria-label", u.code ?? u.name ?? "")],
                    choices.map { o in el("option", [("value", o.value)], text: o.title) })]
            }))
        }
        form.append(button("Сохранить сопоставление и проверить файл"))
        body.append(postForm("/result-drafts/\(step.draftID)/mapping", csrf: csrf, cls: "mapping", form))
        if !layout.personal.isEmpty {
            body.append(para("Столбцы с персональными данными (\(layout.personal.map { "«\($0)»" }.joined(separator: ", "))) не сохраняются: участники хранятся только по кодам (152-ФЗ).", cls: "muted"))
        }
        return body
    }
}
