import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import OporaApp

/// All HTTP tests share one parent suite that runs serially: on PostgreSQL they share one
/// database, which each test resets and fills with the demo data.
@Suite(.serialized) struct AppTests {}

/// An app on SQLite, or on the PostgreSQL of DATABASE_URL (as scripts/test sets it), migrated
/// and filled with the demo data.
/// The page cache is off unless asked for: tests write to the database directly, behind the
/// application's back, which no deployment does.
func withOpora(demo: Bool = true, pageCache: Bool = false, _ test: (Application) async throws -> Void) async throws {
    let url = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    let database = try await TestDatabases.shared.fresh(demo: demo, postgresURL: url)
    defer { database.remove() }
    try await withApp(configure: { app in
        var settings = AppSettings(databaseURL: url, sqlitePath: database.sqlitePath ?? ":memory:", demo: false, bcryptCost: 4, autoMigrate: false)
        settings.pageCache = pageCache
        try await configure(app, settings: settings)
    }, test)
}

/// Migrating and loading the demo takes seconds; each test instead gets a copy of a database
/// made once per test run (SwiftPackageIndex-Server's template databases): on SQLite a file
/// copied in /dev/shm, on PostgreSQL `CREATE DATABASE … TEMPLATE`.
actor TestDatabases {
    static let shared = TestDatabases()

    struct Fresh: Sendable {
        let sqlitePath: String?
        func remove() {
            guard let sqlitePath else { return }
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
        }
    }

    private var templates: [Bool: Task<String, any Error>] = [:]
    private let folder: String = {
        let shm = "/dev/shm"
        let base = FileManager.default.fileExists(atPath: shm) ? shm : NSTemporaryDirectory()
        return base + "/opora-tests-\(ProcessInfo.processInfo.processIdentifier)"
    }()

    func fresh(demo: Bool, postgresURL: String?) async throws -> Fresh {
        let template = try await template(demo: demo, postgresURL: postgresURL)
        if let postgresURL {
            let target = try Self.databaseName(postgresURL)
            try await Self.admin(postgresURL) { sql in
                try await sql.raw("DROP DATABASE IF EXISTS \(ident: target) WITH (FORCE)").run()
                try await sql.raw("CREATE DATABASE \(ident: target) TEMPLATE \(ident: template)").run()
            }
            return Fresh(sqlitePath: nil)
        }
        let copy = folder + "/\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: template, toPath: copy)
        return Fresh(sqlitePath: copy)
    }

    /// The template's SQLite path or PostgreSQL database name, made on first use.
    private func template(demo: Bool, postgresURL: String?) async throws -> String {
        if let made = templates[demo] { return try await made.value }
        let folder = self.folder
        let task = Task<String, any Error> {
            let app = try await Application.make(.testing)
            var name = ""
            do {
                if let postgresURL {
                    name = try Self.databaseName(postgresURL) + (demo ? "_template_demo" : "_template_empty")
                    try await Self.admin(postgresURL) { sql in
                        try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
                        try await sql.raw("CREATE DATABASE \(ident: name)").run()
                    }
                } else {
                    Self.removeFoldersOfEndedRuns(besides: folder)
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    name = folder + (demo ? "/template-demo.sqlite" : "/template-empty.sqlite")
                }
                let url = try postgresURL.map { try Self.url($0, database: name) }
                try await configure(app, settings: AppSettings(databaseURL: url, sqlitePath: postgresURL == nil ? name : ":memory:", demo: false, bcryptCost: 4, autoMigrate: false))
                try await app.autoMigrate()
                if demo { try await DemoData.load(on: app.db, hasher: app.password.async) }
                if postgresURL == nil, let sql = app.db as? any SQLDatabase {
                    try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()   // everything in the main file before copying
                }
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            return name
        }
        templates[demo] = task
        return try await task.value
    }

    /// A test run cannot clean up after its last test; the next one removes what ended runs left.
    private static func removeFoldersOfEndedRuns(besides folder: String) {
        let parent = (folder as NSString).deletingLastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix("opora-tests-") {
            let pid = name.dropFirst("opora-tests-".count)
            if !FileManager.default.fileExists(atPath: "/proc/\(pid)") { try? FileManager.default.removeItem(atPath: parent + "/" + name) }
        }
    }

    private static func databaseName(_ url: String) throws -> String {
        guard let components = URLComponents(string: url), components.path.count > 1 else { throw TestDatabaseError.noDatabaseName(url) }
        return String(components.path.dropFirst())
    }

    private static func url(_ url: String, database: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw TestDatabaseError.noDatabaseName(url) }
        components.path = "/" + database
        guard let made = components.string else { throw TestDatabaseError.noDatabaseName(url) }
        return made
    }

    /// Runs statements on the server's maintenance database (a database cannot drop itself).
    private static func admin(_ url: String, _ work: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try .postgres(url: try Self.url(url, database: "postgres")), as: .psql)
            guard let sql = app.db as? any SQLDatabase else { throw TestDatabaseError.noDatabaseName(url) }
            try await work(sql)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

enum TestDatabaseError: Error { case noDatabaseName(String) }

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
        let res = try await post("/login", ["login": login, "password": password, "next": "/"])
        // Signing in makes a new CSRF token; a browser reads it from the page it is sent to.
        if res.status == .seeOther { try await get("/") }
        return res
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
