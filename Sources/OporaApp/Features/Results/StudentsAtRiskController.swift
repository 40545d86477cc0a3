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
        var body: [BodyNode] = [heading("Обучающиеся группы риска: \(school.shortName)")]
        body.append(para("В группе риска — участники ВПР, ОГЭ и ЕГЭ по русскому языку и математике с отметкой «2» или понизившие отметку по журналу. Задание считается невыполненным, если набрано меньше половины его максимума. Коды — как в файле результатов: ФИО в «Опоре» не хранятся.", cls: "muted"))
        guard let test else {
            body.append(para("Результатов по русскому языку и математике у школы пока нет.", cls: "muted"))
            return .html(req.layout("Группа риска", crumbs: [(school.shortName, SiteRoute.school(sid).path)]).render(body))
        }
        body.append(el("nav", [("class", "actions")], tests.map { t in
            link(t.title, SiteRoute.school(sid, .studentsAtRisk).path + "?\(t.query)", cls: t == test ? "button" : "button secondary")
        }))
        body.append(subheading(test.title))
        if routes.isEmpty {
            body.append(para("Обучающихся группы риска по этой работе нет.", cls: "muted"))
        } else {
            body.append(el("div", [("class", "actions")], [link("Скачать ИОМ (XLSX)", SiteRoute.school(sid, .studentsAtRiskXLSX).path + "?\(test.query)", cls: "button secondary")]))
            let byClass = Dictionary(grouping: routes, by: { $0.student.className ?? "—" })
            for cls in byClass.keys.sorted(by: naturalLess) {
                let list = byClass[cls] ?? []
                body.append(el("h3", text: "Класс \(cls): \(RussianPlural.count(list.count, "обучающийся", "обучающихся", "обучающихся"))"))
                body.append(table(["Код", "Отметка", "По журналу", "Основание", "Невыполненные задания"], list.map { r in
                    [el("a", [("href", "#iom-\(r.student.code)")], text: r.student.code), .text(r.student.mark.map(String.init) ?? "—"),
                     .text(r.student.journalMark.map(String.init) ?? "—"), .text(r.student.reasons.map(\.title).joined(separator: ", ")),
                     .text(r.student.failedTasks.compactMap { $0 < tasks.count ? tasks[$0].label : nil }.joined(separator: ", "))]
                }))
            }
            body.append(subheading("Индивидуальные образовательные маршруты"))
            for r in routes {
                body.append(el("section", [("class", "iom"), ("id", "iom-\(r.student.code)")], [
                    el("h3", text: "ИОМ обучающегося \(r.student.code)\(r.student.className.map { ", класс \($0)" } ?? "")"),
                    r.steps.isEmpty ? para("Все задания выполнены не менее чем наполовину; нужна беседа о причинах расхождения с журналом.", cls: "muted")
                        : table(["№", "Что отработать (элемент содержания)", "Задания", "Форма работы", "Срок"], r.steps.enumerated().map { n, s in
                            [.text("\(n + 1)"), .text(s.skill), .text(s.tasks.joined(separator: ", ")), .text(s.form), .text(s.period)]
                        }),
                ]))
            }
        }
        if try await req.scope().canManage(authorityID: school.$authority.id) {
            body.append(el("div", [("class", "actions")], [link("Таблица «задание — проверяемый элемент»",
                SiteRoute.authority(school.$authority.id, .taskSkills).path + "?\(test.query)", cls: "button secondary")]))
        }
        return .html(req.layout("Группа риска", crumbs: [(school.shortName, SiteRoute.school(sid).path)]).render(body))
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
        return .file(data, name: "iom-\(try school.requireID())-\(test.kind.rawValue)-\(test.year)-\(test.grade).xlsx",
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
        var body: [BodyNode] = [heading("Задания и проверяемые элементы: \(kind.title), \(subject), \(grade) класс")]
        body.append(para("Для каждого задания — элемент содержания или умение, которое оно проверяет (по описанию контрольных измерительных материалов). Из этой таблицы строятся индивидуальные образовательные маршруты.", cls: "muted"))
        if let done = try? req.query.get(String.self, at: "done") { body.append(notice(done, kind: "ok")) }
        guard !tasks.isEmpty else {
            body.append(para("Результатов этой работы ещё нет: задания станут известны после загрузки файла.", cls: "muted"))
            return .html(req.layout("Задания", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]).render(body))
        }
        let rows: [[BodyNode]] = tasks.map { t in
            let value = skills[t.label] ?? ""
            return [.text(t.label), .text(t.level == .advanced ? "П" : t.level == .basic ? "Б" : "—"), .text(CSVNumber.format(t.maxScore)),
                    canEdit ? voidEl("input", [("type", "text"), ("name", "skill-\(t.label)"), ("value", value), ("aria-label", "Задание \(t.label)"), ("class", "wide")]) : .text(value)]
        }
        let grid = table(["Задание", "Уровень", "Макс. балл", "Проверяемый элемент содержания"], rows)
        body.append(canEdit ? postForm(SiteRoute.authority(aid, .taskSkills).path + "?kind=\(kind.rawValue)&subject=\(subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&grade=\(grade)",
                                       csrf: req.csrf, [grid, button("Сохранить")]) : grid)
        return .html(req.layout("Задания", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]).render(body))
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
