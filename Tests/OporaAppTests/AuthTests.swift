import Fluent
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
