import Foundation
import Vapor

/// The check of an uploaded draft — its file parsed and matched against the registry — kept for
/// the next view of the same draft, so opening it again or reloading the page does not parse a
/// file of up to 200 MB again. Keyed by the draft and the data version: any write (a column
/// mapping, a decision on a school, a new school in the registry) makes the next view check
/// afresh, so a kept check is never older than the data it was made from. Bounded, and per
/// instance: another instance behind a balancer checks once more; nothing depends on it.
final class DraftChecks: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: String, value: Any)] = []
    private(set) var made = 0
    let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// The kept check for `key`, or `make()`'s, kept.
    func value<T>(_ key: String, make: () async throws -> T) async throws -> T {
        if let kept = lookup(key) as? T { return kept }
        let value = try await make()
        keep(key, value)
        return value
    }

    private func lookup(_ key: String) -> Any? {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: i)
            entries.append(entry)
            return entry.value
        }
    }

    private func keep(_ key: String, _ value: Any) {
        lock.withLock {
            made += 1
            entries.removeAll { $0.key == key }
            entries.append((key, value))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
    }
}

extension Application {
    private struct DraftChecksKey: StorageKey { typealias Value = DraftChecks }
    var draftChecks: DraftChecks {
        if let existing = storage[DraftChecksKey.self] { return existing }
        let made = DraftChecks()
        storage[DraftChecksKey.self] = made
        return made
    }
}

extension Request {
    /// A draft's check, made once per draft and data version (see `DraftChecks`).
    func draftCheck<T>(_ kind: String, _ id: Int, make: () async throws -> T) async throws -> T {
        let version = try await DataVersion.current(on: db)
        return try await application.draftChecks.value("\(kind):\(id):\(version)", make: make)
    }
}
