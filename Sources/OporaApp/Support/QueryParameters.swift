import Vapor

/// Numbers from the query string, bounded before any arithmetic: `year=9223372036854775807`
/// must be a clear 400, not an overflow that stops the process.
extension Request {
    /// Years a page can be asked for: wider than any list, roadmap or result, narrow enough that
    /// year arithmetic (windows, school years, partitions) can never overflow.
    static let askableYears = 1990...2100

    /// The year named `name` in the query string; nil when absent or empty, 400 when it is not a
    /// year Opora can hold.
    func queryYear(_ name: String) throws -> Int? {
        try queryInt(name, in: Self.askableYears, what: "год")
    }

    /// A whole number from the query string within `range`; nil when absent or empty, 400 when
    /// not a number or out of range.
    func queryInt(_ name: String, in range: ClosedRange<Int>, what: String = "число") throws -> Int? {
        guard let raw = query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard raw.count <= 12, let value = Int(raw), range.contains(value) else {
            throw PublicError(.badRequest, "Параметр «\(name)» в адресе: ожидается \(what) от \(range.lowerBound) до \(range.upperBound).")
        }
        return value
    }
}
