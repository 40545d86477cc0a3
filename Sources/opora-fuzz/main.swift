import Foundation
import OporaFuzzing

/// Each line written at once (print is buffered when the output is a file, and a long run
/// should show each target as it finishes).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

// opora-fuzz [--inputs N] [--seed S] [--target name]: every parser of uploaded and typed input
// fed mutated real-looking inputs; prints inputs/s and the slowest input per target. A crash
// ends the process (and the run fails); a slow input above a second fails it too.
// opora-fuzz --target name --replay file [--times N]: one saved input (a slow or crashing one)
// through that target, timed, to tell a slow parser from a busy machine.
var inputs = 1_000_000, seed: UInt64 = 20261203, only: String?, replay: String?, times = 5
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--inputs": inputs = args.next().flatMap(Int.init) ?? inputs
    case "--seed": seed = args.next().flatMap(UInt64.init) ?? seed
    case "--target": only = args.next()
    case "--replay": replay = args.next()
    case "--times": times = args.next().flatMap(Int.init).map { max(1, min($0, 1000)) } ?? times
    default: FileHandle.standardError.write(Data("unknown argument \(a)\n".utf8)); exit(2)
    }
}
if let replay {
    guard let name = only, let target = FuzzTargets.all.first(where: { $0.name == name }),
          let data = FileManager.default.contents(atPath: replay) else {
        FileHandle.standardError.write(Data("--replay needs --target <name> and a readable file\n".utf8)); exit(2)
    }
    var slowest = 0.0
    for _ in 0..<times {
        let t = Date()
        target.run(Array(data))
        slowest = max(slowest, Date().timeIntervalSince(t))
    }
    say(String(format: "%@: %d bytes, %d runs, slowest %.3f s", name, data.count, times, slowest))
    exit(slowest > 1 ? 1 : 0)
}
let targets = FuzzTargets.all.filter { only == nil || $0.name == only }
let each = max(1, inputs / max(1, targets.count))
var total = 0, slow: [String] = []
let start = Date()
for target in targets {
    let report = Fuzzer.run(target, inputs: each, seed: seed)
    total += report.inputs
    say(String(format: "%-14@ %9d inputs %7.1f s %9.0f /s  slowest %.3f s (%d bytes)", report.target as NSString, report.inputs, report.seconds,
                 Double(report.inputs) / max(report.seconds, 0.001), report.slowest.seconds, report.slowest.bytes))
    if report.slowest.seconds > 1 {
        slow.append(report.target)
        let file = "opora-fuzz-slow-\(report.target).bin"
        FileManager.default.createFile(atPath: file, contents: Data(report.slowestInput))
        say("  the slow input is in \(file)")
    }
}
say(String(format: "total: %d inputs in %.1f s, 0 crashes, seed %llu", total, Date().timeIntervalSince(start), seed))
if !slow.isEmpty { say("slow inputs (> 1 s) in: \(slow.joined(separator: ", "))"); exit(1) }
