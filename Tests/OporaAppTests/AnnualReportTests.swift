import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// The annual report of the Slavyansk demo reproduces the facts of 004.
    @Suite struct AnnualReport {
        @Test func slavyansk2020ReproducesTheFactsOf004() async throws {
            try await withOpora { app in
                let slav = try await app.authorityID("slavyansk")
                let b = Browser(app)
                try await b.login("slavyansk")
                let page = try await b.get("/authorities/\(slav)/annual-report?year=2020")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Черновик составлен по данным"))
                let docx = try await b.get("/authorities/\(slav)/annual-report.docx?year=2020")
                #expect(docx.status == .ok)
                let text = try DOCXReader.read(Data(buffer: docx.body)).lines.joined(separator: "\n")
                let facts = [
                    "включены 17 школ",
                    "в 14 ОУ (школы № 7, 8, 10, 16, 19, 20, 22, 23, 43, 48, 50, 51, 52, 56) фактором риска со средней или высокой значимостью является низкая учебная мотивация обучающихся",
                    "в 11 ОУ – недостаточная предметная и методическая компетентность педагогических работников (школы № 7, 8, 10, 19, 21, 22, 23, 43, 51, 52, 56)",
                    "(ОУ № 8, 10, 19, 20, 21, 22, 50, 51, 56)",
                    "в 7 школах № 5, 8, 20, 21, 23, 48, 51 – высокая доля обучающихся с рисками учебной неуспешности",
                    "всего посещено 13 школ (№ 23, 48, 51, 50, 22, 56, 7, 8, 43, 19, 21, 10, 52)",
                    "ниже ожидаемого — в МБОУ ООШ № 8, МБОУ СОШ № 10, МБОУ ООШ № 52",
                    "направлены 29 педагогов из 9 школ (№ 7, 8, 16, 19, 22, 23, 48, 52, 56)",
                    "Участники проекта «500+»: № 20 (2020), № 8, 48 (2021).",
                    "Выводы:", "Рекомендации:",
                ]
                for fact in facts { #expect(text.contains(fact), "\(fact)") }
                // The bases of 004, each with its schools.
                #expect(text.contains("третий год участия в региональном проекте: № 16, 39, 48."))
                #expect(text.contains("(федеральная выборка): № 5, 7, 8, 10, 19, 20, 21, 22, 23, 48, 50, 51, 52, 56."))
                #expect(text.contains("низкие результаты ЕГЭ выпускников 2020 года (муниципальный уровень): № 43."))
                // The coordinator edits the conclusions; the export carries the edit; the order approves the report.
                #expect(try await b.post("/authorities/\(slav)/annual-report?year=2020", ["conclusions": "Выводы: работа признана удовлетворительной.", "orderNumber": "736", "orderDate": "14.05.2021"]).status == .seeOther)
                let edited = try DOCXReader.read(Data(buffer: try await b.get("/authorities/\(slav)/annual-report.docx?year=2020").body)).lines.joined(separator: "\n")
                #expect(edited.contains("работа признана удовлетворительной"))
                #expect(!edited.contains("Рекомендации:"))
                let order = try DOCXReader.read(Data(buffer: try await b.get("/authorities/\(slav)/annual-report-order.docx?year=2020").body)).lines.joined(separator: "\n")
                #expect(order.contains("ПРИКАЗ") && order.contains("14.05.2021") && order.contains("736"))
                #expect(order.contains("Об утверждении отчёта о работе со школами с низкими образовательными результатами в 2020-2021 учебном году"))
                let xlsx = try await b.get("/authorities/\(slav)/annual-report.xlsx?year=2020")
                #expect(try XLSXReader.firstSheetRows(Data(buffer: xlsx.body)).count == 18)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Изменены выводы годового отчёта").count() == 1)
                // Scope: another municipality neither reads nor edits it; a methodologist reads but does not edit.
                let other = Browser(app)
                try await other.login("yurga")
                #expect(try await other.get("/authorities/\(slav)/annual-report.docx?year=2020").status == .notFound)
                #expect(try await other.post("/authorities/\(slav)/projects", ["project": "500+", "year": "2022", "school": "1"]).status == .notFound)
                let school5 = try await app.schoolID("МБОУ СОШ № 5")
                #expect(try await b.post("/authorities/\(slav)/projects", ["project": "500+", "year": "2022", "school": "\(school5)"]).status == .seeOther)
                #expect(try await SchoolProject.query(on: app.db).filter(\.$school.$id == school5).count() == 1)
                #expect(try await other.post("/authorities/\(slav)/annual-report?year=2020", ["conclusions": "x"]).status == .notFound)
            }
        }
    }
}
