import Fluent
import Foundation
@testable import OporaApp
import Testing
import VaporTesting

extension AppTests {
    /// Kept pages are served until anything is written, per session, never across users.
    @Suite struct PageCaching {
        @Test func aKeptPageIsServedUntilAWriteAndNeverToAnotherSession() async throws {
            try await withOpora(pageCache: true) { app in
                let yurga = try await app.authorityID("yurga")
                let b = Browser(app)
                try await b.login("yurga")
                let first = try await b.get("/authorities/\(yurga)/lists?year=2025")
                #expect(first.status == .ok && first.headers.first(name: "X-Opora-Cache") == nil)
                let second = try await b.get("/authorities/\(yurga)/lists?year=2025")
                #expect(second.headers.first(name: "X-Opora-Cache") == "hit")
                #expect(second.body.string == first.body.string)
                // Browsers that take gzip get the copy deflated when it was kept.
                let zipped = try await b.get("/authorities/\(yurga)/lists?year=2025", headers: ["Accept-Encoding": "gzip, deflate, br"])
                #expect(zipped.headers.first(name: .contentEncoding) == "gzip")
                #expect(zipped.body.readableBytes < first.body.readableBytes / 2)
                #expect(zipped.body.getBytes(at: zipped.body.readerIndex, length: 2) == [0x1f, 0x8b])
                let refused = try await b.get("/authorities/\(yurga)/lists?year=2025", headers: ["Accept-Encoding": "gzip;q=0, br"])
                #expect(refused.headers.first(name: .contentEncoding) == nil && refused.body.string == first.body.string)

                // Another user's session never gets this one's page.
                let other = Browser(app)
                try await other.login("yurga.methodist")
                let theirs = try await other.get("/authorities/\(yurga)/lists?year=2025")
                #expect(theirs.headers.first(name: "X-Opora-Cache") == nil)
                #expect(!theirs.body.string.contains(b.csrf))

                // A change through a page makes every kept page old.
                let create = try await b.post("/authorities/\(yurga)/lists", ["year": "2025", "status": "adverseConditions", "orderNumber": "77"])
                #expect(create.status == .seeOther)
                let after = try await b.get("/authorities/\(yurga)/lists?year=2025")
                #expect(after.headers.first(name: "X-Opora-Cache") == nil)
                #expect(after.body.string.contains("77"))
                #expect(try await other.get("/authorities/\(yurga)/lists?year=2025").headers.first(name: "X-Opora-Cache") == nil)
            }
        }

        @Test func aChangeMadeInsideATransactionMakesKeptPagesOld() async throws {
            try await withOpora(pageCache: true) { app in
                let yurga = try await app.authorityID("yurga")
                let b = Browser(app)
                try await b.login("yurga")
                _ = try await b.get("/authorities/\(yurga)/people")
                #expect(try await b.get("/authorities/\(yurga)/people").headers.first(name: "X-Opora-Cache") == "hit")
                // School heads' accounts are created in one transaction and come back as an XLSX.
                let heads = try await b.post("/authorities/\(yurga)/people/school-heads")
                #expect(heads.status == .ok)
                let after = try await b.get("/authorities/\(yurga)/people")
                #expect(after.headers.first(name: "X-Opora-Cache") == nil)
                #expect(after.body.string.contains("ждёт первого входа"))
            }
        }

        @Test func sessionAndThrottlingWritesDoNotCountAsDataChanges() {
            #expect(DataVersion.changesData(#"INSERT INTO "measures" ("name") VALUES ($1)"#))
            #expect(DataVersion.changesData(#"UPDATE "school_lists" SET "order_number" = ?1"#))
            #expect(DataVersion.changesData(#"DELETE FROM "list_entries" WHERE "id" = ?1"#))
            #expect(!DataVersion.changesData(#"UPDATE "_fluent_sessions" SET "data" = ?1"#))
            #expect(!DataVersion.changesData(#"INSERT INTO "login_failures" ("login") VALUES (?1)"#))
            #expect(!DataVersion.changesData(#"SELECT "id" FROM "measures""#))
        }
    }
}
