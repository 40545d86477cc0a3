import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Roadmap indicators computed from the data: 001's three, on the Puchezh demo.
    @Suite struct Indicators {
        @Test func puchezhIndicatorsAreComputedAndFrozenInTheRound() async throws {
            try await withOpora { app in
                let puchezh = try await app.authorityID("puchezh")
                let roadmap = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == puchezh).filter(\.$school.$id == nil).first())
                let round = try #require(try await MonitoringRound.query(on: app.db).filter(\.$roadmap.$id == roadmap.requireID()).first())
                let indicators = try await RoadmapIndicator.query(on: app.db).filter(\.$roadmap.$id == roadmap.requireID()).sort(\.$position).all()
                #expect(indicators.count == 3)
                let facts = try await IndicatorFact.query(on: app.db).filter(\.$round.$id == round.requireID()).all()
                let byIndicator = Dictionary(uniqueKeysWithValues: facts.map { ($0.$indicator.id, $0.value) })
                #expect(indicators.map { byIndicator[$0.id!] } == ["100 % (3 из 3)", "100 % (3 из 3)", "67 % (2 из 3)"])
                let b = Browser(app)
                try await b.login("puchezh")
                let page = try await b.get("/rounds/\(try round.requireID())")
                #expect(page.body.string.contains("67 % (2 из 3)"))
                #expect(page.body.string.contains("[вычисляется: доля ШНОР, управленческие команды которых прошли подготовку]"))
                // Unbinding makes the next round's fact a typed one again; the frozen fact stays.
                let first = try indicators[0].requireID()
                #expect(try await b.post("/indicators/\(first)/source", ["source": ""]).status == .seeOther)
                #expect(try await RoadmapIndicator.find(first, on: app.db)?.source == nil)
                #expect(try await b.post("/indicators/\(first)/source", ["source": "nonsense"]).status == .badRequest)
                let other = Browser(app)
                try await other.login("yurga")
                #expect(try await other.post("/indicators/\(first)/source", ["source": "leftTheList"]).status == .notFound)
                // The list-leaving share: Yurga had 4 ШНОР in 2022 and none in 2023 (003's table).
                let yurga = try await app.authorityID("yurga")
                let left = try await IndicatorService(db: app.db).compute(.leftTheList, authorityID: yurga, schoolYear: 2022)
                #expect(left == IndicatorValue(count: 4, of: 4))
                let stayed = try await IndicatorService(db: app.db).compute(.leftTheList, authorityID: yurga, schoolYear: 2020)
                #expect(stayed.of == 2)
            }
        }
    }
}
