import Foundation

enum Formatting {
    /// dd.MM.yyyy HH:mm in Moscow time, which is how officials read timestamps.
    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func p(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(p(c.day)).\(p(c.month)).\(c.year ?? 0) \(p(c.hour)):\(p(c.minute))"
    }
}
