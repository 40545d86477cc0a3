import Fluent
import Foundation
import Vapor

/// Sessions in the database, like Fluent's driver, but a request that did not change its
/// session writes nothing: Vapor asks the driver to update the session after every response,
/// which would turn every page view into a database write.
struct DatabaseSessionDriver: AsyncSessionDriver {
    private struct ReadKey: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = .random(in: .min ... .max) }
        let id = SessionID(string: Data(bytes).base64EncodedString())
        try await SessionRecord(key: id, data: data).create(on: request.db)
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        let data = try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).first()?.data
        if let data { request.storage[ReadKey.self] = data }
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if request.storage[ReadKey.self] == data { return sessionID }
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).set(\.$data, to: data).update()
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).delete()
    }
}
