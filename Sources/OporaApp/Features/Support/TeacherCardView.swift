import OporaCore

struct TeacherCardPage {
    struct Course {
        let id: Int
        let title: String
        let provider: String?
        let hours: Int?
        let planned: String
        let completed: Bool
        /// The completion date as ДД.ММ.ГГГГ.
        let completedOn: String?
    }

    let teacherID: Int
    let fullName: String
    let position: String
    let subject: String?
    let managementTeam: Bool
    let schoolName: String
    /// The year the «add a deficit» form offers.
    let deficitYear: Int
    let canWrite: Bool
    /// Newest year first.
    let deficits: [(year: Int, kind: DeficitKind, description: String, needsSubjectTraining: Bool)]
    /// Planned courses first, then completed ones.
    let courses: [Course]
    /// `since` as ДД.ММ.ГГГГ.
    let mentors: [(name: String, school: String?, subject: String, since: String)]
}

struct TeacherCardView {
    let model: TeacherCardPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let tid = model.teacherID
        let canWrite = model.canWrite
        var body: [BodyNode] = [heading("\(model.fullName)"), para("\(model.position)\(model.subject.map { ", \($0)" } ?? ""), \(model.schoolName)\(model.managementTeam ? "; управленческая команда" : "")", cls: "muted")]
        body.append(subheading("Профессиональные дефициты"))
        body.append(model.deficits.isEmpty ? para("Диагностика не проводилась.", cls: "muted") : table(["Учебный год", "Дефицит", "Описание", "Курсы по предмету"], model.deficits.map { d in
            [.text("\(d.year)/\(d.year + 1)"), .text(d.kind.title), .text(d.description), .text(d.needsSubjectTraining ? "нуждается" : "")]
        }))
        if canWrite {
            body.append(el("details", [], [el("summary", text: "Добавить дефицит"), postForm(SiteRoute.teacher(tid, .deficits).path, csrf: csrf, [
                field("Учебный год с", name: "year", value: "\(model.deficitYear)", type: "number"),
                selectField("Дефицит", name: "kind", options: DeficitKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: nil),
                textArea("Описание", name: "description", required: true),
                el("label", [("class", "check")], [voidEl("input", [("type", "checkbox"), ("name", "training"), ("value", "on")]), .text(" Нуждается в курсах по предмету")]),
                button("Добавить"),
            ])]))
        }
        body.append(subheading("Индивидуальный образовательный маршрут"))
        body.append(model.courses.isEmpty ? para("Курсы не запланированы.", cls: "muted") : table(["Курс (КПК)", "Организация", "Часов", "Когда", "Состояние", ""], model.courses.map { c in
            [.text(c.title), .text(c.provider ?? "—"), .text(c.hours.map(String.init) ?? "—"), .text(c.planned),
             el("span", [("class", c.completed ? "tag ok" : "tag")], text: c.completed ? "пройден" + (c.completedOn.map { " \($0)" } ?? "") : "запланирован"),
             c.completed || !canWrite ? .text("") : postForm(SiteRoute.teacherCourse(c.id, .done).path, csrf: csrf, cls: "inline", [button("Пройден", cls: "button secondary")])]
        }))
        if canWrite {
            body.append(el("details", [], [el("summary", text: "Запланировать курс"), postForm(SiteRoute.teacher(tid, .courses).path, csrf: csrf, [
                field("Курс", name: "title", required: true), field("Организация", name: "provider"), field("Часов", name: "hours", type: "number"),
                field("Когда (например, «октябрь 2026»)", name: "planned", required: true), button("Запланировать"),
            ])]))
        }
        body.append(subheading("Наставники"))
        body.append(model.mentors.isEmpty ? para("Наставник не назначен.", cls: "muted") : table(["Наставник", "Школа", "Предмет", "С"], model.mentors.map { m in
            [.text(m.name), .text(m.school ?? "—"), .text(m.subject), .text(m.since)]
        }))
        if canWrite {
            body.append(el("details", [], [el("summary", text: "Назначить наставника"), postForm(SiteRoute.teacher(tid, .mentors).path, csrf: csrf, [
                field("Наставник (ФИО)", name: "mentor", required: true), field("Школа наставника", name: "mentorSchool"),
                field("Предмет", name: "subject", value: model.subject, required: true), field("С", name: "since", type: "date", required: true), button("Назначить"),
            ])]))
        }
        return layout.render(body)
    }
}

struct TrainingListPage {
    let authorityID: Int
    let municipality: String
    let year: Int
    /// Distinct schools among the rows.
    let schoolCount: Int
    /// `subjectDeficits`: the year's subject deficits joined with «; ».
    let rows: [(school: String, teacherID: Int, fullName: String, position: String, subject: String?, subjectDeficits: String)]
}

struct TrainingListView {
    let model: TrainingListPage
    let layout: Layout

    func render() -> String {
        let year = model.year
        let list = model.rows
        var body: [BodyNode] = [heading("Педагоги, нуждающиеся в предметной подготовке: \(model.municipality), \(year)/\(year + 1)")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Учебный год с", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(para("\(RussianPlural.count(list.count, "педагог", "педагога", "педагогов")) из \(RussianPlural.count(model.schoolCount, "школы", "школ", "школ")).", cls: "muted"))
        if !list.isEmpty {
            body.append(el("div", [("class", "actions")], [link("Скачать для региона (XLSX)", SiteRoute.authority(model.authorityID, .teachersTrainingXLSX).path + "?year=\(year)", cls: "button secondary")]))
            body.append(table(["№", "Школа", "ФИО", "Должность", "Предмет", "Предметные дефициты"], list.enumerated().map { i, r in
                [.text("\(i + 1)"), .text(r.school), link(r.fullName, SiteRoute.teacher(r.teacherID).path), .text(r.position), .text(r.subject ?? "—"),
                 .text(r.subjectDeficits)]
            }))
        }
        return layout.render(body)
    }
}
