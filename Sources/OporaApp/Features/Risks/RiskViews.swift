import OporaCore

struct RiskProfilePage {
    let schoolID: Int
    let schoolName: String
    let year: Int
    let years: [Int]
    let factors: [(id: Int, title: String)]
    /// year → factor id → entry
    let entries: [Int: [Int: RiskProfileEntry]]
    let canFill: Bool
    let canOverride: Bool
}

struct RiskProfileView {
    let model: RiskProfilePage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Рисковый профиль: \(model.schoolName)")]
        body.append(el("nav", [("class", "actions"), ("aria-label", "Годы")], model.years.map { y in
            y == model.year ? el("strong", [("class", "button")], text: "\(y)") : link("\(y)", SiteRoute.school(model.schoolID, .risks).path + "?year=\(y)", cls: "button secondary")
        }))
        if model.canFill {
            body.append(el("div", [("class", "actions")], [link("Самодиагностика \(model.year) года", SiteRoute.school(model.schoolID, .selfAssessment).path + "?year=\(model.year)", cls: "button")]))
        }
        let current = model.entries[model.year] ?? [:]
        if current.isEmpty {
            body.append(para("За \(model.year) год самодиагностика не проводилась.", cls: "muted"))
        } else {
            body.append(para("Значимость рассчитана по ответам самодиагностики: средний балл вопросов фактора с их весами (0 — утверждение совсем не соответствует школе, 1 — полностью соответствует); ниже ⅓ — низкая, от ⅓ — средняя, от ⅔ — высокая. Куратор может скорректировать значимость с обоснованием; сохраняются оба значения.", cls: "muted"))
            body.append(table(["Фактор риска", "Балл", "По самодиагностике", "Корректировка куратора", "Итоговая значимость"] + (model.canOverride ? ["Скорректировать"] : []), model.factors.map { f in
                let e = current[f.id]
                var row: [BodyNode] = [
                    .text(f.title),
                    .text(e?.score.map { String(format: "%.2f", $0) } ?? "—"),
                    .text(e?.computed?.title ?? "—"),
                    .text(e?.override.map { "\($0.title): \(e?.justification ?? "")" } ?? "—"),
                    significanceTag(e?.significance),
                ]
                if model.canOverride {
                    row.append(postForm(SiteRoute.school(model.schoolID, .riskOverride).path, csrf: csrf, cls: "row", [
                        voidEl("input", [("type", "hidden"), ("name", "factorID"), ("value", "\(f.id)")]),
                        voidEl("input", [("type", "hidden"), ("name", "year"), ("value", "\(model.year)")]),
                        stampField(RisksController.overrideStamp(e?.override?.rawValue, e?.justification)),
                        el("label", [("class", "visually-hidden"), ("for", "ov-\(f.id)")], text: "Значимость"),
                        el("select", [("name", "significance"), ("id", "ov-\(f.id)")], [el("option", [("value", "")], text: "без корректировки")] + Significance.allCases.map { s in
                            el("option", [("value", "\(s.rawValue)"), ("selected", e?.override == s ? "selected" : nil)], text: s.title)
                        }),
                        el("label", [("class", "visually-hidden"), ("for", "ovj-\(f.id)")], text: "Обоснование"),
                        voidEl("input", [("type", "text"), ("name", "justification"), ("id", "ovj-\(f.id)"), ("placeholder", "обоснование"), ("value", e?.justification ?? "")]),
                        button("Сохранить", cls: "button secondary"),
                    ]))
                }
                return row
            }))
        }
        if model.entries.count > 1 {
            body.append(subheading("Как менялся профиль"))
            let years = model.entries.keys.sorted()
            body.append(table(["Фактор риска"] + years.map(String.init), model.factors.map { f in
                [.text(f.title)] + years.map { y in significanceTag(model.entries[y]?[f.id]?.significance) }
            }))
        }
        return layout.render(body)
    }
}

func significanceTag(_ s: Significance?) -> BodyNode {
    guard let s else { return .text("—") }
    let cls = s == .high ? "tag chronic" : s == .medium ? "tag flickering" : "tag firstTime"
    return el("span", [("class", cls)], text: s.title)
}

