import Fluent
import Foundation
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Each upload route's own limit holds, and no other cap cuts a file below it.
    @Suite struct UploadLimits {
        @Test func aResultsFileOverTenMegabytesReachesTheCheck() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                try await b.get("/authorities/\(yurga)/results")
                // 12 MB that are not a results table: the check answers, not a size or CSRF refusal.
                let junk = Data(("Не таблица\n" + String(repeating: "строка без столбцов\n", count: 330_000)).utf8)
                #expect(junk.count > 12_000_000)
                let res = try await b.upload("/authorities/\(yurga)/results", fields: [:], fileName: "большой.csv", file: junk)
                #expect(res.status == .unprocessableEntity)
                #expect(!res.body.string.contains("Форма устарела"))
                #expect(res.body.string.contains("не найдена строка заголовка"))
            }
        }

        /// Nobody signed out can make the server read an upload: the sign-in check comes before
        /// the CSRF check that reads the body, so the answer is the login page, not «форма устарела».
        @Test func aSignedOutUploadIsSentToTheLoginPage() async throws {
            try await withOpora { app in
                let b = Browser(app)
                let yurga = try await app.authorityID("yurga")
                let res = try await b.upload("/authorities/\(yurga)/results", fields: [:], fileName: "большой.csv",
                                             file: Data(repeating: UInt8(ascii: "x"), count: 2 * 1024 * 1024))
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/login?next=") == true)
                #expect(try await ResultDraft.query(on: app.db).count() == 0)
            }
        }

        @Test func aFileOverItsRoutesLimitIsRefusedWithTheLimitNamed() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                try await b.get("/authorities/\(yurga)/lists/import")
                let res = try await b.upload("/authorities/\(yurga)/lists/import", fields: ["year": "2025"], fileName: "список.csv",
                                             file: Data(repeating: UInt8(ascii: "x"), count: 11 * 1024 * 1024))
                #expect(res.status == .payloadTooLarge)
                #expect(res.body.string.contains("Файл слишком большой: не более 10 МБ."))
            }
        }
    }
}
