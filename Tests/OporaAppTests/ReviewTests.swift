import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Review {
        func schoolRoadmap(_ app: Application, _ coordinator: Browser) async throws -> Int {
            let yurga = try await app.authorityID("yurga")
            let s14 = try await app.schoolID("МБОУ СОШ № 14")
            try await coordinator.get("/authorities/\(yurga)/roadmaps")
            let created = try await coordinator.post("/authorities/\(yurga)/roadmaps", ["title": "ШДК СОШ № 14", "period": "2025-2026", "schoolID": "\(s14)"])
            let location = try #require(created.headers.first(name: .location))
            let rid = try #require(Int(location.split(separator: "/").last ?? ""))
            let section = try #require(try await RoadmapSection.query(on: app.db).filter(\.$roadmap.$id == rid).first())
            try await coordinator.get("/roadmaps/\(rid)")
            try await coordinator.post("/roadmaps/\(rid)/measures", ["sectionID": "\(try section.requireID())", "number": "1", "name": "Группы поддержки по математике", "deadline": "по итогам четверти", "responsible": "Заместитель директора"])
            return rid
        }

        @Test func submitCommentRequestChangesAgreeInterviewApprovePublish() async throws {
            try await withOpora { app in
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                let rid = try await schoolRoadmap(app, coordinator)
                let measure = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == rid).first())
                let head = Browser(app)
                try await head.login("yurga.school14")
                try await head.get("/roadmaps/\(rid)")
                #expect(try await head.post("/roadmaps/\(rid)/submit").status == .seeOther)
                #expect(try await head.post("/roadmaps/\(rid)/submit").status == .conflict)
                let submission = try #require(try await RoadmapSubmission.query(on: app.db).filter(\.$roadmap.$id == rid).first())
                #expect(submission.snapshot.contains("Группы поддержки по математике"))

                let curator = Browser(app)
                try await curator.login("yurga.curator")
                try await curator.get("/roadmaps/\(rid)")
                #expect(try await curator.post("/roadmaps/\(rid)/comments", ["text": "Укажите, какие классы", "measureID": "\(try measure.requireID())"]).status == .seeOther)
                // The school sees the new comment on its start page, and it is marked seen once the roadmap is opened.
                #expect(try await head.get("/").body.string.contains("Укажите, какие классы"))
                let page = try await head.get("/roadmaps/\(rid)")
                #expect(page.body.string.contains("к мероприятию № 1"))
                #expect(try await head.get("/").body.string.contains("Укажите, какие классы") == false)
                let comment = try #require(try await RoadmapComment.query(on: app.db).filter(\.$roadmap.$id == rid).first())
                #expect(try await head.post("/roadmaps/\(rid)/comments", ["text": "5–7 классы", "parentID": "\(try comment.requireID())"]).status == .seeOther)
                let reply = try #require(try await RoadmapComment.query(on: app.db).filter(\.$parent.$id == comment.id).first())
                #expect(reply.fromSchool)
                #expect(reply.$measure.id == measure.id)
                #expect(try await curator.get("/").body.string.contains("5–7 классы"))

                #expect(try await curator.post("/roadmaps/\(rid)/decision", ["decision": "changes"]).status == .badRequest)
                #expect(try await curator.post("/roadmaps/\(rid)/decision", ["decision": "changes", "comment": "добавить работу с родителями"]).status == .seeOther)
                #expect(try await Roadmap.find(rid, on: app.db)?.reviewStage == .changesRequested)
                #expect(try await head.post("/roadmaps/\(rid)/submit").status == .seeOther)
                #expect(try await RoadmapSubmission.query(on: app.db).filter(\.$roadmap.$id == rid).count() == 2)
                #expect(try await curator.post("/roadmaps/\(rid)/interviews", ["heldOn": "2025-09-10", "participants": "Чупина Л.С., директор СОШ № 14", "protocolText": "Дорожная карта обсуждена"]).status == .seeOther)
                #expect(try await curator.post("/roadmaps/\(rid)/decision", ["decision": "agree"]).status == .seeOther)
                #expect(try await head.post("/roadmaps/\(rid)/approve", ["orderNumber": "1", "orderDate": "2025-09-15", "signatory": "Директор"]).status == .forbidden)
                // The approval form is offered to the authority only.
                #expect(!(try await head.get("/roadmaps/\(rid)")).body.string.contains("Утвердить приказом"))
                #expect(try await coordinator.get("/roadmaps/\(rid)").body.string.contains("Утвердить приказом"))
                #expect(try await coordinator.post("/roadmaps/\(rid)/approve", ["orderNumber": "77", "orderDate": "2025-09-15", "signatory": "К.К. Булатова"]).status == .seeOther)
                #expect(try await head.post("/roadmaps/\(rid)/site", ["url": "https://school14.example/shnor", "publishedOn": "2025-09-17"]).status == .seeOther)
                let r = try #require(try await Roadmap.find(rid, on: app.db))
                #expect(r.status == .approved)
                #expect(r.siteURL == "https://school14.example/shnor")
                // Approved by the authority's order, it is amended by the authority's order only: the
                // school cannot quote an «order» of its own, and sees no form for it.
                let mid = try measure.requireID()
                let section = try #require(try await RoadmapSection.query(on: app.db).filter(\.$roadmap.$id == rid).first()).requireID()
                let amendment = ["amendmentNumber": "5", "amendmentDate": "2025-10-01", "amendmentDescription": "срок"]
                let fields = ["number": "1", "name": "Группы поддержки по математике", "deadline": "ежемесячно", "responsible": "Директор"]
                #expect(try await head.post("/measures/\(mid)/edit", fields.merging(amendment) { a, _ in a }).status == .forbidden)
                #expect(try await head.post("/roadmaps/\(rid)/measures", fields.merging(amendment) { a, _ in a }.merging(["sectionID": "\(section)"]) { a, _ in a }).status == .forbidden)
                #expect(!(try await head.get("/roadmaps/\(rid)")).body.string.contains("amendmentNumber"))
                #expect(try await coordinator.post("/measures/\(mid)/edit", fields.merging(amendment) { a, _ in a }).status == .seeOther)
                // A closed roadmap takes no change from anyone.
                #expect(try await coordinator.post("/roadmaps/\(rid)/close", ["confirmed": "1"]).status == .seeOther)
                let refused = try await coordinator.post("/measures/\(mid)/edit", fields.merging(amendment) { a, _ in a })
                #expect(refused.status == .conflict && refused.body.string.contains("Дорожная карта закрыта"))
                #expect(try await coordinator.post("/roadmaps/\(rid)/measures", fields.merging(amendment) { a, _ in a }.merging(["sectionID": "\(section)"]) { a, _ in a }).status == .conflict)
                // Another school's user cannot read it or comment.
                let other = Browser(app)
                try await other.login("novosibirsk")
                #expect(try await other.get("/roadmaps/\(rid)").status == .notFound)
                #expect(try await other.post("/roadmaps/\(rid)/comments", ["text": "x"]).status == .notFound)
            }
        }

        @Test func coordinatorSeesLateSchools() async throws {
            try await withOpora { app in
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                let yurga = try await app.authorityID("yurga")
                try await coordinator.get("/authorities/\(yurga)/school-roadmaps?year=2024")
                #expect(try await coordinator.post("/authorities/\(yurga)/school-roadmaps", ["year": "2024", "developBy": "2024-03-01", "publishBy": "2024-03-04"]).status == .seeOther)
                let page = try await coordinator.get("/authorities/\(yurga)/school-roadmaps?year=2024")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("МБОУ ОК № 9 г. Юрги"))
                #expect(page.body.string.contains("не разработана, срок 01.03.2024 прошёл"))
            }
        }
    }
}
