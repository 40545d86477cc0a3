import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Results {
        static func csv(extra: String = "") -> Data {
            let text = """
            ВПР 2024 Математика 5 класс
            ;;;;;;Б;Б;П;;;
            ОО;Муниципалитет;Название ОО;Код участника;Класс;Вариант;1 (1б);2 (2б);3 (2б);Первичный балл;Отметка;Отметка по журналу
            edu230005;Славянский район;МБОУ СОШ № 5;10001;5А;1;1;2;0;3;3;4
            edu230005;Славянский район;МБОУ СОШ № 5;10002;5А;2;1;1;2;4;4;4
            edu230007;Славянский район;МБОУ ООШ № 7;20001;5;1;0;X;0;0;2;3
            edu230007;Славянский район;МБОУ ООШ № 7;20002;5;2;отсутствовал;;;;;4
            \(extra)
            """
            return TextEncoding.encodeWindows1251(text)
        }

        @Test func importWithCheckThenFiguresBySchool() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("slavyansk")
                let slav = try await app.authorityID("slavyansk")
                try await b.get("/authorities/\(slav)/results")
                let checked = try await b.upload("/authorities/\(slav)/results", fields: [:], fileName: "vpr-mat-5.csv", file: Self.csv())
                #expect(checked.status == .ok)
                #expect(checked.body.string.contains("Ошибок нет: 4 участника"))
                #expect(checked.body.string.contains("152-ФЗ"))
                let draft = try #require(try await ResultDraft.query(on: app.db).first())
                let applied = try await b.post("/result-drafts/\(try draft.requireID())/apply")
                #expect(applied.status == .seeOther)
                #expect(try await app.resultRows(slav).count == 4)
                #expect(try await School.find(try await app.schoolID("МБОУ СОШ № 5"), on: app.db)?.fisLogin == "edu230005")
                let page = try await b.get("/authorities/\(slav)/results")
                #expect(page.body.string.contains("ВПР 2024: Математика, 5 класс"))
                #expect(page.body.string.contains("<svg"))
                let figures = try #require(try await ResultsService(db: app.db).summary(authorityID: slav, kind: .vpr, subject: "Математика", grade: 5, year: 2024))
                #expect(figures.schools.count == 2)
                #expect(figures.total.participants == 3)
                #expect(figures.total.marks == [2: 1, 3: 1, 4: 1])
                // The same file again changes nothing.
                try await b.get("/authorities/\(slav)/results")
                try await b.upload("/authorities/\(slav)/results", fields: [:], fileName: "vpr-mat-5.csv", file: Self.csv())
                let again = try #require(try await ResultDraft.query(on: app.db).first())
                let second = try await b.post("/result-drafts/\(try again.requireID())/apply")
                #expect(second.status == .seeOther)
                // The redirect carries «Этот файл уже был загружен…» («уже» percent-encoded).
                #expect(second.headers.first(name: .location)?.contains("%D1%83%D0%B6%D0%B5") == true)
                #expect(try await ResultImport.query(on: app.db).filter(\.$authority.$id == slav).count() == 1)
                #expect(try await app.resultRows(slav).count == 4)
                // Another municipality sees nothing of it.
                let other = Browser(app)
                try await other.login("yurga")
                #expect(try await other.get("/authorities/\(slav)/results").status == .notFound)
            }
        }

        @Test func damagedOrUnknownIsRejectedWhole() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("slavyansk")
                let slav = try await app.authorityID("slavyansk")
                try await b.get("/authorities/\(slav)/results")
                let unknown = try await b.upload("/authorities/\(slav)/results", fields: [:], fileName: "v.csv",
                                                 file: Self.csv(extra: "edu239999;Славянский район;МБОУ СОШ № 999;30001;5;1;1;1;1;3;3;3"))
                // An unknown school never blocks the file: it is listed, its rows left out until it is chosen or created.
                #expect(unknown.status == .ok)
                #expect(unknown.body.string.contains("Школы, которых нет в реестре (1)"))
                #expect(unknown.body.string.contains("Школ нет в реестре: 1; их строки (1) не загружаются"))
                #expect(unknown.body.string.contains("Ошибок нет: 4 участника к загрузке"))
                let damaged = try await b.upload("/authorities/\(slav)/results", fields: [:], fileName: "d.csv",
                                                 file: Self.csv(extra: "edu230005;Славянский район;МБОУ СОШ № 5;10003;5А;1;1;5;0;6;5;5"))
                #expect(damaged.status == .unprocessableEntity)
                #expect(damaged.body.string.contains("строка 8, столбец «2 (2б)»: балл 5 больше максимума задания (2)."))
                #expect(try await app.resultRows(slav).count == 0)
                // The damaged file left no draft; the one with an unknown school waits for a decision.
                #expect(try await ResultDraft.query(on: app.db).count() == 1)
            }
        }
    
        @Test func marksFromTheConversionScaleOrAClearError() async throws {
            try await withOpora { app in
                let noMarks = TextEncoding.encodeWindows1251("""
                ВПР 2025 Математика 6 класс
                ОО;Название ОО;Код участника;1 (2б);2 (2б);Первичный балл
                edu230005;МБОУ СОШ № 5;50001;2;2;4
                edu230005;МБОУ СОШ № 5;50002;1;0;1
                """)
                let b = Browser(app)
                try await b.login("slavyansk")
                let slav = try await app.authorityID("slavyansk")
                try await b.get("/authorities/\(slav)/results")
                // No marks and no scale: the file loads, marks wait for the scale.
                let loaded = try await b.upload("/authorities/\(slav)/results", fields: [:], fileName: "m.csv", file: noMarks)
                #expect(loaded.status == .ok)
                #expect(loaded.body.string.contains("шкалы перевода для ВПР 2025, Математика, 6 класс в справочнике нет"))
                let first = try #require(try await ResultDraft.query(on: app.db).first())
                #expect(try await b.post("/result-drafts/\(try first.requireID())/apply").status == .seeOther)
                #expect(try await app.resultRows(slav).map(\.mark) == [nil, nil])
                let before = try #require(try await ResultsService(db: app.db).summary(authorityID: slav, kind: .vpr, subject: "Математика", grade: 6, year: 2025))
                #expect(before.total.withoutMark == 2)
                #expect(before.total.meanPrimary == 2.5)
                let coordinator = Browser(app)
                try await coordinator.login("slavyansk")
                try await coordinator.get("/conversion-scales")
                #expect(try await coordinator.post("/conversion-scales", ["kind": "vpr", "year": "2025", "subject": "Математика", "grade": "6", "scale": "2-3-4", "source": "x"]).status == .forbidden)
                let region = Browser(app)
                try await region.login("region")
                try await region.get("/conversion-scales")
                #expect(try await region.post("/conversion-scales", ["kind": "vpr", "year": "2025", "subject": "Математика", "grade": "6", "scale": "4-2-3", "source": "x"]).status == .badRequest)
                // Adding the scale later fills the marks in.
                let saved = try await region.post("/conversion-scales", ["kind": "vpr", "year": "2025", "subject": "Математика", "grade": "6", "scale": "2–3–4", "source": "Рекомендации ФИОКО 2025"])
                #expect(saved.status == .seeOther)
                #expect(try await app.resultRows(slav).map(\.mark) == [5, 2])
                let after = try #require(try await ResultsService(db: app.db).summary(authorityID: slav, kind: .vpr, subject: "Математика", grade: 6, year: 2025))
                #expect(after.total.marks == [2: 1, 5: 1])
                #expect(after.total.withoutMark == 0)
                let record = try #require(try await ResultImport.query(on: app.db).filter(\.$authority.$id == slav).first())
                #expect(record.marksSource?.contains("шкала перевода ВПР 2025, Математика, 6 класс: «3» — от 2, «4» — от 3, «5» — от 4 (Рекомендации ФИОКО 2025)") == true)
            }
        }

        /// Two schools, two subjects, two years: СОШ № 5 has more «2» than the municipality everywhere, ООШ № 7 nowhere.
        static func file(year: Int, subject: String) -> Data {
            var lines = ["ВПР \(year) \(subject) 5 класс", "ОО;Название ОО;Код участника;1 (2б);Первичный балл;Отметка"]
            for i in 0..<10 { lines.append("edu230005;МБОУ СОШ № 5;5\(i);0;0;\(i < 4 ? 2 : 3)") }
            for i in 0..<10 { lines.append("edu230007;МБОУ ООШ № 7;7\(i);0;0;\(i < 1 ? 2 : 4)") }
            return Data(lines.joined(separator: "\n").utf8)
        }

        @Test func listsProposedFromResultsAndAdopted() async throws {
            try await withOpora { app in
                let slav = try await app.authorityID("slavyansk")
                let service = ResultsService(db: app.db)
                for year in [2023, 2024] {
                    for subject in ["Русский язык", "Математика"] {
                        let data = Self.file(year: year, subject: subject)
                        let preview = try await service.preview(.data(data), fileName: "\(year)-\(subject).csv", target: .authority(slav), given: .init())
                        #expect(preview.problems.isEmpty, "\(preview.problems.map(\.description))")
                        _ = try await service.apply(preview, hash: try ResultsService.hash(.data(data)), fileName: "f.csv", target: .authority(slav), user: nil, by: "test")
                    }
                }
                let b = Browser(app)
                try await b.login("slavyansk")
                let page = try await b.get("/authorities/\(slav)/list-proposal?year=2024")
                #expect(page.body.string.contains("Предложение списков на 2025 год"))
                #expect(page.body.string.contains("доля «2» по ВПР выше средней по муниципалитету два года подряд (2023, 2024): русский язык, математика"))
                #expect(!page.body.string.contains("МБОУ ООШ № 7<"))
                #expect(try await b.post("/authorities/\(slav)/list-proposal?year=2024").status == .seeOther)
                let list = try #require(try await SchoolList.query(on: app.db).filter(\.$authority.$id == slav).filter(\.$year == 2025).filter(\.$status == .lowResults).first())
                let entries = try await ListEntry.query(on: app.db).filter(\.$list.$id == list.requireID()).with(\.$school).all()
                #expect(entries.map(\.school.shortName) == ["МБОУ СОШ № 5"])
                // The diagnostic card: four tests over two years, beside the municipality.
                let s5 = try await app.schoolID("МБОУ СОШ № 5")
                let card = try await service.diagnosticCard(schoolID: s5, authorityID: slav)
                #expect(card.count == 4)
                #expect(card.allSatisfy { abs($0.twos - 0.4) < 1e-9 && abs($0.municipalityTwos - 0.25) < 1e-9 })
                let cardPage = try await b.get("/schools/\(s5)/diagnostic-card")
                #expect(cardPage.body.string.contains("Доля «2»: Математика, 5 класс"))
                #expect(cardPage.body.string.contains("<svg"))
                let foreign = Browser(app)
                try await foreign.login("yurga.school14")
                #expect(try await foreign.get("/schools/\(s5)/diagnostic-card").status == .notFound)
                let methodist = Browser(app)
                try await methodist.login("observer")
                try await methodist.get("/authorities/\(slav)/list-proposal?year=2024")
                #expect(try await methodist.post("/authorities/\(slav)/list-proposal?year=2024").status == .forbidden)
            }
        }
    }
}

extension Application {
    /// The stored participants of one municipality, by code (the demo has Yurga's results).
    func resultRows(_ authorityID: Int) async throws -> [ParticipantResult] {
        var out: [ParticipantResult] = []
        for i in try await ResultImport.query(on: db).filter(\.$authority.$id == authorityID).all() {
            for p in try await ResultParticipants.query(on: db).filter(\.$resultImport.$id == i.requireID()).all() { out += p.participants(tasks: i.tasks.count) }
        }
        return out.sorted { $0.code < $1.code }
    }

    /// Participant code → school, in one municipality's stored results.
    func resultSchools(_ authorityID: Int) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for i in try await ResultImport.query(on: db).filter(\.$authority.$id == authorityID).all() {
            for p in try await ResultParticipants.query(on: db).filter(\.$resultImport.$id == i.requireID()).all() {
                for r in p.participants(tasks: i.tasks.count) { out[r.code] = p.$school.id }
            }
        }
        return out
    }
}
