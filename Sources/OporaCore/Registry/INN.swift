/// ИНН of an organisation: ten digits, the last one a check digit (Налоговый кодекс, приказ ФНС).
/// Checked so a mistyped ИНН is caught at import instead of splitting one school into two.
public enum INN {
    public enum Problem: Error, Sendable, Equatable {
        case notDigits, wrongLength(Int), checksum
        public var message: String {
            switch self {
            case .notDigits: "ИНН состоит только из цифр"
            case .wrongLength(let n): "ИНН организации — 10 цифр, а здесь \(n)"
            case .checksum: "контрольная цифра ИНН не сходится (опечатка?)"
            }
        }
    }

    /// The ИНН with spaces removed, or what is wrong with it.
    public static func validate(_ raw: String) -> Result<String, Problem> {
        let digits = raw.filter { !$0.isWhitespace }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.notDigits) }
        guard digits.count == 10 else { return .failure(.wrongLength(digits.count)) }
        let d = digits.compactMap { $0.wholeNumberValue }
        return checkDigit(Array(d.prefix(9))) == d[9] ? .success(digits) : .failure(.checksum)
    }

    /// The tenth digit for nine given ones.
    public static func checkDigit(_ nine: [Int]) -> Int {
        let weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
        return zip(nine, weights).map(*).reduce(0, +) % 11 % 10
    }
}
