/// One school's membership in the yearly lists, as the dynamics table needs it.
public struct SchoolListRecord: Sendable, Equatable {
    public var schoolID: Int
    public var schoolName: String
    /// Sort key: schools are ordered by their number, then by name.
    public var schoolNumber: Int?
    public var lowResultYears: Set<Int>
    public var atRiskYears: Set<Int>

    public init(schoolID: Int, schoolName: String, schoolNumber: Int?, lowResultYears: Set<Int>, atRiskYears: Set<Int>) {
        self.schoolID = schoolID
        self.schoolName = schoolName
        self.schoolNumber = schoolNumber
        self.lowResultYears = lowResultYears
        self.atRiskYears = atRiskYears
    }
}

/// The «Динамика списка ШНОР» table of order 003: one row per school that was a ШНОР in any
/// year of the range or is at risk («предШНОР») in its last year, and a totals row.
public struct ListDynamics: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var schoolID: Int
        public var schoolName: String
        /// In the ШНОР list, by year of the range.
        public var inList: [Int: Bool]
        /// Times in the list over the rule's window ending at the range's last year; nil if never.
        public var times: Int?
        public var kind: ListHistoryKind?
        public var atRiskInLastYear: Bool
    }

    public let years: ClosedRange<Int>
    public let rule: ListHistoryRule
    public let rows: [Row]

    public init(records: [SchoolListRecord], years: ClosedRange<Int>, rule: ListHistoryRule = .default) {
        self.years = years
        self.rule = rule
        let last = years.upperBound
        let window = rule.window(endingAt: last)
        self.rows = records
            .filter { rec in
                rec.lowResultYears.contains(where: { years.contains($0) || window.contains($0) })
                    || rec.atRiskYears.contains(last)
            }
            .sorted { a, b in
                switch (a.schoolNumber, b.schoolNumber) {
                case let (x?, y?) where x != y: x < y
                case (nil, _?): false
                case (_?, nil): true
                default: naturalLess(a.schoolName, b.schoolName)
                }
            }
            .map { rec in
                let history = ListHistory(years: rec.lowResultYears)
                let times = history.times(in: window)
                return Row(
                    schoolID: rec.schoolID,
                    schoolName: rec.schoolName,
                    inList: Dictionary(uniqueKeysWithValues: years.map { ($0, rec.lowResultYears.contains($0)) }),
                    times: times > 0 ? times : nil,
                    kind: rule.kind(of: history, at: last),
                    atRiskInLastYear: rec.atRiskYears.contains(last)
                )
            }
    }

    /// The «Итого» row: schools in the list per year.
    public func total(in year: Int) -> Int { rows.filter { $0.inList[year] == true }.count }
    /// The «Итого» of the times column: the sum of times over all rows (8 in 003).
    public var totalTimes: Int { rows.reduce(0) { $0 + ($1.times ?? 0) } }
    public var atRiskCount: Int { rows.filter(\.atRiskInLastYear).count }

    public var timesHeader: String {
        "Количество раз в списке ШНОР за последние \(rule.windowYears) \(RussianPlural.form(rule.windowYears, "год", "года", "лет"))"
    }

    /// The table as text cells, header and totals included — the same grid for XLSX, CSV and HTML.
    public func grid() -> [[String]] {
        var out: [[String]] = []
        out.append(["№ п/п", "Наименование общеобразовательной организации"]
            + years.map { "ШНОР \($0)" }
            + [timesHeader, "Вид ШНОР", "ПредШНОР в \(years.upperBound) году"])
        var n = 0
        for row in rows {
            // The 003 table numbers only the schools that were ever on the list.
            let number: String
            if row.times != nil || row.inList.values.contains(true) { n += 1; number = "\(n)" } else { number = "" }
            out.append([number, row.schoolName]
                + years.map { row.inList[$0] == true ? "Да" : "" }
                + [row.times.map(String.init) ?? "", row.kind?.title ?? "", row.atRiskInLastYear ? "Да" : ""])
        }
        out.append(["Итого:", ""] + years.map { "\(total(in: $0))" } + ["\(totalTimes)", "", ""])
        return out
    }
}

/// Orders names so that «СОШ № 9» comes before «СОШ № 10».
public func naturalLess(_ a: String, _ b: String) -> Bool { NaturalKey(a) < NaturalKey(b) }

extension Sequence {
    /// Sorted by a name in natural order («№ 2» before «№ 10»), each name's key built once:
    /// comparing with `naturalLess` rebuilds both keys on every comparison, which on a list of
    /// 300 schools was a tenth of a page's time.
    public func sortedNaturally(by name: (Element) -> String) -> [Element] {
        map { (NaturalKey(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// Splits a string into text and number runs so numbers compare by value.
struct NaturalKey: Comparable {
    enum Part: Comparable { case number(Int), text(String) }
    let parts: [Part]
    init(_ s: String) {
        var parts: [Part] = []
        var digits = "", text = ""
        for ch in s.lowercased() {
            if ch.isNumber, let _ = ch.wholeNumberValue {
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                digits.append(ch)
            } else {
                if !digits.isEmpty { parts.append(.number(Int(digits) ?? 0)); digits = "" }
                text.append(ch)
            }
        }
        if !digits.isEmpty { parts.append(.number(Int(digits) ?? 0)) }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }
    static func < (l: NaturalKey, r: NaturalKey) -> Bool { l.parts.lexicographicallyPrecedes(r.parts) }
}
