import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Import {
        func yurgaEntries(_ app: Application, year: Int) async throws -> [String] {
            let yurga = try await app.authorityID("yurga")
            guard let list = try await SchoolList.query(on: app.db).filter(\.$authority.$id == yurga).filter(\.$year == year).filter(\.$status == .lowResults).first() else { return [] }
            return try await ListEntry.query(on: app.db).filter(\.$list.$id == list.requireID()).with(\.$school).all().map(\.school.shortName).sorted()
        }

        @Test func fileWithErrorsSavesNothingAndSaysWhere() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                let before = try await yurgaEntries(app, year: 2024)
                let csv = TextEncoding.encodeWindows1251("Школа;Основание\nМБОУ СОШ №1;ВПР\nСОШ № 77;ЕГЭ\n")
                let upload = try await b.upload("/authorities/\(yurga)/lists/import", fields: ["year": "2024", "status": "lowResults"], fileName: "список-2024.csv", file: csv)
                #expect(upload.status == .seeOther)
                let preview = try await b.get(try #require(upload.headers.first(name: .location)))
                #expect(preview.status == .unprocessableEntity)
                #expect(preview.body.string.contains("Файл «список-2024.csv», строка 3, столбец «Школа»: школа «СОШ № 77» не найдена в реестре муниципалитета."))
                #expect(preview.body.string.contains("Ничего не сохранено"))
                let draftID = try #require(upload.headers.first(name: .location)?.split(separator: "/").last)
                let apply = try await b.post("/imports/\(draftID)/apply")
                #expect(apply.status == .seeOther)
                #expect(try await yurgaEntries(app, year: 2024) == before)
            }
        }

        /// A draft's file is parsed when it is first shown and again only after data changed.
        @Test func aDraftIsCheckedOncePerDataVersion() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                let csv = Data("Школа;Основание\nМБОУ СОШ № 1;ВПР\n".utf8)
                let upload = try await b.upload("/authorities/\(yurga)/lists/import", fields: ["year": "2025", "status": "lowResults"], fileName: "список.csv", file: csv)
                let location = try #require(upload.headers.first(name: .location))
                let start = app.draftChecks.made
                for _ in 0..<3 { #expect(try await b.get(location).status == .ok) }
                #expect(app.draftChecks.made == start + 1)
                // Any write (here a new API token) may change what the check finds: checked again.
                _ = try await b.post("/profile/tokens", ["name": "проверка"])
                #expect(try await b.get(location).status == .ok)
                #expect(app.draftChecks.made == start + 2)
            }
        }

        @Test func validCSVReplacesTheYearListInOneGo() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                let csv = Data("Наименование ОО,Статус,Основание\n\"МБОУ «СОШ №1»\",ШНОР,\"ВПР, 2 года\"\nшкола 14,ШНОР,\nСОШ № 6,предШНОР,\n".utf8)
                let upload = try await b.upload("/authorities/\(yurga)/lists/import", fields: ["year": "2025", "orderNumber": "7", "orderDate": "2025-02-01"], fileName: "2025.csv", file: csv)
                let location = try #require(upload.headers.first(name: .location))
                let preview = try await b.get(location)
                #expect(preview.status == .ok)
                #expect(preview.body.string.contains("Ошибок нет. Будет загружено 3 строки"))
                let apply = try await b.post(location + "/apply")
                #expect(apply.status == .seeOther)
                #expect(try await yurgaEntries(app, year: 2025) == ["МБОУ СОШ № 1", "МБОУ СОШ № 14"])
                let list = try #require(try await SchoolList.query(on: app.db).filter(\.$authority.$id == yurga).filter(\.$year == 2025).filter(\.$status == .lowResults).first())
                #expect(list.orderNumber == "7")
                let basis = try await ListEntry.query(on: app.db).filter(\.$list.$id == list.requireID()).all().compactMap(\.basis)
                #expect(basis == ["ВПР, 2 года"])
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Загрузка списка из файла «2025.csv»").count() == 2)
                // The draft is gone: applying twice is impossible.
                #expect(try await b.post(location + "/apply").status == .notFound)
            }
        }

        @Test func xlsxListIsRead() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("slavyansk")
                let slav = try await app.authorityID("slavyansk")
                let book = Workbook(sheets: [.init(name: "Лист1", rows: [["Список ШНОР 2021"], ["Школа", "Основание"], ["СОШ № 5", "ВПР"], ["ООШ №8", "ВПР"]])])
                let upload = try await b.upload("/authorities/\(slav)/lists/import", fields: ["year": "2021"], fileName: "list.xlsx", file: try book.xlsx())
                let location = try #require(upload.headers.first(name: .location))
                #expect(try await b.get(location).body.string.contains("Будет загружено 2 строки"))
                #expect(try await b.post(location + "/apply").status == .seeOther)
                let page = try await b.get("/authorities/\(slav)/lists?year=2021")
                #expect(page.body.string.contains("В списке 2 школы."))
            }
        }

        @Test func anotherUsersDraftIsNotReachable() async throws {
            try await withOpora { app in
                let owner = Browser(app)
                try await owner.login("yurga")
                let upload = try await owner.upload("/authorities/\(try await app.authorityID("yurga"))/lists/import", fields: ["year": "2025"], fileName: "a.csv", file: Data("Школа\nСОШ № 1\n".utf8))
                let location = try #require(upload.headers.first(name: .location))
                let other = Browser(app)
                try await other.login("novosibirsk")
                #expect(try await other.get(location).status == .notFound)
                #expect(try await other.post(location + "/apply").status == .notFound)
            }
        }
    }
}
