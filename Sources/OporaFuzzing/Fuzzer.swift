import Foundation

/// Runs targets on mutated seeds. Deterministic: the same seed replays the same inputs, so a
/// crash found by the long run is reproduced with `opora-fuzz --target T --seed S`.
public enum Fuzzer {
    public struct Report: Sendable {
        public let target: String
        public let inputs: Int
        public let seconds: Double
        /// The slowest input's time and its size.
        public let slowest: (seconds: Double, bytes: Int)
        /// The slowest input itself, to replay it.
        public let slowestInput: [UInt8]
    }

    /// `inputs` inputs, or fewer when `seconds` run out. A corpus grows with inputs that changed
    /// length class, so mutations reach deeper than one step from the seeds.
    public static func run(_ target: FuzzTarget, inputs: Int, seconds: Double = .infinity, seed: UInt64 = 1,
                           progress: ((Int) -> Void)? = nil) -> Report {
        var rng = FuzzRandom(state: seed)
        var corpus = target.seeds
        let mutator = Mutator()
        let start = Date()
        var slowest = (seconds: 0.0, bytes: 0)
        var slowestInput: [UInt8] = []
        var done = 0
        let lastInputPath = ProcessInfo.processInfo.environment["OPORA_FUZZ_LAST"]
        while done < inputs {
            if done % 256 == 0 {
                if Date().timeIntervalSince(start) > seconds { break }
                progress?(done)
            }
            let base = corpus.randomElement(using: &rng) ?? []
            let input = done < target.seeds.count ? target.seeds[done] : mutator.mutate(base, seeds: corpus, using: &rng)
            // With OPORA_FUZZ_LAST set, each input is written there first: after a crash it holds the culprit.
            if let path = lastInputPath { FileManager.default.createFile(atPath: path + "-" + target.name, contents: Data(input)) }
            let t0 = DispatchTime.now().uptimeNanoseconds
            target.run(input)
            let took = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            if took > slowest.seconds { slowest = (took, input.count); slowestInput = input }
            if corpus.count < 512, Int.random(in: 0..<64, using: &rng) == 0 { corpus.append(input) }
            done += 1
        }
        return Report(target: target.name, inputs: done, seconds: Date().timeIntervalSince(start), slowest: slowest, slowestInput: slowestInput)
    }
}
