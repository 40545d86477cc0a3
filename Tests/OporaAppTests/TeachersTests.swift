import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Teachers of the ШНОР, the diagnostics of their deficits, their routes and the list for the region.
    @Suite struct Teachers {
        static let diagnostics = """
        Диагностика профессиональных дефицитов
        ФИО;Должность;Предмет;Предметные дефициты;Методические дефициты;Нуждается в курсах по предмету
        Иванова Анна Петровна;учитель;математика;задачи на проценты;формирующее оценивание;да
        Петров  Пётр Петрович;учитель;русский язык;;смысловое чтение;нет
        """

        @Test func diagnosticsImportedWholeOrNotAtAll() async throws {
            try await withOpora { app in
                let school14 = try await app.schoolID("МБОУ СОШ № 14")
                let b = Browser(app)
                try await b.login("yurga")
                try await b.get("/schools/\(school14)/teachers")
                let damaged = Self.diagnostics + "\n;учитель;математика;x;;да\nСидоров С.С.;учитель;физика;x;;может быть"
                let refused = try await b.upload("/schools/\(school14)/teachers/deficits?year=2026", fields: [:], fileName: "d.csv", file: Data(damaged.utf8))
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("Файл «d.csv», строка 5, столбец «ФИО»: не указаны фамилия, имя и отчество."))
                #expect(refused.body.string.contains("Файл «d.csv», строка 6, столбец «Нуждается в курсах по предмету»: «может быть» — нужно «да» или «нет»."))
                #expect(try await Teacher.query(on: app.db).filter(\.$school.$id == school14).count() == 0)
                let ok = try await b.upload("/schools/\(school14)/teachers/deficits?year=2026", fields: [:], fileName: "d.csv", file: TextEncoding.encodeWindows1251(Self.diagnostics))
                #expect(ok.status == .seeOther)
                let teachers = try await Teacher.query(on: app.db).filter(\.$school.$id == school14).with(\.$deficits).sort(\.$fullName).all()
                #expect(teachers.map(\.fullName) == ["Иванова Анна Петровна", "Петров Пётр Петрович"])
                #expect(teachers[0].deficits.count == 2)
                #expect(teachers[0].deficits.contains { $0.kind == .subject && $0.needsSubjectTraining })
                // Again: the year's deficits are replaced, not doubled; no new teachers.
                try await b.get("/schools/\(school14)/teachers")
                try await b.upload("/schools/\(school14)/teachers/deficits?year=2026", fields: [:], fileName: "d.csv", file: Data(Self.diagnostics.utf8))
                #expect(try await Teacher.query(on: app.db).filter(\.$school.$id == school14).count() == 2)
                #expect(try await TeacherDeficit.query(on: app.db).filter(\.$teacher.$id == teachers[0].requireID()).count() == 2)

                // The route: a course planned then completed, a mentor.
                let tid = try teachers[0].requireID()
                #expect(try await b.post("/teachers/\(tid)/courses", ["title": "Методика решения задач на проценты", "provider": "КРИПКиПРО", "hours": "36", "planned": "январь 2027"]).status == .seeOther)
                #expect(try await b.post("/teachers/\(tid)/courses", ["title": "x", "hours": "много", "planned": "x"]).status == .badRequest)
                let course = try #require(try await TeacherCourse.query(on: app.db).filter(\.$teacher.$id == tid).first())
                #expect(try await b.post("/teacher-courses/\(try course.requireID())/done").status == .seeOther)
                #expect(try await TeacherCourse.find(course.id, on: app.db)?.completed == true)
                #expect(try await b.post("/teachers/\(tid)/mentors", ["mentor": "Смирнова О.В.", "mentorSchool": "МБОУ СОШ № 6", "subject": "математика", "since": "01.10.2026"]).status == .seeOther)
                let card = try await b.get("/teachers/\(tid)")
                #expect(card.body.string.contains("пройден"))
                #expect(card.body.string.contains("Смирнова О.В."))

                // Scope: the curator of СОШ № 14 reads and keeps; another school's staff does not see it.
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                #expect(try await curator.get("/teachers/\(tid)").status == .ok)
                let slav = Browser(app)
                try await slav.login("slavyansk")
                #expect(try await slav.get("/teachers/\(tid)").status == .notFound)
                #expect(try await slav.get("/schools/\(school14)/teachers").status == .notFound)
                #expect(try await slav.post("/teachers/\(tid)/courses", ["title": "x", "planned": "x"]).status == .notFound)
                let staff = Browser(app)
                try await staff.login("yurga.school14")
                #expect(try await staff.get("/teachers/\(tid)").status == .ok)
            }
        }

        @Test func theSlavyanskListForTheRegionHas29TeachersFrom9Schools() async throws {
            try await withOpora { app in
                let slav = try await app.authorityID("slavyansk")
                let b = Browser(app)
                try await b.login("slavyansk")
                let page = try await b.get("/authorities/\(slav)/teachers-training?year=2020")
                #expect(page.body.string.contains("29 педагогов из 9 школ."))
                let xlsx = try await b.get("/authorities/\(slav)/teachers-training.xlsx?year=2020")
                #expect(xlsx.status == .ok)
                let rows = try XLSXReader.firstSheetRows(Data(buffer: xlsx.body))
                #expect(rows.count == 31)
                #expect(Set(rows.dropFirst(2).map { $0[1] }).count == 9)
                let yurga = Browser(app)
                try await yurga.login("yurga")
                #expect(try await yurga.get("/authorities/\(slav)/teachers-training.xlsx?year=2020").status == .notFound)
            }
        }
    }
}
