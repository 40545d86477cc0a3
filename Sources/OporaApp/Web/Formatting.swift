import Foundation

enum Formatting {
    /// A share 0…1 as «12,5 %»; «—» when there is none.
    static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f %%", $0 * 100).replacingOccurrences(of: ".", with: ",") } ?? "—"
    }

    /// dd.MM.yyyy HH:mm in Moscow time, which is how officials read timestamps.
    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func p(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(p(c.day)).\(p(c.month)).\(c.year ?? 0) \(p(c.hour)):\(p(c.minute))"
    }

    /// dd.MM.yyyy in Moscow time.
    static func date(_ date: Date) -> String { String(dateTime(date).prefix(10)) }
}
