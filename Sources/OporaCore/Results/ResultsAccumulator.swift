/// Sums of a slice of results, added one participant at a time: the same figures as
/// `ResultsAnalysis.summarize`, in constant memory, so a region's million rows can be analysed
/// while they are read. `summarize` itself goes through this type, so there is one set of rules.
public struct ResultsAccumulator: Sendable {
    public let tasks: [AssessmentTask]
    public let maxPrimary: Double?
    var present = 0, absent = 0
    var marks = [0, 0, 0, 0]
    var primarySum = 0.0, primaryCount = 0
    var testSum = 0.0, testCount = 0
    var taskSum: [Double], taskCount: [Int]
    var objectivity = ResultsSummary.Objectivity()
    var histogram: [Int]
    var top: Int

    public init(tasks: [AssessmentTask], maxPrimary: Double?) {
        self.tasks = tasks
        self.maxPrimary = maxPrimary
        taskSum = Array(repeating: 0, count: tasks.count)
        taskCount = Array(repeating: 0, count: tasks.count)
        top = maxPrimary.map { Int($0.rounded(.up)) } ?? -1
        histogram = Array(repeating: 0, count: max(top, 0) + 1)
    }

    public mutating func add(_ p: ParticipantResult) {
        guard !p.absent else { absent += 1; return }
        present += 1
        if let m = p.mark, (2...5).contains(m) { marks[m - 2] += 1 }
        if let t = p.testScore { testSum += t; testCount += 1 }
        if let primary = p.primary {
            primarySum += primary
            primaryCount += 1
            var bin = max(Int(primary.rounded(.down)), 0)
            if maxPrimary != nil { bin = min(bin, top) } else if bin > top {
                top = bin
                histogram += Array(repeating: 0, count: top + 1 - histogram.count)
            }
            histogram[bin] += 1
        }
        for i in 0..<min(tasks.count, p.scores.count) {
            if let v = p.scores[i] { taskSum[i] += v; taskCount[i] += 1 }
        }
        if let m = p.mark, let j = p.journalMark {
            if m < j { objectivity.lower += 1 } else if m > j { objectivity.higher += 1 } else { objectivity.confirmed += 1 }
        }
    }

    /// Adds another slice's sums (the same test): how the halves of a file read in parallel join.
    public mutating func merge(_ other: ResultsAccumulator) {
        present += other.present
        absent += other.absent
        for i in marks.indices { marks[i] += other.marks[i] }
        primarySum += other.primarySum
        primaryCount += other.primaryCount
        testSum += other.testSum
        testCount += other.testCount
        for i in taskSum.indices where i < other.taskSum.count {
            taskSum[i] += other.taskSum[i]
            taskCount[i] += other.taskCount[i]
        }
        objectivity.lower += other.objectivity.lower
        objectivity.confirmed += other.objectivity.confirmed
        objectivity.higher += other.objectivity.higher
        if other.histogram.count > histogram.count { histogram += Array(repeating: 0, count: other.histogram.count - histogram.count) }
        for (i, n) in other.histogram.enumerated() { histogram[i] += n }
        top = max(top, other.top)
    }

    public func summary(_ thresholds: AnalysisThresholds = AnalysisThresholds()) -> ResultsSummary {
        var rates: [Double?] = [], notMastered: [Bool] = []
        for (i, t) in tasks.enumerated() {
            let rate = taskCount[i] == 0 || t.maxScore == 0 ? nil : taskSum[i] / (t.maxScore * Double(taskCount[i]))
            rates.append(rate)
            let threshold = t.level == .advanced ? thresholds.advancedMastery : thresholds.basicMastery
            notMastered.append(rate.map { $0 < threshold } ?? false)
        }
        var markCounts: [Int: Int] = [:]
        for (i, n) in marks.enumerated() where n > 0 { markCounts[i + 2] = n }
        return ResultsSummary(participants: present, absent: absent, marks: markCounts,
                              meanPrimary: primaryCount == 0 ? nil : primarySum / Double(primaryCount),
                              solveRates: rates, notMastered: notMastered, objectivity: objectivity,
                              histogram: top < 0 ? [0] : histogram, meanTestScore: testCount == 0 ? nil : testSum / Double(testCount))
    }
}
