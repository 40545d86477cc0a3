import Foundation

/// Reads the deadline phrases officials write into roadmaps. Conservative by design: a phrase
/// it does not fully understand is `.unrecognized` (kept as text, flagged), never guessed.
public enum DeadlineParser {
    public static func parse(_ raw: String) -> Schedule {
        let original = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let s = normalize(raw)
        guard !s.isEmpty else { return .unrecognized }

        // 1. No fixed date: the timing depends on something outside the roadmap.
        let noFixed = ["по отдельному графику", "по графику", "по плану", "по запросу", "с запросом", "запросу", "по мере", "по необходимости", "после "]
        if noFixed.contains(where: { s.contains($0) }) {
            return .noFixedDate(reason: original)
        }
        // 2. School quarters.
        if s.contains("четверт") && !s.contains("квартал") {
            if let r = s.range(of: #"до (\S+) четверти"#, options: .regularExpression) {
                let word = s[r].split(separator: " ")[1]
                if let n = ordinal(String(word)) { return .beforeQuarter(n) }
                return .unrecognized
            }
            if s.contains("итогам") || s.contains("окончани") || s.contains("ежечетверт") || s.contains("каждой четверти") {
                return .quarterEnds
            }
            return .unrecognized
        }
        // 3. Recurring: on a day of every month, or every few months.
        if let day = monthlyDay(s) { return .monthlyBy(day: day) }
        if let n = recurringMonths(s) { return .every(months: n) }
        // Calendar quarters and half-years, before «в течение …» (which would read the whole period).
        if s.contains("квартал") || s.contains("полугоди") { return quarterOrHalf(s) }
        // 4. Explicit numeric dates: «05.11.2020», «до 05.11. 2020».
        let numeric = matches(#"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4}|\d{2})\b"#, in: s).compactMap { g -> LocalDate? in
            guard let d = Int(g[1]), let m = Int(g[2]), let y = Int(g[3]) else { return nil }
            return LocalDate(year: y < 100 ? 2000 + y : y, month: m, day: d)
        }
        if let latest = numeric.max() { return .until(latest) }
        // 5. A day and a month in words: «до 20 февраля 2024 г.», «до 1 марта».
        let worded = matches(#"\b(\d{1,2})\s+([а-я]+)(?:\s+(\d{4}))?"#, in: s).compactMap { g -> (Int, Int, Int?)? in
            guard let d = Int(g[1]), let m = Months.number(g[2]) else { return nil }
            return (d, m, g[3].isEmpty ? nil : Int(g[3]))
        }
        if let last = worded.last {
            if let y = last.2 ?? yearIn(s), let date = LocalDate(year: y, month: last.1, day: last.0) { return .until(date) }
            return .unrecognized
        }
        // 6. Throughout the period.
        if s.hasPrefix("в течение") || s.contains("постоянно") || s.contains("весь период") || s.contains("всего периода") {
            return .throughout
        }
        // 7. Months: ranges and lists.
        if let months = monthSchedule(s) { return months }
        // 8. A year alone: «до конца 2024 года», «2024 год».
        if let y = yearIn(s), s.range(of: #"^(до конца )?\d{4}( год[а]?)?$"#, options: .regularExpression) != nil {
            return .until(LocalDate(year: y, month: 12, day: 31)!)
        }
        return .unrecognized
    }

