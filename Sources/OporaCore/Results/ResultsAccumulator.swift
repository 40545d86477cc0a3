/// The sums a slice of results needs for every figure, and nothing else: what the import stores
/// per school and per class, so pages and reports read a thousand small records instead of a
/// million participants. Adding two slices' sums gives the sums of both.
public struct ResultsSums: Sendable, Equatable, Codable {
    public var present = 0, absent = 0
    /// Counts of marks 2, 3, 4, 5.
    public var marks = [0, 0, 0, 0]
    public var primarySum = 0.0, primaryCount = 0
    public var testSum = 0.0, testCount = 0
    /// Per task: points scored and participants who took it.
    public var taskSum: [Double]
    public var taskCount: [Int]
    /// Per task: the largest score seen (a task's maximum when nothing else gives it).
    public var taskTop: [Double]
    public var lower = 0, confirmed = 0, higher = 0
    /// Present participants without a journal mark: outside понизили / подтвердили / повысили.
    public var withoutJournal = 0
    /// Present participants with a primary score but no mark (no conversion scale yet).
    public var withoutMark = 0
    /// Participants by primary score, index = score (rounded down).
    public var histogram: [Int]
    /// Per mark 3, 4, 5: the lowest primary score that received it (the boundaries the file shows).
    public var lowestPrimary: [Double?] = [nil, nil, nil]

    public init(tasks: Int, histogramSize: Int = 1) {
        taskSum = Array(repeating: 0, count: tasks)
        taskCount = Array(repeating: 0, count: tasks)
        taskTop = Array(repeating: 0, count: tasks)
        histogram = Array(repeating: 0, count: max(histogramSize, 1))
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        present = try c.decode(Int.self, forKey: .present)
        absent = try c.decode(Int.self, forKey: .absent)
        marks = try c.decode([Int].self, forKey: .marks)
        primarySum = try c.decode(Double.self, forKey: .primarySum)
        primaryCount = try c.decode(Int.self, forKey: .primaryCount)
        testSum = try c.decode(Double.self, forKey: .testSum)
        testCount = try c.decode(Int.self, forKey: .testCount)
        taskSum = try c.decode([Double].self, forKey: .taskSum)
        taskCount = try c.decode([Int].self, forKey: .taskCount)
        taskTop = try c.decodeIfPresent([Double].self, forKey: .taskTop) ?? Array(repeating: 0, count: taskSum.count)
        lower = try c.decode(Int.self, forKey: .lower)
        confirmed = try c.decode(Int.self, forKey: .confirmed)
        higher = try c.decode(Int.self, forKey: .higher)
        withoutJournal = try c.decodeIfPresent(Int.self, forKey: .withoutJournal) ?? 0
        withoutMark = try c.decodeIfPresent(Int.self, forKey: .withoutMark) ?? 0
        histogram = try c.decode([Int].self, forKey: .histogram)
        lowestPrimary = try c.decodeIfPresent([Double?].self, forKey: .lowestPrimary) ?? [nil, nil, nil]
    }

    public mutating func merge(_ o: ResultsSums) {
        present += o.present
        absent += o.absent
        for i in marks.indices { marks[i] += o.marks[i] }
        primarySum += o.primarySum
        primaryCount += o.primaryCount
        testSum += o.testSum
        testCount += o.testCount
        if o.taskSum.count > taskSum.count {
            let more = o.taskSum.count - taskSum.count
            taskSum += Array(repeating: 0, count: more)
            taskCount += Array(repeating: 0, count: more)
            taskTop += Array(repeating: 0, count: more)
        }
        for i in o.taskSum.indices {
            taskSum[i] += o.taskSum[i]
            taskCount[i] += o.taskCount[i]
            if i < o.taskTop.count { taskTop[i] = max(taskTop[i], o.taskTop[i]) }
        }
        lower += o.lower
        confirmed += o.confirmed
        higher += o.higher
        withoutJournal += o.withoutJournal
        withoutMark += o.withoutMark
        if o.histogram.count > histogram.count { histogram += Array(repeating: 0, count: o.histogram.count - histogram.count) }
        for (i, n) in o.histogram.enumerated() { histogram[i] += n }
        for i in 0..<3 {
            switch (lowestPrimary[i], o.lowestPrimary[i]) {
            case (nil, let b): lowestPrimary[i] = b
            case (let a?, let b?): lowestPrimary[i] = min(a, b)
            default: break
            }
        }
    }
}

