import Foundation
@testable import OporaApp
import Testing
import VaporTesting

extension AppTests {
    /// Request ids, the per-request log figures and `/metrics`.
    @Suite struct Operations {
        @Test func everyAnswerCarriesARequestIdAndAPlainCallerIdIsKept() async throws {
            try await withOpora(demo: false) { app in
                let fresh = try await app.testing().sendRequest(.GET, "/health")
                let id = try #require(fresh.headers.first(name: "X-Request-Id"))
                #expect(!id.isEmpty && id.allSatisfy { $0.isHexDigit })
                let kept = try await app.testing().sendRequest(.GET, "/health", headers: ["X-Request-Id": "lb-2026-abc_1"])
                #expect(kept.headers.first(name: "X-Request-Id") == "lb-2026-abc_1")
                // A value that could forge a log line is replaced, not echoed.
                let forged = try await app.testing().sendRequest(.GET, "/health", headers: ["X-Request-Id": "x\" level=error"])
                #expect(forged.headers.first(name: "X-Request-Id") != "x\" level=error")
            }
        }

        @Test func metricsCountRequestsAndQueriesByRouteTemplate() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                #expect(try await b.get("/authorities/\(yurga)/lists").status == .ok)
                let metrics = try await app.testing().sendRequest(.GET, "/metrics")
                #expect(metrics.status == .ok)
                #expect(metrics.headers.contentType?.subType == "plain")
                let text = metrics.body.string
                // Route templates, never ids: no personal data and a bounded number of series.
                #expect(text.contains(#"opora_http_requests_total{method="GET",route="/authorities/:authorityID/lists",status="2xx"} 1"#))
                #expect(!text.contains("/authorities/\(yurga)/lists"))
                let queries = text.split(separator: "\n").first { $0.hasPrefix(#"opora_db_queries_total{method="GET",route="/authorities/:authorityID/lists"}"#) }
                let count = try #require(queries.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) })
                #expect(count >= 3, "the lists page reads sessions, the user and the lists")
                #expect(text.contains("opora_http_request_duration_seconds_bucket"))
            }
        }

        @Test func aMetricsTokenKeepsMetricsToTheScraper() async throws {
            try await withApp(configure: { app in
                var settings = AppSettings(sqlitePath: ":memory:", bcryptCost: 4)
                settings.metricsToken = "scraper-secret"
                try await configure(app, settings: settings)
            }) { (app: Application) async throws in
                #expect(try await app.testing().sendRequest(.GET, "/metrics").status == .unauthorized)
                #expect(try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer wrong"]).status == .unauthorized)
                #expect(try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer scraper-secret"]).status == .ok)
            }
        }

        @Test func aResultsImportIsCountedInRowsAndSeconds() async throws {
            let metrics = OporaMetrics()
            let rows = await metrics.timingImport(kind: "results", rows: { $0 }) { 1234 }
            #expect(rows == 1234)
            #expect(metrics.text.contains(#"opora_import_rows_total{kind="results"} 1234"#))
            #expect(metrics.text.contains(#"opora_import_duration_seconds_total{kind="results"}"#))
        }
    }
}
