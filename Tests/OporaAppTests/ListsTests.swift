import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Lists {
        /// Seed 002: 53 ШНОР of 2024 by years in the list, derived from the earlier years' lists.
        @Test func novosibirskGroupsByYearsInList() async throws {
            try await withOpora { app in
                let nsk = try await app.authorityID("novosibirsk")
                let groups = try await ListQueries(db: app.db).groupsByYearsInList(authorityID: nsk, year: 2024)
                #expect(groups.map(\.years) == [1, 2, 3, 4])
                #expect(groups.map(\.schools.count) == [17, 15, 8, 13])
                #expect(groups.reduce(0) { $0 + $1.schools.count } == 53)
                #expect(groups[0].schools.contains("МАОУ ЦО «Лицей ИНТЕГРАЛ»"))
                #expect(groups[3].schools.contains("МАОУ ЦО № 165 имени В.А. Бердышева"))
                #expect(groups[1].schools.contains("МБОУ ООШ № 115"))
                let b = Browser(app)
                try await b.login("novosibirsk")
                let page = try await b.get("/authorities/\(nsk)/lists?year=2024")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("ШНОР 2024 года по годам в списке"))
                #expect(page.body.string.contains("В списке 53 школы."))
            }
        }

        @Test func addEditRemoveAreAudited() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                #expect(try await b.post("/authorities/\(yurga)/lists", ["year": "2025", "status": "lowResults", "orderNumber": "15", "orderDate": "2025-01-20"]).status == .seeOther)
                let list = try #require(try await SchoolList.query(on: app.db).filter(\.$authority.$id == yurga).filter(\.$year == 2025).first())
                #expect(list.orderText == "приказ от 20.01.2025 № 15")
                let school = try await app.schoolID("МБОУ СОШ № 8 г. Юрги")
                #expect(try await b.post("/lists/\(try list.requireID())/entries", ["schoolID": "\(school)", "basis": "ВПР 2024"]).status == .seeOther)
                let entry = try #require(try await ListEntry.query(on: app.db).filter(\.$list.$id == list.requireID()).first())
                #expect(entry.basis == "ВПР 2024")
                #expect(try await b.post("/lists/\(try list.requireID())/entries", ["schoolID": "\(school)"]).status == .conflict)
                #expect(try await b.post("/entries/\(try entry.requireID())/edit", ["basis": "ВПР 2023 и 2024"]).status == .seeOther)
                let page = try await b.get("/authorities/\(yurga)/lists?year=2025")
                #expect(page.body.string.contains("ВПР 2023 и 2024"))
                // Excluding asks first: the page says what will happen, and nothing changes until confirmed.
                let ask = try await b.post("/entries/\(try entry.requireID())/delete")
                #expect(ask.status == .ok)
                #expect(ask.body.string.contains("Подтвердите действие: исключить школу из списка"))
                #expect(ask.body.string.contains("утверждённого приказом"))
                #expect(ask.body.string.contains(#"name="confirmed" value="1""#))
                #expect(try await ListEntry.find(entry.id, on: app.db) != nil)
                #expect(try await b.post("/entries/\(try entry.requireID())/delete", ["confirmed": "1"]).status == .seeOther)
                #expect(try await ListEntry.find(entry.id, on: app.db) == nil)
                let audit = try await AuditEntry.query(on: app.db).filter(\.$authorityID == yurga).sort(\.$id).all()
                #expect(audit.map(\.action).suffix(4) == ["Создан список", "Школа включена в список", "Изменено основание включения", "Школа исключена из списка"])
                let edit = try #require(audit.first { $0.action == "Изменено основание включения" })
                #expect(edit.before == "ВПР 2024")
                #expect(edit.after == "ВПР 2023 и 2024")
                #expect(edit.userLogin == "yurga")
                let log = try await b.get("/audit")
                #expect(log.status == .ok)
                #expect(log.body.string.contains("Школа исключена из списка"))
            }
        }

        @Test func schoolCardShowsHistoryAndKind() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let page = try await b.get("/schools/\(try await app.schoolID("МБОУ СОШ № 14"))")
                #expect(page.status == .ok)
                let text = page.body.string
                #expect(text.contains("Хроническая"))
                #expect(text.contains("раз в списке за последние 5 лет"))
                #expect(text.contains("приказ от 23.12.2024 № 882") || text.contains("№ 882"))
                let novice = try await b.get("/schools/\(try await app.schoolID("МБОУ ОК № 9 г. Юрги"))")
                #expect(novice.body.string.contains("Впервые в списке ШНОР"))
                #expect(novice.body.string.contains("впервые"))
            }
        }

        @Test func schoolSearchAndFilters() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("novosibirsk")
                let nsk = try await app.authorityID("novosibirsk")
                let byNumber = try await b.get("/authorities/\(nsk)/schools?q=\(Browser.enc("школа 121"))")
                #expect(byNumber.body.string.contains("Академическая"))
                #expect(byNumber.body.string.contains("Найдено: 1 школа из 53."))
                let lyceum = try await b.get("/authorities/\(nsk)/schools?q=\(Browser.enc("интеграл"))")
                #expect(lyceum.body.string.contains("Лицей ИНТЕГРАЛ"))
                let oosh = try await b.get("/authorities/\(nsk)/schools?kind=oosh")
                #expect(oosh.body.string.contains("Найдено: 1 школа из 53."))
                let fourth = try await b.get("/authorities/\(nsk)/schools?status=lowResults&year=2021")
                #expect(fourth.body.string.contains("Найдено: 13 школ из 53."))
            }
        }
    }
}
