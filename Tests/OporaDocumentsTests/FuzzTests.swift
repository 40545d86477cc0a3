import Testing
@testable import OporaFuzzing

/// A short run of every fuzz target (`scripts/fuzz` runs a million inputs): a crash fails the
/// whole test run, a slow input fails its target.
@Suite struct FuzzTests {
    @Test(arguments: FuzzTargets.all.map(\.name))
    func noInputCrashesOrStalls(_ name: String) throws {
        let target = try #require(FuzzTargets.all.first { $0.name == name })
        let report = Fuzzer.run(target, inputs: 3_000, seconds: 6, seed: 20261203)
        #expect(report.inputs >= 200, "\(name): only \(report.inputs) inputs in 6 s")
        #expect(report.slowest.seconds < 1, "\(name): an input of \(report.slowest.bytes) bytes took \(report.slowest.seconds) s")
    }
}
