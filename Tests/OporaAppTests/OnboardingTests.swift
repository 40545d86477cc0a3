import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// A real region from an empty database: setup, the registry file, coordinators, heads.
    @Suite struct Onboarding {
        static let adminPassword = "Kedr-Sosna-2026!"

        /// The region and its administrator, signed in with a password of its own.
        func setUp(_ app: Application) async throws -> Browser {
            let oneTime = try await SetupService(db: app.db, credentials: app.credentials).run(region: "Тестовая область", adminLogin: "admin", adminName: "Администратор")
            let admin = Browser(app)
            try await admin.firstLogin("admin", oneTime: oneTime, newPassword: Self.adminPassword)
            return admin
        }

        func registryFile(schools: Int = 700, municipalities: Int = 70) -> Data {
            CSV.write(RegistryGenerator(schools: schools, municipalities: municipalities).rows(.rich), encoding: .windows1251)
        }

        @Test func fromAnEmptyDatabaseToASchoolHeadWhoSeesOnlyItsSchool() async throws {
            try await withOpora(demo: false) { app in
                let login = try await Browser(app).get("/login")
                #expect(login.body.string.contains("Система ещё не настроена"))
                let admin = try await setUp(app)
                #expect(try await admin.get("/login").headers.first(name: .location) == "/")

                // The registry: preview first, nothing written until applied.
                try await admin.get("/registry/import")
                let upload = try await admin.upload("/registry/import", fields: ["createMunicipalities": "on"], fileName: "реестр.csv", file: registryFile())
                #expect(upload.status == .seeOther)
                let draft = try #require(upload.headers.first(name: .location))
                let preview = try await admin.get(draft)
                #expect(preview.status == .ok)
                #expect(preview.body.string.contains("<span class=\"figure\">70</span><span class=\"label\">новых муниципалитетов</span>"))
                #expect(preview.body.string.contains("<span class=\"figure\">700</span><span class=\"label\">новых школ</span>"))
                #expect(try await School.query(on: app.db).count() == 0)
                let applied = try await admin.post(draft + "/apply")
                #expect(applied.status == .ok)
                #expect(applied.body.string.contains("муниципалитетов создано: 70; школ создано: 700, изменено: 0, без изменений: 0"))
                #expect(try await Authority.query(on: app.db).count() == 70)
                #expect(try await School.query(on: app.db).count() == 700)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Школа добавлена в реестр").count() == 700)
                let school = try #require(try await School.query(on: app.db).filter(\.$fisLogin == "edu100002").first())
                #expect(school.inn?.count == 10)
                #expect(school.fullName.hasPrefix("Муниципальное бюджетное общеобразовательное учреждение"))

                // The same file again changes nothing.
                let again = try await admin.upload("/registry/import", fields: ["createMunicipalities": "on"], fileName: "реестр.csv", file: registryFile())
                let second = try await admin.get(try #require(again.headers.first(name: .location)))
                #expect(second.body.string.contains("Файл ничего не меняет"))
                #expect(!second.body.string.contains("Применить"))

                // A coordinator for the largest municipality, with a one-time password shown once.
                let authority = try #require(try await Authority.query(on: app.db).filter(\.$code == "belogorskiy-munitsipalnyy-rayon").first())
                let aid = try authority.requireID()
                try await admin.get("/accounts")
                let created = try await admin.post("/accounts", ["role": "coordinator", "authorityID": "\(aid)", "login": "belogorsk", "fullName": "Смирнова Ольга Петровна",
                                                                "position": "главный специалист"])
                #expect(created.status == .ok)
                let coordinatorOneTime = try #require(Browser.issuedPassword(created.body.string))
                let stored = try #require(try await User.query(on: app.db).filter(\.$login == "belogorsk").first())
                #expect(stored.passwordHash != coordinatorOneTime && stored.mustChangePassword)

                let coordinator = Browser(app)
                try await coordinator.firstLogin("belogorsk", oneTime: coordinatorOneTime, newPassword: "Belogorsk-2026-ok")
                try await coordinator.get("/authorities/\(aid)/people")
                let heads = try await coordinator.post("/authorities/\(aid)/people/school-heads")
                #expect(heads.status == .ok)
                #expect(heads.headers.first(name: .cacheControl) == "no-store")
                let rows = try XLSXReader.firstSheetRows(Data(buffer: heads.body))
                let schoolsHere = try await School.query(on: app.db).filter(\.$authority.$id == aid).count()
                #expect(rows.count == 3 + schoolsHere)
                let first = rows[3]
                #expect(first[3] == first[2]) // the head's login is the school's ФИС ОКО login
                let headLogin = first[3], headOneTime = first[4]
                #expect(headOneTime.count == 14)
                // Never stored in clear.
                #expect(try await User.query(on: app.db).filter(\.$passwordHash == headOneTime).count() == 0)
                // Asked again: no new accounts, no passwords.
                let repeated = try XLSXReader.firstSheetRows(Data(buffer: try await coordinator.post("/authorities/\(aid)/people/school-heads").body))
                #expect(repeated.dropFirst(3).allSatisfy { $0.count < 5 || $0[4].isEmpty })

                // The head: must change the password, then sees its school only.
                let head = Browser(app)
                try await head.firstLogin(headLogin, oneTime: headOneTime, newPassword: "Shkola-Nasha-2026")
                let headSchool = try #require(try await School.query(on: app.db).filter(\.$fisLogin == headLogin).first())
                let home = try await head.get("/")
                #expect(home.status == .ok)
                #expect(home.body.string.contains(headSchool.shortName))
                #expect(try await head.get("/schools/\(try headSchool.requireID())").status == .ok)
                let other = try #require(try await School.query(on: app.db).filter(\.$id != headSchool.requireID()).first())
                #expect(try await head.get("/schools/\(try other.requireID())").status == .notFound)
                #expect(try await head.get("/authorities/\(aid)/people").status == .notFound)
                #expect(try await head.post("/authorities/\(aid)/people/users", ["login": "x.y.z", "fullName": "X", "role": "schoolStaff"]).status == .notFound)
            }
        }

        @Test func setupRefusesWhenTheRegionExists() async throws {
            try await withOpora(demo: false) { app in
                _ = try await SetupService(db: app.db, credentials: app.credentials).run(region: "Тестовая область", adminLogin: "admin", adminName: nil)
                await #expect(throws: CommandFailure.self) {
                    try await SetupService(db: app.db, credentials: app.credentials).run(region: "Другая", adminLogin: "admin2", adminName: nil)
                }
                #expect(try await Region.query(on: app.db).count() == 1)
            }
        }

        @Test func aBadRegistryFileNamesRowAndColumnAndChangesNothing() async throws {
            try await withOpora(demo: false) { app in
                let admin = try await setUp(app)
                try await admin.get("/registry/import")
                var rows = RegistryGenerator(schools: 30, municipalities: 3).rows(.fis)
                rows[10][0] = rows[4][0] // a login repeated
                rows[12][2] = "" // no municipality
                let upload = try await admin.upload("/registry/import", fields: ["createMunicipalities": "on"], fileName: "логины.csv", file: CSV.write(rows))
                let preview = try await admin.get(try #require(upload.headers.first(name: .location)))
                #expect(preview.status == .unprocessableEntity)
                let html = preview.body.string
                #expect(html.contains("Файл «логины.csv», строка 11, столбец «логин»: логин «\(rows[4][0])» уже указан в строке 5."))
                #expect(html.contains("Файл «логины.csv», строка 13, столбец «регион/муниципалитет»: не указан муниципалитет."))
                #expect(!html.contains("Применить"))
                let apply = try await admin.post(try #require(upload.headers.first(name: .location)) + "/apply")
                #expect(apply.status == .unprocessableEntity)
                #expect(try await School.query(on: app.db).count() == 0)
                #expect(try await Authority.query(on: app.db).count() == 0)
            }
        }

        @Test func passwordRuleIsEnforcedOnChange() async throws {
            try await withOpora(demo: false) { app in
                let oneTime = try await SetupService(db: app.db, credentials: app.credentials).run(region: "Р", adminLogin: "admin", adminName: nil)
                let b = Browser(app)
                try await b.login("admin", oneTime)
                try await b.get("/profile/password")
                for (bad, message) in [("short", "не короче 10"), ("1234567890", "последовательностью"), ("admin", "не короче"), ("aaaaaaaaaaaa", "одного повторённого")] {
                    let res = try await b.post("/profile/password", ["current": oneTime, "new": bad, "repeated": bad])
                    #expect(res.status == .badRequest)
                    #expect(res.body.string.contains(message))
                }
                #expect(try await b.post("/profile/password", ["current": "wrong-one", "new": "Good-Pass-2026", "repeated": "Good-Pass-2026"]).body.string.contains("Текущий пароль указан неверно"))
                #expect(try await b.get("/").status == .seeOther)
            }
        }
    }
}
