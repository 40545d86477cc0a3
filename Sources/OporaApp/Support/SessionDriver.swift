import Fluent
import Foundation
import Vapor

/// A session row with the user it signs in, so that deactivating an account or changing its
/// password can end that user's other sessions with one statement.
final class SessionRow: Model, @unchecked Sendable {
    static let schema = "_fluent_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: SessionID
    @Field(key: "data") var data: SessionData
    @OptionalField(key: "user_id") var userID: Int?
    @OptionalField(key: "expires_at") var expiresAt: Date?
    init() {}
    init(key: SessionID, data: SessionData, now: Date = Date()) {
        self.key = key
        self.data = data
        self.userID = Self.userID(in: data)
        self.expiresAt = Self.expiry(signedIn: userID != nil, from: now)
    }

    /// A signed-in session holds for a working day; a visitor's (a login page's token) an hour.
    static let signedInLifetime: TimeInterval = 12 * 60 * 60
    static let visitorLifetime: TimeInterval = 60 * 60

    static func expiry(signedIn: Bool, from now: Date) -> Date {
        now.addingTimeInterval(signedIn ? signedInLifetime : visitorLifetime)
    }

    /// The user id Vapor's session authentication keeps in the data.
    static func userID(in data: SessionData) -> Int? { data["_UserSession"].flatMap(Int.init) }

    /// Ends every session of the user, except (when given) the one making the request.
    static func end(userID: Int, except key: SessionID? = nil, on db: any Database) async throws {
        let q = SessionRow.query(on: db).filter(\.$userID == userID)
        if let key { q.filter(\.$key != key) }
        try await q.delete()
    }
}

/// Sessions in the database, like Fluent's driver, but a request that did not change its
/// session writes nothing: Vapor asks the driver to update the session after every response,
/// which would turn every page view into a database write.
struct DatabaseSessionDriver: AsyncSessionDriver {
    private struct ReadKey: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = .random(in: .min ... .max) }
        let id = SessionID(string: Data(bytes).base64EncodedString())
        try await SessionRow(key: id, data: data).create(on: request.db)
        return id
    }

    /// An expired session (or one from before expiry dates) is no session: the browser gets a new one.
    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let row = try await SessionRow.query(on: request.db).filter(\.$key == sessionID).first() else { return nil }
        guard let expires = row.expiresAt, expires > Date() else {
            try await row.delete(on: request.db)
            return nil
        }
        request.storage[ReadKey.self] = row.data
        return row.data
    }

    /// Written only when the data changed; signing in starts the signed-in lifetime.
    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let before = request.storage[ReadKey.self]
        if before == data { return sessionID }
        let user = SessionRow.userID(in: data)
        let query = SessionRow.query(on: request.db).filter(\.$key == sessionID).set(\.$data, to: data).set(\.$userID, to: user)
        if before.flatMap(SessionRow.userID(in:)) != user { query.set(\.$expiresAt, to: SessionRow.expiry(signedIn: user != nil, from: Date())) }
        try await query.update()
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRow.query(on: request.db).filter(\.$key == sessionID).delete()
    }
}
