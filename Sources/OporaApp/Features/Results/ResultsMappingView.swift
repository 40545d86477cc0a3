import OporaCore

/// The mapping step of a results import: what the file's columns were taken to be, with a
/// choice for each. Answers belong to the region, so every municipality's next file of that
/// shape loads without questions (they are listed and changed on «Сопоставления столбцов»).
struct MappingStep {
    let draftID: Int
    let fileName: String
    let layout: ResultsLayout
    /// The first data rows, so the user sees what a column holds.
    let samples: [[String]]
    let missing: [String]
}

enum MappingView {
    static func render(_ step: MappingStep, csrf: String) -> [BodyNode] {
        var body: [BodyNode] = [subheading("Сопоставление столбцов: «\(step.fileName)»")]
        let layout = step.layout
        if !layout.unknown.isEmpty || !step.missing.isEmpty {
            var text = "Не все столбцы файла распознаны. Укажите, что в них; ответ запомнится для следующих файлов региона."
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
                choice = .text("Задание \(task.label), " + (task.maxScore > 0 ? "максимум \(CSVNumber.format(task.maxScore))" : "максимум определится при проверке"))
            } else {
                let current = layout.columns[c]?.rawValue ?? (layout.unknown.contains(c) ? ResultsColumn.ignore.rawValue : nil)
                choice = el("select", [("name", "col-\(c)"), ("id", "col-\(c)"), ("aria-label", header),
                                       ("class", layout.unknown.contains(c) ? "unknown" : nil)],
                            options.map { o in el("option", [("value", o.value), ("selected", o.value == current ? "selected" : nil)], text: o.title) })
            }
            rows.append([.text(header), .text(sample), choice, .text(layout.unknown.contains(c) ? "не распознан" : "распознан")])
        }
        var form: [BodyNode] = [table(["Столбец файла", "Примеры значений", "Что в нём", ""], rows)]
        form.append(button("Сохранить сопоставление и проверить файл"))
        body.append(postForm(SiteRoute.resultDraft(step.draftID, .mapping).path, csrf: csrf, cls: "mapping", form))
        if !layout.personal.isEmpty {
            body.append(para("Столбцы с персональными данными (\(layout.personal.map { "«\($0)»" }.joined(separator: ", "))) не сохраняются: участники хранятся только по кодам (152-ФЗ).", cls: "muted"))
        }
        return body
    }
}
