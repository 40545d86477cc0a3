import Foundation

/// A calendar date without time or zone: orders, deadlines and lists are dated by day.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Years a date typed or imported may have: every order and deadline Opora keeps falls here,
    /// and date arithmetic on them can never overflow («01.01.9223372036854775807» is refused).
    public static let readableYears = 1900...2200

    /// Reads «13.05.2024», «13.05.2024 г.» and ISO «2024-05-13».
    public init?(parsing text: String) {
        guard let date = Self.read(text), Self.readableYears.contains(date.year) else { return nil }
        self = date
    }

    private static func read(_ text: String) -> LocalDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "г.", with: "").trimmingCharacters(in: .whitespaces)
        let dotted = t.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }
        if dotted.count == 3, let d = Int(dotted[0]), let m = Int(dotted[1]), let y = Int(dotted[2]) {
            return LocalDate(year: y >= 0 && y < 100 ? 2000 + y : y, month: m, day: d)
        }
        let iso = t.split(separator: "-")
        if iso.count == 3, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
            return LocalDate(year: y, month: m, day: d)
        }
        return nil
    }

    /// dd.MM.yyyy, as every Russian official document writes it.
    public var russian: String { "\(Self.pad(day)).\(Self.pad(month)).\(year)" }
    public var iso: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }
    public var description: String { russian }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = LocalDate(parsing: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "Not a date: \(s)")
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
