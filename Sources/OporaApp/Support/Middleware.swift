import Vapor

/// Headers every page carries: no sniffing, no framing, no third-party content.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let h = response.headers
        if !h.contains(name: "X-Content-Type-Options") { response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff") }
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
            value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'")
        return response
    }
}

/// A message meant for the user, in Russian; shown as is. Any other error becomes a generic
/// page with its status only, so internals never reach the browser.
struct PublicError: AbortError {
    let status: HTTPResponseStatus
    let reason: String
    init(_ status: HTTPResponseStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }
    static func notFound() -> PublicError { PublicError(.notFound, "Страница не найдена или у вас нет к ней доступа.") }
    static func forbidden() -> PublicError { PublicError(.forbidden, "Недостаточно прав для этого действия.") }
}

struct PublicErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    static func response(for error: any Error, request: Request) -> Response {
        let status: HTTPResponseStatus
        let message: String
        switch error {
        case let e as PublicError:
            status = e.status
            message = e.reason
        case let e as any AbortError:
            status = e.status
            message = status == .payloadTooLarge ? "Файл слишком большой: не более \(UploadLimit.text(UploadLimit.of(request)))." : genericMessage(status)
        default:
            status = .internalServerError
            message = genericMessage(status)
        }
        if status == .internalServerError {
            request.logger.report(error: error)
        }
        let isAPI = request.url.path.hasPrefix("/api/")
        if status == .unauthorized && !isAPI {
            return request.redirect(to: "/login?next=" + (request.url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"))
        }
        let response: Response
        if isAPI {
            response = Response(status: status)
            try? response.content.encode(APIErrorDTO(error: message, status: Int(status.code)))
        } else {
            let user = request.auth.get(User.self)
            response = Response(status: status, body: .init(string: ErrorView(model: .init(status: Int(status.code), message: message), user: user).render()))
            response.headers.contentType = .html
        }
        return response
    }

    static func genericMessage(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "Запрос содержит ошибку. Проверьте введённые данные."
        case 401: "Требуется вход в систему."
        case 403: "Недостаточно прав для этого действия."
        case 404: "Страница не найдена или у вас нет к ней доступа."
        case 413: "Файл слишком большой."
        case 429: "Слишком много запросов. Подождите немного."
        default: "Внутренняя ошибка сервера. Мы уже знаем о ней; попробуйте позже."
        }
    }
}

struct APIErrorDTO: Content {
    let error: String
    let status: Int
}
