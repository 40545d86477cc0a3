import Fluent
import Foundation
import NIOCore
import Vapor

/// What nobody deletes by hand: expired sessions, old login failures, import drafts abandoned
/// between upload and apply. Run hourly by every serving instance (the deletes are idempotent,
/// so two instances doing it at once do no harm) and testable alone.
enum Housekeeping {
    /// Drafts are kept a week: long enough to come back to a preview, short enough that uploaded
    /// files of people who never applied them do not pile up.
    static let draftLifetime: TimeInterval = 7 * 24 * 60 * 60
    /// Failures older than a day no longer count toward any lockout.
    static let failureLifetime: TimeInterval = 24 * 60 * 60

    struct Purged: Equatable { var sessions = 0, failures = 0, drafts = 0 }

    @discardableResult
    static func run(on db: any Database, now: Date = Date()) async throws -> Purged {
        var purged = Purged()
        let sessions = SessionRow.query(on: db).group(.or) { $0.filter(\.$expiresAt < now).filter(\.$expiresAt == nil) }
        purged.sessions = try await sessions.count()
        try await sessions.delete()
        let failures = LoginFailure.query(on: db).filter(\.$at < now.addingTimeInterval(-failureLifetime))
        purged.failures = try await failures.count()
        try await failures.delete()
        let cutoff = now.addingTimeInterval(-draftLifetime)
        purged.drafts += try await purge(ImportDraft.query(on: db).filter(\.$createdAt < cutoff))
        purged.drafts += try await purge(RoadmapImportDraft.query(on: db).filter(\.$createdAt < cutoff))
        purged.drafts += try await purge(ResultDraft.query(on: db).filter(\.$createdAt < cutoff))
        purged.drafts += try await purge(RegistryDraft.query(on: db).filter(\.$createdAt < cutoff))
        return purged
    }

    private static func purge<M: Model>(_ query: QueryBuilder<M>) async throws -> Int {
        let n = try await query.count()
        if n > 0 { try await query.delete() }
        return n
    }
}

/// Runs `Housekeeping` an hour after start and every hour after, while serving.
struct HousekeepingSchedule: LifecycleHandler {
    private final class Box: @unchecked Sendable { var task: RepeatedTask? }
    private let box = Box()

    func didBoot(_ application: Application) throws {
        let db = application.db, logger = application.logger
        box.task = application.eventLoopGroup.next().scheduleRepeatedTask(initialDelay: .minutes(5), delay: .hours(1)) { _ in
            Task {
                do {
                    let purged = try await Housekeeping.run(on: db)
                    logger.info("housekeeping: sessions \(purged.sessions), login failures \(purged.failures), drafts \(purged.drafts) purged")
                } catch {
                    logger.warning("housekeeping failed: \(String(reflecting: error))")
                }
            }
        }
    }

    func shutdown(_ application: Application) {
        box.task?.cancel()
    }
}