/// Sums of a slice of results, added one participant at a time: the same figures as
/// `ResultsAnalysis.summarize`, in constant memory, so a region's million rows can be analysed
/// while they are read. `summarize` itself goes through this type, so there is one set of rules.
public struct ResultsAccumulator: Sendable {
    /// The test's tasks; their maxima may be settled after the file is read (from the largest
    /// score seen), which only the summary needs.
    public var tasks: [AssessmentTask]
    public let maxPrimary: Double?
    public private(set) var sums: ResultsSums

    public init(tasks: [AssessmentTask], maxPrimary: Double?) {
        self.tasks = tasks
        self.maxPrimary = maxPrimary
        let top = min(maxPrimary.map { Int($0.rounded(.up)) } ?? 0, Self.maxBin)
        sums = ResultsSums(tasks: tasks.count, histogramSize: top + 1)
    }

    /// Stored sums read back.
    public init(tasks: [AssessmentTask], maxPrimary: Double?, sums: ResultsSums) {
        self.tasks = tasks
        self.maxPrimary = maxPrimary
        self.sums = sums
    }

    public var present: Int { sums.present }

    /// The last histogram bin: primary scores run to a few dozen, test scores to 100.
    static let maxBin = 1_000

    public mutating func add(_ p: ParticipantResult) {
        guard !p.absent else { sums.absent += 1; return }
        sums.present += 1
        if let m = p.mark, (2...5).contains(m) {
            sums.marks[m - 2] += 1
            if m > 2, let primary = p.primary { sums.lowestPrimary[m - 3] = min(sums.lowestPrimary[m - 3] ?? primary, primary) }
        } else if p.primary != nil {
            sums.withoutMark += 1
        }
        if let t = p.testScore { sums.testSum += t; sums.testCount += 1 }
        if let primary = p.primary {
            sums.primarySum += primary
            sums.primaryCount += 1
            // A known maximum bounds the bins, else a bound above any test's: a score above it
            // goes to the last bin, so no score can make the histogram (per school, per class) huge.
            let top = min(maxPrimary.map { Int($0.rounded(.up)) } ?? Self.maxBin, Self.maxBin)
            let bin = min(max(Int(primary.rounded(.down)), 0), top)
            if bin >= sums.histogram.count { sums.histogram += Array(repeating: 0, count: bin + 1 - sums.histogram.count) }
            sums.histogram[bin] += 1
        }
        for i in 0..<min(tasks.count, p.scores.count) {
            if let v = p.scores[i] {
                sums.taskSum[i] += v
                sums.taskCount[i] += 1
                if v > sums.taskTop[i] { sums.taskTop[i] = v }
            }
        }
        if let m = p.mark, let j = p.journalMark {
            if m < j { sums.lower += 1 } else if m > j { sums.higher += 1 } else { sums.confirmed += 1 }
        } else if p.journalMark == nil {
            sums.withoutJournal += 1
        }
    }

    /// Adds another slice's sums (the same test): how the halves of a file read in parallel join.
    public mutating func merge(_ other: ResultsAccumulator) { sums.merge(other.sums) }
    public mutating func merge(_ other: ResultsSums) { sums.merge(other) }

