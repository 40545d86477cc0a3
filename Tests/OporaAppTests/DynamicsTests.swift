import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Dynamics {
        static let expectedTotals = ["Итого:", "", "2", "1", "4", "0", "1", "8", "", ""]

        @Test func pageReproducesTheYurgaTable() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                let page = try await b.get("/authorities/\(yurga)/dynamics?from=2020&to=2024")
                #expect(page.status == .ok)
                let html = page.body.string
                for text in ["Динамика списка ШНОР", "ПредШНОР в 2024 году", "Хроническая", "Мерцающая", "Впервые в списке ШНОР", "Итого:"] {
                    #expect(html.contains(text), "\(text)")
                }
            }
        }

        @Test func xlsxExportHoldsTheSameNumbers() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                let res = try await b.get("/authorities/\(yurga)/dynamics.xlsx?from=2020&to=2024")
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                // A Russian name in `filename*` (RFC 6266), an ASCII fallback in `filename`.
                let disposition = res.headers.first(name: .contentDisposition) ?? ""
                let name = "Динамика списка ШНОР — Юргинский городской округ, 2020–2024.xlsx"
                #expect(disposition.contains("filename*=UTF-8''" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")))
                #expect(disposition.contains("filename=\"opora-export.xlsx\""))
                let rows = try XLSXReader.firstSheetRows(Data(buffer: res.body))
                #expect(rows.count == 10)
                #expect(rows[1].contains("ШНОР 2022"))
                #expect(rows.last == Self.expectedTotals)
                let sosh14 = try #require(rows.first { $0.count > 1 && $0[1] == "МБОУ СОШ № 14" })
                #expect(Array(sosh14[2...]) == ["Да", "", "Да", "", "", "2", "Хроническая", "Да"])
            }
        }

        @Test func csvExportInBothEncodings() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                let utf8 = try await b.get("/authorities/\(yurga)/dynamics.csv?from=2020&to=2024")
                let data = Data(buffer: utf8.body)
                #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
                #expect(CSV.read(data).rows.last == Self.expectedTotals)
                let cp = try await b.get("/authorities/\(yurga)/dynamics.csv?from=2020&to=2024&encoding=windows-1251")
                #expect(cp.headers.first(name: .contentType) == "text/csv; charset=windows-1251")
                let parsed = CSV.read(Data(buffer: cp.body))
                #expect(parsed.encoding == .windows1251)
                #expect(parsed.rows.last == Self.expectedTotals)
                #expect(parsed.rows.contains { $0.contains("Мерцающая") })
            }
        }

        @Test func ruleChangeIsPerAuthorityAndAudited() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                #expect(try await b.post("/authorities/\(yurga)/settings", ["windowYears": "5", "chronicMinTimes": "3"]).status == .seeOther)
                let page = try await b.get("/authorities/\(yurga)/dynamics?from=2020&to=2024")
                #expect(!page.body.string.contains(">Хроническая<"))
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Изменено правило вида ШНОР").count() == 1)
                let nsk = try #require(try await Authority.query(on: app.db).filter(\.$code == "novosibirsk").first())
                #expect(nsk.chronicMinTimes == 2)
                #expect(try await b.post("/authorities/\(yurga)/settings", ["windowYears": "0", "chronicMinTimes": "3"]).status == .badRequest)
            }
        }
    }
}
