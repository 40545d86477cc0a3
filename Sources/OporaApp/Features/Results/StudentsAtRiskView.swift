import Foundation
import OporaCore

/// Students at risk of a school after one test, with their learning routes (ИОМ).
struct StudentsAtRiskPage {
    let schoolID: Int
    let authorityID: Int
    let schoolName: String
    /// The school's Russian and mathematics tests, newest first.
    let tests: [ResultsTest]
    /// The test shown; nil when the school has no Russian or mathematics results yet.
    let test: ResultsTest?
    /// Labels of the test's tasks, by index (a student's failed tasks are indices).
    let taskLabels: [String]
    let routes: [LearningRoute]
    /// The reader keeps the municipality's task-to-skill table (asked only when a test is shown).
    let canManage: Bool
}

struct StudentsAtRiskView {
    let model: StudentsAtRiskPage
    let layout: Layout

    func render() -> String {
        let m = model
        let sid = m.schoolID
        var body: [BodyNode] = [heading("Обучающиеся группы риска: \(m.schoolName)")]
        body.append(para("В группе риска — участники ВПР, ОГЭ и ЕГЭ по русскому языку и математике с отметкой «2» или понизившие отметку по журналу. Задание считается невыполненным, если набрано меньше половины его максимума. Коды — как в файле результатов: ФИО в «Опоре» не хранятся.", cls: "muted"))
        guard let test = m.test else {
            body.append(para("Результатов по русскому языку и математике у школы пока нет.", cls: "muted"))
            return layout.render(body)
        }
        body.append(el("nav", [("class", "actions")], m.tests.map { t in
            link(t.title, SiteRoute.school(sid, .studentsAtRisk).path + "?\(t.query)", cls: t == test ? "button" : "button secondary")
        }))
        body.append(subheading(test.title))
        if m.routes.isEmpty {
            body.append(para("Обучающихся группы риска по этой работе нет.", cls: "muted"))
        } else {
            body.append(el("div", [("class", "actions")], [link("Скачать ИОМ (XLSX)", SiteRoute.school(sid, .studentsAtRiskXLSX).path + "?\(test.query)", cls: "button secondary")]))
            let byClass = Dictionary(grouping: m.routes, by: { $0.student.className ?? "—" })
            for cls in byClass.keys.sorted(by: naturalLess) {
                let list = byClass[cls] ?? []
                body.append(el("h3", text: "Класс \(cls): \(RussianPlural.count(list.count, "обучающийся", "обучающихся", "обучающихся"))"))
                body.append(table(["Код", "Отметка", "По журналу", "Основание", "Невыполненные задания"], list.map { r in
                    [el("a", [("href", "#iom-\(r.student.code)")], text: r.student.code), .text(r.student.mark.map(String.init) ?? "—"),
                     .text(r.student.journalMark.map(String.init) ?? "—"), .text(r.student.reasons.map(\.title).joined(separator: ", ")),
                     .text(r.student.failedTasks.compactMap { $0 < m.taskLabels.count ? m.taskLabels[$0] : nil }.joined(separator: ", "))]
                }))
            }
            body.append(subheading("Индивидуальные образовательные маршруты"))
            for r in m.routes {
                body.append(el("section", [("class", "iom"), ("id", "iom-\(r.student.code)")], [
                    el("h3", text: "ИОМ обучающегося \(r.student.code)\(r.student.className.map { ", класс \($0)" } ?? "")"),
                    r.steps.isEmpty ? para("Все задания выполнены не менее чем наполовину; нужна беседа о причинах расхождения с журналом.", cls: "muted")
                        : table(["№", "Что отработать (элемент содержания)", "Задания", "Форма работы", "Срок"], r.steps.enumerated().map { n, s in
                            [.text("\(n + 1)"), .text(s.skill), .text(s.tasks.joined(separator: ", ")), .text(s.form), .text(s.period)]
                        }),
                ]))
            }
        }
        if m.canManage {
            body.append(el("div", [("class", "actions")], [link("Таблица «задание — проверяемый элемент»",
                SiteRoute.authority(m.authorityID, .taskSkills).path + "?\(test.query)", cls: "button secondary")]))
        }
        return layout.render(body)
    }
}

/// The task-to-skill table of one test in a municipality.
struct TaskSkillsPage {
    let authorityID: Int
    let kind: AssessmentKind
    let subject: String
    let grade: Int
    /// The message after saving (`done` in the query).
    let done: String?
    /// The tasks of the municipality's latest file of the test; empty before any file.
    let tasks: [AssessmentTask]
    /// Task label → content element.
    let skills: [String: String]
    let canEdit: Bool
}

struct TaskSkillsView {
    let model: TaskSkillsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        var body: [BodyNode] = [heading("Задания и проверяемые элементы: \(m.kind.title), \(m.subject), \(m.grade) класс")]
        body.append(para("Для каждого задания — элемент содержания или умение, которое оно проверяет (по описанию контрольных измерительных материалов). Из этой таблицы строятся индивидуальные образовательные маршруты.", cls: "muted"))
        if let done = m.done { body.append(notice(done, kind: "ok")) }
        guard !m.tasks.isEmpty else {
            body.append(para("Результатов этой работы ещё нет: задания станут известны после загрузки файла.", cls: "muted"))
            return layout.render(body)
        }
        let rows: [[BodyNode]] = m.tasks.map { t in
            let value = m.skills[t.label] ?? ""
            return [.text(t.label), .text(t.level == .advanced ? "П" : t.level == .basic ? "Б" : "—"), .text(CSVNumber.format(t.maxScore)),
                    m.canEdit ? voidEl("input", [("type", "text"), ("name", "skill-\(t.label)"), ("value", value), ("aria-label", "Задание \(t.label)"), ("class", "wide")]) : .text(value)]
        }
        let grid = table(["Задание", "Уровень", "Макс. балл", "Проверяемый элемент содержания"], rows)
        body.append(m.canEdit ? postForm(SiteRoute.authority(m.authorityID, .taskSkills).path + "?kind=\(m.kind.rawValue)&subject=\(m.subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&grade=\(m.grade)",
                                         csrf: csrf, [stampField(TaskSkillsController.stamp(m.skills)), grid, button("Сохранить")]) : grid)
        return layout.render(body)
    }
}
