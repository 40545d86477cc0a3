import Fluent
import Foundation
import NIOConcurrencyHelpers
import OporaDocuments
import SQLKit
import Vapor

/// One number for «the data changed»: bumped after every request (or CLI command) that wrote
/// anything a page shows, read by the page cache before a page's data. Kept in the database, so
/// every instance behind a balancer sees the same number and a cache can never serve a page
/// older than the last completed write.
enum DataVersion {
    static let table = "data_version"

    static func current(on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        struct Row: Decodable { let value: Int }
        return try await sql.select().column("value").from(table).where("id", .equal, SQLBind(1)).first(decoding: Row.self)?.value ?? 0
    }

    static func bump(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(table).set(SQLIdentifier("value"), to: SQLBinaryExpression(SQLIdentifier("value"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(1)).run()
    }

    /// Whether a request may have changed data: every POST, PUT, PATCH and DELETE but signing in
    /// and out (sessions and login throttling are not what pages show).
    static func mayChange(_ request: Request) -> Bool {
        guard request.method != .GET, request.method != .HEAD else { return false }
        let path = request.url.path
        return path != SiteRoute.login.path && path != SiteRoute.logout.path
    }

    /// Whether a statement changes what pages show: sessions and login throttling do not.
    static func changesData(_ sql: String) -> Bool {
        let head = sql.prefix(12).uppercased()
        guard head.hasPrefix("INSERT") || head.hasPrefix("UPDATE") || head.hasPrefix("DELETE") || head.hasPrefix("CREATE") || head.hasPrefix("ALTER") || head.hasPrefix("DROP") else { return false }
        let target = sql.prefix(80)
        return !(target.contains("\"_fluent_sessions\"") || target.contains("\"login_failures\"") || target.contains("\"data_version\""))
    }
}

/// Rendered pages of signed-in users, kept per session and address under the data version they
/// were made from. A hit costs the session, the user and the version — three reads — instead of
/// the page's own; any write anywhere makes every entry old. Bounded in entries and bytes.
final class PageCache: Sendable {
    struct Key: Hashable { let session: String; let url: String; let day: String }
    /// `gzipped` is the same page deflated once when stored, sent as is to browsers that accept
    /// gzip: compressing 50–170 KB on every hit was most of a cached page's cost.
    struct Entry {
        let version: Int; let body: ByteBuffer; let gzipped: ByteBuffer?; let contentType: String; var used: UInt64
        var bytes: Int { body.readableBytes + (gzipped?.readableBytes ?? 0) }
    }

    let maxEntries: Int
    let maxBytes: Int
    private let state = NIOLockedValueBox<(entries: [Key: Entry], bytes: Int, clock: UInt64)>(([:], 0, 0))

    init(maxEntries: Int = 2_000, maxBytes: Int = 64 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    func page(_ key: Key, version: Int) -> Entry? {
        state.withLockedValue { s in
            guard var e = s.entries[key], e.version == version else { return nil }
            s.clock &+= 1
            e.used = s.clock
            s.entries[key] = e
            return e
        }
    }

    func store(_ key: Key, version: Int, body: ByteBuffer, contentType: String) {
        guard body.readableBytes <= maxBytes / 16 else { return }
        let gzipped = (try? Gzip.compress(Data(body.readableBytesView))).map { ByteBuffer(data: $0) }
        state.withLockedValue { s in
            s.clock &+= 1
            if let old = s.entries[key] { s.bytes -= old.bytes }
            let entry = Entry(version: version, body: body, gzipped: gzipped, contentType: contentType, used: s.clock)
            s.entries[key] = entry
            s.bytes += entry.bytes
            // Evict the least recently used (and any of an older version first) until within bounds.
            while s.entries.count > maxEntries || s.bytes > maxBytes {
                guard let victim = s.entries.min(by: { ($0.value.version, $0.value.used) < ($1.value.version, $1.value.used) }) else { break }
                s.bytes -= victim.value.bytes
                s.entries[victim.key] = nil
            }
        }
    }
}

/// Serves a signed-in user's page from `PageCache` when nothing was written since it was made.
/// Placed after sign-in and the CSRF check, so only an active user's own session reaches it.
/// The version is read before the page's data: a write that lands meanwhile bumps it after
/// committing, so a page made from older data is never stored under a newer version.
struct PageCacheMiddleware: AsyncMiddleware {
    let cache: PageCache

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET, request.auth.has(User.self), let session = request.session.id?.string else {
            return try await next.respond(to: request)
        }
        let key = PageCache.Key(session: session, url: request.url.string, day: ExecutionService.today().iso)
        let version = try await DataVersion.current(on: request.db)
        if let hit = cache.page(key, version: version) {
            let gzip = hit.gzipped.flatMap { Self.acceptsGzip(request) ? $0 : nil }
            let response = Response(status: .ok, body: .init(buffer: gzip ?? hit.body))
            response.headers.replaceOrAdd(name: .contentType, value: hit.contentType)
            response.headers.replaceOrAdd(name: .vary, value: "Accept-Encoding")
            if gzip != nil {
                response.headers.replaceOrAdd(name: .contentEncoding, value: "gzip")
                response.headers.responseCompression = .disable   // already compressed
            }
            response.headers.replaceOrAdd(name: "X-Opora-Cache", value: "hit")
            return response
        }
        let writesBefore = request.storage[QueryCounter.Key.self]?.writes ?? 0
        let response = try await next.respond(to: request)
        guard response.status == .ok, let type = response.headers.contentType, type.type == "text", type.subType == "html",
              (request.storage[QueryCounter.Key.self]?.writes ?? 0) == writesBefore, let body = response.body.buffer else { return response }
        cache.store(key, version: version, body: body, contentType: type.serialize())
        return response
    }

    /// Whether the browser takes gzip (`Accept-Encoding: gzip, deflate, br`; not `gzip;q=0`).
    static func acceptsGzip(_ request: Request) -> Bool {
        request.headers[.acceptEncoding].flatMap { $0.split(separator: ",") }.contains { part in
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let weight = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return fields.first == "gzip" && weight > 0
        }
    }
}

extension Application {
    private struct PageCacheKey: StorageKey { typealias Value = PageCache }
    var pageCache: PageCache {
        if let existing = storage[PageCacheKey.self] { return existing }
        let made = PageCache()
        storage[PageCacheKey.self] = made
        return made
    }
}
