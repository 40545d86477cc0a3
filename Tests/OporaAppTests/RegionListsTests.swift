import Fluent
import Foundation
@testable import OporaApp
import OporaCore
import Testing
import VaporTesting

extension AppTests {
    /// «ШНОР региона по видам» agrees with each municipality's own dynamics and is the region's only.
    @Suite struct RegionLists {
        @Test func theRegionSummaryAgreesWithEveryMunicipalitysDynamics() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("observer")
                func check() async throws -> Int {
                    var listedEverywhere = 0
                    for region in try await Region.query(on: app.db).all() {
                        let rid = try region.requireID()
                        let (kinds, authorities) = try await ListQueries(db: app.db).regionKinds(regionID: rid, year: 2024)
                        #expect(kinds.lines.count == authorities.count && !authorities.isEmpty)
                        var listed = 0
                        for authority in authorities {
                            let id = authority.id
                            let records = try await ListQueries(db: app.db).records(authorityID: id)
                            let inYear = records.filter { $0.lowResultYears.contains(2024) }
                            let line = try #require(kinds.lines.first { $0.authorityID == id })
                            #expect(line.listed == inYear.count, "\(authority.municipality)")
                            #expect(line.chronic == inYear.filter { authority.rule.kind(of: ListHistory(years: $0.lowResultYears), at: 2024) == .chronic }.count)
                            #expect(line.firstTime == inYear.filter { authority.rule.kind(of: ListHistory(years: $0.lowResultYears), at: 2024) == .firstTime }.count)
                            #expect(line.atRisk == records.filter { $0.atRiskYears.contains(2024) }.count)
                            listed += inYear.count
                        }
                        #expect(kinds.total.listed == listed)
                        let page = try await b.get("/region/lists?region=\(rid)&year=2024")
                        #expect(page.status == .ok)
                        #expect(page.body.string.contains("ШНОР региона по видам: \(region.name), 2024 год"))
                        #expect(page.body.string.contains("Итого по региону</td><td class=\"num\">\(listed)</td>"))
                        listedEverywhere += listed
                    }
                    return listedEverywhere

                }
                #expect(try await check() > 0)
                // A merger: a listed school joins another; its years count for the successor on
                // the region's page exactly as on the municipality's.
                let yurga = try await app.authorityID("yurga")
                let records = try await ListQueries(db: app.db).records(authorityID: yurga)
                let listed = records.filter { $0.lowResultYears.contains(2024) }
                let from = try #require(listed.first), into = try #require(records.first { $0.schoolID != from.schoolID })
                let merged = try #require(try await School.find(from.schoolID, on: app.db))
                merged.$mergedInto.id = into.schoolID
                merged.status = .reorganised
                try await merged.save(on: app.db)
                #expect(try await check() > 0)
                // Municipal roles have their own dynamics page, not the region's.
                let coordinator = Browser(app)
                try await coordinator.login("yurga")
                #expect(try await coordinator.get("/region/lists").status == .notFound)
                // A year out of range is clamped, never a crash.
                #expect(try await b.get("/region/lists?year=99999999999999999999").status == .ok)
                #expect(try await b.get("/region/lists?year=-5").status == .ok)
            }
        }
    }
}
