import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// The bank of practices: drafted by a school, published by the municipality, found in the open catalogue.
    @Suite struct Practices {
        @Test func draftedBySchoolPublishedByMunicipalityFoundByAnyone() async throws {
            try await withOpora { app in
                let school14 = try await app.schoolID("МБОУ СОШ № 14")
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                try await curator.get("/schools/\(school14)/support")
                let created = try await curator.post("/schools/\(school14)/practices", ["title": "Клуб «Математика вокруг нас»", "authors": "Петрова Е.В.",
                    "factor-motivation": "on", "factor-bogus": "on", "description": "Еженедельные занятия с практическими задачами.", "links": "https://example.org/club"])
                #expect(created.status == .seeOther)
                let p = try #require(try await Practice.query(on: app.db).filter(\.$title == "Клуб «Математика вокруг нас»").first())
                let pid = try p.requireID()
                #expect(p.status == .draft)
                #expect(p.riskFactors == "motivation")
                #expect(try await curator.post("/schools/\(school14)/practices", ["title": "x", "authors": "x", "description": "x", "links": "ftp://x"]).status == .badRequest)
                // A draft is not public; the curator cannot publish.
                try await app.testing().test(.GET, "/public/practices/\(pid)") { res in #expect(res.status == .notFound) }
                #expect(try await curator.post("/practices/\(pid)/publish").status == .forbidden)
                let file = try await curator.upload("/practices/\(pid)/files", fields: [:], fileName: "программа.pdf", file: Data("%PDF-1.4 demo".utf8))
                #expect(file.status == .seeOther)
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                #expect(try await coordinator.post("/practices/\(pid)/publish").status == .seeOther)
                try await app.testing().test(.GET, "/public/practices?q=%D0%BA%D0%BB%D1%83%D0%B1&factor=motivation") { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("Клуб «Математика вокруг нас»"))
                    #expect(!res.body.string.contains("Школьная служба наставничества"))
                }
                try await app.testing().test(.GET, "/public/practices") { res in
                    #expect(res.body.string.contains("Школьная служба наставничества"))
                    #expect(!res.body.string.contains("Индивидуальные образовательные маршруты по итогам ВПР"))
                }
                let fid = try #require(try await PracticeFile.query(on: app.db).filter(\.$practice.$id == pid).first()).requireID()
                try await app.testing().test(.GET, "/public/practice-files/\(fid)") { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.contentType?.description.contains("octet-stream") == true)
                }
                // A draft of another municipality is not reachable by URL.
                let draft = try #require(try await Practice.query(on: app.db).filter(\.$status == .draft).filter(\.$title != "Клуб «Математика вокруг нас»").first())
                let slav = Browser(app)
                try await slav.login("slavyansk")
                #expect(try await slav.get("/practices/\(try draft.requireID())").status == .notFound)
                #expect(try await slav.post("/practices/\(try draft.requireID())/publish").status == .notFound)
            }
        }
    }
}
