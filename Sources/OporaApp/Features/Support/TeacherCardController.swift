import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// A teacher's card: deficits by year, the individual development route (courses planned and
/// completed) and subject mentors. Read and kept by whoever may see and keep the school's teachers.
struct TeacherCardController {
    private func teacher(_ req: Request, write: Bool) async throws -> (Teacher, School) {
        guard let id = req.intParameter("teacherID"), let t = try await Teacher.query(on: req.db).filter(\.$id == id).with(\.$deficits).with(\.$courses).first() else {
            throw PublicError.notFound()
        }
        // Judged by the route's permission (read, or keep teachers) on the teacher's school.
        return (t, try await req.readableSchool(t.$school.id))
    }

    func page(req: Request) async throws -> Response {
        let (t, school) = try await teacher(req, write: false)
        let deficitYear = try TeachersController.year(req)
        let tid = try t.requireID()
        let canWrite = try await req.scope().canKeepTeachers(schoolID: t.$school.id, authorityID: school.$authority.id)
        var body: [BodyNode] = [heading("\(t.fullName)"), para("\(t.position)\(t.subject.map { ", \($0)" } ?? ""), \(school.shortName)\(t.managementTeam ? "; управленческая команда" : "")", cls: "muted")]
        body.append(subheading("Профессиональные дефициты"))
        let deficits = t.deficits.sorted { ($1.year, $0.kind.rawValue) < ($0.year, $1.kind.rawValue) }
        body.append(deficits.isEmpty ? para("Диагностика не проводилась.", cls: "muted") : table(["Учебный год", "Дефицит", "Описание", "Курсы по предмету"], deficits.map { d in
            [.text("\(d.year)/\(d.year + 1)"), .text(d.kind.title), .text(d.description), .text(d.needsSubjectTraining ? "нуждается" : "")]
        }))
        if canWrite {
            body.append(el("details", [], [el("summary", text: "Добавить дефицит"), postForm(SiteRoute.teacher(tid, .deficits).path, csrf: req.csrf, [
                field("Учебный год с", name: "year", value: "\(deficitYear)", type: "number"),
                selectField("Дефицит", name: "kind", options: DeficitKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: nil),
                textArea("Описание", name: "description", required: true),
                el("label", [("class", "check")], [voidEl("input", [("type", "checkbox"), ("name", "training"), ("value", "on")]), .text(" Нуждается в курсах по предмету")]),
                button("Добавить"),
            ])]))
        }
        body.append(subheading("Индивидуальный образовательный маршрут"))
        let courses = t.courses.sorted { ($0.completed ? 1 : 0, $0.id ?? 0) < ($1.completed ? 1 : 0, $1.id ?? 0) }
        body.append(courses.isEmpty ? para("Курсы не запланированы.", cls: "muted") : table(["Курс (КПК)", "Организация", "Часов", "Когда", "Состояние", ""], courses.map { c in
            [.text(c.title), .text(c.provider ?? "—"), .text(c.hours.map(String.init) ?? "—"), .text(c.planned),
             el("span", [("class", c.completed ? "tag firstTime" : "tag")], text: c.completed ? "пройден" + (c.completedAt.map { " \(SupportController.date($0))" } ?? "") : "запланирован"),
             c.completed || !canWrite ? .text("") : postForm(SiteRoute.teacherCourse(c.id ?? 0, .done).path, csrf: req.csrf, cls: "inline", [button("Пройден", cls: "button secondary")])]
        }))
        if canWrite {
            body.append(el("details", [], [el("summary", text: "Запланировать курс"), postForm(SiteRoute.teacher(tid, .courses).path, csrf: req.csrf, [
                field("Курс", name: "title", required: true), field("Организация", name: "provider"), field("Часов", name: "hours", type: "number"),
                field("Когда (например, «октябрь 2026»)", name: "planned", required: true), button("Запланировать"),
            ])]))
        }
        let mentors = try await TeacherMentorship.query(on: req.db).filter(\.$teacher.$id == tid).sort(\.$since).all()
        body.append(subheading("Наставники"))
        body.append(mentors.isEmpty ? para("Наставник не назначен.", cls: "muted") : table(["Наставник", "Школа", "Предмет", "С"], mentors.map { m in
            [.text(m.mentorName), .text(m.mentorSchool ?? "—"), .text(m.subject), .text(SupportController.date(m.since))]
        }))
        if canWrite {
            body.append(el("details", [], [el("summary", text: "Назначить наставника"), postForm(SiteRoute.teacher(tid, .mentors).path, csrf: req.csrf, [
                field("Наставник (ФИО)", name: "mentor", required: true), field("Школа наставника", name: "mentorSchool"),
                field("Предмет", name: "subject", value: t.subject, required: true), field("С", name: "since", type: "date", required: true), button("Назначить"),
            ])]))
        }
        return .html(req.layout(t.fullName, crumbs: [(school.shortName, SiteRoute.school(t.$school.id).path), ("Педагоги", SiteRoute.school(t.$school.id, .teachers).path)]).render(body))
    }

