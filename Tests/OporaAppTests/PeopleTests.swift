import Fluent
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct People {
        @Test func groupsOfOrder003AreShown() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let page = try await b.get("/authorities/\(try await app.authorityID("yurga"))/people")
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains("Муниципальная рабочая группа"))
                #expect(html.contains("Муниципальная мобильная группа"))
                #expect(html.contains("Булатова Ксения Константиновна"))
                #expect(html.contains("Бобрышева Любовь Владимировна"))
                #expect(html.contains("по согласованию"))
                #expect(html.contains("Чупина Любовь Сергеевна"))
                let working = try #require(try await StandingGroup.query(on: app.db).filter(\.$kind == .working).with(\.$members).first())
                #expect(working.members.count == 5)
                let mobile = try #require(try await StandingGroup.query(on: app.db).filter(\.$kind == .mobile).with(\.$members).first())
                #expect(mobile.members.count == 6)
            }
        }

        @Test func coordinatorCreatesUsersAndAssignsCurators() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                try await b.get("/authorities/\(yurga)/people")
                let created = try await b.post("/authorities/\(yurga)/people/users", ["login": "new.curator", "fullName": "Иванова Анна Петровна",
                                                                                        "position": "Методист", "role": "curator", "schoolID": ""])
                #expect(created.status == .ok)
                let oneTime = try #require(Browser.issuedPassword(created.body.string))
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "new.curator").first())
                #expect(user.passwordHash != oneTime)
                #expect(user.mustChangePassword)
                let school = try await app.schoolID("МБОУ СОШ № 8 г. Юрги")
                #expect(try await b.post("/authorities/\(yurga)/people/curators", ["userID": "\(try user.requireID())", "schoolID": "\(school)", "orderNumber": "882", "orderDate": "2024-12-23"]).status == .seeOther)
                let curator = Browser(app)
                try await curator.firstLogin("new.curator", oneTime: oneTime, newPassword: "long-password-26")
                #expect(try await curator.get("/schools/\(school)").status == .ok)
                #expect(try await curator.get("/schools/\(try await app.schoolID("МБОУ СОШ № 1"))").status == .notFound)
                #expect(try await b.post("/authorities/\(yurga)/people/users", ["login": "x", "fullName": "X", "position": "Y", "role": "curator"]).status == .badRequest)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Назначен куратор").count() == 1)
            }
        }
    }
}

extension AppTests.People {
    @Test func groupMembersAreAddedAndRemovedByTheCoordinatorOnly() async throws {
        try await withOpora { app in
            let b = Browser(app)
            try await b.login("yurga")
            let yurga = try await app.authorityID("yurga")
            try await b.get("/authorities/\(yurga)/people")
            #expect(try await b.post("/authorities/\(yurga)/people/groups/mobile/members", ["fullName": "Петрова Ольга Ивановна", "position": "Учитель математики", "comment": "по согласованию"]).status == .seeOther)
            let member = try #require(try await GroupMember.query(on: app.db).filter(\.$fullName == "Петрова Ольга Ивановна").first())
            #expect(member.order == 7)
            let methodist = Browser(app)
            try await methodist.login("yurga.methodist")
            #expect(try await methodist.post("/group-members/\(try member.requireID())/delete").status == .forbidden)
            #expect(try await b.post("/group-members/\(try member.requireID())/delete", ["confirmed": "1"]).status == .seeOther)
            #expect(try await GroupMember.find(member.id, on: app.db) == nil)
            #expect(try await b.post("/authorities/\(yurga)/people/groups/unknown/members", ["fullName": "X", "position": "Y"]).status == .notFound)
        }
    }
}
