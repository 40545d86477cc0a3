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
        var model = SchoolResultsPage(schoolID: sid, schoolName: school.shortName, tests: tests)
        guard let test = ResultsTest.chosen(req, among: tests) else {
            return .html(SchoolResultsView(model: model, layout: req.layout("Результаты школы", crumbs: [(school.shortName, SiteRoute.school(sid).path)])).render())
        }
        let lineage = try await SchoolLineage.ids(of: sid, on: req.db)
        let (found, read) = try await ResultsService(db: req.db).participants(schoolIDs: lineage, authorityID: aid, test: test)
        guard let last = found else { throw PublicError.notFound() }
        let tasks = last.tasks
        let participants = read.sorted { ($0.className ?? "", $0.code) < ($1.className ?? "", $1.code) }
        let byClass = Dictionary(grouping: participants, by: { $0.className ?? "—" })
        model.results = SchoolResultsPage.Results(
            test: test, tasks: tasks,
            parallel: ResultsAnalysis.summarize(participants, tasks: tasks, maxPrimary: last.maxPrimary),
            classes: byClass.keys.sorted(by: naturalLess).map { cls in (name: cls, summary: ResultsAnalysis.summarize(byClass[cls] ?? [], tasks: tasks, maxPrimary: last.maxPrimary)) },
            participants: participants)
        return .html(SchoolResultsView(model: model, layout: req.layout("Результаты школы", crumbs: [(school.shortName, SiteRoute.school(sid).path)])).render())
    }
}
