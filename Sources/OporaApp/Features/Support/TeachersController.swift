import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// Teachers of a school with their deficits and development routes; the municipality's list of
/// teachers needing subject training (sent to the region, 004) as a page and an XLSX.
struct TeachersController {

    private func school(_ req: Request, write: Bool) async throws -> School {
        try req.routeSchool()
    }

    func page(req: Request) async throws -> Response {
        try await render(req, school: try await school(req, write: false))
    }

    func render(_ req: Request, school: School, problems: [String] = [], message: String? = nil) async throws -> Response {
        let sid = try school.requireID()
        let year = try SupportController.schoolYear(req)
        let teachers = try await Teacher.query(on: req.db).filter(\.$school.$id == sid).with(\.$deficits).with(\.$courses).sort(\.$fullName).all()
        let canWrite = try await req.scope().canKeepTeachers(schoolID: sid, authorityID: school.$authority.id)
        let rows: [TeachersPage.Row] = teachers.map { t in
            let deficits = t.deficits.filter { $0.year == year }
            return TeachersPage.Row(
                id: t.id ?? 0, fullName: t.fullName, position: t.position, subject: t.subject, managementTeam: t.managementTeam,
                deficits: deficits.map { "\($0.kind.title): \($0.description)" }.joined(separator: "; "),
                needsSubjectTraining: deficits.contains(where: \.needsSubjectTraining),
                coursesDone: t.courses.filter(\.completed).count, coursesTotal: t.courses.count)
        }
        let shown: String? = message ?? (try? req.query.get(String.self, at: "done"))
        let model = TeachersPage(schoolID: sid, schoolName: school.shortName, year: year, message: shown, problems: problems, teachers: rows, canWrite: canWrite)
        // A rejected file is an unprocessable request, not a page shown as usual.
        return .html(TeachersView(model: model, layout: req.layout("Педагоги", crumbs: [(school.shortName, SiteRoute.school(sid).path)]), csrf: req.csrf).render(),
                     status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    func add(req: Request) async throws -> Response {
        let school = try await school(req, write: true)
        let t = Teacher()
        t.$school.id = try school.requireID()
        t.fullName = try SupportController.text(req, "fullName", required: "ФИО") ?? ""
        t.position = try SupportController.text(req, "position", required: "Должность") ?? ""
        t.subject = try SupportController.text(req, "subject")
        t.managementTeam = (try? req.content.get(String.self, at: "management")) == "on"
        try await req.db.transaction { tx in
            try await t.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: school.$authority.id, action: "Добавлен педагог", entity: "\(t.fullName), \(school.shortName)", entityID: t.id)
        }
        return req.redirect(to: SiteRoute.school(try school.requireID(), .teachers).path)
    }

    struct Upload: Content { var file: File? }

    func importDeficits(req: Request) async throws -> Response {
        let school = try await school(req, write: true)
        let sid = try school.requireID()
        let year = try SupportController.schoolYear(req)
        guard let file = try req.content.decode(Upload.self).file, file.data.readableBytes > 0 else {
            return try await render(req, school: school, problems: ["Выберите файл CSV или XLSX."])
        }
        let table: ImportTable
        do { table = try TableReader.read(Data(buffer: file.data), fileName: file.filename) } catch let p as ImportProblem {
            return try await render(req, school: school, problems: [p.description])
        }
        let (rows, problems) = DeficitImport.read(table)
        guard problems.isEmpty else { return try await render(req, school: school, problems: problems.map(\.description)) }
        let created = try await req.db.transaction { tx -> Int in
            var created = 0
            let existing = try await Teacher.query(on: tx).filter(\.$school.$id == sid).all()
            var byName = Dictionary(existing.map { ($0.fullName.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
            for r in rows {
                let teacher: Teacher
                if let t = byName[r.fullName.lowercased()] { teacher = t } else {
                    teacher = Teacher()
                    teacher.$school.id = sid
                    teacher.fullName = r.fullName
                    teacher.position = r.position ?? "учитель"
                    teacher.subject = r.subject
                    teacher.managementTeam = false
                    try await teacher.create(on: tx)
                    byName[r.fullName.lowercased()] = teacher
                    created += 1
                }
                let tid = try teacher.requireID()
                try await TeacherDeficit.query(on: tx).filter(\.$teacher.$id == tid).filter(\.$year == year).delete()
                let entries: [(DeficitKind, String?)] = [(.subject, r.subjectDeficits), (.methodological, r.methodologicalDeficits)]
                var any = false
                for (kind, text) in entries {
                    guard let text else { continue }
                    try await Self.deficit(tid, year: year, kind: kind, text: text, training: kind == .subject && r.needsSubjectTraining, on: tx)
                    any = true
                }
                if !any && r.needsSubjectTraining {
                    try await Self.deficit(tid, year: year, kind: .subject, text: "нуждается в предметной подготовке", training: true, on: tx)
                }
            }
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: school.$authority.id, action: "Загружена диагностика дефицитов",
                                   entity: "\(school.shortName), \(year)/\(year + 1)", entityID: nil, after: "«\(file.filename)»: \(rows.count) педагогов, новых \(created)")
            return created
        }
        let done = "Загружено: \(RussianPlural.count(rows.count, "педагог", "педагога", "педагогов")), из них новых — \(created)."
        return req.redirect(to: SiteRoute.school(sid, .teachers).path + "?year=\(year)&done=" + (done.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    static func deficit(_ teacherID: Int, year: Int, kind: DeficitKind, text: String, training: Bool, on db: any Database) async throws {
        let d = TeacherDeficit()
        d.$teacher.id = teacherID
        d.year = year
        d.kind = kind
        d.description = text
        d.needsSubjectTraining = training
        try await d.create(on: db)
    }
}
