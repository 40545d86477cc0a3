import Foundation
import OporaCore

/// The one reader of results files, for the page, the API, the CLI and the benchmark: CSV
/// (UTF-8 or Windows-1251) and XLSX of any size, read row by row and summed per school as they
/// go. A region's year (a million rows) never exists in memory as a table: each school keeps its
/// sums (whole and per class) and its participants as compact lines for storage. The layout
/// detection and row rules are `ResultsLayout` and `RowReader`, shared with the table path, so
/// the figures agree. A CSV body is cut in two at a line break and the halves are read on two
/// cores; their sums add up. ОГЭ/ЕГЭ protocols need a pass over every answer string before the
/// first row can be scored, so they are gathered whole (they are a region's few thousand rows).
public enum ResultsStream {
    /// What the caller decides once the layout is known: the test (from the form, when the file
    /// does not name it), reference maxima, and a conversion scale when the file has no marks.
    public struct Resolution: Sendable {
        public var reference: [AssessmentTask] = []
        public var scale: (@Sendable (Double) -> Int?)?
        public var schoolGiven = false
        public init() {}
    }

    /// One school of the file, as the file names it.
    public struct School: Sendable {
        /// Its login or exam code (lower case), or its name when the file has no code.
        public let key: String
        public var name: String?
        public var municipality: String?
        public var sums: ResultsAccumulator
        public var classes: [String: ResultsAccumulator] = [:]
        /// `ParticipantCodec` lines.
        public var participants: [UInt8] = []
        public var count = 0
        public var firstLine: Int

        mutating func add(_ p: ParticipantResult, keep: Bool) {
            sums.add(p)
            classes[p.className ?? "", default: ResultsAccumulator(tasks: sums.tasks, maxPrimary: sums.maxPrimary)].add(p)
            if keep { ParticipantCodec.append(p, to: &participants) }
            count += 1
        }

        mutating func merge(_ o: School) {
            sums.merge(o.sums)
            for (c, acc) in o.classes { classes[c, default: ResultsAccumulator(tasks: acc.tasks, maxPrimary: acc.maxPrimary)].merge(acc) }
            participants += o.participants
            count += o.count
            name = name ?? o.name
            municipality = municipality ?? o.municipality
        }
    }

    public struct Outcome: Sendable {
        public var layout: ResultsLayout?
        /// The tasks with every maximum settled.
        public var tasks: [AssessmentTask] = []
        public var maxPrimary: Double?
        public var schools: [String: School] = [:]
        public var rows = 0
        public var problems: [ImportProblem] = []
        /// More problems than were kept.
        public var truncated = false
        public var warnings: [String] = []

        /// Every school together.
        public var total: ResultsAccumulator {
            var acc = ResultsAccumulator(tasks: tasks, maxPrimary: maxPrimary)
            for s in schools.values { acc.merge(s.sums) }
            return acc
        }

        public var participants: Int { schools.values.reduce(0) { $0 + $1.count } }
    }

