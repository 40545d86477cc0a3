import Fluent
import Foundation
import OporaCore
import Vapor

/// One school's results of one test, sliced down: the parallel (all its classes together), each
/// class, each student by code with the score of every task. A school sees only itself.
struct SchoolResultsController {
    func page(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        let aid = school.$authority.id
        let tests = try await StudentsAtRiskService(db: req.db).tests(schoolID: sid, atRiskSubjectsOnly: false)
        var body: [BodyNode] = [heading("Результаты школы: \(school.shortName)")]
        let selected = ResultsTest.chosen(req, among: tests)
        guard let test = selected else {
            body.append(para("Результатов оценочных процедур у школы пока нет.", cls: "muted"))
            return .html(req.layout("Результаты школы", crumbs: [(school.shortName, SiteRoute.school(sid).path)]).render(body))
        }
        body.append(el("nav", [("class", "actions")], tests.map { t in
            link(t.title, SiteRoute.school(sid, .results).path + "?\(t.query)", cls: t == test ? "button" : "button secondary")
        }))
        let lineage = try await SchoolLineage.ids(of: sid, on: req.db)
        let (found, read) = try await ResultsService(db: req.db).participants(schoolIDs: lineage, authorityID: aid, test: test)
        guard let last = found else { throw PublicError.notFound() }
        let tasks = last.tasks
        let participants = read.sorted { ($0.className ?? "", $0.code) < ($1.className ?? "", $1.code) }
        let parallel = ResultsAnalysis.summarize(participants, tasks: tasks, maxPrimary: last.maxPrimary)
        let byClass = Dictionary(grouping: participants, by: { $0.className ?? "—" })
        let pct = Formatting.percent
        func line(_ name: String, _ s: ResultsSummary) -> [BodyNode] {
            [.text(name), .text("\(s.participants)")] + (2...5).map { BodyNode.text(pct(s.markShare($0))) }
                + [.text(s.meanPrimary.map { CSVNumber.format(($0 * 10).rounded() / 10) } ?? "—"),
                   .text("\(s.objectivity.lower)"), .text("\(s.objectivity.confirmed)"), .text("\(s.objectivity.higher)")]
        }
        body.append(subheading(test.title))
        body.append(table(["Срез", "Участников", "«2»", "«3»", "«4»", "«5»", "Средний первичный балл", "Понизили", "Подтвердили", "Повысили"],
            [line("Параллель \(test.grade) классов", parallel)]
            + byClass.keys.sorted(by: naturalLess).map { cls in line("Класс \(cls)", ResultsAnalysis.summarize(byClass[cls] ?? [], tasks: tasks, maxPrimary: last.maxPrimary)) }))
        body.append(subheading("Решаемость заданий по классам"))
        let classes = byClass.keys.sorted(by: naturalLess)
        let classRates = classes.map { ResultsAnalysis.summarize(byClass[$0] ?? [], tasks: tasks, maxPrimary: last.maxPrimary).solveRates }
        body.append(table(["Задание", "Уровень", "Параллель"] + classes.map { "Класс \($0)" }, tasks.enumerated().map { i, t in
            let rate = i < parallel.solveRates.count ? parallel.solveRates[i] : nil
            let bad = i < parallel.notMastered.count && parallel.notMastered[i]
            return [.text(t.label), .text(t.level == .advanced ? "П" : t.level == .basic ? "Б" : "—"),
                    el("span", [("class", bad ? "tag chronic" : nil)], text: pct(rate))]
                + classRates.map { rates in BodyNode.text(pct(i < rates.count ? rates[i] : nil)) }
        }))
        body.append(subheading("Обучающиеся (по кодам)"))
        body.append(table(["Код", "Класс", "Первичный балл", "Отметка", "По журналу"] + tasks.map { "№ \($0.label)" }, participants.map { p in
            [.text(p.code), .text(p.className ?? "—"), .text(p.absent ? "отсутствовал" : p.primary.map(CSVNumber.format) ?? "—"),
             .text(p.mark.map(String.init) ?? "—"), .text(p.journalMark.map(String.init) ?? "—")]
                + p.scores.map { BodyNode.text($0.map(CSVNumber.format) ?? "X") }
        }))
        body.append(el("div", [("class", "actions")], [link("Группа риска и ИОМ", SiteRoute.school(sid, .studentsAtRisk).path + "?\(test.query)", cls: "button secondary"),
                                                      link("Диагностическая карта", SiteRoute.school(sid, .diagnosticCard).path, cls: "button secondary")]))
        return .html(req.layout("Результаты школы", crumbs: [(school.shortName, SiteRoute.school(sid).path)]).render(body))
    }
}