struct SelfAssessmentPage {
    let schoolID: Int
    let schoolName: String
    let year: Int
    let factors: [(title: String, questions: [(id: Int, text: String, respondent: String, weight: Double)])]
    let answers: [Int: Int]
}

struct SelfAssessmentView {
    let model: SelfAssessmentPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Самодиагностика \(model.year) года: \(model.schoolName)")]
        body.append(para("Оцените, насколько каждое утверждение соответствует вашей школе. Ответ даёт группа, указанная у вопроса (администрация, педагоги, обучающиеся, родители): внесите итог опроса этой группы. Можно сохранить часть ответов и продолжить позже.", cls: "muted"))
        var fields: [BodyNode] = []
        for (i, factor) in model.factors.enumerated() {
            fields.append(el("fieldset", [("class", "card")], [el("legend", text: "\(i + 1). \(factor.title)")] + factor.questions.map { q in
                // One fieldset per question: a screen reader announces the statement with its answers.
                el("fieldset", [("class", "question")], [
                    el("legend", [], [.text(q.text), el("span", [("class", "muted")], text: " (\(q.respondent)\(q.weight != 1 ? ", вес \(Int(q.weight))" : ""))")]),
                    el("div", [("class", "scale")], AnswerScale.labels.enumerated().map { v, label in
                        el("label", [], [
                            voidEl("input", [("type", "radio"), ("name", "q\(q.id)"), ("value", "\(v)"), ("checked", model.answers[q.id] == v ? "checked" : nil)]),
                            .text(" " + label),
                        ])
                    }),
                ])
            }))
        }
        body.append(postForm(SiteRoute.school(model.schoolID, .selfAssessment).path + "?year=\(model.year)", csrf: csrf,
                             [stampField(RisksController.answersStamp(model.answers))] + fields + [button("Сохранить и рассчитать профиль")]))
        return layout.render(body)
    }
}

struct RiskSummaryPage {
    let authorityID: Int
    let municipality: String
    let year: Int
    let paragraph: String
    let lines: [(factors: String, count: Int, schools: String)]
    let heatmap: String
    /// Saved groups, or suggested ones (id nil) when none are saved yet.
    var groups: [(id: Int?, name: String, factors: String, schools: String, measures: [String])] = []
    var canManage = false
}

struct RiskSummaryView {
    let model: RiskSummaryPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Рисковые профили ШНОР \(model.year) года: \(model.municipality)")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Год", name: "year", value: "\(model.year)", type: "number"), button("Показать")]))
        body.append(subheading("Сводка"))
        body.append(para(model.paragraph))
        if !model.lines.isEmpty {
            body.append(table(["Фактор риска (средняя или высокая значимость)", "Школ", "Школы"], model.lines.map { [.text($0.factors), .text("\($0.count)"), .text($0.schools)] }))
        }
        body.append(subheading("Тепловая карта"))
        body.append(el("div", [("class", "timeline")], [.raw(model.heatmap)]))
        body.append(subheading("Группы школ со сходными профилями"))
        let suggested = model.groups.contains { $0.id == nil }
        if model.groups.isEmpty { body.append(para("Школ с факторами средней или высокой значимости нет.", cls: "muted")) }
        if suggested {
            body.append(para("Предложенное разбиение: школа входит в группу, если её значимые факторы совпадают с общими факторами группы хотя бы наполовину. Комплекс мер — шаблоны библиотеки, направленные на общие факторы группы.", cls: "muted"))
        }
        for g in model.groups {
            body.append(el("section", [("class", "card")], [
                el("h3", text: g.name),
                para("Общие факторы: \(g.factors)."),
                para("Школы: \(g.schools)."),
                el("p", [], [el("strong", text: "Комплекс мер поддержки:")]),
                el("ul", [], g.measures.map { el("li", text: $0) }),
                (model.canManage && g.id != nil) ? postForm(SiteRoute.riskGroup(g.id ?? 0, .name).path, csrf: csrf, cls: "row", [
                    stampField(EditStamp.of(values: [g.name])),
                    field("Название группы", name: "name", value: g.name, required: true, id: "gname-\(g.id ?? 0)"),
                    button("Переименовать", cls: "button secondary"),
                ]) : .text(""),
            ]))
        }
        if suggested && model.canManage {
            body.append(postForm(SiteRoute.authority(model.authorityID, .riskGroups).path + "?year=\(model.year)", csrf: csrf, [button("Сохранить группы")]))
        }
        return layout.render(body)
    }
}

