import OporaCore

struct SchoolResultsPage {
    /// The chosen test sliced down: the parallel, each class, each student.
    struct Results {
        let test: ResultsTest
        let tasks: [AssessmentTask]
        /// All the school's classes of the grade together.
        let parallel: ResultsSummary
        /// Each class by name, in natural order («5А», «5Б», … «10А»).
        let classes: [(name: String, summary: ResultsSummary)]
        /// Sorted by class, then by code.
        let participants: [ParticipantResult]
    }
    let schoolID: Int
    let schoolName: String
    let tests: [ResultsTest]
    /// nil when the school has no results (or the query names a test it did not take).
    var results: Results?
}

struct SchoolResultsView {
    let model: SchoolResultsPage
    let layout: Layout

    func render() -> String {
        let sid = model.schoolID
        var body: [BodyNode] = [heading("Результаты школы: \(model.schoolName)")]
        guard let results = model.results else {
            body.append(para("Результатов оценочных процедур у школы пока нет.", cls: "muted"))
            return layout.render(body)
        }
        let test = results.test
        body.append(el("nav", [("class", "actions")], model.tests.map { t in
            link(t.title, SiteRoute.school(sid, .results).path + "?\(t.query)", cls: t == test ? "button" : "button secondary")
        }))
        let tasks = results.tasks
        let parallel = results.parallel
        let pct = Formatting.percent
        func line(_ name: String, _ s: ResultsSummary) -> [BodyNode] {
            [.text(name), .text("\(s.participants)")] + (2...5).map { BodyNode.text(pct(s.markShare($0))) }
                + [.text(s.meanPrimary.map { CSVNumber.format(($0 * 10).rounded() / 10) } ?? "—"),
                   .text("\(s.objectivity.lower)"), .text("\(s.objectivity.confirmed)"), .text("\(s.objectivity.higher)")]
        }
        body.append(subheading(test.title))
        body.append(table(["Срез", "Участников", "«2»", "«3»", "«4»", "«5»", "Средний первичный балл", "Понизили", "Подтвердили", "Повысили"],
            [line("Параллель \(test.grade) классов", parallel)]
            + results.classes.map { c in line("Класс \(c.name)", c.summary) }))
        body.append(subheading("Решаемость заданий по классам"))
        let classRates = results.classes.map { $0.summary.solveRates }
        body.append(table(["Задание", "Уровень", "Параллель"] + results.classes.map { "Класс \($0.name)" }, tasks.enumerated().map { i, t in
            let rate = i < parallel.solveRates.count ? parallel.solveRates[i] : nil
            let bad = i < parallel.notMastered.count && parallel.notMastered[i]
            return [.text(t.label), .text(t.level == .advanced ? "П" : t.level == .basic ? "Б" : "—"),
                    el("span", [("class", bad ? "tag chronic" : nil)], text: pct(rate))]
                + classRates.map { rates in BodyNode.text(pct(i < rates.count ? rates[i] : nil)) }
        }))
        body.append(subheading("Обучающиеся (по кодам)"))
        body.append(table(["Код", "Класс", "Первичный балл", "Отметка", "По журналу"] + tasks.map { "№ \($0.label)" }, results.participants.map { p in
            [.text(p.code), .text(p.className ?? "—"), .text(p.absent ? "отсутствовал" : p.primary.map(CSVNumber.format) ?? "—"),
             .text(p.mark.map(String.init) ?? "—"), .text(p.journalMark.map(String.init) ?? "—")]
                + p.scores.map { BodyNode.text($0.map(CSVNumber.format) ?? "X") }
        }))
        body.append(el("div", [("class", "actions")], [link("Группа риска и ИОМ", SiteRoute.school(sid, .studentsAtRisk).path + "?\(test.query)", cls: "button secondary"),
                                                      link("Диагностическая карта", SiteRoute.school(sid, .diagnosticCard).path, cls: "button secondary")]))
        return layout.render(body)
    }
}
