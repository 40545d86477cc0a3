import Fluent
import Foundation
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Auth {
        @Test func healthIsPlainText() async throws {
            try await withOpora { app in
                let res = try await Browser(app).get("/health")
                #expect(res.status == .ok)
                #expect(res.body.string == "ok")
            }
        }

        @Test func pagesNeedLoginAndLoginPageIsRussian() async throws {
            try await withOpora { app in
                let b = Browser(app)
                let home = try await b.get("/")
                #expect(home.status == .seeOther)
                #expect(home.headers.first(name: .location) == "/login?next=/")
                let page = try await b.get("/login")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Вход в систему"))
                #expect(page.body.string.contains(#"lang="ru""#))
                #expect(!b.csrf.isEmpty)
            }
        }

        @Test func everyDemoAccountLogsInAndOut() async throws {
            try await withOpora { app in
                for account in DemoData.accounts {
                    let b = Browser(app)
                    let res = try await b.login(account.login)
                    #expect(res.status == .seeOther, "login \(account.login)")
                    let home = try await b.get("/")
                    #expect(home.status == .ok, "home of \(account.login)")
                    #expect(home.body.string.contains(account.role.title), "role shown for \(account.login)")
                    let out = try await b.post("/logout")
                    #expect(out.status == .seeOther)
                    #expect(try await b.get("/").status == .seeOther, "\(account.login) is logged out")
                }
            }
        }

        @Test func wrongPasswordIsExplainedAndRepeatedFailuresAreSlowedDown() async throws {
            try await withOpora { app in
                let b = Browser(app)
                for _ in 0..<5 {
                    let res = try await b.login("yurga", "wrong-password")
                    #expect(res.status == .unauthorized)
                    #expect(res.body.string.contains("Неверный логин или пароль."))
                }
                // Even the right password is refused while the login is locked.
                let locked = try await b.login("yurga")
                #expect(locked.status == .tooManyRequests)
                #expect(locked.body.string.contains("Слишком много неудачных попыток входа"))
                #expect(try await LoginFailure.query(on: app.db).filter(\.$login == "yurga").count() == 5)
            }
        }

        /// Thirty attempts sent at once: at most five reach the password check, the rest are refused.
        @Test func parallelAttemptsCannotOutrunTheLockout() async throws {
            try await withOpora { app in
                let page = Browser(app)
                try await page.get("/login")
                let (cookie, csrf) = (page.cookie, page.csrf)
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for i in 0..<30 {
                        group.addTask {
                            let b = Browser(app)
                            b.cookie = cookie
                            b.csrf = csrf
                            return try await b.post("/login", ["login": "yurga", "password": i == 29 ? DemoData.password : "wrong-\(i)"]).status
                        }
                    }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                let checked = statuses.filter { $0 == .unauthorized || $0 == .seeOther }.count
                #expect(checked <= AuthController.maxFailures, "\(statuses.map(\.code))")
                #expect(statuses.filter { $0 == .tooManyRequests }.count >= 30 - AuthController.maxFailures)
            }
        }

        @Test func signingInMakesANewCSRFTokenAndErrorPagesCarryIt() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.get("/login")
                let before = b.csrf
                try await b.login("yurga")
                #expect(!b.csrf.isEmpty && b.csrf != before)
                // «Выйти» on an error page works: the page has the session's token.
                let missing = try await b.get("/schools/999999")
                #expect(missing.body.string.contains(#"name="_csrf" value="\#(b.csrf)""#))
                // Downloads are not kept by shared computers' caches.
                let yurga = try await app.authorityID("yurga")
                let xlsx = try await b.get("/authorities/\(yurga)/dynamics.xlsx")
                #expect(xlsx.status == .ok && xlsx.headers.first(name: .cacheControl) == "no-store")
            }
        }

        @Test func expiredSessionsAreRefusedAndPurgedWithOldDraftsAndFailures() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let row = try #require(try await SessionRow.query(on: app.db).filter(\.$userID != nil).first())
                let expires = try #require(row.expiresAt)
                #expect(expires.timeIntervalSinceNow > 11 * 3600 && expires.timeIntervalSinceNow <= 12 * 3600 + 5)
                row.expiresAt = Date().addingTimeInterval(-1)
                try await row.save(on: app.db)
                let home = try await b.get("/")
                #expect(home.status == .seeOther && home.headers.first(name: .location)?.hasPrefix("/login") == true)

                try await LoginFailure(login: "old", at: Date().addingTimeInterval(-2 * 86_400)).create(on: app.db)
                try await LoginFailure(login: "new", at: Date()).create(on: app.db)
                let purged = try await Housekeeping.run(on: app.db, now: Date())
                #expect(purged.failures == 1)
                #expect(try await LoginFailure.query(on: app.db).filter(\.$login == "new").count() == 1)
                #expect(try await SessionRow.query(on: app.db).filter(\.$expiresAt < Date()).count() == 0)
                // A week later a draft of today is gone too, and every session (a fresh one included).
                try await b.login("yurga")
                let draft = ImportDraft()
                draft.$authority.id = try await app.authorityID("yurga")
                draft.$user.id = try #require(try await User.query(on: app.db).filter(\.$login == "yurga").first()).requireID()
                draft.year = 2026
                draft.status = .lowResults
                draft.fileName = "list.csv"
                draft.content = Data("Школа\n".utf8)
                try await draft.create(on: app.db)
                let later = try await Housekeeping.run(on: app.db, now: Date().addingTimeInterval(8 * 86_400))
                #expect(later.sessions >= 1 && later.drafts == 1)
                #expect(try await SessionRow.query(on: app.db).count() == 0)
                #expect(try await ImportDraft.query(on: app.db).count() == 0)
            }
        }

        @Test func formsWithoutCSRFTokenAreRefused() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.get("/login")
                let res = try await b.post("/login", ["login": "yurga", "password": DemoData.password], withToken: false)
                #expect(res.status == .forbidden)
                #expect(res.body.string.contains("Форма устарела"))
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                b.csrf = "forged"
                let forged = try await b.post("/authorities/\(yurga)/lists", ["year": "2025", "status": "lowResults"])
                #expect(forged.status == .forbidden)
                #expect(try await SchoolList.query(on: app.db).filter(\.$year == 2025).count() == 0)
            }
        }

        @Test func cookiesAndSecurityHeaders() async throws {
            try await withOpora { app in
                let b = Browser(app)
                let page = try await b.get("/login")
                let cookie = try #require(page.headers.first(name: .setCookie))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(page.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(page.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            }
        }

        @Test func loginRotatesTheSessionID() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.get("/login")
                let before = b.cookie
                try await b.post("/login", ["login": "yurga", "password": DemoData.password])
                #expect(b.cookie != nil)
                #expect(b.cookie != before)
            }
        }

        @Test func errorPagesShowNoInternals() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let res = try await b.get("/schools/999999")
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("Страница не найдена"))
                let bad = try await b.get("/authorities/abc/dynamics?from=1000&to=3000")
                #expect(bad.status == .notFound)
                let range = try await b.get("/authorities/\(try await app.authorityID("yurga"))/dynamics?from=1900&to=2024")
                #expect(range.status == .badRequest)
                for r in [res, bad, range] {
                    #expect(!r.body.string.contains("Fluent"))
                    #expect(!r.body.string.contains("Swift"))
                    #expect(!r.body.string.contains(".swift"))
                }
            }
        }
    }
}
