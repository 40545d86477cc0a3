import Foundation
import OporaCore
import OporaDocuments
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// `opora generate-results --schools 1000 --participants 1200000 --out vpr.csv`: the
/// deterministic region-sized ВПР year of the benchmark, in the ФИС ОКО layout.
struct GenerateResultsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "schools") var schools: Int?
        @Option(name: "participants") var participants: Int?
        @Option(name: "seed") var seed: Int?
        @Option(name: "out") var out: String?
    }
    var help: String { "Создать файл результатов ВПР для замера (детерминированный, в формате ФИС ОКО)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = signature.out else { throw CommandFailure(description: "укажите --out <файл.csv>.") }
        let generator = ResultsGenerator(schools: signature.schools ?? 1000, participants: signature.participants ?? 1_200_000,
                                         seed: UInt64(signature.seed ?? 2025))
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandFailure(description: "не удалось создать файл «\(path)».")
        }
        defer { try? handle.close() }
        var bytes = 0
        try generator.generate { chunk in bytes += chunk.count; try handle.write(contentsOf: chunk) }
        context.console.print("\(path): \(generator.schools) schools, \(generator.participants) participants, \(bytes) bytes")
    }
}

/// `opora bench-results --file vpr.csv --json out.json`: reads a ВПР file, checks every row and
/// computes every school's figures (participants, marks, mean primary score, solve rate of each
/// task, objectivity) as the import does, and prints wall time, rows per second and peak memory.
/// The JSON is what `scripts/bench/compare_results.py` compares with DuckDB and pandas.
struct BenchResultsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "file") var file: String?
        @Option(name: "json") var json: String?
    }
    var help: String { "Замер чтения и анализа файла результатов ВПР" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = signature.file else { throw CommandFailure(description: "укажите --file <файл.csv>.") }
        let start = ContinuousClock.now
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure(description: "файл «\(path)» не найден.") }
        let outcome = try ResultsStream.read(fileAt: URL(fileURLWithPath: path))
        guard outcome.problems.isEmpty, outcome.layout != nil else {
            throw CommandFailure(description: outcome.problems.prefix(10).map(\.description).joined(separator: "\n"))
        }
        let summaries: [String: ResultsSummary] = outcome.schools.mapValues { $0.sums.summary() }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let out = signature.json {
            var schools: [String: Any] = [:]
            for (key, s) in summaries {
                schools[key] = ["participants": s.participants, "absent": s.absent, "marks": (2...5).map { s.marks[$0] ?? 0 },
                                "mean_primary": s.meanPrimary.map { $0 as Any } ?? NSNull(), "solve": s.solveRates.map { $0.map { $0 as Any } ?? NSNull() },
                                "lower": s.objectivity.lower, "confirmed": s.objectivity.confirmed, "higher": s.objectivity.higher]
            }
            let doc: [String: Any] = ["engine": "opora", "tasks": outcome.tasks.map(\.label), "schools": schools]
            let json = try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])
            try json.write(to: URL(fileURLWithPath: out))
        }
        context.console.print(String(format: "opora seconds %.3f rows %d peak_mb %.0f", seconds, outcome.rows, Self.peakMegabytes()))
    }

    static func peakMegabytes() -> Double {
        #if canImport(Glibc)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        return 0
        #endif
    }
}
