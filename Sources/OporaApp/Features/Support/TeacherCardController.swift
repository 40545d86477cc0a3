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
        let deficitYear = try SupportController.schoolYear(req)
        let tid = try t.requireID()
        let canWrite = try await req.scope().canKeepTeachers(schoolID: t.$school.id, authorityID: school.$authority.id)
        let deficits: [(year: Int, kind: DeficitKind, description: String, needsSubjectTraining: Bool)] = t.deficits
            .sorted { ($1.year, $0.kind.rawValue) < ($0.year, $1.kind.rawValue) }
            .map { d in (year: d.year, kind: d.kind, description: d.description, needsSubjectTraining: d.needsSubjectTraining) }
        let courses: [TeacherCardPage.Course] = t.courses
            .sorted { ($0.completed ? 1 : 0, $0.id ?? 0) < ($1.completed ? 1 : 0, $1.id ?? 0) }
            .map { c in
                let completedOn: String? = c.completedAt.map { SupportController.date($0) }
                return TeacherCardPage.Course(id: c.id ?? 0, title: c.title, provider: c.provider, hours: c.hours, planned: c.planned, completed: c.completed, completedOn: completedOn)
            }
        let mentors: [(name: String, school: String?, subject: String, since: String)] = try await TeacherMentorship.query(on: req.db).filter(\.$teacher.$id == tid).sort(\.$since).all()
            .map { m in (name: m.mentorName, school: m.mentorSchool, subject: m.subject, since: SupportController.date(m.since)) }
        let model = TeacherCardPage(
            teacherID: tid, fullName: t.fullName, position: t.position, subject: t.subject, managementTeam: t.managementTeam, schoolName: school.shortName,
            deficitYear: deficitYear, canWrite: canWrite, deficits: deficits, courses: courses, mentors: mentors)
        return .html(TeacherCardView(model: model, layout: req.layout(t.fullName, crumbs: [(school.shortName, SiteRoute.school(t.$school.id).path), ("Педагоги", SiteRoute.school(t.$school.id, .teachers).path)]), csrf: req.csrf).render())
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
        let (authority, shown, list) = try await shownRows(req)
        return (authority, shown.year, list)
    }

    /// The list of the school year asked for, else of the latest with recorded deficits (`ShownYear`).
    func shownRows(_ req: Request) async throws -> (Authority, ShownYear, [(school: String, teacher: Teacher, deficits: [TeacherDeficit])]) {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let schools = try await School.query(on: req.db).filter(\.$authority.$id == aid).all()
        let names = Dictionary(uniqueKeysWithValues: schools.compactMap { s in s.id.map { ($0, s.shortName) } })
        let teachers = names.isEmpty ? [] : try await Teacher.query(on: req.db).filter(\.$school.$id ~~ Array(names.keys)).with(\.$deficits).all()
        let shown = ShownYear(asked: try req.queryYear("year"), latest: teachers.flatMap { $0.deficits.map(\.year) }.max(),
                              current: Season.schoolYear(of: ExecutionService.today()), name: ShownYear.schoolYearName)
        let year = shown.year
        let list = teachers.compactMap { t -> (String, Teacher, [TeacherDeficit])? in
            let d = t.deficits.filter { $0.year == year }
            guard d.contains(where: \.needsSubjectTraining) else { return nil }
            return (names[t.$school.id] ?? "", t, d)
        }
        return (authority, shown, list.sorted { naturalLess($0.0, $1.0) || ($0.0 == $1.0 && $0.1.fullName < $1.1.fullName) })
    }

    func page(req: Request) async throws -> Response {
        let (authority, shown, list) = try await shownRows(req)
        let year = shown.year
        let aid = try authority.requireID()
        let lines: [(school: String, teacherID: Int, fullName: String, position: String, subject: String?, subjectDeficits: String)] = list.map { r in
            let subjectDeficits = r.deficits.filter { $0.kind == .subject }.map(\.description).joined(separator: "; ")
            return (school: r.school, teacherID: r.teacher.id ?? 0, fullName: r.teacher.fullName, position: r.teacher.position, subject: r.teacher.subject, subjectDeficits: subjectDeficits)
        }
        let model = TrainingListPage(authorityID: aid, municipality: authority.municipality, year: year, schoolCount: Set(list.map(\.school)).count, rows: lines)
        var layout = req.layout("Предметная подготовка", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)])
        layout.yearNote = shown.note
        return .html(TrainingListView(model: model, layout: layout).render())
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
        return .file(data, name: FileName.make(["Предметная подготовка педагогов — \(authority.municipality)", "\(year)–\(year + 1) учебный год"], ext: "xlsx"), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}
