import OporaCore

struct TeachersPage {
    struct Row {
        let id: Int
        let fullName: String
        let position: String
        let subject: String?
        let managementTeam: Bool
        /// The year's deficits as «вид: описание» joined with «; ».
        let deficits: String
        let needsSubjectTraining: Bool
        let coursesDone: Int
        let coursesTotal: Int
    }

    let schoolID: Int
    let schoolName: String
    /// The diagnostics year shown (and the one an uploaded file is for).
    let year: Int
    /// A message after an action: the caller's, or the «done» of the query.
    let message: String?
    /// Why an uploaded file was rejected; empty when none was.
    let problems: [String]
    let teachers: [Row]
    let canWrite: Bool
}

struct TeachersView {
    let model: TeachersPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let sid = model.schoolID
        let year = model.year
        let problems = model.problems
        var body: [BodyNode] = [heading("Педагоги и управленческая команда: \(model.schoolName)")]
        if let m = model.message { body.append(notice(m, kind: "ok")) }
        if !problems.isEmpty {
            body.append(notice("Файл не загружен: найдено ошибок — \(problems.count). Ничего не сохранено.", kind: "error"))
            body.append(el("ul", [("class", "problems")], problems.map { el("li", text: $0) }))
        }
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Диагностика за учебный год с", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(model.teachers.isEmpty ? para("Педагоги ещё не внесены.", cls: "muted") : table(
            ["ФИО", "Должность", "Предмет", "Команда", "Дефициты \(year)/\(year + 1)", "Курсы по предмету", "ИОМ: курсы"], model.teachers.map { t in
                [link(t.fullName, SiteRoute.teacher(t.id).path), .text(t.position), .text(t.subject ?? "—"), .text(t.managementTeam ? "да" : ""),
                 .text(t.deficits),
                 .text(t.needsSubjectTraining ? "нуждается" : ""),
                 .text(t.coursesTotal == 0 ? "—" : "\(t.coursesDone) из \(t.coursesTotal) пройдено")]
            }))
        if model.canWrite {
            body.append(el("details", [], [el("summary", text: "Добавить педагога"), postForm(SiteRoute.school(sid, .teachers).path, csrf: csrf, [
                field("ФИО", name: "fullName", required: true), field("Должность", name: "position", required: true), field("Предмет", name: "subject"),
                el("label", [("class", "check")], [voidEl("input", [("type", "checkbox"), ("name", "management"), ("value", "on")]), .text(" Входит в управленческую команду")]),
                button("Добавить"),
            ])]))
            body.append(el("details", [("open", problems.isEmpty ? nil : "open")], [el("summary", text: "Загрузить диагностику дефицитов (CSV или XLSX)"),
                postForm(SiteRoute.school(sid, .teacherDeficits).path + "?year=\(year)", csrf: csrf, multipart: true, [
                    para("Столбцы: «ФИО», «Должность», «Предмет», «Предметные дефициты», «Методические дефициты», «Нуждается в курсах по предмету» (да/нет). Новые педагоги добавляются; дефициты года заменяются загруженными.", cls: "muted"),
                    el("div", [("class", "field")], [el("label", [("for", "f-dfile")], text: "Файл"), voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-dfile"), ("required", "required")])]),
                    button("Загрузить"),
                ])]))
        }
        return layout.render(body)
    }
}
