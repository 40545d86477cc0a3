import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import OporaApp

/// All HTTP tests share one parent suite that runs serially: on PostgreSQL they share one
/// database, which each test resets and fills with the demo data.
@Suite(.serialized) struct AppTests {}

/// An app on SQLite in memory, or on the PostgreSQL of DATABASE_URL (as scripts/test sets it),
/// migrated and filled with the demo data.
/// The page cache is off unless asked for: tests write to the database directly, behind the
/// application's back, which no deployment does.
func withOpora(demo: Bool = true, pageCache: Bool = false, _ test: (Application) async throws -> Void) async throws {
    try await withApp(configure: { app in
        let url = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        var settings = AppSettings(databaseURL: url, sqlitePath: ":memory:", demo: false, bcryptCost: 4, autoMigrate: false)
        settings.pageCache = pageCache
        try await configure(app, settings: settings)
        if url != nil, let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await app.autoMigrate()
        if demo { try await DemoData.load(on: app.db, hasher: app.password.async) }
    }, test)
}

/// A browser in miniature: keeps the session cookie and the CSRF token between requests.
final class Browser {
    let app: Application
    var cookie: String?
    var csrf: String = ""

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var h = headers
        if let cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
        let res = try await app.testing().sendRequest(.GET, path, headers: h)
        remember(res)
        return res
    }

    @discardableResult
    func post(_ path: String, _ form: [String: String] = [:], withToken: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if withToken { fields["_csrf"] = csrf }
        let body = fields.map { "\(Self.enc($0.key))=\(Self.enc($0.value))" }.joined(separator: "&")
        var h: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        if let cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
        let res = try await app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(string: body))
        remember(res)
        return res
    }

    func upload(_ path: String, fields: [String: String], fileName: String, file: Data) async throws -> TestingHTTPResponse {
        let boundary = "----opora-test-boundary"
        var body = Data()
        var all = fields
        all["_csrf"] = csrf
        for (k, v) in all {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var h: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
        if let cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
        let res = try await app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(data: body))
        remember(res)
        return res
    }

    /// Opens the login page (for the CSRF token) and signs in.
    @discardableResult
    func login(_ login: String, _ password: String = DemoData.password) async throws -> TestingHTTPResponse {
        try await get("/login")
        return try await post("/login", ["login": login, "password": password, "next": "/"])
    }

    /// Signs in with a one-time password and sets `newPassword`, as the forced change asks.
    func firstLogin(_ login: String, oneTime: String, newPassword: String) async throws {
        let res = try await self.login(login, oneTime)
        #expect(res.status == .seeOther)
        let home = try await get("/")
        #expect(home.headers.first(name: .location) == "/profile/password")
        let form = try await get("/profile/password")
        #expect(form.body.string.contains("Вы вошли с одноразовым паролем"))
        let changed = try await post("/profile/password", ["current": oneTime, "new": newPassword, "repeated": newPassword])
        #expect(changed.status == .seeOther)
    }

    /// The one-time password a page shows once.
    static func issuedPassword(_ html: String) -> String? {
        guard let r = html.range(of: #"class="issued-password"><code>"#) else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "<" })
    }

    private func remember(_ res: TestingHTTPResponse) {
        if let set = res.headers.first(name: .setCookie), let pair = set.split(separator: ";").first, pair.hasPrefix("opora_session=") {
            cookie = pair == "opora_session=" ? nil : String(pair)
        }
        let body = res.body.string
        if let r = body.range(of: #"name="_csrf" value=""#) {
            csrf = String(body[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func enc(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
}

extension Application {
    func schoolID(_ shortName: String) async throws -> Int {
        try #require(try await School.query(on: db).filter(\.$shortName == shortName).first()?.id)
    }
    func authorityID(_ code: String) async throws -> Int {
        try #require(try await Authority.query(on: db).filter(\.$code == code).first()?.id)
    }
}
