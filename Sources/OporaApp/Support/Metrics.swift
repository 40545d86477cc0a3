import Foundation
import Logging
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Counts the SQL statements a request runs. Both drivers (SQLiteKit, PostgresKit) log every
/// statement through the request's logger as «Executing query» with the SQL in metadata; a
/// handler in front of the real one counts those and passes on only what the real one would
/// print. This is how `/metrics`, the request log and the query-budget test see queries without
/// a second database layer around Fluent.
final class QueryCounter: Sendable {
    struct Key: StorageKey { typealias Value = QueryCounter }
    private let value = NIOLockedValueBox((all: 0, writes: 0))

    var count: Int { value.withLockedValue { $0.all } }
    /// Statements that changed what pages show (see `DataVersion.changesData`).
    var writes: Int { value.withLockedValue { $0.writes } }
    func add(write: Bool = false) { value.withLockedValue { $0.all += 1; if write { $0.writes += 1 } } }

    static func counting(_ logger: Logger, into counter: QueryCounter) -> Logger {
        var counted = logger
        counted.handler = CountingLogHandler(base: logger.handler, counter: counter)
        return counted
    }
}

extension Request {
    /// SQL statements this request has run so far (0 outside the tracking middleware).
    var queryCount: Int { storage[QueryCounter.Key.self]?.count ?? 0 }
}

struct CountingLogHandler: LogHandler {
    var base: any LogHandler
    let counter: QueryCounter
    /// The drivers' default level for query logs.
    static let queryLevel: Logger.Level = .debug

    /// Low enough that query logs reach this handler; `log` filters by the real level.
    var logLevel: Logger.Level {
        get { min(base.logLevel, Self.queryLevel) }
        set { base.logLevel = newValue }
    }
    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }
    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if event.level == Self.queryLevel, case .string(let sql)? = event.metadata?["sql"], event.message.description == "Executing query" {
            counter.add(write: DataVersion.changesData(sql))
        }
        if event.level >= base.logLevel {
            base.log(event: event)
        }
    }
}

/// Request and import figures for `/metrics` (Prometheus text format). Figures are per
/// instance, as Prometheus expects: it scrapes each instance behind the balancer.
final class OporaMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]
    private static let queryBuckets: [Double] = [0, 1, 2, 4, 8, 16, 32, 64, 128]

    func record(method: String, route: String, status: UInt, duration: Duration, queries: Int) {
        let labels = [("method", method), ("route", route)]
        registry.makeCounter(descriptor: .init(namespace: "opora", metricName: "http_requests", unitName: "total",
                                               helpText: "Requests answered, by route and status class"),
                             labels: labels + [("status", "\(status / 100)xx")]).increment()
        registry.makeDurationHistogram(descriptor: .init(namespace: "opora", metricName: "http_request_duration", unitName: "seconds",
                                                         helpText: "Time to answer a request, by route"),
                                       labels: labels, buckets: Self.durationBuckets).record(duration)
        registry.makeCounter(descriptor: .init(namespace: "opora", metricName: "db_queries", unitName: "total",
                                               helpText: "SQL statements run while answering requests, by route"),
                             labels: labels).increment(by: Int64(queries))
        registry.makeValueHistogram(descriptor: .init(namespace: "opora", metricName: "db_queries_per_request", unitName: "count",
                                                      helpText: "SQL statements per request, by route"),
                                    labels: labels, buckets: Self.queryBuckets).record(Double(queries))
    }

    /// An import's rows and time, so rows per second can be graphed by kind of import.
    func recordImport(kind: String, rows: Int, duration: Duration) {
        let labels = [("kind", kind)]
        registry.makeCounter(descriptor: .init(namespace: "opora", metricName: "import_rows", unitName: "total",
                                               helpText: "Rows imported, by kind of file"), labels: labels).increment(by: Int64(rows))
        registry.makeCounter(descriptor: .init(namespace: "opora", metricName: "import_duration", unitName: "seconds_total",
                                               helpText: "Time spent importing, by kind of file"), labels: labels)
            .increment(by: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    /// Runs an import and records its rows and time (rows from what it returns).
    func timingImport<T>(kind: String, rows: (T) -> Int, _ body: () async throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        let result = try await body()
        recordImport(kind: kind, rows: rows(result), duration: ContinuousClock.now - started)
        return result
    }

    var text: String { registry.emitToString() }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = OporaMetrics }
    var metrics: OporaMetrics {
        if let existing = storage[MetricsKey.self] { return existing }
        let made = OporaMetrics()
        storage[MetricsKey.self] = made
        return made
    }
}

/// `GET /metrics` in Prometheus' text format, optionally behind a scraper's bearer token.
struct MetricsRoute: Sendable {
    let token: String?

    @Sendable func respond(_ req: Request) async throws -> Response {
        if let token, req.headers.bearerAuthorization?.token != token {
            // Answered here, not thrown: the error pages would send a scraper to the login form.
            let denied = Response(status: .unauthorized)
            denied.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            return denied
        }
        let response = Response(status: .ok, body: .init(string: req.application.metrics.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
