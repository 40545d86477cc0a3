import Fluent
import OporaCore
import Vapor

/// The audit log view and the user's own profile with API tokens.
struct AccountController {
    func audit(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let query = AuditEntry.query(on: req.db).sort(\.$id, .descending).limit(500)
        switch user.role {
        case .regionalObserver, .regionalAdmin, .assessmentOperator: break
        case .coordinator:
            guard let a = user.$authority.id else { throw PublicError.forbidden() }
            query.filter(\.$authorityID == a)
        default: throw PublicError.forbidden()
        }
        let entries = try await query.all()
        let model = AuditPage(entries: entries.map { ($0.at, $0.userLogin, $0.action, $0.entity, $0.before, $0.after) })
        return .html(AuditView(model: model, layout: req.layout("Журнал изменений")).render())
    }

    func profile(req: Request) async throws -> Response {
        try await renderProfile(req: req, newToken: nil)
    }

    private func renderProfile(req: Request, newToken: String?) async throws -> Response {
        let user = try req.currentUser()
        let tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == user.requireID()).sort(\.$id).all()
        let model = ProfilePage(login: user.login, fullName: user.fullName, position: user.position, role: user.role.title,
                                tokens: tokens.map { ($0.id ?? 0, $0.name, $0.createdAt, $0.revokedAt) }, newToken: newToken)
        return .html(ProfileView(model: model, layout: req.layout("Профиль"), csrf: req.csrf).render())
    }

    struct TokenForm: Content { var name: String }

    func createToken(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let name = (try? req.content.decode(TokenForm.self))?.name.nilIfBlank else { throw PublicError(.badRequest, "Укажите название токена.") }
        let token = try await TokenIssuer.issue(for: user, name: name, on: req.db)
        return try await renderProfile(req: req, newToken: token)
    }

    /// A revoked token answers 401 from the next call on; the row stays for the record.
    func revokeToken(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let id = req.intParameter("tokenID"), let token = try await APIToken.find(id, on: req.db), token.$user.id == user.id else { throw PublicError.notFound() }
        if token.revokedAt == nil {
            token.revokedAt = Date()
            try await req.db.transaction { tx in
                try await token.save(on: tx)
                try await Audit.record(on: tx, user: user, authorityID: user.$authority.id, action: "Отозван токен API", entity: "Пользователь \(user.login)", entityID: id, before: token.name)
            }
        }
        return req.redirect(to: SiteRoute.profile.path)
    }
}

/// Creates personal API tokens (pages and CLI share it); the plain token is returned once.
enum TokenIssuer {
    static func issue(for user: User, name: String, on db: any Database) async throws -> String {
        let token = "opora_" + [UInt8].random(count: 24).map { String(format: "%02x", $0) }.joined()
        let record = APIToken(userID: try user.requireID(), name: name, tokenHash: APIToken.hash(token))
        try await record.create(on: db)
        try await Audit.record(on: db, user: user, authorityID: user.$authority.id, action: "Создан токен API", entity: "Пользователь \(user.login)", entityID: record.id, after: name)
        return token
    }
}

/// Bearer tokens for /api/v1.
struct APITokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard let token = try await APIToken.query(on: request.db).filter(\.$tokenHash == APIToken.hash(bearer.token)).with(\.$user).first(),
              token.revokedAt == nil, token.user.active else { return }
        request.auth.login(token.user)
    }
}