    static func normalize(_ raw: String) -> String {
        var s = raw.lowercased().replacingOccurrences(of: "ё", with: "е")
        for dash in ["–", "—", "−", "‑"] { s = s.replacingOccurrences(of: dash, with: "-") }
        s = s.replacingOccurrences(of: "\u{00A0}", with: " ")
        s = s.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        // «2024 г.», «2024г», «2024 года» — the year marker carries no meaning here.
        s = s.replacingOccurrences(of: #"(\d{4})\s*(гг?\.?|года|год)(?=[\s,;.)-]|$)"#, with: "$1", options: .regularExpression)
        return s.trimmingCharacters(in: edgePunctuation)
    }

    /// Built once (see `ResultsColumns.key`): this runs for every deadline of every measure.
    private static let edgePunctuation = CharacterSet(charactersIn: " .,;")

    static func ordinal(_ word: String) -> Int? {
        let w = word.replacingOccurrences(of: "-й", with: "").replacingOccurrences(of: "-ой", with: "")
        if let n = Int(w), (1...4).contains(n) { return n }
        // Roman numerals exactly («iii» must not be read as «ii» followed by something).
        if let n = ["i": 1, "ii": 2, "iii": 3, "iv": 4][w] { return n }
        let words: [(String, Int)] = [("перв", 1), ("втор", 2), ("трет", 3), ("четверт", 4)]
        return words.first { w.hasPrefix($0.0) }?.1
    }

    static let numberWords = ["один": 1, "одного": 1, "два": 2, "двух": 2, "две": 2, "три": 3, "трех": 3, "четыре": 4, "шесть": 6, "шести": 6]

    static func recurringMonths(_ s: String) -> Int? {
        if s.contains("ежеквартально") || s.contains("поквартально") || s.contains("раз в квартал") { return 3 }
        if s.contains("ежемесячно") || s.range(of: #"раза? в месяц"#, options: .regularExpression) != nil { return 1 }
        if s.contains("раз в полугодие") || s.contains("раз в полгода") || s.contains("2 раза в год") || s.contains("два раза в год") { return 6 }
        if s.contains("ежегодно") || s.range(of: #"\b(1|один) раз в год"#, options: .regularExpression) != nil { return 12 }
        if let g = matches(#"раза? в (\d+|[а-я]+) месяц"#, in: s).first {
            if let n = Int(g[1]) ?? numberWords[g[1]], n > 0, n <= 12 { return n }
        }
        return nil
    }

    /// «ежемесячно до 25 числа», «до 5-го числа каждого месяца», «ежемесячно, не позднее 10 числа».
    static func monthlyDay(_ s: String) -> Int? {
        guard s.contains("ежемесячно") || s.contains("каждого месяца") || s.contains("ежемесячного") else { return nil }
        guard let g = matches(#"(\d{1,2})(?:-?го)?\s+числа"#, in: s).first, let day = Int(g[1]), (1...31).contains(day) else { return nil }
        return day
    }

    /// «II квартал 2024 г.», «в IV квартале», «III–IV кварталы 2025 года», «в течение I полугодия 2025 г.».
    /// A quarter or half-year of the school year («I полугодие учебного года») and anything else
    /// not plainly a calendar one is left unread, never guessed.
    static func quarterOrHalf(_ s: String) -> Schedule {
        guard !s.contains("учебн"), !s.contains("отчетн"), !s.contains("следующ") else { return .unrecognized }
        let half = s.contains("полугоди")
        let unit = half ? "полугоди" : "квартал"
        let ordinalToken = #"(i{1,3}|iv|[1-4]|[а-я]+)(?:-?[а-я]{1,2})?"#
        let pattern = ordinalToken + #"(?:\s*(?:-|и|,)\s*"# + ordinalToken + #")?\s+"# + unit
        guard let g = matches(pattern, in: s).first, let first = ordinal(g[1]) else { return .unrecognized }
        let last = g[2].isEmpty ? first : (ordinal(g[2]) ?? 0)
        let count = half ? 2 : 4
        guard (1...count).contains(first), (first...count).contains(last) else { return .unrecognized }
        let span = half ? 6 : 3
        let year = yearIn(s)
        return .monthRange(from: MonthRef(month: (first - 1) * span + 1, year: year), to: MonthRef(month: last * span, year: year))
    }

    static func yearIn(_ s: String) -> Int? {
        matches(#"\b(19\d{2}|20\d{2})\b"#, in: s).first.flatMap { Int($0[1]) }
    }

    /// «январь - апрель 2024», «ноябрь 2020 - январь 2021», «май 2024, август 2024», «январь 2024».
    static func monthSchedule(_ s: String) -> Schedule? {
        // Tokens: words, years and dashes, in order.
        let tokens = matches(#"([а-я]+|\d{4}|-)"#, in: s).map { $0[1] }
        var refs: [(month: Int, year: Int?)] = []
        var dashBetween = false
        var sawDash = false
        var other = false
        for t in tokens {
            if t == "-" { if !refs.isEmpty { sawDash = true }; continue }
            if let y = Int(t) {
                if let last = refs.last, last.year == nil { refs[refs.count - 1].year = y } else { other = true }
                continue
            }
            if let m = Months.number(t) {
                if sawDash && refs.count == 1 { dashBetween = true }
                refs.append((m, nil))
                continue
            }
            if ["в", "с", "по", "и", "до", "конец", "конца", "месяц", "месяцы", "период", "течение"].contains(t) { continue }
            other = true
        }
        guard !refs.isEmpty, !other else { return nil }
        if dashBetween && refs.count == 2 {
            var from = MonthRef(month: refs[0].month, year: refs[0].year)
            let to = MonthRef(month: refs[1].month, year: refs[1].year)
            if from.year == nil, let y = to.year {
                // «ноябрь - январь 2021»: the first month belongs to the year before.
                from = MonthRef(month: from.month, year: from.month <= to.month ? y : y - 1)
            }
            return .monthRange(from: from, to: to)
        }
        // A list whose last month carries the year gives it to those before it: «май, август 2024».
        let lastYear = refs.last?.year
        return .months(refs.map { MonthRef(month: $0.month, year: $0.year ?? lastYear) })
    }

    /// All matches of a pattern; each as the array of its capture groups ("" for a missing group).
    public static func matches(_ pattern: String, in s: String) -> [[String]] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = s as NSString
        return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { i in
                let r = m.range(at: i)
                return r.location == NSNotFound ? "" : ns.substring(with: r)
            }
        }
    }
}
