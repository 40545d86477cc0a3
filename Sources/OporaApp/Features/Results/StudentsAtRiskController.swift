import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// Students at risk of a school after a Russian or mathematics test, with each student's
/// learning route (ИОМ), on a page and as an XLSX for the teacher. A school sees only itself,
/// a curator only its schools (`readableSchool`).
struct StudentsAtRiskController {
    private func load(_ req: Request) async throws -> (School, [StudentsAtRiskService.Test], StudentsAtRiskService.Test?, [AssessmentTask], [LearningRoute]) {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        let service = StudentsAtRiskService(db: req.db)
        let tests = try await service.tests(schoolID: sid)
        guard let test = StudentsAtRiskService.Test.chosen(req, among: tests) else { return (school, tests, nil, [], []) }
        let (tasks, students) = try await service.students(schoolID: sid, authorityID: school.$authority.id, test: test)
        let skills = try await service.skills(authorityID: school.$authority.id, kind: test.kind, subject: test.subject, grade: test.grade)
        return (school, tests, test, tasks, students.map { LearningRoute(student: $0, tasks: tasks, skills: skills) })
    }

    func page(req: Request) async throws -> Response {
        let (school, tests, test, tasks, routes) = try await load(req)
        let sid = try school.requireID()
        // The link to the task-to-skill table goes with a test, so the scope is asked only then.
        var canManage = false
        if test != nil { canManage = try await req.scope().canManage(authorityID: school.$authority.id) }
        let model = StudentsAtRiskPage(schoolID: sid, authorityID: school.$authority.id, schoolName: school.shortName, tests: tests, test: test,
                                       taskLabels: tasks.map(\.label), routes: routes, canManage: canManage)
        return .html(StudentsAtRiskView(model: model, layout: req.layout("Группа риска", crumbs: [(school.shortName, SiteRoute.school(sid).path)])).render())
    }

    func xlsx(req: Request) async throws -> Response {
        let (school, _, test, _, routes) = try await load(req)
        guard let test else { throw PublicError.notFound() }
        var rows: [[Workbook.Cell]] = [
            [.text("Индивидуальные образовательные маршруты: \(school.shortName), \(test.title)")],
            ["Код обучающегося", "Класс", "Отметка", "По журналу", "Основание", "№", "Что отработать (элемент содержания)", "Задания", "Форма работы", "Срок", "Отметка о выполнении"],
        ]
        for r in routes {
            let head: [Workbook.Cell] = [.text(r.student.code), .text(r.student.className ?? ""), r.student.mark.map { .number(Double($0)) } ?? .text(""),
                                         r.student.journalMark.map { .number(Double($0)) } ?? .text(""), .text(r.student.reasons.map(\.title).joined(separator: ", "))]
            if r.steps.isEmpty { rows.append(head + ["", "беседа о причинах расхождения с журналом", "", "", "", ""]) }
            for (n, s) in r.steps.enumerated() {
                rows.append((n == 0 ? head : Array(repeating: Workbook.Cell.text(""), count: 5))
                            + [.number(Double(n + 1)), .text(s.skill), .text(s.tasks.joined(separator: ", ")), .text(s.form), .text(s.period), .text("")])
            }
        }
        let data = try Workbook(sheets: [.init(name: "ИОМ", rows: rows, headerRows: 2, columnWidths: [16, 8, 9, 10, 26, 5, 48, 12, 28, 18, 18])]).xlsx()
        return .file(data, name: FileName.make(["ИОМ — \(school.shortName)", "\(test.kind.title) \(test.year)", test.subject, "\(test.grade) класс"], ext: "xlsx"),
                     contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}

/// The task-to-skill table of a test, edited by the municipality: which content element each
/// task checks. Learning routes are built from it.
struct TaskSkillsController {
    private func test(_ req: Request) throws -> (AssessmentKind, String, Int) {
        guard let subject = try? req.query.get(String.self, at: "subject"), let grade = try req.queryInt("grade", in: 1...11, what: "класс") else {
            throw PublicError(.badRequest, "Укажите предмет и класс.")
        }
        return ((try? req.query.get(String.self, at: "kind")).flatMap(AssessmentKind.init(rawValue:)) ?? .vpr, subject, grade)
    }

    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let (kind, subject, grade) = try test(req)
        let last = try await ResultImport.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$kind == kind).filter(\.$subject == subject)
            .filter(\.$grade == grade).sort(\.$year, .descending).first()
        let tasks = last?.tasks ?? []
        let skills = try await StudentsAtRiskService(db: req.db).skills(authorityID: aid, kind: kind, subject: subject, grade: grade)
        let canEdit = try await req.scope().canManage(authorityID: aid)
        let done = try? req.query.get(String.self, at: "done")
        let model = TaskSkillsPage(authorityID: aid, kind: kind, subject: subject, grade: grade, done: done, tasks: tasks, skills: skills, canEdit: canEdit)
        return .html(TaskSkillsView(model: model, layout: req.layout("Задания", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]), csrf: req.csrf).render())
    }

    /// The table as its form showed it, for `EditStamp`.
    static func stamp(_ skills: [String: String]) -> String {
        EditStamp.of(values: skills.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
    }

    func save(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let (kind, subject, grade) = try test(req)
        let form = try req.content.decode([String: String].self)
        var skills: [String: String] = [:]
        for (key, value) in form where key.hasPrefix("skill-") {
            skills[String(key.dropFirst(6))] = value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let service = StudentsAtRiskService(db: req.db)
        let before = try await service.skills(authorityID: aid, kind: kind, subject: subject, grade: grade)
        try req.ensureUnchanged(stamp: TaskSkillsController.stamp(before), now: before.isEmpty ? "таблица не заполнена"
                                    : before.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "),
                                back: SiteRoute.authority(aid, .taskSkills).path + "?kind=\(kind.rawValue)&subject=\(subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&grade=\(grade)")
        let savedSkills = skills   // a constant for the transaction
        try await req.db.transaction { tx in
            try await StudentsAtRiskService(db: tx).saveSkills(savedSkills, authorityID: aid, kind: kind, subject: subject, grade: grade)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Изменена таблица «задание — проверяемый элемент»",
                                   entity: "\(kind.title), \(subject), \(grade) класс", entityID: nil,
                                   before: before.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "),
                                   after: savedSkills.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
        }
        let done = "Сохранено.".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return req.redirect(to: SiteRoute.authority(aid, .taskSkills).path + "?kind=\(kind.rawValue)&subject=\(subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&grade=\(grade)&done=\(done)")
    }
}
