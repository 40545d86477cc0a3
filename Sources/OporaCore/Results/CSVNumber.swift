import Foundation

/// Numbers as Russian files write them: decimal comma, spaces.
public enum CSVNumber {
    public static func parse(_ s: String) -> Double? {
        // Fast path for plain integers, which is nearly every cell of a results file.
        var value = 0, digits = 0
        for b in s.utf8 {
            guard b >= 48 && b <= 57, digits < 9 else { digits = -1; break }
            value = value * 10 + Int(b - 48)
            digits += 1
        }
        if digits > 0 { return Double(value) }
        // No digit at all («X», «не пройд.», «нет отметки»): not a number, without Foundation's
        // string replacing, which on a million rows cost seconds.
        guard s.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { return nil }
        let t = s.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: ".")
        // «1e300», «inf», «nan» are not numbers a file of scores or marks holds; bounding them here
        // keeps every caller's Int(…) and every histogram sized by a score safe.
        guard let d = Double(t), d.isFinite, abs(d) < limit else { return nil }
        return d
    }

    /// Larger than any score, mark, count or share a file of results or lists holds.
    public static let limit = 1e9

    public static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d).replacingOccurrences(of: ".", with: ",")
    }
}