    func addDeficit(req: Request) async throws -> Response {
        let (t, school) = try await teacher(req, write: true)
        guard let year = Int((try? req.content.get(String.self, at: "year")) ?? ""), (2000...2100).contains(year) else { throw PublicError(.badRequest, "Укажите учебный год.") }
        let kind = (try? req.content.get(String.self, at: "kind")).flatMap(DeficitKind.init(rawValue:)) ?? .subject
        let text = try SupportController.text(req, "description", required: "Описание") ?? ""
        try await req.db.transaction { tx in
            try await TeachersController.deficit(try t.requireID(), year: year, kind: kind, text: text, training: (try? req.content.get(String.self, at: "training")) == "on", on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: school.$authority.id, action: "Записан дефицит педагога", entity: t.fullName, entityID: t.id, after: "\(kind.title): \(text)")
        }
        return req.redirect(to: SiteRoute.teacher(try t.requireID()).path)
    }

    func addCourse(req: Request) async throws -> Response {
        let (t, school) = try await teacher(req, write: true)
        let c = TeacherCourse()
        c.$teacher.id = try t.requireID()
        c.title = try SupportController.text(req, "title", required: "Курс") ?? ""
        c.provider = try SupportController.text(req, "provider")
        if let raw = try SupportController.text(req, "hours") {
            guard let h = Int(raw), h > 0 else { throw PublicError(.badRequest, "Часов — целое положительное число.") }
            c.hours = h
        }
        c.planned = try SupportController.text(req, "planned", required: "Когда") ?? ""
        c.completed = false
        try await req.db.transaction { tx in
            try await c.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: school.$authority.id, action: "Запланирован курс педагога", entity: t.fullName, entityID: c.id, after: "\(c.title), \(c.planned)")
        }
        return req.redirect(to: SiteRoute.teacher(try t.requireID()).path)
    }

    func courseDone(req: Request) async throws -> Response {
        guard let id = req.intParameter("courseID"), let c = try await TeacherCourse.find(id, on: req.db) else { throw PublicError.notFound() }
        req.parameters.set("teacherID", to: String(c.$teacher.id))
        let (t, school) = try await teacher(req, write: true)
        c.completed = true
        c.completedAt = ExecutionService.today().iso
        try await req.db.transaction { tx in
            try await c.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: school.$authority.id, action: "Курс педагога пройден", entity: t.fullName, entityID: id, before: "запланирован", after: "пройден: \(c.title)")
        }
        return req.redirect(to: SiteRoute.teacher(try t.requireID()).path)
    }

    func addMentor(req: Request) async throws -> Response {
        let (t, school) = try await teacher(req, write: true)
        let m = TeacherMentorship()
        m.$teacher.id = try t.requireID()
        m.mentorName = try SupportController.text(req, "mentor", required: "Наставник") ?? ""
        m.mentorSchool = try SupportController.text(req, "mentorSchool")
        m.subject = try SupportController.text(req, "subject", required: "Предмет") ?? ""
        m.since = try SupportController.isoDate(req, "since", title: "С")
        try await req.db.transaction { tx in
            try await m.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: school.$authority.id, action: "Назначен наставник педагога", entity: t.fullName, entityID: m.id, after: "\(m.mentorName), \(m.subject)")
        }
        return req.redirect(to: SiteRoute.teacher(try t.requireID()).path)
    }
}

