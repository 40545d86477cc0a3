import Testing
@testable import OporaCore

@Suite struct MergerChainsTests {
    @Test func aChainEndsAtItsLastSchoolAndACycleStops() {
        let chains = MergerChains(successor: [1: 2, 2: 3, 7: 8, 8: 7])
        #expect(chains.final(1) == 3 && chains.final(2) == 3 && chains.final(3) == 3 && chains.final(5) == 5)
        // A cycle written by hand in the database ends within the bound, never loops.
        #expect([7, 8].contains(chains.final(7)))
        // A school merged into another municipality's stays where it was.
        let local = MergerChains(successor: [1: 2, 2: 9], within: [1, 2, 3])
        #expect(local.final(1) == 2)
    }
}