    public static func read(_ data: Data, fileName: String, mapping: ColumnMapping = ColumnMapping(), maxProblems: Int = 200,
                            keepParticipants: Bool = true, resolve: (inout ResultsLayout) -> Resolution = { _ in Resolution() }) -> Outcome {
        if data.starts(with: [0x50, 0x4B]) {
            return xlsx(fileName: fileName, mapping: mapping, maxProblems: maxProblems, keep: keepParticipants, resolve: resolve) { try XLSXReader.forEachRow(data, $0) }
        }
        guard !data.isEmpty else { return Outcome(problems: [ImportProblem(file: fileName, row: nil, column: nil, message: "файл пуст.")]) }
        // The file's own bytes when they are UTF-8 (no copy); Windows-1251 is recoded once. The
        // encoding shows in the first lines (titles and headers are Cyrillic): the first megabyte
        // up to a line break decides, instead of a pass over a 140 MB file.
        var probe = data.prefix(1 << 20)
        if probe.count < data.count, let lastBreak = probe.lastIndex(of: 10) { probe = probe[..<(lastBreak + 1)] }
        let utf8 = probe.withUnsafeBytes { TextEncoding.isValidUTF8($0.bindMemory(to: UInt8.self)) }
        if !utf8 {
            let recoded = Array(TextEncoding.decodeWindows1251([UInt8](data)).utf8)
            return recoded.withUnsafeBufferPointer { csv($0, fileName: fileName, mapping: mapping, maxProblems: maxProblems, keep: keepParticipants, resolve: resolve) }
        }
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return csv(UnsafeBufferPointer(rebasing: bytes[bom...]), fileName: fileName, mapping: mapping, maxProblems: maxProblems, keep: keepParticipants, resolve: resolve)
        }
    }

    /// A file on disk: an XLSX is inflated from disk as it is read; a CSV is mapped, not loaded.
    public static func read(fileAt url: URL, mapping: ColumnMapping = ColumnMapping(), maxProblems: Int = 200, keepParticipants: Bool = true,
                            resolve: (inout ResultsLayout) -> Resolution = { _ in Resolution() }) throws -> Outcome {
        let name = url.lastPathComponent
        let head = try FileHandle(forReadingFrom: url).read(upToCount: 2) ?? Data()
        if head.starts(with: [0x50, 0x4B]) {
            return xlsx(fileName: name, mapping: mapping, maxProblems: maxProblems, keep: keepParticipants, resolve: resolve) { try XLSXReader.forEachRow(fileAt: url, $0) }
        }
        return read(try Data(contentsOf: url, options: .alwaysMapped), fileName: name, mapping: mapping, maxProblems: maxProblems,
                    keepParticipants: keepParticipants, resolve: resolve)
    }

    /// The first rows of a file (enough to find its layout), cheaply: an XLSX stops inflating
    /// after them. The caller looks up what the layout needs (a scale, reference maxima) before
    /// the whole file is read.
    public static func head(_ data: Data, rows count: Int = 30) -> [[String]] {
        var head: [[String]] = []
        if data.starts(with: [0x50, 0x4B]) {
            try? XLSXReader.forEachRow(data) { cells, _ in head.append(cells); return head.count < count }
            return head
        }
        // Up to the last line break of the first megabyte: a break never falls inside a UTF-8 sequence.
        var prefix = data.prefix(1 << 20)
        if prefix.count < data.count, let lastBreak = prefix.lastIndex(of: 10) { prefix = prefix[..<(lastBreak + 1)] }
        let utf8 = prefix.withUnsafeBytes { TextEncoding.isValidUTF8($0.bindMemory(to: UInt8.self)) }
        let bytes: [UInt8] = utf8 ? [UInt8](prefix) : Array(TextEncoding.decodeWindows1251([UInt8](prefix)).utf8)
        bytes.withUnsafeBufferPointer { all in
            let bom = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let body = UnsafeBufferPointer(rebasing: all[bom...])
            let separator = CSV.detectSeparator(String(decoding: body.prefix(4096), as: UTF8.self)).asciiValue ?? UInt8(ascii: ";")
            CSV.forEachRow(body, separator: separator) { cells, _ in if head.count < count { head.append(cells) } } stop: { $0 >= count }
        }
        return head
    }

    public static func head(fileAt url: URL, rows count: Int = 30) throws -> [[String]] {
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        if data.starts(with: [0x50, 0x4B]) {
            var head: [[String]] = []
            try XLSXReader.forEachRow(fileAt: url) { cells, _ in head.append(cells); return head.count < count }
            return head
        }
        return self.head(data, rows: count)
    }

    // MARK: the consumer of rows, shared by every format

    struct Consumer: @unchecked Sendable {
        var reader: RowReader
        let resolution: Resolution
        let keep: Bool
        let maxProblems: Int
        let municipality: Int?
        var schools: [String: School] = [:]
        var rows = 0
        var problems: [ImportProblem] = []
        var truncated = false

        init(layout: ResultsLayout, file: String, resolution: Resolution, keep: Bool, maxProblems: Int) {
            reader = RowReader(layout: layout, file: file)
            self.resolution = resolution
            self.keep = keep
            self.maxProblems = maxProblems
            municipality = layout.index(.municipality)
        }

        mutating func consume(_ cells: [String], line: Int) {
            consume(cells, line: line) { c in c < cells.count ? cells[c] : "" }
        }

        /// `value(c)` reads column `c` even when the stream skipped it.
        mutating func consume(_ cells: [String], line: Int, value: (Int) -> String) {
            var local: [ImportProblem] = []
            let read = reader.read(cells, line: line, problems: &local)
            for p in local { if problems.count < maxProblems { problems.append(p) } else { truncated = true } }
            guard var p = read else { return }
            rows += 1
            if p.mark == nil, !p.absent, let scale = resolution.scale, let primary = p.primary { p.mark = scale(primary) }
            let key = p.schoolLogin?.lowercased() ?? p.schoolName ?? ""
            if schools[key] == nil {
                // Name and municipality are read once per school (the stream skips them on other rows).
                let layout = reader.layout
                func text(_ c: Int?) -> String? {
                    guard let c, c < cells.count else { return nil }
                    let v = value(c).trimmingCharacters(in: .whitespaces)
                    return v.isEmpty ? nil : v
                }
                schools[key] = School(key: key, name: p.schoolName ?? text(layout.index(.school)), municipality: text(municipality),
                                      sums: ResultsAccumulator(tasks: layout.tasks, maxPrimary: layout.maxPrimary), firstLine: line)
            }
            schools[key]?.add(p, keep: keep)
        }

        /// Joins the consumer of the part of the file that follows this one.
        mutating func merge(_ later: Consumer, file: String) {
            // A participant in both parts is a duplicate neither could see alone.
            for (school, codes) in later.reader.seen {
                guard let earlier = reader.seen[school] else { continue }
                for (code, line) in codes.sorted(by: { $0.value < $1.value }) {
                    if let first = earlier[code] {
                        problems.append(ImportProblem(file: file, row: line, column: reader.layout.index(.code).map { reader.layout.header[$0] },
                                                      message: "участник «\(code)» уже есть в строке \(first)."))
                    }
                }
            }
            problems += later.problems
            truncated = truncated || later.truncated || problems.count > maxProblems
            problems = Array(problems.prefix(maxProblems))
            rows += later.rows
            for (key, s) in later.schools {
                if schools[key] == nil { schools[key] = s } else { schools[key]?.merge(s) }
            }
        }
    }

    /// The outcome of consumed rows: maxima settled, warnings said.
    static func finish(_ consumers: [Consumer], layout: ResultsLayout, file: String) -> Outcome {
        var all = consumers[0]
        for c in consumers.dropFirst() { all.merge(c, file: file) }
        var top = Array(repeating: 0.0, count: layout.tasks.count)
        for s in all.schools.values { for (i, v) in s.sums.sums.taskTop.enumerated() where i < top.count { top[i] = max(top[i], v) } }
        let tasks = layout.settledTasks(top: top)
        var outcome = Outcome(layout: layout, tasks: tasks, maxPrimary: layout.maxPrimary ?? (tasks.isEmpty ? nil : tasks.reduce(0) { $0 + $1.maxScore }))
        for (key, var s) in all.schools {
            s.sums.tasks = tasks
            for c in s.classes.keys { s.classes[c]?.tasks = tasks }
            outcome.schools[key] = s
        }
        outcome.rows = all.rows
        outcome.problems = all.problems.sorted { ($0.row ?? 0) < ($1.row ?? 0) }
        outcome.truncated = all.truncated
        let rescored = consumers.reduce(0) { $0 + $1.reader.rescored }
        outcome.warnings = RowReader.rescoredWarning(count: rescored, lines: consumers.flatMap(\.reader.rescoredLines)) + ResultsLayout.maximaNote(tasks)
        if outcome.rows == 0 && outcome.problems.isEmpty {
            outcome.problems.append(ImportProblem(file: file, row: nil, column: nil, message: "в файле нет ни одного участника."))
        }
        return outcome
    }

    /// The layout from the first rows, resolved by the caller, or what stops the file.
    static func layout(_ head: [[String]], file: String, mapping: ColumnMapping, resolve: (inout ResultsLayout) -> Resolution)
        -> (ResultsLayout, Resolution)? {
        guard var layout = ResultsLayout.detect(head, mapping: mapping) else { return nil }
        var resolution = resolve(&layout)
        layout.applyReference(resolution.reference)
        resolution.reference = []
        return (layout, resolution)
    }

    static func stopped(_ layout: ResultsLayout?, file: String, resolution: Resolution?) -> Outcome? {
        guard let layout, let resolution else {
            return Outcome(problems: [ImportProblem(file: file, row: nil, column: nil,
                message: "не найдена строка заголовка: нужны столбцы «Код участника», «ОО» и заданий вида «1 (2б)» или «балл за 1» (или ответов участников).")])
        }
        let missing = layout.missing(schoolGiven: resolution.schoolGiven)
        if !missing.isEmpty || !layout.unknown.isEmpty {
            return Outcome(layout: layout, problems: missing.map { ImportProblem(file: file, row: layout.headerRow + 1, column: nil, message: $0 + ".") })
        }
        let maxima = layout.maximumProblems(file: file)
        if !maxima.isEmpty { return Outcome(layout: layout, problems: maxima) }
        return nil
    }

    // MARK: CSV

    static func csv(_ all: UnsafeBufferPointer<UInt8>, fileName: String, mapping: ColumnMapping, maxProblems: Int, keep: Bool,
                    resolve: (inout ResultsLayout) -> Resolution) -> Outcome {
        let separator = CSV.detectSeparator(String(decoding: all.prefix(4096), as: UTF8.self)).asciiValue ?? UInt8(ascii: ";")
        var head: [[String]] = []
        CSV.forEachRow(all, separator: separator) { cells, _ in
            if head.count < 30 { head.append(cells) }
        } stop: { $0 >= 30 }
        let found = layout(head, file: fileName, mapping: mapping, resolve: resolve)
        if let stop = stopped(found?.0, file: fileName, resolution: found?.1) { return stop }
        guard var (layout, resolution) = found else { return Outcome() }
        if layout.hasAnswerStrings {
            var rows: [(Int, [String])] = []
            CSV.forEachRow(all, separator: separator) { cells, line in rows.append((line, cells)) } stop: { $0 > maxProtocolRows }
            if rows.count > maxProtocolRows { return tooLongProtocol(fileName) }
            return protocolRows(rows, layout: &layout, resolution: resolution, file: fileName, keep: keep, maxProblems: maxProblems)
        }
        // The body starts after the header's line.
        var bodyStart = 0, lines = 0
        while bodyStart < all.count && lines <= layout.headerRow {
            if all[bodyStart] == UInt8(ascii: "\n") { lines += 1 }
            bodyStart += 1
        }
        let firstLine = layout.headerRow + 2
        let cut = ResultsStream.split(all, from: bodyStart)
        let parts = [(bodyStart, cut), (cut, all.count)]
        let firstLines = [firstLine, firstLine + newlines(all, bodyStart, cut)]
        // Columns nothing needs are not decoded. A school's name and municipality (when a code
        // identifies the school) are decoded once per school, from the row that first names it.
        var skip = Array(repeating: false, count: layout.header.count)
        let coded = layout.index(.login) != nil || layout.index(.schoolCode) != nil
        for (c, column) in layout.columns {
            switch column {
            case .municipalityCode, .personal, .ignore, .sex, .municipality: skip[c] = true
            case .school: skip[c] = coded
            default: break
            }
        }
        let skipped = skip
        let results = Parts(count: 2)
        let shared = Shared(bytes: all)
        let fixed = layout, fixedResolution = resolution
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let (from, to) = parts[k]
            var consumer = Consumer(layout: fixed, file: fileName, resolution: fixedResolution, keep: keep, maxProblems: maxProblems)
            CSV.forEachRow(UnsafeBufferPointer(rebasing: shared.bytes[from..<to]), separator: separator, firstLine: firstLines[k], skip: skipped) { cells, line, value in
                consumer.consume(cells, line: line, value: value)
            }
            results.set(k, consumer)
        }
        return finish(results.all, layout: layout, file: fileName)
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

    /// The file's bytes, read (never written) by both halves.
    struct Shared: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }

    final class Parts: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [Consumer?]
        init(count: Int) { parts = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ part: Consumer) { lock.lock(); parts[i] = part; lock.unlock() }
        var all: [Consumer] { lock.lock(); defer { lock.unlock() }; return parts.compactMap { $0 } }
    }

    // MARK: XLSX and protocols

    static func xlsx(fileName: String, mapping: ColumnMapping, maxProblems: Int, keep: Bool, resolve: (inout ResultsLayout) -> Resolution,
                     rows: (([String], Int) throws -> Bool) throws -> Void) -> Outcome {
        withoutActuallyEscaping(resolve) { resolve in
            xlsxRows(fileName: fileName, mapping: mapping, maxProblems: maxProblems, keep: keep, resolve: resolve, rows: rows)
        }
    }

    private static func xlsxRows(fileName: String, mapping: ColumnMapping, maxProblems: Int, keep: Bool, resolve: @escaping (inout ResultsLayout) -> Resolution,
                                 rows: (([String], Int) throws -> Bool) throws -> Void) -> Outcome {
        var head: [(Int, [String])] = []
        var consumer: Consumer?
        var resolved: (ResultsLayout, Resolution)?
        var early: Outcome?
        var gathered: [(Int, [String])]?
        func start() -> Bool {
            let found = layout(head.map(\.1), file: fileName, mapping: mapping, resolve: resolve)
            if let stop = stopped(found?.0, file: fileName, resolution: found?.1) { early = stop; return false }
            guard let found else { return false }
            resolved = found
            if found.0.hasAnswerStrings {
                gathered = head
            } else {
                var c = Consumer(layout: found.0, file: fileName, resolution: found.1, keep: keep, maxProblems: maxProblems)
                for (line, cells) in head.dropFirst(found.0.headerRow + 1) { c.consume(cells, line: line) }
                consumer = c
            }
            return true
        }
        do {
            try rows { cells, line in
                if resolved == nil {
                    head.append((line, cells))
                    return head.count < 30 || start()
                }
                if gathered != nil {
                    gathered?.append((line, cells))
                    if (gathered?.count ?? 0) > maxProtocolRows { early = tooLongProtocol(fileName); return false }
                } else {
                    consumer?.consume(cells, line: line)
                }
                return true
            }
        } catch {
            return Outcome(problems: [ImportProblem(file: fileName, row: nil, column: nil, message: (error as? DocumentError)?.description ?? "книга не читается.")])
        }
        if let early { return early }
        if resolved == nil && !start() { return early ?? Outcome() }
        guard var (layout, resolution) = resolved else { return Outcome() }
        if let rows = gathered { return protocolRows(rows, layout: &layout, resolution: resolution, file: fileName, keep: keep, maxProblems: maxProblems) }
        guard let consumer else { return Outcome() }
        return finish([consumer], layout: layout, file: fileName)
    }

    /// A protocol is read twice (its tasks' maxima first), so its rows are held: a region's
    /// protocol of one subject is tens of thousands of rows, and this bounds what a file can make us hold.
    static let maxProtocolRows = 200_000

    static func tooLongProtocol(_ file: String) -> Outcome {
        Outcome(problems: [ImportProblem(file: file, row: nil, column: nil,
                                         message: "протокол длиннее 200 000 строк: разделите его по предметам или муниципалитетам.")])
    }

    /// ОГЭ/ЕГЭ protocols: a short task's maximum is the largest digit anywhere in the file.
    static func protocolRows(_ rows: [(Int, [String])], layout: inout ResultsLayout, resolution: Resolution, file: String, keep: Bool, maxProblems: Int) -> Outcome {
        let body = rows.filter { $0.0 > layout.headerRow + 1 }
        // One more than shown, to say the list is cut.
        let problems = AnswerStrings.tasks(of: body.map { (line: $0.0, cells: $0.1) }, layout: &layout, file: file, maxProblems: maxProblems + 1)
        var consumer = Consumer(layout: layout, file: file, resolution: resolution, keep: keep, maxProblems: maxProblems)
        consumer.problems = Array(problems.prefix(maxProblems))
        consumer.truncated = problems.count > maxProblems
        for (line, cells) in body { consumer.consume(cells, line: line) }
        return finish([consumer], layout: layout, file: file)
    }
}
