import Fluent
import Vapor

/// Login and logout. Failed attempts are counted in the database per login; after five within
/// fifteen minutes the login is refused for a minute, whatever instance is asked.
struct AuthController {
    static let maxFailures = 5
    static let window: TimeInterval = 15 * 60
    static let lockout: TimeInterval = 60

    func loginPage(req: Request) async throws -> Response {
        if req.auth.has(User.self) { return req.redirect(to: "/") }
        let next = (try? req.query.get(String.self, at: "next")) ?? "/"
        var model = LoginPage(next: safeNext(next))
        model.notConfigured = try await Region.query(on: req.db).count() == 0
        return .html(LoginView(model: model, csrf: req.csrf).render())
    }

    struct LoginForm: Content {
        var login: String
        var password: String
        var next: String?
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let login = form.login.trimmingCharacters(in: .whitespaces).lowercased()
        let next = safeNext(form.next ?? "/")
        func fail(_ message: String, status: HTTPResponseStatus = .unauthorized) -> Response {
            .html(LoginView(model: LoginPage(login: login, error: message, next: next), csrf: req.csrf).render(), status: status)
        }
        let since = Date().addingTimeInterval(-Self.window)
        let failures = try await LoginFailure.query(on: req.db).filter(\.$login == login).filter(\.$at > since).sort(\.$at, .descending).all()
        if failures.count >= Self.maxFailures, let last = failures.first?.at, Date().timeIntervalSince(last) < Self.lockout {
            let wait = Int(Self.lockout - Date().timeIntervalSince(last)) + 1
            return fail("Слишком много неудачных попыток входа. Повторите через \(wait) с.", status: .tooManyRequests)
        }
        guard let user = try await User.query(on: req.db).filter(\.$login == login).first(), user.active,
              try await req.credentials.verify(form.password, hash: user.passwordHash) else {
            try await LoginFailure(login: login, at: Date()).create(on: req.db)
            return fail("Неверный логин или пароль.")
        }
        try await LoginFailure.query(on: req.db).filter(\.$login == login).delete()
        // A new session id on login prevents session fixation: drop the anonymous session's record
        // and let the middleware create a fresh one carrying the same data.
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.auth.login(user)
        req.session.authenticate(user)
        return req.redirect(to: next)
    }

    func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: SiteRoute.login.path)
    }

    /// Only local paths, so the login form cannot be used to redirect elsewhere.
    func safeNext(_ next: String) -> String {
        next.hasPrefix("/") && !next.hasPrefix("//") ? next : "/"
    }
}
