import Foundation

/// A deterministic region-sized ВПР year in the ФИС ОКО layout, for the benchmark and its
/// agreement check: the same seed gives the same bytes on every machine. Schools differ in
/// strength; some inflate marks at the boundaries and some disagree with their journals, so
/// the objectivity figures have something to find. Real export shapes: 3 % of participants are
/// absent (half «отсутствовал», half «вариант» 0 with nothing else), 2 % of tasks are not taken
/// («X», «Х» or «не пройд.»), 2 % of journal marks are «нет отметки», and one paper in 200 was
/// rescored (its total is one above the sum of its tasks).
public struct ResultsGenerator {
    public let schools: Int
    public let participants: Int
    public let seed: UInt64
    /// The year the file is for (its title and date).
    public var year = 2025
    /// The schools' ФИС ОКО logins; by default «edu100001», «edu100002», …
    public var logins: [String]?
    /// Task maxima and levels of «ВПР 2025 Математика 5 класс» as generated: 15 tasks, 20 points.
    public static let maxima: [Int] = [1, 1, 1, 1, 1, 2, 1, 1, 2, 1, 2, 1, 1, 2, 2]
    public static let advanced: Set<Int> = [10, 12, 13, 14]
    /// The conversion scale the marks follow: «3» from 5, «4» from 10, «5» from 15.
    public static let boundaries = (three: 5, four: 10, five: 15)

    public init(schools: Int, participants: Int, seed: UInt64 = 2025) {
        self.schools = max(1, schools)
        self.participants = max(1, participants)
        self.seed = seed
    }

    /// SplitMix64: tiny, fast and identical everywhere (also the fuzzer's generator).
    public struct Random: RandomNumberGenerator, Sendable {
        var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    static func mark(_ primary: Int) -> Int {
        primary >= boundaries.five ? 5 : primary >= boundaries.four ? 4 : primary >= boundaries.three ? 3 : 2
    }

    /// Writes the file through `write`, about a megabyte at a time.
    public func generate(_ write: (Data) throws -> Void) rethrows {
        var out = [UInt8]()
        out.reserveCapacity(1 << 20)
        func line(_ s: String) { out.append(contentsOf: s.utf8); out.append(13); out.append(10) }
        let total = Self.maxima.reduce(0, +)
        let tasks = Self.maxima.count
        line("ВПР \(year) Математика 5 класс")
        line("Предмет: Математика")
        line("Максимальный первичный балл: \(total)")
        line("Дата: 15.04.\(year)")
        line(String(repeating: ";", count: 6) + (0..<tasks).map { Self.advanced.contains($0) ? "П" : "Б" }.joined(separator: ";") + ";;;")
        line("ОО;Муниципалитет;Название ОО;Код участника;Класс;Вариант;"
             + Self.maxima.enumerated().map { "\($0.offset + 1) (\($0.element)б)" }.joined(separator: ";") + ";Первичный балл;Отметка;Отметка по журналу")
        var random = Random(state: seed)
        let letters = ["А", "Б", "В", "Г"]
        for s in 0..<schools {
            let strength = 0.25 + 0.6 * random.unit()
            let inflates = random.unit() < 0.08
            let lenient = random.unit() < 0.15
            let login = logins.map { $0[s % max(1, $0.count)] } ?? "edu\(100001 + s)"
            let prefix = "\(login);Муниципалитет \(String(format: "%03d", s / 20 + 1));МБОУ СОШ № \(s + 1);"
            let count = participants / schools + (s < participants % schools ? 1 : 0)
            for n in 0..<count {
                var row = prefix + "\(1_000_000 + s * 10_000 + n);5\(letters[n % 4]);\(n % 2 + 1);"
                let journal = 2 + Int(random.unit() * 3.999)
                let journalText = random.unit() < 0.02 ? "нет отметки" : "\(journal)"
                if random.unit() < 0.03 {
                    if n % 2 == 0 {
                        row += String(repeating: ";", count: tasks) + "отсутствовал;;\(journalText)"
                    } else {
                        // «вариант» 0: the participant did not write; nothing else is filled in.
                        row = prefix + "\(1_000_000 + s * 10_000 + n);5\(letters[n % 4]);0;" + String(repeating: ";", count: tasks) + ";;\(journalText)"
                    }
                    line(row); continue
                }
                let ability = min(0.97, max(0.03, strength + (random.unit() - 0.5) * 0.5))
                var scores = [Int?](repeating: nil, count: tasks)
                for (t, maxScore) in Self.maxima.enumerated() where random.unit() >= 0.02 {
                    var score = 0
                    for _ in 0..<maxScore where random.unit() < ability { score += 1 }
                    scores[t] = score
                }
                var primary = scores.reduce(0) { $0 + ($1 ?? 0) }
                // Inflating schools find the one point missing to a boundary: the peak the
                // objectivity check looks for.
                if inflates, [Self.boundaries.three, Self.boundaries.four].contains(primary + 1),
                   let t = scores.indices.first(where: { scores[$0].map { $0 < Self.maxima[$0] } ?? false }) {
                    scores[t] = (scores[t] ?? 0) + 1
                    primary += 1
                }
                for (t, score) in scores.enumerated() { row += score.map { "\($0);" } ?? ["X;", "Х;", "не пройд.;"][t % 3] }
                // A rescored paper: the total is the file's word, one above the tasks' sum.
                if random.unit() < 0.005 && primary < total { primary += 1 }
                let mark = Self.mark(primary)
                let journalMark = lenient ? min(5, mark + 1) : (random.unit() < 0.8 ? mark : journal)
                row += "\(primary);\(mark);\(journalText == "нет отметки" ? journalText : "\(journalMark)")"
                line(row)
                if out.count > 1 << 20 { try write(Data(out)); out.removeAll(keepingCapacity: true) }
            }
        }
        if !out.isEmpty { try write(Data(out)) }
    }
}
