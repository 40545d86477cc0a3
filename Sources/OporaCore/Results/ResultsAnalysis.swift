/// The figures of a slice of results (a class, a parallel, a school, a municipality, a region).
public struct ResultsSummary: Sendable, Equatable {
    public struct Objectivity: Sendable, Equatable {
        /// Test mark below / equal to / above the journal mark (понизили / подтвердили / повысили).
        public var lower = 0, confirmed = 0, higher = 0
        /// Present participants without a journal mark («нет отметки», «н/а», empty): not compared.
        public var withoutJournal = 0
        public var total: Int { lower + confirmed + higher }
        public func share(_ n: Int) -> Double { total == 0 ? 0 : Double(n) / Double(total) }
    }

    public var participants: Int
    public var absent: Int
    /// Count of marks 2…5.
    public var marks: [Int: Int]
    public var meanPrimary: Double?
    /// Share of points scored on each task (решаемость), 0…1; nil when nobody took it.
    public var solveRates: [Double?]
    /// Tasks below the mastery threshold of their level.
    public var notMastered: [Bool]
    public var objectivity: Objectivity
    /// Participants by primary score, index = score.
    public var histogram: [Int]
    /// ЕГЭ: mean score on the 100-point scale.
    public var meanTestScore: Double? = nil
    /// Participants with a primary score and no mark: the file has none and no conversion scale
    /// is loaded yet («нет шкалы перевода»).
    public var withoutMark = 0

    public func markShare(_ mark: Int) -> Double {
        let total = marks.values.reduce(0, +)
        return total == 0 ? 0 : Double(marks[mark] ?? 0) / Double(total)
    }
}

/// Thresholds of the analysis, documented and configurable: FIOCO's 2026 recommendations flag a
/// basic task below 57 % and an advanced one below 28.5 % as not mastered; a rise of the share of
/// «2» by 10 points or more against last year is negative dynamics.
public struct AnalysisThresholds: Sendable, Equatable, Codable {
    public var basicMastery = 0.57
    public var advancedMastery = 0.285
    public var negativeDynamicsPoints = 10.0
    /// A histogram bin at a mark boundary is a peak when it holds at least this many times the
    /// mean of its two neighbours (and at least `minimumPeak` participants).
    public var peakRatio = 1.5
    public var minimumPeak = 5
    /// A school is flagged when this share or more of its participants lowered or raised their journal mark.
    public var mismatchShare = 0.35
    public init() {}
}

public enum ResultsAnalysis {
    public static func summarize(_ participants: [ParticipantResult], tasks: [AssessmentTask], maxPrimary: Double?,
                                 thresholds: AnalysisThresholds = AnalysisThresholds()) -> ResultsSummary {
        var acc = ResultsAccumulator(tasks: tasks, maxPrimary: maxPrimary)
        for p in participants { acc.add(p) }
        return acc.summary(thresholds)
    }

    /// Scores at the mark boundaries (the lowest score of each mark above «2») whose bin is a peak.
    public static func boundaryPeaks(histogram: [Int], boundaries: [Int], thresholds: AnalysisThresholds = AnalysisThresholds()) -> [Int] {
        boundaries.filter { b in
            guard b > 0, b < histogram.count else { return false }
            let left = histogram[b - 1]
            let right = b + 1 < histogram.count ? histogram[b + 1] : left
            let neighbours = Double(left + right) / 2
            return histogram[b] >= thresholds.minimumPeak && Double(histogram[b]) >= thresholds.peakRatio * max(neighbours, 1)
        }
    }

    /// The mark boundaries a file itself shows: for each mark above «2», the lowest primary score
    /// that received it (used when no official conversion scale is loaded).
    public static func observedBoundaries(_ participants: [ParticipantResult]) -> [Int] {
        (3...5).compactMap { m in participants.filter { $0.mark == m }.compactMap(\.primary).min().map { Int($0) } }
    }

    /// The same, from stored sums.
    public static func observedBoundaries(_ sums: ResultsSums) -> [Int] {
        sums.lowestPrimary.compactMap { $0.map { Int($0) } }
    }

    /// Negative dynamics: the share of «2» rose by the threshold or more (in percentage points).
    public static func negativeDynamics(twosNow: Double, twosLastYear: Double, thresholds: AnalysisThresholds = AnalysisThresholds()) -> Bool {
        (twosNow - twosLastYear) * 100 >= thresholds.negativeDynamicsPoints - 1e-9
    }
}
