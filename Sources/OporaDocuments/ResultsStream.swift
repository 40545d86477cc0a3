import Foundation
import OporaCore

/// Reads a CSV results file row by row and sums it per school as it goes: a region's year
/// (a million rows) never exists in memory as participants, only as one accumulator per school.
/// The same layout detection and row rules as `ResultsReader`, so the figures agree. The body
/// is cut in two at a line break and the halves are read on two cores; their sums add up.
public enum ResultsStream {
    public struct Outcome: Sendable {
        public var layout: ResultsLayout?
        /// School key (its login, code or name, as the file gives it) → sums.
        public var schools: [String: ResultsAccumulator] = [:]
        public var rows = 0
        public var problems: [ImportProblem] = []
        /// More problems than were kept.
        public var truncated = false
    }

    /// At most `maxProblems` problems are kept; the count of rows still covers the whole file.
    public static func analyse(_ data: Data, fileName: String, mapping: ColumnMapping = ColumnMapping(), maxProblems: Int = 200) -> Outcome {
        // The file's own bytes when they are UTF-8 (no copy); Windows-1251 is recoded once.
        let utf8 = data.withUnsafeBytes { TextEncoding.isValidUTF8($0.bindMemory(to: UInt8.self)) }
        let recoded: [UInt8]? = utf8 ? nil : Array(TextEncoding.decodeWindows1251([UInt8](data)).utf8)
        func run(_ whole: UnsafeBufferPointer<UInt8>) -> Outcome {
            let bom = whole.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return analyse(UnsafeBufferPointer(rebasing: whole[bom...]), fileName: fileName, mapping: mapping, maxProblems: maxProblems)
        }
        if let recoded { return recoded.withUnsafeBufferPointer(run) }
        return data.withUnsafeBytes { run($0.bindMemory(to: UInt8.self)) }
    }

    static func analyse(_ all: UnsafeBufferPointer<UInt8>, fileName: String, mapping: ColumnMapping, maxProblems: Int) -> Outcome {
        let separator = CSV.detectSeparator(String(decoding: all.prefix(4096), as: UTF8.self)).asciiValue ?? UInt8(ascii: ";")
        do {
            // The head: enough lines to find the header.
            var head: [[String]] = []
            var bodyStart = 0
            CSV.forEachRow(all, separator: separator) { cells, _ in
                if head.count < 30 { head.append(cells) }
            } stop: { $0 >= 30 }
            var outcome = Outcome()
            guard let layout = ResultsLayout.detect(head, mapping: mapping) else {
                outcome.problems = [ImportProblem(file: fileName, row: nil, column: nil, message: "не найдена строка заголовка.")]
                return outcome
            }
            outcome.layout = layout
            let missing = layout.missing(schoolGiven: false)
            guard missing.isEmpty, !layout.hasAnswerStrings else {
                outcome.problems = missing.map { ImportProblem(file: fileName, row: layout.headerRow + 1, column: nil, message: $0 + ".") }
                if layout.hasAnswerStrings { outcome.problems.append(ImportProblem(file: fileName, row: nil, column: nil, message: "протоколы ОГЭ/ЕГЭ читаются целиком, не потоком.")) }
                return outcome
            }
            // The body starts after the header's line.
            var lines = 0
            while bodyStart < all.count && lines <= layout.headerRow {
                if all[bodyStart] == UInt8(ascii: "\n") { lines += 1 }
                bodyStart += 1
            }
            let cut = split(all, from: bodyStart)
            let parts = [(bodyStart, cut), (cut, all.count)]
            let firstLines = [layout.headerRow + 2, layout.headerRow + 2 + newlines(all, bodyStart, cut)]
            // Columns the figures do not need are not decoded; the name of a school is not needed
            // when its login identifies it.
            var skip = Array(repeating: false, count: layout.header.count)
            for (c, column) in layout.columns {
                switch column {
                case .municipality, .municipalityCode, .personal, .ignore, .sex, .variant: skip[c] = true
                case .school: skip[c] = layout.index(.login) != nil || layout.index(.schoolCode) != nil
                default: break
                }
            }
            for c in layout.unknown { skip[c] = true }
            let skipped = skip
            let results = Results(count: 2)
            let shared = Shared(bytes: all)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let (from, to) = parts[i]
                var part = Part(reader: RowReader(layout: layout, file: fileName))
                CSV.forEachRow(UnsafeBufferPointer(rebasing: shared.bytes[from..<to]), separator: separator, firstLine: firstLines[i], skip: skipped) { cells, line in
                    part.consume(cells, line: line, maxProblems: maxProblems)
                }
                results.set(i, part)
            }
            let (a, b) = (results.parts[0]!, results.parts[1]!)
            outcome.rows = a.rows + b.rows
            outcome.schools = a.schools
            for (key, acc) in b.schools { outcome.schools[key, default: ResultsAccumulator(tasks: layout.tasks, maxPrimary: acc.maxPrimary)].merge(acc) }
            var problems = a.problems
            // A participant in both halves is a duplicate the halves could not see alone.
            for (school, codes) in b.reader.seen {
                guard let earlier = a.reader.seen[school] else { continue }
                for (code, line) in codes.sorted(by: { $0.value < $1.value }) {
                    if let first = earlier[code] {
                        problems.append(ImportProblem(file: fileName, row: line, column: layout.index(.code).map { layout.header[$0] },
                                                      message: "участник «\(code)» уже есть в строке \(first)."))
                    }
                }
            }
            problems += b.problems
            outcome.truncated = a.truncated || b.truncated || problems.count > maxProblems
            outcome.problems = Array(problems.prefix(maxProblems))
            return outcome
        }
    }

    /// A line break near the middle that is outside quotes.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start + (bytes.count - start) / 2
        while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
        guard i < bytes.count else { return bytes.count }
        var quotes = 0
        for j in start..<i where bytes[j] == UInt8(ascii: "\"") { quotes += 1 }
        while quotes % 2 == 1 && i < bytes.count {
            i += 1
            while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { if bytes[i] == UInt8(ascii: "\"") { quotes += 1 }; i += 1 }
        }
        return min(i + 1, bytes.count)
    }

    static func newlines(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        for j in from..<to where bytes[j] == UInt8(ascii: "\n") { n += 1 }
        return n
    }

    struct Part: @unchecked Sendable {
        var reader: RowReader
        var schools: [String: ResultsAccumulator] = [:]
        var rows = 0
        var problems: [ImportProblem] = []
        var truncated = false

        mutating func consume(_ cells: [String], line: Int, maxProblems: Int) {
            var local: [ImportProblem] = []
            let participant = reader.read(cells, line: line, problems: &local)
            for p in local { if problems.count < maxProblems { problems.append(p) } else { truncated = true } }
            guard let p = participant else { return }
            rows += 1
            let layout = reader.layout
            schools[p.schoolLogin ?? p.schoolName ?? "", default: ResultsAccumulator(tasks: layout.tasks, maxPrimary: layout.maxPrimary ?? layout.tasks.reduce(0) { $0 + $1.maxScore })].add(p)
        }
    }

    /// The file's bytes, read (never written) by both halves.
    struct Shared: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var parts: [Part?]
        init(count: Int) { parts = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ part: Part) { lock.lock(); parts[i] = part; lock.unlock() }
    }
}
