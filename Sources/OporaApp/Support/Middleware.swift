import Fluent
import PostgresNIO
import Vapor

/// Headers every page carries: no sniffing, no framing, no third-party content; nothing kept by
/// a browser's or a proxy's cache unless the route says so (a school's XLSX downloaded on a
/// shared computer stays out of its cache); behind HTTPS, browsers told to stay on HTTPS.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    var https = false

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let h = response.headers
        if !h.contains(name: .cacheControl) { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        if https { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000") }
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
        let isAPI = request.url.path.hasPrefix("/api/")
        if let ask = error as? ConfirmationNeeded, !isAPI {
            let html = ConfirmView(model: ask.page, layout: request.layout("Подтвердите действие"), csrf: request.csrf).render()
            return .html(html)
        }
        let status: HTTPResponseStatus
        let message: String
        var back: String?
        switch error {
        case let e as PublicError:
            status = e.status
            message = e.reason
        case let e as ConfirmationNeeded:
            status = .badRequest
            message = "Действие «\(e.page.title)» требует подтверждения: \(e.page.consequence)"
        case let e as EditConflict:
            status = .conflict
            message = "Запись изменил другой пользователь, пока форма была открыта, — ваши изменения не сохранены. Сейчас в ней: \(e.current). Откройте запись заново и внесите изменения ещё раз."
            back = e.back
        case let e as any AbortError:
            status = e.status
            message = status == .payloadTooLarge ? "Файл слишком большой: не более \(UploadLimit.text(UploadLimit.of(request)))." : genericMessage(status)
        case let e as any DatabaseError where e.isConstraintFailure:
            // Two saves of the same thing at the same moment: the second breaks a unique index.
            status = .conflict
            message = "Эту запись только что изменил или создал другой пользователь. Обновите страницу и проверьте, что получилось."
        case _ where DatabaseOutage.covers(error):
            status = .serviceUnavailable
            message = "База данных временно недоступна. Повторите через минуту: введённое не потеряно, если вернуться назад."
            request.logger.warning("database unavailable: \(String(reflecting: error))")
        default:
            status = .internalServerError
            message = genericMessage(status)
        }
        if status == .internalServerError {
            request.logger.report(error: error)
        }
        if status == .unauthorized && !isAPI {
            return request.redirect(to: SiteRoute.login.path + "?next=" + (request.url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? SiteRoute.home.path))
        }
        let response: Response
        if isAPI {
            response = Response(status: status)
            try? response.content.encode(APIErrorDTO(error: message, status: Int(status.code)))
        } else {
            let user = request.auth.get(User.self)
            // A signed-in user's session was read by its middleware; its token makes «Выйти» work.
            let csrf = user != nil && request.hasSession ? request.session.data[CSRF.sessionKey] : nil
            response = Response(status: status, body: .init(string: ErrorView(model: .init(status: Int(status.code), message: message, back: back), user: user, csrf: csrf).render()))
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

/// The database cannot be reached (restarting, failed over, connections refused): a clear 503
/// the browser and a balancer understand, not a 500 with a trace. Connections are made anew on
/// the next request, so the service recovers by itself once the database is back.
enum DatabaseOutage {
    static func covers(_ error: any Error) -> Bool {
        if let e = error as? PSQLError {
            switch e.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed: return true
            case .server:
                // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up).
                return ["57P01", "57P02", "57P03"].contains(e.serverInfo?[.sqlState] ?? "")
            default: return false
            }
        }
        if error is ConnectionPoolTimeoutError || error is ConnectionPoolError { return true }
        if error is NIOConnectionError || error is ChannelError { return true }
        if let e = error as? IOError { return [ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT].contains(e.errnoCode) }
        return false
    }
}
