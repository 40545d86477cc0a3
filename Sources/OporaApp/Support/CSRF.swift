import Vapor

/// Synchroniser-token CSRF protection: a random token in the (database) session, repeated in a
/// hidden field of every form; state-changing requests without the matching token are refused.
enum CSRF {
    static let field = "_csrf"
    static let sessionKey = "csrf"

    static func token(for req: Request) -> String {
        if let t = req.session.data[sessionKey] { return t }
        let t = [UInt8].random(count: 24).base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        req.session.data[sessionKey] = t
        return t
    }

    /// A token seen before signing in (on the login page, by anyone who shared the browser) is
    /// not the signed-in session's: the next page makes a new one.
    static func rotate(for req: Request) {
        req.session.data[sessionKey] = nil
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST else { return try await next.respond(to: request) }
        // No form of ours was shown in this session: refused before the body is read.
        guard request.session.data[CSRF.sessionKey] != nil else { throw Self.refusal }
        // The token may be in the body: read it up to the route's own limit (see `UploadLimit`).
        let limit = UploadLimit.of(request)
        let body = try await request.body.collect(max: limit).get()
        guard (body?.readableBytes ?? 0) <= limit else { throw Abort(.payloadTooLarge) }
        let sent = (try? request.content.get(String.self, at: CSRF.field)) ?? request.headers.first(name: "X-CSRF-Token")
        guard let expected = request.session.data[CSRF.sessionKey], let sent, sent == expected else { throw Self.refusal }
        return try await next.respond(to: request)
    }

    static let refusal = PublicError(.forbidden, "Форма устарела или отправлена не со страницы Опоры. Обновите страницу и повторите.")
}