    public func summary(_ thresholds: AnalysisThresholds = AnalysisThresholds()) -> ResultsSummary {
        var rates: [Double?] = [], notMastered: [Bool] = []
        for (i, t) in tasks.enumerated() {
            let count = i < sums.taskCount.count ? sums.taskCount[i] : 0
            let rate = count == 0 || t.maxScore == 0 ? nil : sums.taskSum[i] / (t.maxScore * Double(count))
            rates.append(rate)
            let threshold = t.level == .advanced ? thresholds.advancedMastery : thresholds.basicMastery
            notMastered.append(rate.map { $0 < threshold } ?? false)
        }
        var markCounts: [Int: Int] = [:]
        for (i, n) in sums.marks.enumerated() where n > 0 { markCounts[i + 2] = n }
        var objectivity = ResultsSummary.Objectivity()
        objectivity.lower = sums.lower
        objectivity.confirmed = sums.confirmed
        objectivity.higher = sums.higher
        objectivity.withoutJournal = sums.withoutJournal
        var histogram = sums.histogram
        while histogram.count > 1 && histogram.last == 0 && maxPrimary.map({ histogram.count > Int($0.rounded(.up)) + 1 }) ?? true { histogram.removeLast() }
        return ResultsSummary(participants: sums.present, absent: sums.absent, marks: markCounts,
                              meanPrimary: sums.primaryCount == 0 ? nil : sums.primarySum / Double(sums.primaryCount),
                              solveRates: rates, notMastered: notMastered, objectivity: objectivity,
                              histogram: histogram, meanTestScore: sums.testCount == 0 ? nil : sums.testSum / Double(sums.testCount),
                              withoutMark: sums.withoutMark)
    }
}

extension ResultsSums {
    /// A compact text form for storage: a thousand schools' sums are read back in milliseconds
    /// (JSON took a hundred times longer). Groups separated by «|», numbers by spaces; «-» is none.
    public var text: String {
        func n(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
        let head = [present, absent] + marks + [primaryCount, testCount, lower, confirmed, higher, withoutJournal, withoutMark]
        return "1 " + head.map(String.init).joined(separator: " ") + " " + n(primarySum) + " " + n(testSum)
            + "|" + taskSum.map(n).joined(separator: " ")
            + "|" + taskCount.map(String.init).joined(separator: " ")
            + "|" + taskTop.map(n).joined(separator: " ")
            + "|" + histogram.map(String.init).joined(separator: " ")
            + "|" + lowestPrimary.map { $0.map(n) ?? "-" }.joined(separator: " ")
    }

    public init?(text: String) {
        let groups = text.split(separator: "|", omittingEmptySubsequences: false)
        guard groups.count == 6 else { return nil }
        let head = groups[0].split(separator: " ")
        guard head.count == 16, head[0] == "1" else { return nil }
        let ints = head[1...13].compactMap { Int($0) }
        guard ints.count == 13, let ps = Double(head[14]), let ts = Double(head[15]) else { return nil }
        func doubles(_ g: Substring) -> [Double] { g.split(separator: " ").compactMap { Double($0) } }
        func integers(_ g: Substring) -> [Int] { g.split(separator: " ").compactMap { Int($0) } }
        present = ints[0]; absent = ints[1]
        marks = Array(ints[2...5])
        primaryCount = ints[6]; testCount = ints[7]
        lower = ints[8]; confirmed = ints[9]; higher = ints[10]
        withoutJournal = ints[11]; withoutMark = ints[12]
        primarySum = ps; testSum = ts
        taskSum = doubles(groups[1])
        taskCount = integers(groups[2])
        taskTop = doubles(groups[3])
        histogram = integers(groups[4])
        if histogram.isEmpty { histogram = [0] }
        let lowest = groups[5].split(separator: " ").map { Double($0) }
        lowestPrimary = lowest.count == 3 ? lowest : [nil, nil, nil]
        guard taskCount.count == taskSum.count, taskTop.count == taskSum.count else { return nil }
    }
}

extension ResultsSums {
    /// Participants with a mark (2–5).
    public var marked: Int { marks.reduce(0, +) }
    /// Share of «2» among those with a mark; nil without marks.
    public var twosShare: Double? { marked == 0 ? nil : Double(marks[0]) / Double(marked) }
    /// Mean mark; nil without marks.
    public var meanMark: Double? {
        marked == 0 ? nil : Double(marks.enumerated().reduce(0) { $0 + ($1.offset + 2) * $1.element }) / Double(marked)
    }
}
