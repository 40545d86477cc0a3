import Vapor

/// Hashes and checks passwords off the event loop.
///
/// A password the user chose is hashed at the configured bcrypt cost (12 by default). A one-time
/// password is twelve characters drawn at random from 31 (59 bits) and lives until first login,
/// so a low cost protects it as well as cost 12 protects a chosen one; that lets a coordinator
/// create the accounts of six hundred school heads in seconds instead of minutes.
struct Credentials: Sendable {
    static let oneTimeCost = 6
    let cost: Int
    let threadPool: NIOThreadPool

    func hash(_ password: String, oneTime: Bool = false) async throws -> String {
        let cost = oneTime ? min(self.cost, Self.oneTimeCost) : self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    /// Hashes many one-time passwords on every core.
    func hashOneTime(_ passwords: [String]) async throws -> [String] {
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, p) in passwords.enumerated() {
                group.addTask { (i, try await hash(p, oneTime: true)) }
            }
            var out = [String](repeating: "", count: passwords.count)
            for try await (i, h) in group { out[i] = h }
            return out
        }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        // Accounts not yet activated carry "!" instead of a hash.
        guard hash.hasPrefix("$2") else { return false }
        return try await threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }

    /// Checks a password at login, spending a bcrypt's time even when there is nothing to check
    /// it against (an unknown login, a blocked or not yet activated account), so the time of the
    /// answer does not tell which logins exist.
    func verifyAtLogin(_ password: String, hash: String?) async throws -> Bool {
        guard let hash, hash.hasPrefix("$2") else {
            _ = try await threadPool.runIfActive { [cost] in try Bcrypt.hash(password, cost: cost) }
            return false
        }
        return try await verify(password, hash: hash)
    }
}

private struct CredentialsCostKey: StorageKey { typealias Value = Int }

extension Application {
    var credentials: Credentials {
        get { Credentials(cost: storage[CredentialsCostKey.self] ?? 12, threadPool: threadPool) }
    }

    func useBcryptCost(_ cost: Int) { storage[CredentialsCostKey.self] = cost }
}

extension Request {
    var credentials: Credentials { application.credentials }
}
