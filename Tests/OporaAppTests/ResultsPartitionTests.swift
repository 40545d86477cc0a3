import Fluent
import Foundation
@testable import OporaApp
import OporaCore
import SQLKit
import Testing
import VaporTesting

extension AppTests {
    /// Migration 026 moves stored results into year-carrying tables (partitioned by year on
    /// PostgreSQL) and back, with the figures unchanged both ways.
    @Suite struct ResultsByYear {
        @Test func storedResultsSurviveTheMoveToYearTablesAndBack() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let test = ResultsTest(kind: .vpr, subject: "Математика", grade: 5, year: 2024)
                let service = ResultsService(db: app.db)
                let before = try #require(try await service.summaryDTO(authorityID: yurga, test: test))
                #expect(before.total.participants > 0)
                let sql = try #require(app.db as? any SQLDatabase)
                struct Count: Decodable { let n: Int }
                func rows(_ table: String) async throws -> Int {
                    try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: Count.self)?.n ?? -1
                }
                let participants = try await rows("result_participants"), sums = try await rows("result_sums")
                #expect(participants > 0 && sums > 0)

                try await M026_ResultsByYear().revert(on: app.db)
                #expect(try await rows("result_participants") == participants)
                #expect(try await rows("result_sums") == sums)
                try await M026_ResultsByYear().prepare(on: app.db)
                #expect(try await rows("result_participants") == participants)
                #expect(try await rows("result_sums") == sums)
                let after = try #require(try await service.summaryDTO(authorityID: yurga, test: test))
                #expect(after.total.participants == before.total.participants)
                #expect(after.schools.map(\.participants) == before.schools.map(\.participants))
                #expect(after.total.marks == before.total.marks)

                struct Year: Decodable { let year: Int }
                let years = try await sql.raw("SELECT DISTINCT year FROM result_participants ORDER BY year").all(decoding: Year.self).map(\.year)
                #expect(years == [2023, 2024, 2025])
                if sql.dialect.name == "postgresql" {
                    struct Part: Decodable { let name: String }
                    let parts = try await sql.raw("SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'result_participants'::regclass")
                        .all(decoding: Part.self).map(\.name).sorted()
                    #expect(parts == ["result_participants_default", "result_participants_y2023", "result_participants_y2024", "result_participants_y2025"])
                    // A year's first import makes its partition before writing.
                    try await ResultPartitions.ensure(year: 2026, on: sql)
                    let after = try await sql.raw("SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'result_participants'::regclass")
                        .all(decoding: Part.self).map(\.name)
                    #expect(after.contains("result_participants_y2026"))
                }
            }
        }
    }
}
