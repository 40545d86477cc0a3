import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

/// Requests the server is answering now. A graceful stop waits for this to reach zero before the
/// databases close: a handler still running when they close would crash inside Fluent.
final class InFlightRequests: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }
    func begin() { count.withLockedValue { $0 += 1 } }
    func end() { count.withLockedValue { $0 -= 1 } }

    /// Waits until no request is in flight or the deadline passes; returns what is left.
    func drained(within limit: Duration) async -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while current > 0 && clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return current
    }
}

extension Application {
    private struct InFlightKey: StorageKey { typealias Value = InFlightRequests }
    var inFlight: InFlightRequests {
        if let existing = storage[InFlightKey.self] { return existing }
        let made = InFlightRequests()
        storage[InFlightKey.self] = made
        return made
    }
}

/// The first middleware: gives every request an id (the caller's `X-Request-Id` when it is a
/// plain token, so a balancer's id follows the request), counts it in flight, and writes one
/// structured log line when it ends: method, route, status, duration, queries.
struct RequestTrackingMiddleware: AsyncMiddleware {
    let inFlight: InFlightRequests
    let metrics: OporaMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        inFlight.begin()
        defer { inFlight.end() }
        let id = RequestID.accepted(request.headers.first(name: RequestID.header)) ?? RequestID.make()
        let counter = QueryCounter()
        var logger = request.logger
        logger[metadataKey: "request-id"] = .string(id)
        request.logger = QueryCounter.counting(logger, into: counter)
        request.storage[QueryCounter.Key.self] = counter
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // Errors become pages in the error middleware below; this is only a safety net.
            response = PublicErrorMiddleware.response(for: error, request: request)
        }
        response.headers.replaceOrAdd(name: RequestID.header, value: id)
        // After the handler's transactions have committed: pages cached from older data become old.
        // Every state-changing method counts (statements inside a transaction run on the
        // connection's own logger and are not seen here); a GET counts when it was seen writing.
        if counter.writes > 0 || DataVersion.mayChange(request) {
            do { try await DataVersion.bump(on: request.db) } catch { request.logger.error("Не удалось отметить изменение данных: \(String(reflecting: error))") }
        }
        let elapsed = ContinuousClock.now - started
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route,
                       status: response.status.code, duration: elapsed, queries: counter.count)
        request.logger.info("\(request.method.rawValue) \(request.url.path) \(response.status.code)", metadata: [
            "route": .string(route),
            "ms": .stringConvertible(Int((elapsed / .milliseconds(1)).rounded())),
            "queries": .stringConvertible(counter.count),
        ])
        return response
    }
}

enum RequestID {
    static let header = "X-Request-Id"

    /// A caller's id is kept only when it is short and plain, so it cannot inject into logs.
    static func accepted(_ value: String?) -> String? {
        guard let value, (1...64).contains(value.count),
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return value
    }

    static func make() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }
}

/// Stops the server gracefully on SIGTERM/SIGINT (after `serve` returns) and before the
/// databases close: stop accepting, let in-flight requests finish (bounded), then go on with
/// the application's shutdown. Lifecycle handlers run before the storage (and Fluent's
/// databases) is shut down, which is what makes the order right.
struct GracefulShutdown: LifecycleHandler {
    static let limit: Duration = .seconds(10)

    func shutdownAsync(_ application: Application) async {
        await application.server.shutdown()
        let left = await application.inFlight.drained(within: Self.limit)
        if left > 0 {
            application.logger.warning("Остановка: \(left) запрос(ов) не завершились за \(Self.limit)")
        }
        // A command (an import from the CLI) may have written: pages other instances keep
        // become old. Harmless after a server's stop.
        try? await DataVersion.bump(on: application.db)
    }
}
