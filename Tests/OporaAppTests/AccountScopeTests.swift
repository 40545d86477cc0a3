import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Who may change the registry and the accounts, on the demo's municipalities.
    @Suite struct AccountScope {
        @Test func aCoordinatorEditsItsOwnSchoolsButNotTheRegionsFieldsOrAnotherMunicipality() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let own = try await app.schoolID("МБОУ СОШ № 14")
                let foreign = try await app.schoolID("МБОУ СОШ № 5")
                #expect(try await b.get("/schools/\(foreign)/edit").status == .notFound)
                #expect(try await b.post("/schools/\(foreign)/edit", ["address": "x"]).status == .notFound)
                try await b.get("/schools/\(own)/edit")
                #expect(try await b.post("/schools/\(own)/edit", ["fisLogin": "edu429999"]).status == .forbidden)
                #expect(try await b.post("/schools/\(own)/edit", ["inn": "7707083893"]).status == .forbidden)
                let saved = try await b.post("/schools/\(own)/edit", ["address": "652050, г. Юрга, ул. Ленина, 14", "locality": "urban", "small": "no"])
                #expect(saved.status == .seeOther)
                let school = try #require(try await School.find(own, on: app.db))
                #expect(school.address == "652050, г. Юрга, ул. Ленина, 14")
                #expect(school.locality == .urban)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Изменены сведения о школе").count() == 1)
                // Closing a school is the region's.
                #expect(try await b.post("/schools/\(own)/close", ["date": "2026-09-01", "reason": "x", "confirmed": "1"]).status == .forbidden)
            }
        }

        @Test func aCoordinatorNeverCreatesOrRaisesAnAccountAboveItsRole() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                try await b.get("/authorities/\(yurga)/people")
                for role in ["coordinator", "regionalAdmin", "regionalObserver"] {
                    #expect(try await b.post("/authorities/\(yurga)/people/users", ["login": "up.\(role.lowercased())", "fullName": "X Y", "role": role]).status == .forbidden)
                }
                let created = try await b.post("/authorities/\(yurga)/people/users", ["login": "new.curator", "fullName": "Иванова Анна Петровна", "role": "curator"])
                #expect(created.status == .ok)
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "new.curator").first())
                try await b.get("/users/\(try user.requireID())")
                #expect(try await b.post("/users/\(try user.requireID())", ["role": "coordinator", "fullName": "Иванова Анна Петровна"]).status == .forbidden)
                #expect(try await b.post("/users/\(try user.requireID())", ["role": "methodologist", "fullName": "Иванова Анна Петровна"]).status == .seeOther)
                // Another municipality's accounts do not exist for this coordinator; its own coordinator account is above it.
                let sochiCoordinator = try #require(try await User.query(on: app.db).filter(\.$login == "sochi").first())
                #expect(try await b.get("/users/\(try sochiCoordinator.requireID())").status == .notFound)
                let observer = try #require(try await User.query(on: app.db).filter(\.$login == "observer").first())
                #expect(try await b.post("/users/\(try observer.requireID())/reset-password").status == .notFound)
                // A school head creates no accounts.
                let head = Browser(app)
                try await head.login("yurga.school14")
                try await head.get("/")
                #expect(try await head.post("/authorities/\(yurga)/people/users", ["login": "x.y", "fullName": "X", "role": "schoolStaff"]).status == .notFound)
                #expect(try await head.post("/authorities/\(yurga)/people/school-heads").status == .notFound)
            }
        }

        @Test func deactivatedAccountsAndRevokedTokensGet401AtOnce() async throws {
            try await withOpora { app in
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                #expect(try await curator.get("/").status == .ok)
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "yurga.curator").first())
                let token = try await TokenIssuer.issue(for: user, name: "отчёт", on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/authorities", headers: headers).status == .ok)

                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                try await coordinator.get("/users/\(try user.requireID())")
                #expect(try await coordinator.post("/users/\(try user.requireID())/deactivate", ["confirmed": "1"]).status == .seeOther)
                // The open session ends on its next request, the token on its next call.
                let after = try await curator.get("/")
                #expect(after.status == .seeOther)
                #expect(after.headers.first(name: .location)?.hasPrefix("/login") == true)
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/authorities", headers: headers).status == .unauthorized)
                #expect(try await SessionRow.query(on: app.db).filter(\.$userID == user.requireID()).count() == 0)
                #expect(try await Browser(app).login("yurga.curator").status == .unauthorized)
                // Activated again with a one-time password: the old token stays revoked.
                let reset = try await coordinator.post("/users/\(try user.requireID())/reset-password")
                let oneTime = try #require(Browser.issuedPassword(reset.body.string))
                try await Browser(app).firstLogin("yurga.curator", oneTime: oneTime, newPassword: "Kurator-Yurga-26")
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/authorities", headers: headers).status == .unauthorized)
            }
        }

        /// A reset is often because the password leaked: the account's tokens stop with its sessions.
        /// From the command line (no actor) the log says so.
        @Test func aResetRevokesTheAccountsTokensAndTheLogNamesTheCommandLine() async throws {
            try await withOpora { app in
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "yurga.curator").first())
                let token = try await TokenIssuer.issue(for: user, name: "отчёт", on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/authorities", headers: headers).status == .ok)
                _ = try await AccountService(db: app.db, credentials: app.credentials).resetPassword(user, by: nil)
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/authorities", headers: headers).status == .unauthorized)
                let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "Пароль сброшен").first())
                #expect(entry.userLogin == "командная строка")
                #expect(entry.after?.contains("токены API отозваны") == true)
            }
        }

        @Test func aRevokedTokenIsListedAndAnswers401() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                try await b.get("/profile")
                let page = try await b.post("/profile/tokens", ["name": "выгрузка"])
                let text = page.body.string
                let token = try #require(text.range(of: "opora_").map { String(text[$0.lowerBound...].prefix(6 + 48)) })
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/authorities", headers: headers).status == .ok)
                let record = try #require(try await APIToken.query(on: app.db).filter(\.$name == "выгрузка").first())
                #expect(try await b.post("/profile/tokens/\(try record.requireID())/revoke").status == .seeOther)
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/authorities", headers: headers).status == .unauthorized)
                #expect(try await b.get("/profile").body.string.contains("отозван"))
                // Someone else's token cannot be revoked from another profile.
                let other = Browser(app)
                try await other.login("sochi")
                try await other.get("/profile")
                #expect(try await other.post("/profile/tokens/\(try record.requireID())/revoke").status == .notFound)
            }
        }

        @Test func registryAPIForTheRegionsAdministrator() async throws {
            try await withOpora { app in
                func token(_ login: String) async throws -> String {
                    try await TokenIssuer.issue(for: try #require(try await User.query(on: app.db).filter(\.$login == login).first()), name: "t", on: app.db)
                }
                func send(_ method: HTTPMethod, _ path: String, _ token: String, _ json: String? = nil) async throws -> TestingHTTPResponse {
                    var h = HTTPHeaders()
                    h.bearerAuthorization = BearerAuthorization(token: token)
                    if json != nil { h.contentType = .json }
                    return try await app.testing().sendRequest(method, path, headers: h, body: json.map { ByteBuffer(string: $0) })
                }
                let admin = try await token("region")
                let region = try #require(try await Region.query(on: app.db).filter(\.$name == "Кемеровская область – Кузбасс").first()?.id)
                let created = try await send(.POST, "/api/v1/authorities", admin, #"{"regionId": \#(region), "municipality": "Новый муниципальный округ", "code": "novyy"}"#)
                #expect(created.status == .created)
                let authority = try JSONDecoder().decode(AuthorityDTO.self, from: Data(buffer: created.body))
                #expect(authority.code == "novyy")
                let school = try await send(.POST, "/api/v1/authorities/\(authority.id)/schools", admin,
                                            #"{"shortName": "МБОУ СОШ № 1", "fisLogin": "EDU420777", "inn": "7707083893", "locality": "rural", "small": true}"#)
                #expect(school.status == .created)
                let dto = try JSONDecoder().decode(SchoolDTO.self, from: Data(buffer: school.body))
                #expect(dto.fisLogin == "edu420777" && dto.kind == .sosh && dto.number == 1 && dto.small && dto.locality == .rural)
                let patched = try await send(.PATCH, "/api/v1/schools/\(dto.id)", admin, #"{"address": "с. Новое, ул. Школьная, 1"}"#)
                #expect(patched.status == .ok)
                #expect(try JSONDecoder().decode(SchoolDTO.self, from: Data(buffer: patched.body)).address == "с. Новое, ул. Школьная, 1")
                #expect(try await send(.POST, "/api/v1/authorities/\(authority.id)/schools", admin, #"{"shortName": "МБОУ СОШ № 2", "fisLogin": "edu420777"}"#).status == .conflict)
                #expect(try await send(.POST, "/api/v1/authorities/\(authority.id)/schools", admin, #"{"shortName": "МБОУ СОШ № 3", "inn": "7707083894"}"#).status == .badRequest)
                let closed = try await send(.PATCH, "/api/v1/schools/\(dto.id)", admin, #"{"status": "closed", "closedOn": "2026-08-31", "closedReason": "ликвидирована"}"#)
                #expect(try JSONDecoder().decode(SchoolDTO.self, from: Data(buffer: closed.body)).status == .closed)

                let coordinator = try await token("yurga")
                #expect(try await send(.POST, "/api/v1/authorities", coordinator, #"{"municipality": "X"}"#).status == .forbidden)
                let own = try await app.schoolID("МБОУ СОШ № 14")
                #expect(try await send(.PATCH, "/api/v1/schools/\(own)", coordinator, #"{"fisLogin": "edu420999"}"#).status == .forbidden)
                #expect(try await send(.PATCH, "/api/v1/schools/\(own)", coordinator, #"{"headName": "Петрова Анна Ивановна"}"#).status == .ok)
                #expect(try await send(.PATCH, "/api/v1/schools/\(dto.id)", coordinator, #"{"headName": "X"}"#).status == .notFound)
                let head = try await token("yurga.school14")
                #expect(try await send(.PATCH, "/api/v1/schools/\(own)", head, #"{"headName": "X"}"#).status == .forbidden)
            }
        }
    }

    /// Edits by hand that used to slip: a cleared value left no trace in the log, a given code was
    /// stored unchecked, half of an API request stayed when its other half was refused, and the
    /// «add a school» form replaced what the name says with its defaults.
    @Suite struct RegistryEdits {
        @Test func aClearedValueIsLogged() async throws {
            try await withOpora { app in
                let admin = Browser(app)
                try await admin.login("region")
                let sid = try await app.schoolID("МБОУ СОШ № 14")
                try await admin.get("/schools/\(sid)/edit")
                #expect(try await admin.post("/schools/\(sid)/edit", ["address": "г. Юрга, ул. Школьная, 14"]).status == .seeOther)
                #expect(try await admin.post("/schools/\(sid)/edit", ["address": ""]).status == .seeOther)
                #expect(try await School.find(sid, on: app.db)?.address == nil)
                let entries = try await AuditEntry.query(on: app.db).filter(\.$action == "Изменены сведения о школе").filter(\.$entityID == sid).sort(\.$id).all()
                #expect(entries.last?.before == "Адрес: г. Юрга, ул. Школьная, 14")
                #expect(entries.last?.after == "Адрес: —")
            }
        }

        @Test func aMunicipalitysCodeIsCheckedWhenItIsCreated() async throws {
            try await withOpora { app in
                let admin = try await TokenIssuer.issue(for: try #require(try await User.query(on: app.db).filter(\.$login == "region").first()), name: "t", on: app.db)
                var h = HTTPHeaders()
                h.bearerAuthorization = BearerAuthorization(token: admin)
                h.contentType = .json
                func create(_ json: String) async throws -> TestingHTTPResponse {
                    try await app.testing().sendRequest(.POST, "/api/v1/authorities", headers: h, body: ByteBuffer(string: json))
                }
                let region = try #require(try await Region.query(on: app.db).filter(\.$name == "Кемеровская область – Кузбасс").first()?.id)
                #expect(try await create(#"{"regionId": \#(region), "municipality": "Новый округ", "code": "yurga"}"#).status == .conflict)
                #expect(try await create(#"{"regionId": \#(region), "municipality": "Новый округ", "code": "Новый код!"}"#).status == .badRequest)
                #expect(try await Authority.query(on: app.db).filter(\.$municipality == "Новый округ").count() == 0)
            }
        }

        @Test func aRefusedStatusChangeKeepsTheRestOfTheRequestUnsaved() async throws {
            try await withOpora { app in
                let coordinator = try await TokenIssuer.issue(for: try #require(try await User.query(on: app.db).filter(\.$login == "yurga").first()), name: "t", on: app.db)
                var h = HTTPHeaders()
                h.bearerAuthorization = BearerAuthorization(token: coordinator)
                h.contentType = .json
                let sid = try await app.schoolID("МБОУ СОШ № 14")
                let res = try await app.testing().sendRequest(.PATCH, "/api/v1/schools/\(sid)", headers: h,
                    body: ByteBuffer(string: #"{"headName": "Новый Руководитель", "status": "closed", "closedOn": "2026-08-31", "closedReason": "ликвидирована"}"#))
                #expect(res.status == .forbidden)
                let school = try #require(try await School.find(sid, on: app.db))
                #expect(school.headName != "Новый Руководитель")
                #expect(school.isActive)
            }
        }

        @Test func aNewSchoolsKindLegalFormAndNumberComeFromItsName() async throws {
            try await withOpora { app in
                let admin = Browser(app)
                try await admin.login("region")
                let yurga = try await app.authorityID("yurga")
                let page = try await admin.get("/authorities/\(yurga)/schools")
                #expect(page.body.string.contains("по наименованию"))
                let res = try await admin.post("/authorities/\(yurga)/schools", ["shortName": "МБОУ Лицей № 7", "fullName": "", "kind": "", "legalForm": "", "number": ""])
                #expect(res.status == .seeOther)
                let school = try #require(try await School.query(on: app.db).filter(\.$shortName == "МБОУ Лицей № 7").first())
                #expect(school.kind == .lyceum && school.legalForm == "МБОУ" && school.number == 7)
            }
        }
    }

    /// Closed and reorganised schools, and the turn of a school year.
    @Suite struct RegistryLife {
        @Test func aClosedSchoolJoinsNoLaterListButStaysInPastOnes() async throws {
            try await withOpora { app in
                let admin = Browser(app)
                try await admin.login("region")
                let school = try await app.schoolID("МБОУ СОШ № 14")
                try await admin.get("/schools/\(school)/edit")
                #expect(try await admin.post("/schools/\(school)/close", ["date": "2024-08-31", "reason": "ликвидирована", "confirmed": "1"]).status == .seeOther)
                let yurga = try await app.authorityID("yurga")
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                // Past lists keep it.
                #expect(try await coordinator.get("/authorities/\(yurga)/lists?year=2022").body.string.contains("МБОУ СОШ № 14"))
                let file = CSV.write([["Школа", "Основание"], ["СОШ № 1", "ВПР"], ["школа 14", "ВПР"]])
                try await coordinator.get("/authorities/\(yurga)/lists/import")
                let upload = try await coordinator.upload("/authorities/\(yurga)/lists/import", fields: ["year": "2025"], fileName: "список.csv", file: file)
                let preview = try await coordinator.get(try #require(upload.headers.first(name: .location)))
                #expect(preview.body.string.contains("Файл «список.csv», строка 3, столбец «Школа»: школа «МБОУ СОШ № 14» закрыта 31.08.2024 (ликвидирована): в список 2025 года её включить нельзя."))
                let list = SchoolList(authorityID: yurga, year: 2025, status: .lowResults)
                try await list.create(on: app.db)
                try await coordinator.get("/authorities/\(yurga)/lists?year=2025")
                #expect(try await coordinator.post("/lists/\(try list.requireID())/entries", ["schoolID": "\(school)"]).status == .badRequest)
            }
        }

        @Test func aMergedSchoolsHistoryCountsForItsSuccessor() async throws {
            try await withOpora { app in
                let admin = Browser(app)
                try await admin.login("region")
                let merged = try await app.schoolID("МБОУ СОШ № 14")
                let successor = try await app.schoolID("МБОУ СОШ № 1")
                let yurgaID = try await app.authorityID("yurga")
                let cardBefore = try await ResultsService(db: app.db).diagnosticCard(schoolID: successor, authorityID: yurgaID)
                let mergedCard = try await ResultsService(db: app.db).diagnosticCard(schoolID: merged, authorityID: yurgaID)
                #expect(!cardBefore.isEmpty)
                try await admin.get("/schools/\(merged)/edit")
                #expect(try await admin.post("/schools/\(merged)/merge", ["into": "\(successor)", "date": "2024-09-01"]).status == .seeOther)
                let page = try await admin.get("/schools/\(successor)").body.string
                #expect(page.contains("как МБОУ СОШ № 14"))
                let yurga = try #require(try await Authority.query(on: app.db).filter(\.$code == "yurga").first())
                let records = try await ListQueries(db: app.db).records(authorityID: try yurga.requireID())
                #expect(!records.contains { $0.schoolID == merged })
                let successorYears = try #require(records.first { $0.schoolID == successor }).lowResultYears
                #expect(successorYears.isSuperset(of: [2020, 2022]))
                #expect(try await admin.get("/schools/\(merged)").body.string.contains("реорганизована 01.09.2024 (присоединена к МБОУ СОШ № 1)"))
                // Its results count for the successor too.
                let cardAfter = try await ResultsService(db: app.db).diagnosticCard(schoolID: successor, authorityID: yurgaID)
                let before: Int = cardBefore.map(\.participants).reduce(0, +)
                let added: Int = mergedCard.map(\.participants).reduce(0, +)
                let after: Int = cardAfter.map(\.participants).reduce(0, +)
                #expect(added > 0)
                #expect(after == before + added)
            }
        }

        @Test func aNewSchoolYearCarriesTheListsAsDraftsAndChangesNothingOfThePast() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let before = try await ListQueries(db: app.db).dynamics(authority: try #require(try await Authority.find(yurga, on: app.db)), from: 2020, to: 2024)
                let b = Browser(app)
                try await b.login("yurga")
                let page = try await b.get("/authorities/\(yurga)/new-year")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Новый учебный год: 2024 → 2025"))
                #expect(try await b.post("/authorities/\(yurga)/new-year", ["from": "2024"]).status == .seeOther)
                let drafts = try await SchoolList.query(on: app.db).filter(\.$authority.$id == yurga).filter(\.$year == 2025).all()
                #expect(!drafts.isEmpty && drafts.allSatisfy(\.draft))
                let lows2024 = try await SchoolList.query(on: app.db).filter(\.$authority.$id == yurga).filter(\.$year == 2024).filter(\.$status == .lowResults).with(\.$entries).first()
                let draftLow = try #require(drafts.first { $0.status == .lowResults })
                #expect(try await ListEntry.query(on: app.db).filter(\.$list.$id == draftLow.requireID()).count() == lows2024?.entries.count)
                // Drafts count nowhere until approved.
                #expect(try await ListQueries(db: app.db).years(authorityID: yurga).last == 2024)
                let after = try await ListQueries(db: app.db).dynamics(authority: try #require(try await Authority.find(yurga, on: app.db)), from: 2020, to: 2024)
                #expect(after.totalTimes == before.totalTimes)
                #expect(try await b.post("/authorities/\(yurga)/new-year", ["from": "2024"]).status == .conflict)
                let recorded = try await b.get("/authorities/\(yurga)/new-year?from=2024").body.string
                #expect(recorded.contains("Переход выполнен"))
                #expect(recorded.contains("Кураторы (2)"))
                try await b.get("/authorities/\(yurga)/lists?year=2025")
                #expect(try await b.post("/lists/\(try draftLow.requireID())/approve", ["orderNumber": "12", "orderDate": "2025-01-15"]).status == .seeOther)
                #expect(try await ListQueries(db: app.db).years(authorityID: yurga).last == 2025)
                // A methodologist reads the turn but cannot make it.
                let methodist = Browser(app)
                try await methodist.login("yurga.methodist")
                #expect(try await methodist.get("/authorities/\(yurga)/new-year").status == .ok)
                #expect(try await methodist.post("/authorities/\(yurga)/new-year", ["from": "2025"]).status == .forbidden)
            }
        }
    }
}
