import Fluent
import Vapor

/// Login and logout. Failed attempts are counted in the database per login; after five within
/// fifteen minutes the login is refused for a minute, whatever instance is asked and however
/// many attempts arrive at once.
struct AuthController {
    static let maxFailures = 5
    static let window: TimeInterval = 15 * 60
    static let lockout: TimeInterval = 60

    func loginPage(req: Request) async throws -> Response {
        if req.auth.has(User.self) { return req.redirect(to: SiteRoute.home.path) }
        let next = (try? req.query.get(String.self, at: "next")) ?? SiteRoute.home.path
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
        let login = String(form.login.trimmingCharacters(in: .whitespaces).lowercased().prefix(200))
        let next = safeNext(form.next ?? SiteRoute.home.path)
        func fail(_ message: String, status: HTTPResponseStatus = .unauthorized) -> Response {
            .html(LoginView(model: LoginPage(login: login, error: message, next: next), csrf: req.csrf).render(), status: status)
        }
        // The attempt is written before it is judged, so parallel attempts see each other: of any
        // number sent at once, at most `maxFailures` reach the password check.
        let now = Date()
        let attempt = LoginFailure(login: login, at: now)
        try await attempt.create(on: req.db)
        let others = try await LoginFailure.query(on: req.db).filter(\.$login == login).filter(\.$at > now.addingTimeInterval(-Self.window))
            .filter(\.$id != attempt.requireID()).sort(\.$at, .descending).limit(Self.maxFailures).all()
        if others.count >= Self.maxFailures, let last = others.first?.at, now.timeIntervalSince(last) < Self.lockout {
            try await attempt.delete(on: req.db)
            let wait = Int(Self.lockout - now.timeIntervalSince(last)) + 1
            return fail("Слишком много неудачных попыток входа. Повторите через \(wait) с.", status: .tooManyRequests)
        }
        let found = try await User.query(on: req.db).filter(\.$login == login).first()
        let verified = try await req.credentials.verifyAtLogin(form.password, hash: found?.active == true ? found?.passwordHash : nil)
        guard let user = found, user.active, verified else {
            return fail("Неверный логин или пароль.")   // the attempt stays as a failure
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
        CSRF.rotate(for: req)
        return req.redirect(to: next)
    }

    func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: SiteRoute.login.path)
    }

    /// Only local paths, so the login form cannot be used to redirect elsewhere: browsers read
    /// `//host`, `/\\host` and `/<tab>/host` as another site, so a backslash, a control character
    /// or a second leading slash sends the user home instead.
    func safeNext(_ next: String) -> String {
        let scalars = next.unicodeScalars
        guard next.count <= 2_000, next.hasPrefix("/"), !next.hasPrefix("//"),
              !scalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control || $0 == " " }) else { return SiteRoute.home.path }
        return next
    }
}