/// Schools × factors, coloured by significance and lettered (В, С, Н), so it reads printed in
/// black and white; columns are numbered and the legend below names every factor in full.
enum RiskHeatmapSVG {
    static func render(factors: [RiskFactor], rows: [(school: School, entries: [Int: RiskProfileEntry])]) -> String {
        let label = 220.0, cell = 34.0, top = 30.0, line = 15.0
        let grid = label + cell * Double(factors.count)
        let width = max(grid + 20, 780)
        let legendTop = top + cell * Double(rows.count) + 16
        let height = legendTop + 24 + line * Double(factors.count) + 8
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" viewBox="0 0 \##(Int(width)) \##(Int(height))" role="img" aria-label="Тепловая карта рисковых профилей: значимость факторов риска по школам" font-family="Arial, sans-serif" font-size="11">"##
        for (i, f) in factors.enumerated() {
            let x = label + cell * Double(i) + cell / 2
            svg += ##"<text x="\##(x - 1)" y="\##(top - 8)" text-anchor="middle" font-weight="bold" fill="#1b1f24"><title>\##(XMLText.escape(f.title))</title>\##(i + 1)</text>"##
        }
        for (r, row) in rows.enumerated() {
            let y = top + cell * Double(r)
            svg += ##"<text x="4" y="\##(y + cell / 2 + 4)" fill="#1b1f24">\##(XMLText.escape(row.school.shortName))</text>"##
            for (i, f) in factors.enumerated() {
                let s = row.entries[f.id ?? -1]?.significance
                let x = label + cell * Double(i)
                svg += ##"<rect x="\##(x)" y="\##(y)" width="\##(cell - 2)" height="\##(cell - 2)" fill="\##(colour(s))" stroke="#9aa5b1" stroke-width="0.5"><title>\##(XMLText.escape(row.school.shortName)): \##(XMLText.escape(f.title)) — \##(s?.title ?? "нет данных")</title></rect>"##
                svg += ##"<text x="\##(x + cell / 2 - 1)" y="\##(y + cell / 2 + 4)" text-anchor="middle" fill="\##(s == .high ? "#ffffff" : "#1b1f24")">\##(letter(s))</text>"##
            }
        }
        // The legend: significance by colour and letter, then the factors by number.
        var x = 4.0
        for s in [Significance.high, .medium, .low, nil] {
            svg += ##"<rect x="\##(x)" y="\##(legendTop)" width="16" height="16" fill="\##(colour(s))" stroke="#9aa5b1" stroke-width="0.5"/><text x="\##(x + 8)" y="\##(legendTop + 12)" text-anchor="middle" font-size="10" fill="\##(s == .high ? "#ffffff" : "#1b1f24")">\##(letter(s))</text>"##
            let title = s.map { "\($0.title) значимость" } ?? "нет данных"
            svg += ##"<text x="\##(x + 22)" y="\##(legendTop + 12)" fill="#1b1f24">\##(title)</text>"##
            x += 170
        }
        for (i, f) in factors.enumerated() {
            svg += ##"<text x="4" y="\##(legendTop + 24 + line * Double(i) + 10)" fill="#1b1f24">\##(i + 1). \##(XMLText.escape(f.title))</text>"##
        }
        return svg + "</svg>"
    }

    static func colour(_ s: Significance?) -> String {
        s == .high ? "#a31a1a" : s == .medium ? "#e0a100" : s == .low ? "#c8e6c9" : "#eeeeee"
    }

    static func letter(_ s: Significance?) -> String {
        s == .high ? "В" : s == .medium ? "С" : s == .low ? "Н" : "—"
    }
}
