import Fluent
import Testing
import VaporTesting
@testable import OporaApp

/// Route by route: a foreign object answers 404 (or 403 for a change the user may not make)
/// and its name never appears in the response.
extension AppTests {
    @Suite struct Scope {
        @Test func schoolHeadSeesOnlyItsSchool() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga.school14")
                let own = try await app.schoolID("МБОУ СОШ № 14")
                let foreign = try await app.schoolID("МБОУ СОШ № 1")
                let nskSchool = try await app.schoolID("МАОУ СОШ № 20")
                let yurga = try await app.authorityID("yurga")
                #expect(try await b.get("/schools/\(own)").status == .ok)
                for path in ["/schools/\(foreign)", "/schools/\(nskSchool)", "/authorities/\(yurga)", "/authorities/\(yurga)/schools",
                             "/authorities/\(yurga)/lists", "/authorities/\(yurga)/dynamics", "/authorities/\(yurga)/dynamics.xlsx",
                             "/authorities/\(yurga)/people", "/authorities/\(yurga)/lists/import"] {
                    let res = try await b.get(path)
                    #expect(res.status == .notFound, "\(path)")
                    #expect(!res.body.string.contains("МБОУ СОШ № 1<"), "\(path) leaks a foreign school")
                }
                let home = try await b.get("/")
                #expect(home.body.string.contains("МБОУ СОШ № 14"))
                // The kind by the municipality's rule, as the school's card says (issue 14), not «впервые».
                #expect(home.body.string.contains("Хроническая"))
                #expect(!home.body.string.contains("впервые"))
                #expect(!home.body.string.contains("МБОУ СОШ № 1<"))
                #expect(try await b.get("/audit").status == .forbidden)
            }
        }

        @Test func curatorSeesItsAssignedSchoolsOnly() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga.curator")
                #expect(try await b.get("/schools/\(try await app.schoolID("МБОУ СОШ № 1"))").status == .ok)
                #expect(try await b.get("/schools/\(try await app.schoolID("МБОУ СОШ № 14"))").status == .ok)
                let unassigned = try await b.get("/schools/\(try await app.schoolID("МБОУ СОШ № 6 г. Юрги"))")
                #expect(unassigned.status == .notFound)
                #expect(!unassigned.body.string.contains("№ 6"))
                #expect(try await b.get("/authorities/\(try await app.authorityID("novosibirsk"))/schools").status == .notFound)
                let home = try await b.get("/")
                #expect(home.body.string.contains("МБОУ СОШ № 1<"))
                #expect(!home.body.string.contains("СОШ № 6"))
            }
        }

        @Test func coordinatorIsConfinedToItsMunicipality() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let nsk = try await app.authorityID("novosibirsk")
                let nskSchool = try await app.schoolID("МАОУ СОШ № 20")
                for path in ["/authorities/\(nsk)", "/authorities/\(nsk)/schools", "/authorities/\(nsk)/lists?year=2024", "/authorities/\(nsk)/dynamics",
                             "/authorities/\(nsk)/dynamics.csv", "/authorities/\(nsk)/dynamics.xlsx", "/authorities/\(nsk)/people",
                             "/authorities/\(nsk)/lists/import", "/schools/\(nskSchool)"] {
                    let res = try await b.get(path)
                    #expect(res.status == .notFound, "\(path)")
                    #expect(!res.body.string.contains("СОШ № 20"), "\(path) leaks")
                }
                let nskList = try #require(try await SchoolList.query(on: app.db).filter(\.$authority.$id == nsk).first())
                let nskEntry = try #require(try await ListEntry.query(on: app.db).filter(\.$list.$id == nskList.requireID()).first())
                let before = try await ListEntry.query(on: app.db).count()
                #expect(try await b.post("/lists/\(try nskList.requireID())/entries", ["schoolID": "\(nskSchool)"]).status == .notFound)
                #expect(try await b.post("/entries/\(try nskEntry.requireID())/delete").status == .notFound)
                #expect(try await b.post("/entries/\(try nskEntry.requireID())/edit", ["basis": "x"]).status == .notFound)
                #expect(try await b.post("/authorities/\(nsk)/lists", ["year": "2025", "status": "lowResults"]).status == .notFound)
                #expect(try await b.post("/authorities/\(nsk)/settings", ["windowYears": "3", "chronicMinTimes": "2"]).status == .notFound)
                #expect(try await ListEntry.query(on: app.db).count() == before)
                // The municipality list shows only the coordinator's own.
                let list = try await b.get("/authorities")
                #expect(list.body.string.contains("Юргинский"))
                #expect(!list.body.string.contains("Новосибирск"))
            }
        }

        @Test func observerReadsEverythingAndChangesNothing() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("observer")
                let yurga = try await app.authorityID("yurga")
                for code in ["sochi", "puchezh", "novosibirsk", "yurga", "slavyansk"] {
                    let id = try await app.authorityID(code)
                    #expect(try await b.get("/authorities/\(id)").status == .ok, "\(code)")
                    #expect(try await b.get("/authorities/\(id)/dynamics").status == .ok, "\(code)")
                }
                #expect(try await b.get("/schools/\(try await app.schoolID("МБОУ СОШ № 1"))").status == .ok)
                #expect(try await b.post("/authorities/\(yurga)/lists", ["year": "2025", "status": "lowResults"]).status == .forbidden)
                let entry = try #require(try await ListEntry.query(on: app.db).first())
                #expect(try await b.post("/entries/\(try entry.requireID())/delete").status == .forbidden)
                #expect(try await b.get("/authorities/\(yurga)/lists/import").status == .forbidden)
                #expect(try await ListEntry.find(entry.id, on: app.db) != nil)
                #expect(try await b.get("/audit").status == .ok)
            }
        }

        @Test func methodologistReadsButDoesNotKeepLists() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga.methodist")
                let yurga = try await app.authorityID("yurga")
                #expect(try await b.get("/authorities/\(yurga)/lists").status == .ok)
                #expect(try await b.post("/authorities/\(yurga)/lists", ["year": "2025", "status": "lowResults"]).status == .forbidden)
            }
        }
    }
}