/// The municipality's teachers needing subject training in a year (004: «29 педагогов из 9 школ»).
struct TrainingListController {
    func rows(_ req: Request) async throws -> (Authority, Int, [(school: String, teacher: Teacher, deficits: [TeacherDeficit])]) {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let year = try TeachersController.year(req)
        let schools = try await School.query(on: req.db).filter(\.$authority.$id == aid).all()
        let names = Dictionary(uniqueKeysWithValues: schools.compactMap { s in s.id.map { ($0, s.shortName) } })
        let teachers = names.isEmpty ? [] : try await Teacher.query(on: req.db).filter(\.$school.$id ~~ Array(names.keys)).with(\.$deficits).all()
        let list = teachers.compactMap { t -> (String, Teacher, [TeacherDeficit])? in
            let d = t.deficits.filter { $0.year == year }
            guard d.contains(where: \.needsSubjectTraining) else { return nil }
            return (names[t.$school.id] ?? "", t, d)
        }
        return (authority, year, list.sorted { naturalLess($0.0, $1.0) || ($0.0 == $1.0 && $0.1.fullName < $1.1.fullName) })
    }

    func page(req: Request) async throws -> Response {
        let (authority, year, list) = try await rows(req)
        let aid = try authority.requireID()
        let schools = Set(list.map(\.school))
        var body: [BodyNode] = [heading("Педагоги, нуждающиеся в предметной подготовке: \(authority.municipality), \(year)/\(year + 1)")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Учебный год с", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(para("\(RussianPlural.count(list.count, "педагог", "педагога", "педагогов")) из \(RussianPlural.count(schools.count, "школы", "школ", "школ")).", cls: "muted"))
        if !list.isEmpty {
            body.append(el("div", [("class", "actions")], [link("Скачать для региона (XLSX)", SiteRoute.authority(aid, .teachersTrainingXLSX).path + "?year=\(year)", cls: "button secondary")]))
            body.append(table(["№", "Школа", "ФИО", "Должность", "Предмет", "Предметные дефициты"], list.enumerated().map { i, r in
                [.text("\(i + 1)"), .text(r.school), link(r.teacher.fullName, SiteRoute.teacher(r.teacher.id ?? 0).path), .text(r.teacher.position), .text(r.teacher.subject ?? "—"),
                 .text(r.deficits.filter { $0.kind == .subject }.map(\.description).joined(separator: "; "))]
            }))
        }
        return .html(req.layout("Предметная подготовка", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]).render(body))
    }

    func xlsx(req: Request) async throws -> Response {
        let (authority, year, list) = try await rows(req)
        var rows: [[Workbook.Cell]] = [
            [.text("Список педагогов, нуждающихся в предметной подготовке: \(authority.municipality), \(year)/\(year + 1) учебный год")],
            ["№", "Образовательная организация", "ФИО", "Должность", "Предмет", "Предметные дефициты", "Методические дефициты"],
        ]
        for (i, r) in list.enumerated() {
            rows.append([.number(Double(i + 1)), .text(r.school), .text(r.teacher.fullName), .text(r.teacher.position), .text(r.teacher.subject ?? ""),
                         .text(r.deficits.filter { $0.kind == .subject }.map(\.description).joined(separator: "; ")),
                         .text(r.deficits.filter { $0.kind == .methodological }.map(\.description).joined(separator: "; "))])
        }
        let data = try Workbook(sheets: [.init(name: "Предметная подготовка", rows: rows, headerRows: 2, columnWidths: [5, 26, 30, 20, 18, 40, 40])]).xlsx()
        return .file(data, name: "predmetnaya-podgotovka-\(year).xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}
