import Fluent
import OporaCore
import Vapor

/// Everyone changes their own password; an account with a one-time password is led here from
/// every page until it has chosen its own.
struct PasswordController {
    func form(req: Request) async throws -> Response {
        try render(req, error: nil)
    }

    private func render(_ req: Request, error: String?) throws -> Response {
        let user = try req.currentUser()
        let model = PasswordPage(login: user.login, mustChange: user.mustChangePassword, error: error)
        return .html(PasswordView(model: model, layout: req.layout("Смена пароля"), csrf: req.csrf).render(), status: error == nil ? .ok : .badRequest)
    }

    struct Form: Content {
        var current: String
        var new: String
        var repeated: String
    }

    func change(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let form = try? req.content.decode(Form.self) else { return try render(req, error: "Заполните все три поля.") }
        do {
            try await AccountService(db: req.db, credentials: req.credentials).changePassword(user, current: form.current, new: form.new, repeated: form.repeated,
                                                                                             keepSession: req.session.id)
        } catch let e as PublicError {
            return try render(req, error: e.reason)
        }
        return req.redirect(to: SiteRoute.home.path)
    }
}

/// Until a one-time password is changed, every page but the change form and logout leads there.
struct MustChangePasswordMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let user = request.auth.get(User.self), user.mustChangePassword,
           request.url.path != SiteRoute.password.path, request.url.path != SiteRoute.logout.path {
            return request.redirect(to: SiteRoute.password.path)
        }
        return try await next.respond(to: request)
    }
}
