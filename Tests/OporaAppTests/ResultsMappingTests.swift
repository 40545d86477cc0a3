import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// The mapping step: unknown columns and unknown school codes are asked about once, the
    /// answers are remembered, and the next file of that shape loads without questions.
    @Suite struct ResultsMapping {
        static let renamed = Data("""
        ВПР 2024 Русский язык 5 класс
        Логин ОО;Шифр участника;Класс;1 (1б);2 (2б);Сумма;Оценка за ВПР;Отметка за прошлую четверть
        edu230005;r1;5А;1;2;3;4;4
        edu230005;r2;5А;0;1;1;2;3
        edu230077;r3;5Б;1;1;2;3;3
        """.utf8)

        @Test func unknownColumnsAndSchoolsAreMappedOnceAndRemembered() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("slavyansk")
                let slav = try await app.authorityID("slavyansk")
                try await b.get("/authorities/\(slav)/results")
                let step = try await b.upload("/authorities/\(slav)/results", fields: [:], fileName: "ru-5.csv", file: Self.renamed)
                #expect(step.status == .ok)
                let html = step.body.string
                #expect(html.contains("Сопоставление столбцов: «ru-5.csv»"))
                #expect(html.contains("нет столбца «Код участника»"))
                #expect(html.contains("name=\"col-1\""))
                #expect(try await app.resultRows(slav).count == 0)
                let draft = try #require(try await ResultDraft.query(on: app.db).first()).requireID()
                #expect(html.contains("<select name=\"col-5\" id=\"col-5\" aria-label=\"Сумма\" class=\"unknown\">"))
                // As the browser sends it: every select. Column 1 is the participant code, 5 the primary score.
                let mapped = try await b.post("/result-drafts/\(draft)/mapping", ["col-0": "login", "col-1": "code", "col-2": "className", "col-5": "primary",
                                                                                  "col-6": "mark", "col-7": "journal"])
                #expect(mapped.status == .seeOther)
                // Now the schools: the file names them by login only, and the registry knows neither login yet.
                let schools = try await b.get("/result-drafts/\(draft)")
                #expect(schools.body.string.contains("Школы, которых нет в реестре"))
                #expect(schools.body.string.contains("edu230077"))
                let school5 = try await app.schoolID("МБОУ СОШ № 5")
                let school7 = try await app.schoolID("МБОУ ООШ № 7")
                let schoolMapped = try await b.post("/result-drafts/\(draft)/schools", ["school-0": "s:\(school5)", "school-1": "s:\(school7)"])
                #expect(schoolMapped.status == .seeOther, "\(schoolMapped.body.string.prefix(500))")
                let ready = try await b.get("/result-drafts/\(draft)")
                #expect(ready.body.string.contains("Ошибок нет: 3 участника"))
                try await b.post("/result-drafts/\(draft)/apply")
                let rows = try await app.resultRows(slav)
                #expect(rows.map(\.code) == ["r1", "r2", "r3"])
                #expect(rows.map(\.journalMark) == [4, 3, 3])
                #expect(try await app.resultSchools(slav)["r3"] == school7)
                #expect(try await School.find(school7, on: app.db)?.fisLogin == "edu230077")
                // The mapping is in the audit log, and the next file of this shape asks nothing.
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Сопоставлены столбцы файла результатов").count() == 1)
                let next = Data(String(decoding: Self.renamed, as: UTF8.self).replacingOccurrences(of: "2024", with: "2025").utf8)
                try await b.get("/authorities/\(slav)/results")
                let second = try await b.upload("/authorities/\(slav)/results", fields: [:], fileName: "ru-5-2025.csv", file: next)
                #expect(second.body.string.contains("Ошибок нет: 3 участника"))
                #expect(!second.body.string.contains("Сопоставление столбцов"))
                // Another municipality's user cannot open or answer this draft.
                let other = Browser(app)
                try await other.login("yurga")
                #expect(try await other.get("/result-drafts/\(draft)").status == .notFound)
            }
        }

        @Test func anOGEProtocolForOneChosenSchoolKeepsCodesOnly() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("slavyansk")
                let slav = try await app.authorityID("slavyansk")
                let school5 = try await app.schoolID("МБОУ СОШ № 5")
                let protocolFile = TextEncoding.encodeWindows1251("""
                Код участника;Фамилия;Имя;Класс;Ответы части 1;Ответы части 2;Первичный балл;Отметка
                p1;Иванов;Иван;9А;++-+;2(2)1(3);6;4
                p2;Петрова;Мария;9А;+---;0(2)0(3);1;2
                """)
                try await b.get("/authorities/\(slav)/results")
                let checked = try await b.upload("/authorities/\(slav)/results",
                                                 fields: ["kind": "oge", "subject": "Математика", "year": "2025", "school": "\(school5)"],
                                                 fileName: "oge.csv", file: protocolFile)
                #expect(checked.status == .ok)
                #expect(checked.body.string.contains("Столбцы с персональными данными («Фамилия», «Имя») прочитаны, но не сохраняются"))
                let draft = try #require(try await ResultDraft.query(on: app.db).first()).requireID()
                try await b.post("/result-drafts/\(draft)/apply")
                let record = try #require(try await ResultImport.query(on: app.db).filter(\.$authority.$id == slav).first())
                #expect(record.kind == .oge)
                #expect(record.grade == 9)
                #expect(record.tasks.map(\.maxScore) == [1, 1, 1, 1, 2, 3])
                let rows = try await app.resultRows(slav)
                #expect(rows.map(\.code) == ["p1", "p2"])
                #expect(Set(try await app.resultSchools(slav).values) == [school5])
                #expect(rows.first?.scores == [1, 1, 0, 1, 2, 1])
            }
        }
    }
}
